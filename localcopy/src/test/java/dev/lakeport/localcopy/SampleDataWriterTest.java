package dev.lakeport.localcopy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.config.SampleProject;
import dev.lakeport.connector.CallSettings;
import dev.lakeport.connector.CatalogConnection;
import dev.lakeport.connector.CatalogConnector;
import dev.lakeport.connector.CatalogReader;
import dev.lakeport.connector.ConnectorRegistry;
import dev.lakeport.connector.ConnectorSettings;
import dev.lakeport.emulator.glue.GlueEmulator;
import dev.lakeport.emulator.sample.SampleCatalog;
import dev.lakeport.model.Database;
import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample's data files as the Hive -> MaxCompute sample makes them: the sample catalog with its locations on this
 * computer, every table's files written, then read back with {@link TableFiles} and counted with {@link SourceCount}.
 */
class SampleDataWriterTest {
    private static final long SEED = SampleProject.SEED;
    private static final int PARTITIONS = 300;

    private static GlueEmulator glue;
    private static Path root;

    @TempDir
    static Path shared;

    @BeforeAll
    static void sampleCatalogWithLocalLocations() {
        root = shared.resolve("sample data");
        glue = GlueEmulator.start();
        SampleCatalog.generate(
                glue.store(),
                new SampleCatalog.Options(SEED, PARTITIONS, SampleProject.REGION)
                        .withDataRoot(SampleDataFiles.location(root)));
    }

    @AfterAll
    static void stop() {
        glue.close();
    }

    private static <T> T withReader(java.util.function.Function<CatalogReader, T> f) {
        CatalogConnector connector = ConnectorRegistry.standard().require("glue");
        Map<String, String> settings = SampleProject.settings(
                glue.endpoint().toString(),
                "http://127.0.0.1:1",
                "catalog",
                shared.resolve("r").toString());
        try (CatalogConnection c = connector.open(ConnectorSettings.of(connector, settings), CallSettings.defaults());
                CatalogReader r = c.reader()) {
            return f.apply(r);
        }
    }

    private static SampleDataFiles.Summary ensure(Path where, long seed) {
        return withReader(r -> SampleDataFiles.ensure(
                r,
                where,
                SampleDataWriter.of(seed, SampleDataFiles.ROWS_PER_FILE),
                ProgressListener.NONE,
                CancellationToken.NONE));
    }

    /** Every table of the sample, with its partitions. */
    private static Map<Table, List<Partition>> catalog() {
        return withReader(r -> {
            Map<Table, List<Partition>> out = new java.util.LinkedHashMap<>();
            List<Database> dbs;
            try (Stream<Database> s = r.databases()) {
                dbs = s.toList();
            }
            for (Database db : dbs) {
                List<Table> tables;
                try (Stream<Table> s = r.tables(db.name())) {
                    tables = s.toList();
                }
                for (Table t : tables) {
                    try (Stream<Partition> ps =
                            t.partitionKeys().isEmpty() ? Stream.empty() : r.partitions(t, Optional.empty())) {
                        out.put(t, ps.toList());
                    }
                }
            }
            return out;
        });
    }

    @Test
    void everySampleTableReadsBackAsWrittenAndCountsTheSame() {
        SampleDataFiles.Summary summary = ensure(root, SEED);
        SampleDataWriter writer = SampleDataWriter.of(SEED, SampleDataFiles.ROWS_PER_FILE);

        Set<DataFormat> formats = EnumSet.noneOf(DataFormat.class);
        int tables = 0;
        long files = 0;
        boolean sawDefaultPartition = false;
        List<String> withoutFiles = new ArrayList<>();
        for (Map.Entry<Table, List<Partition>> e : catalog().entrySet()) {
            Table table = e.getKey();
            String name = table.databaseName() + "." + table.name();
            if (!writer.writes(table)) {
                withoutFiles.add(name);
                continue;
            }
            tables++;
            TableFiles tf = TableFiles.of(table);
            formats.add(tf.format());
            SourceCount count = SourceCount.of(tf);
            if (table.partitionKeys().isEmpty()) {
                try (Stream<Object[]> rows = tf.rows()) {
                    assertThat(plain(rows.toList())).as(name).isEqualTo(plain(writer.rows(table, Optional.empty())));
                }
                assertThat(count.count()).as(name).isEqualTo(SampleDataFiles.ROWS_PER_FILE);
                files++;
                continue;
            }
            assertThat(e.getValue()).as(name + "'s partitions").isNotEmpty();
            for (Partition p : e.getValue()) {
                try (Stream<Object[]> rows = tf.rows(p)) {
                    assertThat(plain(rows.toList()))
                            .as(name + " " + p.values())
                            .isEqualTo(plain(writer.rows(table, Optional.of(p))));
                }
                assertThat(count.count(p)).as(name + " " + p.values()).isEqualTo(SampleDataFiles.ROWS_PER_FILE);
                files++;
                if (p.values().contains(TableFiles.DEFAULT_PARTITION)) {
                    sawDefaultPartition = true;
                    try (Stream<Object[]> rows = tf.rows(p)) {
                        assertThat(rows.map(r -> r[r.length - 1]))
                                .as("the null region")
                                .containsOnlyNulls();
                    }
                }
            }
        }
        assertThat(formats).as("every format the reader reads").isEqualTo(EnumSet.allOf(DataFormat.class));
        assertThat(sawDefaultPartition).isTrue();
        assertThat(withoutFiles)
                .as("views, Iceberg, Hudi and Delta tables")
                .containsExactlyInAnyOrder(
                        "sales.daily_revenue_v",
                        "sales.orders_iceberg",
                        "web_logs.events_hudi",
                        "web_logs.top_pages_v",
                        "finance.transactions_delta",
                        "finance.monthly_pnl_v");
        assertThat(summary.tablesWritten()).isEqualTo(tables);
        assertThat(summary.files()).isEqualTo(files);
        assertThat(summary.rows()).isEqualTo(files * SampleDataFiles.ROWS_PER_FILE);
    }

