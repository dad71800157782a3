package dev.lakeport.plan.tasks;

import static java.util.Objects.requireNonNull;

import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Splits a migration job's data copy into tasks, as MaxCompute Migration Service does: a table's partitions in key
 * order, packed into tasks of at most {@code maxPartitions} partitions and {@code maxBytes} bytes (default 50 and
 * 5 GB), sized from the source's statistics ({@code totalSize}); a partition larger than the byte limit is a task of
 * its own, and a partition without statistics counts only against the partition limit. A table without partitions is
 * one task.
 */
public final class TaskSplitter {
    public static final int DEFAULT_MAX_PARTITIONS = 50;
    public static final long DEFAULT_MAX_BYTES = 5L * 1024 * 1024 * 1024;

    /** Hive's statistic of the bytes a table or partition holds. */
    static final String TOTAL_SIZE = "totalSize";
    /** Hive's statistic of the rows a table or partition holds. */
    static final String NUM_ROWS = "numRows";

    /**
     * One task: a table, and the partitions it copies (empty for a table without partitions), with its bytes and rows
     * when the statistics of all its partitions give them.
     */
    public record Task(
            String database,
            String table,
            List<List<String>> partitions,
            OptionalLong knownBytes,
            OptionalLong knownRows) {
        public Task {
            requireNonNull(database, "database is null");
            requireNonNull(table, "table is null");
            partitions = List.copyOf(partitions);
            requireNonNull(knownBytes, "knownBytes is null");
            requireNonNull(knownRows, "knownRows is null");
        }

        public Task(String database, String table, List<List<String>> partitions, OptionalLong knownBytes) {
            this(database, table, partitions, knownBytes, OptionalLong.empty());
        }
    }

    private final int maxPartitions;
    private final long maxBytes;

    public TaskSplitter(int maxPartitions, long maxBytes) {
        if (maxPartitions < 1) {
            throw new IllegalArgumentException("partitions per task must be at least 1, got " + maxPartitions);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("bytes per task must be at least 1, got " + maxBytes);
        }
        this.maxPartitions = maxPartitions;
        this.maxBytes = maxBytes;
    }

    public static TaskSplitter defaults() {
        return new TaskSplitter(DEFAULT_MAX_PARTITIONS, DEFAULT_MAX_BYTES);
    }

    /**
     * The tasks of one table: {@code partitions} in the order given (key order), or the whole table when it has none.
     * The partitions are read once, in order, and not kept: a table's partitions may be paged in from the snapshot.
     */
    public List<Task> split(Table table, Iterable<Partition> partitions) {
        return split(table, partitions, table.partitionKeys().size());
    }

    /**
     * As {@link #split(Table, Iterable)}, for a destination that keeps only the first {@code keptKeys} partition keys
     * (the others folded into columns): partitions whose first {@code keptKeys} values are equal become one destination
     * partition, written in one overwrite session, so they are never split across tasks (such a group may exceed the
     * limits).
     */
    public List<Task> split(Table table, Iterable<Partition> partitions, int keptKeys) {
        requireNonNull(table, "table is null");
        requireNonNull(partitions, "partitions is null");
        if (table.partitionKeys().isEmpty()) {
            return List.of(new Task(
                    table.databaseName(),
                    table.name(),
                    List.of(),
                    optional(size(table.parameters().get(TOTAL_SIZE))),
                    optional(size(table.parameters().get(NUM_ROWS)))));
        }
        List<Task> tasks = new ArrayList<>();
        List<List<String>> current = new ArrayList<>();
        long bytes = 0;
        boolean allKnown = true;
        long rows = 0;
        boolean allRowsKnown = true;
        for (Partition p : partitions) {
            Optional<Long> size = size(p.parameters().get(TOTAL_SIZE));
            long b = size.orElse(0L);
            boolean sameDestination = !current.isEmpty()
                    && keptKeys < p.values().size()
                    && prefix(current.get(current.size() - 1), keptKeys).equals(prefix(p.values(), keptKeys));
            if (!current.isEmpty() && !sameDestination && (current.size() >= maxPartitions || bytes + b > maxBytes)) {
                tasks.add(task(table, current, bytes, allKnown, rows, allRowsKnown));
                current = new ArrayList<>();
                bytes = 0;
                allKnown = true;
                rows = 0;
                allRowsKnown = true;
            }
            current.add(p.values());
            bytes += b;
            allKnown &= size.isPresent();
            Optional<Long> r = size(p.parameters().get(NUM_ROWS));
            rows += r.orElse(0L);
            allRowsKnown &= r.isPresent();
        }
        if (!current.isEmpty()) {
            tasks.add(task(table, current, bytes, allKnown, rows, allRowsKnown));
        }
        return tasks;
    }

    private static Task task(
            Table table, List<List<String>> partitions, long bytes, boolean known, long rows, boolean rowsKnown) {
        return new Task(
                table.databaseName(),
                table.name(),
                partitions,
                known ? OptionalLong.of(bytes) : OptionalLong.empty(),
                rowsKnown ? OptionalLong.of(rows) : OptionalLong.empty());
    }

    private static List<String> prefix(List<String> values, int length) {
        return values.subList(0, Math.min(length, values.size()));
    }

    private static OptionalLong optional(Optional<Long> value) {
        return value.map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    private static Optional<Long> size(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            long v = Long.parseLong(text.strip());
            return v < 0 ? Optional.empty() : Optional.of(v);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
