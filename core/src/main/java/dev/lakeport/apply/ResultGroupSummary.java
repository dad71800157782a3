package dev.lakeport.apply;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** A database's or a table's result counts (a table's include its partitions). */
public record ResultGroupSummary(
        String database, Optional<String> table, long succeeded, long failed, long skipped, long notRun) {
    public ResultGroupSummary {
        requireNonNull(database, "database is null");
        requireNonNull(table, "table is null");
    }

    public long total() {
        return succeeded + failed + skipped + notRun;
    }

    public String name() {
        return table.map(t -> database + "." + t).orElse(database);
    }
}
