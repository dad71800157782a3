package dev.lakeport.copy;

import static java.util.Objects.requireNonNull;

import com.aliyun.odps.Instance;
import com.aliyun.odps.Odps;
import com.aliyun.odps.data.Record;
import com.aliyun.odps.task.SQLTask;
import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code COUNT(*)} per partition at MaxCompute, from one grouped query per task ({@code SELECT k1, …, COUNT(*) FROM
 * p.t WHERE k1 IN (…) AND … GROUP BY k1, …}, {@code p.s.t} for a table in a schema), never OR-chained: a statement
 * takes at most 256 conditions, so a task whose partitions need more values is counted by several queries. Optionally, per column, SUM (numeric columns),
 * MIN, MAX and the number of NULLs. A partition the destination has no rows for counts 0.
 */
public final class DestinationCounts {
    /** MaxCompute's limit of conditions in one WHERE clause; every value in an {@code IN} list counts as one. */
    public static final int MAX_CONDITIONS = 256;

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String NULL_TEXT = "\\N";
    /** MaxCompute's schema syntax switch: on, {@code a.b.c} is project.schema.table and {@code a.b} schema.table. */
    static final String NAMESPACE_SCHEMA = "odps.namespace.schema";

    /** A column whose aggregates are compared: numeric columns are summed, dates and times only get MIN and MAX. */
    public record AggregateColumn(String name, boolean summed) {
        public AggregateColumn {
            requireNonNull(name, "name is null");
        }
    }

    /** A column's aggregates as the engine prints them. */
    public record ColumnStats(Optional<String> sum, Optional<String> min, Optional<String> max, long nulls) {}

    /** What one partition holds at the destination. */
    public record PartitionStats(List<String> partition, long rows, Map<String, ColumnStats> columns) {
        public PartitionStats {
            partition = List.copyOf(partition);
            columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        }
    }

    /** One statement and the partitions whose counts it gives. */
    public record Query(String sql, List<List<String>> partitions) {}

    /**
     * One task's table at the destination: its project, its schema (null in a project without schemas), its partition
     * keys in order, and the partitions of the task.
     */
    public record Task(
            String project,
            String schema,
            String table,
            List<String> partitionKeys,
            List<List<String>> partitions,
            List<AggregateColumn> aggregates) {
        public Task {
            requireNonNull(project, "project is null");
            requireNonNull(table, "table is null");
            schema = schema == null || schema.isEmpty() ? null : schema;
            partitionKeys = List.copyOf(partitionKeys);
            partitions = partitions.stream().map(List::copyOf).toList();
            aggregates = List.copyOf(aggregates);
            for (List<String> partition : partitions) {
                if (partition.size() != partitionKeys.size()) {
                    throw new IllegalArgumentException("table " + qualified(project, schema, table)
                            + " has partition keys " + partitionKeys + " but a partition of the task has values "
                            + partition);
                }
            }
        }

        /** A table of a project without schemas. */
        public Task(
                String project,
                String table,
                List<String> partitionKeys,
                List<List<String>> partitions,
                List<AggregateColumn> aggregates) {
            this(project, null, table, partitionKeys, partitions, aggregates);
        }

        /** The task of the table an upload wrote to ({@code target}'s project, schema and partition keys). */
        public static Task of(TunnelTarget target, List<List<String>> partitions, List<AggregateColumn> aggregates) {
            return new Task(
                    target.project(), target.schema(), target.table(), target.partitionKeys(), partitions, aggregates);
        }

        /** Every partition the table has (no WHERE clause), or the whole of a table without partitions. */
        public boolean wholeTable() {
            return partitions.isEmpty();
        }

        /** {@code project.table} or {@code project.schema.table}, as reports name it. */
        public String qualifiedTable() {
            return qualified(project, schema, table);
        }

        private static String qualified(String project, String schema, String table) {
            return schema == null ? project + "." + table : project + "." + schema + "." + table;
        }
    }

    private DestinationCounts() {}

    /** The statements that count {@code task}; pure, so the text can be checked without a server. */
    public static List<Query> queries(Task task) {
        String select = selectList(task);
        String from = " FROM " + name(task.project())
                + (task.schema() == null ? "" : "." + name(task.schema()))
                + "." + name(task.table());
        String groupBy = task.partitionKeys().isEmpty()
                ? ""
                : " GROUP BY "
                        + String.join(
                                ", ",
                                task.partitionKeys().stream()
                                        .map(DestinationCounts::name)
                                        .toList());
        if (task.wholeTable()) {
            return List.of(new Query("SELECT " + select + from + groupBy + ";", List.of()));
        }
        List<Query> queries = new ArrayList<>();
        for (List<List<String>> chunk :
                chunks(task.partitions(), task.partitionKeys().size())) {
            queries.add(
                    new Query("SELECT " + select + from + where(task.partitionKeys(), chunk) + groupBy + ";", chunk));
        }
        return queries;
    }

