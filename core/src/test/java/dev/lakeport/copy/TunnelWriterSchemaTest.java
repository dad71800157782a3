package dev.lakeport.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyun.odps.Odps;
import com.aliyun.odps.OdpsException;
import com.aliyun.odps.PartitionSpec;
import com.aliyun.odps.account.AliyunAccount;
import com.aliyun.odps.data.Record;
import com.aliyun.odps.data.RecordReader;
import com.aliyun.odps.task.SQLTask;
import com.aliyun.odps.tunnel.TableTunnel;
import dev.failsafe.RetryPolicy;
import dev.lakeport.copy.DestinationCounts.AggregateColumn;
import dev.lakeport.copy.DestinationCounts.PartitionStats;
import dev.lakeport.copy.DestinationCounts.Task;
import dev.lakeport.emulator.maxcompute.MaxComputeEmulator;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A task copied into the tables of a schema of a three-layer project (a Lakeport database {@code project.schema}),
 * read back through the Tunnel and counted at the destination, as the sample's project needs it.
 */
class TunnelWriterSchemaTest {
    private static final String DATABASE = "layered.sales";
    private static final List<String> DAYS = List.of("2024-01-01", "2024-01-02", "__HIVE_DEFAULT_PARTITION__");

    private MaxComputeEmulator emulator;
    private Odps odps;
    private TableTunnel tunnel;
    private final RetryPolicy<Object> retry = TunnelRetries.policy(8, Duration.ofMillis(10), Duration.ofMillis(200));

