package dev.lakeport.cli;

import dev.lakeport.apply.tasks.JobStore;
import dev.lakeport.apply.tasks.TaskCount;
import dev.lakeport.pipeline.DataCopy;
import dev.lakeport.pipeline.Migration;
import dev.lakeport.plan.tasks.Job;
import dev.lakeport.plan.tasks.JobTask;
import dev.lakeport.plan.tasks.TaskLogEntry;
import dev.lakeport.plan.tasks.TaskState;
import dev.lakeport.progress.CancellationToken;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Lists the project's jobs, a job's tasks, or one task's log and counts. Changes nothing. */
@Command(
        name = "tasks",
        mixinStandardHelpOptions = true,
        description = "List the project's copy jobs; with --job, its tasks and their states; with --task, a task's log"
                + " and the counts its verification found. Changes nothing.")
final class TasksCommand extends StepCommand {
    @Option(names = "--job", paramLabel = "ID", description = "List this job's tasks.")
    Long jobId;

    @Option(
            names = "--state",
            paramLabel = "STATE",
            description = "Only tasks in this state: pending, running, succeeded or failed.")
    String state;

    @Option(names = "--task", paramLabel = "ID", description = "Show this task's log and counts.")
    Long taskId;

    /** With --job: the verification report (tables, partitions' counts, tasks' logs, the latest diff). */
    @picocli.CommandLine.Mixin
    ExportOptions export;

    @Override
    int run(Migration migration, CancellationToken cancel) throws java.io.IOException {
        DataCopy copies = migration.copies();
        JobStore store = copies.jobs();
        PrintWriter out = out();
        if (taskId != null) {
            JobTask task = store.task(taskId)
                    .orElseThrow(() -> new IllegalArgumentException("the project has no task " + taskId
                            + "; 'lakeport-cli tasks --job ID' lists a job's tasks"));
            out.printf(
                    "Task %d of job %d: %s, %s, %d attempts%s%n",
                    task.id(),
                    task.jobId(),
                    task.describe(),
                    task.state().name().toLowerCase(Locale.ROOT),
                    task.attempts(),
                    task.lastError().map(e -> "; last error: " + e).orElse(""));
            if (!task.partitions().isEmpty()) {
                out.println("Partitions: " + task.partitions());
            }
            out.println("Log:");
            for (TaskLogEntry line : store.log(task.id())) {
                out.printf("  %s %-5s %s%n", line.at(), line.level(), line.message());
            }
            List<TaskCount> counts = store.verifications(task.jobId()).stream()
                    .filter(c -> c.taskId() == task.id())
                    .toList();
            if (!counts.isEmpty()) {
                out.println("Counts (source, written, destination):");
                for (TaskCount c : counts) {
                    out.printf(
                            "  %s  %s %s %s%s%n",
                            c.counts().partition().isEmpty()
                                    ? c.counts().table()
                                    : c.counts().partition(),
                            shown(c.counts().source()),
                            shown(c.counts().written()),
                            shown(c.counts().destination()),
                            c.mismatch().map(m -> "  DISAGREE: " + m).orElse(""));
                }
            }
            out.flush();
            return ExitCode.OK;
        }
        if (jobId == null) {
            List<Job> jobs = store.jobs();
            if (jobs.isEmpty()) {
                out.println("No jobs yet: 'lakeport-cli copy' plans and runs one.");
            }
            for (Job job : jobs) {
                out.printf(
                        "Job %d  %s  %s  %-8s  %s%n",
                        job.id(),
                        job.createdAt(),
                        job.label(),
                        job.spec().mode().word(),
                        job.counts());
            }
            out.flush();
            return ExitCode.OK;
        }
        Job job = copies.job(jobId);
        Optional<TaskState> only = Optional.ofNullable(state).map(TasksCommand::state);
        List<JobTask> tasks = only.map(s -> store.tasks(job.id(), s)).orElseGet(() -> store.tasks(job.id()));
        out.printf(
                "Job %d: %s, %s, %s%n", job.id(), job.label(), job.spec().mode().word(), job.counts());
        for (JobTask task : tasks) {
            out.printf(
                    "  task %d  %-9s  %s%s%n",
                    task.id(),
                    task.state().name().toLowerCase(Locale.ROOT),
                    task.describe(),
                    task.lastError()
                            .filter(e -> task.state() == TaskState.FAILED)
                            .map(e -> "  " + e)
                            .orElse(""));
        }
        out.flush();
        return ExitCode.OK;
    }

    private static TaskState state(String text) {
        try {
            return TaskState.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--state " + text + ": give pending, running, succeeded or failed", e);
        }
    }

    private static String shown(java.util.OptionalLong n) {
        return n.isPresent() ? String.format(Locale.ROOT, "%,d", n.getAsLong()) : "-";
    }
}
