package dev.lakeport.cli;

import dev.lakeport.connector.CallSettings;
import dev.lakeport.connector.CatalogConnection;
import dev.lakeport.connector.CatalogConnector;
import dev.lakeport.connector.CatalogWriter;
import dev.lakeport.connector.ConnectorRegistry;
import dev.lakeport.connector.ConnectorSettings;
import dev.lakeport.copy.DestinationCounts;
import dev.lakeport.copy.MaxComputeDataPlane;
import dev.lakeport.copy.TunnelPacer;
import dev.lakeport.copy.TunnelTarget;
import dev.lakeport.copy.TunnelWriter;
import dev.lakeport.emulator.maxcompute.MaxComputeEmulator;
import dev.lakeport.localcopy.SourceCount;
import dev.lakeport.localcopy.TableFiles;
import dev.lakeport.model.Column;
import dev.lakeport.model.Partition;
import dev.lakeport.model.SerDeInfo;
import dev.lakeport.model.StorageDescriptor;
import dev.lakeport.model.Table;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The data copy's figures on this computer, against the MaxCompute emulator in this process (so its decoding of the
 * Tunnel's record format is part of every figure): rows per second copied from delimited text files for a narrow and
 * a wide table, beside a plain read of the same files (the ratio is what the writer costs); partitions per second
 * created; and the time of a verification of 10,000 partitions (a count of every partition's files, and the
 * destination's counts from grouped queries).
 */
final class CopyBench {
    private static final String PROJECT = "bench";
    private static final int VERIFY_PARTITIONS = 10_000;

    private final PrintWriter out;
    private final Path work;
    private final int runs;

    CopyBench(PrintWriter out, Path work, int runs) {
        this.out = out;
        this.work = work;
        this.runs = runs;
    }

    void run(int rows) throws Exception {
        try (MaxComputeEmulator emulator = MaxComputeEmulator.start()) {
            emulator.store().createProject(PROJECT);
            emulator.store().setProperty(PROJECT, "odps.sql.type.system.odps2", "true");
            // The verification's table is filled with one session per partition: 10,000 of them would take the
            // real Tunnel's 500 per 5 minutes 100 minutes; the figure is about counting, so this server allows more.
            emulator.tunnelSessionLimits(TunnelPacer.SESSIONS_AT_ONCE, 1_000_000);
            try (CatalogConnection connection = open(emulator)) {
                MaxComputeDataPlane plane = MaxComputeDataPlane.of(
                                connection,
                                TunnelWriter.DEFAULT_ROWS_PER_BLOCK,
                                new TunnelPacer(
                                        TunnelPacer.SESSIONS_AT_ONCE,
                                        1_000_000,
                                        TunnelPacer.WINDOW,
                                        Duration.ofMinutes(1)))
                        .orElseThrow();
                try (CatalogWriter writer = connection.writer()) {
                    rowsBench(writer, plane, "narrow", narrow(), rows);
                    rowsBench(writer, plane, "wide", wide(), Math.max(1, rows / 10));
                    partitionsBench(writer);
                    verifyBench(writer, plane);
                }
            }
        }
    }

    private static CatalogConnection open(MaxComputeEmulator emulator) {
        CatalogConnector connector = ConnectorRegistry.standard().require("maxcompute");
        Map<String, String> settings = new TreeMap<>();
        settings.put("maxcompute.endpoint", emulator.endpoint());
        settings.put("maxcompute.project", PROJECT);
        settings.put("maxcompute.accessKeyId", "bench-access-id");
        settings.put("maxcompute.accessKeySecret", "bench-secret");
        return connector.open(ConnectorSettings.of(connector, settings), CallSettings.defaults());
    }

    /** 3 columns: an id, a short text, a date. */
    private static List<Column> narrow() {
        return List.of(Column.of("id", "bigint"), Column.of("name", "string"), Column.of("day", "date"));
    }

    /** 60 columns: 20 whole numbers, 20 doubles, 20 texts of about 20 characters. */
    private static List<Column> wide() {
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            columns.add(Column.of("n" + i, "bigint"));
            columns.add(Column.of("d" + i, "double"));
            columns.add(Column.of("s" + i, "string"));
        }
        return columns;
    }

    private static Table table(String name, List<Column> columns, Path location, List<Column> keys) {
        return Table.builder(PROJECT, name)
                .storageDescriptor(StorageDescriptor.builder()
                        .columns(columns)
                        .location(location.toUri().toString())
                        .inputFormat("org.apache.hadoop.mapred.TextInputFormat")
                        .serDeInfo(SerDeInfo.of(
                                "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe",
                                Map.of("field.delim", "\u0001", "serialization.format", "\u0001")))
                        .build())
                .partitionKeys(keys)
                .tableType("EXTERNAL_TABLE")
                .build();
    }

    /** Delimited text as Hive writes it (\001 between fields), in files of at most 500,000 rows. */
    private static void writeText(Path dir, List<Column> columns, int rows) throws IOException {
        Files.createDirectories(dir);
        BufferedWriter w = null;
        try {
            for (int r = 0; r < rows; r++) {
                if (r % 500_000 == 0) {
                    if (w != null) {
                        w.close();
                    }
                    w = Files.newBufferedWriter(
                            dir.resolve(String.format("part-%05d", r / 500_000)), StandardCharsets.UTF_8);
                }
                StringBuilder line = new StringBuilder();
                for (int c = 0; c < columns.size(); c++) {
                    if (c > 0) {
                        line.append('\u0001');
                    }
                    line.append(value(columns.get(c).type(), r, c));
                }
                w.write(line.append('\n').toString());
            }
        } finally {
            if (w != null) {
                w.close();
            }
        }
    }

    private static String value(String type, int row, int column) {
        return switch (type) {
            case "bigint" -> Long.toString((long) row * 31 + column);
            case "double" -> Double.toString(row * 0.5 + column);
            case "date" -> LocalDate.of(2024, 1, 1).plusDays(row % 366).toString();
            default -> "text-" + column + "-" + row;
        };
    }

    private void rowsBench(CatalogWriter writer, MaxComputeDataPlane plane, String name, List<Column> columns, int rows)
            throws IOException {
        Path location = work.resolve("copy-" + name);
        writeText(location, columns, rows);
        Table table = table(name, columns, location, List.of());
        writer.createTable(table);
        TableFiles files = TableFiles.of(table);
        List<Double> reads = new ArrayList<>();
        List<Double> copies = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            long start = System.nanoTime();
            long read;
            try (Stream<Object[]> all = files.rows()) {
                read = all.count();
            }
            reads.add(read / seconds(start));
            start = System.nanoTime();
            long written;
            try (Stream<Object[]> all = files.rows()) {
                Iterator<List<Object>> values = all.map(r -> Arrays.asList(r)).iterator();
                written = plane.write(TunnelTarget.table(PROJECT, name), values);
            }
            copies.add(written / seconds(start));
            if (written != rows || read != rows) {
                throw new IllegalStateException(
                        "bench " + name + ": read " + read + ", wrote " + written + " of " + rows + " rows");
            }
        }
        out.printf(
                "copy     %-6s %,9d rows x %2d columns: median %,.0f rows/s copied (runs: %s); plain read of the same"
                        + " files %,.0f rows/s; copy/read %.2f%n",
                name,
                rows,
                columns.size(),
                BenchCommand.median(copies),
                BenchCommand.format(copies),
                BenchCommand.median(reads),
                BenchCommand.median(copies) / BenchCommand.median(reads));
        out.flush();
    }

    private void partitionsBench(CatalogWriter writer) {
        List<Double> rates = new ArrayList<>();
        int n = VERIFY_PARTITIONS;
        for (int run = 0; run < runs; run++) {
            String name = "created_" + run;
            Table table = table(name, narrow(), work.resolve(name), List.of(Column.of("ds", "string")));
            writer.createTable(table);
            List<Partition> partitions = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                partitions.add(partition(name, "p" + i, work.resolve(name)));
            }
            long start = System.nanoTime();
            int batch = writer.limits().createPartitions();
            for (int i = 0; i < n; i += batch) {
                writer.createPartitions(table, partitions.subList(i, Math.min(n, i + batch)));
            }
            rates.add(n / seconds(start));
        }
        out.printf(
                "copy     partitions created: %,d per table in batches of %d: median %,.0f partitions/s (runs: %s)%n",
                n, writer.limits().createPartitions(), BenchCommand.median(rates), BenchCommand.format(rates));
        out.flush();
    }

    private static Partition partition(String table, String value, Path root) {
        return new Partition(
                PROJECT,
                table,
                List.of(value),
                Optional.of(StorageDescriptor.builder()
                        .location(root.resolve("ds=" + value).toUri().toString())
                        .build()),
                Map.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    /** 10,000 partitions of 3 rows each: every partition's files counted, and the destination's grouped counts. */
    private void verifyBench(CatalogWriter writer, MaxComputeDataPlane plane) throws IOException {
        String name = "verified";
        Path root = work.resolve(name);
        Table table = table(name, narrow(), root, List.of(Column.of("ds", "string")));
        writer.createTable(table);
        List<Partition> partitions = new ArrayList<>();
        for (int i = 0; i < VERIFY_PARTITIONS; i++) {
            String value = "p" + i;
            writeText(root.resolve("ds=" + value), narrow(), 3);
            partitions.add(partition(name, value, root));
        }
        int batch = writer.limits().createPartitions();
        for (int i = 0; i < partitions.size(); i += batch) {
            writer.createPartitions(table, partitions.subList(i, Math.min(partitions.size(), i + batch)));
        }
        TableFiles files = TableFiles.of(table);
        for (Partition p : partitions) {
            try (Stream<Object[]> rows = files.rows(p)) {
                plane.write(
                        new TunnelTarget(PROJECT, name, List.of("ds"), p.values()),
                        rows.map(r -> Arrays.asList(r).subList(0, 3)).iterator());
            }
        }
        List<Double> sources = new ArrayList<>();
        List<Double> destinations = new ArrayList<>();
        List<List<String>> values = partitions.stream().map(Partition::values).toList();
        for (int run = 0; run < runs; run++) {
            long start = System.nanoTime();
            SourceCount count = SourceCount.of(files);
            long sourceRows = 0;
            for (Partition p : partitions) {
                sourceRows += count.count(p);
            }
            sources.add(seconds(start));
            start = System.nanoTime();
            Map<List<String>, DestinationCounts.PartitionStats> there =
                    plane.count(new DestinationCounts.Task(PROJECT, name, List.of("ds"), values, List.of()));
            destinations.add(seconds(start));
            long destinationRows = there.values().stream()
                    .mapToLong(DestinationCounts.PartitionStats::rows)
                    .sum();
            if (sourceRows != destinationRows || sourceRows != 3L * VERIFY_PARTITIONS) {
                throw new IllegalStateException(
                        "bench verification: source " + sourceRows + ", destination " + destinationRows);
            }
        }
        out.printf(
                "copy     verification of %,d partitions: source counts median %.2f s (runs: %s), destination counts"
                        + " (%d grouped queries) median %.2f s (runs: %s)%n",
                VERIFY_PARTITIONS,
                BenchCommand.median(sources),
                BenchCommand.format(sources),
                DestinationCounts.queries(new DestinationCounts.Task(PROJECT, name, List.of("ds"), values, List.of()))
                        .size(),
                BenchCommand.median(destinations),
                BenchCommand.format(destinations));
        out.flush();
    }

    private static double seconds(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toNanos() / 1e9;
    }
}
