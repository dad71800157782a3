package dev.lakeport.sparkjob;

/**
 * The job's main class under its first name, kept so that submit commands and schedules written for it keep working.
 *
 * @deprecated submit {@link MigrationJob}; this class only hands over to it
 */
@Deprecated
public final class GlueToDlfJob {
    private GlueToDlfJob() {}

    public static void main(String[] args) {
        MigrationJob.main(args);
    }
}
