package dev.lakeport.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeport.canonical.Fingerprint;
import dev.lakeport.model.CatalogObject;
import dev.lakeport.model.Database;
import dev.lakeport.model.Function;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.ObjectKind;
import dev.lakeport.model.Partition;
import dev.lakeport.model.StorageDescriptor;
import dev.lakeport.model.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SnapshotStoreTest {
    private static final UnaryOperator<CatalogObject> MAPPING = TestingCatalog.s3ToOss("oss-lake");
    private static final LoadOrigin GLUE =
            LoadOrigin.of("glue", "https://glue.us-east-1.amazonaws.com", "123456789012");

    private SnapshotStore store;
    private final Database db = TestingCatalog.database("Sales");
    private final Table orders = TestingCatalog.table("Sales", "Orders");
    private final Table rich = TestingCatalog.richTable("sales", "rich");
    private final Table plain = TestingCatalog.unpartitioned("sales", "plain");
    private final Function mask = TestingCatalog.function("sales", "mask");
    private final List<Partition> partitions = new ArrayList<>();

    @BeforeEach
    void load() {
        store = SnapshotStore.inMemory("store-" + UUID.randomUUID());
        for (int i = 0; i < 700; i++) {
            partitions.add(TestingCatalog.partition(orders, i));
        }
        StorageDescriptor other = TestingCatalog.sd("s3://elsewhere/x").toBuilder()
                .inputFormat("org.apache.hadoop.mapred.TextInputFormat")
                .build();
        // Partitions that do not follow the table's storage descriptor are stored in full.
        partitions.add(new Partition(
                "Sales",
                "Orders",
                List.of("2030-01-01", "00"),
                Optional.of(other),
                Map.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()));
        partitions.add(new Partition(
                "sales",
                "orders",
                List.of("2030-01-02", "00"),
                Optional.empty(),
                Map.of("a", "b"),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()));
        partitions.add(partitions
                .get(0)
                .withStorageDescriptor(orders.storageDescriptor().orElseThrow().toBuilder()
                        .location(null)
                        .build()));
        partitions.remove(0);
        try (SnapshotWriter writer = store.beginLoad(Side.SOURCE, GLUE, MAPPING, "m1")) {
            writer.putDatabase(db);
            writer.putTable(plain);
            writer.putFunction(mask);
            writer.replacePartitions(orders, partitions.stream());
            writer.replacePartitions(
                    rich, List.of(TestingCatalog.partition(rich, 1)).iterator());
            writer.finish();
        }
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void everyKindReadsBackAsItWasWritten() {
        assertThat(store.getRaw(Side.SOURCE, db.key())).contains(db);
        assertThat(store.getRaw(Side.SOURCE, orders.key())).contains(orders);
        assertThat(store.getRaw(Side.SOURCE, rich.key())).contains(rich);
        assertThat(store.getRaw(Side.SOURCE, plain.key())).contains(plain);
        assertThat(store.getRaw(Side.SOURCE, mask.key())).contains(mask);
        for (Partition p : partitions) {
            assertThat(store.getRaw(Side.SOURCE, p.key())).contains(p);
        }
        assertThat(store.getRaw(Side.SOURCE, ObjectKey.partition("sales", "orders", List.of("1999", "00"))))
                .isEmpty();
        assertThat(store.getRaw(Side.DESTINATION, db.key())).isEmpty();
    }

    @Test
    void sourceObjectsComeBackMappedAndFingerprintedInMappedForm() {
        Partition p = partitions.get(5);
        assertThat(store.get(Side.SOURCE, p.key())).contains(MAPPING.apply(p));
        assertThat(((Partition) store.get(Side.SOURCE, p.key()).orElseThrow())
                        .storageDescriptor()
                        .flatMap(StorageDescriptor::location))
                .hasValueSatisfying(location -> assertThat(location).startsWith("oss://oss-lake/"));

        Map<ObjectKey, Long> scanned = new HashMap<>();
        try (CloseableIterator<ScanEntry> scan = store.scan(Side.SOURCE)) {
            scan.forEachRemaining(e -> scanned.put(e.key(), e.fingerprint()));
        }
        List<CatalogObject> all = new ArrayList<>(List.of(db, orders, rich, plain, mask));
        all.addAll(partitions);
        all.add(TestingCatalog.partition(rich, 1));
        assertThat(scanned).hasSize(all.size());
        for (CatalogObject o : all) {
            assertThat(scanned.get(o.key())).as(o.key().toString()).isEqualTo(Fingerprint.of(MAPPING.apply(o)));
        }
    }

    @Test
    void getManyReturnsTheRequestedPartitionsOfOneTable() {
        List<List<String>> wanted = new ArrayList<>();
        for (int i = 300; i < 400; i++) {
            wanted.add(partitions.get(i).values());
        }
        wanted.add(List.of("no", "such"));
        Map<ObjectKey, Partition> found = store.getMany(Side.SOURCE, "SALES", "orders", wanted);
        assertThat(found).hasSize(100);
        assertThat(found.values())
                .containsExactlyElementsOf(partitions.subList(300, 400).stream()
                        .map(p -> (Partition) MAPPING.apply(p))
                        .toList());
        assertThat(store.getManyRaw(Side.SOURCE, "sales", "orders", wanted).values())
                .containsExactlyElementsOf(partitions.subList(300, 400));
    }

    @Test
    void browsingCountsPagesAndSearches() {
        assertThat(store.databases(Side.SOURCE)).containsExactly(new DatabaseSummary("sales", 3, 703, 1));
        assertThat(store.countTables(Side.SOURCE, "sales", "")).isEqualTo(3);
        assertThat(store.tables(Side.SOURCE, "sales", "", 0, 2))
                .extracting(t -> t.table().name())
                .containsExactly("Orders", "plain");
        assertThat(store.tables(Side.SOURCE, "sales", "", 2, 2))
                .extracting(t -> t.table().name())
                .containsExactly("rich");
        assertThat(store.tables(Side.SOURCE, "sales", "RDE", 0, 10))
                .singleElement()
                .satisfies(t -> {
                    assertThat(t.table()).isEqualTo(orders);
                    assertThat(t.partitionCount()).isEqualTo(702);
                    assertThat(t.partitionsComplete()).isTrue();
                });
        assertThat(store.countTables(Side.SOURCE, "sales", "%")).isZero();
        assertThat(store.functions(Side.SOURCE, "sales")).containsExactly(mask);

        List<Partition> sorted =
                partitions.stream().sorted((a, b) -> a.key().compareTo(b.key())).toList();
        assertThat(store.partitions(Side.SOURCE, "sales", "orders", 0, 10)).isEqualTo(sorted.subList(0, 10));
        assertThat(store.partitions(Side.SOURCE, "sales", "orders", 695, 10)).isEqualTo(sorted.subList(695, 702));
        assertThat(store.partitions(Side.SOURCE, "sales", "orders", 702, 10)).isEmpty();
        List<Partition> walked = new ArrayList<>();
        Optional<List<String>> after = Optional.empty();
        List<Partition> page;
        while (!(page = store.partitions(Side.SOURCE, "sales", "orders", after, 64)).isEmpty()) {
            walked.addAll(page);
            after = Optional.of(page.get(page.size() - 1).values());
        }
        assertThat(walked).isEqualTo(sorted);

        assertThat(store.countPartitions(Side.SOURCE, "sales", "orders")).isEqualTo(702);
        assertThat(store.countPartitions(
                        Side.SOURCE, "sales", "orders", v -> v.get(1).equals("00")))
                .isEqualTo(partitions.stream()
                        .filter(p -> p.values().get(1).equals("00"))
                        .count());
        assertThat(store.count(Side.SOURCE, ObjectKind.PARTITION)).isEqualTo(703);
    }

    @Test
    void loadInfoSaysWhereFromAndWhatWithoutCredentials() {
        LoadInfo info = store.loadInfo(Side.SOURCE).orElseThrow();
        assertThat(info.complete()).isTrue();
        assertThat(info.origin()).isEqualTo(GLUE);
        assertThat(info.mappingId()).contains("m1");
        assertThat(info.finishedAt()).isPresent();
        assertThat(List.of(info.databases(), info.tables(), info.partitions(), info.functions()))
                .containsExactly(1L, 3L, 703L, 1L);
        assertThat(store.loadInfo(Side.DESTINATION)).isEmpty();
        assertThat(LoadOrigin.of("dlf", "https://user:secret@dlf.cn-hangzhou.aliyuncs.com", null)
                        .endpoint())
                .isEqualTo("https://dlf.cn-hangzhou.aliyuncs.com");
    }

    @Test
    void aPartitionOfAnotherTableOrTwiceTheSameIsRefused() {
        try (SnapshotWriter writer = store.beginLoad(Side.DESTINATION, GLUE)) {
            assertThatThrownBy(() -> writer.replacePartitions(
                            orders, List.of(TestingCatalog.partition(rich, 1)).iterator()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("does not belong");
            Partition p = TestingCatalog.partition(orders, 1);
            assertThatThrownBy(
                            () -> writer.replacePartitions(orders, List.of(p, p).iterator()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("two partitions");
            assertThat(store.countPartitions(Side.DESTINATION, "sales", "orders"))
                    .isZero();
        }
    }

    @Test
    void getOfSourceNeedsTheMappingAfterReopening() {
        SnapshotStore other = SnapshotStore.inMemory("other-" + UUID.randomUUID());
        try (other) {
            assertThatThrownBy(() -> other.get(Side.SOURCE, db.key()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("ensureMapping");
            assertThat(other.get(Side.DESTINATION, db.key())).isEmpty();
        }
    }

    /** The result log of a run names partitions by the keys of their tables in the snapshot. */
    @Test
    void itemNamesNamePartitionsByTheirTablesKeys() {
        Partition p = partitions.get(5);
        assertThat(store.itemNames().of(p.key()))
                .isEqualTo("sales.orders/dt=" + p.values().get(0) + "/hour="
                        + p.values().get(1));
        assertThat(store.itemNames().of(ObjectKey.partition("sales", "missing", List.of("a/b"))))
                .isEqualTo("sales.missing/a%2Fb");
    }
}
