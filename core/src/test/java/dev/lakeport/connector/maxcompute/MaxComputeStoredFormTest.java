package dev.lakeport.connector.maxcompute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeport.connector.ConnectorException;
import dev.lakeport.connector.ErrorCode;
import dev.lakeport.connector.TestingCatalogObjects;
import dev.lakeport.emulator.maxcompute.MaxComputeEmulator;
import dev.lakeport.model.CatalogObject;
import dev.lakeport.model.Column;
import dev.lakeport.model.Database;
import dev.lakeport.model.Partition;
import dev.lakeport.model.StorageDescriptor;
import dev.lakeport.model.Table;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class MaxComputeStoredFormTest {
    private final UnaryOperator<CatalogObject> stored =
            new MaxComputeCatalogConnector().storedForm().orElseThrow();

    @Test
    void aTableKeepsOnlyColumnsKeysCommentLifecycleAndTypeWithTypesLowerCase() {
        Table table = TestingCatalogObjects.partitionedTable("proj_a", "orders").toBuilder()
                .storageDescriptor(StorageDescriptor.builder()
                        .columns(List.of(
                                new Column("ID", "BIGINT", Optional.of("key"), Map.of("pii", "false")),
                                Column.of("amount", "DECIMAL(10, 2)"),
                                Column.of("attrs", "MAP<STRING, STRUCT<a:BIGINT, b:STRING>>")))
                        .location("s3://b/orders/")
                        .inputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat")
                        .build())
                .build();

        Table s = (Table) stored.apply(table);

        assertThat(s.storageDescriptor().orElseThrow())
                .isEqualTo(StorageDescriptor.builder()
                        .columns(List.of(
                                Column.of("id", "bigint", "key"),
                                Column.of("amount", "decimal(10,2)"),
                                Column.of("attrs", "map<string,struct<a:bigint,b:string>>")))
                        .build());
        assertThat(s.partitionKeys()).isEqualTo(table.partitionKeys());
        assertThat(s.description()).isEqualTo(table.description());
        assertThat(s.retention()).isEqualTo(30);
        assertThat(s.tableType()).contains("MANAGED_TABLE");
        assertThat(s.parameters()).isEmpty();
        assertThat(s.owner()).isEmpty();
        assertThat(s.lastAccessTime()).isEmpty();
        assertThat(stored.apply(s)).as("applying it twice changes nothing").isEqualTo(s);
        assertThat(((Table) stored.apply(table.toBuilder().name("Orders").build())).key())
                .as("MaxCompute keeps names in lower case")
                .isEqualTo(s.key());
    }

    @Test
    void aPartitionIsItsValuesAndADatabaseItsNameAndASchemasComment() {
        Table table = TestingCatalogObjects.partitionedTable("proj_a", "orders");
        Partition p = TestingCatalogObjects.partition(table, "2024-01-01", "eu");

        Partition s = (Partition) stored.apply(p);
        assertThat(s.values()).isEqualTo(p.values());
        assertThat(s.storageDescriptor()).isEmpty();
        assertThat(s.parameters()).isEmpty();
        assertThat(s.lastAccessTime()).isEmpty();

        Database project = TestingCatalogObjects.database("proj_a");
        assertThat(stored.apply(project)).isEqualTo(Database.of("proj_a"));
        Database schema = TestingCatalogObjects.database("proj_b.finance");
        assertThat(((Database) stored.apply(schema)).description()).isEqualTo(schema.description());
        assertThat(((Database) stored.apply(schema)).locationUri()).isEmpty();
    }

    @Test
    void aViewIsWrittenWithItsColumnListAndCommentsReadBackAsItsStoredFormAndDroppedAsAView() {
        try (MaxComputeEmulator emulator = MaxComputeEmulator.start()) {
            emulator.store().createProject("proj_a");
            try (MaxComputeConnector c = TestingMaxCompute.open(emulator, "proj_a", Map.of());
                    var reader = c.reader();
                    var writer = c.writer()) {
                writer.createTable(TestingCatalogObjects.partitionedTable("proj_a", "orders"));
                Table view = Table.builder("proj_a", "Orders_V")
                        .description("it's the orders")
                        .storageDescriptor(StorageDescriptor.builder()
                                .columns(List.of(Column.of("Day", "string", "the day"), Column.of("n", "bigint")))
                                .build())
                        .tableType("VIRTUAL_VIEW")
                        .viewExpandedText("SELECT `orders`.`dt`,   count(*)\n FROM `proj_a`.`orders` GROUP BY"
                                + " `orders`.`dt`;")
                        .build();

                writer.createTable(view);

                Table read = reader.table("proj_a", "orders_v").orElseThrow();
                assertThat(read).isEqualTo(stored.apply(view));
                assertThat(read.viewExpandedText())
                        .contains("SELECT `orders`.`dt`, count(*) FROM `proj_a`.`orders` GROUP BY `orders`.`dt`");
                assertThat(read.storageDescriptor().orElseThrow().columns())
                        .containsExactly(new Column("day", "", Optional.of("the day"), Map.of()), Column.of("n", ""));
                assertThatThrownBy(() -> writer.createTable(view))
                        .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.code())
                                .isEqualTo(ErrorCode.ALREADY_EXISTS));
                assertThatThrownBy(() -> writer.createTable(view.toBuilder()
                                .name("lost_v")
                                .viewExpandedText("SELECT * FROM `proj_a`.`gone`")
                                .build()))
                        .hasMessageContaining("proj_a.lost_v")
                        .hasMessageContaining("Table not found - table proj_a.gone");
                assertThat(emulator.store().table("proj_a", "lost_v")).isEmpty();

                writer.deleteTable("proj_a", "orders_v");
                assertThat(reader.table("proj_a", "orders_v")).isEmpty();
                assertThat(reader.table("proj_a", "orders"))
                        .as("the table it read stays")
                        .isPresent();
            }
        }
    }

    @Test
    void whatIsWrittenReadsBackAsTheStoredForm() {
        try (MaxComputeEmulator emulator = MaxComputeEmulator.start()) {
            emulator.store().createProject("proj_a");
            try (MaxComputeConnector c = TestingMaxCompute.open(emulator, "proj_a", Map.of());
                    var reader = c.reader();
                    var writer = c.writer()) {
                Table table = TestingCatalogObjects.partitionedTable("proj_a", "orders").toBuilder()
                        .storageDescriptor(StorageDescriptor.builder()
                                .columns(List.of(
                                        Column.of("ID", "BIGINT", "it's the key"),
                                        Column.of("attrs", "MAP<STRING, STRUCT<a:BIGINT, b:STRING>>"),
                                        Column.of("at", "TIMESTAMP_NTZ")))
                                .location("s3://b/orders")
                                .build())
                        .build();
                writer.createTable(table.toBuilder().name("Orders").build());
                Partition p = TestingCatalogObjects.partition(table, "2024-01-01", "eu");
                assertThat(writer.createPartitions(table, List.of(p)).failures())
                        .isEmpty();

                assertThat(reader.table("proj_a", "orders")).contains((Table) stored.apply(table));
                assertThat(reader.partitions(table, List.of(p.values()))).containsExactly((Partition) stored.apply(p));
                assertThat(reader.database("proj_a"))
                        .contains((Database) stored.apply(TestingCatalogObjects.database("proj_a")));
            }
        }
    }
}
