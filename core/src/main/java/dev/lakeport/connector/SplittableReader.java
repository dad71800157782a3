package dev.lakeport.connector;

import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A reader whose catalog can split a table's partition listing into disjoint parts that separate machines read
 * independently (Glue's {@code GetPartitions} segments). The Spark job reads the splits of a table in parallel tasks;
 * a reader without this capability has each table's partitions read by one task.
 */
public interface SplittableReader extends CatalogReader {

    /** The largest number of splits the catalog accepts for one table. */
    int maxSplits();

    /**
     * Split {@code split} of {@code splits} of a table's partitions, paged on the caller's thread. The splits
     * {@code 0..splits-1} of a table together hold each partition (matching {@code expression}, in the grammar of
     * {@link CatalogReader#partitions(Table, Optional)}) exactly once. With one split this is the whole listing.
     *
     * @throws IllegalArgumentException if {@code splits} is not in {@code 1..maxSplits()} or {@code split} not in
     *     {@code 0..splits-1}
     */
    Stream<Partition> partitions(Table table, Optional<String> expression, int split, int splits);
}
