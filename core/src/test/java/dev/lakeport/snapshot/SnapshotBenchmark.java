package dev.lakeport.snapshot;

import dev.lakeport.model.Table;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Prints import rate, file sizes, scan time and heap for N partitions of one sample-like table. Not a test: run with
 * {@code java -cp ... dev.lakeport.snapshot.SnapshotBenchmark [partitions...] [--runs=3] [--tables=1]}; with
 * {@code --tables=N} the partitions are spread over N tables (many small tables cost more per partition).
 */
public final class SnapshotBenchmark {
    private SnapshotBenchmark() {}

    public static void main(String[] args) throws IOException {
        List<Integer> sizes = new ArrayList<>();
        int runs = 3;
        int tables = 1;
        for (String a : args) {
            if (a.startsWith("--runs=")) {
                runs = Integer.parseInt(a.substring(7));
            } else if (a.startsWith("--tables=")) {
                tables = Integer.parseInt(a.substring(9));
            } else {
                sizes.add(Integer.parseInt(a.replace("_", "")));
            }
        }
        if (sizes.isEmpty()) {
            sizes = List.of(100_000, 1_000_000);
        }
        for (int n : sizes) {
            List<double[]> results = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                results.add(run(n, tables));
            }
            System.out.printf(
                    "n=%,d in %,d table(s), medians of %d: import %,.0f rows/s, loaded file %,.1f MB, compacted %,.1f MB,"
                            + " scan %.2f s (%,.0f rows/s), page of 100 at the end %.1f ms, live heap mid-scan %,.0f MB,"
                            + " %,.0f rows per CPU-s%n",
                    n,
                    tables,
                    runs,
                    median(results, 0),
                    median(results, 1),
                    median(results, 2),
                    median(results, 3),
                    n / median(results, 3),
                    median(results, 4),
                    median(results, 5),
                    median(results, 6));
        }
    }

    private static double[] run(int n, int tables) throws IOException {
        Path dir = Files.createTempDirectory("snapshot-bench");
        Path file = dir.resolve("bench.mv.db");
        Table table = TestingCatalog.table("sales", "orders");
        double rate;
        double loaded;
        double scanSeconds;
        double pageMillis;
        double heap;
        double cpuSeconds;
        double closeSeconds;
        double liveAfterImport;
        System.gc();
        try (SnapshotStore store = SnapshotStore.open(file)) {
            SnapshotWriter writer = store.beginLoad(
                    Side.SOURCE, LoadOrigin.of("glue", "glue.us-east-1", null), TestingCatalog.s3ToOss("lake"), "m1");
            writer.putDatabase(TestingCatalog.database("sales"));
            long start = System.nanoTime();
            long cpuStart = processCpuNanos();
            long count = 0;
            for (int t = 0; t < tables; t++) {
                Table each = tables == 1 ? table : TestingCatalog.table("sales", "orders_" + t);
                count += writer.replacePartitions(each, TestingCatalog.partitions(each, n / tables));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
            rate = count / seconds;
            writer.finish();
            // What a load leaves on disk before the compaction on close.
            try (Connection c = store.dataSource().getConnection();
                    Statement s = c.createStatement()) {
                s.execute("CHECKPOINT");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            loaded = Files.size(file) / 1e6;
            liveAfterImport = liveHeapMb();
            start = System.nanoTime();
            long rows = 0;
            long gcNanos = 0;
            double liveMidScan = 0;
            try (CloseableIterator<ScanEntry> scan = store.scan(Side.SOURCE)) {
                while (scan.hasNext()) {
                    scan.next();
                    if (++rows == count / 2) {
                        // The heap a scan needs: what is live halfway through, after a full collection.
                        long gcStart = System.nanoTime();
                        liveMidScan = liveHeapMb();
                        gcNanos = System.nanoTime() - gcStart;
                    }
                }
            }
            scanSeconds = (System.nanoTime() - start - gcNanos) / 1e9;
            heap = liveMidScan;
            if (rows != count + tables + 1) {
                throw new IllegalStateException("scanned " + rows + " rows, expected " + (count + tables + 1));
            }
            start = System.nanoTime();
            String name = tables == 1 ? "orders" : "orders_0";
            store.partitions(Side.SOURCE, "sales", name, Math.max(0, n / tables - 100), 100);
            store.partitions(Side.SOURCE, "sales", name, Optional.of(List.of("2000", "00")), 100);
            pageMillis = (System.nanoTime() - start) / 1e6 / 2;
            long closeStart = System.nanoTime();
            store.close();
            closeSeconds = (System.nanoTime() - closeStart) / 1e9;
        }
        double compacted = Files.size(file) / 1e6;
        System.out.printf(
                "  run n=%,d: %,.0f rows/s, import used %.1f CPU-s (%,.0f rows per CPU-s), %,.1f MB -> %,.1f MB,"
                        + " close+compact %.1f s, scan %.2f s, page %.1f ms, live heap after import %,.0f MB,"
                        + " mid-scan %,.0f MB, load average %.1f%n",
                n,
                rate,
                cpuSeconds,
                n / cpuSeconds,
                loaded,
                compacted,
                closeSeconds,
                scanSeconds,
                pageMillis,
                liveAfterImport,
                heap,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(f -> f.toFile().delete());
        }
        Files.delete(dir);
        return new double[] {rate, loaded, compacted, scanSeconds, pageMillis, heap, n / cpuSeconds};
    }

    private static double liveHeapMb() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return (rt.totalMemory() - rt.freeMemory()) / 1e6;
    }

    /** CPU time of the whole process: on a shared machine, rows per CPU-second tell more than rows per second. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double median(List<double[]> results, int column) {
        List<Double> values = new ArrayList<>();
        for (double[] r : results) {
            values.add(r[column]);
        }
        Collections.sort(values);
        return values.get(values.size() / 2);
    }
}
