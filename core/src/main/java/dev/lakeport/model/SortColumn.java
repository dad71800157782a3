package dev.lakeport.model;

import static java.util.Objects.requireNonNull;

/** A sort column; {@code order} follows Hive: 1 = ascending, 0 = descending. */
public record SortColumn(String column, int order) {
    public SortColumn {
        requireNonNull(column, "column is null");
    }
}
