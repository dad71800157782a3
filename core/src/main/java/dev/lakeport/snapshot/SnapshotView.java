package dev.lakeport.snapshot;

import dev.lakeport.model.CatalogObject;
import dev.lakeport.model.ObjectKey;
import java.util.Optional;

/**
 * What the diff and the plan need from a snapshot: an ordered scan of keys and fingerprints per side, and the full
 * object behind a key. Objects of the SOURCE side come back in destination form (mapping applied), so that both
 * sides compare like for like.
 */
public interface SnapshotView {

    /** Every object of a side in {@link ObjectKey} order, with fingerprints of their canonical forms. */
    CloseableIterator<ScanEntry> scan(Side side);

    /** The object behind a key; SOURCE objects are returned mapped to destination form. */
    Optional<CatalogObject> get(Side side, ObjectKey key);
}
