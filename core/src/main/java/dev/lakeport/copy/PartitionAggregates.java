package dev.lakeport.copy;

import static java.util.Objects.requireNonNull;

import dev.lakeport.copy.DestinationCounts.ColumnStats;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The optional per-column aggregates of one partition on both sides (SUM of numeric columns, MIN, MAX, NULL count),
 * by column name, as each engine printed them.
 */
public record PartitionAggregates(
        String table, String partition, Map<String, ColumnStats> source, Map<String, ColumnStats> destination) {
    public PartitionAggregates {
        requireNonNull(table, "table is null");
        requireNonNull(partition, "partition is null");
        source = Collections.unmodifiableMap(new LinkedHashMap<>(source));
        destination = Collections.unmodifiableMap(new LinkedHashMap<>(destination));
    }
}
