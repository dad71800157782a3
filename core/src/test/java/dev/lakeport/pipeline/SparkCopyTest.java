package dev.lakeport.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.config.MigrationConfigLoader;
import dev.lakeport.copy.CopyPlan;
import dev.lakeport.launch.CopyPlanArgs;
import dev.lakeport.launch.JobHandle;
import dev.lakeport.launch.JobLauncher;
import dev.lakeport.launch.JobProgress;
import dev.lakeport.launch.JobState;
import dev.lakeport.launch.JobSubmission;
import dev.lakeport.launch.JobSummary;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A copy plan's submission and what follows the job's end, with a cluster that answers at once: the plan inline and no
 * credential among the settings; a result on the cluster's storage is not imported and the command to import it once
 * fetched is given; a failed job's error is the outcome's.
 */
class SparkCopyTest {
    @TempDir
    Path dir;

    private Map<String, String> settings() {
        Map<String, String> s = new HashMap<>();
        s.put("lakeport.source.type", "dlf");
        s.put("aliyun.accessKeyId", "test-dlf-id");
        s.put("aliyun.secretAccessKey", "test-dlf-secret");
        s.put("aliyun.region", "cn-hangzhou");
        s.put("aliyun.endpoint", "http://127.0.0.1:9");
        s.put("aliyun.catalogId", "c1");
        s.put("lakeport.destination.type", "maxcompute");
        s.put("maxcompute.endpoint", "http://127.0.0.1:9/api");
        s.put("maxcompute.accessKeyId", "test-access-id");
        s.put("maxcompute.accessKeySecret", "test-secret");
        s.put("maxcompute.project", "lake");
        s.put("location.convertMap", "{}");
        s.put("lakeport.cluster.odps.type", "local");
        s.put("result.output.path", dir.resolve("results").toString());
        return s;
    }

    private Migration open() {
        return Migration.open(
                MigrationConfigLoader.fromMap(settings(), "test").config(),
                dir.resolve("p.lakeport.mv.db"),
                new Properties());
    }

    @Test
    void aResultOnTheClustersStorageIsNotImportedAndTheCommandToImportItIsGiven() {
        JobSubmission submission = SparkCopy.submission(
                settings(),
                CopyPlan.of(7, List.of()),
                "oss://bucket/results/",
                "r1",
                "copy",
                Path.of("job.jar"),
                Map.of());

        assertThat(submission.mainClass()).isEqualTo("dev.lakeport.sparkjob.copy.CopyJob");
        assertThat(submission.jobArgs().get(0)).isEqualTo(CopyPlanArgs.ARG_PLAN_BASE64);
        assertThat(new String(CopyPlanArgs.decode(submission.jobArgs().get(1)), StandardCharsets.UTF_8))
                .contains("\"jobId\" : 7");
        assertThat(submission.settings().getProperty("result.output.path")).isEqualTo("oss://bucket/results/");
        assertThat(submission.settings().stringPropertyNames())
                .doesNotContain("maxcompute.accessKeySecret", "aliyun.secretAccessKey")
                .noneMatch(k -> k.startsWith("lakeport.cluster."));
        assertThat(submission.credentials().get("maxcompute.accessKeySecret"))
                .hasValueSatisfying(s -> assertThat(s.reveal()).isEqualTo("test-secret"));

        AtomicReference<JobSubmission> got = new AtomicReference<>();
        JobLauncher cluster = (s, listener) -> {
            got.set(s);
            return new Ended(s.runId(), JobState.FINISHED, Optional.empty());
        };
        try (Migration m = open()) {
            SparkCopy.Outcome outcome = SparkCopy.run(
                    m.copies(),
                    cluster,
                    submission,
                    new dev.lakeport.launch.JobListener() {},
                    ProgressListener.NONE,
                    new CancellationToken());

            assertThat(got.get()).isSameAs(submission);
            assertThat(outcome.state()).isEqualTo(JobState.FINISHED);
            assertThat(outcome.imported()).isEmpty();
            assertThat(outcome.resultFile()).isEqualTo("oss://bucket/results/copy-result-r1.json");
            assertThat(outcome.importCommand()).isEqualTo("lakeport-cli copy --import-result copy-result-r1.json");
        }
    }

    @Test
    void aFailedJobsErrorIsTheOutcomesAndNothingIsImported() {
        JobSubmission submission = SparkCopy.submission(
                settings(),
                CopyPlan.of(7, List.of()),
                dir.resolve("results").toString(),
                "r2",
                "copy",
                Path.of("job.jar"),
                Map.of());
        JobLauncher cluster =
                (s, listener) -> new Ended(s.runId(), JobState.FAILED, Optional.of("the copy plan cannot be read"));
        try (Migration m = open()) {
            SparkCopy.Outcome outcome = SparkCopy.run(
                    m.copies(),
                    cluster,
                    submission,
                    new dev.lakeport.launch.JobListener() {},
                    ProgressListener.NONE,
                    new CancellationToken());

            assertThat(outcome.state()).isEqualTo(JobState.FAILED);
            assertThat(outcome.error()).contains("the copy plan cannot be read");
            assertThat(outcome.imported()).as("no result file was written").isEmpty();
            assertThat(outcome.resultFile())
                    .isEqualTo(dir.resolve("results/copy-result-r2.json").toString());
        }
    }

    /** A job the cluster ended at once. */
    private record Ended(String runId, JobState state, Optional<String> failure) implements JobHandle {
        @Override
        public Optional<String> applicationId() {
            return Optional.of("app-1");
        }

        @Override
        public Optional<JobProgress> lastProgress() {
            return Optional.empty();
        }

        @Override
        public Optional<JobSummary> summary() {
            return Optional.of(new JobSummary(runId, Map.of(), Duration.ofSeconds(1), List.of(), false, failure));
        }

        @Override
        public List<String> logTail(int lines) {
            return List.of("driver ended");
        }

        @Override
        public void cancel() {}

        @Override
        public JobState await(Duration timeout) {
            return state;
        }
    }
}
