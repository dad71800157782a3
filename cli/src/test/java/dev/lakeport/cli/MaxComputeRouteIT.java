package dev.lakeport.cli;

import static dev.lakeport.cli.CatalogsAtHand.ok;
import static dev.lakeport.cli.CatalogsAtHand.read;
import static dev.lakeport.cli.CatalogsAtHand.settings;
import static dev.lakeport.cli.CatalogsAtHand.table;
import static dev.lakeport.cli.CatalogsAtHand.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.model.Column;
import dev.lakeport.model.Database;
import dev.lakeport.model.StorageDescriptor;
import dev.lakeport.model.Table;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hive Metastore -> MaxCompute as a user runs it: every command in a process of its own, against {@code lakeport-cli
 * emulators --source hive --destination maxcompute} in another (a real metastore, the MaxCompute emulator speaking
 * the SDK's wire format), and what reached MaxCompute read back through the connector, table by table: the schema
 * each database became, each column's mapped type, each table's partitions.
 */
class MaxComputeRouteIT {
    private static final String PROJECT = "lakeport_sample";

    @TempDir
    Path dir;

    @Test
    void hiveToMaxComputeFirstRunRediffIncrementalAndGatedDeletions() throws Exception {
        try (ChildProcesses cli = new ChildProcesses(dir)) {
            String config = startEmulators(cli).toString();
            Map<String, String> settings = settings(Path.of(config));

            ok(cli, "load", "-c", config);
            String diff =
                    ok(cli, "diff", "-c", config, "--types", "sales.orders").out();
            assertThat(diff).contains("hiveNew").contains("Types of sales.orders on Hive → MaxCompute:");
            assertThat(diff).containsPattern("order_id +bigint +-> bigint");
            ok(cli, "apply", "-c", config);
            assertThat(ok(cli, "verify", "-c", config).out()).contains("Verified: the destination matches");
            assertSameCatalogs(settings);

            // The sample's views are views of MaxCompute now, reading the tables there under their MaxCompute names.
            Table daily = table(settings, "maxcompute", PROJECT + ".sales", "daily_revenue_v")
                    .orElseThrow();
            assertThat(daily.isView()).isTrue();
            assertThat(daily.viewExpandedText()).hasValueSatisfying(sql -> assertThat(sql)
                    .contains("FROM `lakeport_sample`.`sales`.`orders`")
                    .doesNotContain("FROM `sales`.`orders`"));
            assertThat(table(settings, "maxcompute", PROJECT + ".web_logs", "top_pages_v")
                            .flatMap(Table::viewExpandedText))
                    .as("the Athena view, from its Presto SQL")
                    .hasValueSatisfying(
                            sql -> assertThat(sql).contains("FROM `lakeport_sample`.`web_logs`.`page_views`"));

            // A second look finds nothing to do, and no location to map.
            ok(cli, "load", "-c", config);
            assertThat(ok(cli, "diff", "-c", config).out())
                    .contains("No differences")
                    .doesNotContain("location.convertMap");

            // Incremental: a new table at the source, and nothing else, reaches MaxCompute.
            Table orders = table(settings, "hive", "sales", "orders").orElseThrow();
            write(
                    settings,
                    "hive",
                    w -> w.createTable(orders.toBuilder()
                            .name("orders_it_copy")
                            .storageDescriptor(orders.storageDescriptor()
                                    .map(sd -> sd.toBuilder()
                                            .location("s3://lakeport-sample-eu-central-1/sales/orders_it_copy")
                                            .build())
                                    .orElse(null))
                            .build()));
            ok(cli, "load", "-c", config);
            assertThat(ok(cli, "diff", "-c", config).out())
                    .as("the new table alone")
                    .containsPattern("table +1 +0 +0");
            ok(cli, "apply", "-c", config);
            assertThat(table(settings, "maxcompute", PROJECT + ".sales", "orders_it_copy"))
                    .isPresent();

            // Deletions: off unless turned on, and then only with the exact count.
            write(settings, "hive", w -> w.deleteTable("sales", "orders_it_copy"));
            ok(cli, "load", "-c", config);
            assertThat(ok(cli, "diff", "-c", config).out()).containsPattern("table +0 +1 +0");
            assertThat(ok(cli, "apply", "-c", config).out()).contains("deletions (maxcomputeNew) skipped");
            assertThat(table(settings, "maxcompute", PROJECT + ".sales", "orders_it_copy"))
                    .isPresent();
            ok(cli, "apply", "-c", config, "--allow-deletes", "--confirm-deletes", "1");
            assertThat(table(settings, "maxcompute", PROJECT + ".sales", "orders_it_copy"))
                    .isEmpty();
            assertSameCatalogs(settings);
        }
    }

    @Test
    void aTableMaxComputeCannotHoldStopsTheRunBeforeAnythingIsWritten() throws Exception {
        try (ChildProcesses cli = new ChildProcesses(dir)) {
            String config = startEmulators(cli).toString();
            Map<String, String> settings = settings(Path.of(config));
            write(
                    settings,
                    "hive",
                    w -> w.createTable(Table.builder("sales", "events_union")
                            .storageDescriptor(StorageDescriptor.builder()
                                    .columns(List.of(
                                            Column.of("id", "bigint"), Column.of("payload", "uniontype<int,string>")))
                                    .location("s3://lakeport-sample-eu-central-1/sales/events_union")
                                    .build())
                            .tableType("EXTERNAL_TABLE")
                            .build()));

            ok(cli, "load", "-c", config);
            String diff = ok(cli, "diff", "-c", config).out();
            assertThat(diff).contains("cannot take 1 object").contains("lakeport_sample.sales.events_union.payload");

            ChildProcesses.Finished apply = cli.run(CatalogsAtHand.STEP, "apply", "-c", config);
            assertThat(apply.exitCode()).as(apply.all()).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(apply.err())
                    .contains("lakeport_sample.sales.events_union.payload")
                    .contains("nothing was written");
            assertThat(inventory(settings, "maxcompute"))
                    .as("nothing was written")
                    .isEmpty();
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static Path startEmulators(ChildProcesses cli) {
        return cli.startEmulators(
                300,
                "--source",
                "hive",
                "--destination",
                "maxcompute",
                "--hive-port",
                String.valueOf(ChildProcesses.freePort()),
                "--maxcompute-port",
                String.valueOf(ChildProcesses.freePort()));
    }

    /**
     * Every Hive table and view as MaxCompute should hold it: in the schema named as its database, with its columns'
     * names, its partition keys and its partition count.
     */
    private static void assertSameCatalogs(Map<String, String> settings) {
        Map<String, String> expected = new TreeMap<>();
        inventory(settings, "hive").forEach((table, shape) -> {
            if (!table.startsWith("default.")) {
                expected.put(PROJECT + "." + table, shape);
            }
        });
        assertThat(inventory(settings, "maxcompute")).isEqualTo(expected);
    }

    /** {@code database.table} → its column names, partition key names and partition count. */
    private static Map<String, String> inventory(Map<String, String> settings, String kind) {
        return read(settings, kind, r -> {
            Map<String, String> out = new TreeMap<>();
            try (Stream<Database> databases = r.databases()) {
                for (Database d : databases.toList()) {
                    try (Stream<Table> tables = r.tables(d.name())) {
                        for (Table t : tables.toList()) {
                            long partitions;
                            try (var ps = r.partitions(t, Optional.empty())) {
                                partitions = ps.count();
                            }
                            List<String> columns =
                                    t.storageDescriptor().map(StorageDescriptor::columns).orElse(List.of()).stream()
                                            .map(c -> c.name().toLowerCase(Locale.ROOT))
                                            .toList();
                            List<String> keys = t.partitionKeys().stream()
                                    .map(c -> c.name().toLowerCase(Locale.ROOT))
                                    .toList();
                            out.put(d.name() + "." + t.name(), columns + " " + keys + " " + partitions);
                        }
                    }
                }
            }
            return out;
        });
    }
}
