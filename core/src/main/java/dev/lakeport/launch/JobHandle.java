package dev.lakeport.launch;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A submitted job, followed until it ends. Thread-safe. */
public interface JobHandle {

    String runId();

    JobState state();

    /** The cluster's id of the application (YARN application id, Livy batch id, local app id), once known. */
    Optional<String> applicationId();

    Optional<JobProgress> lastProgress();

    /** The job's summary record, once it has written one. */
    Optional<JobSummary> summary();

    /**
     * Why the job ended {@link JobState#FAILED} or {@link JobState#KILLED}: the error of its summary, else what the
     * launcher saw (the cluster's message, an exit code, "cancelled"). Empty while it runs and when it finished.
     */
    default Optional<String> error() {
        return summary().flatMap(JobSummary::error);
    }

    /** The last lines of the driver log, oldest first, at most {@code lines}. */
    List<String> logTail(int lines);

    /** Kills the job (idempotent). The state becomes {@link JobState#KILLED} once the cluster confirms. */
    void cancel();

    /**
     * Waits until the job reaches a final state or {@code timeout} passes; returns the state then.
     *
     * @throws InterruptedException if the waiting thread is interrupted (the job goes on)
     */
    JobState await(Duration timeout) throws InterruptedException;
}
