package dev.lakeport.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.model.CatalogObject;
import dev.lakeport.model.Database;
import dev.lakeport.model.Function;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The diff merges two scans, so a scan must come back in exactly {@link ObjectKey} order, whatever the names. */
class SnapshotScanOrderTest {
    /** Prefixes of each other, a space and '_' (below and above letters), Latin-1, the BMP's end, and a clef (U+1D11E, a surrogate pair that sorts below U+FFFF in UTF-16). */
    private static final List<String> NAMES =
            List.of("a", "ab", "a b", "a_", "a0", "b", "é", "\uffff", "\ud834\udd1e", "z\ud834\udd1e", "z\uffff", "");

    @Test
    void scanOrderIsObjectKeyOrderForTrickyKeys() {
        List<ObjectKey> expected = new ArrayList<>();
        try (SnapshotStore store = SnapshotStore.inMemory("order-" + UUID.randomUUID())) {
            store.setPartitionRunSize(50);
            try (SnapshotWriter writer = store.beginLoad(
                    Side.SOURCE, LoadOrigin.of("glue", "local", null), UnaryOperator.identity(), "none")) {
                for (String dbName : List.of("d", "d b", "d_", "dé", "d\ud834\udd1e", "d\uffff")) {
                    Database db = Database.of(dbName);
                    writer.putDatabase(db);
                    expected.add(db.key());
                    for (String name : List.of("t", "t2", "t b", "t_", "tb", "t\uffff", "t\ud834\udd1e")) {
                        Table table = TestingCatalog.table(dbName, name);
                        List<Partition> partitions = trickyPartitions(table);
                        Collections.shuffle(partitions, new Random(name.hashCode()));
                        writer.replacePartitions(table, partitions.iterator());
                        expected.add(table.key());
                        partitions.forEach(p -> expected.add(p.key()));
                    }
                    for (String name : List.of("f", "f2", "f_", "f\uffff", "f\ud834\udd1e")) {
                        Function f = TestingCatalog.function(dbName, name);
                        writer.putFunction(f);
                        expected.add(f.key());
                    }
                }
                writer.finish();
            }
            Collections.sort(expected);
            List<ObjectKey> scanned = new ArrayList<>();
            try (CloseableIterator<ScanEntry> scan = store.scan(Side.SOURCE)) {
                scan.forEachRemaining(e -> scanned.add(e.key()));
            }
            assertThat(scanned).hasSize(expected.size()).isEqualTo(expected);
        }
    }

    /** Two-level values from the tricky names, including one-value partitions that are prefixes of two-value ones. */
    private static List<Partition> trickyPartitions(Table table) {
        List<Partition> partitions = new ArrayList<>();
        for (String first : NAMES) {
            partitions.add(partition(table, List.of(first)));
            for (String second : NAMES) {
                partitions.add(partition(table, List.of(first, second)));
            }
        }
        return partitions;
    }

    private static Partition partition(Table table, List<String> values) {
        return new Partition(
                table.databaseName(),
                table.name(),
                values,
                table.storageDescriptor().map(sd -> sd.withLocation("s3://lake/" + String.join("/", values))),
                Map.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    @Test
    void unsortedInputMergedFromManyRunsScansInOrderAndReadsBack() {
        try (SnapshotStore store = SnapshotStore.inMemory("runs-" + UUID.randomUUID())) {
            store.setPartitionRunSize(333);
            Table table = TestingCatalog.table("db", "t");
            List<Partition> partitions = new ArrayList<>();
            TestingCatalog.partitions(table, 5_000).forEachRemaining(partitions::add);
            Collections.shuffle(partitions, new Random(7));
            try (SnapshotWriter writer = store.beginLoad(Side.DESTINATION, LoadOrigin.of("dlf", "local", null))) {
                assertThat(writer.replacePartitions(table, partitions.iterator()))
                        .isEqualTo(5_000);
                writer.finish();
            }
            List<CatalogObject> sorted = new ArrayList<>(partitions);
            sorted.sort((a, b) -> a.key().compareTo(b.key()));
            List<ObjectKey> scanned = new ArrayList<>();
            try (CloseableIterator<ScanEntry> scan = store.scan(Side.DESTINATION)) {
                scan.forEachRemaining(e -> scanned.add(e.key()));
            }
            assertThat(scanned.subList(1, scanned.size()))
                    .isEqualTo(sorted.stream().map(CatalogObject::key).toList());
            assertThat(store.partitions(Side.DESTINATION, "db", "t", 4_990, 100))
                    .isEqualTo(sorted.subList(4_990, 5_000));
        }
    }
}
