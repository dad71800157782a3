package dev.lakeport.sparkjob;

import dev.lakeport.connector.CatalogReader;
import dev.lakeport.connector.SplittableReader;
import dev.lakeport.model.CatalogObject;
import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import dev.lakeport.pipeline.ScopeAdapter;
import dev.lakeport.snapshot.ObjectBytes;
import dev.lakeport.snapshot.PartitionFingerprinter;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.spark.TaskContext;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple2;

/**
 * The extract phase on an executor: one task reads one split of a table's partitions (a {@link SplittableReader}'s
 * split, or the whole table from a reader without splits), and emits each partition under its sort key with the
 * fingerprint of its destination form, exactly as a direct load stores it in the snapshot: source partitions are
 * mapped by the route's mapping and fingerprinted, destination partitions fingerprinted as read; the scope's partition
 * filter is pushed down to the source where it can evaluate it and applied here on both sides ({@link ScopeAdapter}). The listing streams: a page at a
 * time goes to the shuffle.
 */
final class Extract {
    private Extract() {}

    /**
     * How many parts each source table's partitions are read in: the configured number, within what the source reader
     * allows; one for a reader that cannot split a listing.
     */
    static int splits(CatalogReader source, int configured) {
        if (source instanceof SplittableReader splittable) {
            return Math.max(1, Math.min(configured, splittable.maxSplits()));
        }
        return 1;
    }

    /**
     * The unit's split of the table's partitions from a reader that can split a listing, else the whole listing (a
     * unit of a reader without splits is its table's only one).
     */
    static Stream<Partition> read(CatalogReader reader, Table table, Optional<String> expression, ExtractUnit unit) {
        if (reader instanceof SplittableReader splittable) {
            return splittable.partitions(table, expression, unit.split(), unit.splits());
        }
        if (unit.splits() != 1) {
            throw new IllegalStateException("a reader without splits was given split " + unit.split() + " of "
                    + unit.splits() + " of " + table.key());
        }
        return reader.partitions(table, expression);
    }

    static Iterator<Tuple2<String, SideRecord>> read(JobSettings settings, ExtractUnit unit, LongAccumulator read) {
        Catalogs catalogs = Catalogs.of(settings);
        Table table = (Table) ObjectBytes.decode(unit.table());
        ScopeAdapter scope = new ScopeAdapter(catalogs.scope(), unit.source());
        Optional<Predicate<List<String>>> predicate = scope.partitionPredicate(table);
        Stream<Partition> stream = unit.source()
                ? read(catalogs.sourceReader(), table, scope.partitionExpression(table), unit)
                : read(catalogs.destinationReader(), table, Optional.empty(), unit);
        TaskContext context = TaskContext.get();
        if (context != null) {
            context.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) c -> stream.close());
        }
        Stream<Partition> filtered =
                predicate.map(p -> stream.filter(part -> p.test(part.values()))).orElse(stream);
        PartitionFingerprinter fingerprints = new PartitionFingerprinter();
        Table mappedTable = unit.source() ? (Table) ObjectBytes.decode(unit.mappedTable()) : null;
        Iterator<Partition> partitions = filtered.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return partitions.hasNext();
            }

            @Override
            public Tuple2<String, SideRecord> next() {
                Partition p = partitions.next();
                read.add(1);
                String key = p.key().sortKey();
                if (!unit.source()) {
                    return new Tuple2<>(key, new SideRecord(false, fingerprints.of(p), null));
                }
                CatalogObject mapped = catalogs.mapping().apply(p);
                Partition mp = (Partition) mapped;
                return new Tuple2<>(
                        key, new SideRecord(true, fingerprints.of(mp), ObjectBytes.encodePartition(mp, mappedTable)));
            }
        };
    }
}