    @Test
    void theValuesCoverNullsDecimalsTimestampsAndComplexTypes() {
        ensure(root, SEED);
        Map<Table, List<Partition>> catalog = catalog();
        Table orders = catalog.keySet().stream()
                .filter(t -> t.name().equals("orders"))
                .findFirst()
                .orElseThrow();
        TableFiles tf = TableFiles.of(orders);
        List<Object[]> rows;
        try (Stream<Object[]> s = tf.rows(catalog.get(orders).get(PARTITIONS / 50))) {
            rows = s.toList();
        }
        int columns = orders.storageDescriptor().orElseThrow().columns().size();
        for (int c = 0; c < columns; c++) {
            int col = c;
            assertThat(rows).as("column %d has nulls", c).anyMatch(r -> r[col] == null);
        }
        Object[] full = rows.stream()
                .filter(r -> Arrays.stream(r, 0, columns).allMatch(v -> v != null))
                .findFirst()
                .orElseThrow();
        // order_id, customer_id, order_ts, order_date, amount decimal(38,18), currency, items array<struct<...>>
        assertThat(full[2]).isInstanceOf(java.time.LocalDateTime.class);
        assertThat(full[3]).isInstanceOf(java.time.LocalDate.class);
        assertThat(((java.math.BigDecimal) full[4]).scale()).isEqualTo(18);
        assertThat(full[6]).isInstanceOf(List.class);
    }

    @Test
    void theSameSeedWritesTheSameBytesInAnyTimeZoneAndAWrittenTableIsLeftAlone() throws IOException {
        Path first = shared.resolve("run-1");
        Path second = shared.resolve("run-2");
        ensure(root, SEED);
        copy(root, first);
        Map<String, String> before = checksums(root);

        // Written again from nothing, in another time zone: the same bytes.
        delete(root);
        TimeZone zone = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kolkata"));
            ensure(root, SEED);
        } finally {
            TimeZone.setDefault(zone);
        }
        assertThat(checksums(root)).isEqualTo(before).isEqualTo(checksums(first));

        // A second look finds every table complete and writes nothing.
        SampleDataFiles.Summary again = ensure(root, SEED);
        assertThat(again.tablesWritten()).isZero();
        assertThat(again.tablesAlreadyThere()).isPositive();

        // Another seed: other values, the same layout.
        copy(root, second);
        delete(root);
        ensure(root, SEED + 1);
        Map<String, String> other = checksums(root);
        assertThat(other.keySet()).isEqualTo(before.keySet());
        assertThat(other.entrySet()).as("files that differ").anyMatch(e -> !e.getValue()
                .equals(before.get(e.getKey())));
        delete(root);
        ensure(root, SEED);
    }

    @Test
    void anotherJvmInAnotherZoneAndLocaleWithThePackagesClassPathWritesTheSameBytes() throws Exception {
        ensure(root, SEED);
        Map<String, String> here = checksums(root);
        Files.copy(
                root.resolve("sales/customers/000000_0"),
                Path.of("/tmp/pq-parent"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        delete(root);

        String classPath = Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(e ->
                        Stream.of("snappy-java", "zstd-jni", "commons-compress").noneMatch(e::contains))
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        Path log = shared.resolve("child.txt");
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Duser.timezone=Pacific/Chatham",
                        "-Duser.language=tr",
                        "-Duser.country=TR",
                        "-cp",
                        classPath,
                        WriteSample.class.getName(),
                        glue.endpoint().toString(),
                        root.toString(),
                        Long.toString(SEED))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            assertThat(child.waitFor(180, java.util.concurrent.TimeUnit.SECONDS))
                    .isTrue();
            assertThat(child.exitValue()).as(Files.readString(log)).isZero();
            Map<String, String> there = checksums(root);
            Files.copy(
                    root.resolve("sales/customers/000000_0"),
                    Path.of("/tmp/pq-child"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertThat(there.keySet()).isEqualTo(here.keySet());
            assertThat(here.keySet().stream().filter(f -> !here.get(f).equals(there.get(f))))
                    .as("files written otherwise")
                    .isEmpty();
        } finally {
            delete(root);
            ensure(root, SEED);
        }
    }

    /** Rows with arrays turned into lists, so that equal rows compare equal. */
    private static List<List<Object>> plain(List<Object[]> rows) {
        List<List<Object>> out = new ArrayList<>();
        for (Object[] r : rows) {
            List<Object> row = new ArrayList<>();
            for (Object v : r) {
                row.add(v instanceof byte[] b ? HexFormat.of().formatHex(b) : v);
            }
            out.add(row);
        }
        return out;
    }

    private static Map<String, String> checksums(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(f).toString(), sha256(f));
            }
        }
        return out;
    }

    private static String sha256(Path f) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
