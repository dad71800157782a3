package dev.lakeport.snapshot;

import static java.util.Objects.requireNonNull;

import dev.lakeport.canonical.Fingerprint;
import dev.lakeport.model.CatalogObject;
import dev.lakeport.model.Database;
import dev.lakeport.model.Function;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Writes one load of one side into the snapshot; see the protocol in {@link SnapshotStore}. Thread-safe: several
 * threads may put objects and replace the partitions of different tables at the same time.
 */
public final class SnapshotWriter implements AutoCloseable {

    private final SnapshotStore store;
    private final Side side;
    private final long generation;
    private final UnaryOperator<CatalogObject> toDestinationForm;
    private volatile boolean closed;

    SnapshotWriter(SnapshotStore store, Side side, long generation, UnaryOperator<CatalogObject> toDestinationForm) {
        this.store = store;
        this.side = side;
        this.generation = generation;
        this.toDestinationForm = toDestinationForm;
    }

    public Side side() {
        return side;
    }

    /** The load's generation; a resumed load keeps the generation of the load it resumes. */
    public long generation() {
        return generation;
    }

    public void putDatabase(Database database) {
        requireNonNull(database, "database is null");
        put(database, SnapshotStore.DATABASE, null);
    }

    /**
     * Stores the table. Its partitions are kept (they change only through {@link #replacePartitions}), except that an
     * unpartitioned table has none: those of an earlier, partitioned version are dropped.
     */
    public void putTable(Table table) {
        requireNonNull(table, "table is null");
        put(table, SnapshotStore.TABLE, table.isPartitioned() ? null : table);
    }

    public void putFunction(Function function) {
        requireNonNull(function, "function is null");
        put(function, SnapshotStore.FUNCTION, null);
    }

    private void put(CatalogObject object, byte kind, Table unpartitioned) {
        checkOpen();
        Row row = row(object, kind);
        store.sql(() -> {
            boolean hadPartitions;
            try (Connection c = store.connection()) {
                c.setAutoCommit(false);
                if (kind == SnapshotStore.TABLE) {
                    forgetPartitionsIfChanged(c, row);
                }
                upsert(c, row);
                hadPartitions = unpartitioned != null && switchPartitions(c, row.key(), null, null, 0);
                c.commit();
            }
            if (hadPartitions) {
                store.collectGarbage();
            }
            return null;
        });
    }

    /** An object ready to store: computed outside any transaction, because fingerprinting is the slow part. */
    private record Row(ObjectKey key, byte kind, long fingerprint, byte[] body) {}

    private Row row(CatalogObject object, byte kind) {
        return new Row(object.key(), kind, Fingerprint.of(toDestinationForm.apply(object)), ObjectCodec.encode(object));
    }

    private void upsert(Connection c, Row row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("MERGE INTO snapshot_object"
                + " (side, sort_key, kind, db_name, obj_name, fingerprint, generation, body) KEY (side, sort_key)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setInt(1, side.ordinal());
            ps.setString(2, row.key().sortKey());
            ps.setInt(3, row.kind());
            ps.setString(4, row.key().database());
            ps.setString(5, row.key().name().orElse(null));
            ps.setLong(6, row.fingerprint());
            ps.setLong(7, generation);
            ps.setBytes(8, row.body());
            ps.executeUpdate();
        }
    }

