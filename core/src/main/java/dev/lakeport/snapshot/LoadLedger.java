package dev.lakeport.snapshot;

import dev.lakeport.canonical.CanonicalForm;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.ObjectKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The bookkeeping of loads in {@code snapshot_load}, one row per side: the generation a load stamps its objects with,
 * where it read from, whether it finished, the mapping id and the canonical-form version its fingerprints were
 * computed with; and the counts a {@link LoadInfo} reports.
 */
final class LoadLedger {
    private LoadLedger() {}

    /**
     * Starts the next load of {@code side}, or resumes the previous one if it did not finish and read the same catalog;
     * returns the load's generation. Does not commit.
     */
    static long begin(Connection c, Side side, LoadOrigin origin, String mappingId) throws SQLException {
        Optional<LoadInfo> previous = loadInfo(c, side);
        long generation;
        if (previous.isPresent()
                && !previous.get().complete()
                && previous.get().origin().sameCatalog(origin)) {
            generation = previous.get().generation();
            // A resume trusts nothing the interrupted attempt saw until this attempt sees it again: what it
            // stored goes back to "not seen", this attempt's listing stamps what still exists, and finish()
            // deletes the rest. Partitions stay, for the tables this attempt lists again unchanged.
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE snapshot_object SET generation = ?" + " WHERE side = ? AND generation = ?")) {
                ps.setLong(1, generation - 1);
                ps.setInt(2, side.ordinal());
                ps.setLong(3, generation);
                ps.executeUpdate();
            }
        } else {
            generation = previous.map(p -> p.generation() + 1).orElse(1L);
            try (PreparedStatement ps = c.prepareStatement("MERGE INTO snapshot_load (side, generation,"
                    + " connector, endpoint, catalog_id, started_at, finished_at, complete, mapping_id,"
                    + " canonical_version) KEY (side) VALUES (?, ?, ?, ?, ?, ?, NULL, FALSE, ?, ?)")) {
                ps.setInt(1, side.ordinal());
                ps.setLong(2, generation);
                ps.setString(3, origin.connector());
                ps.setString(4, origin.endpoint());
                ps.setString(5, origin.catalogId().orElse(null));
                ps.setObject(6, OffsetDateTime.now(ZoneOffset.UTC));
                ps.setString(7, side == Side.SOURCE ? mappingId : null);
                ps.setInt(8, CanonicalForm.VERSION);
                ps.executeUpdate();
            }
        }
        return generation;
    }

    /** Counts by {@link ObjectKind} ordinal. */
    static long[] counts(Connection c, Side side) throws SQLException {
        long[] counts = new long[ObjectKind.values().length];
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT kind, COUNT(*), SUM(partition_count)" + " FROM snapshot_object WHERE side = ? GROUP BY kind")) {
            ps.setInt(1, side.ordinal());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byte kind = rs.getByte(1);
                    if (kind == SnapshotStore.DATABASE) {
                        counts[ObjectKind.DATABASE.ordinal()] = rs.getLong(2);
                    } else if (kind == SnapshotStore.TABLE) {
                        counts[ObjectKind.TABLE.ordinal()] = rs.getLong(2);
                        counts[ObjectKind.PARTITION.ordinal()] = rs.getLong(3);
                    } else {
                        counts[ObjectKind.FUNCTION.ordinal()] = rs.getLong(2);
                    }
                }
            }
        }
        return counts;
    }

    static Optional<LoadInfo> loadInfo(Connection c, Side side) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT generation, connector, endpoint, catalog_id,"
                + " started_at, finished_at, complete, mapping_id FROM snapshot_load WHERE side = ?")) {
            ps.setInt(1, side.ordinal());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                LoadOrigin origin = LoadOrigin.of(rs.getString(2), rs.getString(3), rs.getString(4));
                Instant started = rs.getObject(5, OffsetDateTime.class).toInstant();
                Optional<Instant> finished = Optional.ofNullable(rs.getObject(6, OffsetDateTime.class))
                        .map(OffsetDateTime::toInstant);
                long[] counts = counts(c, side);
                return Optional.of(new LoadInfo(
                        side,
                        rs.getLong(1),
                        origin,
                        started,
                        finished,
                        rs.getBoolean(7),
                        Optional.ofNullable(rs.getString(8)),
                        counts[ObjectKind.DATABASE.ordinal()],
                        counts[ObjectKind.TABLE.ordinal()],
                        counts[ObjectKind.PARTITION.ordinal()],
                        counts[ObjectKind.FUNCTION.ordinal()]));
            }
        }
    }

    /** The table row is of this generation (listed by this attempt) and so are its partitions. */
    static boolean isTableComplete(Connection c, Side side, ObjectKey tableKey, long generation) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT generation, partition_generation FROM snapshot_object" + " WHERE side = ? AND sort_key = ?")) {
            ps.setInt(1, side.ordinal());
            ps.setString(2, tableKey.sortKey());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getLong(1) != generation) {
                    return false;
                }
                long g = rs.getLong(2);
                return !rs.wasNull() && g == generation;
            }
        }
    }

    static boolean isStale(Connection c, Side side) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT canonical_version FROM snapshot_load WHERE side = ?")) {
            ps.setInt(1, side.ordinal());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                int version = rs.getInt(1);
                return rs.wasNull() || version != CanonicalForm.VERSION;
            }
        }
    }

    static void setCanonicalVersion(Connection c, Side side) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("UPDATE snapshot_load SET canonical_version = ? WHERE side = ?")) {
            ps.setInt(1, CanonicalForm.VERSION);
            ps.setInt(2, side.ordinal());
            ps.executeUpdate();
        }
    }

    static void setMappingId(Connection c, Optional<String> mappingId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE snapshot_load SET mapping_id = ? WHERE side = ?")) {
            ps.setString(1, mappingId.orElse(null));
            ps.setInt(2, Side.SOURCE.ordinal());
            ps.executeUpdate();
        }
    }
}
