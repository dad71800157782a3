package dev.lakeport.emulator.maxcompute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyun.odps.Column;
import com.aliyun.odps.NoSuchObjectException;
import com.aliyun.odps.Odps;
import com.aliyun.odps.OdpsException;
import com.aliyun.odps.OdpsType;
import com.aliyun.odps.Partition;
import com.aliyun.odps.PartitionSpec;
import com.aliyun.odps.Table;
import com.aliyun.odps.account.AliyunAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The emulator driven by the real MaxCompute SDK, so paths, XML and headers are the SDK's own. */
class MaxComputeEmulatorTest {
    private MaxComputeEmulator emulator;
    private Odps odps;

    @BeforeEach
    void start() {
        emulator = MaxComputeEmulator.start();
        emulator.store().createProject("p1");
        odps = odps("LTAItestkey", "secret");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void projectPropertiesAreReadBack() throws OdpsException {
        emulator.store().setProperty("p1", "odps.sql.type.system.odps2", "false");
        emulator.store().setProperty("p1", "odps.sql.decimal.odps2", "true");
        emulator.store().setProperty("p1", "odps.sql.hive.compatible", "true");

        com.aliyun.odps.Project project = odps.projects().get("p1");
        project.reload();

        assertThat(project.getName()).isEqualTo("p1");
        assertThat(project.getProperties())
                .containsEntry("odps.sql.type.system.odps2", "false")
                .containsEntry("odps.sql.decimal.odps2", "true")
                .containsEntry("odps.sql.hive.compatible", "true");
        assertThat(odps.projects().exists("p1")).isTrue();
        assertThat(odps.projects().exists("nope")).isFalse();
    }

    @Test
    void tablesAreListedAcrossPages() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String name = "t" + i;
            created.add(name);
            emulator.store()
                    .createTable(
                            "p1",
                            MaxComputeStore.Table.of(
                                    name, List.of(MaxComputeStore.Column.of("x", "bigint")), List.of()));
        }
        emulator.faults().maxPageSize(3);

        List<String> listed = new ArrayList<>();
        for (Table t : odps.tables()) {
            listed.add(t.getName());
        }

        assertThat(listed).containsExactlyElementsOf(created);
    }

    @Test
    void aTableIsDescribedWithColumnsPartitionKeysCommentAndLifecycle() throws OdpsException {
        salesTable();

        Table table = odps.tables().get("p1", "sales");
        table.reload();

        assertThat(table.getComment()).isEqualTo("daily sales");
        assertThat(table.getLife()).isEqualTo(30);
        assertThat(table.isPartitioned()).isTrue();
        assertThat(table.isVirtualView()).isFalse();
        List<Column> columns = table.getSchema().getColumns();
        assertThat(columns).extracting(Column::getName).containsExactly("id", "amount", "tags", "attrs");
        assertThat(columns.get(0).getTypeInfo().getOdpsType()).isEqualTo(OdpsType.BIGINT);
        assertThat(columns.get(0).getComment()).isEqualTo("the id");
        assertThat(columns.get(1).getTypeInfo().getTypeName()).isEqualTo("DECIMAL(10,2)");
        assertThat(columns.get(2).getTypeInfo().getTypeName()).isEqualTo("ARRAY<STRING>");
        assertThat(columns.get(3).getTypeInfo().getOdpsType()).isEqualTo(OdpsType.MAP);
        assertThat(table.getSchema().getPartitionColumns())
                .extracting(Column::getName, c -> c.getTypeInfo().getOdpsType())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ds", OdpsType.STRING),
                        org.assertj.core.groups.Tuple.tuple("hh", OdpsType.INT));
        assertThat(table.getCreatedTime()).isEqualTo(new java.util.Date(1_700_000_000_000L));
    }

    @Test
    void partitionsAreListedAndLookedUp() throws OdpsException {
        salesTable();
        for (String ds : List.of("20240101", "20240102")) {
            for (String hh : List.of("01", "02")) {
                emulator.store().addPartition("p1", "sales", Map.of("ds", ds, "hh", hh));
            }
        }
        emulator.faults().maxPageSize(3);
        Table table = odps.tables().get("p1", "sales");

        List<String> specs = new ArrayList<>();
        for (Partition p : table.getPartitions()) {
            specs.add(p.getPartitionSpec().toString());
        }

        assertThat(specs)
                .containsExactly(
                        "ds='20240101',hh='01'",
                        "ds='20240101',hh='02'",
                        "ds='20240102',hh='01'",
                        "ds='20240102',hh='02'");
        assertThat(table.hasPartition(new PartitionSpec("ds='20240102',hh='01'")))
                .isTrue();
        assertThat(table.hasPartition(new PartitionSpec("ds='20240103',hh='01'")))
                .isFalse();
        List<String> filtered = new ArrayList<>();
        table.getPartitionIterator(new PartitionSpec("ds='20240102'"))
                .forEachRemaining(p -> filtered.add(p.getPartitionSpec().toString()));
        assertThat(filtered).containsExactly("ds='20240102',hh='01'", "ds='20240102',hh='02'");
    }

    @Test
    void aMissingTableIsTheSdksNoSuchObject() throws OdpsException {
        assertThat(odps.tables().exists("p1", "ghost")).isFalse();
        assertThatThrownBy(() -> odps.tables().get("p1", "ghost").reload())
                .isInstanceOf(NoSuchObjectException.class)
                .hasMessageContaining("ghost");
    }

    @Test
    void onlyListedKeysAreAcceptedAndTheirSignaturesChecked() throws OdpsException {
        emulator.allowAccessKey("LTAIgood", "right-secret");

        assertThat(odps("LTAIgood", "right-secret").projects().exists("p1")).isTrue();
        assertThatThrownBy(() ->
                        odps("LTAIgood", "wrong-secret").projects().get("p1").reload())
                .isInstanceOf(OdpsException.class)
                .hasMessageContaining("signature");
        assertThatThrownBy(() ->
                        odps("LTAIother", "right-secret").projects().get("p1").reload())
                .isInstanceOf(OdpsException.class)
                .hasMessageContaining("access key");
    }

    private Odps odps(String id, String secret) {
        Odps o = new Odps(new AliyunAccount(id, secret));
        o.setEndpoint(emulator.endpoint());
        o.setDefaultProject("p1");
        return o;
    }

    private void salesTable() {
        emulator.store()
                .createTable(
                        "p1",
                        new MaxComputeStore.Table(
                                "sales",
                                List.of(
                                        new MaxComputeStore.Column("id", "bigint", "the id"),
                                        MaxComputeStore.Column.of("amount", "decimal(10,2)"),
                                        MaxComputeStore.Column.of("tags", "array<string>"),
                                        MaxComputeStore.Column.of("attrs", "map<string,struct<x:bigint,y:string>>")),
                                List.of(
                                        MaxComputeStore.Column.of("ds", "string"),
                                        MaxComputeStore.Column.of("hh", "int")),
                                "daily sales",
                                30,
                                1_700_000_000L));
    }
}
