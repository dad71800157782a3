package dev.lakeport.apply.tasks;

import static dev.lakeport.apply.tasks.TestingJobs.createJob;
import static dev.lakeport.apply.tasks.TestingJobs.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.lakeport.plan.tasks.JobTask;
import dev.lakeport.plan.tasks.StateCounts;
import dev.lakeport.plan.tasks.TaskLogEntry;
import dev.lakeport.plan.tasks.TaskState;
import dev.lakeport.plan.tasks.TaskStep;
import dev.lakeport.plan.tasks.TimeWindow;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.snapshot.Side;
import dev.lakeport.snapshot.SnapshotStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobRunnerTest {
    private static final Duration POLL = Duration.ofMillis(10);
    private static final ZoneId UTC = ZoneOffset.UTC;

    @TempDir
    Path dir;

    private SnapshotStore project;
    private JobStore store;
    private TestingJobs.Completions completions;

    private void open(int partitions) {
        project = TestingJobs.project(dir.resolve("project.mv.db"), partitions);
        store = JobStore.open(project.dataSource());
        completions = new TestingJobs.Completions(dir.resolve("completed.txt"));
    }

    @AfterEach
    void close() {
        if (project != null) {
            project.close();
        }
    }

    @Test
    void aJobOfThirtyTasksNeverRunsMoreThanFourAtOnce() {
        open(30);
        long job = createJob(project, store, Map.of("job.maxConcurrentTasks", "4"));
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger started = new AtomicInteger();
        List<StateCounts> seen = new CopyOnWriteArrayList<>();
        TaskWork work = context -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            started.incrementAndGet();
            try {
                // Holds its slot until four run at once (or no task is left to start), so the limit is reached.
                waitFor(() -> running.get() >= 4 || started.get() == 30, "four tasks at once");
                context.info("copied " + context.task().partitions());
                completions.record(context.task().id());
                return TaskOutcome.succeeded("copied 1 partition");
            } finally {
                running.decrementAndGet();
            }
        };

        StateCounts end = new JobRunner(store, work, Clock.system(UTC), POLL)
                .run(job, new CancellationToken(), new JobProgressListener() {
                    @Override
                    public void counts(long jobId, StateCounts counts) {
                        seen.add(counts);
                    }
                });

        assertThat(most.get()).as("tasks the work saw running at once").isEqualTo(4);
        assertThat(seen).isNotEmpty().allSatisfy(c -> assertThat(c.running()).isLessThanOrEqualTo(4));
        assertThat(end).isEqualTo(new StateCounts(0, 0, 30, 0));
        assertThat(completions.counts()).hasSize(30).allSatisfy((id, n) -> assertThat(n)
                .isOne());
        JobTask first = store.tasks(job).get(0);
        assertThat(first.steps()).containsExactly(TaskStep.METADATA, TaskStep.DATA);
        assertThat(first.attempts()).isOne();
        assertThat(first.finishedAt()).isPresent();
        assertThat(store.log(first.id()))
                .extracting(TaskLogEntry::message)
                .hasSize(3)
                .startsWith("started (attempt 1)", "copied [[d000]]")
                .last()
                .asString()
                .matches("succeeded: copied 1 partition \\(\\d+\\.\\d s\\)");
    }

    @Test
    void aTaskThatThrowsFailsWithItsLogTheOthersSucceedAndRetryRunsOnlyIt() {
        open(6);
        long job = createJob(project, store, Map.of("job.maxConcurrentTasks", "3"));
        List<JobTask> tasks = store.tasks(job);
        long broken = tasks.get(2).id();
        long short3 = tasks.get(4).id();
        Map<Long, AtomicInteger> calls = new ConcurrentHashMap<>();
        AtomicReference<Boolean> healed = new AtomicReference<>(false);
        TaskWork work = context -> {
            long id = context.task().id();
            calls.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            context.info("reading " + context.task().describe());
            if (id == broken && !healed.get()) {
                throw new IllegalStateException(
                        "cannot write block 3", new IOException("quota exceeded in project lake_prod"));
            }
            if (id == short3 && !healed.get()) {
                return TaskOutcome.failed("3 rows missing at the destination");
            }
            completions.record(id);
            return TaskOutcome.succeeded("copied");
        };
        JobRunner runner = new JobRunner(store, work, Clock.system(UTC), POLL);

        StateCounts first = runner.run(job, new CancellationToken(), JobProgressListener.NONE);

        assertThat(first).isEqualTo(new StateCounts(0, 0, 4, 2));
        JobTask failed = store.task(broken).orElseThrow();
        assertThat(failed.state()).isEqualTo(TaskState.FAILED);
        assertThat(failed.lastError()).hasValueSatisfying(e -> assertThat(e)
                .contains("cannot write block 3")
                .contains("caused by: quota exceeded in project lake_prod"));
        assertThat(store.log(broken))
                .extracting(TaskLogEntry::level, TaskLogEntry::message)
                .startsWith(
                        tuple(TaskLogEntry.Level.INFO, "started (attempt 1)"),
                        tuple(TaskLogEntry.Level.INFO, "reading sales.orders (1 partition)"))
                .last()
                .satisfies(t -> assertThat(t.toList()).contains(TaskLogEntry.Level.ERROR));
        assertThat(store.task(short3).orElseThrow().lastError()).contains("3 rows missing at the destination");

        // Only failed tasks are retried: a request naming a succeeded one is refused and changes nothing.
        long succeeded = tasks.get(0).id();
        assertThatThrownBy(() ->
                        runner.retry(List.of(broken, succeeded), new CancellationToken(), JobProgressListener.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not failed: [" + succeeded + " (SUCCEEDED)]");
        assertThat(store.counts(job)).isEqualTo(first);

        healed.set(true);
        assertThat(runner.retry(List.of(short3), new CancellationToken(), JobProgressListener.NONE))
                .isEqualTo(new StateCounts(0, 0, 5, 1));
        StateCounts end = runner.retryFailed(job, new CancellationToken(), JobProgressListener.NONE);

        assertThat(end).isEqualTo(new StateCounts(0, 0, 6, 0));
        assertThat(calls.get(broken)).hasValue(2);
        assertThat(calls.get(short3)).hasValue(2);
        tasks.stream().filter(t -> t.id() != broken && t.id() != short3).forEach(t -> assertThat(calls.get(t.id()))
                .as("task %s", t.id())
                .hasValue(1));
        assertThat(store.task(broken).orElseThrow().attempts()).isEqualTo(2);
        assertThat(store.task(broken).orElseThrow().lastError()).isEmpty();
        assertThat(completions.counts()).hasSize(6).allSatisfy((id, n) -> assertThat(n)
                .isOne());
    }

    @Test
    void aCancelledJobResumesOnAReopenedProjectAndCompletesEveryTaskOnce() throws Exception {
        open(10);
        long job = createJob(project, store, Map.of("job.maxConcurrentTasks", "2"));
        AtomicInteger calls = new AtomicInteger();
        TaskWork firstWork = context -> {
            if (calls.incrementAndGet() > 3) {
                // A long copy: goes on until the user cancels, then stops between two batches.
                waitFor(context::isCancelled, "the cancel");
                context.checkCancelled();
            }
            completions.record(context.task().id());
            return TaskOutcome.succeeded("copied");
        };
        CancellationToken cancel = new CancellationToken();
        CompletableFuture<StateCounts> run = CompletableFuture.supplyAsync(() ->
                new JobRunner(store, firstWork, Clock.system(UTC), POLL).run(job, cancel, JobProgressListener.NONE));
        waitFor(() -> store.counts(job).equals(new StateCounts(5, 2, 3, 0)), "three done and two copying");
        assertThatThrownBy(() -> new JobRunner(store, firstWork).run(job, cancel, JobProgressListener.NONE))
                .as("a second Run of the same job")
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("job " + job + " is already running");

        cancel.cancel();

        assertThat(run.get(60, TimeUnit.SECONDS)).isEqualTo(new StateCounts(7, 0, 3, 0));
        List<JobTask> stopped = store.tasks(job).stream()
                .filter(t -> t.state() == TaskState.PENDING && t.attempts() == 1)
                .toList();
        assertThat(stopped).hasSize(2).allSatisfy(t -> assertThat(store.log(t.id()))
                .extracting(TaskLogEntry::message)
                .last()
                .asString()
                .contains("stopped by cancel"));
        project.close();

        project = SnapshotStore.open(dir.resolve("project.mv.db"));
        JobStore reopened = JobStore.open(project.dataSource());
        assertThat(reopened.counts(job)).isEqualTo(new StateCounts(7, 0, 3, 0));
        TaskWork work = context -> {
            completions.record(context.task().id());
            return TaskOutcome.succeeded("copied");
        };
        StateCounts end = new JobRunner(reopened, work, Clock.system(UTC), POLL)
                .run(job, new CancellationToken(), JobProgressListener.NONE);

        assertThat(end).isEqualTo(new StateCounts(0, 0, 10, 0));
        assertThat(completions.counts()).hasSize(10).allSatisfy((id, n) -> assertThat(n)
                .isOne());
    }

    @Test
    void anInterruptedRunStopsItsTasksAsACancelDoes() throws Exception {
        open(4);
        long job = createJob(project, store, Map.of("job.maxConcurrentTasks", "2"));
        TaskWork work = context -> {
            waitFor(context::isCancelled, "the interrupt");
            context.checkCancelled();
            return TaskOutcome.succeeded("copied");
        };
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        Thread runner = new Thread(() -> {
            new JobRunner(store, work, Clock.system(UTC), POLL)
                    .run(job, new CancellationToken(), JobProgressListener.NONE);
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        runner.start();
        waitFor(() -> store.counts(job).running() == 2, "two tasks running");

        runner.interrupt();
        runner.join(TestingJobs.BOUND.toMillis());

        assertThat(runner.isAlive()).isFalse();
        assertThat(stillInterrupted.get())
                .as("the interrupt is kept for the caller")
                .isTrue();
        assertThat(store.counts(job)).isEqualTo(new StateCounts(4, 0, 0, 0));
        assertThat(project.countPartitions(Side.SOURCE, "sales", "orders"))
                .as("the project is still usable")
                .isEqualTo(4);
    }

    @Test
    void outsideTheWindowNothingStartsAndInsideItTasksStart() throws Exception {
        open(3);
        long job = createJob(project, store, Map.of("job.window", "22:00-06:00"));
        AtomicInteger calls = new AtomicInteger();
        TaskWork work = context -> {
            calls.incrementAndGet();
            completions.record(context.task().id());
            return TaskOutcome.succeeded("copied");
        };
        Clock noon = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), UTC);
        AtomicReference<Instant> opensAt = new AtomicReference<>();
        CancellationToken cancel = new CancellationToken();
        CompletableFuture<StateCounts> waiting = CompletableFuture.supplyAsync(
                () -> new JobRunner(store, work, noon, POLL).run(job, cancel, new JobProgressListener() {
                    @Override
                    public void waitingForWindow(long jobId, TimeWindow window, Instant at) {
                        opensAt.set(at);
                    }
                }));
        waitFor(() -> opensAt.get() != null, "the runner to wait for the window");

        assertThat(opensAt.get()).isEqualTo(Instant.parse("2026-12-07T22:00:00Z"));
        assertThat(calls.get()).isZero();
        assertThat(store.counts(job)).isEqualTo(new StateCounts(3, 0, 0, 0));
        cancel.cancel();
        assertThat(waiting.get(60, TimeUnit.SECONDS)).isEqualTo(new StateCounts(3, 0, 0, 0));
        assertThat(store.tasks(job)).allSatisfy(t -> assertThat(t.attempts()).isZero());

        Clock lateNight = Clock.fixed(Instant.parse("2026-12-08T02:30:00Z"), UTC);
        StateCounts end =
                new JobRunner(store, work, lateNight, POLL).run(job, new CancellationToken(), JobProgressListener.NONE);

        assertThat(end).isEqualTo(new StateCounts(0, 0, 3, 0));
        assertThat(calls.get()).isEqualTo(3);
    }

    @Test
    void aRunWaitingForTheWindowStartsWhenItOpens() throws Exception {
        open(2);
        long job = createJob(project, store, Map.of("job.window", "22:00-06:00"));
        MovableClock clock = new MovableClock(Instant.parse("2026-12-07T21:59:00Z"));
        AtomicReference<Instant> opensAt = new AtomicReference<>();
        CompletableFuture<StateCounts> run = CompletableFuture.supplyAsync(
                () -> new JobRunner(store, context -> TaskOutcome.succeeded("copied"), clock, POLL)
                        .run(job, new CancellationToken(), new JobProgressListener() {
                            @Override
                            public void waitingForWindow(long jobId, TimeWindow window, Instant at) {
                                opensAt.set(at);
                            }
                        }));
        waitFor(() -> opensAt.get() != null, "the runner to wait for the window");
        assertThat(store.counts(job).pending()).isEqualTo(2);

        clock.set(Instant.parse("2026-12-07T22:00:00Z"));

        assertThat(run.get(60, TimeUnit.SECONDS)).isEqualTo(new StateCounts(0, 0, 2, 0));
        assertThat(store.tasks(job)).allSatisfy(t -> assertThat(t.startedAt()).isPresent());
    }

    /** A clock a test moves on. */
    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
