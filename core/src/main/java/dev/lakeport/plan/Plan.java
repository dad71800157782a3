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
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * What a run will do, read from a stored diff run: the included entries in scope, as ordered, batched operations.
 *
 * <p>{@link #writes()} are creates and updates in key order, which puts every parent before its children (a database
 * before its tables and functions, a table before its partitions). {@link #deletes()} are in reverse key order, so
 * children go first (partitions, then their table; functions and tables, then their database). Writes are streamed
 * from the store each time they are asked for; only the keys of deletions are held, because their count has to be
 * known and confirmed before anything runs.
 */
public final class Plan {
    public static final String DELETES_OFF = "deletions are off; use --allow-deletes --confirm-deletes N";

    private final DiffStore store;
    private final long diffRunId;
    private final PlanOptions options;
    private final List<ObjectKey> deleteKeys;
    private final boolean deletesPlanned;
    private final long writeCount;

    private Plan(DiffStore store, long diffRunId, PlanOptions options, List<ObjectKey> deleteKeys, long writeCount) {
        this.store = store;
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
        if (options.allowDeletes()) {
            long n = deletes.size();
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
        long writes = options.scope().isEmpty()
                ? store.count(diffRunId, writeQuery())
                : countWrites(store, diffRunId, options);
        return new Plan(store, diffRunId, options, deletes, writes);
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
        return DiffQuery.all().includedOnly().withResults(EnumSet.of(DiffResult.GLUE_NEW, DiffResult.NEED_UPDATE));
    }

    private static DiffQuery deleteQuery() {
        return DiffQuery.all().includedOnly().withResult(DiffResult.DLF_NEW);
    }

    public long diffRunId() {
        return diffRunId;
    }

    public PlanOptions options() {
        return options;
    }

    /** Objects to create or update. */
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
        CloseableIterator<StoredDiffEntry> stored = store.stream(diffRunId, writeQuery());
        return new Batcher(new ScopedEntries(stored, options), options.limits());
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
                return DiffEntry.of(it.next(), DiffResult.DLF_NEW);
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
                .map(k -> new SkippedEntry(k, DiffResult.DLF_NEW, DELETES_OFF))
                .toList();
    }

    /** Filters a stored stream by the plan's scope. */
    private static final class ScopedEntries implements CloseableIterator<DiffEntry> {
        private final CloseableIterator<StoredDiffEntry> input;
        private final PlanOptions options;
        private DiffEntry next;

        ScopedEntries(CloseableIterator<StoredDiffEntry> input, PlanOptions options) {
            this.input = input;
            this.options = options;
        }

        @Override
        public boolean hasNext() {
            while (next == null && input.hasNext()) {
                DiffEntry e = input.next().entry();
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
