package dev.lakeport.sparkjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyun.odps.Odps;
import com.aliyun.odps.PartitionSpec;
import com.aliyun.odps.account.AliyunAccount;
import com.aliyun.odps.data.Record;
import com.aliyun.odps.data.RecordReader;
import com.aliyun.odps.data.Struct;
import com.aliyun.odps.tunnel.TableTunnel;
import dev.lakeport.apply.tasks.JobProgressListener;
import dev.lakeport.apply.tasks.TaskCount;
import dev.lakeport.config.MigrationConfig;
import dev.lakeport.config.MigrationConfigLoader;
import dev.lakeport.connector.CatalogConnection;
import dev.lakeport.connector.CatalogWriter;
import dev.lakeport.copy.CopyPlan;
import dev.lakeport.copy.CopyResult;
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
import dev.lakeport.snapshot.Side;
import dev.lakeport.sparkjob.copy.CopyJob;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job's data copied into MaxCompute by the Spark job, as a user runs it: a catalog (DLF) whose tables' files were
 * written by the test (Parquet, ORC, JSON, CSV, delimited text; partitioned, with rows in Hive's default partition, and a
 * table without partitions), the project plans the job and runs its metadata here, the Spark job copies the data from
 * the plan file on {@code local[2]} into the MaxCompute emulator, and the project imports the result file. What
 * reached MaxCompute is read back through a download session.
 */
class CopyJobTest {
    private static final String PROJECT = "lake";
    private static final String P1 = "2024-01-01";
    private static final String P2 = "2024-01-02";
    private static final String P_DEFAULT = "__HIVE_DEFAULT_PARTITION__";
    private static final CancellationToken NEVER = new CancellationToken();
    private static final String PARQUET_IN = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
    private static final String PARQUET_SERDE = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";
    private static final String TEXT_IN = "org.apache.hadoop.mapred.TextInputFormat";

    @TempDir
    Path dir;

    private DlfEmulator dlf;
    private MaxComputeEmulator maxCompute;
    private Odps odps;

    @BeforeEach
    void start() throws IOException {
        dlf = DlfEmulator.start();
        maxCompute = MaxComputeEmulator.start();
        maxCompute.store().createProject(PROJECT);
        maxCompute.store().setProperty(PROJECT, "odps.sql.type.system.odps2", "true");
        maxCompute.store().setProperty(PROJECT, "odps.sql.decimal.odps2", "true");
        odps = new Odps(new AliyunAccount("test-access-id", "test-secret"));
        odps.setEndpoint(maxCompute.endpoint());
        odps.setDefaultProject(PROJECT);
        writeSource();
    }

    @AfterEach
    void stop() {
        dlf.close();
        maxCompute.close();
    }

    Map<String, String> settings() {
        Map<String, String> s = new HashMap<>();
        s.put("lakeport.source.type", "dlf");
        s.put("aliyun.accessKeyId", "test-dlf-id");
        s.put("aliyun.secretAccessKey", "test-secret");
        s.put("aliyun.region", "cn-hangzhou");
        s.put("aliyun.endpoint", dlf.endpoint());
        s.put("aliyun.catalogId", dlf.catalogId());
        s.put("lakeport.aliyun.protocol", "HTTP");
        s.put("lakeport.destination.type", "maxcompute");
        s.put("maxcompute.endpoint", maxCompute.endpoint());
        s.put("maxcompute.accessKeyId", "test-access-id");
        s.put("maxcompute.accessKeySecret", "test-secret");
        s.put("maxcompute.project", PROJECT);
        s.put("maxcompute.project.mapping", "{\"sales\": \"" + PROJECT + "\"}");
        s.put("location.convertMap", "{}");
        s.put("result.output.path", dir.resolve("results").toString());
        return s;
    }

    private MigrationConfig config() {
        return MigrationConfigLoader.fromMap(settings(), "test").config();
    }

    Migration open() {
        return Migration.open(config(), dir.resolve("copy.lakeport.mv.db"), new Properties());
    }

