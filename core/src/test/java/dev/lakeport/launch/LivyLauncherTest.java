package dev.lakeport.launch;

import static dev.lakeport.launch.JobRecordsTest.progress;
import static dev.lakeport.launch.JobRecordsTest.summary;
import static dev.lakeport.launch.TestingSubmissions.CREDENTIALS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LivyLauncherTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private ScriptedLivy livy;
    private Path jar;
    private final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void start() throws IOException {
        livy = new ScriptedLivy(5);
        jar = Files.writeString(dir.resolve(JobConf.JAR_NAME), "jar");
    }

    @AfterEach
    void stop() {
        livy.close();
    }

    private ClusterProfile.Livy profile(URI url, Optional<String> jobJar) {
        return new ClusterProfile.Livy("livy", url, jobJar, Optional.of("etl"), Map.of("spark.driver.memory", "1g"));
    }

    private LivyLauncher launcher(int maxFailedPolls) {
        return new LivyLauncher(
                profile(livy.url(), Optional.of("s3://bucket/lakeport-spark-job.jar")),
                Duration.ofMillis(50),
                Duration.ofSeconds(5),
                maxFailedPolls);
    }

    private JobSubmission submission() {
        return TestingSubmissions.submission("r1", jar, dir.resolve("results"), CREDENTIALS);
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void aCopyIsSubmittedAsABatchOfTheCopyJobWithItsPlanInlineAfterTheSettings() throws Exception {
        JobSubmission copy =
                submission().withMain(JobConf.COPY_MAIN_CLASS, CopyPlanArgs.inline("{\"jobId\":4,\"tasks\":[]}"));

        launcher(10).submit(copy, listener).cancel();

        JsonNode body = livy.submitted.get(0);
        assertThat(body.path("className").asText()).isEqualTo("dev.lakeport.sparkjob.copy.CopyJob");
        assertThat(body.path("args").get(0).asText()).isEqualTo(JobConf.ARG_SETTINGS_BASE64);
        assertThat(body.path("args").get(2).asText()).isEqualTo(JobConf.ARG_RUN_ID);
        assertThat(body.path("args").get(4).asText()).isEqualTo(CopyPlanArgs.ARG_PLAN_BASE64);
        assertThat(new String(
                        CopyPlanArgs.decode(body.path("args").get(5).asText()),
                        java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("{\"jobId\":4,\"tasks\":[]}");
    }

    @Test
    void aBatchIsSubmittedAsLivyDocumentsAndFollowedThroughItsStatesAndALogThatKeepsOnlyItsLastLines()
            throws Exception {
        JobHandle handle = launcher(10).submit(submission(), listener);
        ScriptedLivy.Batch batch = livy.batch(0);

        JsonNode body = livy.submitted.get(0);
        assertThat(body.path("file").asText()).isEqualTo("s3://bucket/lakeport-spark-job.jar");
        assertThat(body.path("className").asText()).isEqualTo(JobConf.MAIN_CLASS);
        assertThat(body.path("name").asText()).isEqualTo("lakeport-r1");
        assertThat(body.path("proxyUser").asText()).isEqualTo("etl");
        assertThat(body.path("args").get(0).asText()).isEqualTo(JobConf.ARG_SETTINGS_BASE64);
        assertThat(body.path("args").get(3).asText()).isEqualTo("r1");
        assertThat(body.path("conf").path("spark.driver.memory").asText()).isEqualTo("1g");
        assertThat(body.path("conf").path("spark.sql.shuffle.partitions").asText())
                .isEqualTo("2");
        assertThat(body.path("conf")
                        .path(JobConf.credentialSetting("aws.secretAccessKey"))
                        .asText())
                .as("credentials travel in the batch's conf")
                .isEqualTo(TestingSubmissions.AWS_SECRET);

        batch.state = "running";
        batch.appId = "application_17_0003";
        waitFor(
                () -> handle.state() == JobState.RUNNING
                        && handle.applicationId().isPresent(),
                "running");
        // More lines than Livy keeps (5), in steps the poller can follow.
        for (int step = 0; step < 4; step++) {
            int n = step;
            livy.append(
                    0,
                    "INFO step " + n + " a",
                    "INFO step " + n + " b",
                    JobRecords.toLogLine(progress("r1", JobProgress.LOAD, n * 10L, 100, 5)));
            waitFor(() -> listener.progress().size() == n + 1, "progress record " + n);
        }
        livy.append(0, JobRecords.toLogLine(summary("r1", Optional.empty())), "INFO SparkContext: stopped");
        batch.state = "success";

        assertThat(handle.await(WAIT)).isEqualTo(JobState.FINISHED);
        assertThat(listener.progress()).extracting(JobProgress::done).containsExactly(0L, 10L, 20L, 30L);
        assertThat(listener.summaries()).hasSize(1);
        assertThat(handle.logTail(100))
                .filteredOn(l -> l.startsWith("INFO"))
                .containsExactly(
                        "INFO step 0 a",
                        "INFO step 0 b",
                        "INFO step 1 a",
                        "INFO step 1 b",
                        "INFO step 2 a",
                        "INFO step 2 b",
                        "INFO step 3 a",
                        "INFO step 3 b",
                        "INFO SparkContext: stopped");
        assertThat(handle.applicationId()).contains("application_17_0003");
        assertThat(listener.states())
                .startsWith(JobState.SUBMITTED)
                .containsSubsequence(JobState.SUBMITTED, JobState.RUNNING, JobState.FINISHED)
                .containsOnlyOnce(JobState.FINISHED)
                .doesNotContain(JobState.FAILED, JobState.KILLED);
        assertThat(livy.requestedBy).allMatch(h -> h.equals("lakeport"));
    }

    @Test
    void withoutAJarOnTheClusterTheLocalJarIsSent() throws Exception {
        LivyLauncher launcher = new LivyLauncher(
                profile(livy.url(), Optional.empty()), Duration.ofMillis(50), Duration.ofSeconds(5), 5);
        JobHandle handle = launcher.submit(submission(), listener);
        assertThat(livy.submitted.get(0).path("file").asText())
                .isEqualTo(jar.toAbsolutePath().toUri().toString());
        handle.cancel();
        assertThat(handle.await(WAIT)).isEqualTo(JobState.KILLED);
    }

    @Test
    void aDeadBatchIsFailedWithTheJobsOwnErrorWhenItWroteOne() throws Exception {
        JobHandle handle = launcher(10).submit(submission(), listener);
        livy.append(0, JobRecords.toLogLine(summary("r1", Optional.of("DLF at 127.0.0.1:9 refused"))));
        livy.batch(0).state = "dead";

        assertThat(handle.await(WAIT)).isEqualTo(JobState.FAILED);
        assertThat(handle.error()).contains("DLF at 127.0.0.1:9 refused");

        JobHandle second = launcher(10).submit(submission(), new RecordingListener());
        livy.batch(1).state = "dead";
        assertThat(second.await(WAIT)).isEqualTo(JobState.FAILED);
        assertThat(second.error()).contains("Livy batch 1 ended in state 'dead'; see the log");
    }

    @Test
    void cancelDeletesTheBatchAndTheJobEndsKilled() throws Exception {
        JobHandle handle = launcher(10).submit(submission(), listener);
        livy.batch(0).state = "running";
        waitFor(() -> handle.state() == JobState.RUNNING, "running");

        handle.cancel();

        assertThat(handle.await(WAIT)).isEqualTo(JobState.KILLED);
        assertThat(livy.requests).contains("DELETE /batches/0");
        assertThat(listener.states()).containsOnlyOnce(JobState.KILLED);
    }

    @Test
    void aBatchKilledOnTheClusterEndsKilled() throws Exception {
        JobHandle handle = launcher(10).submit(submission(), listener);
        livy.batch(0).state = "killed";
        assertThat(handle.await(WAIT)).isEqualTo(JobState.KILLED);
    }

    @Test
    void aRefusedSubmissionSaysWhatTheServerSaid() {
        livy.rejectSubmissionWith = "requirement failed: Local path /x cannot be added to user sessions.";
        assertThatThrownBy(() -> launcher(10).submit(submission(), listener))
                .isInstanceOf(JobException.class)
                .hasMessageContaining("Livy at " + livy.url() + " did not accept the batch")
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining("requirement failed: Local path /x cannot be added to user sessions.");
        assertThat(listener.events()).isEmpty();
    }

    @Test
    void anUnreachableServerIsAClearError() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + port);
        LivyLauncher launcher = new LivyLauncher(
                profile(nowhere, Optional.of("s3://b/j.jar")), Duration.ofMillis(50), Duration.ofSeconds(5), 5);
        assertThatThrownBy(() -> launcher.submit(submission(), listener))
                .isInstanceOf(JobException.class)
                .hasMessage("Livy at " + nowhere + " is unreachable: connection refused");
    }

    @Test
    void transientErrorsWhilePollingAreRetriedAndALostServerEndsTheJobFailed() throws Exception {
        JobHandle handle = launcher(3).submit(submission(), listener);
        livy.failNextGets.set(2);
        livy.batch(0).state = "running";
        waitFor(() -> handle.state() == JobState.RUNNING, "running despite two 503s");

        livy.close();

        assertThat(handle.await(WAIT)).isEqualTo(JobState.FAILED);
        assertThat(handle.error()).hasValueSatisfying(e -> assertThat(e)
                .startsWith("lost contact with Livy at " + livy.url())
                .contains("batch 0 may still be running there"));
    }

    @Test
    void newLinesStartAfterTheLastDeliveredOnes() {
        ArrayDeque<String> delivered = new ArrayDeque<>(List.of("a", "b", "c"));
        assertThat(LivyLauncher.newLinesStart(new ArrayDeque<>(), List.of("a"))).isZero();
        assertThat(LivyLauncher.newLinesStart(delivered, List.of("a", "b", "c", "d")))
                .isEqualTo(3);
        assertThat(LivyLauncher.newLinesStart(delivered, List.of("b", "c", "d", "e")))
                .as("window moved")
                .isEqualTo(2);
        assertThat(LivyLauncher.newLinesStart(delivered, List.of("c", "d"))).isEqualTo(1);
        assertThat(LivyLauncher.newLinesStart(delivered, List.of("a", "b", "c")))
                .as("nothing new")
                .isEqualTo(3);
        assertThat(LivyLauncher.newLinesStart(delivered, List.of("x", "y")))
                .as("missed")
                .isEqualTo(-1);
    }
}