    /**
     * A table that changed since its partitions were read by this load (an interrupted attempt) must have them read
     * again: its partition set is no longer taken as this load's.
     */
    private void forgetPartitionsIfChanged(Connection c, Row row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE snapshot_object SET partition_generation = NULL"
                + " WHERE side = ? AND sort_key = ? AND partition_generation = ? AND fingerprint <> ?")) {
            ps.setInt(1, side.ordinal());
            ps.setString(2, row.key().sortKey());
            ps.setLong(3, generation);
            ps.setLong(4, row.fingerprint());
            ps.executeUpdate();
        }
    }

    /**
     * Whether this load already holds all partitions of the table (a resumed load skips it): only if this attempt has
     * listed the table again ({@link #putTable}) and found it unchanged.
     */
    public boolean isTableComplete(String database, String table) {
        ObjectKey key = ObjectKey.table(database, table);
        return store.sql(() -> {
            try (Connection c = store.connection()) {
                return LoadLedger.isTableComplete(c, side, key, generation);
            }
        });
    }

    /** As {@link #replacePartitions(Table, Iterator)}; closes the stream. */
    public long replacePartitions(Table table, Stream<Partition> partitions) {
        requireNonNull(partitions, "partitions is null");
        try (partitions) {
            return replacePartitions(table, partitions.iterator());
        }
    }

    /**
     * Replaces all partitions of the table with {@code partitions} and marks the table complete in this load; stores
     * the table too. The new partitions are written in committed batches under a fresh table id (see
     * {@link PartitionLoad}); only when all are written does the table switch to them, in one transaction. If this
     * fails or the process dies, the table keeps its previous partitions and is not complete.
     *
     * @return the number of partitions stored
     * @throws IllegalArgumentException if a partition belongs to another table or two have the same values
     */
    public long replacePartitions(Table table, Iterator<Partition> partitions) {
        requireNonNull(table, "table is null");
        requireNonNull(partitions, "partitions is null");
        checkOpen();
        Row tableRow = row(table, SnapshotStore.TABLE);
        ObjectKey tableKey = table.key();
        ObjectCodec.Template template = ObjectCodec.Template.of(table);
        long[] count = new long[1];
        boolean hadPartitions = store.sql(() -> {
            // One connection for the whole table: a load of many small tables is bound by per-table overhead.
            try (Connection c = store.connection()) {
                long tableId = allocateTableId(c);
                try {
                    c.setAutoCommit(false);
                    count[0] =
                            new PartitionLoad(store, tableKey, template, toDestinationForm, tableId).run(c, partitions);
                    // The table and its new partitions become visible together.
                    upsert(c, tableRow);
                    boolean had =
                            switchPartitions(c, tableKey, tableId, ObjectCodec.encodeTemplate(template), count[0]);
                    c.commit();
                    return had;
                } finally {
                    store.inFlight().remove(tableId);
                }
            }
        });
        if (hadPartitions) {
            store.sql(() -> {
                store.collectGarbage();
                return null;
            });
        }
        return count[0];
    }

    private long allocateTableId(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            long id;
            try (ResultSet rs = s.executeQuery("SELECT NEXT VALUE FOR snapshot_table_id")) {
                rs.next();
                id = rs.getLong(1);
            }
            store.inFlight().add(id);
            // Listed as garbage until the table points at it, so a crash mid-load leaves nothing behind.
            s.executeUpdate("INSERT INTO snapshot_garbage (table_id) VALUES (" + id + ")");
            return id;
        }
    }

    /**
     * Points the table at a new partition set (or none) and hands the old set to the garbage collector; returns
     * whether there was an old set.
     */
    private boolean switchPartitions(Connection c, ObjectKey tableKey, Long tableId, byte[] template, long count)
            throws SQLException {
        Long oldId = StoredPartitions.tableRef(c, side, tableKey)
                .map(StoredPartitions.TableRef::tableId)
                .orElse(null);
        try (PreparedStatement ps = c.prepareStatement("UPDATE snapshot_object SET table_id = ?,"
                + " partition_template = ?, partition_count = ?, partition_generation = ?"
                + " WHERE side = ? AND sort_key = ?")) {
            ps.setObject(1, tableId);
            ps.setBytes(2, template);
            ps.setLong(3, count);
            ps.setLong(4, generation);
            ps.setInt(5, side.ordinal());
            ps.setString(6, tableKey.sortKey());
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException(tableKey + " is not in the snapshot");
            }
        }
        if (tableId != null) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM snapshot_garbage WHERE table_id = ?")) {
                ps.setLong(1, tableId);
                ps.executeUpdate();
            }
        }
        if (oldId != null) {
            try (PreparedStatement ps = c.prepareStatement("MERGE INTO snapshot_garbage KEY (table_id) VALUES (?)")) {
                ps.setLong(1, oldId);
                ps.executeUpdate();
            }
        }
        return oldId != null;
    }

    /**
     * Ends the load: deletes what this load did not see (objects that disappeared from the catalog, with their
     * partitions) and marks it complete. A partitioned table whose partitions this load did not replace keeps those of
     * the earlier load; {@link TableSummary#partitionsComplete()} shows it.
     */
    public LoadInfo finish() {
        checkOpen();
        LoadInfo info = store.sql(() -> {
            try (Connection c = store.connection()) {
                c.setAutoCommit(false);
                try (PreparedStatement garbage = c.prepareStatement("MERGE INTO snapshot_garbage KEY (table_id)"
                                + " SELECT table_id FROM snapshot_object"
                                + " WHERE side = ? AND generation < ? AND table_id IS NOT NULL");
                        PreparedStatement delete =
                                c.prepareStatement("DELETE FROM snapshot_object WHERE side = ? AND generation < ?");
                        PreparedStatement done = c.prepareStatement("UPDATE snapshot_load SET complete = TRUE,"
                                + " finished_at = ? WHERE side = ? AND generation = ?")) {
                    garbage.setInt(1, side.ordinal());
                    garbage.setLong(2, generation);
                    garbage.executeUpdate();
                    delete.setInt(1, side.ordinal());
                    delete.setLong(2, generation);
                    delete.executeUpdate();
                    done.setObject(1, OffsetDateTime.now(ZoneOffset.UTC));
                    done.setInt(2, side.ordinal());
                    done.setLong(3, generation);
                    if (done.executeUpdate() != 1) {
                        throw new IllegalStateException("another load of " + side + " started since this one");
                    }
                }
                c.commit();
            }
            store.collectGarbage();
            return store.loadInfo(side).orElseThrow();
        });
        closed = true;
        return info;
    }

    /** Stops writing; an unfinished load stays resumable by the next {@link SnapshotStore#beginLoad}. */
    @Override
    public void close() {
        closed = true;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this load of " + side + " is finished or closed");
        }
    }
}
