package dev.lakeport.localcopy;

import dev.lakeport.model.Partition;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The number of rows of a table or partition at the source, counted by a scan of its files separate from any copy, and
 * independent of the writer's own counter. Parquet and ORC: the row counts in each file's footer (written by the
 * file's writer when it closed the file, and what Hive's and Spark's {@code COUNT(*)} answer from on these formats);
 * Avro: the record counts of the file's blocks; text, CSV and JSON: the records in the file, header lines left out.
 */
public final class SourceCount {
    private final TableFiles table;

    private SourceCount(TableFiles table) {
        this.table = table;
    }

    public static SourceCount of(TableFiles table) {
        return new SourceCount(table);
    }

    /** The rows of the whole table (all partitions' for a partitioned table). */
    public long count() {
        return sum(table.reader(table.storage()), table.files());
    }

    /** The rows of one partition. */
    public long count(Partition partition) {
        return sum(table.reader(table.partitionStorage(partition)), table.files(partition));
    }

    private long sum(FormatReader reader, List<Path> files) {
        long n = 0;
        for (Path f : files) {
            try {
                n += reader.count(f);
            } catch (IOException | RuntimeException | LinkageError e) {
                if (e instanceof UnreadableTableException u) {
                    throw u;
                }
                throw new UnreadableTableException(
                        "Table " + table.tableName() + ": cannot count the rows of " + f + ": " + e.getMessage(), e);
            }
        }
        return n;
    }
}
