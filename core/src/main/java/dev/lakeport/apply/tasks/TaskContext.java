package dev.lakeport.apply.tasks;

import dev.lakeport.plan.tasks.JobTask;
import dev.lakeport.plan.tasks.TaskLogEntry;
import java.util.concurrent.CancellationException;

/** What a task's work gets from the runner: the task, its log, and whether the job was cancelled. */
public interface TaskContext {

    /** The task as it was when this attempt started (state RUNNING). */
    JobTask task();

    /** Adds a line to the task's log in the project. */
    void log(TaskLogEntry.Level level, String message);

    default void info(String message) {
        log(TaskLogEntry.Level.INFO, message);
    }

    default void warn(String message) {
        log(TaskLogEntry.Level.WARN, message);
    }

    boolean isCancelled();

    /** Throws {@link CancellationException} if the job was cancelled: the task stays PENDING. */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new CancellationException("the job was cancelled");
        }
    }
}
