package dev.lakeport.sparkjob;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.copy.CopyPlan;
import dev.lakeport.copy.CopyResult;
import dev.lakeport.launch.ClusterProfile;
import dev.lakeport.launch.JobCredentials;
import dev.lakeport.launch.JobJar;
import dev.lakeport.launch.JobLaunchers;
import dev.lakeport.launch.JobListener;
import dev.lakeport.launch.JobState;
import dev.lakeport.launch.JobSubmission;
import dev.lakeport.launch.TestingSparkHome;
import dev.lakeport.pipeline.Migration;
import dev.lakeport.pipeline.SparkCopy;
import dev.lakeport.plan.tasks.TaskState;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The first scenario of {@link CopyJobTest} with the copy submitted to a Spark on MaxCompute profile: the launcher runs
 * the client's {@code bin/spark-submit} with master {@code yarn}, deploy mode {@code cluster}, the odps settings, the
 * plan inline and the access key in its private properties file, and the project imports the result. The real client
 * needs an Alibaba Cloud account, so the client here is a stand-in laid out like it ({@code bin/spark-submit},
 * {@code RELEASE}, {@code jars/}): its {@code spark-submit} records what it was given, then hands the same arguments to
 * the test's real Spark with master {@code local[2]} instead of YARN. The rows land in the MaxCompute emulator of this
 * JVM and are read back through the Tunnel by the scenario.
 */
class MaxComputeSparkSubmitIT extends CopyJobTest {
    private static final java.time.Duration BOUND = java.time.Duration.ofMinutes(5);

    /** The launchers' in-process Spark in the same failsafe JVM needs no other application alive. */
    @org.junit.jupiter.api.AfterAll
    static void stopSpark() {
        SharedSpark.stop();
    }

    /** A folder laid out like the MaxCompute Spark client whose spark-submit runs the local Spark instead of YARN. */
    private Path standInClient() throws IOException {
        Path home = dir.resolve("spark-3.5.2-odps0.49.0");
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("jars"));
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("RELEASE"), "Spark 3.5.2 (git revision stand-in) built for Hadoop 3.3.4\n");
        Files.writeString(home.resolve("jars/spark-core_2.12-3.5.2-odps0.49.0.jar"), "");
        Path real = TestingSparkHome.get().resolve("bin/spark-submit");
        String script =
                """
                #!/bin/bash
                HOME_DIR="$(cd "$(dirname "$0")/.." && pwd)"
                printf '%%s\\n' "$@" > "$HOME_DIR/argv"
                args=()
                while [ $# -gt 0 ]; do
                  case "$1" in
                    --master) args+=(--master 'local[2]'); shift 2 ;;
                    --deploy-mode) shift 2 ;;
                    --properties-file)
                      grep -c '^spark.hadoop.odps.access.key=' "$2" > "$HOME_DIR/odps-key-lines"
                      stat -c %%a "$2" > "$HOME_DIR/props-mode"
                      echo "$2" > "$HOME_DIR/props-path"
                      args+=("$1" "$2"); shift 2 ;;
                    *) args+=("$1"); shift ;;
                  esac
                done
                exec '%s' "${args[@]}"
                """
                        .formatted(real);
        Path submit = Files.writeString(home.resolve("bin/spark-submit"), script);
        Files.setPosixFilePermissions(submit, PosixFilePermissions.fromString("rwx------"));
        return home;
    }

    @Override
    CopyResult runJob(Path planFile, String runId) throws IOException {
        Path jar = Path.of(System.getProperty(JobJar.PROPERTY));
        assertThat(jar).as("the job jar (package spark-job first)").isRegularFile();
        Path client = standInClient();
        Map<String, String> settings = settings();
        ClusterProfile.MaxComputeSpark profile = new ClusterProfile.MaxComputeSpark(
                "odps",
                client,
                "",
                settings.get("maxcompute.project"),
                settings.get("maxcompute.endpoint"),
                Optional.empty(),
                Map.of("spark.ui.enabled", "false"));
        assertThat(JobLaunchers.unavailable(profile)).isEmpty();
        CopyPlan plan;
        try (InputStream in = Files.newInputStream(planFile)) {
            plan = CopyPlan.read(in, planFile.toString());
        }
        Properties all = new Properties();
        all.putAll(settings);
        JobCredentials credentials = JobCredentials.split(all).credentials();
        JobSubmission submission = SparkCopy.submission(
                settings,
                credentials,
                plan,
                settings.get("result.output.path"),
                runId,
                "lakeport-odps-" + runId,
                jar,
                Map.of());
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        JobListener listener = new JobListener() {
            @Override
            public void logLine(String line) {
                log.add(line);
            }
        };
        CancellationToken cancel = new CancellationToken();
        SparkCopy.Outcome outcome;
        java.util.concurrent.ScheduledExecutorService guard =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        guard.schedule(cancel::cancel, BOUND.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        try (Migration m = open()) {
            outcome = SparkCopy.run(
                    m.copies(), JobLaunchers.forProfile(profile), submission, listener, ProgressListener.NONE, cancel);
            String driver = String.join("\n", log);
            assertThat(outcome.state()).as(driver).isEqualTo(JobState.FINISHED);
            assertThat(outcome.imported())
                    .as("the result file is in a folder of this computer: imported at once")
                    .hasValueSatisfying(
                            c -> assertThat(c.get(TaskState.PENDING)).isZero());
            assertThat(m.copies().jobs().tasks(plan.jobId()))
                    .allSatisfy(t -> assertThat(t.state()).isEqualTo(TaskState.SUCCEEDED));
            assertThat(driver).as("no secret in the driver's output").doesNotContain("test-secret");
        } finally {
            guard.shutdownNow();
        }

        List<String> argv = Files.readAllLines(client.resolve("argv"));
        assertThat(argv)
                .containsSubsequence("--master", "yarn")
                .containsSubsequence("--deploy-mode", "cluster")
                .containsSubsequence("--class", "dev.lakeport.sparkjob.copy.CopyJob")
                .contains(
                        "spark.hadoop.odps.project.name=" + settings.get("maxcompute.project"),
                        "spark.hadoop.odps.end.point=" + settings.get("maxcompute.endpoint"),
                        "spark.hadoop.odps.spark.version=spark-3.5.2-odps0.49.0",
                        "--plan-base64");
        assertThat(String.join("\n", argv)).doesNotContain("test-secret").doesNotContain("test-access-id");
        assertThat(Files.readString(client.resolve("odps-key-lines")).strip()).isEqualTo("1");
        assertThat(Files.readString(client.resolve("props-mode")).strip()).isEqualTo("600");
        assertThat(Path.of(Files.readString(client.resolve("props-path")).strip()))
                .as("the credentials file is gone")
                .doesNotExist();

        Path result = Path.of(outcome.resultFile());
        assertThat(result.getFileName().toString()).isEqualTo(CopyResult.fileName(runId));
        try (InputStream in = Files.newInputStream(result)) {
            return CopyResult.read(in, result.toString());
        }
    }

    @Override
    void aSecondRunReplacesInsteadOfAddingAndAResultImportedTwiceChangesNothing() {}

    @Override
    void aTaskWhoseDestinationTableIsMissingFailsAloneNamingItAndTheImportMarksItFailed() {}

    @Override
    void commitsThatLoseTheirAnswerNeitherDuplicateNorDropRows() {}

    @Override
    void aPlanThatCannotBeReadStopsTheRunBeforeAnythingIsCopiedNamingTheFile() {}

    @Override
    void aResultOfAnotherJobsTasksChangesNothingAndSaysWhy() {}
}
