package dev.lakeport.snapshot;

import static java.util.Objects.requireNonNull;

import dev.lakeport.model.Function;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The paged browsing queries behind {@link SnapshotStore}'s browsing methods: databases with their counts, a page of
 * tables matching a name, a page of partitions by keyset or offset, functions, and partition counts. Objects are
 * returned as read; a page costs the same at the end of a large table as at its start.
 */
final class SnapshotBrowser {
    private final SnapshotStore store;

    SnapshotBrowser(SnapshotStore store) {
        this.store = store;
    }

    List<DatabaseSummary> databases(Side side) {
        requireNonNull(side, "side is null");
        return store.sql(() -> {
            try (Connection c = store.connection();
                    PreparedStatement ps = c.prepareStatement("SELECT db_name,"
                            + " SUM(CASE WHEN kind = 1 THEN 1 ELSE 0 END), SUM(partition_count),"
                            + " SUM(CASE WHEN kind = 2 THEN 1 ELSE 0 END)"
                            + " FROM snapshot_object WHERE side = ? GROUP BY db_name ORDER BY db_name")) {
                ps.setInt(1, side.ordinal());
                List<DatabaseSummary> result = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        result.add(new DatabaseSummary(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                    }
                }
                return result;
            }
        });
    }

    List<TableSummary> tables(Side side, String database, String nameContains, long offset, int limit) {
        requireNonNull(side, "side is null");
        requireNonNull(nameContains, "nameContains is null");
        checkPage(offset, limit);
        return store.sql(() -> {
            try (Connection c = store.connection();
                    PreparedStatement ps = c.prepareStatement(
                            "SELECT body, partition_count, partition_generation,"
                                    + " (SELECT generation FROM snapshot_load l WHERE l.side = o.side)"
                                    + " FROM snapshot_object o WHERE side = ? AND sort_key >= ? AND sort_key < ? AND kind = 1"
                                    + " AND obj_name LIKE ? ESCAPE '\\' ORDER BY side, sort_key OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
                bindTableRange(ps, side, database, nameContains);
                ps.setLong(5, offset);
                ps.setInt(6, limit);
                List<TableSummary> result = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Table t = (Table) ObjectCodec.decode(rs.getBytes(1));
                        long partitionGeneration = rs.getLong(3);
                        boolean complete = !rs.wasNull() && partitionGeneration == rs.getLong(4);
                        result.add(new TableSummary(t, rs.getLong(2), complete));
                    }
                }
                return result;
            }
        });
    }

    long countTables(Side side, String database, String nameContains) {
        requireNonNull(side, "side is null");
        requireNonNull(nameContains, "nameContains is null");
        return store.sql(() -> {
            try (Connection c = store.connection();
                    PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM snapshot_object o"
                            + " WHERE side = ? AND sort_key >= ? AND sort_key < ? AND kind = 1"
                            + " AND obj_name LIKE ? ESCAPE '\\'")) {
                bindTableRange(ps, side, database, nameContains);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private static void bindTableRange(PreparedStatement ps, Side side, String database, String nameContains)
            throws SQLException {
        // Tables of db have sort keys db\1 1\1 name\1 0, so they form one range of the primary key.
        String prefix = ObjectKey.database(database).database() + SnapshotStore.VALUE_SEPARATOR + "1"
                + SnapshotStore.VALUE_SEPARATOR;
        ps.setInt(1, side.ordinal());
        ps.setString(2, prefix);
        ps.setString(3, prefix.substring(0, prefix.length() - 1) + (char) (SnapshotStore.VALUE_SEPARATOR + 1));
        String escaped = nameContains
                .toLowerCase(Locale.ROOT)
                .replace("\\", "\\\\")
                .replace("%", "\\%")
                .replace("_", "\\_");
        ps.setString(4, "%" + escaped + "%");
    }

    List<Partition> partitions(Side side, String database, String table, Optional<List<String>> after, int limit) {
        requireNonNull(after, "after is null");
        checkPage(0, limit);
        return partitionPage(side, database, table, after.map(PartitionChunk::partKey), 0, limit);
    }

    List<Partition> partitions(Side side, String database, String table, long offset, int limit) {
        checkPage(offset, limit);
        return partitionPage(side, database, table, Optional.empty(), offset, limit);
    }

    private List<Partition> partitionPage(
            Side side, String database, String table, Optional<String> after, long offset, int limit) {
        requireNonNull(side, "side is null");
        ObjectKey tableKey = ObjectKey.table(database, table);
        return store.sql(() -> {
            try (Connection c = store.connection()) {
                Optional<StoredPartitions.TableRef> ref = StoredPartitions.tableRef(c, side, tableKey);
                if (ref.isEmpty()) {
                    return List.of();
                }
                long tableId = ref.get().tableId();
                String from = after.orElse("");
                long skip = 0;
                if (offset > 0) {
                    // Chunk sizes locate the offset without decoding the chunks before it.
                    try (PreparedStatement ps = c.prepareStatement("SELECT last_key, entries FROM snapshot_chunk"
                            + " WHERE table_id = ? AND run_no = 0 ORDER BY table_id, run_no, last_key")) {
                        ps.setLong(1, tableId);
                        long before = 0;
                        from = null;
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                int entries = rs.getInt(2);
                                if (before + entries > offset) {
                                    from = rs.getString(1);
                                    skip = offset - before;
                                    break;
                                }
                                before += entries;
                            }
                        }
                        if (from == null) {
                            return List.of();
                        }
                    }
                }
                // Fetch about as many chunks as the page needs (not a scan's 16): a browser's page of 200 then
                // decodes two chunks instead of sixteen.
                int chunksPerQuery = Math.min(ChunkCursor.SCAN_PAGE, limit / PartitionChunk.CAPACITY + 2);
                ChunkCursor chunks = new ChunkCursor(c, tableId, 0, from, true, chunksPerQuery);
                List<Partition> result = new ArrayList<>(limit);
                PartitionChunk chunk;
                while (result.size() < limit && (chunk = chunks.next()) != null) {
                    for (int i = 0; i < chunk.size() && result.size() < limit; i++) {
                        if (skip > 0) {
                            skip--;
                            continue;
                        }
                        if (after.isPresent() && chunk.keys[i].compareTo(after.get()) <= 0) {
                            continue;
                        }
                        result.add(store.decodePartition(c, tableId, chunk.keys[i], chunk.bodies[i]));
                    }
                }
                return result;
            }
        });
    }

    long countPartitions(Side side, String database, String table) {
        requireNonNull(side, "side is null");
        return store.sql(() -> {
            try (Connection c = store.connection()) {
                return StoredPartitions.tableRef(c, side, ObjectKey.table(database, table))
                        .map(StoredPartitions.TableRef::partitionCount)
                        .orElse(0L);
            }
        });
    }

    long countPartitions(Side side, String database, String table, Predicate<List<String>> filter) {
        requireNonNull(side, "side is null");
        requireNonNull(filter, "filter is null");
        return store.sql(() -> {
            try (Connection c = store.connection()) {
                Optional<StoredPartitions.TableRef> ref =
                        StoredPartitions.tableRef(c, side, ObjectKey.table(database, table));
                if (ref.isEmpty()) {
                    return 0L;
                }
                long count = 0;
                ChunkCursor chunks = new ChunkCursor(c, ref.get().tableId(), 0, "", false);
                PartitionChunk chunk;
                while ((chunk = chunks.next()) != null) {
                    for (String key : chunk.keys) {
                        if (filter.test(PartitionChunk.values(key))) {
                            count++;
                        }
                    }
                }
                return count;
            }
        });
    }

    List<Function> functions(Side side, String database) {
        requireNonNull(side, "side is null");
        String prefix = ObjectKey.database(database).database() + SnapshotStore.VALUE_SEPARATOR + "2"
                + SnapshotStore.VALUE_SEPARATOR;
        return store.sql(() -> {
            try (Connection c = store.connection();
                    PreparedStatement ps = c.prepareStatement("SELECT body FROM snapshot_object"
                            + " WHERE side = ? AND sort_key >= ? AND sort_key < ? ORDER BY side, sort_key")) {
                ps.setInt(1, side.ordinal());
                ps.setString(2, prefix);
                ps.setString(3, prefix.substring(0, prefix.length() - 1) + (char) (SnapshotStore.VALUE_SEPARATOR + 1));
                List<Function> result = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        result.add((Function) ObjectCodec.decode(rs.getBytes(1)));
                    }
                }
                return result;
            }
        });
    }

    private static void checkPage(long offset, int limit) {
        if (offset < 0 || limit <= 0) {
            throw new IllegalArgumentException("offset must be >= 0 and limit > 0, got " + offset + ", " + limit);
        }
    }
}
