package dev.lakeport.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeport.canonical.Fingerprint;
import dev.lakeport.model.CatalogObject;
import dev.lakeport.model.Database;
import dev.lakeport.model.Function;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SnapshotLoadTest {
    private static final UnaryOperator<CatalogObject> MAPPING = TestingCatalog.s3ToOss("oss-lake");
    private static final TestingLoader.Catalog CATALOG = TestingLoader.Catalog.sample(4, 900);

    @TempDir
    Path dir;

    private List<String> uninterrupted() {
        try (SnapshotStore store = SnapshotStore.inMemory("reference-" + UUID.randomUUID())) {
            TestingLoader.load(store, Side.SOURCE, CATALOG, MAPPING, Long.MAX_VALUE);
            return TestingLoader.dump(store, Side.SOURCE);
        }
    }

    /**
     * Kill points: before any partition, inside the first run, mid-table after committed runs, at a table's end, before
     * finish. The process "dies" there: the test copies the file as the disk holds it at that moment and resumes on the
     * copy.
     */
    @ParameterizedTest
    @ValueSource(longs = {0, 150, 1_350, 1_801, 2_500, 3_606})
    void aKilledLoadResumedEndsWithExactlyTheContentsOfAnUninterruptedOne(long killAfter) throws Exception {
        Path file = dir.resolve("project.mv.db");
        Path crashed = dir.resolve("crashed.mv.db");
        try (SnapshotStore first = SnapshotStore.open(file)) {
            first.setPartitionRunSize(400);
            // An earlier, complete load whose leftovers the new load must replace or remove.
            TestingLoader.load(first, Side.SOURCE, TestingLoader.Catalog.sample(5, 300), MAPPING, Long.MAX_VALUE);
            assertThatThrownBy(() -> TestingLoader.load(first, Side.SOURCE, CATALOG, MAPPING, killAfter))
                    .isInstanceOf(TestingLoader.Killed.class);
            // Commits older than H2's write delay are on disk when a process dies; the checkpoint stands for that.
            try (Connection c = first.dataSource().getConnection();
                    Statement s = c.createStatement()) {
                s.execute("CHECKPOINT");
            }
            Files.copy(file, crashed);
        }
        try (SnapshotStore second = SnapshotStore.open(crashed)) {
            assertThat(second.loadInfo(Side.SOURCE).orElseThrow().complete()).isFalse();
            TestingLoader.load(second, Side.SOURCE, CATALOG, MAPPING, Long.MAX_VALUE);
            assertSameContents(TestingLoader.dump(second, Side.SOURCE), uninterrupted());
            assertThat(second.loadInfo(Side.SOURCE).orElseThrow().complete()).isTrue();
            assertThat(TestingLoader.rows(second, "snapshot_garbage")).isZero();
        }
        try (SnapshotStore reopened = SnapshotStore.open(crashed)) {
            assertSameContents(TestingLoader.dump(reopened, Side.SOURCE), uninterrupted());
        }
    }

    /** A load stopped by an error (not a kill) and run again reads only the tables it had not completed. */
    @ParameterizedTest
    @ValueSource(longs = {1_350, 1_801, 3_606})
    void aStoppedLoadRunAgainSkipsTablesAlreadyComplete(long stopAfter) {
        Path file = dir.resolve("project.mv.db");
        try (SnapshotStore store = SnapshotStore.open(file)) {
            store.setPartitionRunSize(400);
            assertThatThrownBy(() -> TestingLoader.load(store, Side.SOURCE, CATALOG, MAPPING, stopAfter))
                    .isInstanceOf(TestingLoader.Killed.class);
        }
        long completed = 0;
        long total = 0;
        for (List<Partition> partitions : CATALOG.tables().values()) {
            total += partitions.size();
            if (total <= stopAfter) {
                completed = total;
            }
        }
        try (SnapshotStore store = SnapshotStore.open(file)) {
            assertThat(TestingLoader.load(store, Side.SOURCE, CATALOG, MAPPING, Long.MAX_VALUE))
                    .isEqualTo(total - completed);
            assertSameContents(TestingLoader.dump(store, Side.SOURCE), uninterrupted());
        }
    }

    /**
     * A load stopped mid-way, then the catalog loses a database and a table that the stopped load had completed: the
     * resumed load keeps only what it listed again, so the snapshot equals a fresh load of the catalog as it is now.
     */
    @Test
    void aResumedLoadKeepsOnlyWhatItListedAgain() {
        TestingLoader.Catalog before = TestingLoader.Catalog.sample(6, 300);
        long firstTables = 0;
        long stopAfter = 0;
        for (List<Partition> partitions : before.tables().values()) {
            if (++firstTables > 3) {
                break;
            }
            stopAfter += partitions.size(); // the first three tables complete, the fourth is cut short
        }
        stopAfter += 10;
        Map<Table, List<Partition>> tables = new LinkedHashMap<>(before.tables());
        Table goneTable = tables.keySet().iterator().next(); // sales.t0, completed before the stop
        tables.remove(goneTable);
        tables.keySet().removeIf(t -> t.databaseName().equals("web")); // web and its tables, some completed
        TestingLoader.Catalog after = new TestingLoader.Catalog(
                before.databases().subList(0, 1), tables, before.functions().subList(0, 1));
        List<String> expected;
        try (SnapshotStore fresh = SnapshotStore.inMemory("fresh-" + UUID.randomUUID())) {
            TestingLoader.load(fresh, Side.DESTINATION, after, MAPPING, Long.MAX_VALUE);
            expected = TestingLoader.dump(fresh, Side.DESTINATION);
        }
        try (SnapshotStore store = SnapshotStore.inMemory("resume-" + UUID.randomUUID())) {
            long stop = stopAfter;
            assertThatThrownBy(() -> TestingLoader.load(store, Side.DESTINATION, before, MAPPING, stop))
                    .isInstanceOf(TestingLoader.Killed.class);
            assertThat(store.get(Side.DESTINATION, goneTable.key())).isPresent();

            TestingLoader.load(store, Side.DESTINATION, after, MAPPING, Long.MAX_VALUE);

            assertThat(store.get(Side.DESTINATION, goneTable.key())).isEmpty();
            assertThat(store.get(Side.DESTINATION, ObjectKey.database("web"))).isEmpty();
            assertThat(store.countPartitions(Side.DESTINATION, goneTable.databaseName(), goneTable.name()))
                    .isZero();
            assertSameContents(TestingLoader.dump(store, Side.DESTINATION), expected);
        }
    }

    /** A table that changed while its load was stopped has its partitions read again, not kept. */
    @Test
    void aResumedLoadReadsAgainTheTablesThatChanged() {
        TestingLoader.Catalog before = TestingLoader.Catalog.sample(2, 100);
        Table first = before.tables().keySet().iterator().next();
        long stopAfter = before.tables().get(first).size() + 5; // the first table completes
        Map<Table, List<Partition>> tables = new LinkedHashMap<>();
        before.tables()
                .forEach((t, ps) -> tables.put(
                        t.equals(first)
                                ? t.toBuilder()
                                        .description("changed while the load was stopped")
                                        .build()
                                : t,
                        t.equals(first) ? ps.subList(0, 50) : ps));
        TestingLoader.Catalog after = new TestingLoader.Catalog(before.databases(), tables, before.functions());
        try (SnapshotStore store = SnapshotStore.inMemory("changed-" + UUID.randomUUID())) {
            assertThatThrownBy(() -> TestingLoader.load(store, Side.DESTINATION, before, MAPPING, stopAfter))
                    .isInstanceOf(TestingLoader.Killed.class);
            TestingLoader.load(store, Side.DESTINATION, after, MAPPING, Long.MAX_VALUE);
            assertThat(store.countPartitions(Side.DESTINATION, first.databaseName(), first.name()))
                    .isEqualTo(50);
        }
    }

    private static void assertSameContents(List<String> actual, List<String> expected) {
        for (int i = 0; i < Math.min(actual.size(), expected.size()); i++) {
            assertThat(actual.get(i)).as("row " + i).isEqualTo(expected.get(i));
        }
        assertThat(actual.size()).isEqualTo(expected.size());
    }

    @Test
    void replacingATablesPartitionsLeavesNoneOfTheOldOnes() {
        try (SnapshotStore store = SnapshotStore.inMemory("replace-" + UUID.randomUUID())) {
            store.setPartitionRunSize(100);
            Table table = TestingCatalog.table("sales", "orders");
            List<Partition> old = new ArrayList<>();
            TestingCatalog.partitions(table, 1_000).forEachRemaining(old::add);
            List<Partition> fresh = old.subList(500, 1_000).stream()
                    .map(p -> p.withParameters(Map.of("numRows", "7")))
                    .toList();
            try (SnapshotWriter writer = store.beginLoad(Side.DESTINATION, TestingLoader.ORIGIN)) {
                writer.replacePartitions(table, old.iterator());
                long chunksBefore = TestingLoader.rows(store, "snapshot_chunk");
                writer.replacePartitions(table, fresh.iterator());
                assertThat(store.countPartitions(Side.DESTINATION, "sales", "orders"))
                        .isEqualTo(500);
                assertThat(store.get(Side.DESTINATION, old.get(0).key())).isEmpty();
                assertThat(store.get(Side.DESTINATION, fresh.get(0).key())).contains(fresh.get(0));
                assertThat(TestingLoader.rows(store, "snapshot_chunk")).isLessThan(chunksBefore);
                // A table that lost its partition keys loses its partitions.
                writer.putTable(TestingCatalog.unpartitioned("sales", "orders"));
                assertThat(store.countPartitions(Side.DESTINATION, "sales", "orders"))
                        .isZero();
                assertThat(TestingLoader.rows(store, "snapshot_chunk")).isZero();
            }
        }
    }

    @Test
    void objectsRemovedFromTheCatalogVanishOnReload() {
        TestingLoader.Catalog before = TestingLoader.Catalog.sample(4, 200);
        Map<Table, List<Partition>> tables = new LinkedHashMap<>(before.tables());
        Table dropped = tables.keySet().iterator().next();
        tables.remove(dropped);
        Map.Entry<Table, List<Partition>> shrunk = tables.entrySet().iterator().next();
        shrunk.setValue(shrunk.getValue().subList(1, shrunk.getValue().size()));
        TestingLoader.Catalog after = new TestingLoader.Catalog(
                before.databases().subList(0, 1).stream().toList(),
                tables,
                before.functions().subList(0, 1));
        // "web" tables remain though their database is gone: a catalog can list them, and the snapshot keeps what it
        // read.
        List<String> expected;
        try (SnapshotStore fresh = SnapshotStore.inMemory("fresh-" + UUID.randomUUID())) {
            TestingLoader.load(fresh, Side.SOURCE, after, MAPPING, Long.MAX_VALUE);
            expected = TestingLoader.dump(fresh, Side.SOURCE);
        }
        try (SnapshotStore store = SnapshotStore.inMemory("reload-" + UUID.randomUUID())) {
            TestingLoader.load(store, Side.SOURCE, before, MAPPING, Long.MAX_VALUE);
            TestingLoader.load(store, Side.SOURCE, after, MAPPING, Long.MAX_VALUE);
            assertThat(TestingLoader.dump(store, Side.SOURCE)).isEqualTo(expected);
            assertThat(store.get(Side.SOURCE, dropped.key())).isEmpty();
            assertThat(store.get(Side.SOURCE, Database.of("web").key())).isEmpty();
            assertThat(store.get(Side.SOURCE, ObjectKey.function("web", "hash")))
                    .isEmpty();
            assertThat(TestingLoader.rows(store, "snapshot_garbage")).isZero();
        }
    }

    @Test
    void ensureMappingRecomputesFingerprintsOnlyWhenTheMappingChanges() {
        AtomicLong calls = new AtomicLong();
        UnaryOperator<CatalogObject> counting = o -> {
            calls.incrementAndGet();
            return MAPPING.apply(o);
        };
        UnaryOperator<CatalogObject> other = TestingCatalog.s3ToOss("other-bucket");
        try (SnapshotStore store = SnapshotStore.inMemory("mapping-" + UUID.randomUUID())) {
            TestingLoader.Catalog catalog = TestingLoader.Catalog.sample(3, 400);
            TestingLoader.load(store, Side.SOURCE, catalog, MAPPING, Long.MAX_VALUE);
            long objects = TestingLoader.dump(store, Side.SOURCE).size();

            assertThat(store.ensureMapping(counting, "mapping-1", ProgressListener.NONE, CancellationToken.NONE))
                    .isFalse();
            assertThat(calls.get()).isZero();

            CancellationToken cancel = new CancellationToken();
            ProgressListener cancelAfterFirstPage = new ProgressListener() {
                @Override
                public void advance(long done, long failed) {
                    cancel.cancel();
                }
            };
            assertThatThrownBy(() -> store.ensureMapping(other, "mapping-2", cancelAfterFirstPage, cancel))
                    .isInstanceOf(CancellationException.class);
            assertThat(store.loadInfo(Side.SOURCE).orElseThrow().mappingId()).isEmpty();

            UnaryOperator<CatalogObject> countingOther = o -> {
                calls.incrementAndGet();
                return other.apply(o);
            };
            assertThat(store.ensureMapping(countingOther, "mapping-2", ProgressListener.NONE, CancellationToken.NONE))
                    .isTrue();
            assertThat(calls.get()).isEqualTo(objects);
            assertThat(store.loadInfo(Side.SOURCE).orElseThrow().mappingId()).contains("mapping-2");
            try (CloseableIterator<ScanEntry> scan = store.scan(Side.SOURCE)) {
                scan.forEachRemaining(e -> {
                    CatalogObject raw = store.getRaw(Side.SOURCE, e.key()).orElseThrow();
                    assertThat(e.fingerprint()).isEqualTo(Fingerprint.of(other.apply(raw)));
                    assertThat(store.get(Side.SOURCE, e.key())).contains(other.apply(raw));
                });
            }
            assertThat(store.ensureMapping(countingOther, "mapping-2", ProgressListener.NONE, CancellationToken.NONE))
                    .isFalse();
        }
    }

    @Test
    void severalThreadsLoadDifferentTablesAtOnce() throws Exception {
        try (SnapshotStore store = SnapshotStore.inMemory("threads-" + UUID.randomUUID())) {
            store.setPartitionRunSize(300);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Table> tables = new ArrayList<>();
            try (SnapshotWriter writer = store.beginLoad(Side.DESTINATION, TestingLoader.ORIGIN)) {
                writer.putDatabase(TestingCatalog.database("sales"));
                List<Future<Long>> done = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    Table table = TestingCatalog.table("sales", "t" + i);
                    tables.add(table);
                    int n = 1_000 + i * 100;
                    done.add(pool.submit(() -> {
                        writer.putFunction(TestingCatalog.function("sales", "f" + n));
                        return writer.replacePartitions(table, TestingCatalog.partitions(table, n));
                    }));
                }
                for (Future<Long> f : done) {
                    f.get();
                }
                writer.finish();
            } finally {
                pool.shutdown();
            }
            for (int i = 0; i < tables.size(); i++) {
                Table table = tables.get(i);
                assertThat(store.countPartitions(Side.DESTINATION, "sales", table.name()))
                        .isEqualTo(1_000 + i * 100);
                Partition p = TestingCatalog.partition(table, 999);
                assertThat(store.get(Side.DESTINATION, p.key())).contains(p);
            }
            assertThat(store.functions(Side.DESTINATION, "sales")).hasSize(8).allMatch(Function.class::isInstance);
            List<ObjectKey> keys = new ArrayList<>();
            try (CloseableIterator<ScanEntry> scan = store.scan(Side.DESTINATION)) {
                scan.forEachRemaining(e -> keys.add(e.key()));
            }
            assertThat(keys).isSorted().hasSize(1 + 8 + 8 + 8 * 1_000 + 2_800);
            assertThat(TestingLoader.rows(store, "snapshot_garbage")).isZero();
        }
    }
}
