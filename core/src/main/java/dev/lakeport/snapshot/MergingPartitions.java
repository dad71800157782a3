package dev.lakeport.snapshot;

import java.util.List;

/**
 * A SOURCE side's mapping under which several source partitions become one destination partition (MaxCompute's folded
 * partition keys: the destination partition is the source values' prefix). The store keeps every source partition as
 * read, and its scan and lookups meet the destination's partitions under the destination's values: one entry per
 * destination partition (the first source partition of it), found by its values.
 */
public interface MergingPartitions {

    /** Whether any partition merges; a mapping that merges none costs the scan nothing. */
    boolean mergesPartitions();

    /** The destination partition's values of a source partition of {@code database.table} (as stored). */
    List<String> destinationValues(String database, String table, List<String> values);
}
