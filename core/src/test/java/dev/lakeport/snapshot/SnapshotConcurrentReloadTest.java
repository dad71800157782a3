package dev.lakeport.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.model.ObjectKind;
import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Reloads replace each table's partitions on several threads while finished tables hand their old partition sets to
 * the garbage collector. No reload may lose the partitions a table points at, however the threads interleave.
 */
class SnapshotConcurrentReloadTest {

    @Test
    void parallelReloadsKeepEveryTablesPartitions() throws Exception {
        List<Table> tables = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            tables.add(TestingCatalog.table(i % 2 == 0 ? "sales" : "web", "t" + i));
        }
        Map<String, Long> expected = new HashMap<>();
        try (SnapshotStore store = SnapshotStore.inMemory("concurrent-reload")) {
            for (int generation = 0; generation < 6; generation++) {
                try (SnapshotWriter writer =
                        store.beginLoad(Side.SOURCE, TestingLoader.ORIGIN, UnaryOperator.identity(), "identity")) {
                    writer.putDatabase(TestingCatalog.database("sales"));
                    writer.putDatabase(TestingCatalog.database("web"));
                    tables.forEach(writer::putTable);
                    ExecutorService pool = Executors.newFixedThreadPool(4);
                    try {
                        List<Future<?>> futures = new ArrayList<>();
                        for (int i = 0; i < tables.size(); i++) {
                            Table table = tables.get(i);
                            int n = 20 + (i * 7 + generation * 3) % 50;
                            expected.put(table.name(), (long) n);
                            futures.add(pool.submit(
                                    () -> writer.replacePartitions(table, TestingCatalog.partitions(table, n))));
                        }
                        for (Future<?> f : futures) {
                            f.get();
                        }
                    } finally {
                        pool.shutdown();
                    }
                    writer.finish();
                }
                long total =
                        expected.values().stream().mapToLong(Long::longValue).sum();
                long scanned = 0;
                Map<String, Long> perTable = new HashMap<>();
                try (CloseableIterator<ScanEntry> it = store.scan(Side.SOURCE)) {
                    while (it.hasNext()) {
                        ScanEntry e = it.next();
                        if (e.key().kind() == ObjectKind.PARTITION) {
                            scanned++;
                            perTable.merge(e.key().requireName(), 1L, Long::sum);
                        }
                    }
                }
                assertThat(perTable).as("generation %d", generation).isEqualTo(expected);
                assertThat(scanned).isEqualTo(total);
                assertThat(store.count(Side.SOURCE, ObjectKind.PARTITION)).isEqualTo(total);
                Table sample = tables.get(generation);
                List<Partition> page = store.partitions(Side.SOURCE, sample.databaseName(), sample.name(), 0, 1000);
                assertThat(page).hasSize(expected.get(sample.name()).intValue());
            }
        }
    }
}
