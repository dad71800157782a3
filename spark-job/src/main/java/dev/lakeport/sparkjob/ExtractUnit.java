package dev.lakeport.sparkjob;

import java.io.Serial;
import java.io.Serializable;

/**
 * One extract task: split {@code split} of {@code splits} of a table's partitions, at the source ({@code source}) or
 * the destination; a reader without splits has one unit per table. {@code table} is the table as read ({@link dev.lakeport.snapshot.ObjectBytes}), {@code mappedTable}
 * the source table in destination form, against which mapped partitions are encoded.
 */
record ExtractUnit(boolean source, String tableSortKey, byte[] table, byte[] mappedTable, int split, int splits)
        implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
}
