package dev.lakeport.snapshot;

import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.Partition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads partitions back from their chunks: finds a table's partition set, looks partitions up by their values, and
 * decodes each against its table's storage-descriptor template, which it caches by table id.
 */
final class StoredPartitions {
    private final String description;
    private final Map<Long, ObjectCodec.Template> templates = new ConcurrentHashMap<>();

    StoredPartitions(String description) {
        this.description = description;
    }

    /** The partitions of one table with the given values (those present), keyed in the order asked; as read. */
    Map<ObjectKey, Partition> find(Connection c, Side side, ObjectKey tableKey, List<List<String>> values)
            throws SQLException {
        Map<ObjectKey, Partition> result = new LinkedHashMap<>();
        Optional<TableRef> ref = tableRef(c, side, tableKey);
        if (ref.isEmpty() || values.isEmpty()) {
            return result;
        }
        long tableId = ref.get().tableId();
        // Sorted, so that neighbours (the usual batch) are served by the chunk already decoded.
        List<String> keys =
                values.stream().map(PartitionChunk::partKey).sorted().toList();
        Map<String, Partition> found = new HashMap<>();
        PartitionChunk chunk = null;
        for (String key : keys) {
            if (chunk == null || key.compareTo(chunk.keys[0]) < 0 || key.compareTo(chunk.lastKey()) > 0) {
                chunk = new ChunkCursor(c, tableId, 0, key, true, ChunkCursor.LOOKUP_PAGE).next();
                if (chunk == null) {
                    break;
                }
            }
            int i = chunk.indexOf(key);
            if (i >= 0) {
                found.put(key, decodePartition(c, tableId, key, chunk.bodies[i]));
            }
        }
        for (List<String> v : values) {
            Partition p = found.get(PartitionChunk.partKey(v));
            if (p != null) {
                result.put(ObjectKey.partition(tableKey.database(), tableKey.requireName(), v), p);
            }
        }
        return result;
    }

    record TableRef(long tableId, long partitionCount, long partitionGeneration) {}

    static Optional<TableRef> tableRef(Connection c, Side side, ObjectKey tableKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT table_id, partition_count, partition_generation"
                + " FROM snapshot_object WHERE side = ? AND sort_key = ?")) {
            ps.setInt(1, side.ordinal());
            ps.setString(2, tableKey.sortKey());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long id = rs.getLong(1);
                if (rs.wasNull()) {
                    return Optional.empty();
                }
                return Optional.of(new TableRef(id, rs.getLong(2), rs.getLong(3)));
            }
        }
    }

    Partition decodePartition(Connection c, long tableId, String partKey, byte[] body) throws SQLException {
        return ObjectCodec.decodePartition(body, template(c, tableId), PartitionChunk.values(partKey));
    }

    ObjectCodec.Template template(Connection c, long tableId) throws SQLException {
        ObjectCodec.Template cached = templates.get(tableId);
        if (cached != null) {
            return cached;
        }
        try (PreparedStatement ps =
                c.prepareStatement("SELECT partition_template FROM snapshot_object WHERE table_id = ?")) {
            ps.setLong(1, tableId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SnapshotException(description + ": partitions of table id " + tableId + " have no table");
                }
                ObjectCodec.Template t = ObjectCodec.decodeTemplate(rs.getBytes(1));
                if (templates.size() > 10_000) {
                    templates.clear();
                }
                templates.put(tableId, t);
                return t;
            }
        }
    }

    /** Forgets the template of a partition set that was deleted. */
    void forget(long tableId) {
        templates.remove(tableId);
    }
}