    // ---------------------------------------------------------------- the source, written by the test

    private static final List<Column> PARQUET_COLUMNS = List.of(
            Column.of("id", "bigint"),
            Column.of("name", "string"),
            Column.of("amount", "decimal(10,2)"),
            Column.of("day", "date"),
            Column.of("tags", "array<string>"),
            Column.of("attrs", "map<string,int>"),
            Column.of("info", "struct<a:int,b:string>"));
    private static final List<Column> FLAT_COLUMNS =
            List.of(Column.of("id", "bigint"), Column.of("name", "string"), Column.of("amount", "decimal(10,2)"));
    private static final List<Column> JSON_COLUMNS = List.of(
            Column.of("id", "bigint"),
            Column.of("name", "string"),
            Column.of("amount", "decimal(10,2)"),
            Column.of("ts", "timestamp"));
    private static final List<Column> KEYS = List.of(Column.of("ds", "string"));

    private StorageDescriptor storage(List<Column> columns, Path location, String input, SerDeInfo serde) {
        return StorageDescriptor.builder()
                .columns(columns)
                .location(location.toUri().toString())
                .inputFormat(input)
                .serDeInfo(serde)
                .build();
    }

    private static Table table(String name, StorageDescriptor sd, List<Column> keys, Map<String, String> params) {
        return new Table(
                "sales",
                name,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                0,
                Optional.of(sd),
                keys,
                Optional.empty(),
                Optional.empty(),
                Optional.of("EXTERNAL_TABLE"),
                params);
    }

