package dev.lakeport.emulator.maxcompute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyun.odps.Column;
import com.aliyun.odps.Odps;
import com.aliyun.odps.OdpsException;
import com.aliyun.odps.Partition;
import com.aliyun.odps.Schema;
import com.aliyun.odps.Table;
import com.aliyun.odps.account.AliyunAccount;
import com.aliyun.odps.task.SQLTask;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The three-layer model and the ALTER TABLE statements a catalog writer needs, driven by the real SDK. */
class MaxComputeSchemaAndAlterTest {
    private MaxComputeEmulator emulator;
    private Odps odps;

    @BeforeEach
    void start() {
        emulator = MaxComputeEmulator.start();
        emulator.store().createProject("p1");
        emulator.store().createProject("layered").setProperty("layered", "odps.schema.model.enabled", "true");
        odps = new Odps(new AliyunAccount("test-access-id", "test-secret"));
        odps.setEndpoint(emulator.endpoint());
        odps.setDefaultProject("p1");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private void run(String sql) throws OdpsException {
        SQLTask.run(odps, "p1", sql, Map.of("odps.namespace.schema", "true"), null)
                .waitForSuccess();
    }

    @Test
    void schemasAreCreatedListedAddressedAndDropped() throws OdpsException {
        run("CREATE SCHEMA `layered`.`finance` COMMENT 'money';");
        run("CREATE TABLE `layered`.`finance`.`ledger` (`id` BIGINT) PARTITIONED BY (`ds` STRING);");
        run("ALTER TABLE layered.finance.ledger ADD IF NOT EXISTS PARTITION (ds='1') PARTITION (ds='2');");

        List<String> schemas = new ArrayList<>();
        for (Schema s : odps.schemas().iterable("layered")) {
            schemas.add(s.getName());
        }
        assertThat(schemas).containsExactly("default", "finance");
        Schema finance = odps.schemas().get("layered", "finance");
        finance.reload();
        assertThat(finance.getComment()).isEqualTo("money");
        assertThat(odps.schemas().exists("layered", "nope")).isFalse();

        List<String> tables = new ArrayList<>();
        Iterator<Table> it = odps.tables().iterator("layered", "finance", null, false);
        it.forEachRemaining(t -> tables.add(t.getName()));
        assertThat(tables).containsExactly("ledger");
        assertThat(odps.tables().iterator("layered", "default", null, false).hasNext())
                .isFalse();
        Table ledger = odps.tables().get("layered", "finance", "ledger");
        ledger.reload();
        assertThat(ledger.getSchema().getColumns()).extracting(Column::getName).containsExactly("id");
        List<String> partitions = new ArrayList<>();
        ledger.getPartitionIterator()
                .forEachRemaining(p -> partitions.add(p.getPartitionSpec().get("ds")));
        assertThat(partitions).containsExactly("1", "2");

        assertThatThrownBy(() -> run("DROP SCHEMA layered.finance;"))
                .isInstanceOf(OdpsException.class)
                .hasMessageContaining("not empty");
        run("DROP TABLE layered.finance.ledger;");
        run("DROP SCHEMA layered.finance;");
        assertThat(odps.schemas().exists("layered", "finance")).isFalse();
        assertThatThrownBy(() -> run("CREATE SCHEMA p1.nope;"))
                .isInstanceOf(OdpsException.class)
                .hasMessageContaining("three-layer");
    }

    @Test
    void alterTableAddsColumnsAndChangesCommentsAndLifecycle() throws OdpsException {
        run("CREATE TABLE t (id BIGINT COMMENT 'the id') PARTITIONED BY (ds STRING);");
        run("ALTER TABLE p1.t ADD COLUMNS (`note` STRING COMMENT 'free text', `n` INT);\n"
                + "ALTER TABLE p1.t SET COMMENT 'it\\'s new';\n"
                + "ALTER TABLE p1.t SET LIFECYCLE 7;\n"
                + "ALTER TABLE p1.t CHANGE COLUMN id COMMENT 'the key';\n"
                + "ALTER TABLE p1.t CHANGE COLUMN ds COMMENT 'day';");

        Table t = odps.tables().get("p1", "t");
        t.reload();
        assertThat(t.getSchema().getColumns())
                .extracting(Column::getName, Column::getComment)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("id", "the key"),
                        org.assertj.core.groups.Tuple.tuple("note", "free text"),
                        org.assertj.core.groups.Tuple.tuple("n", ""));
        assertThat(t.getSchema().getPartitionColumns().get(0).getComment()).isEqualTo("day");
        assertThat(t.getComment()).isEqualTo("it's new");
        assertThat(t.getLife()).isEqualTo(7);
        assertThatThrownBy(() -> run("ALTER TABLE p1.t ADD COLUMNS (note STRING);"))
                .isInstanceOf(OdpsException.class)
                .hasMessageContaining("already exists");
    }

    @Test
    void oneStatementAddsAndDropsSeveralPartitionsWithQuotedValues() throws OdpsException {
        run("CREATE TABLE t (id BIGINT) PARTITIONED BY (a STRING, b STRING);");
        run(
                "ALTER TABLE t ADD IF NOT EXISTS PARTITION (a='it\\'s', b='x/y=z') PARTITION (a='back\\\\slash', b='東京 1');");

        List<List<String>> values = new ArrayList<>();
        Table t = odps.tables().get("p1", "t");
        for (Iterator<Partition> it = t.getPartitionIterator(); it.hasNext(); ) {
            var spec = it.next().getPartitionSpec();
            values.add(List.of(spec.get("a"), spec.get("b")));
        }
        assertThat(values).containsExactlyInAnyOrder(List.of("it's", "x/y=z"), List.of("back\\slash", "東京 1"));

        run("ALTER TABLE t DROP IF EXISTS PARTITION (a='it\\'s', b='x/y=z'), PARTITION (a='none', b='none');");
        assertThat(emulator.store().partitions("p1", "t", Map.of())).hasSize(1);
    }
}
