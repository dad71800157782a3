package dev.lakeport.localcopy;

import static dev.lakeport.localcopy.Rows.P1;
import static dev.lakeport.localcopy.Rows.P2;
import static dev.lakeport.localcopy.Rows.P_DEFAULT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.aliyun.odps.Odps;
import com.aliyun.odps.PartitionSpec;
import com.aliyun.odps.TableSchema;
import com.aliyun.odps.data.Record;
import com.aliyun.odps.data.RecordReader;
import com.aliyun.odps.tunnel.TableTunnel;
import dev.lakeport.apply.tasks.JobProgressListener;
import dev.lakeport.apply.tasks.TaskCount;
import dev.lakeport.config.MigrationConfig;
import dev.lakeport.config.MigrationConfigLoader;
import dev.lakeport.connector.CatalogConnection;
import dev.lakeport.connector.CatalogWriter;
import dev.lakeport.diff.DiffRun;
import dev.lakeport.emulator.dlf.DlfEmulator;
import dev.lakeport.emulator.maxcompute.MaxComputeEmulator;
import dev.lakeport.mapping.ColumnTypeMapping;
import dev.lakeport.model.Column;
import dev.lakeport.model.Database;
import dev.lakeport.model.Partition;
import dev.lakeport.model.SerDeInfo;
import dev.lakeport.model.StorageDescriptor;
import dev.lakeport.model.Table;
import dev.lakeport.pipeline.DataCopy;
import dev.lakeport.pipeline.Migration;
import dev.lakeport.plan.tasks.JobSelection;
import dev.lakeport.plan.tasks.JobTask;
import dev.lakeport.plan.tasks.StateCounts;
import dev.lakeport.plan.tasks.TaskState;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import dev.lakeport.snapshot.Side;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table with three partition keys copied into MaxCompute with the last two folded into columns
 * ({@code maxcompute.foldPartitionKeys}): the destination table is partitioned by the first key only, every source
 * partition's rows land in its destination partition with the folded keys' values as typed column values (Hive's
 * default partition as NULL), counts are verified per destination partition, a second run replaces, and a diff after
 * the copy finds nothing left to change.
 */
class FoldedPartitionsCopyTest {
    private static final String PROJECT = DlfToMaxCompute.PROJECT;
    private static final CancellationToken NEVER = new CancellationToken();
    private static final ProgressListener QUIET = ProgressListener.NONE;
    private static final List<TableFilesTest.Format> FORMATS =
            List.of(TableFilesTest.Format.PARQUET, TableFilesTest.Format.TEXT);
    private static final List<Column> KEYS =
            List.of(Column.of("dt", "string"), Column.of("region", "string"), Column.of("hour", "int"));

    private static final List<Column> DEEP_KEYS = List.of(
            Column.of("k1", "string"),
            Column.of("k2", "string"),
            Column.of("k3", "string"),
            Column.of("k4", "string"),
            Column.of("k5", "string"),
            Column.of("k6", "string"),
            Column.of("k7", "bigint"));

    @TempDir
    Path dir;

