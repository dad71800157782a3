package dev.lakeport.launch;

import static dev.lakeport.launch.JobRecordsTest.progress;
import static dev.lakeport.launch.JobRecordsTest.summary;
import static dev.lakeport.launch.TestingSubmissions.CREDENTIALS;
import static dev.lakeport.launch.TestingSubmissions.SECRET_VALUES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spark-submit launcher against a fake {@code SPARK_HOME} whose {@code bin/spark-submit} is a small shell script:
 * it records its arguments, environment and the properties file it was given, prints what a driver would, and exits as
 * told. No Spark runs; what is tested is how the launcher hands the job over and follows it.
 */
@DisabledOnOs(OS.WINDOWS)
class SparkSubmitLauncherTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private Path jar;
    private Path results;
    private Path hadoopConf;
    private final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void files() throws IOException {
        jar = Files.writeString(dir.resolve(JobConf.JAR_NAME), "not really a jar");
        results = Files.createDirectories(dir.resolve("results"));
        hadoopConf = Files.createDirectories(dir.resolve("hadoop-conf"));
    }

    /** A SPARK_HOME whose spark-submit records what it got into {@code dump/}, then runs {@code body}. */
    private Path sparkHome(String name, String body) throws IOException {
        Path home = dir.resolve(name);
        Path dump = Files.createDirectories(home.resolve("dump"));
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/spark-defaults.conf"), "spark.eventLog.enabled true\n");
        String script =
                """
                #!/bin/bash
                DUMP='%s'
                printf '%%s\\n' "$@" > "$DUMP/argv"
                tr '\\0' '\\n' < /proc/$$/cmdline > "$DUMP/cmdline" 2>/dev/null || true
                echo "$HADOOP_CONF_DIR" > "$DUMP/hadoop-conf-dir"
                echo $$ > "$DUMP/pid"
                prev=""
                for a in "$@"; do
                  if [ "$prev" = "--properties-file" ]; then
                    echo "$a" > "$DUMP/props-path"
                    cp "$a" "$DUMP/props"
                    stat -c %%a "$a" > "$DUMP/props-mode"
                    stat -c %%a "$(dirname "$a")" > "$DUMP/props-dir-mode"
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

    private SparkSubmitLauncher launcher(Path home) {
        return new SparkSubmitLauncher(profile(home), Duration.ofMillis(500), Duration.ofMillis(300));
    }

    private ClusterProfile.SparkSubmit profile(Path home) {
        return new ClusterProfile.SparkSubmit(
                "test", home, Optional.of(hadoopConf), "local[2]", "client", Map.of("spark.executor.memory", "1g"));
    }

    private static String echo(JobRecord record) {
        return "echo '" + JobRecords.toLogLine(record) + "'";
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void aJobThatSucceedsIsFollowedToFinishedWithItsProgressSummaryAndLog() throws Exception {
        Path home = sparkHome(
                "ok",
                String.join(
                        "\n",
                        "echo '24/05/01 10:00:00 INFO SparkContext: Running Spark version 3.5.7'",
                        echo(progress("r1", JobProgress.EXTRACT, 10, 100, 5)),
                        echo(progress("r1", JobProgress.LOAD, 100, 100, 50)),
                        echo(summary("r1", Optional.empty())),
                        "exit 0"));
        JobSubmission submission = TestingSubmissions.submission("r1", jar, results, CREDENTIALS);

        JobHandle handle = launcher(home).submit(submission, listener);

        assertThat(handle.await(WAIT)).isEqualTo(JobState.FINISHED);
        assertThat(handle.runId()).isEqualTo("r1");
        assertThat(listener.progress()).extracting(JobProgress::phase).containsExactly("extract", "load");
        assertThat(listener.summaries()).containsExactly(summary("r1", Optional.empty()));
        assertThat(listener.states()).last().isEqualTo(JobState.FINISHED);
        assertThat(handle.summary()).contains(summary("r1", Optional.empty()));
        assertThat(handle.logTail(100)).contains("24/05/01 10:00:00 INFO SparkContext: Running Spark version 3.5.7");

        Path dump = home.resolve("dump");
        List<String> argv = Files.readAllLines(dump.resolve("argv"));
        assertThat(argv)
                .containsSubsequence("--master", "local[2]")
                .containsSubsequence("--deploy-mode", "client")
                .containsSubsequence("--class", JobConf.MAIN_CLASS)
                .contains(
                        "spark.executor.memory=1g",
                        "spark.sql.shuffle.partitions=2",
                        jar.toAbsolutePath().toString())
                .containsSubsequence(JobConf.ARG_RUN_ID, "r1");
        String b64 = argv.get(argv.indexOf(JobConf.ARG_SETTINGS_BASE64) + 1);
        Properties sent = new Properties();
        sent.load(new ByteArrayInputStream(Base64.getDecoder().decode(b64)));
        assertThat(sent).isEqualTo(TestingSubmissions.settings(results));
        assertThat(read(dump.resolve("hadoop-conf-dir")).strip())
                .isEqualTo(hadoopConf.toAbsolutePath().toString());
    }

    @Test
    void aDriverRunningHereGetsTheCredentialsInItsEnvironmentAndNothingIsWrittenToDisk() throws Exception {
        Path home = sparkHome(
                "env",
                String.join(
                        "\n",
                        "printf %s \"$LAKEPORT_AWS_SECRET_ACCESS_KEY\" | sha256sum | cut -d' ' -f1 > \"$DUMP/aws\"",
                        "printf %s \"$LAKEPORT_ALIYUN_ACCESS_KEY_SECRET\" | sha256sum | cut -d' ' -f1 > \"$DUMP/aliyun\"",
                        echo(summary("r1", Optional.empty())),
                        "exit 0"));
        JobHandle handle =
                launcher(home).submit(TestingSubmissions.submission("r1", jar, results, CREDENTIALS), listener);
        assertThat(handle.await(WAIT)).isEqualTo(JobState.FINISHED);

        Path dump = home.resolve("dump");
        assertThat(read(dump.resolve("aws")).strip()).isEqualTo(sha256(TestingSubmissions.AWS_SECRET));
        assertThat(read(dump.resolve("aliyun")).strip()).isEqualTo(sha256(TestingSubmissions.ALIYUN_SECRET));
        assertThat(Files.readAllLines(dump.resolve("argv"))).doesNotContain("--properties-file");
        String cmdline = read(dump.resolve("cmdline"));
        String log = String.join("\n", handle.logTail(JobTracker.DEFAULT_LOG_LINES));
        for (String secret : SECRET_VALUES) {
            assertThat(cmdline).as("the process's command line").doesNotContain(secret);
            assertThat(log).as("log tail").doesNotContain(secret);
        }
        // the job reads them back from the same names
        assertThat(JobCredentials.fromEnvironment(CREDENTIALS.toEnvironment())).isEqualTo(CREDENTIALS);
    }

    private static String sha256(String s) throws Exception {
        return java.util.HexFormat.of()
                .formatHex(
                        java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void inClusterModeCredentialsReachSparkSubmitInAPrivateFileThatIsGoneAfterwardsNeverOnItsCommandLineOrInTheLog()
            throws Exception {
        Path home = sparkHome(
                "secrets",
                String.join(
                        "\n", "cat \"$(cat \"$DUMP/props-path\")\"", echo(summary("r1", Optional.empty())), "exit 0"));
        SparkSubmitLauncher clusterMode = new SparkSubmitLauncher(
                new ClusterProfile.SparkSubmit("test", home, Optional.of(hadoopConf), "yarn", "cluster", Map.of()),
                Duration.ofMillis(500),
                Duration.ofMillis(300));
        JobHandle handle = clusterMode.submit(TestingSubmissions.submission("r1", jar, results, CREDENTIALS), listener);
        assertThat(handle.await(WAIT)).isEqualTo(JobState.FINISHED);

        Path dump = home.resolve("dump");
        String argv = read(dump.resolve("argv"));
        String cmdline = read(dump.resolve("cmdline"));
        String log = String.join("\n", handle.logTail(JobTracker.DEFAULT_LOG_LINES));
        String heard = String.join("\n", listener.events());
        for (String secret : SECRET_VALUES) {
            assertThat(argv).as("argv").doesNotContain(secret);
            assertThat(cmdline).as("the process's command line, as ps shows it").doesNotContain(secret);
            assertThat(log).as("log tail").doesNotContain(secret);
            assertThat(heard).as("listener").doesNotContain(secret);
        }
        assertThat(log)
                .as("the script printed the file; its values were masked")
                .contains("****");

        Properties given = new Properties();
        given.load(Files.newBufferedReader(dump.resolve("props")));
        assertThat(given.getProperty(JobConf.credentialSetting("aws.secretAccessKey")))
                .isEqualTo(TestingSubmissions.AWS_SECRET);
        assertThat(given.getProperty(JobConf.credentialSetting("aliyun.secretAccessKey")))
                .isEqualTo(TestingSubmissions.ALIYUN_SECRET);
        assertThat(given.getProperty("spark.eventLog.enabled"))
                .as("the client's spark-defaults.conf still applies")
                .isEqualTo("true");
        assertThat(read(dump.resolve("props-mode")).strip()).isEqualTo("600");
        assertThat(read(dump.resolve("props-dir-mode")).strip()).isEqualTo("700");
        Path file = Path.of(read(dump.resolve("props-path")).strip());
        assertThat(file).doesNotExist();
        assertThat(file.getParent()).doesNotExist();
    }

    @Test
    void withoutCredentialsNoPropertiesFileIsGivenSoSparkReadsItsOwnDefaults() throws Exception {
        Path home = sparkHome("roles", echo(summary("r1", Optional.empty())) + "\nexit 0");
        JobHandle handle =
                launcher(home).submit(TestingSubmissions.submission("r1", jar, results, JobCredentials.NONE), listener);
        assertThat(handle.await(WAIT)).isEqualTo(JobState.FINISHED);
        assertThat(Files.readAllLines(home.resolve("dump/argv"))).doesNotContain("--properties-file");
    }

    @Test
    void aJobThatFailsWithAnErrorInItsSummaryIsFailedWithThatError() throws Exception {
        Path home = sparkHome(
                "fails",
                String.join(
                        "\n",
                        echo(progress("r1", JobProgress.EXTRACT, 0, -1, 0)),
                        echo(summary("r1", Optional.of("DLF at 127.0.0.1:9 refused the connection"))),
                        "echo 'Exception in thread \"main\" dev.lakeport.connector.ConnectorException: refused' >&2",
                        "exit 1"));
        JobHandle handle =
                launcher(home).submit(TestingSubmissions.submission("r1", jar, results, CREDENTIALS), listener);

        assertThat(handle.await(WAIT)).isEqualTo(JobState.FAILED);
        assertThat(handle.error()).contains("DLF at 127.0.0.1:9 refused the connection");
        assertThat(listener.states()).containsOnlyOnce(JobState.FAILED).last().isEqualTo(JobState.FAILED);
        assertThat(handle.logTail(10)).as("stderr is in the log too").anySatisfy(l -> assertThat(l)
                .contains("Exception in thread \"main\""));
    }

    @Test
    void aDriverThatDiesWithoutASummaryIsFailed() throws Exception {
        Path home = sparkHome(
                "dies",
                String.join(
                        "\n",
                        echo(progress("r1", JobProgress.EXTRACT, 0, -1, 0)),
                        "echo 'java.lang.OutOfMemoryError: Java heap space' >&2",
                        "exit 52"));
        JobHandle handle =
                launcher(home).submit(TestingSubmissions.submission("r1", jar, results, CREDENTIALS), listener);

        assertThat(handle.await(WAIT)).isEqualTo(JobState.FAILED);
        assertThat(handle.error()).hasValueSatisfying(e -> assertThat(e).contains("failed"));
        assertThat(handle.summary()).isEmpty();
        assertThat(handle.logTail(10)).contains("java.lang.OutOfMemoryError: Java heap space");
    }

    @Test
    void aJobThatExitsZeroWithoutASummaryIsFailedNotFinished() throws Exception {
        Path home = sparkHome("silent", "exit 0");
        JobHandle handle =
                launcher(home).submit(TestingSubmissions.submission("r1", jar, results, CREDENTIALS), listener);
        assertThat(handle.await(WAIT)).isEqualTo(JobState.FAILED);
        assertThat(handle.error()).hasValueSatisfying(e -> assertThat(e).contains("without"));
    }

    @Test
    void cancelKillsTheChildAndTheJobEndsKilled() throws Exception {
        Path home = sparkHome(
                "sleeps", String.join("\n", echo(progress("r1", JobProgress.EXTRACT, 1, 100, 1)), "exec sleep 600"));
        JobHandle handle =
                launcher(home).submit(TestingSubmissions.submission("r1", jar, results, CREDENTIALS), listener);
        waitFor(() -> handle.lastProgress().isPresent(), "the first progress record");
        long pid = Long.parseLong(read(home.resolve("dump/pid")).strip());

        handle.cancel();

        assertThat(handle.await(WAIT)).isEqualTo(JobState.KILLED);
        assertThat(listener.states()).containsOnlyOnce(JobState.KILLED);
        waitFor(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true), "spark-submit to be gone");
        assertThat(handle.error()).contains("cancelled");
        handle.cancel();
        assertThat(handle.state()).isEqualTo(JobState.KILLED);
    }

    @Test
    void aChildKilledBySomeoneElseEndsFailed() throws Exception {
        Path home = sparkHome(
                "killed", String.join("\n", echo(progress("r1", JobProgress.EXTRACT, 1, 100, 1)), "exec sleep 600"));
        JobHandle handle =
                launcher(home).submit(TestingSubmissions.submission("r1", jar, results, CREDENTIALS), listener);
        waitFor(() -> handle.lastProgress().isPresent(), "the first progress record");
        long pid = Long.parseLong(read(home.resolve("dump/pid")).strip());

        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        assertThat(handle.await(WAIT)).isEqualTo(JobState.FAILED);
        assertThat(listener.states()).containsOnlyOnce(JobState.FAILED);
        assertThat(handle.error()).hasValueSatisfying(e -> assertThat(e).contains("failed"));
    }

    @Test
    void aProfileThisMachineCannotUseSaysWhyAndSubmitsNothing() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty-home"));
        ClusterProfile.SparkSubmit noSubmit = profile(empty);
        assertThat(JobLaunchers.unavailable(noSubmit))
                .hasValueSatisfying(why -> assertThat(why).contains("there is no bin/spark-submit under " + empty));
        assertThatThrownBy(() -> JobLaunchers.forProfile(noSubmit)
                        .submit(TestingSubmissions.submission("r1", jar, results, CREDENTIALS), listener))
                .isInstanceOf(JobException.class)
                .hasMessageContaining("bin/spark-submit");

        Path notExecutable = sparkHome("not-executable", "exit 0");
        Files.setPosixFilePermissions(
                notExecutable.resolve("bin/spark-submit"), PosixFilePermissions.fromString("rw-------"));
        assertThat(JobLaunchers.unavailable(profile(notExecutable)))
                .hasValueSatisfying(why -> assertThat(why).contains("is not executable"));

        ClusterProfile.SparkSubmit missingHome = new ClusterProfile.SparkSubmit(
                "gone", dir.resolve("nowhere"), Optional.empty(), "local[1]", "client", Map.of());
        assertThat(JobLaunchers.unavailable(missingHome))
                .hasValueSatisfying(why -> assertThat(why).contains("is not a folder"));

        Path ok = sparkHome("ok", "exit 0");
        assertThat(JobLaunchers.unavailable(profile(ok))).isEmpty();
        assumeTrue(System.getenv("HADOOP_CONF_DIR") == null && System.getenv("YARN_CONF_DIR") == null);
        ClusterProfile.SparkSubmit yarn =
                new ClusterProfile.SparkSubmit("emr", ok, Optional.empty(), "yarn", "cluster", Map.of());
        assertThat(JobLaunchers.unavailable(yarn))
                .hasValueSatisfying(why -> assertThat(why).contains("set hadoopConfDir of profile 'emr'"));
        assertThat(listener.events()).isEmpty();
    }

    @Test
    void aMissingJobJarIsRefusedBeforeAnythingRuns() throws Exception {
        Path home = sparkHome("nojar", "exit 0");
        JobSubmission submission =
                TestingSubmissions.submission("r1", dir.resolve("missing.jar"), results, CREDENTIALS);
        assertThatThrownBy(() -> launcher(home).submit(submission, listener))
                .isInstanceOf(JobException.class)
                .hasMessageContaining("missing.jar does not exist");
        assertThat(home.resolve("dump/argv")).doesNotExist();
    }
}
