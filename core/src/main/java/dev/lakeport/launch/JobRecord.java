package dev.lakeport.launch;

/** A record the job writes while it runs: progress, and one summary at the end. See {@link JobRecords}. */
public sealed interface JobRecord permits JobProgress, JobSummary {
    String runId();
}
