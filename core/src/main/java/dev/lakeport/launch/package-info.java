/**
 * Submitting the bundled Spark job and following it to the end. A {@link dev.lakeport.launch.ClusterProfile} says where
 * the job runs (a Spark client with the user's {@code SPARK_HOME}, an Apache Livy server, or in this process); a
 * {@link dev.lakeport.launch.JobLauncher} submits a {@link dev.lakeport.launch.JobSubmission} there and returns a
 * {@link dev.lakeport.launch.JobHandle} whose {@link dev.lakeport.launch.JobListener} hears the state, the job's progress
 * records ({@link dev.lakeport.launch.JobRecords}) and the driver log.
 *
 * <p>Only {@code org.apache.spark.launcher} (Spark's small client library, no Spark runtime) is used here; the job
 * itself lives in the {@code spark-job} module.
 */
package dev.lakeport.launch;
