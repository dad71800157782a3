package dev.lakeport.launch;

import static dev.lakeport.launch.JobRecordsTest.summary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeport.secret.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark on MaxCompute through the spark-submit launcher, against a folder laid out like the MaxCompute Spark client
 * ({@code bin/spark-submit}, {@code RELEASE}, {@code jars/}) whose {@code spark-submit} records what it was given:
 * the odps settings on the command line, the access id and secret only in the private properties file, which is gone
 * afterwards; and the preflight's words for a client that cannot run the job.
 */
@DisabledOnOs(OS.WINDOWS)
class MaxComputeSparkLauncherTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ACCESS_ID = "test-access-id-" + "mc42";
    private static final String ACCESS_SECRET = "test-secret-" + "Q7wz3";
    private static final JobCredentials CREDENTIALS = new JobCredentials(Map.of(
            "maxcompute.accessKeyId", Secret.of(ACCESS_ID), "maxcompute.accessKeySecret", Secret.of(ACCESS_SECRET)));

    @TempDir
    Path dir;

    private Path jar;
    private Path results;
    private final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void files() throws IOException {
        jar = Files.writeString(dir.resolve(JobConf.JAR_NAME), "not really a jar");
        results = Files.createDirectories(dir.resolve("results"));
    }

    /** A client folder: {@code RELEASE} naming {@code release}, and a spark-submit that dumps what it got. */
    private Path client(String name, String release, String body) throws IOException {
        Path home = dir.resolve(name);
        Path dump = Files.createDirectories(home.resolve("dump"));
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("jars"));
        Files.createDirectories(home.resolve("conf"));
        if (release != null) {
            Files.writeString(home.resolve("RELEASE"), release);
        }
        String script =
                """
                #!/bin/bash
                DUMP='%s'
                printf '%%s\\n' "$@" > "$DUMP/argv"
                tr '\\0' '\\n' < /proc/$$/cmdline > "$DUMP/cmdline" 2>/dev/null || true
                prev=""
                for a in "$@"; do
                  if [ "$prev" = "--properties-file" ]; then
                    echo "$a" > "$DUMP/props-path"
                    cp "$a" "$DUMP/props"
                    stat -c %%a "$a" > "$DUMP/props-mode"
                  fi
                  prev="$a"
                done
                %s
                """
                        .formatted(dump, body);
        Path submit = Files.writeString(home.resolve("bin/spark-submit"), script);
        Files.setPosixFilePermissions(submit, PosixFilePermissions.fromString("rwx------"));
        return home;
    }

    private static ClusterProfile.MaxComputeSpark profile(Path home) {
        return new ClusterProfile.MaxComputeSpark(
                "odps",
                home,
                "",
                "lake_project",
                "https://service.cn-hangzhou.maxcompute.aliyun.com/api",
                Optional.of("http://service.cn-hangzhou.maxcompute.aliyun-inc.com/api"),
                Map.of("spark.executor.instances", "4"));
    }

    private JobSubmission copySubmission(String runId) {
        Properties settings = new Properties();
        settings.setProperty("maxcompute.project", "lake_project");
        settings.setProperty("result.output.path", results.toString());
        return new JobSubmission(
                runId,
                "lakeport-" + runId,
                settings,
                CREDENTIALS,
                jar,
                Map.of(),
                JobConf.COPY_MAIN_CLASS,
                CopyPlanArgs.inline("{\"jobId\":3,\"tasks\":[]}"));
    }

    @Test
    void aCopySubmittedToSparkOnMaxComputeCarriesTheOdpsSettingsAndKeepsTheAccessKeyInAPrivateFileGoneAfterwards()
            throws Exception {
        Path home = client(
                "client",
                "Spark 3.5.2 built for Hadoop 3.3.4\n",
                String.join("\n", "cat \"$(cat \"$DUMP/props-path\")\"", echoSummary("c1"), "exit 0"));

        JobHandle handle = new SparkSubmitLauncher(profile(home), Duration.ofMillis(500), Duration.ofMillis(300))
                .submit(copySubmission("c1"), listener);

        assertThat(handle.await(WAIT)).isEqualTo(JobState.FINISHED);
        Path dump = home.resolve("dump");
        List<String> argv = Files.readAllLines(dump.resolve("argv"));
        assertThat(argv)
                .containsSubsequence("--master", "yarn")
                .containsSubsequence("--deploy-mode", "cluster")
                .containsSubsequence("--class", "dev.lakeport.sparkjob.copy.CopyJob")
                .contains(
                        "spark.hadoop.odps.project.name=lake_project",
                        "spark.hadoop.odps.end.point=https://service.cn-hangzhou.maxcompute.aliyun.com/api",
                        "spark.hadoop.odps.runtime.end.point=http://service.cn-hangzhou.maxcompute.aliyun-inc.com/api",
                        "spark.hadoop.odps.spark.version=spark-3.5.2-odps0.49.0",
                        "spark.hadoop.odps.kube.mode=true",
                        "spark.hadoop.odps.cupid.data.proxy.enable=true",
                        "spark.hadoop.odps.spark.libs.public.enable=true",
                        "spark.executor.instances=4")
                .containsSubsequence(JobConf.ARG_RUN_ID, "c1")
                .contains(CopyPlanArgs.ARG_PLAN_BASE64);
        String plan = argv.get(argv.indexOf(CopyPlanArgs.ARG_PLAN_BASE64) + 1);
        assertThat(new String(CopyPlanArgs.decode(plan), StandardCharsets.UTF_8))
                .isEqualTo("{\"jobId\":3,\"tasks\":[]}");

        Properties given = new Properties();
        given.load(Files.newBufferedReader(dump.resolve("props")));
        assertThat(given.getProperty("spark.hadoop.odps.access.id")).isEqualTo(ACCESS_ID);
        assertThat(given.getProperty("spark.hadoop.odps.access.key")).isEqualTo(ACCESS_SECRET);
        assertThat(given.getProperty(JobConf.credentialSetting("maxcompute.accessKeySecret")))
                .as("the job's own Tunnel writer reads them too")
                .isEqualTo(ACCESS_SECRET);
        assertThat(Files.readString(dump.resolve("props-mode")).strip()).isEqualTo("600");
        Path file = Path.of(Files.readString(dump.resolve("props-path")).strip());
        assertThat(file).as("deleted once the job ended").doesNotExist();

        String cmdline = Files.readString(dump.resolve("cmdline"));
        String log = String.join("\n", handle.logTail(JobTracker.DEFAULT_LOG_LINES));
        String heard = String.join("\n", listener.events);
        for (String secret : List.of(ACCESS_ID, ACCESS_SECRET)) {
            assertThat(String.join("\n", argv)).as("argv").doesNotContain(secret);
            assertThat(cmdline).as("the command line, as ps shows it").doesNotContain(secret);
            assertThat(log).as("the log, where the script printed the file").doesNotContain(secret);
            assertThat(heard).as("the listener").doesNotContain(secret);
        }
    }

    @Test
    void thePreflightNamesWhatIsWrongWithTheClientOrTheProfile() throws Exception {
        Path good = client("good", "Spark 3.5.2 built for Hadoop 3.3.4\n", "exit 0");
        assertThat(JobLaunchers.unavailable(profile(good))).isEmpty();

        Path missing = dir.resolve("nowhere");
        assertThat(JobLaunchers.unavailable(profile(missing)))
                .hasValueSatisfying(
                        m -> assertThat(m).contains(missing.toString()).contains("does not exist"));

        Path noSubmit = Files.createDirectories(dir.resolve("empty-client"));
        assertThat(JobLaunchers.unavailable(profile(noSubmit)))
                .hasValueSatisfying(m -> assertThat(m).contains("there is no bin/spark-submit under " + noSubmit));

        Path old = client("old", "Spark 3.4.2 built for Hadoop 3.3.1\n", "exit 0");
        assertThat(JobLaunchers.unavailable(profile(old))).hasValueSatisfying(m -> assertThat(m)
                .contains("is Spark 3.4")
                .contains("the job needs Spark 3.5 (and Java 17)")
                .contains("spark-3.5.2-odps0.49.0"));

        Path byJar = client("by-jar", null, "exit 0");
        Files.writeString(byJar.resolve("jars/spark-core_2.11-2.4.5-odps0.34.0.jar"), "");
        assertThat(JobLaunchers.unavailable(profile(byJar)))
                .hasValueSatisfying(m -> assertThat(m).contains("is Spark 2.4"));
        Files.delete(byJar.resolve("jars/spark-core_2.11-2.4.5-odps0.34.0.jar"));
        Files.writeString(byJar.resolve("jars/spark-core_2.12-3.5.2-odps0.49.0.jar"), "");
        assertThat(JobLaunchers.unavailable(profile(byJar))).isEmpty();

        Path unknown = client("unknown", null, "exit 0");
        assertThat(JobLaunchers.unavailable(profile(unknown)))
                .hasValueSatisfying(m -> assertThat(m).contains("cannot be read"));

        ClusterProfile.MaxComputeSpark noProject = new ClusterProfile.MaxComputeSpark(
                "odps",
                good,
                "",
                " ",
                "https://service.cn-hangzhou.maxcompute.aliyun.com/api",
                Optional.empty(),
                Map.of());
        assertThat(JobLaunchers.unavailable(noProject))
                .hasValueSatisfying(m -> assertThat(m).contains("project").contains("spark.hadoop.odps.project.name"));
        ClusterProfile.MaxComputeSpark noEndpoint =
                new ClusterProfile.MaxComputeSpark("odps", good, "", "lake", "", Optional.empty(), Map.of());
        assertThat(JobLaunchers.unavailable(noEndpoint))
                .hasValueSatisfying(m -> assertThat(m).contains("endpoint").contains("spark.hadoop.odps.end.point"));

        assertThatThrownBy(() -> JobLaunchers.forProfile(profile(old)).submit(copySubmission("c2"), listener))
                .isInstanceOf(JobException.class)
                .hasMessageContaining("is Spark 3.4");
        assertThat(old.resolve("dump/argv")).as("nothing was started").doesNotExist();
    }

    private static String echoSummary(String runId) {
        return "echo '" + JobRecords.toLogLine(summary(runId, Optional.empty())) + "'";
    }
}
