package dev.lakeport.plan.tasks;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A stored task of a job: the table and partitions it covers (empty: the whole table), its size as the source's
 * statistics gave it, its steps in order, its state, how often it was started, when it last started and ended, and the
 * error of its last failure.
 */
public record JobTask(
        long id,
        long jobId,
        String database,
        String table,
        List<List<String>> partitions,
        OptionalLong knownBytes,
        OptionalLong knownRows,
        List<TaskStep> steps,
        TaskState state,
        int attempts,
        Optional<Instant> startedAt,
        Optional<Instant> finishedAt,
        Optional<String> lastError) {

    public JobTask {
        requireNonNull(database, "database is null");
        requireNonNull(table, "table is null");
        partitions = partitions.stream().map(List::copyOf).toList();
        requireNonNull(knownBytes, "knownBytes is null");
        requireNonNull(knownRows, "knownRows is null");
        steps = List.copyOf(steps);
        requireNonNull(state, "state is null");
        requireNonNull(startedAt, "startedAt is null");
        requireNonNull(finishedAt, "finishedAt is null");
        requireNonNull(lastError, "lastError is null");
    }

    /** What the task covers, for a log or a list: {@code sales.orders (50 partitions)}. */
    public String describe() {
        String name = database + "." + table;
        if (partitions.isEmpty()) {
            return name;
        }
        return name + " (" + partitions.size() + (partitions.size() == 1 ? " partition)" : " partitions)");
    }
}
