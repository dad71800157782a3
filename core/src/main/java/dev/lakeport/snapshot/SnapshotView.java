package dev.lakeport.snapshot;

import dev.lakeport.model.CatalogObject;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.Partition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * The named partitions of one table that exist, mapped like {@link #get}. Stores override this to read a batch in
     * one pass: the apply step fetches partitions a batch at a time.
     */
    default Map<ObjectKey, Partition> getMany(Side side, String database, String table, List<List<String>> values) {
        Map<ObjectKey, Partition> found = new LinkedHashMap<>();
        for (List<String> v : values) {
            ObjectKey key = ObjectKey.partition(database, table, v);
            get(side, key).ifPresent(p -> found.put(key, (Partition) p));
        }
        return found;
    }
}
