package dev.lakeport.emulator.dlf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyun.datalake20200710.Client;
import com.aliyun.datalake20200710.models.*;
import com.aliyun.tea.TeaException;
import com.aliyun.teaopenapi.models.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The emulator driven by the official DLF SDK, so paths, methods and JSON names are the SDK's own. */
class DlfEmulatorTest {
    private DlfEmulator emulator;
    private Client client;

    @BeforeEach
    void start() throws Exception {
        emulator = DlfEmulator.start();
        client = client("LTAItestkey");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private Client client(String keyId) throws Exception {
        return client(keyId, "secret");
    }

    private Client client(String keyId, String secret) throws Exception {
        Config config = new Config()
                .setEndpoint(emulator.endpoint())
                .setProtocol("HTTP")
                .setRegionId("cn-hangzhou")
                .setAccessKeyId(keyId)
                .setAccessKeySecret(secret);
        return new Client(config);
    }

    private static FieldSchema col(String name, String type) {
        return new FieldSchema().setName(name).setType(type);
    }

    private void createDatabase(String name) throws Exception {
        CreateDatabaseResponse r = client.createDatabase(new CreateDatabaseRequest()
                .setCatalogId(emulator.catalogId())
                .setDatabaseInput(new DatabaseInput()
                        .setName(name)
                        .setDescription("sales data")
                        .setLocationUri("oss://bucket/" + name)
                        .setParameters(Map.of("k", "v"))));
        assertThat(r.getBody().getSuccess()).isTrue();
    }

    private void createTable(String db, String name) throws Exception {
        TableInput input = new TableInput()
                .setTableName(name)
                .setTableType("EXTERNAL_TABLE")
                .setSd(new StorageDescriptor()
                        .setCols(List.of(col("id", "bigint"), col("amount", "double")))
                        .setLocation("oss://bucket/" + db + "/" + name)
                        .setInputFormat("org.apache.hadoop.mapred.TextInputFormat")
                        .setSerDeInfo(new SerDeInfo().setSerializationLib("lazy")))
                .setPartitionKeys(List.of(col("dt", "string"), col("hr", "string")));
        assertThat(client.createTable(
                                new CreateTableRequest().setDatabaseName(db).setTableInput(input))
                        .getBody()
                        .getSuccess())
                .isTrue();
    }

    private PartitionInput partition(String db, String table, String dt, String hr) {
        return new PartitionInput()
                .setValues(List.of(dt, hr))
                .setParameters(Map.of("numRows", "10"))
                .setSd(new StorageDescriptor()
                        .setCols(List.of(col("id", "bigint"), col("amount", "double")))
                        .setLocation("oss://bucket/" + db + "/" + table + "/dt=" + dt + "/hr=" + hr)
                        .setSerDeInfo(new SerDeInfo().setSerializationLib("lazy")));
    }

    private void addPartitions(String db, String table, int days, int hours) throws Exception {
        List<PartitionInput> inputs = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            for (int h = 0; h < hours; h++) {
                inputs.add(partition(db, table, String.format("202201%02d", d + 1), String.format("%02d", h)));
                if (inputs.size() == 100) {
                    batchCreate(db, table, inputs);
                    inputs.clear();
                }
            }
        }
        if (!inputs.isEmpty()) {
            batchCreate(db, table, inputs);
        }
    }

    private BatchCreatePartitionsResponseBody batchCreate(String db, String table, List<PartitionInput> inputs)
            throws Exception {
        return client.batchCreatePartitions(new BatchCreatePartitionsRequest()
                        .setDatabaseName(db)
                        .setTableName(table)
                        .setPartitionInputs(inputs))
                .getBody();
    }

