package dev.lakeport.diff;

import static java.util.Objects.requireNonNull;

import dev.lakeport.model.CatalogObject;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import dev.lakeport.snapshot.CloseableIterator;
import dev.lakeport.snapshot.ScanEntry;
import dev.lakeport.snapshot.Side;
import dev.lakeport.snapshot.SnapshotView;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Compares the mapped source with the destination by merging their key-ordered scans, each key by the one
 * {@link DiffRule}. Equal fingerprints mean equal objects, so full objects are opened only for keys present on both sides whose fingerprints differ. Memory does not
 * depend on the catalog's size: each entry goes to the sink as soon as it is found.
 */
public final class DiffEngine {
    /** Progress and cancellation are checked every this many keys: often enough for a responsive Cancel button. */
    static final int CHECK_EVERY = 10_000;

    private final SnapshotView view;

    public DiffEngine(SnapshotView view) {
        this.view = requireNonNull(view, "view is null");
    }

    /**
     * Runs the merge, sending every difference to {@code sink} in key order.
     *
     * @throws java.util.concurrent.CancellationException if the token is cancelled; entries sent so far stay sent
     */
    public DiffSummary run(DiffOptions options, DiffSink sink, ProgressListener progress, CancellationToken cancel) {
        requireNonNull(options, "options is null");
        requireNonNull(sink, "sink is null");
        requireNonNull(progress, "progress is null");
        requireNonNull(cancel, "cancel is null");
        DiffSummary.Counter counter = new DiffSummary.Counter();
        DiffSink counting = entry -> {
            counter.accept(entry);
            sink.accept(entry);
        };
        progress.phase("diff", -1);
        try (CloseableIterator<ScanEntry> srcScan = view.scan(Side.SOURCE);
                CloseableIterator<ScanEntry> dstScan = view.scan(Side.DESTINATION)) {
            DiffRule rule = new DiffRule(options);
            Cursor src = new Cursor(srcScan, rule, Side.SOURCE);
            Cursor dst = new Cursor(dstScan, rule, Side.DESTINATION);
            long seen = 0;
            while (src.entry != null || dst.entry != null) {
                if (++seen % CHECK_EVERY == 0) {
                    cancel.check();
                    progress.advance(CHECK_EVERY, 0);
                }
                int cmp = src.entry == null ? 1 : dst.entry == null ? -1 : src.sortKey.compareTo(dst.sortKey);
                ObjectKey key = cmp <= 0 ? src.entry.key() : dst.entry.key();
                OptionalLong source = cmp <= 0 ? OptionalLong.of(src.entry.fingerprint()) : OptionalLong.empty();
                OptionalLong destination = cmp >= 0 ? OptionalLong.of(dst.entry.fingerprint()) : OptionalLong.empty();
                Optional<DiffResult> result = DiffRule.compare(source, destination);
                if (result.isPresent()) {
                    counting.accept(
                            result.get() == DiffResult.UPDATE
                                    ? new DiffEntry(key, DiffResult.UPDATE, changes(key))
                                    : DiffEntry.of(key, result.get()));
                }
                if (cmp <= 0) {
                    src.advance();
                }
                if (cmp >= 0) {
                    dst.advance();
                }
            }
            progress.advance(seen % CHECK_EVERY, 0);
        }
        return counter.toSummary();
    }

    /**
     * One side's scan, positioned on its next entry in scope. The sort key is computed once per entry, and the order
     * is checked: a merge of unsorted scans would report wrong differences without any sign of trouble.
     */
    private static final class Cursor {
        private final CloseableIterator<ScanEntry> scan;
        private final DiffRule rule;
        private final Side side;
        ScanEntry entry;
        String sortKey;

        Cursor(CloseableIterator<ScanEntry> scan, DiffRule rule, Side side) {
            this.scan = scan;
            this.rule = rule;
            this.side = side;
            advance();
        }

        void advance() {
            String previous = sortKey;
            entry = null;
            sortKey = null;
            while (scan.hasNext()) {
                ScanEntry e = scan.next();
                if (rule.accepts(e.key())) {
                    entry = e;
                    sortKey = e.key().sortKey();
                    if (previous != null && previous.compareTo(sortKey) >= 0) {
                        throw new IllegalStateException("the " + side + " scan is not in key order: " + e.key()
                                + " came after a key that is not smaller");
                    }
                    return;
                }
            }
        }
    }

    private List<FieldChange> changes(ObjectKey key) {
        Optional<CatalogObject> before = view.get(Side.DESTINATION, key);
        Optional<CatalogObject> after = view.get(Side.SOURCE, key);
        if (before.isEmpty() || after.isEmpty()) {
            // The snapshot changed under us (a reload in progress); the update itself is still right.
            return List.of();
        }
        List<FieldChange> changes = FieldChanges.between(before.get(), after.get());
        if (changes.isEmpty()) {
            // Equal canonical forms under different stored fingerprints: the fingerprints were computed another way
            // (another mapping or canonical form version) and were not recomputed. An update with nothing to update
            // would mislead; stop and say so.
            throw new IllegalStateException("the stored fingerprints of " + key
                    + " differ but the objects are equal field by field: the snapshot's fingerprints are stale;"
                    + " load both sides again");
        }
        return changes;
    }
}
