package dev.lakeport.apply.tasks;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakeport.copy.PartitionCounts;
import dev.lakeport.copy.Verification;
import dev.lakeport.plan.tasks.Job;
import dev.lakeport.plan.tasks.JobMode;
import dev.lakeport.plan.tasks.JobSelection;
import dev.lakeport.plan.tasks.JobSpec;
import dev.lakeport.plan.tasks.JobTask;
import dev.lakeport.plan.tasks.PlannedTask;
import dev.lakeport.plan.tasks.StateCounts;
import dev.lakeport.plan.tasks.TaskLogEntry;
import dev.lakeport.plan.tasks.TaskState;
import dev.lakeport.plan.tasks.TaskStep;
import dev.lakeport.plan.tasks.TimeWindow;
import dev.lakeport.snapshot.Statements;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Keeps migration jobs, their tasks with their states and the tasks' logs in the project's H2 file (migration V6), so
 * that a job survives a restart: {@link #open} puts the tasks a process that died left RUNNING back to PENDING, and
 * the job resumes from there.
 *
 * <p>A task moves PENDING → RUNNING → SUCCEEDED or FAILED (or back to PENDING when its run is stopped), and FAILED →
 * PENDING when retried; each move is one transaction with the line it adds to the task's log, made durable at once
 * (H2 otherwise writes commits about a second later, and a killed process would run a finished task again).
 *
 * <p>Thread-safe: each call borrows a connection of the project's pool.
 */
public final class JobStore {
    /**
     * Names each opening of a project (its connection pool) in {@code run_owner}: a RUNNING task with another owner was
     * left by a process that died, or by an earlier opening of the project that was closed under it.
     */
    private static final Map<DataSource, String> OWNERS = Collections.synchronizedMap(new WeakHashMap<>());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<List<String>>> VALUES = new TypeReference<>() {};
    private static final String TASK_COLUMNS = "task_id, job_id, database_name, table_name, partition_values,"
            + " known_bytes, known_rows, steps, state, attempts, started_at, finished_at, last_error";

    /** The jobs a runner is running, per opening of a project: one runner per job at a time. */
    private static final Map<String, Set<Long>> ACTIVE = new ConcurrentHashMap<>();

    private final DataSource dataSource;
    private final Clock clock;
    private final String owner;

    private JobStore(DataSource dataSource, Clock clock) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.owner = OWNERS.computeIfAbsent(dataSource, d -> UUID.randomUUID().toString());
    }

    /** The jobs of the project behind {@code dataSource}, with interrupted tasks made PENDING again. */
    public static JobStore open(DataSource dataSource) {
        return open(dataSource, Clock.systemUTC());
    }

    /** As {@link #open(DataSource)}, stamping times from {@code clock}. */
    public static JobStore open(DataSource dataSource, Clock clock) {
        JobStore store = new JobStore(dataSource, clock);
        store.recoverInterrupted();
        return store;
    }

    // ---------------------------------------------------------------- jobs

    /** Stores a job and its tasks, all PENDING, in one transaction; returns the job's id. */
    public long createJob(String label, JobSpec spec, List<PlannedTask> tasks) {
        requireNonNull(label, "label is null");
        requireNonNull(spec, "spec is null");
        requireNonNull(tasks, "tasks is null");
        String jobSql = "INSERT INTO job (label, created_at, selection_json, job_mode, max_partitions, max_bytes,"
                + " max_concurrent, window_start, window_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
        String taskSql = "INSERT INTO job_task (job_id, database_name, table_name, partition_values, partition_count,"
                + " known_bytes, known_rows, steps, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING')";
        return transaction("create job " + label, c -> {
            long jobId;
            try (PreparedStatement ps = c.prepareStatement(jobSql, Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, label);
                ps.setTimestamp(2, Timestamp.from(clock.instant()));
                ps.setString(3, selectionJson(spec.selection()));
                ps.setString(4, spec.mode().name());
                ps.setInt(5, spec.maxPartitionsPerTask());
                ps.setLong(6, spec.maxBytesPerTask());
                ps.setInt(7, spec.maxConcurrentTasks());
                ps.setTime(8, spec.window().map(w -> Time.valueOf(w.start())).orElse(null));
                ps.setTime(9, spec.window().map(w -> Time.valueOf(w.end())).orElse(null));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    jobId = keys.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(taskSql)) {
                int n = 0;
                for (PlannedTask t : tasks) {
                    ps.setLong(1, jobId);
                    ps.setString(2, t.database());
                    ps.setString(3, t.table());
                    ps.setString(4, t.partitions().isEmpty() ? null : json(t.partitions()));
                    ps.setInt(5, t.partitions().size());
                    setOptional(ps, 6, t.knownBytes());
                    setOptional(ps, 7, t.knownRows());
                    ps.setString(8, t.steps().stream().map(Enum::name).collect(Collectors.joining(",")));
                    ps.addBatch();
                    if (++n % 500 == 0) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            return jobId;
        });
    }

    /** Every job, oldest first, with its counts per state. */
    public List<Job> jobs() {
        return jobs("SELECT * FROM job ORDER BY job_id", List.of());
    }

    public Optional<Job> job(long jobId) {
        return jobs("SELECT * FROM job WHERE job_id = ?", List.of(jobId)).stream()
                .findFirst();
    }

    private List<Job> jobs(String sql, List<Object> params) {
        return read("read jobs", c -> {
            List<Job> jobs = new ArrayList<>();
            try (PreparedStatement ps = Statements.prepare(c, sql, params);
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong("job_id");
                    Time start = rs.getTime("window_start");
                    Time end = rs.getTime("window_end");
                    JobSpec spec = new JobSpec(
                            parseSelection(rs.getString("selection_json")),
                            JobMode.valueOf(rs.getString("job_mode")),
                            rs.getInt("max_partitions"),
                            rs.getLong("max_bytes"),
                            rs.getInt("max_concurrent"),
                            start == null || end == null
                                    ? Optional.empty()
                                    : Optional.of(new TimeWindow(start.toLocalTime(), end.toLocalTime())));
                    jobs.add(new Job(
                            id,
                            rs.getString("label"),
                            rs.getTimestamp("created_at").toInstant(),
                            spec,
                            StateCounts.NONE));
                }
            }
            List<Job> counted = new ArrayList<>();
            for (Job j : jobs) {
                counted.add(new Job(j.id(), j.label(), j.createdAt(), j.spec(), counts(c, j.id())));
            }
            return counted;
        });
    }

    /** How many of the job's tasks are in each state. */
    public StateCounts counts(long jobId) {
        return read("count the tasks of job " + jobId, c -> counts(c, jobId));
    }

    private static StateCounts counts(Connection c, long jobId) throws SQLException {
        Map<TaskState, Long> counts = new EnumMap<>(TaskState.class);
        try (PreparedStatement ps =
                c.prepareStatement("SELECT state, COUNT(*) FROM job_task WHERE job_id = ? GROUP BY state")) {
            ps.setLong(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(TaskState.valueOf(rs.getString(1)), rs.getLong(2));
                }
            }
        }
        return StateCounts.of(counts);
    }

    // ---------------------------------------------------------------- tasks

    /** The job's tasks in the order they were planned. */
    public List<JobTask> tasks(long jobId) {
        return tasks("SELECT " + TASK_COLUMNS + " FROM job_task WHERE job_id = ? ORDER BY task_id", List.of(jobId));
    }

    /** The job's tasks in {@code state}, in the order they were planned. */
    public List<JobTask> tasks(long jobId, TaskState state) {
        return tasks(
                "SELECT " + TASK_COLUMNS + " FROM job_task WHERE job_id = ? AND state = ? ORDER BY task_id",
                List.of(jobId, state.name()));
    }

    public Optional<JobTask> task(long taskId) {
        return tasks("SELECT " + TASK_COLUMNS + " FROM job_task WHERE task_id = ?", List.of(taskId)).stream()
                .findFirst();
    }

    private List<JobTask> tasks(String sql, List<Object> params) {
        return read("read tasks", c -> {
            List<JobTask> tasks = new ArrayList<>();
            try (PreparedStatement ps = Statements.prepare(c, sql, params);
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tasks.add(task(rs));
                }
            }
            return tasks;
        });
    }

    /** The task's log, oldest line first. */
    public List<TaskLogEntry> log(long taskId) {
        String sql = "SELECT logged_at, log_level, message FROM job_task_log WHERE task_id = ? ORDER BY task_id,"
                + " entry_id";
        return read("read the log of task " + taskId, c -> {
            List<TaskLogEntry> log = new ArrayList<>();
            try (PreparedStatement ps = Statements.prepare(c, sql, List.of(taskId));
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    log.add(new TaskLogEntry(
                            taskId,
                            rs.getTimestamp(1).toInstant(),
                            TaskLogEntry.Level.valueOf(rs.getString(2)),
                            rs.getString(3)));
                }
            }
            return log;
        });
    }

    /** Adds a line to the task's log. */
    public void appendLog(long taskId, TaskLogEntry.Level level, String message) {
        requireNonNull(level, "level is null");
        requireNonNull(message, "message is null");
        transaction("append to the log of task " + taskId, c -> {
            log(c, taskId, level, message);
            return null;
        });
    }

    // ---------------------------------------------------------------- verification

    /**
     * Keeps what a verification of the task found, partition by partition, replacing what an earlier verification of
     * the same partitions found.
     */
    public void recordCounts(long taskId, String database, Verification verification) {
        requireNonNull(database, "database is null");
        requireNonNull(verification, "verification is null");
        Map<String, String> reasons = new HashMap<>();
        verification.mismatches().forEach(m -> reasons.merge(m.partition(), m.reason(), (a, b) -> a + "; " + b));
        String sql = "MERGE INTO job_task_count (task_id, partition_name, table_name, source_rows, written_rows,"
                + " destination_rows, mismatch, checked_at) KEY (task_id, partition_name) VALUES (?, ?, ?, ?, ?, ?, ?,"
                + " ?)";
        Timestamp now = Timestamp.from(clock.instant());
        transaction("record the counts of task " + taskId, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (PartitionCounts counts : verification.counts()) {
                    ps.setLong(1, taskId);
                    ps.setString(2, counts.partition());
                    ps.setString(3, counts.table());
                    setOptional(ps, 4, counts.source());
                    setOptional(ps, 5, counts.written());
                    setOptional(ps, 6, counts.destination());
                    ps.setString(7, reasons.get(counts.partition()));
                    ps.setTimestamp(8, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** What the verifications of the job's tasks found, task by task, partitions in name order. */
    public List<TaskCount> verifications(long jobId) {
        String sql = "SELECT c.task_id, t.database_name, c.table_name, c.partition_name, c.source_rows,"
                + " c.written_rows, c.destination_rows, c.mismatch, c.checked_at FROM job_task_count c JOIN job_task t"
                + " ON t.task_id = c.task_id WHERE t.job_id = ? ORDER BY c.task_id, c.partition_name";
        return read("read the counts of job " + jobId, c -> {
            List<TaskCount> counts = new ArrayList<>();
            try (PreparedStatement ps = Statements.prepare(c, sql, List.of(jobId));
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.add(new TaskCount(
                            rs.getLong(1),
                            rs.getString(2),
                            new PartitionCounts(
                                    rs.getString(3),
                                    rs.getString(4),
                                    optionalLong(rs, "source_rows"),
                                    optionalLong(rs, "written_rows"),
                                    optionalLong(rs, "destination_rows")),
                            Optional.ofNullable(rs.getString(8)),
                            rs.getTimestamp(9).toInstant()));
                }
            }
            return counts;
        });
    }

    // ---------------------------------------------------------------- states

    /**
     * Marks a PENDING task RUNNING by this process and counts the attempt; false if it was not PENDING (another runner
     * took it, or it was finished meanwhile).
     */
    public boolean markRunning(long taskId) {
        return durable("start task " + taskId, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE job_task SET state = 'RUNNING', attempts ="
                    + " attempts + 1, started_at = ?, finished_at = NULL, run_owner = ? WHERE task_id = ? AND"
                    + " state = 'PENDING'")) {
                ps.setTimestamp(1, Timestamp.from(clock.instant()));
                ps.setString(2, owner);
                ps.setLong(3, taskId);
                if (ps.executeUpdate() == 0) {
                    return false;
                }
            }
            log(c, taskId, TaskLogEntry.Level.INFO, "started (attempt " + attempts(c, taskId) + ")");
            return true;
        });
    }

    /** Marks a RUNNING task SUCCEEDED, logging {@code summary}. */
    public void markSucceeded(long taskId, String summary) {
        finish(taskId, TaskState.SUCCEEDED, null, TaskLogEntry.Level.INFO, "succeeded: " + summary);
    }

    /** Marks a RUNNING task FAILED with {@code error}, which its log keeps too. */
    public void markFailed(long taskId, String error) {
        requireNonNull(error, "error is null");
        finish(taskId, TaskState.FAILED, error, TaskLogEntry.Level.ERROR, "failed: " + error);
    }

    /** Puts a RUNNING task back to PENDING, logging {@code why}: its run was stopped before it finished. */
    public void markPending(long taskId, String why) {
        requireNonNull(why, "why is null");
        durable("stop task " + taskId, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE job_task SET state = 'PENDING', run_owner = NULL"
                    + " WHERE task_id = ? AND state = 'RUNNING'")) {
                ps.setLong(1, taskId);
                requireUpdated(ps.executeUpdate(), taskId, TaskState.RUNNING);
            }
            log(c, taskId, TaskLogEntry.Level.WARN, why);
            return null;
        });
    }

    private void finish(long taskId, TaskState state, String error, TaskLogEntry.Level level, String line) {
        durable("finish task " + taskId, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE job_task SET state = ?, finished_at = ?,"
                    + " last_error = ?, run_owner = NULL WHERE task_id = ? AND state = 'RUNNING'")) {
                ps.setString(1, state.name());
                ps.setTimestamp(2, Timestamp.from(clock.instant()));
                ps.setString(3, error);
                ps.setLong(4, taskId);
                requireUpdated(ps.executeUpdate(), taskId, TaskState.RUNNING);
            }
            log(c, taskId, level, line);
            return null;
        });
    }

    /**
     * Puts FAILED tasks back to PENDING, all or none: every id must name a FAILED task of one job. Returns that job's
     * id.
     *
     * @throws IllegalArgumentException naming the ids that are unknown, not FAILED, or of another job; nothing changes
     */
    public long retry(Collection<Long> taskIds) {
        requireNonNull(taskIds, "taskIds is null");
        Set<Long> ids = new LinkedHashSet<>(taskIds);
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("no task to retry");
        }
        return durable("retry tasks " + ids, c -> {
            Map<Long, JobTask> found = new HashMap<>();
            for (Long id : ids) {
                try (PreparedStatement ps = Statements.prepare(
                                c, "SELECT " + TASK_COLUMNS + " FROM job_task WHERE task_id = ?", List.of(id));
                        ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        found.put(id, task(rs));
                    }
                }
            }
            List<Long> unknown =
                    ids.stream().filter(id -> !found.containsKey(id)).toList();
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("no task " + unknown + " in this project");
            }
            List<String> notFailed = found.values().stream()
                    .filter(t -> t.state() != TaskState.FAILED)
                    .map(t -> t.id() + " (" + t.state() + ")")
                    .toList();
            if (!notFailed.isEmpty()) {
                throw new IllegalArgumentException("only failed tasks are retried; not failed: " + notFailed);
            }
            Set<Long> jobs = found.values().stream().map(JobTask::jobId).collect(Collectors.toSet());
            if (jobs.size() > 1) {
                throw new IllegalArgumentException(
                        "tasks " + ids + " are of several jobs " + jobs + "; retry the tasks of one job at a time");
            }
            for (Long id : ids) {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE job_task SET state = 'PENDING' WHERE task_id = ? AND state = 'FAILED'")) {
                    ps.setLong(1, id);
                    ps.executeUpdate();
                }
                log(c, id, TaskLogEntry.Level.INFO, "retry requested");
            }
            return jobs.iterator().next();
        });
    }

    /**
     * Puts the tasks that a process which died left RUNNING back to PENDING, each with a line in its log; returns how
     * many. {@link #open} does this; a task running under this opening of the project is left alone.
     */
    public int recoverInterrupted() {
        return durable("resume interrupted tasks", c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT task_id FROM job_task WHERE state = 'RUNNING' AND"
                    + " (run_owner IS NULL OR run_owner <> ?) ORDER BY task_id FOR UPDATE")) {
                ps.setString(1, owner);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            for (long id : ids) {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE job_task SET state = 'PENDING', run_owner = NULL WHERE task_id = ?")) {
                    ps.setLong(1, id);
                    ps.executeUpdate();
                }
                log(
                        c,
                        id,
                        TaskLogEntry.Level.WARN,
                        "was running when Lakeport stopped without finishing it; pending again, it runs again when"
                                + " the job resumes");
            }
            return ids.size();
        });
    }

    /**
     * Claims the job for one runner of this opening of the project; false if another runner has it. {@link JobRunner}
     * claims a job while it runs, so that a second Run does not start the same tasks' neighbours beyond the job's
     * limit of tasks at once.
     */
    boolean claim(long jobId) {
        return ACTIVE.computeIfAbsent(owner, o -> ConcurrentHashMap.newKeySet()).add(jobId);
    }

    void release(long jobId) {
        Set<Long> jobs = ACTIVE.get(owner);
        if (jobs != null) {
            jobs.remove(jobId);
        }
    }

    // ---------------------------------------------------------------- plumbing

    private void log(Connection c, long taskId, TaskLogEntry.Level level, String message) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO job_task_log (task_id, logged_at, log_level, message) VALUES (?, ?, ?, ?)")) {
            ps.setLong(1, taskId);
            ps.setTimestamp(2, Timestamp.from(clock.instant()));
            ps.setString(3, level.name());
            ps.setString(4, message);
            ps.executeUpdate();
        }
    }

    private static int attempts(Connection c, long taskId) throws SQLException {
        try (PreparedStatement ps =
                        Statements.prepare(c, "SELECT attempts FROM job_task WHERE task_id = ?", List.of(taskId));
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static void requireUpdated(int updated, long taskId, TaskState expected) {
        if (updated == 0) {
            throw new IllegalStateException("task " + taskId + " is not " + expected);
        }
    }

    private static JobTask task(ResultSet rs) throws SQLException {
        String values = rs.getString("partition_values");
        Timestamp started = rs.getTimestamp("started_at");
        Timestamp finished = rs.getTimestamp("finished_at");
        return new JobTask(
                rs.getLong("task_id"),
                rs.getLong("job_id"),
                rs.getString("database_name"),
                rs.getString("table_name"),
                values == null ? List.of() : parse(values, VALUES),
                optionalLong(rs, "known_bytes"),
                optionalLong(rs, "known_rows"),
                Arrays.stream(rs.getString("steps").split(","))
                        .map(TaskStep::valueOf)
                        .toList(),
                TaskState.valueOf(rs.getString("state")),
                rs.getInt("attempts"),
                Optional.ofNullable(started).map(Timestamp::toInstant),
                Optional.ofNullable(finished).map(Timestamp::toInstant),
                Optional.ofNullable(rs.getString("last_error")));
    }

    private static OptionalLong optionalLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(v);
    }

    private static void setOptional(PreparedStatement ps, int index, OptionalLong value) throws SQLException {
        if (value.isPresent()) {
            ps.setLong(index, value.getAsLong());
        } else {
            ps.setNull(index, Types.BIGINT);
        }
    }

    static String selectionJson(JobSelection selection) {
        ObjectNode root = JSON.createObjectNode();
        if (selection instanceof JobSelection.Databases d) {
            ArrayNode names = root.putArray("databases");
            d.names().forEach(names::add);
        } else if (selection instanceof JobSelection.Tables t) {
            ArrayNode tables = root.putArray("tables");
            t.tables()
                    .forEach(n ->
                            tables.addObject().put("database", n.database()).put("table", n.table()));
        } else if (selection instanceof JobSelection.Partitions p) {
            ObjectNode part = root.putObject("partitions");
            part.put("database", p.table().database()).put("table", p.table().table());
            part.set("values", JSON.valueToTree(p.values()));
        }
        return root.toString();
    }

    static JobSelection parseSelection(String json) {
        JsonNode root = parse(json, new TypeReference<JsonNode>() {});
        if (root.has("databases")) {
            List<String> names = new ArrayList<>();
            root.get("databases").forEach(n -> names.add(n.asText()));
            return new JobSelection.Databases(names);
        }
        if (root.has("tables")) {
            List<JobSelection.TableName> tables = new ArrayList<>();
            root.get("tables")
                    .forEach(n -> tables.add(new JobSelection.TableName(
                            n.get("database").asText(), n.get("table").asText())));
            return new JobSelection.Tables(tables);
        }
        JsonNode p = root.get("partitions");
        if (p == null) {
            throw new IllegalStateException("a stored job selection that this version does not know: " + json);
        }
        return new JobSelection.Partitions(
                new JobSelection.TableName(
                        p.get("database").asText(), p.get("table").asText()),
                JSON.convertValue(p.get("values"), VALUES));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T parse(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored value that does not parse: " + json, e);
        }
    }

    private interface Work<T> {
        T apply(Connection c) throws SQLException;
    }

    private <T> T read(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.apply(c);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private <T> T transaction(String what, Work<T> work) {
        return transaction(what, work, false);
    }

    /** A transaction whose commit is written to the file before this returns. */
    private <T> T durable(String what, Work<T> work) {
        return transaction(what, work, true);
    }

    private <T> T transaction(String what, Work<T> work, boolean durable) {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.apply(c);
                c.commit();
                if (durable) {
                    try (Statement s = c.createStatement()) {
                        s.execute("CHECKPOINT");
                    }
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("cannot " + what + ": " + e.getMessage(), e);
    }
}
