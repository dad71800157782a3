package dev.lakeport.launch;

/** Submits the Spark job to one kind of target ({@link ClusterProfile}). */
public interface JobLauncher {

    /**
     * Submits the job and returns at once with its handle; {@code listener} hears it from then on.
     *
     * @throws JobException if the job cannot be submitted (no Spark installation, Livy unreachable, ...); nothing ran
     */
    JobHandle submit(JobSubmission submission, JobListener listener);
}
