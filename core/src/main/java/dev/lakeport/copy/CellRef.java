package dev.lakeport.copy;

import static java.util.Objects.requireNonNull;

/**
 * Where a value goes: the destination table ({@code project.table}), the partition (its spec such as
 * {@code ds=2024-01-01,hh=02}, or empty for a table without partitions) and the column, with the path inside a
 * complex column ({@code attrs[2].x}) when the value is an element.
 */
public record CellRef(String table, String partition, String column) {
    public CellRef {
        requireNonNull(table, "table is null");
        requireNonNull(partition, "partition is null");
        requireNonNull(column, "column is null");
    }

    CellRef element(String suffix) {
        return new CellRef(table, partition, column + suffix);
    }

    @Override
    public String toString() {
        return "table " + table + (partition.isEmpty() ? "" : ", partition " + partition) + ", column " + column;
    }
}
