package dev.lakeport.launch;

import java.util.Optional;

/**
 * Hears a submitted job. Called from the launcher's threads (never the caller's): implementations must be thread-safe
 * and quick. An exception thrown here is logged and ignored: watching a job never stops it.
 */
public interface JobListener {
    JobListener NONE = new JobListener() {};

    /** The job moved to {@code state}; {@code applicationId} is the cluster's id (YARN, Livy, local) once known. */
    default void stateChanged(JobState state, Optional<String> applicationId) {}

    /** A progress record of the job. */
    default void progress(JobProgress progress) {}

    /** The job's summary record, just before it reaches {@link JobState#FINISHED}. */
    default void summary(JobSummary summary) {}

    /** A line of the driver's (or the submitting client's) log. */
    default void logLine(String line) {}
}
