package dev.lakeport.plan;

import static java.util.Objects.requireNonNull;

import dev.lakeport.diff.DiffEntry;
import dev.lakeport.diff.DiffQuery;
import dev.lakeport.diff.DiffResult;
import dev.lakeport.diff.DiffStore;
import dev.lakeport.diff.StoredDiffEntry;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.snapshot.CloseableIterator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * What a run will do: the included entries in scope of a stored diff run ({@link #of(DiffStore, long, PlanOptions)})
 * or entries held elsewhere ({@link #of(List, PlanOptions)}, {@link #streaming}), as ordered, batched operations.
 *
 * <p>{@link #writes()} are creates and updates in key order, which puts every parent before its children (a database
 * before its tables and functions, a table before its partitions). {@link #deletes()} are in reverse key order, so
 * children go first (partitions, then their table; functions and tables, then their database). Writes are streamed
 * from the store each time they are asked for; only the keys of deletions are held, because their count has to be
 * known and confirmed before anything runs.
 */
public final class Plan {
    public static final String DELETES_OFF = "deletions are off; use --allow-deletes --confirm-deletes N";

    private final Supplier<CloseableIterator<DiffEntry>> writeSource;
    private final long diffRunId;
    private final PlanOptions options;
    private final List<ObjectKey> deleteKeys;
    private final boolean deletesPlanned;
    private final long writeCount;

    private Plan(
            Supplier<CloseableIterator<DiffEntry>> writeSource,
            long diffRunId,
            PlanOptions options,
            List<ObjectKey> deleteKeys,
            long writeCount) {
        this.writeSource = writeSource;
        this.diffRunId = diffRunId;
        this.options = options;
        this.deleteKeys = Collections.unmodifiableList(deleteKeys);
        this.deletesPlanned = options.allowDeletes();
        this.writeCount = writeCount;
    }

    /**
     * Plans a stored diff run.
     *
     * @throws DeleteConfirmationException if deletions are on and the confirmed count is missing or wrong; the
     *     message gives the real count, and nothing has run
     */
    public static Plan of(DiffStore store, long diffRunId, PlanOptions options) {
        requireNonNull(store, "store is null");
        requireNonNull(options, "options is null");
        if (store.run(diffRunId).isEmpty()) {
            throw new IllegalArgumentException("no diff run " + diffRunId);
        }
        List<ObjectKey> deletes = new ArrayList<>();
        try (CloseableIterator<StoredDiffEntry> it = store.stream(diffRunId, deleteQuery(), true)) {
            while (it.hasNext()) {
                ObjectKey key = it.next().entry().key();
                if (options.inScope(key)) {
                    deletes.add(key);
                }
            }
        }
        checkDeletes(options, deletes.size());
        long writes = options.scope().isEmpty()
                ? store.count(diffRunId, writeQuery())
                : countWrites(store, diffRunId, options);
        return new Plan(
                () -> new ScopedEntries(store.stream(diffRunId, writeQuery()), options),
                diffRunId,
                options,
                deletes,
                writes);
    }

    /**
     * Plans entries held in memory (e.g. the databases, tables and functions a Spark job's driver compared), in any
     * order: they are put in key order here, deletions in reverse key order.
     *
     * @throws DeleteConfirmationException as {@link #of(DiffStore, long, PlanOptions)}
     */
    public static Plan of(List<DiffEntry> entries, PlanOptions options) {
        requireNonNull(entries, "entries is null");
        requireNonNull(options, "options is null");
        List<DiffEntry> writes = new ArrayList<>();
        List<ObjectKey> deletes = new ArrayList<>();
        for (DiffEntry e : entries) {
            if (!options.inScope(e.key())) {
                continue;
            }
            if (e.result() == DiffResult.DELETE) {
                deletes.add(e.key());
            } else {
                writes.add(e);
            }
        }
        writes.sort(Comparator.comparing(e -> e.key().sortKey()));
        deletes.sort(Comparator.comparing(ObjectKey::sortKey).reversed());
        checkDeletes(options, deletes.size());
        List<DiffEntry> sorted = List.copyOf(writes);
        return new Plan(() -> CloseableIterator.of(sorted.iterator()), 0, options, deletes, sorted.size());
    }

    /**
     * Plans entries that stream past once, such as one task's share of a Spark job's diff: {@code writes} are the
     * creates and updates in key order (read once, by the one call of {@link #writes()}), {@code writeCount} their
     * number if known (-1 if not), {@code deletes} the keys to delete in any order.
     *
     * @throws DeleteConfirmationException as {@link #of(DiffStore, long, PlanOptions)}
     * @throws IllegalArgumentException if {@code writes} yields a deletion
     */
    public static Plan streaming(
            CloseableIterator<DiffEntry> writes, long writeCount, List<ObjectKey> deletes, PlanOptions options) {
        requireNonNull(writes, "writes is null");
        requireNonNull(deletes, "deletes is null");
        requireNonNull(options, "options is null");
        List<ObjectKey> inScope = new ArrayList<>();
        for (ObjectKey k : deletes) {
            if (options.inScope(k)) {
                inScope.add(k);
            }
        }
        inScope.sort(Comparator.comparing(ObjectKey::sortKey).reversed());
        checkDeletes(options, inScope.size());
        AtomicBoolean taken = new AtomicBoolean();
        Supplier<CloseableIterator<DiffEntry>> once = () -> {
            if (taken.getAndSet(true)) {
                throw new IllegalStateException("the writes of a streaming plan can be read once only");
            }
            return new ScopedEntries(new WritesOnly(writes), options);
        };
        return new Plan(once, 0, options, inScope, writeCount);
    }

    /**
     * The rule for deletions: when they are on, {@code confirmedDeletes} must be the exact number {@code n} of objects
     * to delete. A caller that splits one run into several plans checks the run's total here first.
     *
     * @throws DeleteConfirmationException if deletions are on and the confirmed count is missing or not {@code n}
     */
    public static void checkDeletes(PlanOptions options, long n) {
        if (!options.allowDeletes()) {
            return;
        }
        if (options.confirmedDeletes().isEmpty()) {
            throw new DeleteConfirmationException(
                    "deletions are on but not confirmed: this plan deletes " + n
                            + " objects; confirm with --confirm-deletes " + n,
                    n);
        }
        long confirmed = options.confirmedDeletes().getAsLong();
        if (confirmed != n) {
            throw new DeleteConfirmationException(
                    "confirmed " + confirmed + " deletions but this plan deletes " + n
                            + " objects; nothing was run. Check the diff, then confirm with --confirm-deletes " + n,
                    n);
        }
    }

    private static long countWrites(DiffStore store, long runId, PlanOptions options) {
        long n = 0;
        try (CloseableIterator<StoredDiffEntry> it = store.stream(runId, writeQuery())) {
            while (it.hasNext()) {
                if (options.inScope(it.next().entry().key())) {
                    n++;
                }
            }
        }
        return n;
    }

    private static DiffQuery writeQuery() {
        return DiffQuery.all().includedOnly().withResults(EnumSet.of(DiffResult.CREATE, DiffResult.UPDATE));
    }

    private static DiffQuery deleteQuery() {
        return DiffQuery.all().includedOnly().withResult(DiffResult.DELETE);
    }

    public long diffRunId() {
        return diffRunId;
    }

    public PlanOptions options() {
        return options;
    }

    /** Objects to create or update; -1 for a streaming plan that was not told. */
    public long writeCount() {
        return writeCount;
    }

    /** Objects to delete (0 when deletions are off). */
    public long deleteCount() {
        return deletesPlanned ? deleteKeys.size() : 0;
    }

    /** {@code dlfNew} objects left alone because deletions are off. */
    public long skippedCount() {
        return deletesPlanned ? 0 : deleteKeys.size();
    }

    /** Creates and updates, parents first, partitions batched. Close it. */
    public CloseableIterator<Operation> writes() {
        return new Batcher(writeSource.get(), options.limits());
    }

    /** Deletions, children first, partitions batched; empty when deletions are off. */
    public CloseableIterator<Operation> deletes() {
        List<ObjectKey> keys = deletesPlanned ? deleteKeys : List.of();
        Iterator<ObjectKey> it = keys.iterator();
        CloseableIterator<DiffEntry> entries = new CloseableIterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public DiffEntry next() {
                return DiffEntry.of(it.next(), DiffResult.DELETE);
            }

            @Override
            public void close() {}
        };
        return new Batcher(entries, options.limits());
    }

    /** The {@code dlfNew} entries left alone because deletions are off. */
    public List<SkippedEntry> skipped() {
        if (deletesPlanned) {
            return List.of();
        }
        return deleteKeys.stream()
                .map(k -> new SkippedEntry(k, DiffResult.DELETE, DELETES_OFF))
                .toList();
    }

    /** Refuses deletions among the writes of a streaming plan: they would run before their children's writes. */
    private static final class WritesOnly implements CloseableIterator<DiffEntry> {
        private final CloseableIterator<DiffEntry> input;

        WritesOnly(CloseableIterator<DiffEntry> input) {
            this.input = input;
        }

        @Override
        public boolean hasNext() {
            return input.hasNext();
        }

        @Override
        public DiffEntry next() {
            DiffEntry e = input.next();
            if (e.result() == DiffResult.DELETE) {
                throw new IllegalArgumentException("a deletion among the writes of a plan: " + e.key());
            }
            return e;
        }

        @Override
        public void close() {
            input.close();
        }
    }

    /** Filters a stream by the plan's scope. */
    private static final class ScopedEntries implements CloseableIterator<DiffEntry> {
        private final CloseableIterator<? extends Object> input;
        private final PlanOptions options;
        private DiffEntry next;

        ScopedEntries(CloseableIterator<? extends Object> input, PlanOptions options) {
            this.input = input;
            this.options = options;
        }

        @Override
        public boolean hasNext() {
            while (next == null && input.hasNext()) {
                Object o = input.next();
                DiffEntry e = o instanceof StoredDiffEntry stored ? stored.entry() : (DiffEntry) o;
                if (options.inScope(e.key())) {
                    next = e;
                }
            }
            return next != null;
        }

        @Override
        public DiffEntry next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            DiffEntry e = next;
            next = null;
            return e;
        }

        @Override
        public void close() {
            input.close();
        }
    }
}
