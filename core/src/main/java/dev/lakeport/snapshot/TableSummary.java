package dev.lakeport.snapshot;

import static java.util.Objects.requireNonNull;

import dev.lakeport.model.Table;

/**
 * A table as read (not mapped), with the number of its partitions in the snapshot and whether they were all loaded
 * by the current load ({@code partitionsComplete} is false for a table whose partition load was interrupted).
 */
public record TableSummary(Table table, long partitionCount, boolean partitionsComplete) {
    public TableSummary {
        requireNonNull(table, "table is null");
    }
}
