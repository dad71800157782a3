package dev.lakeport.emulator.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.BatchCreatePartitionResponse;
import software.amazon.awssdk.services.glue.model.BatchUpdatePartitionRequestEntry;
import software.amazon.awssdk.services.glue.model.Database;
import software.amazon.awssdk.services.glue.model.DatabaseInput;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.FunctionType;
import software.amazon.awssdk.services.glue.model.GetPartitionsResponse;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.PartitionValueList;
import software.amazon.awssdk.services.glue.model.PrincipalType;
import software.amazon.awssdk.services.glue.model.ResourceType;
import software.amazon.awssdk.services.glue.model.ResourceUri;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;
import software.amazon.awssdk.services.glue.model.UserDefinedFunction;
import software.amazon.awssdk.services.glue.model.UserDefinedFunctionInput;

/** Every operation's happy path, through the AWS SDK's own GlueClient. */
class GlueEmulatorTest {
    private static final String LOCATION = "s3://bucket/sales/orders/";

    private GlueEmulator emulator;
    private GlueClient glue;

    @BeforeEach
    void start() {
        emulator = GlueEmulator.start();
        glue = TestingGlue.client(emulator);
    }

    @AfterEach
    void stop() {
        glue.close();
        emulator.close();
    }

    private void ordersTable() {
        glue.createDatabase(r -> r.databaseInput(TestingGlue.database("sales")));
        glue.createTable(
                r -> r.databaseName("sales").tableInput(TestingGlue.partitionedTable("orders", LOCATION, "int")));
    }

    @Test
    void databaseTableAndPartitionRoundTripWithFoldedNames() {
        glue.createDatabase(r -> r.databaseInput(TestingGlue.database("Sales")));
        Database db = glue.getDatabase(r -> r.name("sales")).database();
        assertThat(db.name()).isEqualTo("sales");
        assertThat(db.locationUri()).isEqualTo("s3://bucket/Sales/");
        assertThat(db.createTime()).isNotNull();
        assertThat(db.catalogId()).isEqualTo(GlueStore.DEFAULT_CATALOG_ID);

        glue.createTable(
                r -> r.databaseName("sales").tableInput(TestingGlue.partitionedTable("Orders", LOCATION, "int")));
        Table table = glue.getTable(r -> r.databaseName("SALES").name("orders")).table();
        assertThat(table.name()).isEqualTo("orders");
        assertThat(table.databaseName()).isEqualTo("sales");
        assertThat(table.partitionKeys()).extracting(c -> c.name()).containsExactly("dt", "hr");
        assertThat(table.storageDescriptor().columns()).hasSize(2);
        assertThat(table.versionId()).isEqualTo("0");
        assertThat(table.createTime()).isNotNull().isEqualTo(table.updateTime());

        glue.createPartition(r -> r.databaseName("sales")
                .tableName("orders")
                .partitionInput(TestingGlue.partition(LOCATION, "20240101", "7")));
        Partition partition = glue.getPartition(
                        r -> r.databaseName("sales").tableName("orders").partitionValues("20240101", "7"))
                .partition();
        assertThat(partition.values()).containsExactly("20240101", "7");
        assertThat(partition.databaseName()).isEqualTo("sales");
        assertThat(partition.tableName()).isEqualTo("orders");
        assertThat(partition.storageDescriptor().location()).isEqualTo(LOCATION + "dt=20240101/hr=7/");
        assertThat(partition.storageDescriptor().columns()).hasSize(2);
        assertThat(partition.storageDescriptor().serdeInfo().serializationLibrary())
                .contains("ParquetHiveSerDe");
        assertThat(partition.creationTime()).isNotNull();
    }

    @Test
    void databasesPageUpdateAndDeleteWithEverythingInside() {
        for (int i = 0; i < 7; i++) {
            String name = "db" + i;
            glue.createDatabase(r -> r.databaseInput(TestingGlue.database(name)));
        }
        List<String> names = new ArrayList<>();
        glue.getDatabasesPaginator(r -> r.maxResults(3))
                .forEach(page -> page.databaseList().forEach(d -> names.add(d.name())));
        assertThat(names).containsExactly("db0", "db1", "db2", "db3", "db4", "db5", "db6");

        glue.updateDatabase(r -> r.name("db1")
                .databaseInput(DatabaseInput.builder()
                        .name("db1")
                        .description("changed")
                        .parameters(java.util.Map.of("team", "bi"))
                        .build()));
        Database updated = glue.getDatabase(r -> r.name("db1")).database();
        assertThat(updated.description()).isEqualTo("changed");
        assertThat(updated.parameters()).containsEntry("team", "bi");

        glue.createTable(r -> r.databaseName("db1").tableInput(TestingGlue.partitionedTable("t", LOCATION, "int")));
        glue.createPartition(r ->
                r.databaseName("db1").tableName("t").partitionInput(TestingGlue.partition(LOCATION, "20240101", "1")));
        glue.createUserDefinedFunction(r -> r.databaseName("db1")
                .functionInput(UserDefinedFunctionInput.builder()
                        .functionName("f")
                        .className("x.F")
                        .build()));

        glue.deleteDatabase(r -> r.name("db1"));

        assertThatThrownBy(() -> glue.getDatabase(r -> r.name("db1"))).isInstanceOf(EntityNotFoundException.class);
        assertThat(emulator.store().tableCount()).isZero();
        assertThat(emulator.store().partitionCount()).isZero();
        assertThat(emulator.store().functionCount()).isZero();
        // A database created again under the same name starts empty.
        glue.createDatabase(r -> r.databaseInput(TestingGlue.database("db1")));
        assertThat(glue.getTables(r -> r.databaseName("db1")).tableList()).isEmpty();
    }

