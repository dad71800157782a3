package dev.lakeport.sparkjob;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.odps.Odps;
import com.aliyun.odps.account.AliyunAccount;
import com.aliyun.odps.task.SQLTask;
import dev.lakeport.copy.CopyPlan;
import dev.lakeport.copy.CopyResult;
import dev.lakeport.emulator.maxcompute.MaxComputeEmulator;
import dev.lakeport.sparkjob.copy.CopyJob;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows per second the Spark copy moves into the MaxCompute emulator on {@code local[2]}, for a narrow and a wide Parquet
 * table, beside a plain Spark read-and-count of the same files in the same run (the ratio shows what the writer and
 * the Tunnel cost). Not a test: run with {@code -Dlakeport.bench=true} ({@code lakeport.bench.rows} sets the narrow
 * table's rows; the wide one has a tenth; {@code lakeport.bench.runs}, default 3, how many times each is read and copied,
 * the medians printed last). The emulator runs in this JVM and shares its cores.
 */
@EnabledIfSystemProperty(named = "lakeport.bench", matches = "true")
class CopyJobBench {
    private static final long ROWS = Long.getLong("lakeport.bench.rows", 200_000);
    private static final int RUNS = Integer.getInteger("lakeport.bench.runs", 3);
    private static final int WIDE_COLUMNS = 50;

    @TempDir
    Path dir;

    @Test
    void rowsPerSecondForANarrowAndAWideTable() throws Exception {
        SparkSession spark = SharedSpark.session();
        try (MaxComputeEmulator emulator = MaxComputeEmulator.start()) {
            emulator.store().createProject("lake");
            emulator.store().setProperty("lake", "odps.sql.type.system.odps2", "true");
            emulator.store().setProperty("lake", "odps.sql.decimal.odps2", "true");
            Odps odps = new Odps(new AliyunAccount("test-access-id", "test-secret"));
            odps.setEndpoint(emulator.endpoint());
            odps.setDefaultProject("lake");
            Path settings = settings(emulator);
            for (boolean wide : List.of(false, true)) {
                long rows = wide ? ROWS / 10 : ROWS;
                String name = wide ? "wide" : "narrow";
                List<CopyPlan.Column> columns = new ArrayList<>();
                columns.add(new CopyPlan.Column("id", "bigint"));
                StringBuilder ddl = new StringBuilder("CREATE TABLE " + name + " (id BIGINT");
                Dataset<Row> data = spark.range(rows).toDF("id");
                int extra = wide ? WIDE_COLUMNS - 1 : 2;
                for (int c = 1; c <= extra; c++) {
                    boolean text = c % 2 == 0;
                    String column = "c" + c;
                    columns.add(new CopyPlan.Column(column, text ? "string" : "double"));
                    ddl.append(", ").append(column).append(text ? " STRING" : " DOUBLE");
                    data = data.withColumn(
                            column,
                            text
                                    ? functions.concat(functions.lit("value "), functions.col("id"))
                                    : functions.col("id").multiply(1.5));
                }
                SQLTask.run(odps, ddl.append(") LIFECYCLE 1;").toString()).waitForSuccess();
                Path files = dir.resolve(name);
                data.repartition(2).write().parquet(files.toUri().toString());

                List<Double> copyTimes = new ArrayList<>();
                List<Double> readTimes = new ArrayList<>();
                for (int run = 1; run <= RUNS; run++) {
                    long readStarted = System.nanoTime();
                    long counted = spark.read()
                            .parquet(files.toUri().toString())
                            .select("*")
                            .javaRDD()
                            .count();
                    double readSeconds = (System.nanoTime() - readStarted) / 1e9;
                    readTimes.add(readSeconds);

                    CopyPlan plan = CopyPlan.of(
                            1,
                            List.of(new CopyPlan.Task(
                                    1,
                                    new CopyPlan.SourceTable(
                                            "src",
                                            name,
                                            new CopyPlan.Storage(
                                                    files.toUri().toString(),
                                                    "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
                                                    "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
                                                    Map.of()),
                                            columns,
                                            List.of(),
                                            Map.of()),
                                    new CopyPlan.Destination("lake", name, List.of(), columns.size()),
                                    List.of(new CopyPlan.Part(List.of(), "", null)))));
                    Path planFile = dir.resolve(name + "-plan.json");
                    Files.writeString(planFile, plan.toJson());
                    long started = System.nanoTime();
                    CopyResult result;
                    try (PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)) {
                        result = CopyJob.run(
                                spark,
                                new String[] {
                                    settings.toString(),
                                    CopyJob.ARG_PLAN,
                                    planFile.toString(),
                                    "--run-id",
                                    name + "-" + run
                                },
                                out);
                    }
                    double copySeconds = (System.nanoTime() - started) / 1e9;
                    copyTimes.add(copySeconds);
                    assertThat(result.tasks().get(0).succeeded())
                            .as(result.tasks().get(0).error())
                            .isTrue();
                    assertThat(counted).isEqualTo(rows);
                    System.out.printf(
                            "bench: run %d, %s table (%d columns), %,d rows: copied and verified in %.1f s (%,.0f rows/s);"
                                    + " a plain Spark read of every column in %.1f s (%,.0f rows/s); copy/read %.1f×%n",
                            run,
                            name,
                            columns.size(),
                            rows,
                            copySeconds,
                            rows / copySeconds,
                            readSeconds,
                            rows / readSeconds,
                            copySeconds / readSeconds);
                }
                double copy = median(copyTimes);
                double read = median(readTimes);
                System.out.printf(
                        "bench: %s table (%d columns), %,d rows, median of %d runs: %,.0f rows/s copied and verified;"
                                + " %,.0f rows/s read by plain Spark; copy/read %.1f×%n",
                        name, columns.size(), rows, RUNS, rows / copy, rows / read, copy / read);
            }
        }
    }

    private static double median(List<Double> seconds) {
        List<Double> sorted = seconds.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private Path settings(MaxComputeEmulator emulator) throws Exception {
        Properties p = new Properties();
        p.put("lakeport.source.type", "hive");
        p.put("hive.metastore.uris", "thrift://127.0.0.1:9");
        p.put("lakeport.destination.type", "maxcompute");
        p.put("maxcompute.endpoint", emulator.endpoint());
        p.put("maxcompute.accessKeyId", "test-access-id");
        p.put("maxcompute.accessKeySecret", "test-secret");
        p.put("maxcompute.project", "lake");
        p.put("location.convertMap", "{}");
        p.put("result.output.path", dir.resolve("results").toString());
        Path file = dir.resolve("application.properties");
        try (var out = Files.newOutputStream(file)) {
            p.store(out, null);
        }
        return file;
    }
}