    @Test
    void databasesAreCreatedReadUpdatedListedAndDeleted() throws Exception {
        createDatabase("sales");
        createDatabase("hr");

        Database db = client.getDatabase(new GetDatabaseRequest().setName("sales"))
                .getBody()
                .getDatabase();
        assertThat(db.getName()).isEqualTo("sales");
        assertThat(db.getLocationUri()).isEqualTo("oss://bucket/sales");
        assertThat(db.getParameters()).containsEntry("k", "v");
        assertThat(db.getCreateTime()).isPositive();

        client.updateDatabase(new UpdateDatabaseRequest()
                .setName("sales")
                .setDatabaseInput(new DatabaseInput().setName("sales").setDescription("changed")));
        assertThat(client.getDatabase(new GetDatabaseRequest().setName("sales"))
                        .getBody()
                        .getDatabase()
                        .getDescription())
                .isEqualTo("changed");

        ListDatabasesResponseBody list =
                client.listDatabases(new ListDatabasesRequest().setPageSize(1)).getBody();
        assertThat(list.getDatabases()).extracting(Database::getName).containsExactly("hr");
        ListDatabasesResponseBody second = client.listDatabases(
                        new ListDatabasesRequest().setPageSize(1).setNextPageToken(list.getNextPageToken()))
                .getBody();
        assertThat(second.getDatabases()).extracting(Database::getName).containsExactly("sales");
        assertThat(second.getNextPageToken()).isEmpty();

        client.deleteDatabase(new DeleteDatabaseRequest().setName("hr"));
        assertThat(emulator.store().databaseCount()).isEqualTo(1);
    }

    @Test
    void missingObjectsAndDuplicatesAreSuccessFalseInA200() throws Exception {
        GetDatabaseResponse missing = client.getDatabase(new GetDatabaseRequest().setName("nope"));
        assertThat(missing.getStatusCode()).isEqualTo(200);
        assertThat(missing.getBody().getSuccess()).isFalse();
        assertThat(missing.getBody().getCode()).isEqualTo("NoSuchObject");
        assertThat(missing.getBody().getMessage()).contains("nope");
        assertThat(missing.getBody().getRequestId()).isNotEmpty();

        createDatabase("sales");
        CreateDatabaseResponseBody dup = client.createDatabase(
                        new CreateDatabaseRequest().setDatabaseInput(new DatabaseInput().setName("sales")))
                .getBody();
        assertThat(dup.getSuccess()).isFalse();
        assertThat(dup.getCode()).isEqualTo("AlreadyExists");

        GetTableResponseBody noTable = client.getTable(
                        new GetTableRequest().setDatabaseName("sales").setTableName("orders"))
                .getBody();
        assertThat(noTable.getCode()).isEqualTo("NoSuchObject");
    }

    @Test
    void namesOutsideTheRulesAreInvalidObject() throws Exception {
        CreateDatabaseResponseBody bad = client.createDatabase(
                        new CreateDatabaseRequest().setDatabaseInput(new DatabaseInput().setName("sales-eu")))
                .getBody();
        assertThat(bad.getSuccess()).isFalse();
        assertThat(bad.getCode()).isEqualTo("InvalidObject");

        createDatabase("sales");
        CreateTableResponseBody badColumn = client.createTable(new CreateTableRequest()
                        .setDatabaseName("sales")
                        .setTableInput(new TableInput()
                                .setTableName("orders")
                                .setSd(new StorageDescriptor().setCols(List.of(col("order id", "int"))))))
                .getBody();
        assertThat(badColumn.getCode()).isEqualTo("InvalidObject");
    }

