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

/**
 * Compares the mapped source with the destination by merging their key-ordered scans. Equal fingerprints mean equal
 * objects, so full objects are opened only for keys present on both sides whose fingerprints differ. Memory does not
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
        try (CloseableIterator<ScanEntry> src = view.scan(Side.SOURCE);
                CloseableIterator<ScanEntry> dst = view.scan(Side.DESTINATION)) {
            ScanEntry s = next(src, options);
            ScanEntry d = next(dst, options);
            long seen = 0;
            while (s != null || d != null) {
                if (++seen % CHECK_EVERY == 0) {
                    cancel.check();
                    progress.advance(CHECK_EVERY, 0);
                }
                int cmp = s == null ? 1 : d == null ? -1 : s.key().compareTo(d.key());
                if (cmp < 0) {
                    counting.accept(DiffEntry.of(s.key(), DiffResult.GLUE_NEW));
                    s = next(src, options);
                } else if (cmp > 0) {
                    counting.accept(DiffEntry.of(d.key(), DiffResult.DLF_NEW));
                    d = next(dst, options);
                } else {
                    if (s.fingerprint() != d.fingerprint()) {
                        counting.accept(new DiffEntry(s.key(), DiffResult.NEED_UPDATE, changes(s.key())));
                    }
                    s = next(src, options);
                    d = next(dst, options);
                }
            }
            progress.advance(seen % CHECK_EVERY, 0);
        }
        return counter.toSummary();
    }

    private List<FieldChange> changes(ObjectKey key) {
        Optional<CatalogObject> before = view.get(Side.DESTINATION, key);
        Optional<CatalogObject> after = view.get(Side.SOURCE, key);
        if (before.isEmpty() || after.isEmpty()) {
            // The snapshot changed under us (a reload in progress); the update itself is still right.
            return List.of();
        }
        return FieldChanges.between(before.get(), after.get());
    }

    private static ScanEntry next(CloseableIterator<ScanEntry> it, DiffOptions options) {
        while (it.hasNext()) {
            ScanEntry e = it.next();
            if (options.accepts(e.key())) {
                return e;
            }
        }
        return null;
    }
}
