package dev.lakeport.diff;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Counts of a database's or a table's entries by result; a table's counts include its partitions. {@code excluded}
 * counts entries the user left out of the plan.
 */
public record GroupSummary(
        String database, Optional<String> table, long creates, long deletes, long updates, long excluded) {
    public GroupSummary {
        requireNonNull(database, "database is null");
        requireNonNull(table, "table is null");
    }

    public long total() {
        return creates + deletes + updates;
    }

    public String name() {
        return table.map(t -> database + "." + t).orElse(database);
    }
}
