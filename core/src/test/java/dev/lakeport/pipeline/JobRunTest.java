package dev.lakeport.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeport.apply.Outcome;
import dev.lakeport.apply.ResultLog;
import dev.lakeport.apply.ResultStore;
import dev.lakeport.apply.RunSummary;
import dev.lakeport.apply.StoredResult;
import dev.lakeport.config.ConfigKeys;
import dev.lakeport.diff.DiffResult;
import dev.lakeport.diff.TestingDatabase;
import dev.lakeport.launch.JobException;
import dev.lakeport.launch.JobHandle;
import dev.lakeport.launch.JobLauncher;
import dev.lakeport.launch.JobListener;
import dev.lakeport.launch.JobProgress;
import dev.lakeport.launch.JobState;
import dev.lakeport.launch.JobSubmission;
import dev.lakeport.launch.JobSummary;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobRunTest {
    private static final String SECRET = "job-run-test-secret-value";
    private static final Instant T = Instant.parse("2026-03-04T05:06:07Z");

    @TempDir
    Path dir;

    private Map<String, String> settings() {
        Map<String, String> s = new TreeMap<>();
        s.put(ConfigKeys.AWS_REGION, "eu-central-1");
        s.put(ConfigKeys.AWS_ACCESS_KEY_ID, "AK" + "IDEXAMPLE");
        s.put(ConfigKeys.AWS_SECRET_ACCESS_KEY, SECRET);
        s.put(ConfigKeys.ALIYUN_ACCESS_KEY_ID, "ali-id");
        s.put(ConfigKeys.ALIYUN_SECRET_ACCESS_KEY, SECRET + "-ali");
        s.put("lakeport.cluster.emr.type", "livy");
        s.put("lakeport.cluster.emr.url", "http://emr:8998");
        s.put(ConfigKeys.CONFIRM_DELETES, "99");
        return s;
    }

    @Test
    void theSubmissionCarriesTheRunsOptionsAndNoCredentialsOrProfiles() {
        ApplyRequest request = new ApplyRequest(8, 25.5, true, true, OptionalLong.of(3));
        JobSubmission s =
                JobRun.submission(settings(), request, dir.toString(), "r1", "app", dir.resolve("j.jar"), Map.of());

        assertThat(s.settings().getProperty(ConfigKeys.CONCURRENCY)).isEqualTo("8");
        assertThat(s.settings().getProperty(ConfigKeys.RATE)).isEqualTo("25.5");
        assertThat(s.settings().getProperty(ConfigKeys.DRY_RUN)).isEqualTo("true");
        assertThat(s.settings().getProperty(ConfigKeys.ALLOW_DELETES)).isEqualTo("true");
        assertThat(s.settings().getProperty(ConfigKeys.CONFIRM_DELETES)).isEqualTo("3");
        assertThat(s.settings().getProperty(ConfigKeys.RESULT_OUTPUT_PATH)).isEqualTo(dir.toString());
        assertThat(s.settings().stringPropertyNames()).noneMatch(k -> k.startsWith("lakeport.cluster."));
        assertThat(s.settings().toString()).doesNotContain(SECRET);
        assertThat(s.credentials().toSparkConf()).containsValue(SECRET).containsValue(SECRET + "-ali");
        assertThat(s.credentials().toString()).doesNotContain(SECRET);

        JobSubmission noDeletes = JobRun.submission(
                settings(),
                new ApplyRequest(1, 0, false, false, OptionalLong.empty()),
                "out",
                "r2",
                "app",
                dir.resolve("j.jar"),
                Map.of());
        assertThat(noDeletes.settings().getProperty(ConfigKeys.CONFIRM_DELETES))
                .as("a confirmation left in the settings must not travel when deletions are off")
                .isNull();
    }

    @Test
    void aFinishedJobBecomesAnOutcomeItsProgressTheListenersAndItsResultLogIsStored() {
        JobSubmission submission = JobRun.submission(
                settings(),
                new ApplyRequest(4, 0, false, false, OptionalLong.empty()),
                dir.toString(),
                "r3",
                "app",
                dir.resolve("j.jar"),
                Map.of());
        try (ResultLog log = ResultLog.open(dir.toString(), "r3", false, Optional.empty())) {
            log.record(ObjectKey.table("db", "t"), DiffResult.CREATE, Outcome.SUCCEEDED, "", T, 1);
            log.record(ObjectKey.partition("db", "t", List.of("1")), DiffResult.CREATE, Outcome.FAILED, "boom", T, 1);
        }
        JobSummary summary = new JobSummary(
                "r3",
                Map.of(
                        "table",
                        new RunSummary.Counts(1, 0, 0, 0, 0),
                        "partition",
                        new RunSummary.Counts(0, 0, 0, 0, 1)),
                Duration.ofSeconds(7),
                List.of(),
                false,
                Optional.empty());
        ScriptedLauncher launcher = new ScriptedLauncher(
                List.of(
                        new JobProgress("r3", JobProgress.EXTRACT, 0, 0, -1, 0, T),
                        new JobProgress("r3", JobProgress.EXTRACT, 5, 0, 10, 2.5, T),
                        new JobProgress("r3", JobProgress.EXTRACT, 10, 0, 10, 5, T),
                        new JobProgress("r3", JobProgress.LOAD, 2, 1, 2, 1, T)),
                summary,
                JobState.FINISHED);
        List<String> calls = new ArrayList<>();
        ProgressListener progress = new ProgressListener() {
            @Override
            public void phase(String name, long total) {
                calls.add("phase " + name + " " + total);
            }

            @Override
            public void advance(long done, long failed) {
                calls.add("advance " + done + " " + failed);
            }
        };
        ResultStore store = new ResultStore(TestingDatabase.migrated());
        List<StoredResult> heard = new ArrayList<>();
        List<JobState> states = new ArrayList<>();

        ApplyOutcome outcome = JobRun.run(
                launcher,
                submission,
                new JobListener() {
                    @Override
                    public void stateChanged(JobState state, Optional<String> applicationId) {
                        states.add(state);
                    }
                },
                progress,
                new CancellationToken(),
                Optional.of(store),
                heard::add);

        assertThat(calls)
                .containsExactly(
                        "phase extract -1",
                        "phase extract 10",
                        "advance 5 0",
                        "advance 5 0",
                        "phase load 2",
                        "advance 2 1");
        assertThat(states).containsExactly(JobState.SUBMITTED, JobState.RUNNING, JobState.FINISHED);
        assertThat(outcome.runId()).isEqualTo("r3");
        assertThat(outcome.summary().totals().created()).isEqualTo(1);
        assertThat(outcome.summary().totals().failed()).isEqualTo(1);
        assertThat(outcome.summary().duration()).isEqualTo(Duration.ofSeconds(7));
        assertThat(outcome.resultsFile()).isEqualTo(dir.resolve("result-r3.jsonl"));
        assertThat(store.summary("r3").totals().total()).isEqualTo(2);
        assertThat(heard).singleElement().satisfies(r -> assertThat(r.record().errorMsg())
                .isEqualTo("boom"));
    }

    @Test
    void aFailedJobThrowsWithItsError() {
        JobSubmission submission = JobRun.submission(
                settings(),
                new ApplyRequest(4, 0, false, false, OptionalLong.empty()),
                dir.toString(),
                "r4",
                "app",
                dir.resolve("j.jar"),
                Map.of());
        JobSummary failed = new JobSummary(
                "r4", Map.of(), Duration.ZERO, List.of(), false, Optional.of("DLF endpoint unreachable: dlf.example"));
        ScriptedLauncher launcher = new ScriptedLauncher(List.of(), failed, JobState.FAILED);

        assertThatThrownBy(() -> JobRun.run(
                        launcher,
                        submission,
                        JobListener.NONE,
                        ProgressListener.NONE,
                        new CancellationToken(),
                        Optional.empty(),
                        r -> {}))
                .isInstanceOf(JobException.class)
                .hasMessageContaining("app-r4")
                .hasMessageContaining("DLF endpoint unreachable");
    }

    @Test
    void cancellingKillsTheJobOnceAndTheOutcomeSaysCancelled() throws Exception {
        JobSubmission submission = JobRun.submission(
                settings(),
                new ApplyRequest(4, 0, false, false, OptionalLong.empty()),
                dir.toString(),
                "r5",
                "app",
                dir.resolve("j.jar"),
                Map.of());
        ScriptedLauncher launcher = new ScriptedLauncher(List.of(), null, null);
        CancellationToken cancel = new CancellationToken();
        AtomicReference<ApplyOutcome> outcome = new AtomicReference<>();
        Thread runner = new Thread(() -> outcome.set(JobRun.run(
                launcher, submission, JobListener.NONE, ProgressListener.NONE, cancel, Optional.empty(), r -> {})));
        runner.start();
        launcher.running.await();
        cancel.cancel();
        runner.join(10_000);

        assertThat(runner.isAlive()).isFalse();
        assertThat(launcher.handle.cancels).isEqualTo(1);
        assertThat(outcome.get().summary().cancelled()).isTrue();
    }

    /**
     * Plays a job: submitted, running, its records, then its summary and end state; with no end state it runs until
     * cancelled and then ends KILLED.
     */
    private static final class ScriptedLauncher implements JobLauncher {
        private final List<JobProgress> records;
        private final JobSummary summary;
        private final JobState end;
        final CountDownLatch running = new CountDownLatch(1);
        ScriptedHandle handle;

        ScriptedLauncher(List<JobProgress> records, JobSummary summary, JobState end) {
            this.records = records;
            this.summary = summary;
            this.end = end;
        }

        @Override
        public JobHandle submit(JobSubmission submission, JobListener listener) {
            handle = new ScriptedHandle(submission.runId(), listener);
            listener.stateChanged(JobState.SUBMITTED, Optional.empty());
            handle.state = JobState.SUBMITTED;
            listener.stateChanged(JobState.RUNNING, Optional.of("app-" + submission.runId()));
            handle.state = JobState.RUNNING;
            records.forEach(listener::progress);
            running.countDown();
            if (end != null) {
                if (summary != null) {
                    handle.summary = summary;
                    listener.summary(summary);
                }
                handle.finish(end);
            }
            return handle;
        }
    }

    private static final class ScriptedHandle implements JobHandle {
        private final String runId;
        private final JobListener listener;
        volatile JobState state;
        volatile JobSummary summary;
        volatile int cancels;

        ScriptedHandle(String runId, JobListener listener) {
            this.runId = runId;
            this.listener = listener;
        }

        synchronized void finish(JobState end) {
            state = end;
            listener.stateChanged(end, applicationId());
            notifyAll();
        }

        @Override
        public String runId() {
            return runId;
        }

        @Override
        public JobState state() {
            return state;
        }

        @Override
        public Optional<String> applicationId() {
            return Optional.of("app-" + runId);
        }

        @Override
        public Optional<JobProgress> lastProgress() {
            return Optional.empty();
        }

        @Override
        public Optional<JobSummary> summary() {
            return Optional.ofNullable(summary);
        }

        @Override
        public List<String> logTail(int lines) {
            return List.of();
        }

        @Override
        public void cancel() {
            cancels++;
            finish(JobState.KILLED);
        }

        @Override
        public synchronized JobState await(Duration timeout) throws InterruptedException {
            if (!state.isFinal()) {
                wait(Math.max(1, timeout.toMillis()));
            }
            return state;
        }
    }
}
