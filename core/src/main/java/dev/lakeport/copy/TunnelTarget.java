package dev.lakeport.copy;

import static java.util.Objects.requireNonNull;

import com.aliyun.odps.PartitionSpec;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * Where one upload session writes: a MaxCompute table, in a schema of its project when the project has the
 * three-layer model ({@code schema} null for a two-layer project), and one of its partitions, given by the partition
 * keys and values in key order (both empty for a table without partitions). Serialisable, so a driver can hand it to
 * the executors that write the blocks.
 */
public record TunnelTarget(
        String project, String schema, String table, List<String> partitionKeys, List<String> partitionValues)
        implements Serializable {
    /** MaxCompute's names, as the MaxCompute connector's namespaces take them: a letter, then letters, digits, _. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,127}");

    public TunnelTarget {
        requireNonNull(project, "project is null");
        requireNonNull(table, "table is null");
        schema = schema == null || schema.isEmpty() ? null : schema;
        partitionKeys = List.copyOf(partitionKeys);
        partitionValues = List.copyOf(partitionValues);
        if (partitionKeys.size() != partitionValues.size()) {
            throw new IllegalArgumentException("table " + qualified(project, schema, table) + " has partition keys "
                    + partitionKeys + " but the partition has values " + partitionValues);
        }
    }

    /** A table of a project without schemas (two-layer model). */
    public TunnelTarget(String project, String table, List<String> partitionKeys, List<String> partitionValues) {
        this(project, null, table, partitionKeys, partitionValues);
    }

    /** The whole of a table without partitions, in a project without schemas. */
    public static TunnelTarget table(String project, String table) {
        return new TunnelTarget(project, null, table, List.of(), List.of());
    }

    /**
     * A table of a Lakeport destination database: {@code project}, or {@code project.schema} in a project with the
     * three-layer model, read as the MaxCompute connector reads its database names (lower-cased, each part a
     * MaxCompute name).
     *
     * @throws IllegalArgumentException naming the database and the part that is not a MaxCompute name
     */
    public static TunnelTarget inDatabase(
            String database, String table, List<String> partitionKeys, List<String> partitionValues) {
        requireNonNull(database, "database is null");
        String[] parts = database.trim().split("\\.", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException(
                    "'" + database + "' is not a project or project.schema (it has " + parts.length + " parts)");
        }
        for (String part : parts) {
            if (!NAME.matcher(part).matches()) {
                throw new IllegalArgumentException("'" + database + "': '" + part
                        + "' is not a MaxCompute name (a letter, then letters, digits or _, at most 128)");
            }
        }
        return new TunnelTarget(
                parts[0].toLowerCase(Locale.ROOT),
                parts.length == 1 ? null : parts[1].toLowerCase(Locale.ROOT),
                table,
                partitionKeys,
                partitionValues);
    }

    /** The whole of a table without partitions, in a Lakeport destination database (see {@link #inDatabase}). */
    public static TunnelTarget tableInDatabase(String database, String table) {
        return inDatabase(database, table, List.of(), List.of());
    }

    /** The schema, empty for a project without schemas. */
    public Optional<String> schemaName() {
        return Optional.ofNullable(schema);
    }

    /** The Lakeport database: {@code project} or {@code project.schema}. */
    public String database() {
        return schema == null ? project : project + "." + schema;
    }

    public boolean isPartition() {
        return !partitionKeys.isEmpty();
    }

    /** {@code project.table}, or {@code project.schema.table} in a schema, as reports name it. */
    public String qualifiedTable() {
        return qualified(project, schema, table);
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

    private static String qualified(String project, String schema, String table) {
        return schema == null ? project + "." + table : project + "." + schema + "." + table;
    }

    @Override
    public String toString() {
        return isPartition() ? qualifiedTable() + " partition " + partitionName() : qualifiedTable();
    }
}
