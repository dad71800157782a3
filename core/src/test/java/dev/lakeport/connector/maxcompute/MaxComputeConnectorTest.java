package dev.lakeport.connector.maxcompute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeport.connector.BatchResult;
import dev.lakeport.connector.ConnectorException;
import dev.lakeport.connector.ErrorCode;
import dev.lakeport.connector.ErrorKind;
import dev.lakeport.connector.Retries;
import dev.lakeport.emulator.maxcompute.MaxComputeEmulator;
import dev.lakeport.model.Column;
import dev.lakeport.model.Database;
import dev.lakeport.model.Partition;
import dev.lakeport.model.StorageDescriptor;
import dev.lakeport.model.Table;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What MaxCompute adds to the contract: namespaces, project flags, refusals it must explain, and its errors. */
class MaxComputeConnectorTest {
    private MaxComputeEmulator emulator;

    @BeforeEach
    void start() {
        emulator = MaxComputeEmulator.start();
        emulator.store().createProject("proj_main");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private static Table table(String database, String name, List<Column> columns, List<Column> keys) {
        return Table.builder(database, name)
                .description("orders of the shop")
                .storageDescriptor(StorageDescriptor.builder().columns(columns).build())
                .partitionKeys(keys)
                .tableType("MANAGED_TABLE")
                .build();
    }

    private static List<String> names(Stream<Database> databases) {
        try (databases) {
            return databases.map(Database::name).toList();
        }
    }

    @Test
    void aThreeLayerProjectListsItsSchemasAsDatabasesAndWritesIntoThem() {
        emulator.store().createProject("layered").setProperty("layered", "odps.schema.model.enabled", "true");
        try (MaxComputeConnector c = TestingMaxCompute.open(
                        emulator,
                        "proj_main",
                        Map.of("maxcompute.project.mapping", "{\"finance\":\"layered.finance\"}"));
                var reader = c.reader();
                var writer = c.writer()) {
            writer.createDatabase(new Database(
                    "layered.finance", Optional.of("money"), Optional.empty(), Map.of(), Optional.empty()));
            Table ledger = table(
                    "layered.finance",
                    "ledger",
                    List.of(Column.of("id", "bigint", "the id"), Column.of("amount", "decimal(10,2)")),
                    List.of(Column.of("ds", "string")));
            writer.createTable(ledger);

            assertThat(names(reader.databases()))
                    .as("the empty 'default' schema every layered project has is left out")
                    .containsExactly("proj_main", "layered.finance");
            assertThat(reader.database("layered.finance").orElseThrow().description())
                    .contains("money");
            assertThat(reader.database("layered"))
                    .as("a layered project is named by its schemas")
                    .isEmpty();
            Table read = reader.table("layered.finance", "ledger").orElseThrow();
            assertThat(read.storageDescriptor().orElseThrow().columns())
                    .extracting(Column::name, Column::type)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("id", "bigint"),
                            org.assertj.core.groups.Tuple.tuple("amount", "decimal(10,2)"));
            assertThat(emulator.store().table("layered.finance", "ledger")).isPresent();
            assertThat(emulator.store().table("layered", "ledger"))
                    .as("not in the default schema")
                    .isEmpty();
            try (Stream<Table> tables = reader.tables("layered.default")) {
                assertThat(tables).isEmpty();
            }
            assertThat(writer.createPartitions(read, List.of(partition(read, "2024-01-01")))
                            .failures())
                    .isEmpty();
            assertThat(emulator.store().partitions("layered.finance", "ledger", Map.of()))
                    .hasSize(1);

            assertThatThrownBy(() -> writer.deleteDatabase("layered.finance"))
                    .isInstanceOf(ConnectorException.class)
                    .hasMessageContaining("still holds 1 table");
            writer.deleteTable("layered.finance", "ledger");
            writer.deleteDatabase("layered.finance");
            assertThat(names(reader.databases())).containsExactly("proj_main");
            writer.createTable(table("layered.default", "notes", List.of(Column.of("id", "bigint")), List.of()));
            assertThat(names(reader.databases()))
                    .as("'default' once it holds a table")
                    .containsExactly("proj_main", "layered.default");
        }
    }

    @Test
    void databasesAreTheDefaultProjectAndEveryMappingTargetOnce() {
        emulator.store().createProject("proj_a");
        emulator.store().createProject("proj_b").setProperty("proj_b", "odps.schema.model.enabled", "true");
        emulator.store().createSchema("proj_b", "finance", "");
        try (MaxComputeConnector c = TestingMaxCompute.open(
                        emulator,
                        "proj_main",
                        Map.of(
                                "maxcompute.project.mapping",
                                "{\"sales\":\"proj_a\",\"crm\":\"proj_a\",\"finance\":\"proj_b.finance\"}"));
                var reader = c.reader()) {
            assertThat(names(reader.databases())).containsExactly("proj_main", "proj_a", "proj_b.finance");
            assertThat(reader.databaseCount()).isEqualTo(3);
        }
    }

