package dev.lakeport.sparkjob;

import dev.lakeport.model.CatalogObject;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.Table;
import dev.lakeport.snapshot.ObjectBytes;
import dev.lakeport.snapshot.Side;
import java.io.Serial;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The tables of both sides as the driver listed them, sent once to each executor (a broadcast): the load needs a
 * partition's table to write it, and the mapped source table to decode it. Source tables are held in destination
 * form, as a snapshot returns them.
 */
final class TableIndex implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final HashMap<String, byte[]> sourceMapped = new HashMap<>();
    private final HashMap<String, byte[]> destination = new HashMap<>();

    void put(Side side, Table table) {
        (side == Side.SOURCE ? sourceMapped : destination).put(table.key().sortKey(), ObjectBytes.encode(table));
    }

    Optional<Table> get(Side side, String tableSortKey) {
        byte[] body = (side == Side.SOURCE ? sourceMapped : destination).get(tableSortKey);
        return body == null ? Optional.empty() : Optional.of((Table) ObjectBytes.decode(body));
    }

    /** Decodes tables on demand and keeps them for one task. */
    static final class Cache {
        private final TableIndex index;
        private final Map<String, Optional<Table>> source = new HashMap<>();
        private final Map<String, Optional<Table>> dest = new HashMap<>();

        Cache(TableIndex index) {
            this.index = index;
        }

        synchronized Optional<Table> get(Side side, String tableSortKey) {
            return (side == Side.SOURCE ? source : dest).computeIfAbsent(tableSortKey, k -> index.get(side, k));
        }

        Optional<CatalogObject> get(Side side, ObjectKey tableKey) {
            return get(side, tableKey.sortKey()).map(t -> (CatalogObject) t);
        }
    }
}
