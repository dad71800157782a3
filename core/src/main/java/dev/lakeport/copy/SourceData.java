package dev.lakeport.copy;

import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * A source table's data as a copy reads it: its rows, and a count of them made apart from the reading, so that rows the
 * reader drops are caught by the verification instead of agreeing with themselves.
 */
public interface SourceData {

    /**
     * The rows of one partition, or of the whole of a table without partitions: the table's columns in order, then its
     * partition keys. The table and partition are in the source's own form (locations as the source has them). Close
     * the stream.
     */
    Stream<Object[]> rows(Table table, Optional<Partition> partition);

    /** The rows of the same partition (or table) counted without {@link #rows}'s reading. */
    long count(Table table, Optional<Partition> partition);

    /** How {@link #count} counts, for the task's log: "a scan of the files (Parquet and ORC footers, records)". */
    String countedBy();

    /**
     * Rows read by {@code rows}, counted and described by {@code counted}: a reader wrapped around another (one that
     * filters, slows or watches what it reads) keeps the other's separate count, so that rows the wrapper loses are
     * still caught by the verification.
     */
    static SourceData readBy(SourceData counted, BiFunction<Table, Optional<Partition>, Stream<Object[]>> rows) {
        return new SourceData() {
            @Override
            public Stream<Object[]> rows(Table table, Optional<Partition> partition) {
                return rows.apply(table, partition);
            }

            @Override
            public long count(Table table, Optional<Partition> partition) {
                return counted.count(table, partition);
            }

            @Override
            public String countedBy() {
                return counted.countedBy();
            }
        };
    }
}
