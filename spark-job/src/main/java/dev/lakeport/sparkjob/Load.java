package dev.lakeport.sparkjob;

import dev.lakeport.apply.Executor;
import dev.lakeport.apply.ExecutorOptions;
import dev.lakeport.apply.Outcome;
import dev.lakeport.apply.ResultSink;
import dev.lakeport.apply.RunSummary;
import dev.lakeport.apply.SummaryCounter;
import dev.lakeport.config.MigrationConfig;
import dev.lakeport.diff.DiffEntry;
import dev.lakeport.diff.DiffResult;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.plan.Plan;
import dev.lakeport.plan.PlanOptions;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import dev.lakeport.snapshot.CloseableIterator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.TaskContext;
import org.apache.spark.util.LongAccumulator;

/**
 * The load phase on an executor: one task applies its Spark partition's differences (whole tables, in key order) with
 * core's {@link Executor}: partitions batched per table at the writer's limits, creates and updates first, then
 * deletions (only when the run turned them on and the driver checked the confirmed count), "already exists" and "not
 * found" resolved, transient errors retried, at the run's concurrency and rate shared among the executor's task
 * slots. Its results go back to the driver.
 */
final class Load {
    private static final long WATCH_MILLIS = 100;

    private Load() {}

    static Iterator<ResultRow> apply(
            JobSettings settings,
            TableIndex tables,
            Iterator<DiffRecord> writes,
            Iterator<DiffRecord> deletes,
            LongAccumulator done,
            LongAccumulator failed) {
        Catalogs catalogs = Catalogs.of(settings);
        MigrationConfig config = catalogs.config();
        List<ObjectKey> deleteKeys = new ArrayList<>();
        deletes.forEachRemaining(r -> deleteKeys.add(Keys.parse(r.sortKey())));
        TaskView view = new TaskView(tables);
        CloseableIterator<DiffEntry> entries = CloseableIterator.of(new Iterator<DiffEntry>() {
            @Override
            public boolean hasNext() {
                return writes.hasNext();
            }

            @Override
            public DiffEntry next() {
                DiffRecord r = writes.next();
                ObjectKey key = Keys.parse(r.sortKey());
                view.hold(key, r.mapped());
                return DiffEntry.of(key, r.result());
            }
        });
        PlanOptions options = PlanOptions.of(catalogs.destinationWriter().limits());
        if (config.run().allowDeletes()) {
            // The driver checked the run's total against lakeport.confirmDeletes; this task has its share.
            options = options.withDeletesConfirmed(deleteKeys.size());
        }
        Plan plan = Plan.streaming(entries, -1, deleteKeys, options);
        int slots = settings.slotsPerExecutor();
        ExecutorOptions executorOptions = ExecutorOptions.defaults()
                .withConcurrency(Math.max(1, config.run().concurrency() / slots))
                .withCallsPerSecond(config.run().rate() / slots)
                .withRetries(config.retries())
                .withDryRun(settings.dryRun());
        Rows rows = new Rows(view);
        ProgressListener progress = new ProgressListener() {
            @Override
            public void advance(long n, long nFailed) {
                synchronized (done) {
                    done.add(n);
                    failed.add(nFailed);
                }
            }
        };
        CancellationToken cancel = new CancellationToken();
        TaskContext context = TaskContext.get();
        ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lakeport-load-watch");
            t.setDaemon(true);
            return t;
        });
        if (context != null) {
            // A killed task (the job cancelled, a stage failed) stops dispatching; calls in flight finish.
            watch.scheduleWithFixedDelay(
                    () -> {
                        if (context.isInterrupted()) {
                            cancel.cancel();
                        }
                    },
                    WATCH_MILLIS,
                    WATCH_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
        try {
            new Executor(catalogs.destinationWriter(), catalogs.destinationReader(), view, executorOptions)
                    .run(plan, rows, progress, cancel);
        } finally {
            watch.shutdownNow();
        }
        if (context != null) {
            context.killTaskIfInterrupted();
        }
        return rows.rows.iterator();
    }

    /** Collects a task's results, and lets go of each entry's object once its result is in. */
    private static final class Rows implements ResultSink {
        private final TaskView view;
        private final List<ResultRow> rows = new ArrayList<>();
        private final SummaryCounter counter = new SummaryCounter();
        private final Instant started = Instant.now();
        private boolean cancelled;

        Rows(TaskView view) {
            this.view = view;
        }

        @Override
        public synchronized void record(
                ObjectKey key, DiffResult diffResult, Outcome outcome, String errorMsg, Instant time, long durationMs) {
            rows.add(new ResultRow(
                    key.sortKey(), diffResult, outcome, errorMsg == null ? "" : errorMsg, time, durationMs));
            counter.add(key.kind(), diffResult, outcome, 1);
            view.release(key);
        }

        @Override
        public synchronized void markCancelled() {
            cancelled = true;
        }

        @Override
        public synchronized RunSummary summary() {
            return new RunSummary(
                    "task", counter.toMap(), Duration.between(started, Instant.now()), List.of(), cancelled, false);
        }
    }
}
