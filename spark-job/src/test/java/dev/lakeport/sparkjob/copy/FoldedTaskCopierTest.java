package dev.lakeport.sparkjob.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.aliyun.odps.Odps;
import com.aliyun.odps.PartitionSpec;
import com.aliyun.odps.account.AliyunAccount;
import com.aliyun.odps.data.Record;
import com.aliyun.odps.data.RecordReader;
import com.aliyun.odps.task.SQLTask;
import com.aliyun.odps.tunnel.TableTunnel;
import dev.lakeport.copy.CopyPlan;
import dev.lakeport.copy.CopyResult;
import dev.lakeport.emulator.maxcompute.MaxComputeEmulator;
import dev.lakeport.secret.Secret;
import dev.lakeport.sparkjob.SparkForTests;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark copy of a table whose last partition key is folded into a column: the source partitions of one destination
 * partition are written in one session with the key's value typed in its column (Hive's default partition as NULL),
 * counted together, and a second copy replaces instead of adding.
 */
class FoldedTaskCopierTest {
    @TempDir
    Path dir;

    private MaxComputeEmulator emulator;
    private Odps odps;
    private SparkSession spark;
    private Destination destination;
    private CopyPlan.Task task;

    @BeforeEach
    void start() throws Exception {
        emulator = MaxComputeEmulator.start();
        emulator.store().createProject("lake");
        emulator.store().setProperty("lake", "odps.sql.type.system.odps2", "true");
        odps = new Odps(new AliyunAccount("test-access-id", "test-secret"));
        odps.setEndpoint(emulator.endpoint());
        odps.setDefaultProject("lake");
        SQLTask.run(odps, "CREATE TABLE t (id BIGINT, name STRING, hh INT) PARTITIONED BY (ds STRING);")
                .waitForSuccess();
        SQLTask.run(odps, "ALTER TABLE t ADD IF NOT EXISTS PARTITION (ds='a') PARTITION (ds='b');")
                .waitForSuccess();
        spark = SparkForTests.session();
        StructType schema = new StructType().add("id", DataTypes.LongType).add("name", DataTypes.StringType);
        Path files = dir.resolve("t");
        write(schema, files.resolve("ds=a/hh=1"), RowFactory.create(1L, "one"), RowFactory.create(2L, "two"));
        write(schema, files.resolve("ds=a/hh=__HIVE_DEFAULT_PARTITION__"), RowFactory.create(3L, "three"));
        write(schema, files.resolve("ds=b/hh=2"), RowFactory.create(4L, "four"));
        CopyPlan.Storage parquet = new CopyPlan.Storage(
                files.toUri().toString(),
                "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
                "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
                Map.of());
        task = new CopyPlan.Task(
                1,
                new CopyPlan.SourceTable(
                        "src",
                        "t",
                        parquet,
                        List.of(new CopyPlan.Column("id", "bigint"), new CopyPlan.Column("name", "string")),
                        List.of(new CopyPlan.Column("ds", "string"), new CopyPlan.Column("hh", "int")),
                        Map.of()),
                new CopyPlan.Destination("lake", "t", List.of("ds"), 3),
                List.of(
                        new CopyPlan.Part(
                                List.of("a"),
                                "ds=a",
                                null,
                                List.of(folded(files, "a", "1"), folded(files, "a", "__HIVE_DEFAULT_PARTITION__"))),
                        new CopyPlan.Part(List.of("b"), "ds=b", null, List.of(folded(files, "b", "2")))));
        destination = new Destination(
                Map.of(
                        "lakeport.source.type", "hive",
                        "hive.metastore.uris", "thrift://127.0.0.1:9",
                        "lakeport.destination.type", "maxcompute",
                        "maxcompute.endpoint", emulator.endpoint(),
                        "maxcompute.project", "lake",
                        "location.convertMap", "{}"),
                Map.of(
                        "maxcompute.accessKeyId", Secret.of("test-access-id"),
                        "maxcompute.accessKeySecret", Secret.of("test-secret")));
    }

    private void write(StructType schema, Path where, Row... rows) {
        spark.createDataFrame(List.of(rows), schema)
                .write()
                .parquet(where.toUri().toString());
    }

    private static CopyPlan.Folded folded(Path files, String ds, String hh) {
        return new CopyPlan.Folded(
                List.of(ds, hh),
                new CopyPlan.Storage(
                        files.resolve("ds=" + ds + "/hh=" + hh).toUri().toString(), null, null, Map.of()));
    }

    @AfterEach
    void stop() {
        destination.release();
        emulator.close();
    }

    private List<Record> rows(String ds) throws Exception {
        TableTunnel.DownloadSession session =
                new TableTunnel(odps).createDownloadSession("lake", "t", new PartitionSpec("ds='" + ds + "'"));
        List<Record> out = new ArrayList<>();
        try (RecordReader reader = session.openRecordReader(0, session.getRecordCount())) {
            for (Record r = reader.read(); r != null; r = reader.read()) {
                out.add(r);
            }
        }
        return out;
    }

    @Test
    void theSourcePartitionsOfADestinationPartitionAreWrittenTogetherWithTheFoldedKeyAsAColumn() throws Exception {
        for (int run = 1; run <= 2; run++) {
            TaskCopier copier = new TaskCopier(spark, destination, 2, 2);
            CopyResult.TaskResult result = copier.copy(task);
            copier.close();

            assertThat(result.succeeded()).as(result.error()).isTrue();
            assertThat(result.partitions())
                    .extracting(p -> p.partition() + " " + p.source() + "/" + p.written() + "/" + p.destination())
                    .as("run " + run + ": counted per destination partition")
                    .containsExactly("ds=a 3/3/3", "ds=b 1/1/1");
        }
        assertThat(rows("a"))
                .as("both source partitions of ds=a, once each after two runs")
                .extracting(r -> r.getBigint("id"), r -> r.get("hh"))
                .containsExactlyInAnyOrder(tuple(1L, 1), tuple(2L, 1), tuple(3L, null));
        assertThat(rows("b"))
                .extracting(r -> r.getString("name"), r -> r.get("hh"))
                .containsExactly(tuple("four", 2));
    }
}