    @BeforeEach
    void start() throws OdpsException {
        emulator = MaxComputeEmulator.start();
        emulator.store().createProject("layered").setProperty("layered", "odps.schema.model.enabled", "true");
        odps = new Odps(new AliyunAccount("test-access-id", "test-secret"));
        odps.setEndpoint(emulator.endpoint());
        odps.setDefaultProject("layered");
        tunnel = TunnelSessions.tunnel(odps);
        sql("CREATE SCHEMA layered.sales;");
        sql("CREATE SCHEMA layered.archive;");
        for (String schema : List.of("sales", "archive")) {
            // The same two tables in both schemas: a copy into one must not touch the other.
            sql("CREATE TABLE layered." + schema + ".orders (id BIGINT, item STRING, amount DECIMAL(10,2))"
                    + " PARTITIONED BY (ds STRING);");
            StringBuilder add = new StringBuilder("ALTER TABLE layered." + schema + ".orders ADD IF NOT EXISTS");
            DAYS.forEach(d -> add.append(" PARTITION (ds='").append(d).append("')"));
            sql(add.append(";").toString());
            sql("CREATE TABLE layered." + schema + ".totals (region STRING, total BIGINT);");
        }
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private void sql(String statement) throws OdpsException {
        SQLTask.run(odps, "layered", statement, Map.of("odps.namespace.schema", "true"), null)
                .waitForSuccess();
    }

    private TunnelWriter writer() {
        return new TunnelWriter(tunnel, TunnelPacer.tunnelLimits(), retry, 2);
    }

    private static List<TunnelTarget> orders(String database) {
        return DAYS.stream()
                .map(d -> TunnelTarget.inDatabase(database, "orders", List.of("ds"), List.of(d)))
                .toList();
    }

    /** {@code n} rows for a partition of {@code orders}: id, item, amount. */
    private static Iterator<List<Object>> orderRows(String day, int n) {
        return IntStream.rangeClosed(1, n)
                .mapToObj(i -> List.<Object>of((long) i, day + " #" + i, new BigDecimal(i + ".50")))
                .iterator();
    }

    private static int rowsOf(String day) {
        return DAYS.indexOf(day) + 2;
    }

    private Map<TunnelTarget, Long> copyOrders(String database) {
        return writer().writeTask(orders(database), t -> {
            String day = t.partitionValues().get(0);
            return orderRows(day, rowsOf(day));
        });
    }

    private List<Record> download(String schema, String table, String day) throws Exception {
        TableTunnel.DownloadSessionBuilder builder =
                new TableTunnel(odps).buildDownloadSession("layered", table).setSchemaName(schema);
        if (day != null) {
            builder.setPartitionSpec(new PartitionSpec("ds='" + day + "'"));
        }
        TableTunnel.DownloadSession d = builder.build();
        List<Record> out = new ArrayList<>();
        if (d.getRecordCount() == 0) {
            return out;
        }
        try (RecordReader reader = d.openRecordReader(0, d.getRecordCount())) {
            Record r;
            while ((r = reader.read()) != null) {
                out.add(r);
            }
        }
        return out;
    }

    private Map<List<String>, PartitionStats> countOrders(String database, List<AggregateColumn> aggregates) {
        TunnelTarget any = orders(database).get(0);
        return DestinationCounts.count(
                odps, Task.of(any, DAYS.stream().map(List::of).toList(), aggregates), retry);
    }

    @Test
    void aPartitionedTaskIsCopiedIntoTheSchemaReadBackCountedAndNotDuplicatedByASecondRun() throws Exception {
        Map<TunnelTarget, Long> written = copyOrders(DATABASE);

        assertThat(written.keySet())
                .extracting(TunnelTarget::toString)
                .containsExactly(
                        "layered.sales.orders partition ds=2024-01-01",
                        "layered.sales.orders partition ds=2024-01-02",
                        "layered.sales.orders partition ds=__HIVE_DEFAULT_PARTITION__");
        assertThat(written.values()).containsExactly(2L, 3L, 4L);
        assertThat(download("sales", "orders", "2024-01-02"))
                .extracting(r -> r.getString("item"))
                .containsExactly("2024-01-02 #1", "2024-01-02 #2", "2024-01-02 #3");
        Map<List<String>, PartitionStats> counts = countOrders(DATABASE, List.of(new AggregateColumn("amount", true)));
        assertThat(counts.values()).extracting(PartitionStats::rows).containsExactly(2L, 3L, 4L);
        assertThat(counts.get(List.of("2024-01-02")).columns().get("amount").sum())
                .hasValueSatisfying(sum -> assertThat(new BigDecimal(sum)).isEqualByComparingTo("7.50"));

        copyOrders(DATABASE);

        assertThat(countOrders(DATABASE, List.of()).values())
                .extracting(PartitionStats::rows)
                .containsExactly(2L, 3L, 4L);
        assertThat(download("sales", "orders", "__HIVE_DEFAULT_PARTITION__")).hasSize(4);
    }

    @Test
    void aTableWithoutPartitionsIsCopiedIntoTheSchemaAndCountedWhole() throws Exception {
        TunnelTarget totals = TunnelTarget.tableInDatabase(DATABASE, "totals");
        List<List<?>> rows = List.of(List.of("north", 10L), List.of("south", 20L), List.of("east", 30L));

        assertThat(writer().write(totals, rows.iterator())).isEqualTo(3);
        assertThat(writer().write(totals, rows.iterator())).isEqualTo(3);

        assertThat(download("sales", "totals", null))
                .extracting(r -> r.getString("region"))
                .containsExactly("north", "south", "east");
        Task whole = Task.of(totals, List.of(), List.of(new AggregateColumn("total", true)));
        Map<List<String>, PartitionStats> counts = DestinationCounts.count(odps, whole, retry);
        assertThat(counts).containsOnlyKeys(List.<String>of());
        assertThat(counts.get(List.<String>of()).rows()).isEqualTo(3);
        assertThat(counts.get(List.<String>of()).columns().get("total").sum()).contains("60");
        assertThat(download("archive", "totals", null)).isEmpty();
    }

    @Test
    void aCommitInASchemaWhoseAnswerIsLostIsFoundCommittedByItsStatusAndNotSentAgain() throws Exception {
        emulator.maxComputeFaults().loseResponsesAfterCommit(2);

        Map<TunnelTarget, Long> written = copyOrders(DATABASE);
        long totals = writer().write(
                        TunnelTarget.tableInDatabase(DATABASE, "totals"),
                        List.<List<?>>of(List.of("north", 1L)).iterator());

        assertThat(written.values()).containsExactly(2L, 3L, 4L);
        assertThat(totals).isEqualTo(1);
        assertThat(countOrders(DATABASE, List.of()).values())
                .extracting(PartitionStats::rows)
                .containsExactly(2L, 3L, 4L);
        assertThat(download("sales", "totals", null)).hasSize(1);
    }

    @Test
    void theSameTableNameInTwoSchemasAndInTheProjectsDefaultIsKeptApart() throws Exception {
        sql("CREATE TABLE layered.default.orders (id BIGINT, item STRING, amount DECIMAL(10,2))"
                + " PARTITIONED BY (ds STRING);");
        sql("ALTER TABLE layered.default.orders ADD PARTITION (ds='2024-01-01');");
        copyOrders(DATABASE);
        writer().write(
                        TunnelTarget.inDatabase("LAYERED.Archive", "orders", List.of("ds"), List.of("2024-01-01")),
                        orderRows("2024-01-01", 7));
        // A project database without a schema is the project's own (default) table.
        writer().write(
                        TunnelTarget.inDatabase("layered", "orders", List.of("ds"), List.of("2024-01-01")),
                        orderRows("2024-01-01", 1));

        assertThat(countOrders(DATABASE, List.of()).get(List.of("2024-01-01")).rows())
                .isEqualTo(2);
        assertThat(countOrders("layered.archive", List.of()).values())
                .extracting(PartitionStats::rows)
                .containsExactly(7L, 0L, 0L);
        Task own = new Task("layered", "orders", List.of("ds"), List.of(List.of("2024-01-01")), List.of());
        assertThat(DestinationCounts.count(odps, own, retry)
                        .get(List.of("2024-01-01"))
                        .rows())
                .isEqualTo(1);
        assertThat(download("archive", "orders", "2024-01-01")).hasSize(7);
        assertThat(download("default", "orders", "2024-01-01")).hasSize(1);
    }

    @Test
    void aTaskOfMoreThan256PartitionsInASchemaIsCountedWithinTheConditionLimit() throws Exception {
        sql("CREATE TABLE layered.sales.events (id BIGINT) PARTITIONED BY (ds STRING);");
        List<List<String>> partitions = new ArrayList<>();
        StringBuilder add = new StringBuilder("ALTER TABLE layered.sales.events ADD IF NOT EXISTS");
        for (int day = 0; day < 300; day++) {
            List<String> p = List.of(String.format("d%03d", day));
            partitions.add(p);
            add.append(" PARTITION (ds='").append(p.get(0)).append("')");
        }
        sql(add.append(";").toString());
        TunnelTarget first = TunnelTarget.inDatabase(DATABASE, "events", List.of("ds"), partitions.get(0));
        TunnelTarget last = TunnelTarget.inDatabase(DATABASE, "events", List.of("ds"), partitions.get(299));
        writer().writeTask(List.of(first, last), t -> List.of(List.of(1L), List.of(2L), List.of(3L))
                .iterator());
        Task task = Task.of(first, partitions, List.of());

        Map<List<String>, PartitionStats> counts = DestinationCounts.count(odps, task, retry);

        assertThat(DestinationCounts.queries(task)).hasSizeGreaterThan(1).allSatisfy(q -> assertThat(q.sql())
                .contains(" FROM layered.sales.events "));
        assertThat(counts).hasSize(300);
        assertThat(counts.get(partitions.get(0)).rows()).isEqualTo(3);
        assertThat(counts.get(partitions.get(299)).rows()).isEqualTo(3);
        assertThat(counts.values().stream().mapToLong(PartitionStats::rows).sum())
                .isEqualTo(6);
    }

    @Test
    void aSchemaThatDoesNotExistIsNamedAndNothingIsWritten() throws Exception {
        TunnelTarget missing = TunnelTarget.inDatabase("layered.nope", "orders", List.of("ds"), List.of("2024-01-01"));

        assertThatThrownBy(() -> writer().write(missing, orderRows("2024-01-01", 2)))
                .isInstanceOf(CopyException.class)
                .hasMessageContaining("layered.nope.orders partition ds=2024-01-01")
                .hasMessageContaining("NoSuchSchema");
        Task task = Task.of(missing, List.of(List.of("2024-01-01")), List.of());
        assertThatThrownBy(() -> DestinationCounts.count(odps, task, retry))
                .isInstanceOf(CopyException.class)
                .hasMessageContaining("could not count layered.nope.orders");
        assertThat(countOrders(DATABASE, List.of()).values())
                .extracting(PartitionStats::rows)
                .containsOnly(0L);
    }
}
