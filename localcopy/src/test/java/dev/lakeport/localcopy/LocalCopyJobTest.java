package dev.lakeport.localcopy;

import static dev.lakeport.localcopy.Rows.P1;
import static dev.lakeport.localcopy.Rows.P2;
import static dev.lakeport.localcopy.Rows.P_DEFAULT;
import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.odps.Odps;
import com.aliyun.odps.PartitionSpec;
import com.aliyun.odps.data.Record;
import com.aliyun.odps.data.RecordReader;
import com.aliyun.odps.tunnel.TableTunnel;
import dev.lakeport.apply.tasks.JobProgressListener;
import dev.lakeport.apply.tasks.TaskCount;
import dev.lakeport.config.MigrationConfig;
import dev.lakeport.config.MigrationConfigLoader;
import dev.lakeport.connector.CatalogConnection;
import dev.lakeport.connector.CatalogWriter;
import dev.lakeport.copy.SourceData;
import dev.lakeport.emulator.dlf.DlfEmulator;
import dev.lakeport.emulator.maxcompute.MaxComputeEmulator;
import dev.lakeport.model.Column;
import dev.lakeport.model.Database;
import dev.lakeport.model.Partition;
import dev.lakeport.model.SerDeInfo;
import dev.lakeport.model.StorageDescriptor;
import dev.lakeport.model.Table;
import dev.lakeport.pipeline.Migration;
import dev.lakeport.plan.tasks.JobSelection;
import dev.lakeport.plan.tasks.JobTask;
import dev.lakeport.plan.tasks.StateCounts;
import dev.lakeport.plan.tasks.TaskLogEntry;
import dev.lakeport.plan.tasks.TaskState;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import dev.lakeport.report.ReportInfo;
import dev.lakeport.report.VerificationReport;
import dev.lakeport.snapshot.Side;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data migration into MaxCompute as a user runs it from this computer: a catalog (DLF) whose tables' files are on
 * this computer, in every format the reader knows, partitioned and not, with rows in Hive's default partition, copied
 * by jobs into the MaxCompute emulator. Each step opens the project anew, as a new command would. What reached
 * MaxCompute is read back through the Tunnel, row by row.
 */
class LocalCopyJobTest {
    private static final String PROJECT = DlfToMaxCompute.PROJECT;
    private static final CancellationToken NEVER = new CancellationToken();
    private static final ProgressListener QUIET = ProgressListener.NONE;
    private static final Set<TableFilesTest.Format> FORMATS = Set.of(
            TableFilesTest.Format.PARQUET,
            TableFilesTest.Format.ORC,
            TableFilesTest.Format.AVRO,
            TableFilesTest.Format.JSON,
            TableFilesTest.Format.TEXT);

    @TempDir
    Path dir;

    private DlfToMaxCompute servers;
    private DlfEmulator dlf;
    private MaxComputeEmulator maxCompute;
    private Odps odps;

    @BeforeEach
    void start() throws IOException {
        servers = DlfToMaxCompute.start();
        dlf = servers.dlf;
        maxCompute = servers.maxCompute;
        odps = servers.odps;
        writeSourceCatalog();
    }

    @AfterEach
    void stop() {
        servers.close();
    }

    private MigrationConfig config() {
        Map<String, String> s = servers.settings(dir.resolve("results"));
        return MigrationConfigLoader.fromMap(s, "test").config();
    }

    /** A new "process": the project file opened again, nothing carried over in memory. */
    private Migration open() {
        return Migration.open(config(), dir.resolve("copy.lakeport.mv.db"), new Properties());
    }

    // ---------------------------------------------------------------- the source

    private static String tableName(TableFilesTest.Format f) {
        return "t_" + f.name().toLowerCase();
    }

    private StorageDescriptor storage(TableFilesTest.Format f, Path location) {
        return StorageDescriptor.builder()
                .columns(Rows.COLUMNS)
                .location(location.toUri().toString())
                .inputFormat(f.inputFormat)
                .serDeInfo(SerDeInfo.of(f.serde, f.serdeParameters))
                .build();
    }

