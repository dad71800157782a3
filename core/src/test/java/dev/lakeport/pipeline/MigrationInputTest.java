package dev.lakeport.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.config.MigrationConfig;
import dev.lakeport.config.MigrationConfigLoader;
import dev.lakeport.mapping.MappingWarning;
import dev.lakeport.model.Column;
import dev.lakeport.model.Database;
import dev.lakeport.model.StorageDescriptor;
import dev.lakeport.model.Table;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.snapshot.LoadOrigin;
import dev.lakeport.snapshot.Side;
import dev.lakeport.snapshot.SnapshotStore;
import dev.lakeport.snapshot.SnapshotWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a project does with settings that name places: result logs beside the project, views and their scope. */
class MigrationInputTest {

    @TempDir
    Path dir;

    static Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("aws.region", "eu-central-1");
        m.put("aliyun.region", "eu-central-1");
        m.put("aliyun.endpoint", "dlf.eu-central-1.aliyuncs.com");
        m.put("location.convertMap", "{\"s3://lake/\":\"oss://lake/\"}");
        return m;
    }

    static MigrationConfig config(Map<String, String> settings) {
        return MigrationConfigLoader.fromMap(settings, "project settings").config();
    }

    @Test
    void aRelativeOutputPathOfAProjectIsBesideTheProjectFileNotTheWorkingDirectory() {
        Map<String, String> s = settings();
        s.put("result.output.path", "results/run-logs");
        Path projectFile = dir.resolve("projects").resolve("sales.lakeport.mv.db");

        try (SnapshotStore store = SnapshotStore.inMemory("output-" + UUID.randomUUID());
                Migration migration = Migration.attach(config(s), projectFile, store)) {
            assertThat(migration.outputPath())
                    .isEqualTo(dir.resolve("projects/results/run-logs")
                            .toAbsolutePath()
                            .toString());
        }
    }

    @Test
    void absoluteAndRemoteOutputPathsAreKeptAsGiven() {
        for (String given : List.of(dir.resolve("abs").toAbsolutePath().toString(), "oss://bucket/results/")) {
            Map<String, String> s = settings();
            s.put("result.output.path", given);
            try (SnapshotStore store = SnapshotStore.inMemory("output-" + UUID.randomUUID());
                    Migration migration = Migration.attach(config(s), dir.resolve("p.mv.db"), store)) {
                assertThat(migration.outputPath()).isEqualTo(given);
            }
        }
    }

    @Test
    void aViewOverTablesOutsideTheScopeIsAWarningNamingTheViewAndTheTables() {
        Map<String, String> s = settings();
        s.put("aws.databases", "sales");
        StorageDescriptor sd = StorageDescriptor.builder()
                .columns(List.of(Column.of("id", "bigint")))
                .location("s3://lake/sales/orders")
                .build();
        Table orders = Table.builder("sales", "orders").storageDescriptor(sd).build();
        Table view = Table.builder("sales", "orders_by_customer")
                .tableType("VIRTUAL_VIEW")
                .viewOriginalText("SELECT * FROM orders o JOIN crm.customers c ON o.id = c.id")
                .viewExpandedText(
                        "SELECT `o`.`id` FROM `sales`.`orders` `o` JOIN `crm`.`customers` `c` ON `o`.`id` = `c`.`id`"
                                + " LEFT JOIN `finance`.`invoices` `i` ON `i`.`id` = `o`.`id`")
                .build();
        Table inside = Table.builder("sales", "recent_orders")
                .tableType("VIRTUAL_VIEW")
                .viewExpandedText("WITH r AS (SELECT * FROM `sales`.`orders`) SELECT * FROM r")
                .build();

        try (SnapshotStore store = SnapshotStore.inMemory("views-" + UUID.randomUUID());
                Migration migration = Migration.attach(config(s), dir.resolve("p.mv.db"), store)) {
            try (SnapshotWriter writer = store.beginLoad(
                    Side.SOURCE,
                    LoadOrigin.of("glue", "http://localhost", "123456789012"),
                    migration.mapping(),
                    migration.mapping().mappingId())) {
                writer.putDatabase(Database.of("sales"));
                writer.putTable(orders);
                writer.putTable(view);
                writer.putTable(inside);
                writer.finish();
            }

            MappingCheck check = migration.checkMapping(new CancellationToken());

            assertThat(check.warningCounts()).containsEntry(MappingWarning.Code.VIEW_OUTSIDE_SCOPE, 1L);
            assertThat(check.examples())
                    .filteredOn(w -> w.code() == MappingWarning.Code.VIEW_OUTSIDE_SCOPE)
                    .singleElement()
                    .satisfies(w -> assertThat(w.message())
                            .contains("view sales.orders_by_customer")
                            .contains("crm.customers, finance.invoices")
                            .doesNotContain("sales.orders,"));
        }
    }
}
