package dev.lakeport.apply;

import static java.util.Objects.requireNonNull;

import dev.lakeport.diff.DiffResult;
import dev.lakeport.diff.DiffWords;
import dev.lakeport.diff.KeyColumns;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.ObjectKind;
import dev.lakeport.snapshot.CloseableIterator;
import dev.lakeport.snapshot.Statements;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * Keeps apply runs and their result records in the project's H2 file (migration V2), so a run's report can be
 * exported again later, and summarised by SQL.
 */
public final class ResultStore {
    static final int PAGE = 1_000;

    private final DataSource dataSource;
    private final DiffWords words;

    /** A store whose records read back in the seed's words (Glue → DLF). */
    public ResultStore(DataSource dataSource) {
        this(dataSource, DiffWords.SEED);
    }

    /**
     * A store of a project whose route speaks {@code words}: records are stored by their neutral result code and
     * read back in these words.
     */
    public ResultStore(DataSource dataSource, DiffWords words) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.words = requireNonNull(words, "words is null");
    }

    public void startRun(String runId, boolean dryRun, Optional<Path> outputDir) {
        String sql = "INSERT INTO result_run (run_id, started_at, dry_run, output_dir) VALUES (?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, runId);
            ps.setTimestamp(2, Timestamp.from(Instant.now()));
            ps.setBoolean(3, dryRun);
            ps.setString(4, outputDir.map(Path::toString).orElse(null));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("start result run " + runId, e);
        }
    }

    public void finishRun(String runId, boolean cancelled) {
        String sql = "UPDATE result_run SET finished_at = ?, cancelled = ? WHERE run_id = ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(Instant.now()));
            ps.setBoolean(2, cancelled);
            ps.setString(3, runId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("finish result run " + runId, e);
        }
    }

    /** Appends records in one transaction; {@code firstSeq} numbers them in the order they were written. */
    public void append(String runId, long firstSeq, List<StoredResult> records) {
        if (records.isEmpty()) {
            return;
        }
        String sql = "INSERT INTO result_record (run_id, seq, item_type, database_name, object_name, partition_values,"
                + " item_name, diff_result, outcome, is_success, error_msg, recorded_at, duration_ms)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                long seq = firstSeq;
                for (StoredResult s : records) {
                    ResultRecord r = s.record();
                    ps.setString(1, runId);
                    ps.setLong(2, seq++);
                    int i = KeyColumns.bind(ps, 3, s.key());
                    ps.setString(i, r.itemName());
                    ps.setString(
                            i + 1,
                            words.result(r.diffResult()).map(DiffResult::code).orElse(r.diffResult()));
                    ps.setString(i + 2, s.outcome().name());
                    ps.setBoolean(i + 3, r.isSuccess());
                    ps.setString(i + 4, r.errorMsg());
                    ps.setTimestamp(i + 5, Timestamp.from(r.time()));
                    ps.setLong(i + 6, r.durationMs());
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure("store result records", e);
        }
    }

    public Optional<ResultRunInfo> run(String runId) {
        return runs("WHERE run_id = ?", runId).stream().findFirst();
    }

    /** Every stored run, newest first. */
    public List<ResultRunInfo> runs() {
        return runs("", null);
    }

    private List<ResultRunInfo> runs(String where, String param) {
        String sql = "SELECT run_id, started_at, finished_at, dry_run, cancelled, output_dir FROM result_run " + where
                + " ORDER BY started_at DESC";
        List<ResultRunInfo> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            if (param != null) {
                ps.setString(1, param);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ResultRunInfo(
                            rs.getString(1),
                            rs.getTimestamp(2).toInstant(),
                            Optional.ofNullable(rs.getTimestamp(3)).map(Timestamp::toInstant),
                            rs.getBoolean(4),
                            rs.getBoolean(5),
                            Optional.ofNullable(rs.getString(6))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("list result runs", e);
        }
    }

    /** The counts of a stored run, computed by SQL. */
    public RunSummary summary(String runId) {
        ResultRunInfo info = run(runId).orElseThrow(() -> new IllegalArgumentException("no result run " + runId));
        String sql = "SELECT item_type, diff_result, outcome, COUNT(*) FROM result_record WHERE run_id = ?"
                + " GROUP BY item_type, diff_result, outcome";
        SummaryCounter counter = new SummaryCounter();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counter.add(
                            ObjectKind.fromItemType(rs.getString(1)),
                            DiffResult.fromCode(rs.getString(2)),
                            Outcome.valueOf(rs.getString(3)),
                            rs.getLong(4));
                }
            }
        } catch (SQLException e) {
            throw failure("summarise result run " + runId, e);
        }
        Duration duration = Duration.between(info.startedAt(), info.finishedAt().orElse(info.startedAt()));
        List<Path> files = info.outputDir()
                .map(d -> List.of(
                        Path.of(d).resolve(ResultLog.resultsFileName(runId)),
                        Path.of(d).resolve(ResultLog.csvFileName(runId)),
                        Path.of(d).resolve(ResultLog.failedFileName(runId))))
                .orElse(List.of());
        return new RunSummary(runId, counter.toMap(), duration, files, info.cancelled(), info.dryRun());
    }

    /** One row per database with records, in name order. */
    public List<ResultGroupSummary> databaseSummaries(String runId) {
        return groups(
                "SELECT database_name, NULL, " + COUNTS
                        + " FROM result_record WHERE run_id = ? GROUP BY database_name ORDER BY database_name",
                runId);
    }

    /** One row per table with records (its own and its partitions'), in name order. */
    public List<ResultGroupSummary> tableSummaries(String runId) {
        return groups(
                "SELECT database_name, object_name, " + COUNTS
                        + " FROM result_record WHERE run_id = ? AND item_type IN ('table', 'partition')"
                        + " GROUP BY database_name, object_name ORDER BY database_name, object_name",
                runId);
    }

    private static final String COUNTS = "SUM(CASE WHEN outcome = 'SUCCEEDED' THEN 1 ELSE 0 END), "
            + "SUM(CASE WHEN outcome = 'FAILED' THEN 1 ELSE 0 END), "
            + "SUM(CASE WHEN outcome = 'SKIPPED' THEN 1 ELSE 0 END), "
            + "SUM(CASE WHEN outcome = 'NOT_RUN' THEN 1 ELSE 0 END)";

    private List<ResultGroupSummary> groups(String sql, String runId) {
        List<ResultGroupSummary> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ResultGroupSummary(
                            rs.getString(1),
                            Optional.ofNullable(rs.getString(2)),
                            rs.getLong(3),
                            rs.getLong(4),
                            rs.getLong(5),
                            rs.getLong(6)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("summarise result groups", e);
        }
    }

    /** The run's records in the order they were written, a page at a time. Close it. */
    public CloseableIterator<StoredResult> stream(String runId) {
        return new CloseableIterator<>() {
            private final ArrayDeque<StoredResult> buffer = new ArrayDeque<>();
            private long nextSeq = 0;
            private boolean exhausted;

            @Override
            public boolean hasNext() {
                if (buffer.isEmpty() && !exhausted) {
                    long[] last = {nextSeq - 1};
                    List<StoredResult> page = page(runId, nextSeq, last);
                    buffer.addAll(page);
                    exhausted = page.size() < PAGE;
                    nextSeq = last[0] + 1;
                }
                return !buffer.isEmpty();
            }

            @Override
            public StoredResult next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return buffer.poll();
            }

            @Override
            public void close() {
                exhausted = true;
                buffer.clear();
            }
        };
    }

    private List<StoredResult> page(String runId, long fromSeq, long[] lastSeq) {
        String sql = "SELECT * FROM result_record WHERE run_id = ? AND seq >= ? ORDER BY run_id, seq LIMIT " + PAGE;
        List<StoredResult> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, runId);
            ps.setLong(2, fromSeq);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(stored(rs));
                    lastSeq[0] = rs.getLong("seq");
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read result records", e);
        }
    }

    /** How many records of the run {@code query} selects. */
    public long count(String runId, ResultQuery query) {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT COUNT(*) FROM result_record " + where(runId, query, params);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = Statements.prepare(c, sql, params);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw failure("count result records of " + runId, e);
        }
    }

    /** A page of the records {@code query} selects, in the order they were written, for a result table. */
    public List<StoredResult> page(String runId, ResultQuery query, long offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative: " + offset + ", " + limit);
        }
        List<Object> params = new ArrayList<>();
        String sql =
                "SELECT * FROM result_record " + where(runId, query, params) + " ORDER BY run_id, seq LIMIT ? OFFSET ?";
        params.add(limit);
        params.add(offset);
        List<StoredResult> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = Statements.prepare(c, sql, params);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(stored(rs));
            }
            return out;
        } catch (SQLException e) {
            throw failure("read result records of " + runId, e);
        }
    }

    /**
     * The exact keys of the records {@code query} selects, in key order: the scope of a diff that retries them (with
     * {@link ResultQuery#retryable()}, the same keys as the run's failed-items file).
     */
    public Set<ObjectKey> keys(String runId, ResultQuery query) {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT item_type, database_name, object_name, partition_values FROM result_record "
                + where(runId, query, params);
        TreeSet<ObjectKey> keys = new TreeSet<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = Statements.prepare(c, sql, params);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                keys.add(KeyColumns.read(rs));
            }
            return keys;
        } catch (SQLException e) {
            throw failure("read result keys of " + runId, e);
        }
    }

    private static String where(String runId, ResultQuery query, List<Object> params) {
        requireNonNull(runId, "runId is null");
        requireNonNull(query, "query is null");
        StringBuilder sql = new StringBuilder("WHERE run_id = ?");
        params.add(runId);
        if (!query.outcomes().isEmpty()) {
            sql.append(" AND outcome IN (");
            String sep = "";
            for (Outcome o : query.outcomes()) {
                sql.append(sep).append('?');
                params.add(o.name());
                sep = ", ";
            }
            sql.append(')');
        }
        query.kind().ifPresent(k -> {
            sql.append(" AND item_type = ?");
            params.add(k.itemType());
        });
        if (!query.text().isEmpty()) {
            String pattern = "%" + escapeLike(query.text().toLowerCase(Locale.ROOT)) + "%";
            sql.append(" AND (LOWER(item_name) LIKE ? ESCAPE '\\' OR LOWER(error_msg) LIKE ? ESCAPE '\\')");
            params.add(pattern);
            params.add(pattern);
        }
        return sql.toString();
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private StoredResult stored(ResultSet rs) throws SQLException {
        String error = rs.getString("error_msg");
        return new StoredResult(
                KeyColumns.read(rs),
                Outcome.valueOf(rs.getString("outcome")),
                new ResultRecord(
                        rs.getString("item_type"),
                        rs.getString("item_name"),
                        words.word(DiffResult.fromCode(rs.getString("diff_result"))),
                        rs.getBoolean("is_success"),
                        error == null ? "" : error,
                        rs.getTimestamp("recorded_at").toInstant(),
                        rs.getLong("duration_ms")));
    }

    private static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("cannot " + what + ": " + e.getMessage(), e);
    }
}