    /**
     * Counts the task at the destination. Every partition of the task is in the answer (0 rows when the
     * destination has none); for a whole-table task, every partition the destination has.
     */
    public static Map<List<String>, PartitionStats> count(Odps odps, Task task, RetryPolicy<Object> retry) {
        Map<List<String>, PartitionStats> result = new LinkedHashMap<>();
        for (List<String> partition : task.partitions()) {
            result.put(partition, new PartitionStats(partition, 0, Map.of()));
        }
        Map<String, String> hints = hints(task);
        for (Query query : queries(task)) {
            List<Record> records;
            try {
                records = Failsafe.with(retry).get(() -> {
                    Instance instance = SQLTask.run(odps, task.project(), query.sql(), hints, null);
                    instance.waitForSuccess();
                    return SQLTask.getResult(instance);
                });
            } catch (RuntimeException e) {
                throw new CopyException(
                        "could not count " + task.qualifiedTable() + " at the destination (" + query.sql() + "): "
                                + TunnelSessions.reason(e),
                        e);
            }
            Set<List<String>> asked = new LinkedHashSet<>(query.partitions());
            for (Record record : records) {
                PartitionStats stats = parse(task, record);
                if (task.wholeTable() || asked.contains(stats.partition())) {
                    result.put(stats.partition(), stats);
                }
            }
        }
        if (task.partitionKeys().isEmpty() && result.isEmpty()) {
            result.put(List.of(), new PartitionStats(List.of(), 0, Map.of()));
        }
        return result;
    }

    /**
     * The settings the statements run with. {@code a.b.c} names a schema's table only with MaxCompute's schema syntax
     * on ({@code odps.namespace.schema=true}, which the SDK's own schema-aware calls also set), and with it on
     * {@code a.b} would mean {@code schema.table}: so a task in a schema turns it on, and a task without one turns it
     * off, whatever the tenant's default, so that {@code project.table} keeps meaning the project's own table.
     */
    static Map<String, String> hints(Task task) {
        Map<String, String> hints = new LinkedHashMap<>();
        if (task.wholeTable()) {
            hints.put("odps.sql.allow.fullscan", "true");
        }
        if (task.schema() != null) {
            hints.put(NAMESPACE_SCHEMA, "true");
            hints.put("odps.sql.allow.namespace.schema", "true");
        } else {
            hints.put(NAMESPACE_SCHEMA, "false");
        }
        return hints;
    }

    private static PartitionStats parse(Task task, Record record) {
        int keys = task.partitionKeys().size();
        List<String> partition = new ArrayList<>(keys);
        for (int i = 0; i < keys; i++) {
            partition.add(text(record, i).orElse(""));
        }
        long rows = Long.parseLong(text(record, keys).orElse("0"));
        Map<String, ColumnStats> columns = new LinkedHashMap<>();
        int i = keys + 1;
        for (AggregateColumn column : task.aggregates()) {
            Optional<String> sum = column.summed() ? text(record, i++) : Optional.empty();
            Optional<String> min = text(record, i++);
            Optional<String> max = text(record, i++);
            long nulls = Long.parseLong(text(record, i++).orElse("0"));
            columns.put(column.name(), new ColumnStats(sum, min, max, nulls));
        }
        return new PartitionStats(partition, rows, columns);
    }

    private static Optional<String> text(Record record, int i) {
        Object value = record.get(i);
        if (value == null) {
            return Optional.empty();
        }
        String s = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value.toString();
        return s.equals(NULL_TEXT) ? Optional.empty() : Optional.of(s);
    }

    private static String selectList(Task task) {
        List<String> items = new ArrayList<>();
        task.partitionKeys().forEach(k -> items.add(name(k)));
        items.add("COUNT(*)");
        for (AggregateColumn column : task.aggregates()) {
            String c = name(column.name());
            if (column.summed()) {
                items.add("SUM(" + c + ")");
            }
            items.add("MIN(" + c + ")");
            items.add("MAX(" + c + ")");
            items.add("COUNT(*) - COUNT(" + c + ")");
        }
        return String.join(", ", items);
    }

    /**
     * The partitions in order, cut so that each chunk's distinct values, over all keys, stay within
     * {@link #MAX_CONDITIONS}: one {@code IN} list per key selects at least the chunk's partitions.
     */
    static List<List<List<String>>> chunks(List<List<String>> partitions, int keys) {
        List<List<List<String>>> chunks = new ArrayList<>();
        List<List<String>> chunk = new ArrayList<>();
        List<Set<String>> values = newValueSets(keys);
        for (List<String> partition : partitions) {
            int added = 0;
            for (int k = 0; k < keys; k++) {
                added += values.get(k).contains(partition.get(k)) ? 0 : 1;
            }
            if (!chunk.isEmpty() && conditions(values) + added > MAX_CONDITIONS) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
                values = newValueSets(keys);
            }
            chunk.add(partition);
            for (int k = 0; k < keys; k++) {
                values.get(k).add(partition.get(k));
            }
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        return chunks;
    }

    private static List<Set<String>> newValueSets(int keys) {
        List<Set<String>> sets = new ArrayList<>(keys);
        for (int k = 0; k < keys; k++) {
            sets.add(new LinkedHashSet<>());
        }
        return sets;
    }

    private static int conditions(List<Set<String>> values) {
        return values.stream().mapToInt(Set::size).sum();
    }

    private static String where(List<String> keys, List<List<String>> chunk) {
        List<String> conditions = new ArrayList<>();
        for (int k = 0; k < keys.size(); k++) {
            Set<String> values = new LinkedHashSet<>();
            for (List<String> partition : chunk) {
                values.add(literal(partition.get(k)));
            }
            conditions.add(
                    values.size() == 1
                            ? name(keys.get(k)) + " = " + values.iterator().next()
                            : name(keys.get(k)) + " IN (" + String.join(", ", values) + ")");
        }
        return " WHERE " + String.join(" AND ", conditions);
    }

    static String name(String identifier) {
        return PLAIN_NAME.matcher(identifier).matches() ? identifier : "`" + identifier.replace("`", "``") + "`";
    }

    static String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
