package dev.lakeport.apply;

import static java.util.Objects.requireNonNull;

import dev.lakeport.connector.CatalogReader;
import dev.lakeport.connector.CatalogWriter;
import dev.lakeport.connector.ConnectorException;
import dev.lakeport.connector.ErrorCode;
import dev.lakeport.connector.WriterLimits;
import dev.lakeport.diff.DiffResult;
import dev.lakeport.mapping.ViewReferences;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.ObjectKind;
import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import dev.lakeport.plan.Operation;
import dev.lakeport.plan.Plan;
import dev.lakeport.plan.SkippedEntry;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import dev.lakeport.snapshot.CloseableIterator;
import dev.lakeport.snapshot.Side;
import dev.lakeport.snapshot.SnapshotView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Applies a {@link Plan} to the destination catalog.
 *
 * <p>Every write is idempotent, so a run killed at any point converges when the same plan runs again: a create that
 * meets "already exists" reads the object and updates it only if it differs; an update that meets "not found"
 * creates; a delete that meets "not found" is done. Transient errors (throttling, 5xx) are retried with backoff and
 * jitter, for whole calls and for single entries of a batch. One failing object never stops the run; the children of
 * an object that failed are recorded as failed without calling the catalog.
 *
 * <p>At most {@link ExecutorOptions#concurrency()} operations are in flight. Parents are written before their
 * children (a child's operation is chained on its parent's) and, for deletions, children before parents. Views are
 * written after every other write of the run, each after the views it reads. On cancel
 * nothing more is dispatched, in-flight calls finish, and everything not dispatched is recorded as not run.
 */
public final class Executor {
    public static final String PHASE_WRITE = "create/update";
    public static final String PHASE_DELETE = "delete";
    public static final String DRY_RUN = "dry-run";
    public static final String NOT_RUN = "cancelled before it ran";
    /** How a view that could not be created because of the views it reads is recorded. */
    static final String VIEW_NOT_CREATED = "view not created: ";

    /** How often a dispatcher blocked on a full pipeline looks at the cancel token. */
    private static final long POLL_MILLIS = 50;

    private static final CompletableFuture<Result> DONE = CompletableFuture.completedFuture(Result.OK);

    private final CatalogWriter writer;
    private final SnapshotView view;
    private final ExecutorOptions options;
    private final CatalogCalls calls;

    public Executor(CatalogWriter writer, CatalogReader reader, SnapshotView view, ExecutorOptions options) {
        this.writer = requireNonNull(writer, "writer is null");
        requireNonNull(reader, "reader is null");
        this.view = requireNonNull(view, "view is null");
        this.options = requireNonNull(options, "options is null");
        this.calls = new CatalogCalls(writer, reader, view, options);
    }

    /**
     * Runs the plan, recording every item in {@code log} (which the caller opens and closes). Returns what was done,
     * also when cancelled; an unexpected error is thrown after everything in flight has finished and been recorded.
     */
    public RunSummary run(Plan plan, ResultSink log, ProgressListener progress, CancellationToken cancel) {
        requireNonNull(plan, "plan is null");
        requireNonNull(log, "log is null");
        requireNonNull(progress, "progress is null");
        requireNonNull(cancel, "cancel is null");
        checkLimits(plan.options().limits(), writer.limits());
        ExecutorService pool = Executors.newFixedThreadPool(options.concurrency(), threads());
        Run run = new Run(log, progress, cancel, pool);
        RunSummary summary;
        try {
            Instant now = Instant.now();
            for (SkippedEntry s : plan.skipped()) {
                log.record(s.key(), s.result(), Outcome.SKIPPED, "skipped: " + s.reason(), now, 0);
            }
            progress.phase(PHASE_WRITE, plan.writeCount());
            try (CloseableIterator<Operation> ops = plan.writes()) {
                run.writes(ops);
            }
            run.awaitInFlight();
            progress.phase(PHASE_DELETE, plan.deleteCount());
            try (CloseableIterator<Operation> ops = plan.deletes()) {
                run.deletes(ops);
            }
        } finally {
            run.awaitInFlight();
            pool.shutdownNow();
            if (cancel.isCancelled()) {
                log.markCancelled();
            }
            summary = log.summary();
        }
        return summary;
    }

    private static void checkLimits(WriterLimits planned, WriterLimits allowed) {
        if (planned.createPartitions() > allowed.createPartitions()
                || planned.updatePartitions() > allowed.updatePartitions()
                || planned.deletePartitions() > allowed.deletePartitions()) {
            throw new IllegalArgumentException("the plan's partition batches " + planned
                    + " exceed what the destination accepts " + allowed + "; plan again with the writer's limits");
        }
    }

    private static ThreadFactory threads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "lakeport-apply-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** How an operation ended, for the operations chained on it. */
    private record Result(boolean ok, String message) {
        static final Result OK = new Result(true, "");
    }

    /** The state of one run: dispatch, in-flight accounting, recording. */
    private final class Run {
        private final ResultSink log;
        private final ProgressListener progress;
        private final CancellationToken cancel;
        private final ExecutorService pool;
        private final Semaphore permits = new Semaphore(options.concurrency());

        Run(ResultSink log, ProgressListener progress, CancellationToken cancel, ExecutorService pool) {
            this.log = log;
            this.progress = progress;
            this.cancel = cancel;
            this.pool = pool;
        }

        /**
         * Creates and updates in key order; each is chained on its parent's operation when that is in the plan. Views
         * wait for everything else, then go in the order of what they read ({@link #views}).
         */
        void writes(CloseableIterator<Operation> ops) {
            ObjectKey dbKey = null;
            CompletableFuture<Result> db = DONE;
            ObjectKey tableKey = null;
            CompletableFuture<Result> table = DONE;
            Map<ObjectKey, CompletableFuture<Result>> databases = new HashMap<>();
            Map<ObjectKey, Table> views = new LinkedHashMap<>();
            Map<ObjectKey, Operation> viewOps = new HashMap<>();
            while (ops.hasNext()) {
                Operation op = ops.next();
                Optional<Table> asView = view(op);
                if (asView.isPresent()) {
                    views.put(op.key(), asView.get());
                    viewOps.put(op.key(), op);
                    continue;
                }
                if (!acquire()) {
                    viewOps.values().forEach(v -> recordAll(v, Outcome.NOT_RUN, NOT_RUN, Instant.now(), 0));
                    notRun(op, ops);
                    return;
                }
                CompletableFuture<Result> parent = DONE;
                Optional<ObjectKey> parentKey = op.parent();
                if (parentKey.isPresent() && parentKey.get().equals(dbKey)) {
                    parent = db;
                } else if (parentKey.isPresent() && parentKey.get().equals(tableKey)) {
                    parent = table;
                }
                CompletableFuture<Result> f = dispatch(op, parent);
                if (op.kind() == ObjectKind.DATABASE) {
                    dbKey = op.key();
                    db = f;
                    databases.put(op.key(), f);
                } else if (op.kind() == ObjectKind.TABLE) {
                    tableKey = op.key();
                    table = f;
                }
            }
            views(views, viewOps, databases);
        }

        /** The view a table create or update is about, as the destination should hold it; empty for a table. */
        private Optional<Table> view(Operation op) {
            if (op.kind() != ObjectKind.TABLE || op.result() == DiffResult.DELETE) {
                return Optional.empty();
            }
            try {
                return view.get(Side.SOURCE, op.key())
                        .filter(Table.class::isInstance)
                        .map(Table.class::cast)
                        .filter(Table::isView);
            } catch (RuntimeException e) {
                return Optional.empty(); // the operation itself reports why the object cannot be read
            }
        }

        /**
         * Views, once every table of the run is written (a destination such as MaxCompute checks a view's query when
         * it is created, so what a view reads must be there first): a view that reads other views of the run waits for
         * them; views that read each other in a cycle fail, named, and so does a view whose database or a view it
         * reads failed.
         */
        private void views(
                Map<ObjectKey, Table> views,
                Map<ObjectKey, Operation> ops,
                Map<ObjectKey, CompletableFuture<Result>> databases) {
            if (views.isEmpty()) {
                return;
            }
            awaitInFlight();
            Map<String, ObjectKey> byName = new HashMap<>();
            views.keySet().forEach(k -> byName.put(name(k), k));
            Map<ObjectKey, List<ObjectKey>> reads = new HashMap<>();
            views.forEach((k, v) -> reads.put(
                    k,
                    ViewReferences.tables(v).stream()
                            .map(byName::get)
                            .filter(java.util.Objects::nonNull)
                            .filter(r -> !r.equals(k))
                            .distinct()
                            .toList()));
            Map<ObjectKey, CompletableFuture<Result>> done = new HashMap<>();
            List<ObjectKey> waiting = new ArrayList<>(views.keySet());
            boolean progressed = true;
            while (!waiting.isEmpty() && progressed) {
                progressed = false;
                for (java.util.Iterator<ObjectKey> it = waiting.iterator(); it.hasNext(); ) {
                    ObjectKey key = it.next();
                    if (!done.keySet().containsAll(reads.get(key))) {
                        continue;
                    }
                    it.remove();
                    progressed = true;
                    Operation op = ops.get(key);
                    if (!acquire()) {
                        recordAll(op, Outcome.NOT_RUN, NOT_RUN, Instant.now(), 0);
                        waiting.forEach(w -> recordAll(ops.get(w), Outcome.NOT_RUN, NOT_RUN, Instant.now(), 0));
                        waiting.clear();
                        return;
                    }
                    CompletableFuture<Result> parent =
                            databases.getOrDefault(op.parent().orElseThrow(), DONE);
                    for (ObjectKey read : reads.get(key)) {
                        CompletableFuture<Result> before = done.get(read);
                        parent = parent.thenCombine(
                                before,
                                (a, b) -> !a.ok()
                                        ? a
                                        : b.ok()
                                                ? b
                                                : new Result(
                                                        false,
                                                        VIEW_NOT_CREATED + "the view " + name(read)
                                                                + ", which it reads, failed"));
                    }
                    done.put(key, dispatch(op, parent));
                }
            }
            for (ObjectKey key : waiting) {
                recordAll(
                        ops.get(key),
                        Outcome.FAILED,
                        VIEW_NOT_CREATED + "it is in, or reads, a cycle of views reading each other ("
                                + String.join(
                                        ", ",
                                        waiting.stream().map(Executor::name).toList())
                                + "): none of them can be created before the others",
                        Instant.now(),
                        0);
            }
        }

        /**
         * Deletions in reverse key order; a table waits for its partitions' deletions, a database for everything in
         * it. The parent is deleted whatever its children's outcome: the catalog decides whether it can go.
         */
        void deletes(CloseableIterator<Operation> ops) {
            String db = null;
            List<CompletableFuture<Result>> inDatabase = new ArrayList<>();
            ObjectKey partitionsOf = null;
            List<CompletableFuture<Result>> inTable = new ArrayList<>();
            while (ops.hasNext()) {
                Operation op = ops.next();
                if (!acquire()) {
                    notRun(op, ops);
                    return;
                }
                ObjectKey key = op.key();
                if (!key.database().equals(db)) {
                    db = key.database();
                    inDatabase = new ArrayList<>();
                    partitionsOf = null;
                    inTable = new ArrayList<>();
                }
                CompletableFuture<Result> waitFor = DONE;
                switch (op.kind()) {
                    case PARTITION -> {
                        ObjectKey t = op.parent().orElseThrow();
                        if (!t.equals(partitionsOf)) {
                            partitionsOf = t;
                            inTable = new ArrayList<>();
                        }
                    }
                    case TABLE -> waitFor = key.equals(partitionsOf) ? allOf(inTable) : DONE;
                    case DATABASE -> waitFor = allOf(inDatabase);
                    case FUNCTION -> waitFor = DONE;
                }
                CompletableFuture<Result> f = dispatch(op, waitFor.thenApply(r -> Result.OK));
                if (op.kind() == ObjectKind.PARTITION) {
                    inTable.add(f);
                }
                inDatabase.add(f);
            }
        }

        private CompletableFuture<Result> allOf(List<CompletableFuture<Result>> futures) {
            return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                    .thenApply(v -> Result.OK);
        }

        private CompletableFuture<Result> dispatch(Operation op, CompletableFuture<Result> parent) {
            CompletableFuture<Result> f;
            try {
                f = parent.thenApplyAsync(p -> execute(op, p), pool);
            } catch (RuntimeException e) {
                permits.release(); // or awaitInFlight would wait for a slot nobody holds
                throw e;
            }
            f.whenComplete((r, t) -> permits.release());
            return f;
        }

        /** Waits for a free slot; false once cancelled. */
        private boolean acquire() {
            try {
                while (!cancel.isCancelled()) {
                    if (permits.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                        if (cancel.isCancelled()) {
                            permits.release();
                            return false;
                        }
                        return true;
                    }
                }
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        void awaitInFlight() {
            permits.acquireUninterruptibly(options.concurrency());
            permits.release(options.concurrency());
        }

        private void notRun(Operation first, CloseableIterator<Operation> rest) {
            recordAll(first, Outcome.NOT_RUN, NOT_RUN, Instant.now(), 0);
            while (rest.hasNext()) {
                recordAll(rest.next(), Outcome.NOT_RUN, NOT_RUN, Instant.now(), 0);
            }
        }

        /**
         * Does one operation and records each of its items exactly once, with the outcome the catalog gave it: the
         * work is guarded, the recording is not, so an item is never recorded as done and then again as failed.
         */
        private Result execute(Operation op, Result parent) {
            long started = System.nanoTime();
            if (!parent.ok()) {
                ObjectKey p = op.parent().orElseThrow();
                String message = parent.message().startsWith(VIEW_NOT_CREATED)
                        ? parent.message()
                        : "parent " + p.kind().itemType() + " " + p.itemName() + " failed: " + parent.message();
                recordAll(op, Outcome.FAILED, message, Instant.now(), 0);
                return new Result(false, message);
            }
            if (options.dryRun()) {
                // dryRun records nothing before it has everything the real run would need
                try {
                    dryRun(op);
                } catch (RuntimeException | Error e) {
                    String message = message(e);
                    recordAll(op, Outcome.FAILED, message, Instant.now(), millisSince(started));
                    return new Result(false, message);
                }
                return Result.OK;
            }
            Map<List<String>, String> failures = new LinkedHashMap<>();
            try {
                if (op.kind() == ObjectKind.PARTITION) {
                    calls.partitions(op, failures);
                } else {
                    calls.single(op);
                }
            } catch (RuntimeException | Error e) {
                String message = message(e);
                recordAll(op, Outcome.FAILED, message, Instant.now(), millisSince(started));
                return new Result(false, message);
            }
            if (op.kind() != ObjectKind.PARTITION) {
                recordAll(op, Outcome.SUCCEEDED, "", Instant.now(), millisSince(started));
                return Result.OK;
            }
            Instant now = Instant.now();
            long millis = millisSince(started);
            for (ObjectKey key : op.keys()) {
                String failure = failures.get(key.partitionValues());
                if (failure == null) {
                    log.record(key, op.result(), Outcome.SUCCEEDED, "", now, millis);
                } else {
                    log.record(key, op.result(), Outcome.FAILED, failure, now, millis);
                }
            }
            progress.advance(op.size(), failures.size());
            return Result.OK;
        }

        /**
         * Prepares everything the real run would write, without writing: an item the real run could not even build
         * (missing from the snapshot, unmappable) is reported failed here too, not as done.
         */
        private void dryRun(Operation op) {
            if (op.result() == DiffResult.DELETE) {
                recordAll(op, Outcome.SUCCEEDED, DRY_RUN, Instant.now(), 0);
                return;
            }
            if (op.kind() != ObjectKind.PARTITION) {
                calls.source(op.key());
                recordAll(op, Outcome.SUCCEEDED, DRY_RUN, Instant.now(), 0);
                return;
            }
            ObjectKey tableKey = op.parent().orElseThrow();
            calls.table(tableKey, Side.SOURCE, Side.DESTINATION)
                    .orElseThrow(() -> new ConnectorException(
                            ErrorCode.INTERNAL, tableKey + " is in neither snapshot; load metadata again"));
            Map<ObjectKey, Partition> found = view.getMany(
                    Side.SOURCE,
                    tableKey.database(),
                    tableKey.requireName(),
                    op.keys().stream().map(ObjectKey::partitionValues).toList());
            Instant now = Instant.now();
            int failed = 0;
            for (ObjectKey key : op.keys()) {
                if (found.containsKey(key)) {
                    log.record(key, op.result(), Outcome.SUCCEEDED, DRY_RUN, now, 0);
                } else {
                    log.record(
                            key,
                            op.result(),
                            Outcome.FAILED,
                            "INTERNAL: not in the source snapshot; load metadata again",
                            now,
                            0);
                    failed++;
                }
            }
            progress.advance(op.size(), failed);
        }

        private void recordAll(Operation op, Outcome outcome, String message, Instant time, long millis) {
            for (ObjectKey key : op.keys()) {
                log.record(key, op.result(), outcome, message, time, millis);
            }
            if (outcome != Outcome.NOT_RUN) { // not done, and not failed either: the bar counts neither
                progress.advance(op.size(), outcome.isSuccess() ? 0 : op.size());
            }
        }
    }

    /** {@code database.table} in lower case, as view texts name tables. */
    private static String name(ObjectKey key) {
        return (key.database() + "." + key.requireName()).toLowerCase(java.util.Locale.ROOT);
    }

    private static long millisSince(long nanoStart) {
        return (System.nanoTime() - nanoStart) / 1_000_000;
    }

    /** The one line a result log shows: a connector's summary (code, vendor code, message), never a stack trace. */
    static String message(Throwable e) {
        if (e instanceof ConnectorException ce) {
            return ce.summary();
        }
        String text = e.getMessage();
        return e.getClass().getSimpleName() + (text == null ? "" : ": " + text);
    }
}
