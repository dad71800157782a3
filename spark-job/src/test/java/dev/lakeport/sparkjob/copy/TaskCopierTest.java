package dev.lakeport.sparkjob.copy;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.odps.Odps;
import com.aliyun.odps.PartitionSpec;
import com.aliyun.odps.account.AliyunAccount;
import com.aliyun.odps.data.Record;
import com.aliyun.odps.data.RecordWriter;
import com.aliyun.odps.task.SQLTask;
import com.aliyun.odps.tunnel.TableTunnel;
import dev.lakeport.copy.CopyPlan;
import dev.lakeport.copy.CopyResult;
import dev.lakeport.copy.TunnelTarget;
import dev.lakeport.emulator.maxcompute.MaxComputeEmulator;
import dev.lakeport.secret.Secret;
import dev.lakeport.sparkjob.SparkForTests;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verification of the Spark copy when the destination changes behind its back (rows added to a partition right
 * after its commit): the partition's three counts disagree, it alone is copied again, and if it keeps disagreeing the
 * task fails after two re-copies naming it and its numbers.
 */
class TaskCopierTest {
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
        odps = new Odps(new AliyunAccount("test-access-id", "test-secret"));
        odps.setEndpoint(emulator.endpoint());
        odps.setDefaultProject("lake");
        SQLTask.run(odps, "CREATE TABLE t (id BIGINT, name STRING) PARTITIONED BY (ds STRING);")
                .waitForSuccess();
        SQLTask.run(odps, "ALTER TABLE t ADD IF NOT EXISTS PARTITION (ds='a') PARTITION (ds='b');")
                .waitForSuccess();
        spark = SparkForTests.session();
        StructType schema = new StructType().add("id", DataTypes.LongType).add("name", DataTypes.StringType);
        Path files = dir.resolve("t");
        spark.createDataFrame(
                        List.of(
                                RowFactory.create(1L, "one"),
                                RowFactory.create(2L, "two"),
                                RowFactory.create(3L, "three")),
                        schema)
                .write()
                .parquet(files.resolve("ds=a").toUri().toString());
        spark.createDataFrame(List.of(RowFactory.create(4L, "four"), RowFactory.create(5L, "five")), schema)
                .write()
                .parquet(files.resolve("ds=b").toUri().toString());
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
                        List.of(new CopyPlan.Column("ds", "string")),
                        Map.of()),
                new CopyPlan.Destination("lake", "t", List.of("ds"), 2),
                List.of(
                        new CopyPlan.Part(
                                List.of("a"),
                                "ds=a",
                                new CopyPlan.Storage(
                                        files.resolve("ds=a").toUri().toString(), null, null, Map.of())),
                        new CopyPlan.Part(
                                List.of("b"),
                                "ds=b",
                                new CopyPlan.Storage(
                                        files.resolve("ds=b").toUri().toString(), null, null, Map.of()))));
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

    @AfterEach
    void stop() {
        destination.release();
        emulator.close();
    }

    /** After the first {@code times} commits of partition ds=a, one more row is appended there by another writer. */
    private Consumer<TunnelTarget> addARowToA(int times, AtomicInteger added) {
        return target -> {
            if (!target.partitionValues().equals(List.of("a")) || added.get() >= times) {
                return;
            }
            try {
                TableTunnel.UploadSession append =
                        new TableTunnel(odps).createUploadSession("lake", "t", new PartitionSpec("ds='a'"));
                try (RecordWriter w = append.openRecordWriter(0)) {
                    Record r = append.newRecord();
                    r.setBigint(0, 99L);
                    r.setString(1, "added behind the copy's back");
                    w.write(r);
                }
                append.commit(new Long[] {0L});
                added.incrementAndGet();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private long rows(String ds) throws Exception {
        return new TableTunnel(odps)
                .createDownloadSession("lake", "t", new PartitionSpec("ds='" + ds + "'"))
                .getRecordCount();
    }

    @Test
    void aPartitionChangedAfterItsCommitIsCaughtAndCopiedAgainAlone() throws Exception {
        AtomicInteger added = new AtomicInteger();
        TaskCopier copier = new TaskCopier(spark, destination, 2, 2, addARowToA(1, added));

        CopyResult.TaskResult result = copier.copy(task);
        copier.close();

        assertThat(result.succeeded()).as(result.error()).isTrue();
        assertThat(added).hasValue(1);
        assertThat(result.log())
                .contains("verification: lake.t ds=a: destination has 4, source 3, written 3")
                .contains("copying 1 partition again (round 1 of 2)");
        assertThat(result.partitions())
                .extracting(p -> p.partition() + " " + p.source() + "/" + p.written() + "/" + p.destination())
                .containsExactly("ds=a 3/3/3", "ds=b 2/2/2");
        assertThat(rows("a")).isEqualTo(3);
        assertThat(rows("b")).isEqualTo(2);
    }

    @Test
    void aPartitionThatKeepsDisagreeingFailsTheTaskAfterTwoRecopiesNamingItsNumbers() throws Exception {
        AtomicInteger added = new AtomicInteger();
        TaskCopier copier = new TaskCopier(spark, destination, 100, 1, addARowToA(Integer.MAX_VALUE, added));

        CopyResult.TaskResult result = copier.copy(task);

        assertThat(result.state()).isEqualTo(CopyResult.FAILED);
        assertThat(added).as("the first copy and two re-copies").hasValue(3);
        assertThat(result.error())
                .isEqualTo("the counts of 1 partition disagree after 2 re-copies: lake.t ds=a: destination has 4,"
                        + " source 3, written 3");
        assertThat(result.partitions())
                .extracting(p -> p.partition() + " " + p.mismatch())
                .containsExactly("ds=a destination has 4, source 3, written 3", "ds=b null");
        assertThat(rows("b")).as("the partition that agreed keeps its rows").isEqualTo(2);
    }
}