    private Table table(TableFilesTest.Format f, Path location, List<Column> keys) {
        return new Table(
                "sales",
                keys.isEmpty() ? tableName(f) + "_flat" : tableName(f),
                Optional.of("format " + f),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                0,
                Optional.of(storage(f, location)),
                keys,
                Optional.empty(),
                Optional.empty(),
                Optional.of("EXTERNAL_TABLE"),
                f.tableParameters);
    }

    private Partition partition(TableFilesTest.Format f, Table t, Path location, String value) {
        return new Partition(
                "sales",
                t.name(),
                List.of(value),
                Optional.of(storage(f, location)),
                Map.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    /** Rows per partition: the default partition holds row 5, the others rows 1-3 and the row of nulls. */
    private void writeSourceCatalog() throws IOException {
        MigrationConfig.Side source = config().source();
        try (CatalogConnection c = source.connector().open(source.settings(), config().callSettings());
                CatalogWriter w = c.writer()) {
            w.createDatabase(Database.of("sales"));
            for (TableFilesTest.Format f : FORMATS) {
                Path root = dir.resolve("lake").resolve(tableName(f));
                write(f, root.resolve("dt=" + P1), "part-00000", Rows.ROW1, Rows.ROW2, Rows.ROW3);
                write(f, root.resolve("dt=" + P2), "part-00000", Rows.ROW4);
                write(f, root.resolve("dt=" + P_DEFAULT), "part-00000", Rows.ROW5);
                Table t = table(f, root, Rows.PARTITION_KEYS);
                w.createTable(t);
                w.createPartitions(
                        t,
                        List.of(
                                partition(f, t, root.resolve("dt=" + P1), P1),
                                partition(f, t, root.resolve("dt=" + P2), P2),
                                partition(f, t, root.resolve("dt=" + P_DEFAULT), P_DEFAULT)));
            }
            Path flat = dir.resolve("lake").resolve("t_parquet_flat");
            write(TableFilesTest.Format.PARQUET, flat, "part-00000", Rows.ROW1, Rows.ROW2);
            write(TableFilesTest.Format.PARQUET, flat, "part-00001", Rows.ROW5);
            w.createTable(table(TableFilesTest.Format.PARQUET, flat, List.of()));
        }
    }

    private static void write(TableFilesTest.Format f, Path directory, String file, Object[]... rows)
            throws IOException {
        Files.createDirectories(directory);
        f.writer.write(directory.resolve(file + f.suffix), Rows.COLUMNS, List.of(rows));
    }

    // ---------------------------------------------------------------- the destination

    /** Every row of a partition (or of a table without partitions) at MaxCompute, read through a download session. */
    private List<Record> destinationRows(String table, Optional<String> dt) throws Exception {
        TableTunnel tunnel = new TableTunnel(odps);
        TableTunnel.DownloadSession session = dt.isPresent()
                ? tunnel.createDownloadSession(PROJECT, table, new PartitionSpec("dt='" + dt.get() + "'"))
                : tunnel.createDownloadSession(PROJECT, table);
        List<Record> rows = new ArrayList<>();
        try (RecordReader reader = session.openRecordReader(0, session.getRecordCount())) {
            for (Record r = reader.read(); r != null; r = reader.read()) {
                rows.add(r);
            }
        }
        return rows;
    }

    private void loadBoth() {
        try (Migration m = open()) {
            m.load(Side.SOURCE, QUIET, NEVER);
            m.load(Side.DESTINATION, QUIET, NEVER);
        }
    }

    private long plan(JobSelection selection, Map<String, String> settings) {
        try (Migration m = open()) {
            return m.copies().plan("test", selection, settings, NEVER);
        }
    }

    private StateCounts run(long job, SourceData source) {
        try (Migration m = open()) {
            return m.copies().run(job, source, false, NEVER, JobProgressListener.NONE);
        }
    }

    /** The failed tasks of a job with their logs, for an assertion's message. */
    private String failures(long job) {
        try (Migration m = open()) {
            StringBuilder out = new StringBuilder();
            for (JobTask t : m.copies().jobs().tasks(job, TaskState.FAILED)) {
                out.append(t.describe())
                        .append(": ")
                        .append(t.lastError().orElse(""))
                        .append('\n');
                m.copies().jobs().log(t.id()).forEach(l -> out.append("  ")
                        .append(l)
                        .append('\n'));
            }
            return out.toString();
        }
    }

    // ---------------------------------------------------------------- the tests

    @Test
    void aWholeDatabaseIsCopiedTableByTableAndEveryPartitionsThreeCountsAgree() throws Exception {
        loadBoth();
        long job = plan(JobSelection.databases(PROJECT), Map.of("job.task.maxPartitions", "2"));

        StateCounts counts = run(job, new LocalFiles());

        // five partitioned tables of three partitions in tasks of at most two, and the table without partitions
        assertThat(counts.get(TaskState.FAILED)).as(failures(job)).isZero();
        assertThat(counts.get(TaskState.SUCCEEDED)).isEqualTo(FORMATS.size() * 2L + 1);
        for (TableFilesTest.Format f : FORMATS) {
            List<Record> p1 = destinationRows(tableName(f), Optional.of(P1));
            assertThat(p1).as(f + " " + P1).hasSize(3);
            assertThat(p1.get(0).getBigint("c_bigint")).isEqualTo(1L);
            assertThat(p1.get(0).getString("c_string")).isEqualTo("alpha");
            assertThat(p1.get(1).getString("c_string")).as(f + " row 2").isEqualTo(Rows.ROW2[5]);
            assertThat(p1.get(1).getDecimal("c_dec38")).as(f + " row 2").isEqualByComparingTo((java.math.BigDecimal)
                    Rows.ROW2[4]);
            List<Record> p2 = destinationRows(tableName(f), Optional.of(P2));
            assertThat(p2).as(f + " the row of nulls").hasSize(1);
            assertThat(Arrays.asList(p2.get(0).toArray())).containsOnlyNulls();
            List<Record> def = destinationRows(tableName(f), Optional.of(P_DEFAULT));
            assertThat(def)
                    .as(f + " Hive's default partition is copied, not dropped")
                    .hasSize(1);
            assertThat(def.get(0).getString("c_string")).isEqualTo("in the default partition");
        }
        assertThat(destinationRows("t_parquet_flat", Optional.empty())).hasSize(3);

        try (Migration m = open()) {
            List<TaskCount> verified = m.copies().jobs().verifications(job);
            assertThat(verified).hasSize(FORMATS.size() * 3 + 1).allSatisfy(c -> {
                assertThat(c.passed()).as(c.toString()).isTrue();
                assertThat(c.counts().source()).isEqualTo(c.counts().written());
                assertThat(c.counts().written()).isEqualTo(c.counts().destination());
            });
            JobTask first = m.copies().jobs().tasks(job).get(0);
            assertThat(m.copies().jobs().log(first.id()))
                    .extracting(TaskLogEntry::message)
                    // another task of the same table, running at the same time, may have created it first
                    .anySatisfy(l -> assertThat(l)
                            .matches("metadata: table lake\\." + first.table() + " (created|already there).*"))
                    .anySatisfy(l -> assertThat(l).startsWith("data: 4 rows written into lake." + first.table()))
                    .anySatisfy(l -> assertThat(l)
                            .contains("source 4 (a separate scan of the files), written 4,"
                                    + " destination 4: every partition's counts agree"));
        }
    }

    @Test
    void aSecondRunReplacesInsteadOfAddingAndAChangedPartitionIsCopiedAgain() throws Exception {
        loadBoth();
        long first = plan(JobSelection.databases(PROJECT), Map.of());
        assertThat(run(first, new LocalFiles()).get(TaskState.FAILED))
                .as(failures(first))
                .isZero();
        long second = plan(JobSelection.databases(PROJECT), Map.of());
        assertThat(run(second, new LocalFiles()).get(TaskState.FAILED))
                .as(failures(second))
                .isZero();
        assertThat(destinationRows("t_orc", Optional.of(P1))).hasSize(3);
        assertThat(destinationRows("t_parquet_flat", Optional.empty())).hasSize(3);

        Path p2 = dir.resolve("lake").resolve("t_orc").resolve("dt=" + P2);
        write(TableFilesTest.Format.ORC, p2, "part-00001", Rows.ROW1, Rows.ROW5);
        long job = plan(JobSelection.partitions(PROJECT, "t_orc", List.of(List.of(P2))), Map.of());
        StateCounts counts = run(job, new LocalFiles());

        assertThat(counts.get(TaskState.SUCCEEDED)).isEqualTo(1L);
        assertThat(destinationRows("t_orc", Optional.of(P2))).hasSize(3);
        assertThat(destinationRows("t_orc", Optional.of(P1)))
                .as("other partitions untouched")
                .hasSize(3);
    }

    @Test
    void rowsTheReaderDropsAreCaughtByTheSeparateCountCopiedAgainAloneAndTheTaskFailsNamingThePartition()
            throws Exception {
        loadBoth();
        // A reader that drops the last row of dt=2024-01-01 of t_avro on every read, and of t_json on the first only.
        Map<String, Integer> reads = new ConcurrentHashMap<>();
        LocalFiles files = new LocalFiles();
        SourceData lossy = SourceData.readBy(files, (table, partition) -> {
            List<Object[]> rows;
            try (Stream<Object[]> all = files.rows(table, partition)) {
                rows = new ArrayList<>(all.toList());
            }
            String where = table.name() + partition.map(p -> "/" + p.values()).orElse("");
            int n = reads.merge(where, 1, Integer::sum);
            boolean drop = partition.map(p -> p.values().equals(List.of(P1))).orElse(false)
                    && (table.name().equals("t_avro") || (table.name().equals("t_json") && n == 1));
            return (drop ? rows.subList(0, rows.size() - 1) : rows).stream();
        });
        long job = plan(
                new JobSelection.Tables(List.of(
                        new JobSelection.TableName(PROJECT, "t_avro"), new JobSelection.TableName(PROJECT, "t_json"))),
                Map.of());

        StateCounts counts = run(job, lossy);

        assertThat(counts.get(TaskState.FAILED)).isEqualTo(1L);
        assertThat(counts.get(TaskState.SUCCEEDED)).isEqualTo(1L);
        assertThat(destinationRows("t_json", Optional.of(P1)))
                .as("copied again alone, whole")
                .hasSize(3);
        try (Migration m = open()) {
            List<JobTask> tasks = m.copies().jobs().tasks(job);
            JobTask avro = tasks.stream()
                    .filter(t -> t.table().equals("t_avro"))
                    .findFirst()
                    .orElseThrow();
            assertThat(avro.state()).isEqualTo(TaskState.FAILED);
            assertThat(avro.lastError().orElseThrow())
                    .contains("lake.t_avro dt=" + P1)
                    .contains("source 3")
                    .contains("written 2");
            JobTask json = tasks.stream()
                    .filter(t -> t.table().equals("t_json"))
                    .findFirst()
                    .orElseThrow();
            assertThat(m.copies().jobs().log(json.id()))
                    .extracting(TaskLogEntry::message)
                    .contains("copying 1 partition again (round 1 of 2)");
            assertThat(m.copies().jobs().verifications(job))
                    .filteredOn(c -> !c.passed())
                    .extracting(c -> c.counts().table() + " " + c.counts().partition())
                    .containsExactly("lake.t_avro dt=" + P1);

            // The verification report names the partition, its three numbers and the task's log, in each format.
            VerificationReport report = m.copies().report(job, new ReportInfo("t", Instant.now(), "dlf", "mc"));
            java.io.StringWriter csv = new java.io.StringWriter();
            report.writeCsv(csv);
            assertThat(csv.toString().lines()).first().isEqualTo(String.join(",", VerificationReport.CSV_HEADER));
            assertThat(csv.toString().lines())
                    .filteredOn(l -> l.startsWith("lake,t_avro,dt=" + P1 + ","))
                    .singleElement()
                    .satisfies(l -> assertThat(l).contains(",failed,3,2,2,false,"));
            java.io.ByteArrayOutputStream jsonOut = new java.io.ByteArrayOutputStream();
            report.writeJson(jsonOut);
            com.fasterxml.jackson.databind.JsonNode tree =
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(jsonOut.toByteArray());
            assertThat(tree.at("/summary/passed").asBoolean()).isFalse();
            assertThat(tree.at("/summary/partitionsDisagreeing").asLong()).isEqualTo(1);
            assertThat(tree.at("/job/tasks/failed").asLong()).isEqualTo(1);
            java.io.StringWriter html = new java.io.StringWriter();
            report.writeHtml(html, 100);
            assertThat(html.toString())
                    .contains("not verified")
                    .contains("lake.t_avro")
                    .contains("copying 1 partition again (round 1 of 2)");
        }
        assertThat(reads.get("t_avro/[" + P1 + "]"))
                .as("first copy and two re-copies")
                .isEqualTo(3);
    }

    @Test
    void aggregatesCatchAValueChangedOnTheWayThatTheCountsMiss() throws Exception {
        loadBoth();
        // The first read of t_parquet's dt=2024-01-01 (the copy) gives row 1 a different c_bigint; later reads do not.
        Map<String, Integer> reads = new ConcurrentHashMap<>();
        SourceData flaky = new SourceData() {
            private final LocalFiles files = new LocalFiles();

            @Override
            public Stream<Object[]> rows(Table table, Optional<Partition> partition) {
                String where =
                        table.name() + partition.map(p -> "/" + p.values()).orElse("");
                boolean change = reads.merge(where, 1, Integer::sum) == 1 && where.equals("t_parquet/[" + P1 + "]");
                return files.rows(table, partition).map(row -> {
                    if (change && Long.valueOf(1L).equals(row[0])) {
                        Object[] changed = row.clone();
                        changed[0] = 2L;
                        return changed;
                    }
                    return row;
                });
            }

            @Override
            public long count(Table table, Optional<Partition> partition) {
                return files.count(table, partition);
            }

            @Override
            public String countedBy() {
                return files.countedBy();
            }
        };
        long job = plan(JobSelection.databases(PROJECT), Map.of());

        StateCounts counts;
        try (Migration m = open()) {
            counts = m.copies().run(job, flaky, false, true, NEVER, JobProgressListener.NONE);
        }

        assertThat(counts.get(TaskState.FAILED)).as(failures(job)).isZero();
        assertThat(destinationRows("t_parquet", Optional.of(P1)).get(0).getBigint("c_bigint"))
                .as("copied again with the right value")
                .isEqualTo(1L);
        try (Migration m = open()) {
            JobTask parquet = m.copies().jobs().tasks(job).stream()
                    .filter(t -> t.table().equals("t_parquet"))
                    .findFirst()
                    .orElseThrow();
            assertThat(m.copies().jobs().log(parquet.id()))
                    .extracting(TaskLogEntry::message)
                    .anySatisfy(l -> assertThat(l)
                            .contains("lake.t_parquet dt=" + P1)
                            .contains("column c_bigint: sum at the destination"))
                    .contains("copying 1 partition again (round 1 of 2)");
        }
    }
}