    @Test
    void tablesAreCreatedUpdatedListedAndDeleted() throws Exception {
        createDatabase("sales");
        createTable("sales", "orders");
        createTable("sales", "refunds");

        Table t = client.getTable(new GetTableRequest().setDatabaseName("sales").setTableName("orders"))
                .getBody()
                .getTable();
        assertThat(t.getSd().getCols()).extracting(FieldSchema::getName).containsExactly("id", "amount");
        assertThat(t.getPartitionKeys()).extracting(FieldSchema::getName).containsExactly("dt", "hr");
        assertThat(t.getSd().getSerDeInfo().getSerializationLib()).isEqualTo("lazy");

        UpdateTableResponseBody updated = client.updateTable(new UpdateTableRequest()
                        .setDatabaseName("sales")
                        .setTableName("orders")
                        .setTableInput(
                                new TableInput().setTableName("orders").setParameters(Map.of("comment", "all orders"))))
                .getBody();
        assertThat(updated.getSuccess()).isTrue();
        assertThat(client.getTable(
                                new GetTableRequest().setDatabaseName("sales").setTableName("orders"))
                        .getBody()
                        .getTable()
                        .getParameters())
                .containsEntry("comment", "all orders");

        ListTablesResponseBody page = client.listTables(
                        new ListTablesRequest().setDatabaseName("sales").setPageSize(1))
                .getBody();
        assertThat(page.getTables()).extracting(Table::getTableName).containsExactly("orders");
        ListTablesResponseBody rest = client.listTables(new ListTablesRequest()
                        .setDatabaseName("sales")
                        .setPageSize(1)
                        .setNextPageToken(page.getNextPageToken()))
                .getBody();
        assertThat(rest.getTables()).extracting(Table::getTableName).containsExactly("refunds");

        client.deleteTable(new DeleteTableRequest().setDatabaseName("sales").setTableName("refunds"));
        assertThat(emulator.store().tableCount()).isEqualTo(1);

        DeleteDatabaseResponseBody notEmpty = client.deleteDatabase(new DeleteDatabaseRequest().setName("sales"))
                .getBody();
        assertThat(notEmpty.getSuccess()).isFalse();
        assertThat(client.deleteDatabase(
                                new DeleteDatabaseRequest().setName("sales").setCascade(true))
                        .getBody()
                        .getSuccess())
                .isTrue();
        assertThat(emulator.store().tableCount()).isZero();
    }

