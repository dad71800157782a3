package dev.lakeport.snapshot;

import dev.lakeport.canonical.CanonicalForm;
import dev.lakeport.canonical.Fingerprint;
import dev.lakeport.model.CatalogObject;
import dev.lakeport.model.Partition;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Recomputes every SOURCE fingerprint with a new mapping, page by page. The stored mapping id is cleared first and set
 * only at the end, so an interrupted pass leaves an id no mapping has, and the next {@code ensureMapping} starts over.
 * Also recomputes a DESTINATION side's fingerprints (as read) when they were computed with an older canonical form;
 * the side's canonical version is set only at the end, so an interrupted pass is redone at the next opening.
 */
final class Refingerprint {
    private static final int PAGE = 5_000;

    private Refingerprint() {}

    static void run(
            SnapshotStore store,
            SnapshotStore.Mapping mapping,
            LoadInfo info,
            ProgressListener progress,
            CancellationToken cancel)
            throws SQLException {
        try (Connection c = store.connection()) {
            c.setAutoCommit(false);
            LoadLedger.setMappingId(c, Optional.empty());
            c.commit();
            progress.phase(
                    "fingerprint source with mapping " + mapping.id(),
                    info.databases() + info.tables() + info.partitions() + info.functions());
            recompute(store, c, Side.SOURCE, mapping.toDestinationForm(), progress, cancel);
            LoadLedger.setMappingId(c, Optional.of(mapping.id()));
            c.commit();
        }
    }

    /** Recomputes the fingerprints of the DESTINATION side, which is fingerprinted as read. */
    static void destination(SnapshotStore store, LoadInfo info, ProgressListener progress, CancellationToken cancel)
            throws SQLException {
        try (Connection c = store.connection()) {
            c.setAutoCommit(false);
            progress.phase(
                    "fingerprint destination with canonical form " + CanonicalForm.VERSION,
                    info.databases() + info.tables() + info.partitions() + info.functions());
            recompute(store, c, Side.DESTINATION, UnaryOperator.identity(), progress, cancel);
            LoadLedger.setCanonicalVersion(c, Side.DESTINATION);
            c.commit();
        }
    }

    private static void recompute(
            SnapshotStore store,
            Connection c,
            Side side,
            UnaryOperator<CatalogObject> mapper,
            ProgressListener progress,
            CancellationToken cancel)
            throws SQLException {
        List<Long> tableIds = objects(c, side, mapper, progress, cancel);
        for (long tableId : tableIds) {
            partitions(store, c, tableId, mapper, progress, cancel);
        }
    }

    private static List<Long> objects(
            Connection c,
            Side side,
            UnaryOperator<CatalogObject> mapper,
            ProgressListener progress,
            CancellationToken cancel)
            throws SQLException {
        List<Long> tableIds = new ArrayList<>();
        try (PreparedStatement read = c.prepareStatement("SELECT sort_key, body, table_id FROM snapshot_object"
                        + " WHERE side = " + side.ordinal() + " AND sort_key > ? ORDER BY side, sort_key FETCH FIRST "
                        + PAGE + " ROWS ONLY");
                PreparedStatement update = c.prepareStatement("UPDATE snapshot_object SET fingerprint = ? WHERE side = "
                        + side.ordinal() + " AND sort_key = ?")) {
            String last = "";
            int rows;
            do {
                cancel.check();
                rows = 0;
                read.setString(1, last);
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        rows++;
                        last = rs.getString(1);
                        CatalogObject object = ObjectCodec.decode(rs.getBytes(2));
                        long tableId = rs.getLong(3);
                        if (!rs.wasNull()) {
                            tableIds.add(tableId);
                        }
                        update.setLong(1, Fingerprint.of(mapper.apply(object)));
                        update.setString(2, last);
                        update.addBatch();
                    }
                }
                update.executeBatch();
                c.commit();
                progress.advance(rows, 0);
            } while (rows == PAGE);
        }
        return tableIds;
    }

    private static void partitions(
            SnapshotStore store,
            Connection c,
            long tableId,
            UnaryOperator<CatalogObject> mapper,
            ProgressListener progress,
            CancellationToken cancel)
            throws SQLException {
        ChunkCursor chunks = new ChunkCursor(c, tableId, 0, "", true);
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE snapshot_chunk SET body = ? WHERE table_id = ? AND run_no = 0 AND last_key = ?")) {
            PartitionChunk chunk;
            int batched = 0;
            PartitionFingerprinter fingerprinter = new PartitionFingerprinter();
            while ((chunk = chunks.next()) != null) {
                cancel.check();
                for (int i = 0; i < chunk.size(); i++) {
                    Partition p = store.decodePartition(c, tableId, chunk.keys[i], chunk.bodies[i]);
                    CatalogObject mapped = mapper.apply(p);
                    chunk.fingerprints[i] =
                            mapped instanceof Partition mp ? fingerprinter.of(mp) : Fingerprint.of(mapped);
                }
                update.setBytes(
                        1, PartitionChunk.encode(chunk.keys, chunk.fingerprints, chunk.bodies, 0, chunk.size()));
                update.setLong(2, tableId);
                update.setString(3, chunk.lastKey());
                update.addBatch();
                progress.advance(chunk.size(), 0);
                if (++batched == 16) {
                    update.executeBatch();
                    c.commit();
                    batched = 0;
                }
            }
            update.executeBatch();
            c.commit();
        }
    }
}
