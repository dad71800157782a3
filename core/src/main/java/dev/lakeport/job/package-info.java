/**
 * Submitting the bundled Spark job and following it to the end. A {@link dev.lakeport.job.ClusterProfile} says where
 * the job runs (a Spark client with the user's {@code SPARK_HOME}, an Apache Livy server, or in this process); a
 * {@link dev.lakeport.job.JobLauncher} submits a {@link dev.lakeport.job.JobSubmission} there and returns a
 * {@link dev.lakeport.job.JobHandle} whose {@link dev.lakeport.job.JobListener} hears the state, the job's progress
 * records ({@link dev.lakeport.job.JobRecords}) and the driver log.
 *
 * <p>Only {@code org.apache.spark.launcher} (Spark's small client library, no Spark runtime) is used here; the job
 * itself lives in the {@code spark-job} module.
 */
package dev.lakeport.job;