    /** The folding setting of this test's project. */
    private String fold = "auto,lake.t_parquet:2,lake.t_text:2";

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
        s.put("maxcompute.foldPartitionKeys", fold);
        return MigrationConfigLoader.fromMap(s, "test").config();
    }

    private Migration open() {
        return Migration.open(config(), dir.resolve("fold.lakeport.mv.db"), new Properties());
    }

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

    /**
     * dt=P1: (eu, 1) rows 1 and 2, (eu, 2) row 3, (default, 1) the row of nulls; dt=P2: (eu, 1) row 5. Two destination
     * partitions, of 4 and 1 rows.
     */
    private void writeSourceCatalog() throws IOException {
        MigrationConfig.Side source = config().source();
        try (CatalogConnection c = source.connector().open(source.settings(), config().callSettings());
                CatalogWriter w = c.writer()) {
            w.createDatabase(Database.of("sales"));
            for (TableFilesTest.Format f : FORMATS) {
                Path root = dir.resolve("lake").resolve(tableName(f));
                Table t = Table.builder("sales", tableName(f))
                        .storageDescriptor(storage(f, root))
                        .partitionKeys(KEYS)
                        .tableType("EXTERNAL_TABLE")
                        .parameters(f.tableParameters)
                        .build();
                w.createTable(t);
                List<Partition> partitions = new ArrayList<>();
                partitions.add(partition(f, root, List.of(P1, "eu", "1"), Rows.ROW1, Rows.ROW2));
                partitions.add(partition(f, root, List.of(P1, "eu", "2"), Rows.ROW3));
                partitions.add(partition(f, root, List.of(P1, P_DEFAULT, "1"), Rows.ROW4));
                partitions.add(partition(f, root, List.of(P2, "eu", "1"), Rows.ROW5));
                w.createPartitions(t, partitions);
            }
            // Seven partition levels, one more than MaxCompute allows: auto folds the last.
            Path deep = dir.resolve("lake").resolve("t_deep");
            Table t = Table.builder("sales", "t_deep")
                    .storageDescriptor(storage(TableFilesTest.Format.PARQUET, deep))
                    .partitionKeys(DEEP_KEYS)
                    .tableType("EXTERNAL_TABLE")
                    .build();
            w.createTable(t);
            Path location = deep.resolve("k=1");
            Files.createDirectories(location);
            TableFilesTest.Format.PARQUET.writer.write(
                    location.resolve("part-00000.parquet"), Rows.COLUMNS, List.<Object[]>of(Rows.ROW1));
            w.createPartitions(
                    t,
                    List.of(new Partition(
                            "sales",
                            "t_deep",
                            List.of("a", "b", "c", "d", "e", "f", "7"),
                            Optional.of(storage(TableFilesTest.Format.PARQUET, location)),
                            Map.of(),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty())));
        }
    }

    private Partition partition(TableFilesTest.Format f, Path root, List<String> values, Object[]... rows)
            throws IOException {
        Path location = root.resolve("dt=" + values.get(0))
                .resolve("region=" + values.get(1))
                .resolve("hour=" + values.get(2));
        Files.createDirectories(location);
        f.writer.write(location.resolve("part-00000" + f.suffix), Rows.COLUMNS, List.of(rows));
        return new Partition(
                "sales",
                tableName(f),
                values,
                Optional.of(storage(f, location)),
                Map.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    private List<Record> destinationRows(String table, String dt) throws Exception {
        TableTunnel.DownloadSession session =
                new TableTunnel(odps).createDownloadSession(PROJECT, table, new PartitionSpec("dt='" + dt + "'"));
        List<Record> rows = new ArrayList<>();
        try (RecordReader reader = session.openRecordReader(0, session.getRecordCount())) {
            for (Record r = reader.read(); r != null; r = reader.read()) {
                rows.add(r);
            }
        }
        return rows;
    }

    private long plan(JobSelection selection) {
        try (Migration m = open()) {
            return m.copies().plan("test", selection, Map.of(), NEVER);
        }
    }

    private StateCounts run(long job) {
        try (Migration m = open()) {
            return m.copies().run(job, new LocalFiles(), false, NEVER, JobProgressListener.NONE);
        }
    }

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

    private void loadBoth() {
        try (Migration m = open()) {
            m.load(Side.SOURCE, QUIET, NEVER);
            m.load(Side.DESTINATION, QUIET, NEVER);
        }
    }

    @Test
    void foldedKeysBecomeTypedColumnsAndEachDestinationPartitionHoldsAllItsSourcePartitions() throws Exception {
        // Each table's four source partitions would not fit; its two destination partitions do.
        maxCompute.store().maxPartitionsPerTable(2);
        loadBoth();
        try (Migration m = open()) {
            assertThat(m.destinationProblems(NEVER)).isEmpty();
            assertThat(m.columnTypes(PROJECT, "t_parquet").orElseThrow())
                    .filteredOn(r -> r.because().startsWith("partition key folded into a column"))
                    .extracting(
                            ColumnTypeMapping::column, r -> r.destinationType().orElseThrow())
                    .containsExactly(tuple("region", "string"), tuple("hour", "int"));
        }
        long job = plan(JobSelection.databases(PROJECT));
        assertThat(run(job).get(TaskState.FAILED)).as(failures(job)).isZero();

        for (TableFilesTest.Format f : FORMATS) {
            String table = tableName(f);
            TableSchema schema = odps.tables().get(PROJECT, table).getSchema();
            assertThat(schema.getPartitionColumns())
                    .extracting(com.aliyun.odps.Column::getName)
                    .containsExactly("dt");
            List<com.aliyun.odps.Column> columns = schema.getColumns();
            assertThat(columns).hasSize(Rows.COLUMNS.size() + 2);
            assertThat(columns.subList(columns.size() - 2, columns.size()))
                    .extracting(com.aliyun.odps.Column::getName, c -> c.getTypeInfo()
                            .getTypeName())
                    .containsExactly(tuple("region", "STRING"), tuple("hour", "INT"));
            assertThat(odps.tables().get(PROJECT, table).getPartitions())
                    .extracting(p -> p.getPartitionSpec().get("dt"))
                    .containsExactlyInAnyOrder(P1, P2);

            List<Record> first = destinationRows(table, P1);
            assertThat(first)
                    .as(f + " every source partition of dt=" + P1 + " with its folded values")
                    .extracting(r -> r.getBigint("c_bigint"), r -> r.getString("region"), r -> r.get("hour"))
                    .containsExactlyInAnyOrder(
                            tuple(1L, "eu", 1),
                            tuple((Long) Rows.ROW2[0], "eu", 1),
                            tuple((Long) Rows.ROW3[0], "eu", 2),
                            tuple(null, null, 1));
            assertThat(destinationRows(table, P2))
                    .extracting(r -> r.getString("c_string"), r -> r.getString("region"), r -> r.get("hour"))
                    .containsExactly(tuple("in the default partition", "eu", 1));
        }

        try (Migration m = open()) {
            JobTask task = m.copies().jobs().tasks(job).stream()
                    .filter(t -> t.table().equals("t_text"))
                    .findFirst()
                    .orElseThrow();
            assertThat(m.copies().jobs().log(task.id()))
                    .extracting(dev.lakeport.plan.tasks.TaskLogEntry::message)
                    .anySatisfy(l -> assertThat(l)
                            .startsWith("data: 4 source partitions go into 2 destination partitions (2 trailing"
                                    + " partition keys folded into columns)")
                            .contains("dt=" + P1 + " ← 3"));
            List<TaskCount> verified = m.copies().jobs().verifications(job);
            assertThat(verified)
                    .as("one count per destination partition: the sum of its source partitions (and t_deep's one)")
                    .hasSize(FORMATS.size() * 2 + 1)
                    .allSatisfy(c -> assertThat(c.passed()).as(c.toString()).isTrue())
                    .extracting(c -> c.counts().source().orElse(-1))
                    .containsOnly(4L, 1L);
        }

        // A second run replaces; a job of one source partition copies its whole destination partition.
        long again = plan(JobSelection.databases(PROJECT));
        assertThat(run(again).get(TaskState.FAILED)).as(failures(again)).isZero();
        long one = plan(JobSelection.partitions(PROJECT, "t_text", List.of(List.of(P1, "eu", "2"))));
        assertThat(run(one).get(TaskState.SUCCEEDED)).as(failures(one)).isEqualTo(1L);
        for (TableFilesTest.Format f : FORMATS) {
            assertThat(destinationRows(tableName(f), P1))
                    .as(f + " no duplicates, none lost")
                    .hasSize(4);
            assertThat(destinationRows(tableName(f), P2)).hasSize(1);
        }

        // The Spark job's copy plan: one part per destination partition, naming the source partitions folded into it.
        long spark = plan(JobSelection.table(PROJECT, "t_text"));
        try (Migration m = open()) {
            dev.lakeport.copy.CopyPlan copyPlan = m.copies().copyPlan(spark, List.of(), NEVER);
            assertThat(copyPlan.tasks()).singleElement().satisfies(t -> {
                assertThat(t.destination().partitionKeys()).containsExactly("dt");
                assertThat(t.destination().columnCount()).isEqualTo(Rows.COLUMNS.size() + 2);
                assertThat(t.parts())
                        .extracting(dev.lakeport.copy.CopyPlan.Part::name, p -> p.folded()
                                .size())
                        .containsExactly(tuple("dt=" + P1, 3), tuple("dt=" + P2, 1));
            });
        }

        TableSchema deep = odps.tables().get(PROJECT, "t_deep").getSchema();
        assertThat(deep.getPartitionColumns())
                .as("auto folds the seventh level")
                .extracting(com.aliyun.odps.Column::getName)
                .containsExactly("k1", "k2", "k3", "k4", "k5", "k6");
        TableTunnel.DownloadSession session = new TableTunnel(odps)
                .createDownloadSession(
                        PROJECT, "t_deep", new PartitionSpec("k1='a',k2='b',k3='c',k4='d',k5='e',k6='f'"));
        try (RecordReader reader = session.openRecordReader(0, session.getRecordCount())) {
            Record r = reader.read();
            assertThat(r.getBigint("k7")).isEqualTo(7L);
            assertThat(r.getString("c_string")).isEqualTo("alpha");
            assertThat(reader.read()).isNull();
        }

        try (Migration m = open()) {
            m.load(Side.DESTINATION, QUIET, NEVER);
            DiffRun diff = m.diff(List.of(), QUIET, NEVER);
            assertThat(diff.summary().total()).as(diff.summary().toString()).isZero();
        }
    }

    @Test
    void excludingOneSourcePartitionLeavesItsWholeDestinationPartitionAsItWasAndSaysSo() throws Exception {
        maxCompute.store().maxPartitionsPerTable(2);
        loadBoth();
        long first = plan(JobSelection.table(PROJECT, "t_text"));
        assertThat(run(first).get(TaskState.FAILED)).as(failures(first)).isZero();
        assertThat(destinationRows("t_text", P1)).hasSize(4);

        // One of the three source partitions folded into dt=P1 excluded: copying the other two alone would replace
        // dt=P1 with their rows and lose the excluded one's.
        DataCopy.PlannedJob again;
        try (Migration m = open()) {
            m.exclude(
                    dev.lakeport.mapping.ExclusionRule.partition(PROJECT, "t_text", List.of(P1, "eu", "2")),
                    Optional.empty());
            again = m.copies().planJob("test", JobSelection.table(PROJECT, "t_text"), Map.of(), NEVER);
        }
        assertThat(again.leftOut())
                .extracting(DataCopy.LeftOut::reason)
                .containsExactlyInAnyOrder(
                        "1 partition excluded by your rules",
                        "2 partitions folded into the same MaxCompute partitions as excluded ones (a copy replaces a"
                                + " MaxCompute partition whole, so those are left as they are)");
        assertThat(run(again.jobId()).get(TaskState.FAILED))
                .as(failures(again.jobId()))
                .isZero();
        assertThat(destinationRows("t_text", P1))
                .as("dt=" + P1 + " keeps every row, the excluded source partition's too")
                .hasSize(4);
        assertThat(destinationRows("t_text", P2)).hasSize(1);
        try (Migration m = open()) {
            assertThat(m.copies().jobs().tasks(again.jobId())).singleElement().satisfies(t -> assertThat(t.partitions())
                    .containsExactly(List.of(P2, "eu", "1")));
        }
    }

    @Test
    void withoutFoldingTheCheckNamesTheSettingThatFixesATableAndWrongEntriesAreNamed() throws Exception {
        fold = "lake.nothing:1";
        loadBoth();

        try (Migration m = open()) {
            assertThat(m.destinationProblems(NEVER))
                    .extracting(Object::toString)
                    .containsExactlyInAnyOrder(
                            "lake.t_deep: 7 partition levels, at most 6; fold trailing partition keys into columns:"
                                    + " maxcompute.foldPartitionKeys=lake.t_deep:1",
                            "maxcompute.foldPartitionKeys: entry 'lake.nothing:1': the loaded source has no table"
                                    + " lake.nothing in scope (name it as the diff does: project or project.schema,"
                                    + " then table)");
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> plan(JobSelection.databases(PROJECT)))
                .hasMessageContaining("maxcompute.foldPartitionKeys=lake.t_deep:1");
        assertThat(odps.tables().exists(PROJECT, "t_text"))
                .as("nothing created")
                .isFalse();

        fold = "lake.t_text:x";
        org.assertj.core.api.Assertions.assertThatThrownBy(this::config)
                .hasMessageContaining("maxcompute.foldPartitionKeys")
                .hasMessageContaining("'lake.t_text:x'");
    }

    /**
     * {@code auto} against MaxCompute's real 60,000: a table of 75,000 partitions in the project's snapshot (written
     * there directly, as a load would) folds its last key, leaving 750 partitions.
     */
    @Test
    void autoCountsTheSnapshotsPartitionsAgainstSixtyThousand() {
        fold = "";
        Table big = Table.builder(PROJECT, "t_big")
                .storageDescriptor(StorageDescriptor.builder()
                        .columns(List.of(Column.of("id", "bigint")))
                        .build())
                .partitionKeys(KEYS)
                .tableType("EXTERNAL_TABLE")
                .build();
        try (Migration m = open();
                dev.lakeport.snapshot.SnapshotWriter w = m.snapshot()
                        .beginLoad(
                                Side.SOURCE,
                                dev.lakeport.snapshot.LoadOrigin.of("dlf", dlf.endpoint(), dlf.catalogId()),
                                m.mapping(),
                                m.mapping().mappingId())) {
            w.putDatabase(Database.of(PROJECT));
            w.putTable(big);
            List<Partition> partitions = new ArrayList<>();
            for (int d = 0; d < 250; d++) {
                for (String region : List.of("eu", "us", "cn")) {
                    for (int h = 0; h < 100; h++) {
                        partitions.add(new Partition(
                                PROJECT,
                                "t_big",
                                List.of("d" + d, region, Integer.toString(h)),
                                Optional.empty(),
                                Map.of(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty()));
                    }
                }
            }
            assertThat(w.replacePartitions(big, partitions.iterator())).isEqualTo(75_000L);
            w.finish();
        }
        try (Migration m = open()) {
            assertThat(m.destinationProblems(NEVER))
                    .extracting(Object::toString)
                    .containsExactly("lake.t_big: 75,000 partitions, at most 60,000 a table; fold trailing partition"
                            + " keys into columns: maxcompute.foldPartitionKeys=lake.t_big:1");
        }

        fold = "auto";
        try (Migration m = open()) {
            assertThat(m.destinationProblems(NEVER)).isEmpty();
            assertThat(m.columnTypes(PROJECT, "t_big").orElseThrow())
                    .extracting(ColumnTypeMapping::column, ColumnTypeMapping::partitionKey)
                    .endsWith(tuple("hour", false), tuple("dt", true), tuple("region", true));
        }
    }

    /** Metadata alone, by diff and apply: the diff meets each destination partition once, and a second diff is empty. */
    @Test
    void applyCreatesTheFoldedTablesWithOnePartitionPerPrefixAndASecondDiffIsEmpty() throws Exception {
        loadBoth();
        try (Migration m = open()) {
            DiffRun diff = m.diff(List.of(), QUIET, NEVER);
            assertThat(diff.summary()
                            .count(dev.lakeport.model.ObjectKind.PARTITION, dev.lakeport.diff.DiffResult.CREATE))
                    .as("t_parquet and t_text: 2 destination partitions each; t_deep: 1")
                    .isEqualTo(5);
            dev.lakeport.pipeline.ApplyOutcome outcome = m.apply(
                    diff.runId(),
                    new dev.lakeport.pipeline.ApplyRequest(4, 0, false, false, java.util.OptionalLong.empty()),
                    QUIET,
                    NEVER);
            assertThat(outcome.summary().hasFailures())
                    .as(outcome.summary().toString())
                    .isFalse();
        }
        for (TableFilesTest.Format f : FORMATS) {
            assertThat(odps.tables().get(PROJECT, tableName(f)).getPartitions())
                    .extracting(p -> p.getPartitionSpec().toString())
                    .containsExactlyInAnyOrder("dt='" + P1 + "'", "dt='" + P2 + "'");
        }
        try (Migration m = open()) {
            m.load(Side.DESTINATION, QUIET, NEVER);
            DiffRun again = m.diff(List.of(), QUIET, NEVER);
            assertThat(again.summary().total()).as(again.summary().toString()).isZero();
        }
    }
}
