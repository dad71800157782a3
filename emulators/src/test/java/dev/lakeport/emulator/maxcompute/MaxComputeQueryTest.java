package dev.lakeport.emulator.maxcompute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyun.odps.Instance;
import com.aliyun.odps.Odps;
import com.aliyun.odps.OdpsException;
import com.aliyun.odps.PartitionSpec;
import com.aliyun.odps.account.AliyunAccount;
import com.aliyun.odps.data.Record;
import com.aliyun.odps.data.RecordWriter;
import com.aliyun.odps.task.SQLTask;
import com.aliyun.odps.tunnel.TableTunnel;
import com.aliyun.odps.tunnel.TunnelException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SELECT statements run as SQL instances over rows uploaded through the Tunnel, and the emulator's faults. */
class MaxComputeQueryTest {
    private MaxComputeEmulator emulator;
    private Odps odps;
    private TableTunnel tunnel;

    @BeforeEach
    void start() throws Exception {
        emulator = MaxComputeEmulator.start();
        emulator.store().createProject("p1");
        odps = new Odps(new AliyunAccount("test-access-id", "test-secret"));
        odps.setEndpoint(emulator.endpoint());
        odps.setDefaultProject("p1");
        tunnel = new TableTunnel(odps);
        sql("CREATE TABLE sales (id BIGINT, amount DECIMAL(10,2), `key` STRING, at TIMESTAMP)"
                + " PARTITIONED BY (pt1 STRING, pt2 STRING);"
                + "ALTER TABLE sales ADD PARTITION (pt1='a', pt2='1') PARTITION (pt1='a', pt2='2')"
                + " PARTITION (pt1='b', pt2='1');");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private List<Record> sql(String statement) throws OdpsException {
        Instance instance = SQLTask.run(odps, statement);
        instance.waitForSuccess();
        return SQLTask.getResult(instance);
    }

    /** Uploads {@code n} rows to the partition: id i, amount i.50 (NULL for every third), key "k<i>". */
    private TableTunnel.UploadSession upload(String pt1, String pt2, int n) throws Exception {
        TableTunnel.UploadSession s =
                tunnel.createUploadSession("p1", "sales", new PartitionSpec("pt1='" + pt1 + "',pt2='" + pt2 + "'"));
        try (RecordWriter w = s.openRecordWriter(0)) {
            for (int i = 1; i <= n; i++) {
                Record r = s.newRecord();
                r.setBigint("id", (long) i);
                r.setDecimal("amount", i % 3 == 0 ? null : new BigDecimal(i + ".50"));
                r.setString("key", "k" + i);
                r.set("at", Instant.ofEpochSecond(1_700_000_000L + i, 5));
                w.write(r);
            }
        }
        return s;
    }

    private static Map<String, String> byPartition(List<Record> rows, String value) {
        return rows.stream()
                .collect(Collectors.toMap(r -> r.getString("pt1") + "/" + r.getString("pt2"), r -> r.getString(value)));
    }

    @Test
    void groupedCountsPerPartitionEqualWhatWasUploaded() throws Exception {
        upload("a", "1", 5).commit();
        upload("a", "2", 3).commit();
        upload("b", "1", 7).commit();
        TableTunnel.UploadSession pending = upload("b", "1", 100);

        List<Record> all = sql("SELECT pt1, pt2, COUNT(*) FROM sales GROUP BY pt1, pt2;");
        assertThat(byPartition(all, "_c2")).isEqualTo(Map.of("a/1", "5", "a/2", "3", "b/1", "7"));

        List<Record> some = sql("SELECT pt1, pt2, COUNT(*) FROM sales WHERE (pt1, pt2) IN (('a','1'),('b','1'))"
                + " GROUP BY pt1, pt2;");
        assertThat(byPartition(some, "_c2")).isEqualTo(Map.of("a/1", "5", "b/1", "7"));

        List<Record> one = sql("set odps.sql.allow.fullscan=true;\n"
                + "select count(*) as n from p1.sales where pt1 = \"a\" and `pt2` = '2'");
        assertThat(one).hasSize(1);
        assertThat(one.get(0).getString("n")).isEqualTo("3");

        pending.commit();
        assertThat(sql("SELECT COUNT(*) FROM sales WHERE pt1 = 'b';").get(0).getString("_c0"))
                .isEqualTo("107");
    }

    @Test
    void aggregatesPerColumnGroupedByPartition() throws Exception {
        upload("a", "1", 6).commit();
        upload("b", "1", 2).commit();

        List<Record> rows = sql("SELECT pt1, pt2, SUM(amount), MIN(amount), MAX(amount), COUNT(amount), COUNT(*),"
                + " MIN(`key`), MAX(at), COUNT(key) FROM sales GROUP BY pt1, pt2 ORDER BY pt1;");

        assertThat(rows).hasSize(2);
        Record a = rows.get(0);
        assertThat(a.getString("pt1")).isEqualTo("a");
        // ids 1..6 with 3 and 6 NULL: 1.5 + 2.5 + 4.5 + 5.5
        assertThat(new BigDecimal(a.getString("_c2"))).isEqualByComparingTo("14.00");
        assertThat(new BigDecimal(a.getString("_c3"))).isEqualByComparingTo("1.50");
        assertThat(new BigDecimal(a.getString("_c4"))).isEqualByComparingTo("5.50");
        long nonNull = Long.parseLong(a.getString("_c5"));
        long all = Long.parseLong(a.getString("_c6"));
        assertThat(all - nonNull).as("NULL amounts").isEqualTo(2);
        assertThat(a.getString("_c7")).isEqualTo("k1");
        assertThat(a.getString("_c8")).isEqualTo("2023-11-14 22:13:26.000000005");
        assertThat(a.getString("_c9"))
                .as("COUNT of a column H2 reserves the name of")
                .isEqualTo("6");
        Record b = rows.get(1);
        assertThat(b.getString("_c6")).isEqualTo("2");
        assertThat(new BigDecimal(b.getString("_c2"))).isEqualByComparingTo("4.00");
    }

    @Test
    void moreThan256OrConditionsAreRefused() throws Exception {
        upload("a", "1", 4).commit();
        String conditions256 =
                IntStream.range(0, 256).mapToObj(i -> "id = " + i).collect(Collectors.joining(" OR "));

        assertThat(sql("SELECT COUNT(*) FROM sales WHERE " + conditions256 + ";")
                        .get(0)
                        .getString("_c0"))
                .isEqualTo("4");
        assertThatThrownBy(() -> sql("SELECT COUNT(*) FROM sales WHERE " + conditions256 + " OR id = 999;"))
                .isInstanceOf(OdpsException.class)
                .hasMessageContaining("ODPS-0130071")
                .hasMessageContaining("257");
    }

    @Test
    void aQueryOfAMissingTableFailsNamingIt() {
        assertThatThrownBy(() -> sql("SELECT COUNT(*) FROM nosuch;"))
                .isInstanceOf(OdpsException.class)
                .hasMessageContaining("ODPS-0130131")
                .hasMessageContaining("p1.nosuch");
    }

    @Test
    void rowsOfADroppedPartitionAreGone() throws Exception {
        upload("a", "1", 5).commit();
        upload("a", "2", 3).commit();

        sql("ALTER TABLE sales DROP PARTITION (pt1='a', pt2='1');");

        assertThat(sql("SELECT COUNT(*) FROM sales;").get(0).getString("_c0")).isEqualTo("3");
    }

    @Test
    void aPartitionOrTableDroppedAndCreatedAgainAtOnceStartsEmpty() throws Exception {
        upload("a", "1", 5).commit();
        upload("a", "2", 3).commit();

        sql("ALTER TABLE sales DROP PARTITION (pt1='a', pt2='1');"
                + "ALTER TABLE sales ADD PARTITION (pt1='a', pt2='1');");
        upload("a", "1", 2).commit();
        assertThat(byPartition(sql("SELECT pt1, pt2, COUNT(*) FROM sales GROUP BY pt1, pt2;"), "_c2"))
                .isEqualTo(Map.of("a/1", "2", "a/2", "3"));

        sql("DROP TABLE sales;"
                + "CREATE TABLE sales (id BIGINT, amount DECIMAL(10,2), `key` STRING, at TIMESTAMP)"
                + " PARTITIONED BY (pt1 STRING, pt2 STRING);"
                + "ALTER TABLE sales ADD PARTITION (pt1='a', pt2='2');");
        assertThat(sql("SELECT COUNT(*) FROM sales;").get(0).getString("_c0")).isEqualTo("0");
        assertThat(tunnel.createDownloadSession("p1", "sales", new PartitionSpec("pt1='a',pt2='2'"))
                        .getRecordCount())
                .isZero();
    }

    @Test
    void aCommitWhoseAnswerIsLostLeavesItsRowsCommittedOnce() throws Exception {
        TableTunnel.UploadSession s = upload("a", "1", 4);
        emulator.maxComputeFaults().loseResponseAfterCommit();

        // The SDK sends the commit again after the dropped connection and is told the session is already closed.
        assertThatThrownBy(s::commit).isInstanceOfSatisfying(TunnelException.class, e -> assertThat(e.getErrorCode())
                .isEqualTo("StatusConflict"));

        assertThat(sql("SELECT COUNT(*) FROM sales WHERE pt1 = 'a' AND pt2 = '1';")
                        .get(0)
                        .getString("_c0"))
                .isEqualTo("4");
        assertThat(s.getStatus()).isEqualTo(TableTunnel.UploadStatus.CLOSED);
    }

    @Test
    void everyNthCallFailsWithTheGivenCodeAndChangesNothing() throws Exception {
        emulator.maxComputeFaults().scope(MaxComputeFaults.Scope.TUNNEL).failEvery(1, "InvalidArgument");
        assertThatThrownBy(() -> tunnel.createUploadSession("p1", "sales", new PartitionSpec("pt1='a',pt2='1'")))
                .isInstanceOfSatisfying(
                        TunnelException.class, e -> assertThat(e.getErrorCode()).isEqualTo("InvalidArgument"));

        emulator.maxComputeFaults().reset();
        upload("a", "1", 2).commit();
        assertThat(sql("SELECT COUNT(*) FROM sales;").get(0).getString("_c0")).isEqualTo("2");
    }

    @Test
    void faultsCanBeSetFromSystemPropertiesAndABadOneIsNamed() throws Exception {
        System.setProperty("lakeport.maxcompute.fail-every", "1");
        System.setProperty("lakeport.maxcompute.fail-code", "NoPermission");
        System.setProperty("lakeport.maxcompute.fault-scope", "tunnel");
        MaxComputeEmulator faulty;
        try {
            faulty = MaxComputeEmulator.start();
        } finally {
            System.clearProperty("lakeport.maxcompute.fail-every");
            System.clearProperty("lakeport.maxcompute.fail-code");
            System.clearProperty("lakeport.maxcompute.fault-scope");
        }
        try (faulty) {
            faulty.store().createProject("p1");
            faulty.store()
                    .createTable(
                            "p1",
                            MaxComputeStore.Table.of(
                                    "t", List.of(MaxComputeStore.Column.of("id", "bigint")), List.of()));
            Odps other = new Odps(new AliyunAccount("test-access-id", "test-secret"));
            other.setEndpoint(faulty.endpoint());
            other.setDefaultProject("p1");
            assertThatThrownBy(() -> new TableTunnel(other).createUploadSession("p1", "t"))
                    .isInstanceOfSatisfying(TunnelException.class, e -> assertThat(e.getErrorCode())
                            .isEqualTo("NoPermission"));
        }

        java.util.Properties bad = new java.util.Properties();
        bad.setProperty("lakeport.maxcompute.throttle-every", "often");
        assertThatThrownBy(() -> MaxComputeFaults.fromProperties(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lakeport.maxcompute.throttle-every")
                .hasMessageContaining("often");
    }

    @Test
    void latencyDelaysEveryCall() throws Exception {
        emulator.maxComputeFaults().latency(Duration.ofMillis(300));
        long start = System.nanoTime();
        tunnel.createUploadSession("p1", "sales", new PartitionSpec("pt1='a',pt2='1'"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void throttledSessionCreationsAreRetriedByTheSdkUntilTheyPass() throws Exception {
        tunnel.setEndpoint(emulator.endpoint());
        // Every second call is refused with FlowExceeded (429); the SDK retries session creation by itself.
        emulator.maxComputeFaults().scope(MaxComputeFaults.Scope.TUNNEL).throttle(2);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(tunnel.createUploadSession("p1", "sales", new PartitionSpec("pt1='a',pt2='1'"))
                    .getId());
        }
        assertThat(ids).doesNotHaveDuplicates().hasSize(3);
        assertThat(emulator.maxComputeFaults().calls()).isGreaterThan(3);
    }

    @Test
    void aViewIsCheckedWhenCreatedListedAsAVirtualViewWithItsTextAndReadByQueries() throws Exception {
        upload("a", "1", 4).commit();
        upload("b", "1", 2).commit();

        sql("CREATE VIEW IF NOT EXISTS p1.by_part (part COMMENT 'first key', n) COMMENT 'rows per pt1'"
                + " AS SELECT `sales`.`pt1`, count(*) FROM p1.sales GROUP BY `sales`.`pt1`;");

        com.aliyun.odps.Table view = odps.tables().get("p1", "by_part");
        view.reload();
        assertThat(view.isVirtualView()).isTrue();
        assertThat(view.getViewText()).isEqualTo("SELECT `sales`.`pt1`, count(*) FROM p1.sales GROUP BY `sales`.`pt1`");
        assertThat(view.getComment()).isEqualTo("rows per pt1");
        assertThat(view.getSchema().getColumns())
                .extracting(com.aliyun.odps.Column::getName, com.aliyun.odps.Column::getComment)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("part", "first key"),
                        org.assertj.core.groups.Tuple.tuple("n", ""));
        assertThat(sql("SELECT part, n FROM by_part ORDER BY part"))
                .extracting(r -> r.getString(0) + "=" + r.getString(1))
                .containsExactly("a=4", "b=2");

        sql("CREATE OR REPLACE VIEW by_part AS SELECT `sales`.`pt1` FROM p1.sales WHERE `sales`.`pt1` = 'b'");
        view.reload();
        assertThat(view.getViewText()).contains("WHERE `sales`.`pt1` = 'b'");
        assertThat(sql("SELECT COUNT(*) FROM by_part").get(0).getString(0)).isEqualTo("2");

        assertThatThrownBy(() -> sql("CREATE VIEW lost AS SELECT * FROM p1.gone"))
                .isInstanceOf(OdpsException.class)
                .hasMessageContaining("Table not found - table p1.gone");
        assertThatThrownBy(() -> sql("CREATE VIEW two (a, b, c) AS SELECT id, amount FROM sales"))
                .hasMessageContaining("names 3 columns but its query gives 2");
        assertThatThrownBy(() -> sql("CREATE VIEW by_part AS SELECT id FROM sales"))
                .hasMessageContaining("already exists");
        assertThatThrownBy(() -> sql("DROP TABLE by_part")).hasMessageContaining("is a view: use DROP VIEW");
        assertThat(emulator.store().table("p1", "lost")).isEmpty();
        assertThat(emulator.store().table("p1", "two")).isEmpty();

        sql("DROP VIEW by_part");
        assertThat(odps.tables().exists("p1", "by_part")).isFalse();
        assertThat(odps.tables().exists("p1", "sales")).isTrue();
        sql("DROP VIEW IF EXISTS by_part");
    }
}
