package dev.lakeport.plan.tasks;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.OptionalLong;

/**
 * A task of a job before it is stored: one table, the partitions it covers (empty: the whole table, which has none),
 * what the source's statistics say of its size, and the steps it runs in order.
 */
public record PlannedTask(
        String database,
        String table,
        List<List<String>> partitions,
        OptionalLong knownBytes,
        OptionalLong knownRows,
        List<TaskStep> steps) {

    public PlannedTask {
        requireNonNull(database, "database is null");
        requireNonNull(table, "table is null");
        partitions = partitions.stream().map(List::copyOf).toList();
        requireNonNull(knownBytes, "knownBytes is null");
        requireNonNull(knownRows, "knownRows is null");
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a task runs at least one step");
        }
    }

    static PlannedTask of(TaskSplitter.Task task, List<TaskStep> steps) {
        return new PlannedTask(
                task.database(), task.table(), task.partitions(), task.knownBytes(), task.knownRows(), steps);
    }
}