    @Test
    void factsAreEachProjectsTypeSystemFlags() {
        emulator.store().createProject("proj_a");
        emulator.store()
                .setProperty("proj_main", "odps.sql.hive.compatible", "true")
                .setProperty("proj_main", "odps.sql.decimal.odps2", "true")
                .setProperty("proj_a", "odps.sql.type.system.odps2", "false")
                .setProperty("proj_a", "odps.schema.model.enabled", "false")
                .setProperty("proj_a", "odps.unrelated", "x");
        try (MaxComputeConnector c = TestingMaxCompute.open(
                emulator, "proj_main", Map.of("maxcompute.project.mapping", "{\"s\":\"proj_a\"}"))) {
            assertThat(c.facts())
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            "proj_main.odps.sql.type.system.odps2", "true",
                            "proj_main.odps.sql.hive.compatible", "true",
                            "proj_main.odps.sql.decimal.odps2", "true",
                            "proj_a.odps.sql.type.system.odps2", "false",
                            "proj_a.odps.schema.model.enabled", "false"));
        }
    }

    @Test
    void aMissingProjectCannotBeCreatedAndTheMessageSaysWhere() {
        try (MaxComputeConnector c = TestingMaxCompute.open(emulator, "proj_main", Map.of());
                var writer = c.writer()) {
            assertThatThrownBy(() -> writer.createDatabase(Database.of("proj_new")))
                    .isInstanceOf(ConnectorException.class)
                    .hasMessageContaining("proj_new")
                    .hasMessageContaining("MaxCompute console")
                    .satisfies(e -> assertThat(((ConnectorException) e).code()).isEqualTo(ErrorCode.INVALID_INPUT));
            assertThat(emulator.store().hasProject("proj_new")).isFalse();
            assertThatThrownBy(() -> writer.createDatabase(Database.of("proj_main.finance")))
                    .isInstanceOf(ConnectorException.class)
                    .hasMessageContaining("has no schemas");
        }
    }

    @Test
    void aTypeChangeIsRefusedNamingTheColumnWhatItIsAndWhatItWouldBecome() {
        try (MaxComputeConnector c = TestingMaxCompute.open(emulator, "proj_main", Map.of());
                var reader = c.reader();
                var writer = c.writer()) {
            Table t = table(
                    "proj_main",
                    "orders",
                    List.of(Column.of("id", "bigint"), Column.of("amount", "double")),
                    List.of());
            writer.createTable(t);
            Table changed = t.toBuilder()
                    .storageDescriptor(StorageDescriptor.builder()
                            .columns(List.of(Column.of("id", "bigint"), Column.of("amount", "decimal(12,2)")))
                            .build())
                    .build();

            assertThatThrownBy(() -> writer.updateTable(changed))
                    .isInstanceOf(ConnectorException.class)
                    .hasMessageContaining("proj_main.orders")
                    .hasMessageContaining("amount")
                    .hasMessageContaining("from double to decimal(12,2)");
            assertThat(reader.table("proj_main", "orders")
                            .orElseThrow()
                            .storageDescriptor()
                            .orElseThrow()
                            .columns())
                    .extracting(Column::type)
                    .containsExactly("bigint", "double");

            Table grown = t.toBuilder()
                    .description("all orders")
                    .retention(9)
                    .storageDescriptor(StorageDescriptor.builder()
                            .columns(List.of(
                                    Column.of("id", "bigint", "the key"),
                                    Column.of("amount", "double"),
                                    Column.of("note", "varchar(20)")))
                            .build())
                    .build();
            writer.updateTable(grown);
            Table read = reader.table("proj_main", "orders").orElseThrow();
            assertThat(read.description()).contains("all orders");
            assertThat(read.retention()).isEqualTo(9);
            assertThat(read.storageDescriptor().orElseThrow().columns())
                    .containsExactlyElementsOf(
                            grown.storageDescriptor().orElseThrow().columns());
        }
    }

    @Test
    void partitionValuesWithQuotesSlashesSpacesAndCjkRoundTrip() {
        try (MaxComputeConnector c = TestingMaxCompute.open(emulator, "proj_main", Map.of());
                var reader = c.reader();
                var writer = c.writer()) {
            Table t = table(
                    "proj_main",
                    "events",
                    List.of(Column.of("id", "bigint")),
                    List.of(Column.of("k", "string"), Column.of("v", "string")));
            writer.createTable(t);
            List<List<String>> values = List.of(
                    List.of("a/b=c", "it's"),
                    List.of("say \"hi\"", "back\\slash"),
                    List.of("two words", "東京"),
                    List.of("100%", "x&y?z#"));
            List<Partition> written = values.stream().map(v -> partition(t, v)).toList();

            assertThat(writer.createPartitions(t, written).failures()).isEmpty();
            List<List<String>> read;
            try (Stream<Partition> stream = reader.partitions(t, Optional.empty())) {
                read = stream.map(Partition::values).toList();
            }
            assertThat(read).containsExactlyInAnyOrderElementsOf(values);
            BatchResult again = writer.createPartitions(t, written.subList(0, 1));
            assertThat(again.failures())
                    .singleElement()
                    .satisfies(f -> assertThat(f.error().code()).isEqualTo(ErrorCode.ALREADY_EXISTS));
            assertThat(writer.deletePartitions(t, values.subList(0, 2)).failures())
                    .isEmpty();
            assertThat(reader.partitions(t, values))
                    .extracting(Partition::values)
                    .containsExactlyInAnyOrderElementsOf(values.subList(2, 4));
        }
    }

    @Test
    void listingsSpanPagesOfTablesAndPartitions() {
        emulator.faults().maxPageSize(7);
        try (MaxComputeConnector c = TestingMaxCompute.open(emulator, "proj_main", Map.of());
                var reader = c.reader();
                var writer = c.writer()) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                names.add("t_" + i);
                writer.createTable(table("proj_main", "t_" + i, List.of(Column.of("id", "bigint")), List.of()));
            }
            Table p = table("proj_main", "p", List.of(Column.of("id", "bigint")), List.of(Column.of("ds", "string")));
            writer.createTable(p);
            names.add("p");
            List<Partition> partitions = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                partitions.add(partition(p, String.format("2024-01-%02d", i + 1)));
            }
            assertThat(writer.createPartitions(p, partitions).failures()).isEmpty();

            try (Stream<Table> tables = reader.tables("proj_main")) {
                assertThat(tables.map(Table::name).toList()).containsExactlyInAnyOrderElementsOf(names);
            }
            try (Stream<Partition> stream = reader.partitions(p, Optional.empty())) {
                assertThat(stream.map(Partition::key).toList())
                        .containsExactlyInAnyOrderElementsOf(
                                partitions.stream().map(Partition::key).toList());
            }
        }
    }

    @Test
    void aWrongSecretIsACredentialsErrorNamingTheEndpointAndNotTheSecret() {
        emulator.allowAccessKey(TestingMaxCompute.ACCESS_ID, "the-right-secret");
        try (MaxComputeConnector c = TestingMaxCompute.open(emulator, "proj_main", Map.of());
                var reader = c.reader(Retries.none())) {
            assertThatThrownBy(reader::databaseCount)
                    .isInstanceOf(ConnectorException.class)
                    .satisfies(e -> {
                        ConnectorException ce = (ConnectorException) e;
                        assertThat(ce.code()).isEqualTo(ErrorCode.INVALID_CREDENTIALS);
                        assertThat(ce.getMessage())
                                .contains(emulator.endpoint())
                                .contains("maxcompute.accessKeySecret")
                                .doesNotContain(TestingMaxCompute.SECRET)
                                .doesNotContain("the-right-secret");
                    });
        }
    }

    @Test
    void anUnreachableEndpointIsAClearTransientError() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (MaxComputeConnector c = new MaxComputeCatalogConnector()
                        .open(
                                TestingMaxCompute.settings(emulator, "proj_main", Map.of())
                                        .with("maxcompute.endpoint", "http://127.0.0.1:" + port + "/api"),
                                dev.lakeport.connector.CallSettings.defaults());
                var reader = c.reader(Retries.none())) {
            assertThatThrownBy(reader::databaseCount)
                    .isInstanceOf(ConnectorException.class)
                    .satisfies(e -> {
                        ConnectorException ce = (ConnectorException) e;
                        assertThat(ce.kind()).isEqualTo(ErrorKind.EXTERNAL);
                        assertThat(ce.isTransient()).isTrue();
                        assertThat(ce.getMessage())
                                .contains("unreachable")
                                .contains("http://127.0.0.1:" + port + "/api")
                                .doesNotContain(TestingMaxCompute.SECRET);
                    });
        }
    }

    private static Partition partition(Table t, String... values) {
        return partition(t, List.of(values));
    }

    private static Partition partition(Table t, List<String> values) {
        return new Partition(
                t.databaseName(),
                t.name(),
                values,
                Optional.empty(),
                Map.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }
}