    private static Partition partition(Table t, StorageDescriptor sd, String value) {
        return new Partition(
                "sales",
                t.name(),
                List.of(value),
                Optional.of(sd),
                Map.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    private static Row parquetRow(long id, String name, String amount, String day) {
        return RowFactory.create(
                id,
                name,
                amount == null ? null : new BigDecimal(amount),
                day == null ? null : java.sql.Date.valueOf(day),
                name == null ? null : Arrays.asList("t" + id, null),
                name == null ? null : Map.of("k" + id, (int) id),
                name == null ? null : RowFactory.create((int) id, "b" + id));
    }

    private void writeParquet(Path directory, List<Row> rows) {
        StructType schema = new StructType()
                .add("id", DataTypes.LongType)
                .add("name", DataTypes.StringType)
                .add("amount", DataTypes.createDecimalType(10, 2))
                .add("day", DataTypes.DateType)
                .add("tags", DataTypes.createArrayType(DataTypes.StringType))
                .add("attrs", DataTypes.createMapType(DataTypes.StringType, DataTypes.IntegerType))
                .add("info", new StructType().add("a", DataTypes.IntegerType).add("b", DataTypes.StringType));
        Dataset<Row> ds = SharedSpark.session().createDataFrame(rows, schema).coalesce(1);
        ds.write().mode(SaveMode.Overwrite).parquet(directory.toUri().toString());
    }

    private static void writeLines(Path file, String... lines) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    /**
     * t_parquet: 3 rows in P1 (one of them all NULL), 1 in P2, 2 in the default partition (two files); t_avro,
     * t_json, t_csv, t_text: 2 rows in P1, 1 in the default partition; t_flat (Parquet, no partitions): 2 rows.
     */
    private void writeSource() throws IOException {
        Path lake = dir.resolve("lake");
        Path parquet = lake.resolve("t_parquet");
        writeParquet(
                parquet.resolve("ds=" + P1),
                List.of(
                        parquetRow(1, "alpha", "12.50", "2024-02-29"),
                        parquetRow(2, "beta é 中", "-0.01", "1999-12-31"),
                        RowFactory.create(null, null, null, null, null, null, null)));
        writeParquet(parquet.resolve("ds=" + P2), List.of(parquetRow(4, "delta", "4.00", "2024-01-02")));
        writeParquet(parquet.resolve("ds=" + P_DEFAULT), List.of(parquetRow(5, "in the default partition", "5", null)));
        Files.copy(
                firstPart(parquet.resolve("ds=" + P2)),
                parquet.resolve("ds=" + P_DEFAULT).resolve("part-99999-extra.parquet"));
        writeParquet(lake.resolve("t_flat"), List.of(parquetRow(7, "seven", "7.70", null)));
        // a second file in the unpartitioned table
        Files.copy(
                firstPart(parquet.resolve("ds=" + P2)), lake.resolve("t_flat").resolve("part-99999-b.parquet"));

        Path orc = lake.resolve("t_orc");
        StructType flat = new StructType()
                .add("id", DataTypes.LongType)
                .add("name", DataTypes.StringType)
                .add("amount", DataTypes.createDecimalType(10, 2));
        SharedSpark.session()
                .createDataFrame(List.of(RowFactory.create(1L, "orc one", new BigDecimal("1.10"))), flat)
                .write()
                .orc(orc.resolve("ds=" + P1).toUri().toString());
        SharedSpark.session()
                .createDataFrame(List.of(RowFactory.create(5L, "orc default", null)), flat)
                .write()
                .orc(orc.resolve("ds=" + P_DEFAULT).toUri().toString());

        Path avro = lake.resolve("t_avro");
        SharedSpark.session()
                .createDataFrame(
                        List.of(
                                RowFactory.create(1L, "avro one", new BigDecimal("1.10")),
                                RowFactory.create(2L, null, null)),
                        flat)
                .write()
                .format("avro")
                .save(avro.resolve("ds=" + P1).toUri().toString());
        SharedSpark.session()
                .createDataFrame(List.of(RowFactory.create(5L, "avro default", new BigDecimal("-5.55"))), flat)
                .write()
                .format("avro")
                .save(avro.resolve("ds=" + P_DEFAULT).toUri().toString());

        Path json = lake.resolve("t_json");
        writeLines(
                json.resolve("ds=" + P1).resolve("000000_0"),
                "{\"id\": 1, \"name\": \"alpha\", \"amount\": 12.5, \"ts\": \"2024-03-01 10:11:12.123\"}",
                "{\"id\": 2, \"name\": null, \"amount\": -0.01}");
        writeLines(json.resolve("ds=" + P_DEFAULT).resolve("000000_0"), "{\"id\": 5, \"name\": \"default\"}");

        Path csv = lake.resolve("t_csv");
        writeLines(
                csv.resolve("ds=" + P1).resolve("000000_0"), "id,name,amount", "1,\"alpha, quoted\",12.50", "2,beta,3");
        writeLines(csv.resolve("ds=" + P_DEFAULT).resolve("000000_0"), "id,name,amount", "5,default,5.55");

        Path text = lake.resolve("t_text");
        writeLines(text.resolve("ds=" + P1).resolve("000000_0"), "1|alpha|12.50", "2|\\N|\\N");
        writeLines(text.resolve("ds=" + P_DEFAULT).resolve("000000_0"), "5|default|5.55");

        MigrationConfig.Side source = config().source();
        try (CatalogConnection c = source.connector().open(source.settings(), config().callSettings());
                CatalogWriter w = c.writer()) {
            w.createDatabase(Database.of("sales"));
            SerDeInfo parquetSerde = SerDeInfo.of(PARQUET_SERDE, Map.of());
            create(w, "t_parquet", PARQUET_COLUMNS, parquet, PARQUET_IN, parquetSerde, Map.of(), P1, P2, P_DEFAULT);
            create(
                    w,
                    "t_orc",
                    FLAT_COLUMNS,
                    orc,
                    "org.apache.hadoop.hive.ql.io.orc.OrcInputFormat",
                    SerDeInfo.of("org.apache.hadoop.hive.ql.io.orc.OrcSerde", Map.of()),
                    Map.of(),
                    P1,
                    P_DEFAULT);
            create(
                    w,
                    "t_avro",
                    FLAT_COLUMNS,
                    avro,
                    "org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat",
                    SerDeInfo.of("org.apache.hadoop.hive.serde2.avro.AvroSerDe", Map.of()),
                    Map.of(),
                    P1,
                    P_DEFAULT);
            create(
                    w,
                    "t_json",
                    JSON_COLUMNS,
                    json,
                    TEXT_IN,
                    SerDeInfo.of("org.apache.hive.hcatalog.data.JsonSerDe", Map.of()),
                    Map.of(),
                    P1,
                    P_DEFAULT);
            create(
                    w,
                    "t_csv",
                    FLAT_COLUMNS,
                    csv,
                    TEXT_IN,
                    SerDeInfo.of("org.apache.hadoop.hive.serde2.OpenCSVSerde", Map.of("separatorChar", ",")),
                    Map.of("skip.header.line.count", "1"),
                    P1,
                    P_DEFAULT);
            create(
                    w,
                    "t_text",
                    FLAT_COLUMNS,
                    text,
                    TEXT_IN,
                    SerDeInfo.of(
                            "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe",
                            Map.of("field.delim", "|", "serialization.format", "|")),
                    Map.of(),
                    P1,
                    P_DEFAULT);
            w.createTable(table(
                    "t_flat",
                    storage(PARQUET_COLUMNS, lake.resolve("t_flat"), PARQUET_IN, parquetSerde),
                    List.of(),
                    Map.of()));
        }
    }

    private static Path firstPart(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().startsWith("part-")
                            && f.getFileName().toString().endsWith(".parquet"))
                    .findFirst()
                    .orElseThrow();
        }
    }

