package dev.lakeport.copy;

import static java.util.Objects.requireNonNull;

import com.aliyun.odps.PartitionSpec;
import java.io.Serializable;
import java.util.List;
import java.util.StringJoiner;

/**
 * Where one upload session writes: a MaxCompute table and one of its partitions, given by the partition keys and
 * values in key order (both empty for a table without partitions). Serialisable, so a driver can hand it to the
 * executors that write the blocks.
 */
public record TunnelTarget(String project, String table, List<String> partitionKeys, List<String> partitionValues)
        implements Serializable {
    public TunnelTarget {
        requireNonNull(project, "project is null");
        requireNonNull(table, "table is null");
        partitionKeys = List.copyOf(partitionKeys);
        partitionValues = List.copyOf(partitionValues);
        if (partitionKeys.size() != partitionValues.size()) {
            throw new IllegalArgumentException("table " + project + "." + table + " has partition keys " + partitionKeys
                    + " but the partition has values " + partitionValues);
        }
    }

    /** The whole of a table without partitions. */
    public static TunnelTarget table(String project, String table) {
        return new TunnelTarget(project, table, List.of(), List.of());
    }

    public boolean isPartition() {
        return !partitionKeys.isEmpty();
    }

    /** {@code project.table}, as reports name it. */
    public String qualifiedTable() {
        return project + "." + table;
    }

    /** The partition as the Tunnel names it, {@code ds=2024-01-01,hh=02}; empty for a table without partitions. */
    public String partitionName() {
        StringJoiner joiner = new StringJoiner(",");
        for (int i = 0; i < partitionKeys.size(); i++) {
            joiner.add(partitionKeys.get(i) + "=" + partitionValues.get(i));
        }
        return joiner.toString();
    }

    /** The SDK's spec, or {@code null} for a table without partitions (the SDK's way of saying "no partition"). */
    PartitionSpec spec() {
        if (!isPartition()) {
            return null;
        }
        PartitionSpec spec = new PartitionSpec();
        for (int i = 0; i < partitionKeys.size(); i++) {
            spec.set(partitionKeys.get(i), partitionValues.get(i));
        }
        return spec;
    }

    @Override
    public String toString() {
        return isPartition() ? qualifiedTable() + " partition " + partitionName() : qualifiedTable();
    }
}