    @Test
    void tablesPageFilterUpdateAndDelete() {
        glue.createDatabase(r -> r.databaseInput(TestingGlue.database("sales")));
        for (String name : List.of("orders", "order_items", "customers", "returns", "ods_orders")) {
            glue.createTable(
                    r -> r.databaseName("sales").tableInput(TestingGlue.partitionedTable(name, LOCATION, "int")));
        }
        List<String> all = new ArrayList<>();
        glue.getTablesPaginator(r -> r.databaseName("sales").maxResults(2))
                .forEach(page -> page.tableList().forEach(t -> all.add(t.name())));
        assertThat(all).containsExactly("customers", "ods_orders", "order_items", "orders", "returns");

        List<String> filtered = glue.getTables(r -> r.databaseName("sales").expression("order.*")).tableList().stream()
                .map(Table::name)
                .collect(Collectors.toList());
        assertThat(filtered).containsExactly("order_items", "orders");

        Table before =
                glue.getTable(r -> r.databaseName("sales").name("orders")).table();
        TableInput changed = TestingGlue.partitionedTable("orders", LOCATION, "int").toBuilder()
                .description("all orders")
                .parameters(java.util.Map.of("classification", "parquet"))
                .build();
        glue.updateTable(r -> r.databaseName("sales").tableInput(changed));
        Table after = glue.getTable(r -> r.databaseName("sales").name("orders")).table();
        assertThat(after.description()).isEqualTo("all orders");
        assertThat(after.parameters()).containsEntry("classification", "parquet");
        assertThat(after.versionId()).isEqualTo("1");
        assertThat(after.createTime()).isEqualTo(before.createTime());
        assertThat(after.updateTime()).isAfterOrEqualTo(before.updateTime());

        glue.deleteTable(r -> r.databaseName("sales").name("returns"));
        var batch = glue.batchDeleteTable(r -> r.databaseName("sales").tablesToDelete("customers", "ods_orders"));
        assertThat(batch.errors()).isEmpty();
        assertThat(glue.getTables(r -> r.databaseName("sales")).tableList())
                .extracting(Table::name)
                .containsExactly("order_items", "orders");
    }

    @Test
    void partitionsCreateReadUpdateAndDelete() {
        ordersTable();
        List<PartitionInput> inputs = TestingGlue.partitions(LOCATION, 2);
        BatchCreatePartitionResponse created = glue.batchCreatePartition(
                r -> r.databaseName("sales").tableName("orders").partitionInputList(inputs));
        assertThat(created.errors()).isEmpty();
        assertThat(emulator.store().partitionCount("sales", "orders")).isEqualTo(48);

        GetPartitionsResponse page =
                glue.getPartitions(r -> r.databaseName("sales").tableName("orders"));
        assertThat(page.partitions()).hasSize(48);
        assertThat(page.nextToken()).isNull();

        var got = glue.batchGetPartition(r -> r.databaseName("sales")
                .tableName("orders")
                .partitionsToGet(
                        PartitionValueList.builder().values("20240101", "3").build(),
                        PartitionValueList.builder().values("20240102", "23").build(),
                        PartitionValueList.builder().values("20991231", "0").build()));
        assertThat(got.partitions())
                .extracting(Partition::values)
                .containsExactlyInAnyOrder(List.of("20240101", "3"), List.of("20240102", "23"));
        assertThat(got.unprocessedKeys()).isEmpty();

        PartitionInput moved = TestingGlue.partition(LOCATION, "20240101", "3").toBuilder()
                .parameters(java.util.Map.of("numRows", "10"))
                .storageDescriptor(TestingGlue.descriptor("s3://elsewhere/orders/p1/"))
                .build();
        Partition original = glue.getPartition(
                        r -> r.databaseName("sales").tableName("orders").partitionValues("20240101", "3"))
                .partition();
        glue.updatePartition(r -> r.databaseName("sales")
                .tableName("orders")
                .partitionValueList("20240101", "3")
                .partitionInput(moved));
        Partition updated = glue.getPartition(
                        r -> r.databaseName("sales").tableName("orders").partitionValues("20240101", "3"))
                .partition();
        assertThat(updated.parameters()).containsEntry("numRows", "10");
        assertThat(updated.storageDescriptor().location()).isEqualTo("s3://elsewhere/orders/p1/");
        assertThat(updated.creationTime()).isEqualTo(original.creationTime());

        var batchUpdate = glue.batchUpdatePartition(r -> r.databaseName("sales")
                .tableName("orders")
                .entries(BatchUpdatePartitionRequestEntry.builder()
                        .partitionValueList("20240101", "4")
                        .partitionInput(TestingGlue.partition(LOCATION, "20240101", "4").toBuilder()
                                .parameters(java.util.Map.of("numRows", "4"))
                                .build())
                        .build()));
        assertThat(batchUpdate.errors()).isEmpty();
        assertThat(emulator.store()
                        .getPartition("sales", "orders", List.of("20240101", "4"))
                        .orElseThrow()
                        .path("Parameters")
                        .path("numRows")
                        .asText())
                .isEqualTo("4");

        glue.deletePartition(r -> r.databaseName("sales").tableName("orders").partitionValues("20240101", "0"));
        var batchDelete = glue.batchDeletePartition(r -> r.databaseName("sales")
                .tableName("orders")
                .partitionsToDelete(
                        PartitionValueList.builder().values("20240101", "1").build(),
                        PartitionValueList.builder().values("20240101", "2").build()));
        assertThat(batchDelete.errors()).isEmpty();
        assertThat(emulator.store().partitionCount("sales", "orders")).isEqualTo(45);

        glue.deleteTable(r -> r.databaseName("sales").name("orders"));
        assertThat(emulator.store().partitionCount()).isZero();
    }

