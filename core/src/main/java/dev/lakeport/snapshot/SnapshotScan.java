package dev.lakeport.snapshot;

import dev.lakeport.model.ObjectKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The ordered scan the diff needs: keyset paging over every object of a side, in {@link ObjectKey} order, each table
 * followed by its partitions (read from their chunks, keys and fingerprints only). Holds one connection until closed.
 */
final class SnapshotScan implements CloseableIterator<ScanEntry> {
    private static final int SCAN_PAGE = 2_000;

    private final SnapshotStore store;
    private final Side side;
    private final Connection c;
    private final PreparedStatement objects;
    private List<ObjectRow> objectPage = List.of();
    private int objectIndex;
    private boolean objectsExhausted;
    private String lastSortKey = "";
    private ObjectRow partitionOwner;
    private ChunkCursor chunks;
    private PartitionChunk chunk;
    private int partIndex;
    private ScanEntry next;
    private final MergingPartitions merging;
    private ObjectKey lastMerged;

    SnapshotScan(SnapshotStore store, Side side) throws SQLException {
        this.store = store;
        this.side = side;
        this.merging = store.merging(side).orElse(null);
        this.c = store.connection();
        try {
            objects = c.prepareStatement("SELECT sort_key, kind, db_name, obj_name, fingerprint, table_id"
                    + " FROM snapshot_object WHERE side = ? AND sort_key > ? ORDER BY side, sort_key"
                    + " FETCH FIRST " + SCAN_PAGE + " ROWS ONLY");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = store.sql(this::advance);
        }
        return next != null;
    }

    @Override
    public ScanEntry next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ScanEntry e = next;
        next = null;
        return e;
    }

    private ScanEntry advance() throws SQLException {
        while (partitionOwner != null) {
            while (chunk == null || partIndex == chunk.size()) {
                chunk = chunks.next();
                partIndex = 0;
                if (chunk == null) {
                    break;
                }
            }
            if (chunk == null) {
                partitionOwner = null;
                break;
            }
            int i = partIndex++;
            List<String> values = PartitionChunk.values(chunk.keys[i]);
            if (merging != null) {
                // Source partitions that become one destination partition are one entry, under its values.
                values = merging.destinationValues(partitionOwner.db(), partitionOwner.name(), values);
                ObjectKey key = ObjectKey.partition(partitionOwner.db(), partitionOwner.name(), values);
                if (key.equals(lastMerged)) {
                    continue;
                }
                lastMerged = key;
                return new ScanEntry(key, chunk.fingerprints[i]);
            }
            return new ScanEntry(
                    ObjectKey.partition(partitionOwner.db(), partitionOwner.name(), values), chunk.fingerprints[i]);
        }
        if (objectIndex == objectPage.size()) {
            if (objectsExhausted) {
                return null;
            }
            loadObjectPage();
            if (objectPage.isEmpty()) {
                return null;
            }
        }
        ObjectRow row = objectPage.get(objectIndex++);
        if (row.tableId() != null) {
            partitionOwner = row;
            chunks = new ChunkCursor(c, row.tableId(), 0, "", false);
            chunk = null;
        }
        return new ScanEntry(row.key(), row.fingerprint());
    }

    private void loadObjectPage() throws SQLException {
        List<ObjectRow> page = new ArrayList<>(SCAN_PAGE);
        objects.setInt(1, side.ordinal());
        objects.setString(2, lastSortKey);
        try (ResultSet rs = objects.executeQuery()) {
            while (rs.next()) {
                String sortKey = rs.getString(1);
                byte kind = rs.getByte(2);
                String db = rs.getString(3);
                String name = rs.getString(4);
                long fp = rs.getLong(5);
                long tableId = rs.getLong(6);
                Long id = rs.wasNull() ? null : tableId;
                ObjectKey key = kind == SnapshotStore.DATABASE
                        ? ObjectKey.database(db)
                        : kind == SnapshotStore.TABLE ? ObjectKey.table(db, name) : ObjectKey.function(db, name);
                page.add(new ObjectRow(key, db, name, fp, id));
                lastSortKey = sortKey;
            }
        }
        objectsExhausted = page.size() < SCAN_PAGE;
        objectPage = page;
        objectIndex = 0;
    }

    @Override
    public void close() {
        store.sql(() -> {
            c.close();
            return null;
        });
    }

    private record ObjectRow(ObjectKey key, String db, String name, long fingerprint, Long tableId) {}
}