    private void create(
            CatalogWriter w,
            String name,
            List<Column> columns,
            Path root,
            String input,
            SerDeInfo serde,
            Map<String, String> params,
            String... values) {
        Table t = table(name, storage(columns, root, input, serde), KEYS, params);
        w.createTable(t);
        List<Partition> partitions = new ArrayList<>();
        for (String v : values) {
            partitions.add(partition(t, storage(columns, root.resolve("ds=" + v), input, serde), v));
        }
        w.createPartitions(t, partitions);
    }

    // ---------------------------------------------------------------- the project's side

    /** Plans a job of both steps over the database and runs its metadata here; returns the job's id. */
    private long planAndCreateTables() {
        try (Migration m = open()) {
            m.load(Side.SOURCE, ProgressListener.NONE, NEVER);
            m.load(Side.DESTINATION, ProgressListener.NONE, NEVER);
            long metadata =
                    m.copies().plan("metadata", JobSelection.databases(PROJECT), Map.of("job.mode", "metadata"), NEVER);
            StateCounts created = m.copies().run(metadata, NO_DATA, false, NEVER, JobProgressListener.NONE);
            assertThat(created.get(TaskState.FAILED)).isZero();
            return m.copies().plan("data", JobSelection.databases(PROJECT), Map.of("job.mode", "data"), NEVER);
        }
    }

    private static final SourceData NO_DATA = new SourceData() {
        @Override
        public Stream<Object[]> rows(Table table, Optional<Partition> partition) {
            throw new AssertionError("a metadata job reads no data");
        }

        @Override
        public long count(Table table, Optional<Partition> partition) {
            throw new AssertionError("a metadata job reads no data");
        }

        @Override
        public String countedBy() {
            return "-";
        }
    };

    private Path writePlan(long job) throws IOException {
        Path file = dir.resolve("copy-plan-" + job + ".json");
        try (Migration m = open()) {
            CopyPlan plan = m.copies().copyPlan(job, List.of(), NEVER);
            Files.writeString(file, plan.toJson(), StandardCharsets.UTF_8);
        }
        return file;
    }

    Path settingsFile() throws IOException {
        Properties p = new Properties();
        p.putAll(settings());
        Path file = dir.resolve("application.properties");
        try (var out = Files.newOutputStream(file)) {
            p.store(out, null);
        }
        return file;
    }