    @Test
    void partitionsWithoutColumnSchemaOmitColumnsOnly() {
        ordersTable();
        glue.createPartition(r -> r.databaseName("sales")
                .tableName("orders")
                .partitionInput(TestingGlue.partition(LOCATION, "20240101", "1")));

        Partition lean = glue.getPartitions(
                        r -> r.databaseName("sales").tableName("orders").excludeColumnSchema(true))
                .partitions()
                .get(0);
        assertThat(lean.storageDescriptor().hasColumns()).isFalse();
        assertThat(lean.storageDescriptor().location()).isEqualTo(LOCATION + "dt=20240101/hr=1/");
        assertThat(lean.storageDescriptor().inputFormat()).contains("Parquet");
    }

    @Test
    void functionsCreateListUpdateAndDelete() {
        glue.createDatabase(r -> r.databaseInput(TestingGlue.database("sales")));
        glue.createDatabase(r -> r.databaseInput(TestingGlue.database("finance")));
        for (String name : List.of("mask_email", "mask_phone", "normalize")) {
            glue.createUserDefinedFunction(r -> r.databaseName("sales").functionInput(function(name)));
        }
        glue.createUserDefinedFunction(r -> r.databaseName("finance")
                .functionInput(function("weighted_avg").toBuilder()
                        .functionType(FunctionType.AGGREGATE_FUNCTION)
                        .build()));

        UserDefinedFunction got = glue.getUserDefinedFunction(
                        r -> r.databaseName("finance").functionName("weighted_avg"))
                .userDefinedFunction();
        assertThat(got.className()).isEqualTo("dev.udf.weighted_avg");
        assertThat(got.functionType()).isEqualTo(FunctionType.AGGREGATE_FUNCTION);
        assertThat(got.ownerType()).isEqualTo(PrincipalType.USER);
        assertThat(got.resourceUris())
                .containsExactly(ResourceUri.builder()
                        .resourceType(ResourceType.JAR)
                        .uri("s3://bucket/jars/udfs.jar")
                        .build());
        assertThat(got.databaseName()).isEqualTo("finance");
        assertThat(got.createTime()).isNotNull();

        List<String> masks = new ArrayList<>();
        glue.getUserDefinedFunctionsPaginator(
                        r -> r.databaseName("sales").pattern("mask*").maxResults(1))
                .forEach(page -> page.userDefinedFunctions().forEach(f -> masks.add(f.functionName())));
        assertThat(masks).containsExactly("mask_email", "mask_phone");
        // Without a database, Glue lists the functions of every database.
        assertThat(glue.getUserDefinedFunctions(r -> r.pattern("*")).userDefinedFunctions())
                .hasSize(4);

        glue.updateUserDefinedFunction(r -> r.databaseName("sales")
                .functionName("normalize")
                .functionInput(function("normalize").toBuilder()
                        .className("dev.udf.Normalize2")
                        .build()));
        assertThat(glue.getUserDefinedFunction(r -> r.databaseName("sales").functionName("normalize"))
                        .userDefinedFunction()
                        .className())
                .isEqualTo("dev.udf.Normalize2");

        glue.deleteUserDefinedFunction(r -> r.databaseName("sales").functionName("normalize"));
        assertThatThrownBy(() ->
                        glue.getUserDefinedFunction(r -> r.databaseName("sales").functionName("normalize")))
                .isInstanceOf(EntityNotFoundException.class);
    }

    private static UserDefinedFunctionInput function(String name) {
        return UserDefinedFunctionInput.builder()
                .functionName(name)
                .className("dev.udf." + name)
                .ownerName("hadoop")
                .ownerType(PrincipalType.USER)
                .resourceUris(ResourceUri.builder()
                        .resourceType(ResourceType.JAR)
                        .uri("s3://bucket/jars/udfs.jar")
                        .build())
                .build();
    }
}