    @Test
    void partitionsArePagedInValueOrder() throws Exception {
        createDatabase("sales");
        createTable("sales", "orders");
        addPartitions("sales", "orders", 10, 24);
        assertThat(emulator.store().partitionCount()).isEqualTo(240);

        List<List<String>> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            ListPartitionsResponseBody page = client.listPartitions(new ListPartitionsRequest()
                            .setDatabaseName("sales")
                            .setTableName("orders")
                            .setPageSize(100)
                            .setNextPageToken(token))
                    .getBody();
            page.getPartitions().forEach(p -> seen.add(p.getValues()));
            token = page.getNextPageToken();
            pages++;
        } while (token != null && !token.isEmpty());
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(240).first().isEqualTo(List.of("20220101", "00"));
        assertThat(seen).doesNotHaveDuplicates();
    }

    @Test
    void partitionsAreFilteredFetchedUpdatedAndDeleted() throws Exception {
        createDatabase("sales");
        createTable("sales", "orders");
        addPartitions("sales", "orders", 5, 2);

        ListPartitionsByFilterResponseBody filtered = client.listPartitionsByFilter(new ListPartitionsByFilterRequest()
                        .setDatabaseName("sales")
                        .setTableName("orders")
                        .setFilter("dt>='20220104' and hr='01'")
                        .setPageSize(100))
                .getBody();
        assertThat(filtered.getPartitions())
                .extracting(Partition::getValues)
                .containsExactly(List.of("20220104", "01"), List.of("20220105", "01"));

        Partition one = client.getPartition(new GetPartitionRequest()
                        .setDatabaseName("sales")
                        .setTableName("orders")
                        .setPartitionValues(List.of("20220101", "00")))
                .getBody()
                .getPartition();
        assertThat(one.getSd().getLocation()).isEqualTo("oss://bucket/sales/orders/dt=20220101/hr=00");
        assertThat(one.getParameters()).containsEntry("numRows", "10");
        assertThat(one.getCreateTime()).isPositive();

        BatchGetPartitionsResponseBody got = client.batchGetPartitions(new BatchGetPartitionsRequest()
                        .setDatabaseName("sales")
                        .setTableName("orders")
                        .setPartitionValueList(List.of(
                                new BatchGetPartitionsRequest.BatchGetPartitionsRequestPartitionValueList()
                                        .setValues(List.of("20220102", "01")),
                                new BatchGetPartitionsRequest.BatchGetPartitionsRequestPartitionValueList()
                                        .setValues(List.of("29990101", "01")))))
                .getBody();
        assertThat(got.getPartitions()).extracting(Partition::getValues).containsExactly(List.of("20220102", "01"));

        PartitionInput changed = partition("sales", "orders", "20220101", "00").setParameters(Map.of("numRows", "99"));
        PartitionInput absent = partition("sales", "orders", "29990101", "00");
        BatchUpdatePartitionsResponseBody update = client.batchUpdatePartitions(new BatchUpdatePartitionsRequest()
                        .setDatabaseName("sales")
                        .setTableName("orders")
                        .setPartitionInputs(List.of(changed, absent)))
                .getBody();
        assertThat(update.getPartitionErrors()).hasSize(1);
        assertThat(update.getPartitionErrors().get(0).getPartitionValues()).containsExactly("29990101", "00");
        assertThat(update.getPartitionErrors().get(0).getErrorDetail().getCode())
                .isEqualTo("NoSuchObject");
        assertThat(emulator.store()
                        .partition("sales", "orders", List.of("20220101", "00"))
                        .orElseThrow()
                        .get("Parameters")
                        .get("numRows")
                        .asText())
                .isEqualTo("99");

        BatchDeletePartitionsResponseBody delete = client.batchDeletePartitions(new BatchDeletePartitionsRequest()
                        .setDatabaseName("sales")
                        .setTableName("orders")
                        .setPartitionValueList(List.of(
                                new BatchDeletePartitionsRequest.BatchDeletePartitionsRequestPartitionValueList()
                                        .setValues(List.of("20220101", "00")),
                                new BatchDeletePartitionsRequest.BatchDeletePartitionsRequestPartitionValueList()
                                        .setValues(List.of("29990101", "00")))))
                .getBody();
        assertThat(delete.getPartitionErrors())
                .extracting(e -> e.getErrorDetail().getCode())
                .containsExactly("NoSuchObject");
        assertThat(emulator.store().partitionCount()).isEqualTo(9);
    }

    @Test
    void duplicatePartitionsAreReportedPerItemUnlessIfNotExists() throws Exception {
        createDatabase("sales");
        createTable("sales", "orders");
        addPartitions("sales", "orders", 1, 1);
        List<PartitionInput> again =
                List.of(partition("sales", "orders", "20220101", "00"), partition("sales", "orders", "20220101", "01"));

        BatchCreatePartitionsResponseBody body = batchCreate("sales", "orders", again);
        assertThat(body.getPartitionErrors()).hasSize(1);
        assertThat(body.getPartitionErrors().get(0).getErrorDetail().getCode()).isEqualTo("AlreadyExists");
        assertThat(emulator.store().partitionCount()).isEqualTo(2);

        BatchCreatePartitionsResponseBody quiet = client.batchCreatePartitions(new BatchCreatePartitionsRequest()
                        .setDatabaseName("sales")
                        .setTableName("orders")
                        .setIfNotExists(true)
                        .setNeedResult(true)
                        .setPartitionInputs(List.of(partition("sales", "orders", "20220102", "00"))))
                .getBody();
        assertThat(quiet.getPartitionErrors()).isEmpty();
        assertThat(quiet.getPartitions()).extracting(Partition::getValues).containsExactly(List.of("20220102", "00"));
    }

    @Test
    void sharedStorageDescriptorsHoldColsAndTheTableLocation() throws Exception {
        createDatabase("sales");
        createTable("sales", "orders");
        addPartitions("sales", "orders", 2, 1);

        ListPartitionsResponseBody body = client.listPartitions(new ListPartitionsRequest()
                        .setDatabaseName("sales")
                        .setTableName("orders")
                        .setIsShareSd(true)
                        .setPageSize(10))
                .getBody();
        assertThat(body.getPartitionSpecs()).hasSize(1);
        PartitionSpec spec = body.getPartitionSpecs().get(0);
        assertThat(spec.getSharedStorageDescriptor().getLocation()).isEqualTo("oss://bucket/sales/orders");
        assertThat(spec.getSharedStorageDescriptor().getCols())
                .extracting(FieldSchema::getName)
                .containsExactly("id", "amount");
        Partition first = spec.getSharedSDPartitions().get(0);
        assertThat(first.getSd().getCols()).isNull();
        assertThat(spec.getSharedStorageDescriptor().getLocation()
                        + first.getSd().getLocation())
                .isEqualTo("oss://bucket/sales/orders/dt=20220101/hr=00");
        assertThat(first.getSd().getSerDeInfo().getSerializationLib()).isEqualTo("lazy");
    }

    @Test
    void functionsAreCreatedUpdatedListedAndDeleted() throws Exception {
        createDatabase("sales");
        FunctionInput input = new FunctionInput()
                .setFunctionName("to_eur")
                .setClassName("com.example.ToEur")
                .setOwnerName("alice")
                .setOwnerType("USER")
                .setFunctionType("JAVA")
                .setResourceUri(List.of(new ResourceUri().setResourceType("JAR").setUri("oss://bucket/udf.jar")));
        assertThat(client.createFunction(new CreateFunctionRequest()
                                .setDatabaseName("sales")
                                .setFunctionInput(input))
                        .getBody()
                        .getSuccess())
                .isTrue();
        Function fn = client.getFunction(
                        new GetFunctionRequest().setDatabaseName("sales").setFunctionName("to_eur"))
                .getBody()
                .getFunction();
        assertThat(fn.getResourceUri()).extracting(ResourceUri::getUri).containsExactly("oss://bucket/udf.jar");
        assertThat(fn.getCatalogId()).isEqualTo(emulator.catalogId());

        client.updateFunction(new UpdateFunctionRequest()
                .setDatabaseName("sales")
                .setFunctionName("to_eur")
                .setFunctionInput(input.setClassName("com.example.ToEur2")));
        ListFunctionsResponseBody list = client.listFunctions(
                        new ListFunctionsRequest().setDatabaseName("sales").setPageSize(10))
                .getBody();
        assertThat(list.getFunctions()).extracting(Function::getClassName).containsExactly("com.example.ToEur2");

        client.deleteFunction(
                new DeleteFunctionRequest().setDatabaseName("sales").setFunctionName("to_eur"));
        assertThat(emulator.store().functionCount()).isZero();
    }

    @Test
    void limitsAreEnforced() throws Exception {
        createDatabase("sales");
        createTable("sales", "orders");
        ListPartitionsResponseBody tooBig = client.listPartitions(new ListPartitionsRequest()
                        .setDatabaseName("sales")
                        .setTableName("orders")
                        .setPageSize(DlfService.MAX_PAGE_SIZE + 1))
                .getBody();
        assertThat(tooBig.getCode()).isEqualTo("InvalidInput");

        List<PartitionInput> batch = IntStream.range(0, DlfService.MAX_BATCH_SIZE + 1)
                .mapToObj(i -> partition("sales", "orders", "d" + i, "00"))
                .collect(Collectors.toList());
        BatchCreatePartitionsResponseBody body = batchCreate("sales", "orders", batch);
        assertThat(body.getSuccess()).isFalse();
        assertThat(body.getCode()).isEqualTo("InvalidInput");
        assertThat(emulator.store().partitionCount()).isZero();
    }

    @Test
    void throttlingAndServerErrorsAreNon2xxWithTheirCodes() throws Exception {
        emulator.faults().throttleRate(1.0);
        assertThatThrownBy(() -> client.listDatabases(new ListDatabasesRequest()))
                .isInstanceOfSatisfying(
                        TeaException.class, e -> assertThat(e.getCode()).isEqualTo("Throttling"));

        emulator.faults().reset().serverErrorRate(1.0);
        assertThatThrownBy(() -> client.listDatabases(new ListDatabasesRequest()))
                .isInstanceOfSatisfying(TeaException.class, e -> {
                    assertThat(e.getStatusCode()).isIn(500, 503);
                    assertThat(e.getCode()).isIn("InternalError", "ServiceUnavailable");
                });

        emulator.faults().reset().failAfterCalls(1);
        assertThat(client.listDatabases(new ListDatabasesRequest()).getBody().getSuccess())
                .isTrue();
        assertThatThrownBy(() -> client.listDatabases(new ListDatabasesRequest()))
                .isInstanceOf(TeaException.class);
    }

    @Test
    void unknownAccessKeysAreRefused() throws Exception {
        emulator.allowAccessKeys("LTAIgood");
        assertThatThrownBy(() -> client.listDatabases(new ListDatabasesRequest()))
                .isInstanceOfSatisfying(TeaException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(404);
                    assertThat(e.getCode()).isEqualTo("InvalidAccessKeyId.NotFound");
                });
        assertThat(client("LTAIgood")
                        .listDatabases(new ListDatabasesRequest())
                        .getBody()
                        .getSuccess())
                .isTrue();
    }

    @Test
    void signaturesAreCheckedForKeysWithAKnownSecret() throws Exception {
        emulator.allowAccessKey("LTAIsigned", "right-secret");
        Client good = client("LTAIsigned", "right-secret");
        assertThat(good.createDatabase(
                                new CreateDatabaseRequest().setDatabaseInput(new DatabaseInput().setName("sales")))
                        .getBody()
                        .getSuccess())
                .isTrue();
        assertThat(good.listTables(new ListTablesRequest()
                                .setDatabaseName("sales")
                                .setTableNamePattern("or*")
                                .setPageSize(5))
                        .getBody()
                        .getSuccess())
                .isTrue();

        assertThatThrownBy(() -> client("LTAIsigned", "wrong-secret").listDatabases(new ListDatabasesRequest()))
                .isInstanceOfSatisfying(TeaException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getCode()).isEqualTo("SignatureDoesNotMatch");
                });
    }

    @Test
    void badFiltersAreInvalidInputAndSharedSdAppliesToBatchGets() throws Exception {
        createDatabase("sales");
        createTable("sales", "orders");
        addPartitions("sales", "orders", 2, 2);

        ListPartitionsByFilterResponseBody bad = client.listPartitionsByFilter(new ListPartitionsByFilterRequest()
                        .setDatabaseName("sales")
                        .setTableName("orders")
                        .setFilter("region = 'eu'"))
                .getBody();
        assertThat(bad.getSuccess()).isFalse();
        assertThat(bad.getCode()).isEqualTo("InvalidInput");

        BatchGetPartitionsResponseBody shared = client.batchGetPartitions(new BatchGetPartitionsRequest()
                        .setDatabaseName("sales")
                        .setTableName("orders")
                        .setIsShareSd(true)
                        .setPartitionValueList(
                                List.of(new BatchGetPartitionsRequest.BatchGetPartitionsRequestPartitionValueList()
                                        .setValues(List.of("20220102", "01")))))
                .getBody();
        assertThat(shared.getPartitions()).isEmpty();
        assertThat(shared.getPartitionSpecs()
                        .get(0)
                        .getSharedSDPartitions()
                        .get(0)
                        .getSd()
                        .getLocation())
                .isEqualTo("/dt=20220102/hr=01");
    }

    @Test
    void sixtyFourCallsAtOnceAreServed() throws Exception {
        createDatabase("sales");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(64);
        try {
            List<java.util.concurrent.Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                String name = "t" + i;
                results.add(pool.submit(() -> client.createTable(new CreateTableRequest()
                                .setDatabaseName("sales")
                                .setTableInput(new TableInput().setTableName(name)))
                        .getBody()
                        .getSuccess()));
            }
            for (java.util.concurrent.Future<Boolean> r : results) {
                assertThat(r.get(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(emulator.store().tableCount()).isEqualTo(64);
    }
}
