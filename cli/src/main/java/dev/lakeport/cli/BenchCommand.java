package dev.lakeport.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakeport.config.MigrationConfig;
import dev.lakeport.config.MigrationConfigLoader;
import dev.lakeport.config.SampleProject;
import dev.lakeport.diff.DiffOptions;
import dev.lakeport.diff.DiffRun;
import dev.lakeport.diff.DiffStore;
import dev.lakeport.emulator.dlf.DlfEmulator;
import dev.lakeport.emulator.glue.GlueEmulator;
import dev.lakeport.emulator.sample.SampleCatalog;
import dev.lakeport.load.LoadSummary;
import dev.lakeport.mapping.CatalogMapping;
import dev.lakeport.model.Column;
import dev.lakeport.model.Partition;
import dev.lakeport.model.SerDeInfo;
import dev.lakeport.model.StorageDescriptor;
import dev.lakeport.model.Table;
import dev.lakeport.pipeline.ApplyOutcome;
import dev.lakeport.pipeline.ApplyRequest;
import dev.lakeport.pipeline.Migration;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import dev.lakeport.snapshot.LoadOrigin;
import dev.lakeport.snapshot.Side;
import dev.lakeport.snapshot.SnapshotStore;
import dev.lakeport.snapshot.SnapshotWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Prints the engine's figures: snapshot import rate, diff time and peak heap, and a first and an incremental
 * migration on the local emulators with latency per call. Medians over several runs; not a test.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Measure the engine and print the figures (medians over --runs):",
            "  import   snapshot import rate of N partitions",
            "  diff     diff of N vs N partitions with 1%% changed: time and peak heap",
            "  migrate  first migration of N partitions Glue -> DLF on the emulators (--latency-ms per call,"
                    + " --concurrency in flight), then the incremental run after 0.1%% changes",
            "  copy     data copy into MaxCompute on this computer (emulator in this process): rows/s for a narrow and"
                    + " a wide table of --rows rows (wide: a tenth) beside a plain read of the same files, partitions"
                    + " created per second, and a verification of 10,000 partitions (not part of the default set)",
            "For the heap target run with LAKEPORT_JAVA_OPTS=-Xmx512m."
        })
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--partitions",
            split = ",",
            description = "Catalog sizes (default: ${DEFAULT-VALUE}).",
            defaultValue = "100000,1000000")
    List<Integer> sizes;

    @Option(
            names = "--runs",
            description = "Runs per figure for import and diff (default: ${DEFAULT-VALUE}).",
            defaultValue = "3")
    int runs;

    @Option(names = "--only", split = ",", description = "Which benchmarks: ${COMPLETION-CANDIDATES} (default: all).")
    Set<Bench> only;

    @Option(
            names = "--latency-ms",
            description = "Emulator latency per call for 'migrate' (default: ${DEFAULT-VALUE}).",
            defaultValue = "50")
    long latencyMs;

    @Option(
            names = "--concurrency",
            description = "Calls in flight for 'migrate' (default: ${DEFAULT-VALUE}).",
            defaultValue = "32")
    int concurrency;

    @Option(
            names = "--rows",
            description = "Rows of the narrow table for 'copy' (default: ${DEFAULT-VALUE}).",
            defaultValue = "1000000")
    int rows;

    @Option(names = "--dir", description = "Scratch directory (default: a temporary one).")
    Path dir;

    enum Bench {
        IMPORT,
        DIFF,
        MIGRATE,
        COPY
    }

    private PrintWriter out;

    @Override
    public Integer call() throws Exception {
        out = spec.commandLine().getOut();
        Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("lakeport-bench");
        Set<Bench> which = only == null || only.isEmpty() ? Set.of(Bench.IMPORT, Bench.DIFF, Bench.MIGRATE) : only;
        out.printf(
                "Lakeport bench: %d cores, max heap %d MiB, Java %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, Runtime.version());
        if (which.contains(Bench.COPY)) {
            new CopyBench(out, work, runs).run(rows);
        }
        for (int n : which.equals(Set.of(Bench.COPY)) ? List.<Integer>of() : sizes) {
            if (which.contains(Bench.IMPORT)) {
                importBench(work, n);
            }
            if (which.contains(Bench.DIFF)) {
                diffBench(work, n);
            }
            if (which.contains(Bench.MIGRATE)) {
                migrateBench(work, n);
            }
        }
        out.flush();
        return ExitCode.OK;
    }

    private void importBench(Path work, int n) throws IOException {
        List<Double> rates = new ArrayList<>();
        List<Long> sizesMb = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            Path file = ProjectOptions.projectDatabaseFile(work.resolve("import-" + n + "-" + run + ".lakeport"));
            CatalogMapping mapping = MigrationConfigLoader.fromMap(benchSettings(), "bench")
                    .config()
                    .mapping();
            try (SnapshotStore store = SnapshotStore.open(file)) {
                Instant start = Instant.now();
                try (SnapshotWriter writer = store.beginLoad(Side.SOURCE, ORIGIN, mapping, mapping.mappingId())) {
                    writeTable(writer, n, UnaryOperator.identity(), -1);
                    writer.finish();
                }
                Duration d = Duration.between(start, Instant.now());
                rates.add(n / seconds(d));
            }
            sizesMb.add(Files.size(ProjectOptions.projectDatabaseFile(file)) >> 20);
            Files.deleteIfExists(ProjectOptions.projectDatabaseFile(file));
        }
        out.printf(
                "import   %,9d partitions: median %,.0f partitions/s (runs: %s); file after compaction %d MiB%n",
                n, median(rates), format(rates), sizesMb.get(0));
        out.flush();
    }

    private void diffBench(Path work, int n) throws IOException {
        Path file = ProjectOptions.projectDatabaseFile(work.resolve("diff-" + n + ".lakeport"));
        CatalogMapping mapping =
                MigrationConfigLoader.fromMap(benchSettings(), "bench").config().mapping();
        List<Double> times = new ArrayList<>();
        List<Long> heaps = new ArrayList<>();
        long entries = 0;
        try (SnapshotStore store = SnapshotStore.open(file)) {
            try (SnapshotWriter source = store.beginLoad(Side.SOURCE, ORIGIN, mapping, mapping.mappingId())) {
                writeTable(source, n, UnaryOperator.identity(), -1);
                source.finish();
            }
            try (SnapshotWriter destination = store.beginLoad(Side.DESTINATION, ORIGIN)) {
                // The destination holds the mapped source, with every 100th partition changed: 1% needUpdate.
                writeTable(destination, n, o -> (dev.lakeport.model.CatalogObject) mapping.apply(o), 100);
                destination.finish();
            }
            DiffStore diffs = new DiffStore(store.dataSource());
            for (int run = 0; run < runs; run++) {
                System.gc();
                ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
                Instant start = Instant.now();
                DiffRun result = diffs.diff(
                        store, DiffOptions.defaults(), "bench", ProgressListener.NONE, CancellationToken.NONE);
                times.add(seconds(Duration.between(start, Instant.now())));
                heaps.add(peakHeapMiB());
                entries = result.summary().total();
                diffs.deleteRun(result.runId());
            }
        }
        Files.deleteIfExists(ProjectOptions.projectDatabaseFile(file));
        out.printf(
                "diff     %,9d vs %,d partitions, %,d differences: median %.2f s (runs: %s); peak heap median %d MiB (runs: %s)%n",
                n, n, entries, median(times), format(times), medianLong(heaps), heaps);
        out.flush();
    }

    private void migrateBench(Path work, int n) throws Exception {
        List<Double> firsts = new ArrayList<>();
        List<Double> incrementals = new ArrayList<>();
        out.printf("migrate  %,d partitions, %d ms per call, %d calls in flight:%n", n, latencyMs, concurrency);
        for (int run = 0; run < runs; run++) {
            try (GlueEmulator glue = GlueEmulator.start();
                    DlfEmulator dlf = DlfEmulator.start()) {
                SampleCatalog.generate(
                        glue.store(), new SampleCatalog.Options(SampleProject.SEED, n, SampleProject.REGION));
                glue.faults().latency(Duration.ofMillis(latencyMs));
                dlf.faults().latency(Duration.ofMillis(latencyMs));
                Map<String, String> map = SampleProject.settings(
                        glue.endpoint().toString(),
                        dlf.endpoint(),
                        dlf.catalogId(),
                        work.resolve("results").toString());
                map.put("lakeport.concurrency", Integer.toString(concurrency));
                map.put("lakeport.glue.segments", "10");
                MigrationConfig config =
                        MigrationConfigLoader.fromMap(map, "bench").config();
                Path file = ProjectOptions.projectDatabaseFile(work.resolve("migrate-" + n + ".lakeport"));
                Files.deleteIfExists(file);
                try (Migration migration = Migration.open(config, file, new Properties())) {
                    firsts.add(pass(migration, "run " + (run + 1) + " first migration"));
                    long changed = changeSource(glue, 1000);
                    incrementals.add(
                            pass(migration, "run " + (run + 1) + " incremental after " + changed + " changes"));
                }
                Files.deleteIfExists(file);
            }
        }
        out.printf(
                "migrate  %,d partitions: first migration median %.1f s (runs: %s); incremental median %.1f s (runs: %s)%n",
                n, median(firsts), format(firsts), median(incrementals), format(incrementals));
        out.flush();
    }

    /** One load-diff-apply pass; returns its seconds. */
    private double pass(Migration migration, String label) {
        ApplyRequest request = new ApplyRequest(concurrency, 0, false, false, OptionalLong.empty());
        Instant start = Instant.now();
        Migration.BothLoads loads =
                migration.loadBoth(ProgressListener.NONE, ProgressListener.NONE, CancellationToken.NONE);
        LoadSummary source = loads.source();
        LoadSummary destination = loads.destination();
        Instant t2 = Instant.now();
        DiffRun diff = migration.diff(Set.of(), ProgressListener.NONE, CancellationToken.NONE);
        Instant t3 = Instant.now();
        ApplyOutcome outcome = migration.apply(diff.runId(), request, ProgressListener.NONE, CancellationToken.NONE);
        Instant t4 = Instant.now();
        double total = seconds(Duration.between(start, t4));
        out.printf(
                "  %-40s %6.1f s  (load both %.1f s [source %.1f s, destination %.1f s], diff %.1f s [%,d entries], apply %.1f s [%,d failed])%n",
                label,
                total,
                seconds(Duration.between(start, t2)),
                seconds(source.duration()),
                seconds(destination.duration()),
                seconds(Duration.between(t2, t3)),
                diff.summary().total(),
                seconds(Duration.between(t3, t4)),
                outcome.summary().totals().failed());
        if (!source.complete() || !destination.complete()) {
            out.printf("  (load incomplete: %s %s)%n", source.failures(), destination.failures());
        }
        out.flush();
        return total;
    }

    /** Changes one partition in every {@code every} at the source (a new parameter); returns how many. */
    private static long changeSource(GlueEmulator glue, int every) {
        long changed = 0;
        var store = glue.store();
        for (String db : store.databaseNames()) {
            for (String table : store.tableNames(db)) {
                List<ObjectNode> picked = new ArrayList<>();
                long[] i = {0};
                store.forEachPartition(db, table, p -> {
                    if (i[0]++ % every == every - 1) {
                        picked.add(p);
                    }
                });
                for (ObjectNode p : picked) {
                    ObjectNode copy = p.deepCopy();
                    copy.withObject("Parameters").put("lakeport.bench.changed", "true");
                    store.putPartition(db, table, copy);
                    changed++;
                }
            }
        }
        return changed;
    }

    private static final LoadOrigin ORIGIN = LoadOrigin.of("bench", "memory", null);

    private static final Table TABLE = Table.builder("bench", "events")
            .tableType("EXTERNAL_TABLE")
            .partitionKeys(List.of(Column.of("dt", "string"), Column.of("hr", "int")))
            .parameters(Map.of("classification", "parquet", "EXTERNAL", "TRUE"))
            .storageDescriptor(StorageDescriptor.builder()
                    .columns(List.of(
                            Column.of("event_id", "bigint"),
                            Column.of("user_id", "string"),
                            Column.of("amount", "decimal(38,18)"),
                            Column.of("payload", "map<string,string>")))
                    .location("s3://lakeport-bench/events/")
                    .inputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat")
                    .outputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat")
                    .serDeInfo(SerDeInfo.of(
                            "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
                            Map.of("serialization.format", "1")))
                    .build())
            .build();

    /** Writes the bench table with {@code n} partitions; every {@code changeEvery}th one gets a changed parameter. */
    private static void writeTable(
            SnapshotWriter writer, int n, UnaryOperator<dev.lakeport.model.CatalogObject> form, int changeEvery) {
        writer.putDatabase((dev.lakeport.model.Database)
                form.apply(dev.lakeport.model.Database.of("bench").withLocationUri("s3://lakeport-bench/")));
        Table table = (Table) form.apply(TABLE);
        writer.putTable(table);
        StorageDescriptor sd = table.storageDescriptor().orElseThrow();
        Iterator<Partition> partitions = new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < n;
            }

            @Override
            public Partition next() {
                int k = i++;
                String dt = String.format("2%03d%04d", k / 240_000, (k / 24) % 10_000);
                String hr = Integer.toString(k % 24);
                Map<String, String> params = changeEvery > 0 && k % changeEvery == 0
                        ? Map.of("numRows", Integer.toString(k), "changed", "yes")
                        : Map.of("numRows", Integer.toString(k));
                String base = sd.location().orElseThrow();
                Partition p = new Partition(
                        "bench",
                        "events",
                        List.of(dt, hr),
                        java.util.Optional.of(sd.withLocation(base + "dt=" + dt + "/hr=" + hr + "/")),
                        params,
                        java.util.Optional.empty(),
                        java.util.Optional.empty(),
                        java.util.Optional.empty());
                return p;
            }
        };
        writer.replacePartitions(table, partitions);
    }

    private static Map<String, String> benchSettings() {
        Map<String, String> map = SampleProject.settings("http://127.0.0.1:1", "127.0.0.1:1", "bench", "results");
        map.put("location.convertMap", "{\"s3://lakeport-bench/\":\"oss://lakeport-bench/\"}");
        return map;
    }

    private static long peakHeapMiB() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum >> 20;
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static long medianLong(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    static String format(List<Double> values) {
        return String.join(
                ", ",
                values.stream()
                        .map(v -> String.format(v >= 100 ? "%,.0f" : "%.2f", v))
                        .toList());
    }
}
