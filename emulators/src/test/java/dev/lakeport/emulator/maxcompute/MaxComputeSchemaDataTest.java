package dev.lakeport.emulator.maxcompute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyun.odps.Instance;
import com.aliyun.odps.Odps;
import com.aliyun.odps.OdpsException;
import com.aliyun.odps.PartitionSpec;
import com.aliyun.odps.account.AliyunAccount;
import com.aliyun.odps.data.Record;
import com.aliyun.odps.data.RecordReader;
import com.aliyun.odps.data.RecordWriter;
import com.aliyun.odps.task.SQLTask;
import com.aliyun.odps.tunnel.TableTunnel;
import com.aliyun.odps.tunnel.TunnelException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rows uploaded into, read from and counted in the tables of a schema of a three-layer project, driven by the real
 * SDK's schema-aware calls: the same table name in the project's {@code default} schema and in {@code sales} holds
 * different rows.
 */
class MaxComputeSchemaDataTest {
    private static final Map<String, String> SCHEMA_SYNTAX = Map.of("odps.namespace.schema", "true");

    private MaxComputeEmulator emulator;
    private Odps odps;
    private TableTunnel tunnel;

    @BeforeEach
    void start() throws OdpsException {
        emulator = MaxComputeEmulator.start();
        emulator.store().createProject("layered").setProperty("layered", "odps.schema.model.enabled", "true");
        odps = new Odps(new AliyunAccount("test-access-id", "test-secret"));
        odps.setEndpoint(emulator.endpoint());
        odps.setDefaultProject("layered");
        tunnel = new TableTunnel(odps);
        sql("CREATE SCHEMA layered.sales;");
        sql("CREATE TABLE layered.sales.orders (id BIGINT, item STRING) PARTITIONED BY (ds STRING);");
        sql("ALTER TABLE layered.sales.orders ADD PARTITION (ds='1') PARTITION (ds='2');");
        sql("CREATE TABLE layered.sales.totals (total BIGINT);");
        // The same name in the project's default schema: another table.
        sql("CREATE TABLE layered.default.orders (id BIGINT, item STRING) PARTITIONED BY (ds STRING);");
        sql("ALTER TABLE layered.default.orders ADD PARTITION (ds='1');");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private void sql(String statement) throws OdpsException {
        SQLTask.run(odps, "layered", statement, SCHEMA_SYNTAX, null).waitForSuccess();
    }

    private List<Record> query(String statement, Map<String, String> hints) throws OdpsException {
        Instance i = SQLTask.run(odps, "layered", statement, hints, null);
        i.waitForSuccess();
        return SQLTask.getResult(i);
    }

    private long count(String statement, Map<String, String> hints) throws OdpsException {
        return Long.parseLong(query(statement, hints).get(0).getString(0));
    }

    private void upload(String schema, String table, String day, boolean overwrite, long... ids) throws Exception {
        PartitionSpec spec = day == null ? null : new PartitionSpec("ds='" + day + "'");
        TableTunnel.UploadSession s = spec == null
                ? tunnel.createUploadSession("layered", schema, table, overwrite)
                : tunnel.createUploadSession("layered", schema, table, spec, overwrite);
        try (RecordWriter w = s.openRecordWriter(0)) {
            for (long id : ids) {
                Record r = s.newRecord();
                r.setBigint(0, id);
                if (r.getColumnCount() > 1) {
                    r.setString(1, schema + " " + id);
                }
                w.write(r);
            }
        }
        s.commit();
    }

    private List<Record> download(String schema, String table, String day) throws Exception {
        TableTunnel.DownloadSessionBuilder builder =
                tunnel.buildDownloadSession("layered", table).setSchemaName(schema);
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

    @Test
    void rowsUploadedIntoASchemasTablesAreReadBackAndCountedThereOnly() throws Exception {
        upload("sales", "orders", "1", true, 1, 2, 3);
        upload("sales", "orders", "2", true, 4);
        upload("sales", "totals", null, true, 10, 20);
        upload(null, "orders", "1", true, 100);

        assertThat(download("sales", "orders", "1"))
                .extracting(r -> r.getString("item"))
                .containsExactly("sales 1", "sales 2", "sales 3");
        assertThat(download("sales", "totals", null))
                .extracting(r -> r.getBigint("total"))
                .containsExactly(10L, 20L);
        assertThat(download("default", "orders", "1"))
                .extracting(r -> r.getString("item"))
                .containsExactly("null 100");

        List<Record> grouped = query(
                "SELECT ds, COUNT(*), SUM(id) FROM layered.sales.orders WHERE ds IN ('1', '2') GROUP BY ds ORDER BY ds;",
                SCHEMA_SYNTAX);
        assertThat(grouped)
                .extracting(r -> r.getString(0) + ":" + r.getString(1) + ":" + r.getString(2))
                .containsExactly("1:3:6", "2:1:4");
        assertThat(count("SELECT COUNT(*) FROM layered.sales.totals;", SCHEMA_SYNTAX))
                .isEqualTo(2);
        // The project's own table of the same name: the default schema, by two names.
        assertThat(count("SELECT COUNT(*) FROM layered.default.orders;", SCHEMA_SYNTAX))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM layered.orders;", Map.of("odps.namespace.schema", "false")))
                .isEqualTo(1);
    }

    @Test
    void aBareOrTwoPartNameIsResolvedAsTheSchemaSyntaxSays() throws Exception {
        upload("sales", "orders", "1", true, 1, 2, 3);
        upload("default", "orders", "1", true, 100);

        // Bare: the client's current schema, which the SDK sends as odps.default.schema.
        odps.setCurrentSchema("sales");
        assertThat(count("SELECT COUNT(*) FROM orders;", SCHEMA_SYNTAX)).isEqualTo(3);
        odps.setCurrentSchema(null);
        assertThat(count("SELECT COUNT(*) FROM orders;", SCHEMA_SYNTAX)).isEqualTo(1);
        // Two parts with the schema syntax on: schema.table; a SET statement turns it on as a hint does.
        assertThat(count("SELECT COUNT(*) FROM sales.orders;", SCHEMA_SYNTAX)).isEqualTo(3);
        assertThat(count("SET odps.namespace.schema=true;\nSELECT COUNT(*) FROM sales.orders;", new HashMap<>()))
                .isEqualTo(3);
        // Without it, a.b is project.table and a.b.c is not understood.
        assertThatThrownBy(() -> count("SELECT COUNT(*) FROM layered.sales.orders;", Map.of()))
                .isInstanceOf(OdpsException.class)
                .hasMessageContaining("ODPS-0130161")
                .hasMessageContaining("odps.namespace.schema=true");
    }

    @Test
    void anOverwriteReplacesOnlyTheSchemasPartitionAndADropForgetsOnlyItsRows() throws Exception {
        upload("sales", "orders", "1", true, 1, 2, 3);
        upload("default", "orders", "1", true, 100);
        upload("sales", "orders", "1", true, 7, 8);
        assertThat(download("sales", "orders", "1")).hasSize(2);
        upload("sales", "orders", "1", false, 9);
        assertThat(download("sales", "orders", "1")).hasSize(3);

        sql("DROP TABLE layered.sales.orders;");
        sql("CREATE TABLE layered.sales.orders (id BIGINT, item STRING) PARTITIONED BY (ds STRING);");
        sql("ALTER TABLE layered.sales.orders ADD PARTITION (ds='1');");

        assertThat(count("SELECT COUNT(*) FROM layered.sales.orders;", SCHEMA_SYNTAX))
                .isZero();
        assertThat(download("default", "orders", "1"))
                .extracting(r -> r.getBigint("id"))
                .containsExactly(100L);
        assertThat(count("SELECT COUNT(*) FROM layered.default.orders;", SCHEMA_SYNTAX))
                .isEqualTo(1);
    }

    @Test
    void anUnknownSchemaOrTableIsRefusedWithTheServicesCodes() {
        assertThatThrownBy(() ->
                        tunnel.createUploadSession("layered", "nope", "orders", new PartitionSpec("ds='1'"), true))
                .isInstanceOfSatisfying(
                        TunnelException.class, e -> assertThat(e.getErrorCode()).isEqualTo("NoSuchSchema"))
                .hasMessageContaining("layered.nope");
        assertThatThrownBy(() -> tunnel.createUploadSession("layered", "sales", "nope", true))
                .isInstanceOfSatisfying(
                        TunnelException.class, e -> assertThat(e.getErrorCode()).isEqualTo("NoSuchTable"))
                .hasMessageContaining("layered.sales.nope");
        // A schema's table is not the project's: sales has totals, default has not.
        assertThatThrownBy(() -> tunnel.createUploadSession("layered", null, "totals", true))
                .isInstanceOfSatisfying(
                        TunnelException.class, e -> assertThat(e.getErrorCode()).isEqualTo("NoSuchTable"));
        assertThatThrownBy(() -> count("SELECT COUNT(*) FROM layered.nope.orders;", SCHEMA_SYNTAX))
                .isInstanceOf(OdpsException.class)
                .hasMessageContaining("ODPS-0130131")
                .hasMessageContaining("table layered.nope.orders cannot be resolved");
        assertThatThrownBy(() -> count("SELECT COUNT(*) FROM layered.default.totals;", SCHEMA_SYNTAX))
                .isInstanceOf(OdpsException.class)
                .hasMessageContaining("table layered.totals cannot be resolved");
    }
}
