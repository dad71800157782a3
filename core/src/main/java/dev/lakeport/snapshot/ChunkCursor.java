package dev.lakeport.snapshot;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;

/** The chunks of one run of a table in key order, from the first chunk that may hold {@code fromKey}; keyset paged. */
final class ChunkCursor {
    /** Chunks fetched per query when scanning; a lookup needs only the one chunk that may hold its key. */
    static final int SCAN_PAGE = 16;

    static final int LOOKUP_PAGE = 1;

    private final int pageSize;

    private final Connection c;
    private final long tableId;
    private final int runNo;
    private final boolean withBodies;
    private final ArrayDeque<PartitionChunk> page = new ArrayDeque<>();
    private String bound;
    private boolean inclusive;
    private boolean exhausted;

    /** {@code fromKey} "" starts at the first chunk. */
    ChunkCursor(Connection c, long tableId, int runNo, String fromKey, boolean withBodies) {
        this(c, tableId, runNo, fromKey, withBodies, SCAN_PAGE);
    }

    ChunkCursor(Connection c, long tableId, int runNo, String fromKey, boolean withBodies, int pageSize) {
        this.pageSize = pageSize;
        this.c = c;
        this.tableId = tableId;
        this.runNo = runNo;
        this.withBodies = withBodies;
        this.bound = fromKey;
        this.inclusive = true;
    }

    /** The next chunk, or null after the last. */
    PartitionChunk next() throws SQLException {
        if (page.isEmpty() && !exhausted) {
            load();
        }
        return page.poll();
    }

    private void load() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT last_key, body FROM snapshot_chunk"
                + " WHERE table_id = ? AND run_no = ? AND last_key " + (inclusive ? ">=" : ">") + " ?"
                + " ORDER BY table_id, run_no, last_key FETCH FIRST " + pageSize + " ROWS ONLY")) {
            ps.setLong(1, tableId);
            ps.setInt(2, runNo);
            ps.setString(3, bound);
            int rows = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows++;
                    bound = rs.getString(1);
                    page.add(PartitionChunk.decode(rs.getBytes(2), withBodies));
                }
            }
            inclusive = false;
            exhausted = rows < pageSize;
        }
    }
}
