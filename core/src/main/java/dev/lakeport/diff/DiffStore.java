package dev.lakeport.diff;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.ObjectKind;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import dev.lakeport.snapshot.CloseableIterator;
import dev.lakeport.snapshot.SnapshotView;
import dev.lakeport.snapshot.Statements;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Stores diff runs in the project's H2 file (tables of migration V2): entries written in batches, an {@code included}
 * flag the user toggles per key or per subtree, summaries computed by SQL, paged and filtered queries for the tree
 * view, and a streaming read in key order for the plan. Reads page by key (keyset pagination), so no read holds a
 * connection or a result set open between pages.
 */
public final class DiffStore {
    static final int BATCH = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<FieldChange>> CHANGES = new TypeReference<>() {};

    private final DataSource dataSource;

    public DiffStore(DataSource dataSource) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
    }

    /** Diffs the snapshot into a new stored run. On cancel the run is kept with status CANCELLED and this throws. */
    public DiffRun diff(
            SnapshotView view, DiffOptions options, String label, ProgressListener progress, CancellationToken cancel) {
        return diff(
                view,
                options,
                label,
                new DiffBasis(Optional.empty(), Optional.empty(), Optional.empty()),
                progress,
                cancel);
    }

    /** As {@link #diff(SnapshotView, DiffOptions, String, ProgressListener, CancellationToken)}, remembering its basis. */
    public DiffRun diff(
            SnapshotView view,
            DiffOptions options,
            String label,
            DiffBasis basis,
            ProgressListener progress,
            CancellationToken cancel) {
        long runId = createRun(label, options);
        setBasis(runId, basis);
        String status = "FAILED";
        try (Writer writer = openWriter(runId)) {
            DiffSummary summary = new DiffEngine(view).run(options, writer, progress, cancel);
            writer.flush();
            status = "COMPLETE";
            return new DiffRun(runId, summary);
        } catch (CancellationException e) {
            status = "CANCELLED";
            throw e;
        } finally {
            finishRun(runId, status);
        }
    }

    public long createRun(String label, DiffOptions options) {
        requireNonNull(label, "label is null");
        String sql = "INSERT INTO diff_run (label, started_at, status, compare_partition) VALUES (?, ?, 'RUNNING', ?)";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, label);
            ps.setTimestamp(2, Timestamp.from(Instant.now()));
            ps.setBoolean(3, options.comparePartition());
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw failure("create a diff run", e);
        }
    }

    /** Records what run {@code runId} is computed from (see {@link DiffBasis}). */
    public void setBasis(long runId, DiffBasis basis) {
        requireNonNull(basis, "basis is null");
        update("UPDATE diff_run SET mapping_id = ?, source_load = ?, destination_load = ? WHERE run_id = ?", ps -> {
            ps.setString(1, basis.mappingId().orElse(null));
            ps.setString(2, basis.sourceLoad().orElse(null));
            ps.setString(3, basis.destinationLoad().orElse(null));
            ps.setLong(4, runId);
        });
    }

    /** What run {@code runId} was computed from; empty if there is no such run. */
    public Optional<DiffBasis> basis(long runId) {
        String sql = "SELECT mapping_id, source_load, destination_load FROM diff_run WHERE run_id = ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new DiffBasis(
                        Optional.ofNullable(rs.getString(1)),
                        Optional.ofNullable(rs.getString(2)),
                        Optional.ofNullable(rs.getString(3))));
            }
        } catch (SQLException e) {
            throw failure("read diff run " + runId, e);
        }
    }

    public void finishRun(long runId, String status) {
        update("UPDATE diff_run SET finished_at = ?, status = ? WHERE run_id = ?", ps -> {
            ps.setTimestamp(1, Timestamp.from(Instant.now()));
            ps.setString(2, status);
            ps.setLong(3, runId);
        });
    }

    /**
     * Marks the runs still RUNNING as INTERRUPTED: called when the project is opened, when no diff of it can be running
     * (one process at a time holds the project file), so a run a kill stopped does not stay RUNNING forever. Returns
     * how many it marked.
     */
    public int markInterrupted() {
        String sql = "UPDATE diff_run SET finished_at = ?, status = 'INTERRUPTED' WHERE status = 'RUNNING'";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(Instant.now()));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("mark interrupted diff runs", e);
        }
    }

    /** A sink that stores entries of a run in batches; close it (or {@link Writer#flush()}) to store the rest. */
    public Writer openWriter(long runId) {
        return new Writer(runId);
    }

    public Optional<DiffRunInfo> run(long runId) {
        List<DiffRunInfo> runs = runs("WHERE run_id = " + runId);
        return runs.stream().findFirst();
    }

    /** Every stored run, newest first. */
    public List<DiffRunInfo> runs() {
        return runs("");
    }

    private List<DiffRunInfo> runs(String where) {
        String sql = "SELECT run_id, label, started_at, finished_at, status, compare_partition FROM diff_run " + where
                + " ORDER BY run_id DESC";
        List<DiffRunInfo> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Timestamp finished = rs.getTimestamp(4);
                out.add(new DiffRunInfo(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getTimestamp(3).toInstant(),
                        Optional.ofNullable(finished).map(Timestamp::toInstant),
                        rs.getString(5),
                        rs.getBoolean(6)));
            }
            return out;
        } catch (SQLException e) {
            throw failure("list diff runs", e);
        }
    }

    /** Totals of a run per kind and result, of the entries {@code query} selects. */
    public DiffSummary summary(long runId, DiffQuery query) {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT item_type, diff_result, COUNT(*) FROM diff_entry " + where(runId, query, params)
                + " GROUP BY item_type, diff_result";
        DiffSummary.Counter counter = new DiffSummary.Counter();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = Statements.prepare(c, sql, params);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                counter.add(
                        ObjectKind.fromItemType(rs.getString(1)), DiffResult.fromCode(rs.getString(2)), rs.getLong(3));
            }
            return counter.toSummary();
        } catch (SQLException e) {
            throw failure("summarise diff run " + runId, e);
        }
    }

    public DiffSummary summary(long runId) {
        return summary(runId, DiffQuery.all());
    }

    /** One row per database with entries, in name order; counts cover the database and everything in it. */
    public List<GroupSummary> databaseSummaries(long runId) {
        String sql = "SELECT database_name, NULL, " + COUNTS
                + " FROM diff_entry WHERE run_id = ? GROUP BY database_name ORDER BY database_name";
        return groups(sql, List.of(runId));
    }

    /** One row per table with entries (its own and its partitions'), in name order; all databases if empty. */
    public List<GroupSummary> tableSummaries(long runId, Optional<String> database) {
        List<Object> params = new ArrayList<>(List.of(runId));
        String dbFilter = "";
        if (database.isPresent()) {
            dbFilter = " AND database_name = ?";
            params.add(database.get().toLowerCase(java.util.Locale.ROOT));
        }
        String sql = "SELECT database_name, object_name, " + COUNTS
                + " FROM diff_entry WHERE run_id = ? AND item_type IN ('table', 'partition')" + dbFilter
                + " GROUP BY database_name, object_name ORDER BY database_name, object_name";
        return groups(sql, params);
    }

    private static final String COUNTS = "SUM(CASE WHEN diff_result = 'create' THEN 1 ELSE 0 END), "
            + "SUM(CASE WHEN diff_result = 'delete' THEN 1 ELSE 0 END), "
            + "SUM(CASE WHEN diff_result = 'update' THEN 1 ELSE 0 END), "
            + "SUM(CASE WHEN included THEN 0 ELSE 1 END)";

    /**
     * One row per database holding entries {@code query} selects, in name order: the counts of those entries, the
     * database's own entry and how many tables and functions hold selected entries. For a tree of differences that
     * re-queries when its filters change.
     */
    public List<DiffGroup> databaseGroups(long runId, DiffQuery query) {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT database_name, NULL, " + COUNTS + ", " + OWN.formatted("database")
                + ", COUNT(DISTINCT CASE WHEN item_type IN ('table', 'partition') THEN object_name END)"
                + " + SUM(CASE WHEN item_type = 'function' THEN 1 ELSE 0 END)"
                + " FROM diff_entry " + where(runId, query, params)
                + " GROUP BY database_name ORDER BY database_name";
        return diffGroups(sql, params);
    }

    /**
     * A page of per-table rows (a table's own entry and its partitions' entries that {@code query} selects) in
     * database and table name order: the counts, the table's own entry and how many partition entries it holds.
     */
    public List<DiffGroup> tableGroups(long runId, DiffQuery query, long offset, int limit) {
        if (offset < 0 || limit <= 0) {
            throw new IllegalArgumentException("offset must be >= 0 and limit > 0, got " + offset + ", " + limit);
        }
        List<Object> params = new ArrayList<>();
        String sql = "SELECT database_name, object_name, " + COUNTS + ", " + OWN.formatted("table")
                + ", SUM(CASE WHEN item_type = 'partition' THEN 1 ELSE 0 END)"
                + " FROM diff_entry " + where(runId, query, params) + " AND item_type IN ('table', 'partition')"
                + " GROUP BY database_name, object_name ORDER BY database_name, object_name LIMIT ? OFFSET ?";
        params.add(limit);
        params.add(offset);
        return diffGroups(sql, params);
    }

    /** The result of a group's own entry and whether it is included (1/0); both null when it has none. */
    private static final String OWN = "MAX(CASE WHEN item_type = '%1$s' THEN diff_result END), "
            + "MAX(CASE WHEN item_type = '%1$s' THEN CASE WHEN included THEN 1 ELSE 0 END END)";

    private List<DiffGroup> diffGroups(String sql, List<Object> params) {
        List<DiffGroup> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = Statements.prepare(c, sql, params);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                GroupSummary summary = new GroupSummary(
                        rs.getString(1),
                        Optional.ofNullable(rs.getString(2)),
                        rs.getLong(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getLong(6));
                Optional<DiffResult> own = Optional.ofNullable(rs.getString(7)).map(DiffResult::fromCode);
                out.add(new DiffGroup(summary, own, rs.getInt(8) == 1, rs.getLong(9)));
            }
            return out;
        } catch (SQLException e) {
            throw failure("summarise diff groups", e);
        }
    }

    private List<GroupSummary> groups(String sql, List<Object> params) {
        List<GroupSummary> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = Statements.prepare(c, sql, params);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new GroupSummary(
                        rs.getString(1),
                        Optional.ofNullable(rs.getString(2)),
                        rs.getLong(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getLong(6)));
            }
            return out;
        } catch (SQLException e) {
            throw failure("summarise diff groups", e);
        }
    }

    public long count(long runId, DiffQuery query) {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT COUNT(*) FROM diff_entry " + where(runId, query, params);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = Statements.prepare(c, sql, params);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw failure("count diff entries", e);
        }
    }

    /** A page of entries in key order, for the tree and table views. */
    public List<StoredDiffEntry> page(long runId, DiffQuery query, long offset, int limit) {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT * FROM diff_entry " + KEY_ORDER + where(runId, query, params)
                + " ORDER BY run_id, sort_key LIMIT ? OFFSET ?";
        params.add(limit);
        params.add(offset);
        return select(sql, params);
    }

    /**
     * A page of entries in key order that come after {@code after} (from the first when empty): paging by key, so the
     * ten-thousandth page of a table's partitions costs what the first does.
     */
    public List<StoredDiffEntry> pageAfter(long runId, DiffQuery query, Optional<ObjectKey> after, int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be > 0, got " + limit);
        }
        List<Object> params = new ArrayList<>();
        StringBuilder sql =
                new StringBuilder("SELECT * FROM diff_entry ").append(KEY_ORDER).append(where(runId, query, params));
        if (after.isPresent()) {
            sql.append(" AND sort_key > ?");
            params.add(after.get().sortKey());
        }
        sql.append(" ORDER BY run_id, sort_key LIMIT ?");
        params.add(limit);
        return select(sql.toString(), params);
    }

    public Optional<StoredDiffEntry> entry(long runId, ObjectKey key) {
        return select("SELECT * FROM diff_entry WHERE run_id = ? AND sort_key = ?", List.of(runId, key.sortKey()))
                .stream()
                .findFirst();
    }

    /** Every selected entry in key order, read a page at a time. Close it. */
    public CloseableIterator<StoredDiffEntry> stream(long runId, DiffQuery query) {
        return stream(runId, query, false);
    }

    /** Every selected entry in key order, or in reverse key order (children before parents) if descending. */
    public CloseableIterator<StoredDiffEntry> stream(long runId, DiffQuery query, boolean descending) {
        return new KeysetIterator(runId, query, descending);
    }

    /** Includes or excludes one entry; returns how many entries changed (0 if the key has no entry). */
    public int setIncluded(long runId, ObjectKey key, boolean included) {
        return update("UPDATE diff_entry SET included = ? WHERE run_id = ? AND sort_key = ?", ps -> {
            ps.setBoolean(1, included);
            ps.setLong(2, runId);
            ps.setString(3, key.sortKey());
        });
    }

    /**
     * Includes or excludes an entry and everything under it: a database with its tables, partitions and functions; a
     * table with its partitions.
     */
    public int setSubtreeIncluded(long runId, ObjectKey root, boolean included) {
        return switch (root.kind()) {
            case DATABASE -> update("UPDATE diff_entry SET included = ? WHERE run_id = ? AND database_name = ?", ps -> {
                ps.setBoolean(1, included);
                ps.setLong(2, runId);
                ps.setString(3, root.database());
            });
            case TABLE -> update(
                    "UPDATE diff_entry SET included = ? WHERE run_id = ? AND database_name = ? AND object_name = ?"
                            + " AND item_type IN ('table', 'partition')",
                    ps -> {
                        ps.setBoolean(1, included);
                        ps.setLong(2, runId);
                        ps.setString(3, root.database());
                        ps.setString(4, root.requireName());
                    });
            case PARTITION, FUNCTION -> setIncluded(runId, root, included);
        };
    }

    /** Deletes a run and its entries. */
    public void deleteRun(long runId) {
        update("DELETE FROM diff_run WHERE run_id = ?", ps -> ps.setLong(1, runId));
    }

    /**
     * Reads in key order walk the key index; left to itself H2 may pick another index for a filter and then sort the
     * whole run for every page.
     */
    private static final String KEY_ORDER = "USE INDEX (diff_entry_key) ";

    private static String where(long runId, DiffQuery q, List<Object> params) {
        StringBuilder sb = new StringBuilder("WHERE run_id = ?");
        params.add(runId);
        q.kind().ifPresent(k -> {
            sb.append(" AND item_type = ?");
            params.add(k.itemType());
        });
        if (!q.results().isEmpty()) {
            sb.append(" AND diff_result IN (")
                    .append(q.results().stream().map(r -> "?").collect(Collectors.joining(", ")))
                    .append(")");
            q.results().stream().sorted().forEach(r -> params.add(r.code()));
        }
        q.database().ifPresent(d -> {
            // Every key of a database starts with its name and the separator: a range of the key index.
            sb.append(" AND sort_key > ? AND sort_key < ? AND database_name = ?");
            params.add(d + ObjectKey.SEPARATOR);
            params.add(d + (char) (ObjectKey.SEPARATOR + 1));
            params.add(d);
        });
        q.table().ifPresent(t -> {
            sb.append(" AND object_name = ?");
            params.add(t);
        });
        q.included().ifPresent(i -> {
            sb.append(" AND included = ?");
            params.add(i);
        });
        return sb.toString();
    }

    private List<StoredDiffEntry> select(String sql, List<Object> params) {
        List<StoredDiffEntry> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = Statements.prepare(c, sql, params);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(read(rs));
            }
            return out;
        } catch (SQLException e) {
            throw failure("read diff entries", e);
        }
    }

    private static StoredDiffEntry read(ResultSet rs) throws SQLException {
        ObjectKey key = KeyColumns.read(rs);
        String changes = rs.getString("changes");
        List<FieldChange> list = changes == null ? List.of() : parseChanges(changes);
        return new StoredDiffEntry(
                new DiffEntry(key, DiffResult.fromCode(rs.getString("diff_result")), list), rs.getBoolean("included"));
    }

    private static List<FieldChange> parseChanges(String json) {
        try {
            return JSON.readValue(json, CHANGES);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String changesJson(List<FieldChange> changes) {
        try {
            return JSON.writeValueAsString(changes);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private int update(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("update diff store", e);
        }
    }

    private static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("cannot " + what + ": " + e.getMessage(), e);
    }

    /** Batches inserts of one run's entries; one connection for the writer's life. */
    public final class Writer implements DiffSink, AutoCloseable {
        private final long runId;
        private final List<DiffEntry> pending = new ArrayList<>(BATCH);

        private Writer(long runId) {
            this.runId = runId;
        }

        @Override
        public void accept(DiffEntry entry) {
            pending.add(entry);
            if (pending.size() >= BATCH) {
                flush();
            }
        }

        public void flush() {
            if (pending.isEmpty()) {
                return;
            }
            String sql = "INSERT INTO diff_entry (run_id, sort_key, item_type, database_name, object_name,"
                    + " partition_values, diff_result, changes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    for (DiffEntry e : pending) {
                        ps.setLong(1, runId);
                        ps.setString(2, e.key().sortKey());
                        int next = KeyColumns.bind(ps, 3, e.key());
                        ps.setString(next, e.result().code());
                        ps.setString(next + 1, e.changes().isEmpty() ? null : changesJson(e.changes()));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                    c.commit();
                } catch (SQLException e) {
                    c.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                throw failure("store diff entries", e);
            }
            pending.clear();
        }

        @Override
        public void close() {
            flush();
        }
    }

    private final class KeysetIterator implements CloseableIterator<StoredDiffEntry> {
        private final long runId;
        private final DiffQuery query;
        private final boolean descending;
        private final ArrayDeque<StoredDiffEntry> buffer = new ArrayDeque<>();
        private String lastSortKey;
        private boolean exhausted;

        KeysetIterator(long runId, DiffQuery query, boolean descending) {
            this.runId = runId;
            this.query = requireNonNull(query, "query is null");
            this.descending = descending;
        }

        @Override
        public boolean hasNext() {
            if (buffer.isEmpty() && !exhausted) {
                fill();
            }
            return !buffer.isEmpty();
        }

        @Override
        public StoredDiffEntry next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return buffer.poll();
        }

        private void fill() {
            List<Object> params = new ArrayList<>();
            StringBuilder sql = new StringBuilder("SELECT * FROM diff_entry ")
                    .append(KEY_ORDER)
                    .append(where(runId, query, params));
            if (lastSortKey != null) {
                sql.append(descending ? " AND sort_key < ?" : " AND sort_key > ?");
                params.add(lastSortKey);
            }
            // run_id is in the ORDER BY so that H2 sees the index already gives the order and does not sort.
            String direction = descending ? " DESC" : "";
            sql.append(" ORDER BY run_id")
                    .append(direction)
                    .append(", sort_key")
                    .append(direction)
                    .append(" LIMIT ")
                    .append(BATCH);
            List<StoredDiffEntry> page = select(sql.toString(), params);
            buffer.addAll(page);
            if (page.size() < BATCH) {
                exhausted = true;
            }
            if (!page.isEmpty()) {
                lastSortKey = page.get(page.size() - 1).entry().key().sortKey();
            }
        }

        @Override
        public void close() {
            exhausted = true;
            buffer.clear();
        }
    }
}
