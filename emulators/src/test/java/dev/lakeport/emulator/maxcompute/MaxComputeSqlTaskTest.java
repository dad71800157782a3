package dev.lakeport.emulator.maxcompute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyun.odps.Column;
import com.aliyun.odps.Instance;
import com.aliyun.odps.Odps;
import com.aliyun.odps.OdpsException;
import com.aliyun.odps.Partition;
import com.aliyun.odps.Table;
import com.aliyun.odps.account.AliyunAccount;
import com.aliyun.odps.task.SQLTask;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DDL run as the SDK runs it: a SQL task submitted as an instance and waited for. */
class MaxComputeSqlTaskTest {
    private static final String CREATE = "CREATE TABLE IF NOT EXISTS sales (\n"
            + "  id BIGINT COMMENT 'the id',\n"
            + "  amount DECIMAL(10, 2),\n"
            + "  attrs MAP<STRING, STRUCT<x:BIGINT, y:STRING>>\n"
            + ") COMMENT 'daily sales'\n"
            + "PARTITIONED BY (ds STRING, hh INT)\n"
            + "LIFECYCLE 30;";

    private MaxComputeEmulator emulator;
    private Odps odps;

    @BeforeEach
    void start() {
        emulator = MaxComputeEmulator.start();
        emulator.store().createProject("p1");
        odps = new Odps(new AliyunAccount("LTAItestkey", "secret"));
        odps.setEndpoint(emulator.endpoint());
        odps.setDefaultProject("p1");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private void run(String sql) throws OdpsException {
        Instance instance = SQLTask.run(odps, sql);
        instance.waitForSuccess();
    }

    @Test
    void createTableIfNotExistsCreatesTheTableOnceAsWritten() throws OdpsException {
        run(CREATE);
        run(CREATE);

        Table table = odps.tables().get("p1", "sales");
        table.reload();
        assertThat(table.getComment()).isEqualTo("daily sales");
        assertThat(table.getLife()).isEqualTo(30);
        assertThat(table.getSchema().getColumns())
                .extracting(Column::getName, c -> c.getTypeInfo().getTypeName(), Column::getComment)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("id", "BIGINT", "the id"),
                        org.assertj.core.groups.Tuple.tuple("amount", "DECIMAL(10,2)", ""),
                        org.assertj.core.groups.Tuple.tuple("attrs", "MAP<STRING,STRUCT<x:BIGINT,y:STRING>>", ""));
        assertThat(table.getSchema().getPartitionColumns())
                .extracting(Column::getName)
                .containsExactly("ds", "hh");
        List<String> tables = new ArrayList<>();
        odps.tables().forEach(t -> tables.add(t.getName()));
        assertThat(tables).containsExactly("sales");
    }

    @Test
    void createTableOfAnExistingTableFailsWithoutIfNotExists() throws OdpsException {
        run(CREATE);

        assertThatThrownBy(() -> run("CREATE TABLE sales (id BIGINT);"))
                .isInstanceOf(OdpsException.class)
                .hasMessageContaining("p1.sales already exists");
        assertThat(emulator.store().table("p1", "sales").orElseThrow().columns())
                .hasSize(3);
    }

    @Test
    void addIfNotExistsPartitionAddsEachPartitionOnce() throws OdpsException {
        run(CREATE);
        String add = "ALTER TABLE sales ADD IF NOT EXISTS PARTITION (ds='20240101', hh='1')"
                + " PARTITION (ds='20240101', hh='2') PARTITION (ds='20240102', hh='1');";

        run(add);
        run(add);

        List<String> specs = new ArrayList<>();
        for (Partition p : odps.tables().get("p1", "sales").getPartitions()) {
            specs.add(p.getPartitionSpec().toString());
        }
        assertThat(specs).containsExactly("ds='20240101',hh='1'", "ds='20240101',hh='2'", "ds='20240102',hh='1'");
    }

    @Test
    void aPartitionNamingAnUnknownKeyFailsTheTaskAndAddsNothing() throws OdpsException {
        run(CREATE);

        assertThatThrownBy(
                        () -> run(
                                "ALTER TABLE sales ADD IF NOT EXISTS PARTITION (ds='1', hh='1') PARTITION (ds='2', region='eu');"))
                .isInstanceOf(OdpsException.class)
                .hasMessageContaining("region")
                .hasMessageContaining("sales");
        assertThat(emulator.store().partitions("p1", "sales", java.util.Map.of()))
                .isEmpty();
    }

    @Test
    void sqlOutsideTheSupportedSubsetFailsTheTaskWithTheStatementNamed() {
        assertThatThrownBy(() -> run("INSERT INTO sales VALUES (1);"))
                .isInstanceOf(OdpsException.class)
                .hasMessageContaining("ODPS-0130161")
                .hasMessageContaining("INSERT");
        assertThatThrownBy(() -> run("CREATE TABLE bad (x BIGNUM);"))
                .isInstanceOf(OdpsException.class)
                .hasMessageContaining("unknown type 'bignum'");
    }

    @Test
    void dropStatementsRemoveWhatTheyNameAndIfExistsToleratesAbsence() throws OdpsException {
        emulator.store().createProject("p2");
        run("CREATE TABLE p2.events (id BIGINT) PARTITIONED BY (ds STRING);"
                + " ALTER TABLE p2.events ADD PARTITION (ds='1') PARTITION (ds='2');");
        assertThat(odps.tables().exists("p2", "events")).isTrue();

        run("ALTER TABLE p2.events DROP IF EXISTS PARTITION (ds='1'), PARTITION (ds='9');");
        assertThat(emulator.store().partitions("p2", "events", java.util.Map.of()))
                .extracting(p -> p.spec().get("ds"))
                .containsExactly("2");
        run("DROP TABLE p2.events; DROP TABLE IF EXISTS p2.events;");

        assertThat(odps.tables().exists("p2", "events")).isFalse();
        assertThatThrownBy(() -> run("DROP TABLE p2.events;"))
                .isInstanceOf(OdpsException.class)
                .hasMessageContaining("p2.events");
    }

    @Test
    void aPartitionKeyOfATypeMaxComputeCannotPartitionByIsRefusedWithTheKeyNamed() {
        assertThatThrownBy(() -> run("CREATE TABLE t (x BIGINT) PARTITIONED BY (price DOUBLE);"))
                .isInstanceOf(OdpsException.class)
                .hasMessageContaining("'price'")
                .hasMessageContaining("double");
        assertThat(emulator.store().table("p1", "t")).isEmpty();
    }

    @Test
    void anAddedPartitionIsDescribedThroughTheSdk() throws OdpsException {
        run(CREATE);
        run("ALTER TABLE sales ADD IF NOT EXISTS PARTITION (ds='20240101', hh='3');");

        Partition partition = odps.tables()
                .get("p1", "sales")
                .getPartition(new com.aliyun.odps.PartitionSpec("ds='20240101',hh='3'"));
        partition.reload();

        assertThat(partition.getCreatedTime()).isNotNull();
        assertThat(partition.getSize()).isZero();
    }
}
