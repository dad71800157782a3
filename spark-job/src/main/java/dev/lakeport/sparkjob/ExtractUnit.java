package dev.lakeport.sparkjob;

import java.io.Serial;
import java.io.Serializable;

/**
 * One extract task: a Glue segment of a source table's partitions ({@code source}), or all partitions of a
 * destination table. {@code table} is the table as read ({@link dev.lakeport.snapshot.ObjectBytes}), {@code mappedTable}
 * the source table in destination form, against which mapped partitions are encoded.
 */
record ExtractUnit(boolean source, String tableSortKey, byte[] table, byte[] mappedTable, int segment, int segments)
        implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
}
