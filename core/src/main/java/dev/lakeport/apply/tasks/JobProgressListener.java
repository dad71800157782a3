package dev.lakeport.apply.tasks;

import dev.lakeport.plan.tasks.JobTask;
import dev.lakeport.plan.tasks.StateCounts;
import dev.lakeport.plan.tasks.TimeWindow;
import java.time.Instant;

/**
 * Hears how a job's run goes, for the CLI and the desktop. Called from the runner's threads (a task's end from the
 * task's thread), after the change is stored: implementations must be thread-safe and quick.
 */
public interface JobProgressListener {
    JobProgressListener NONE = new JobProgressListener() {};

    /** The job's counts per state changed (a task started, ended, or was stopped). */
    default void counts(long jobId, StateCounts counts) {}

    /** A task started its attempt. */
    default void started(JobTask task) {}

    /** A task's attempt ended: {@code task} is as stored afterwards (SUCCEEDED, FAILED, or PENDING when stopped). */
    default void ended(JobTask task) {}

    /** No task may start before the window opens at {@code opensAt}; the runner waits. */
    default void waitingForWindow(long jobId, TimeWindow window, Instant opensAt) {}
}
