package dev.lakeport.apply.tasks;

/**
 * What a task does: the metadata step, the data copy, the verification. {@link JobRunner} calls it once per attempt,
 * on a thread of its own; work for the steps of {@link TaskContext#task()} runs them in their order.
 *
 * <p>The work returns {@link TaskOutcome#failed} or throws when the task failed; it checks
 * {@link TaskContext#checkCancelled()} between batches and, when the job is cancelled, throws its
 * {@link java.util.concurrent.CancellationException}: the task then stays PENDING and runs again when the job resumes.
 * A task may run again after it did part or all of its work (a process killed just before its end is recorded), so the
 * work must be safe to repeat: it replaces what an earlier attempt wrote, never adds to it.
 */
@FunctionalInterface
public interface TaskWork {
    TaskOutcome run(TaskContext context) throws Exception;
}
