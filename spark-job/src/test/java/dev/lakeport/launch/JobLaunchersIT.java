package dev.lakeport.launch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.apply.RunSummary;
import dev.lakeport.config.ConfigKeys;
import dev.lakeport.config.MigrationConfig;
import dev.lakeport.config.MigrationConfigLoader;
import dev.lakeport.config.SampleProject;
import dev.lakeport.diff.DiffRun;
import dev.lakeport.emulator.dlf.DlfEmulator;
import dev.lakeport.emulator.glue.GlueEmulator;
import dev.lakeport.emulator.sample.SampleCatalog;
import dev.lakeport.model.ObjectKind;
import dev.lakeport.pipeline.Migration;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import dev.lakeport.secret.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real job jar, submitted through each launcher with {@code local[2]} against a Glue and a DLF emulator seeded
 * with the sample catalog, and followed to the end: spark-submit (a child process of a Spark installation built from
 * the test classpath), Livy (a Livy-compatible server that runs that spark-submit) and in this process. The emulators
 * accept only the access keys of the submission, so a finished run also proves the credentials reached the job.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JobLaunchersIT {
    private static final int PARTITIONS = 1_500;
    private static final Duration RUN = Duration.ofMinutes(5);
    // Built by concatenation: the repository refuses literal access keys.
    private static final String AWS_KEY_ID = "AKIA" + "LAKEPORTLAUNCH01";
    private static final String AWS_SECRET = "aws-secret-" + "launcher-7f3a9c";
    private static final String ALIYUN_KEY_ID = "LTAI" + "5tLakeportLaunch1";
    private static final String ALIYUN_SECRET = "aliyun-secret-" + "launcher-2e8d4b";
    private static final JobCredentials CREDENTIALS = new JobCredentials(Map.of(
            "aws.accessKeyId", Secret.of(AWS_KEY_ID),
            "aws.secretAccessKey", Secret.of(AWS_SECRET),
            "aliyun.accessKeyId", Secret.of(ALIYUN_KEY_ID),
            "aliyun.secretAccessKey", Secret.of(ALIYUN_SECRET)));
    private static final Map<String, String> SPARK_CONF =
            Map.of("spark.ui.enabled", "false", "spark.sql.shuffle.partitions", "4");

    @TempDir
    Path dir;

    private GlueEmulator glue;
    private SampleCatalog.Summary sample;
    private TestingLivyServer livy;
    private Path jar;

    @BeforeAll
    void start() {
        jar = Path.of(System.getProperty(JobJar.PROPERTY));
        assertThat(jar).as("the job jar (package spark-job first)").isRegularFile();
        glue = GlueEmulator.start();
        glue.allowAccessKeys(AWS_KEY_ID);
        sample = SampleCatalog.generate(glue.store(), new SampleCatalog.Options(11L, PARTITIONS, SampleProject.REGION));
        livy = new TestingLivyServer(TestingSparkHome.get(), "local[2]");
    }

    @AfterAll
    void stop() {
        livy.close();
        glue.close();
    }

    private static DlfEmulator dlf() {
        return DlfEmulator.start().allowAccessKey(ALIYUN_KEY_ID, ALIYUN_SECRET);
    }

    private Map<String, String> settings(DlfEmulator dlf, String runId) {
        Map<String, String> s = new HashMap<>(SampleProject.settings(
                glue.endpoint().toString(),
                dlf.endpoint(),
                dlf.catalogId(),
                dir.resolve("out-" + runId).toString()));
        ConfigKeys.SECRET_KEYS.forEach(s::remove);
        s.put(JobConf.PROGRESS_INTERVAL_MS, "200");
        return s;
    }

    private JobSubmission submission(String runId, Map<String, String> settings) {
        Properties p = new Properties();
        p.putAll(settings);
        return new JobSubmission(runId, "lakeport-it-" + runId, p, CREDENTIALS, jar, Map.of());
    }

    private JobLauncher sparkSubmit() {
        return JobLaunchers.forProfile(new ClusterProfile.SparkSubmit(
                "it", TestingSparkHome.get(), Optional.empty(), "local[2]", "client", SPARK_CONF));
    }

    private JobLauncher livy() {
        return new LivyLauncher(
                new ClusterProfile.Livy("it-livy", livy.url(), Optional.empty(), Optional.empty(), SPARK_CONF),
                Duration.ofMillis(300),
                Duration.ofSeconds(10),
                20);
    }

    private JobLauncher inProcess() {
        ClusterProfile.Local local = new ClusterProfile.Local("it-local", 2, SPARK_CONF);
        assertThat(JobLaunchers.unavailable(local)).isEmpty();
        return JobLaunchers.forProfile(local);
    }

    private DiffRun reDiff(String name, DlfEmulator dlf) {
        Map<String, String> s = settings(dlf, "rediff-" + name);
        s.remove(JobConf.PROGRESS_INTERVAL_MS);
        s.put(ConfigKeys.AWS_ACCESS_KEY_ID, AWS_KEY_ID);
        s.put(ConfigKeys.AWS_SECRET_ACCESS_KEY, AWS_SECRET);
        s.put(ConfigKeys.ALIYUN_ACCESS_KEY_ID, ALIYUN_KEY_ID);
        s.put(ConfigKeys.ALIYUN_SECRET_ACCESS_KEY, ALIYUN_SECRET);
        MigrationConfig config = MigrationConfigLoader.fromMap(s, "test").config();
        try (Migration m = Migration.open(config, dir.resolve(name + ".lakeport.mv.db"), new Properties())) {
            assertThat(m.loadBoth(ProgressListener.NONE, ProgressListener.NONE, CancellationToken.NONE)
                            .complete())
                    .isTrue();
            return m.diff(Set.of(), ProgressListener.NONE, CancellationToken.NONE);
        }
    }

    private static RunSummary.Counts counts(JobSummary s, ObjectKind kind) {
        return s.counts().getOrDefault(kind.itemType(), RunSummary.Counts.ZERO);
    }

    private static JobState await(JobHandle handle) throws InterruptedException {
        JobState end = handle.await(RUN);
        assertThat(end.isFinal())
                .as("run %s ended; its log:%n%s", handle.runId(), String.join("\n", handle.logTail(60)))
                .isTrue();
        return end;
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + RUN.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for %s", what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static void assertNoSecretIn(JobHandle handle, CollectingListener heard) {
        String log = String.join("\n", handle.logTail(JobTracker.DEFAULT_LOG_LINES)) + String.join("\n", heard.lines);
        for (String secret : List.of(AWS_SECRET, ALIYUN_SECRET)) {
            assertThat(log).doesNotContain(secret);
        }
    }

    private void migratesTheSample(JobLauncher launcher, String runId) throws InterruptedException {
        try (DlfEmulator dlf = dlf()) {
            CollectingListener heard = new CollectingListener();
            JobHandle handle = launcher.submit(submission(runId, settings(dlf, runId)), heard);

            assertThat(await(handle))
                    .as("run %s: %s%n%s", runId, handle.error(), String.join("\n", handle.logTail(60)))
                    .isEqualTo(JobState.FINISHED);
            assertThat(heard.states).containsOnlyOnce(JobState.FINISHED).last().isEqualTo(JobState.FINISHED);
            assertThat(heard.phases())
                    .containsSubsequence(JobProgress.EXTRACT, JobProgress.TRANSFORM, JobProgress.LOAD);
            JobSummary summary = handle.summary().orElseThrow();
            assertThat(heard.summaries).containsExactly(summary);
            assertThat(summary.error()).isEmpty();
            assertThat(summary.hasFailures()).isFalse();
            assertThat(counts(summary, ObjectKind.PARTITION).created()).isEqualTo(sample.partitions());
            assertThat(counts(summary, ObjectKind.TABLE).created())
                    .isEqualTo(glue.store().tableCount());
            assertThat(counts(summary, ObjectKind.DATABASE).created()).isEqualTo(sample.databases());
            assertThat(counts(summary, ObjectKind.FUNCTION).created()).isEqualTo(sample.functions());
            assertThat(dlf.store().partitionCount()).as("destination populated").isEqualTo(sample.partitions());
            assertThat(dlf.store().tableCount()).isEqualTo(glue.store().tableCount());
            assertThat(reDiff(runId, dlf).summary().isEmpty())
                    .as("re-diff after " + runId)
                    .isTrue();
            assertNoSecretIn(handle, heard);
        }
    }

    @Test
    @Order(1)
    void sparkSubmitRunsTheJobToTheEnd() throws Exception {
        migratesTheSample(sparkSubmit(), "spark-submit");
    }

    @Test
    @Order(2)
    void livyRunsTheJobToTheEnd() throws Exception {
        migratesTheSample(livy(), "livy");
    }

    @Test
    @Order(3)
    void theJobRunsToTheEndInThisProcess() throws Exception {
        migratesTheSample(inProcess(), "in-process");
    }

    @Test
    @Order(4)
    void aJobThatCannotReachDlfFailsWithItsError() throws Exception {
        try (DlfEmulator dlf = dlf()) {
            Map<String, String> settings = settings(dlf, "unreachable");
            settings.put(ConfigKeys.ALIYUN_ENDPOINT, "127.0.0.1:1");
            CollectingListener heard = new CollectingListener();
            JobHandle handle = sparkSubmit().submit(submission("unreachable", settings), heard);

            assertThat(await(handle)).isEqualTo(JobState.FAILED);
            assertThat(heard.states).containsOnlyOnce(JobState.FAILED);
            assertThat(handle.error()).isPresent();
            assertThat(handle.summary())
                    .hasValueSatisfying(s -> assertThat(s.error()).isPresent());
            assertThat(handle.error()).isEqualTo(handle.summary().get().error());
            assertThat(dlf.store().tableCount()).as("nothing written").isZero();
        }
    }

    @Test
    @Order(5)
    void aRunCancelledMidWayIsKilledAndARunSubmittedAgainConverges() throws Exception {
        for (String how : List.of("spark-submit", "livy", "in-process")) {
            try (DlfEmulator dlf = dlf()) {
                JobLauncher launcher =
                        switch (how) {
                            case "spark-submit" -> sparkSubmit();
                            case "livy" -> livy();
                            default -> inProcess();
                        };
                // Slow enough that the extract phase, whose Spark tasks read DLF, is still under way when the cancel
                // comes.
                dlf.faults().latency(Duration.ofMillis(100));
                CollectingListener heard = new CollectingListener();
                JobHandle handle = launcher.submit(submission("cancel-" + how, settings(dlf, "cancel-" + how)), heard);
                waitFor(
                        () -> handle.lastProgress().isPresent()
                                || handle.state().isFinal(),
                        how + " reporting its first progress");
                handle.cancel();

                assertThat(await(handle))
                        .as("%s: %s%n%s", how, handle.error(), String.join("\n", handle.logTail(30)))
                        .isEqualTo(JobState.KILLED);
                assertThat(heard.states).as(how).containsOnlyOnce(JobState.KILLED);
                if (how.equals("spark-submit")) {
                    // the driver's JVM must not outlive the cancel (its context may stop with a thread still alive)
                    waitFor(
                            () -> ProcessHandle.allProcesses().noneMatch(p -> p.info()
                                    .arguments()
                                    .map(a -> List.of(a).contains("lakeport-it-cancel-spark-submit"))
                                    .orElse(false)),
                            "the cancelled spark-submit process to be gone");
                }

                dlf.faults().reset();
                CollectingListener again = new CollectingListener();
                JobHandle rerun = launcher.submit(submission("again-" + how, settings(dlf, "again-" + how)), again);
                assertThat(await(rerun)).as("%s re-run: %s", how, rerun.error()).isEqualTo(JobState.FINISHED);
                assertThat(reDiff("after-cancel-" + how, dlf).summary().isEmpty())
                        .as(how)
                        .isTrue();
            }
        }
    }

    @Test
    @Order(6)
    void theJobJarIsFoundWhereTheBuildPutsIt() {
        assertThat(JobJar.locate()).contains(jar.toAbsolutePath());
        assertThat(Files.isRegularFile(JobJar.require())).isTrue();
    }
}