    /** Runs the job on the plan; {@link CopyJobSubmitIT} runs it with spark-submit instead. */
    CopyResult runJob(Path plan, String runId) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CopyResult result;
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            result = CopyJob.run(
                    SharedSpark.session(),
                    new String[] {
                        settingsFile().toString(),
                        CopyJob.ARG_PLAN,
                        plan.toString(),
                        "--run-id",
                        runId,
                        "--rows-per-block",
                        "1"
                    },
                    print);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("test-secret");
        return result;
    }

    private List<Record> destinationRows(String table, Optional<String> ds) throws Exception {
        TableTunnel tunnel = new TableTunnel(odps);
        TableTunnel.DownloadSession session = ds.isPresent()
                ? tunnel.createDownloadSession(PROJECT, table, new PartitionSpec("ds='" + ds.get() + "'"))
                : tunnel.createDownloadSession(PROJECT, table);
        List<Record> rows = new ArrayList<>();
        if (session.getRecordCount() == 0) {
            return rows;
        }
        try (RecordReader reader = session.openRecordReader(0, session.getRecordCount())) {
            for (Record r = reader.read(); r != null; r = reader.read()) {
                rows.add(r);
            }
        }
        rows.sort((a, b) -> Long.compare(
                a.getBigint("id") == null ? Long.MAX_VALUE : a.getBigint("id"),
                b.getBigint("id") == null ? Long.MAX_VALUE : b.getBigint("id")));
        return rows;
    }

    /** A MaxCompute time as the wall clock at UTC, whichever of its time types the mapping chose. */
    private static java.time.LocalDateTime wallClock(Object value) {
        if (value instanceof java.time.LocalDateTime t) {
            return t;
        }
        if (value instanceof java.time.Instant i) {
            return java.time.LocalDateTime.ofInstant(i, java.time.ZoneOffset.UTC);
        }
        if (value instanceof java.time.ZonedDateTime z) {
            return java.time.LocalDateTime.ofInstant(z.toInstant(), java.time.ZoneOffset.UTC);
        }
        throw new AssertionError("not a time: " + value);
    }

    // ---------------------------------------------------------------- the tests

    @Test
    void theSparkJobCopiesEveryFormatAndPartitionIncludingHivesDefaultAndTheProjectImportsItsCounts() throws Exception {
        long job = planAndCreateTables();
        Path plan = writePlan(job);

        CopyResult result = runJob(plan, "run-1");

        assertThat(result.tasks()).as(result.toJson()).hasSize(7).allSatisfy(t -> assertThat(t.state())
                .as(t.table() + ": " + t.error())
                .isEqualTo(CopyResult.SUCCEEDED));
        Path file = dir.resolve("results").resolve(CopyResult.fileName("run-1"));
        assertThat(file).exists();

        List<Record> p1 = destinationRows("t_parquet", Optional.of(P1));
        assertThat(p1).hasSize(3);
        Record alpha = p1.get(0);
        assertThat(alpha.getBigint("id")).isEqualTo(1L);
        assertThat(alpha.getString("name")).isEqualTo("alpha");
        assertThat(alpha.getDecimal("amount")).isEqualByComparingTo("12.50");
        assertThat(alpha.get("day")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(alpha.get("tags")).isEqualTo(Arrays.asList("t1", null));
        assertThat(((Map<?, ?>) alpha.get("attrs")).get("k1")).isEqualTo(1);
        Struct info = (Struct) alpha.get("info");
        assertThat(info.getFieldValue("a")).isEqualTo(1);
        assertThat(info.getFieldValue("b")).isEqualTo("b1");
        assertThat(p1.get(1).getString("name")).isEqualTo("beta é 中");
        assertThat(Arrays.asList(p1.get(2).toArray())).containsOnlyNulls();
        assertThat(destinationRows("t_parquet", Optional.of(P2))).hasSize(1);
        assertThat(destinationRows("t_parquet", Optional.of(P_DEFAULT)))
                .as("Hive's default partition is copied, not dropped: two files")
                .extracting(r -> r.getBigint("id"))
                .containsExactly(4L, 5L);
        assertThat(destinationRows("t_flat", Optional.empty()))
                .extracting(r -> r.getBigint("id"))
                .containsExactly(4L, 7L);

        assertThat(destinationRows("t_orc", Optional.of(P1)))
                .extracting(r -> r.getString("name"))
                .containsExactly("orc one");
        assertThat(destinationRows("t_orc", Optional.of(P_DEFAULT)))
                .extracting(r -> r.getString("name"))
                .containsExactly("orc default");

        List<Record> avro = destinationRows("t_avro", Optional.of(P1));
        assertThat(avro).extracting(r -> r.getString("name")).containsExactly("avro one", null);
        assertThat(avro.get(0).getDecimal("amount")).isEqualByComparingTo("1.10");
        assertThat(destinationRows("t_avro", Optional.of(P_DEFAULT)))
                .extracting(r -> r.getDecimal("amount"))
                .singleElement()
                .satisfies(d -> assertThat(d).isEqualByComparingTo("-5.55"));

        List<Record> json = destinationRows("t_json", Optional.of(P1));
        assertThat(json).extracting(r -> r.getBigint("id")).containsExactly(1L, 2L);
        assertThat(json.get(0).getDecimal("amount")).isEqualByComparingTo("12.5");
        assertThat(json.get(1).getString("name")).isNull();
        assertThat(wallClock(json.get(0).get("ts")))
                .as("Hive's timestamp text is a wall-clock time, kept as written")
                .isEqualTo(java.time.LocalDateTime.of(2024, 3, 1, 10, 11, 12, 123_000_000));
        assertThat(json.get(1).get("ts")).isNull();
        assertThat(destinationRows("t_json", Optional.of(P_DEFAULT))).hasSize(1);

        List<Record> csv = destinationRows("t_csv", Optional.of(P1));
        assertThat(csv)
                .as("the header line is skipped, a quoted separator kept")
                .extracting(r -> r.getString("name"))
                .containsExactly("alpha, quoted", "beta");
        assertThat(destinationRows("t_csv", Optional.of(P_DEFAULT)))
                .extracting(r -> r.getDecimal("amount"))
                .singleElement()
                .satisfies(d -> assertThat(d).isEqualByComparingTo("5.55"));

        List<Record> text = destinationRows("t_text", Optional.of(P1));
        assertThat(text).extracting(r -> r.getString("name")).containsExactly("alpha", null);
        assertThat(text.get(1).getDecimal("amount")).as("\\N is NULL").isNull();

        // the result carries three equal counts per partition, from a count apart from the writer's
        CopyResult.TaskResult parquetTask = result.tasks().stream()
                .filter(t -> t.table().equals(PROJECT + ".t_parquet"))
                .findFirst()
                .orElseThrow();
        assertThat(parquetTask.partitions())
                .extracting(p -> p.partition() + " " + p.source() + "/" + p.written() + "/" + p.destination())
                .containsExactlyInAnyOrder("ds=" + P1 + " 3/3/3", "ds=" + P2 + " 1/1/1", "ds=" + P_DEFAULT + " 2/2/2");

        // the project imports the result file
        CopyResult read;
        try (InputStream in = Files.newInputStream(file)) {
            read = CopyResult.read(in, file.toString());
        }
        try (Migration m = open()) {
            StateCounts counts = m.copies().importResult(read);
            assertThat(counts.get(TaskState.SUCCEEDED)).isEqualTo(7L);
            assertThat(counts.get(TaskState.PENDING)).isZero();
            List<TaskCount> verified = m.copies().jobs().verifications(job);
            assertThat(verified).hasSize(6 * 2 + 1 + 1).allSatisfy(c -> {
                assertThat(c.passed()).as(c.toString()).isTrue();
                assertThat(c.counts().source()).isEqualTo(c.counts().written());
            });
            assertThat(verified)
                    .filteredOn(c -> c.counts().table().equals(PROJECT + ".t_parquet"))
                    .extracting(c -> c.counts().partition() + " "
                            + c.counts().destination().getAsLong())
                    .containsExactlyInAnyOrder("ds=" + P1 + " 3", "ds=" + P2 + " 1", "ds=" + P_DEFAULT + " 2");
            JobTask first = m.copies().jobs().tasks(job).get(0);
            assertThat(m.copies().jobs().log(first.id()))
                    .extracting(TaskLogEntry::message)
                    .anySatisfy(l -> assertThat(l).contains("a separate Spark count of the files"))
                    .anySatisfy(l -> assertThat(l).startsWith("succeeded: ").contains("run-1"));
        }
    }

    @Test
    void aSecondRunReplacesInsteadOfAddingAndAResultImportedTwiceChangesNothing() throws Exception {
        long job = planAndCreateTables();
        Path plan = writePlan(job);
        CopyResult first = runJob(plan, "run-1");
        CopyResult second = runJob(plan, "run-2");

        assertThat(second.tasks())
                .allSatisfy(t -> assertThat(t.succeeded()).as(t.error()).isTrue());
        assertThat(destinationRows("t_parquet", Optional.of(P1))).hasSize(3);
        assertThat(destinationRows("t_parquet", Optional.of(P_DEFAULT))).hasSize(2);
        assertThat(destinationRows("t_flat", Optional.empty())).hasSize(2);
        assertThat(destinationRows("t_csv", Optional.of(P1))).hasSize(2);

        try (Migration m = open()) {
            assertThat(m.copies().importResult(first).get(TaskState.SUCCEEDED)).isEqualTo(7L);
            assertThat(m.copies().importResult(second).get(TaskState.SUCCEEDED)).isEqualTo(7L);
            JobTask task = m.copies().jobs().tasks(job).get(0);
            assertThat(task.attempts()).isEqualTo(1);
            assertThat(m.copies().jobs().log(task.id()))
                    .extracting(TaskLogEntry::message)
                    .noneSatisfy(l -> assertThat(l).contains("run-2"));
        }
    }

    @Test
    void aTaskWhoseDestinationTableIsMissingFailsAloneNamingItAndTheImportMarksItFailed() throws Exception {
        long job;
        try (Migration m = open()) {
            m.load(Side.SOURCE, ProgressListener.NONE, NEVER);
            m.load(Side.DESTINATION, ProgressListener.NONE, NEVER);
            long metadata = m.copies()
                    .plan(
                            "metadata",
                            JobSelection.partitions(PROJECT, "t_csv", List.of(List.of(P1), List.of(P_DEFAULT))),
                            Map.of("job.mode", "metadata"),
                            NEVER);
            assertThat(m.copies()
                            .run(metadata, NO_DATA, false, NEVER, JobProgressListener.NONE)
                            .get(TaskState.SUCCEEDED))
                    .isEqualTo(1L);
            job = m.copies()
                    .plan(
                            "data",
                            new JobSelection.Tables(List.of(
                                    new JobSelection.TableName(PROJECT, "t_csv"),
                                    new JobSelection.TableName(PROJECT, "t_json"))),
                            Map.of("job.mode", "data"),
                            NEVER);
        }

        CopyResult result = runJob(writePlan(job), "run-1");

        assertThat(result.tasks())
                .filteredOn(t -> t.table().equals(PROJECT + ".t_csv"))
                .singleElement()
                .satisfies(t -> assertThat(t.succeeded()).as(t.error()).isTrue());
        CopyResult.TaskResult json = result.tasks().stream()
                .filter(t -> t.table().equals(PROJECT + ".t_json"))
                .findFirst()
                .orElseThrow();
        assertThat(json.state()).isEqualTo(CopyResult.FAILED);
        assertThat(json.error()).contains(PROJECT + ".t_json").contains("ds=" + P1);
        assertThat(destinationRows("t_csv", Optional.of(P1))).hasSize(2);
        try (Migration m = open()) {
            StateCounts counts = m.copies().importResult(result);
            assertThat(counts.get(TaskState.SUCCEEDED)).isEqualTo(1L);
            assertThat(counts.get(TaskState.FAILED)).isEqualTo(1L);
            JobTask failed = m.copies().jobs().tasks(job, TaskState.FAILED).get(0);
            assertThat(failed.table()).isEqualTo("t_json");
            assertThat(failed.lastError().orElseThrow())
                    .contains(PROJECT + ".t_json")
                    .contains("run-1");
        }
    }

    @Test
    void commitsThatLoseTheirAnswerNeitherDuplicateNorDropRows() throws Exception {
        long job;
        try (Migration m = open()) {
            m.load(Side.SOURCE, ProgressListener.NONE, NEVER);
            m.load(Side.DESTINATION, ProgressListener.NONE, NEVER);
            JobSelection parquet = new JobSelection.Tables(List.of(new JobSelection.TableName(PROJECT, "t_parquet")));
            long metadata = m.copies().plan("metadata", parquet, Map.of("job.mode", "metadata"), NEVER);
            m.copies().run(metadata, NO_DATA, false, NEVER, JobProgressListener.NONE);
            job = m.copies().plan("data", parquet, Map.of("job.mode", "data"), NEVER);
        }
        maxCompute
                .maxComputeFaults()
                .scope(dev.lakeport.emulator.maxcompute.MaxComputeFaults.Scope.TUNNEL)
                .loseResponsesAfterCommit(2);
        CopyResult result;
        try {
            result = runJob(writePlan(job), "run-faults");
        } finally {
            maxCompute.maxComputeFaults().reset();
        }

        assertThat(result.tasks()).singleElement().satisfies(t -> {
            assertThat(t.succeeded()).as(t.error()).isTrue();
            assertThat(t.partitions())
                    .extracting(p -> p.source() + "/" + p.written() + "/" + p.destination())
                    .containsExactlyInAnyOrder("3/3/3", "1/1/1", "2/2/2");
        });
        assertThat(destinationRows("t_parquet", Optional.of(P1)))
                .extracting(r -> r.getBigint("id"))
                .containsExactly(1L, 2L, null);
    }

    @Test
    void aPlanThatCannotBeReadStopsTheRunBeforeAnythingIsCopiedNamingTheFile() throws Exception {
        Path plan = dir.resolve("broken-plan.json");
        Files.writeString(plan, "{\"version\": 1, \"jobId\": 1, \"tasks\": [{\"taskId\": 1}]}");

        assertThatThrownBy(() -> runJob(plan, "run-bad"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the copy plan " + plan);
        assertThat(dir.resolve("results").resolve(CopyResult.fileName("run-bad")))
                .doesNotExist();
    }

    @Test
    void aResultOfAnotherJobsTasksChangesNothingAndSaysWhy() throws Exception {
        long job = planAndCreateTables();
        CopyResult foreign = CopyResult.of(
                job,
                "run-x",
                List.of(new CopyResult.TaskResult(
                        999_999L,
                        PROJECT,
                        PROJECT + ".t_csv",
                        CopyResult.SUCCEEDED,
                        "copied",
                        null,
                        List.of(),
                        List.of())));
        try (Migration m = open()) {
            assertThatThrownBy(() -> m.copies().importResult(foreign))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("999999")
                    .hasMessageContaining("job " + job);
            assertThat(m.copies().jobs().counts(job).get(TaskState.PENDING)).isEqualTo(7L);
        }
        assertThatThrownBy(() -> CopyResult.fromJson(
                        "{\"version\": 1, \"jobId\": 1, \"runId\": \"r\", \"tasks\": ["
                                + "{\"taskId\": 3, \"database\": \"lake\", \"table\": \"lake.t\", \"state\": \"DONE\"}]}",
                        "result.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("result.json")
                .hasMessageContaining("task 3 has state 'DONE'");
    }
}
