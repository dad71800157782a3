package dev.lakeport.snapshot;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Deletes partition sets no table points at: those a load replaced and those an interrupted load left behind
 * ({@code snapshot_garbage}), in small transactions, never a set a load is writing right now (the in-flight set).
 */
final class PartitionGarbage {
    private final SnapshotStore store;
    private final StoredPartitions stored;
    /** Partition sets being written right now: listed as garbage (in case of a crash) but not to be collected. */
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();

    PartitionGarbage(SnapshotStore store, StoredPartitions stored) {
        this.store = store;
        this.stored = stored;
    }

    Set<Long> inFlight() {
        return inFlight;
    }

    private static boolean exists(PreparedStatement query, long id) throws SQLException {
        query.setLong(1, id);
        try (ResultSet rs = query.executeQuery()) {
            return rs.next();
        }
    }

    void collect() throws SQLException {
        try (Connection c = store.connection()) {
            List<Long> ids = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT table_id FROM snapshot_garbage")) {
                while (rs.next()) {
                    if (!inFlight.contains(rs.getLong(1))) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            c.setAutoCommit(false);
            try (PreparedStatement delete = c.prepareStatement(
                            "DELETE FROM snapshot_chunk WHERE table_id = ? FETCH FIRST 200 ROWS ONLY");
                    PreparedStatement done = c.prepareStatement("DELETE FROM snapshot_garbage WHERE table_id = ?");
                    PreparedStatement stillGarbage = c.prepareStatement("SELECT 1 FROM snapshot_garbage g"
                            + " WHERE g.table_id = ? AND NOT EXISTS"
                            + " (SELECT 1 FROM snapshot_object o WHERE o.table_id = g.table_id)")) {
                for (long id : ids) {
                    // The list above may be stale: a load can have switched its table to this id and left the
                    // in-flight set since. A load commits before it leaves that set, so checking both again here,
                    // right before deleting, never loses partitions a table points at.
                    if (inFlight.contains(id) || !exists(stillGarbage, id)) {
                        continue;
                    }
                    delete.setLong(1, id);
                    // Small transactions: deleting a million rows at once would hold them all in the undo log.
                    while (delete.executeUpdate() > 0) {
                        c.commit();
                    }
                    done.setLong(1, id);
                    done.executeUpdate();
                    c.commit();
                    stored.forget(id);
                }
            }
        }
    }
}
