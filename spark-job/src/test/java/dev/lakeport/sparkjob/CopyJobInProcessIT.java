package dev.lakeport.sparkjob;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.copy.CopyPlan;
import dev.lakeport.copy.CopyResult;
import dev.lakeport.launch.ClusterProfile;
import dev.lakeport.launch.JobJar;
import dev.lakeport.launch.JobLaunchers;
import dev.lakeport.launch.JobListener;
import dev.lakeport.launch.JobProgress;
import dev.lakeport.launch.JobState;
import dev.lakeport.launch.JobSubmission;
import dev.lakeport.launch.JobSummary;
import dev.lakeport.pipeline.Migration;
import dev.lakeport.pipeline.SparkCopy;
import dev.lakeport.plan.tasks.TaskState;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The first scenario of {@link CopyJobTest} with the copy run as the desktop's "Spark in this app" profile runs it:
 * the in-process launcher starts {@code CopyJob} with the plan inline, follows it through its progress file (a
 * progress record per task, then the summary) and the project imports the result at once.
 */
class CopyJobInProcessIT extends CopyJobTest {
    private static final long BOUND_SECONDS = 300;

    @org.junit.jupiter.api.AfterAll
    static void stopSpark() {
        SharedSpark.stop();
    }

    @Override
    CopyResult runJob(Path planFile, String runId) throws IOException {
        // one Spark application per JVM: the scenario wrote its Parquet files with the shared session
        SharedSpark.stop();
        Map<String, String> settings = settings();
        CopyPlan plan;
        try (InputStream in = Files.newInputStream(planFile)) {
            plan = CopyPlan.read(in, planFile.toString());
        }
        ClusterProfile.Local here = new ClusterProfile.Local(
                "here", 2, Map.of("spark.ui.enabled", "false", "spark.sql.shuffle.partitions", "2"));
        assertThat(JobLaunchers.unavailable(here)).isEmpty();
        JobSubmission submission = SparkCopy.submission(
                settings,
                plan,
                settings.get("result.output.path"),
                runId,
                "lakeport-local-" + runId,
                Path.of(System.getProperty(JobJar.PROPERTY, "unused.jar")),
                Map.of());
        List<JobProgress> progress = Collections.synchronizedList(new ArrayList<>());
        List<JobSummary> summaries = Collections.synchronizedList(new ArrayList<>());
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        JobListener listener = new JobListener() {
            @Override
            public void progress(JobProgress p) {
                progress.add(p);
            }

            @Override
            public void summary(JobSummary s) {
                summaries.add(s);
            }

            @Override
            public void logLine(String line) {
                log.add(line);
            }
        };
        CancellationToken cancel = new CancellationToken();
        java.util.concurrent.ScheduledExecutorService guard =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        guard.schedule(cancel::cancel, BOUND_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        SparkCopy.Outcome outcome;
        java.util.Set<String> sparkProperties = sparkSystemProperties();
        try (Migration m = open()) {
            outcome = SparkCopy.run(
                    m.copies(), JobLaunchers.forProfile(here), submission, listener, ProgressListener.NONE, cancel);
            assertThat(outcome.state()).as(String.join("\n", log)).isEqualTo(JobState.FINISHED);
            assertThat(outcome.imported()).hasValueSatisfying(c -> assertThat(c.get(TaskState.PENDING))
                    .isZero());
        } finally {
            guard.shutdownNow();
        }
        // Spark's in-process submit turns the application's settings into system properties; the launcher puts them
        // back: no access key stays in the process, no later Spark context looks for the ended launcher
        assertThat(sparkSystemProperties())
                .as("spark.* system properties after the run")
                .isEqualTo(sparkProperties);
        assertThat(System.getProperties().toString()).doesNotContain("test-secret");
        assertThat(progress)
                .as("a progress record per task, read from the job's progress file")
                .extracting(JobProgress::done)
                .contains((long) plan.tasks().size());
        assertThat(summaries).singleElement().satisfies(s -> {
            assertThat(s.error()).isEmpty();
            assertThat(s.files()).singleElement().asString().endsWith(CopyResult.fileName(runId));
        });
        Path result = Path.of(outcome.resultFile());
        try (InputStream in = Files.newInputStream(result)) {
            return CopyResult.read(in, result.toString());
        }
    }

    private static java.util.Set<String> sparkSystemProperties() {
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith("spark.")) {
                keys.add(key);
            }
        }
        return keys;
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
