package dev.lakeport.connector.dlf;

import static dev.lakeport.connector.TestingCatalogObjects.database;
import static dev.lakeport.connector.TestingCatalogObjects.function;
import static dev.lakeport.connector.TestingCatalogObjects.partitionedTable;
import static dev.lakeport.connector.TestingCatalogObjects.partitions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyun.datalake20200710.models.ListPartitionsRequest;
import com.aliyun.datalake20200710.models.ListPartitionsResponseBody;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakeport.connector.BatchResult;
import dev.lakeport.connector.ConnectorException;
import dev.lakeport.connector.ErrorCode;
import dev.lakeport.connector.Retries;
import dev.lakeport.emulator.dlf.DlfEmulator;
import dev.lakeport.model.Database;
import dev.lakeport.model.Function;
import dev.lakeport.model.ItemNames;
import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the DLF connector writes on the wire, how it reads it back, and how failures reach the caller. */
class DlfConnectorTest {
    private DlfEmulator emulator;
    private DlfConnector connector;

    @BeforeEach
    void start() {
        emulator = DlfEmulator.start();
        connector = DlfConnector.create(TestingDlf.config(emulator));
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private Table seedTable() {
        connector.writer().createDatabase(database("sales"));
        Table table = partitionedTable("sales", "orders");
        connector.writer().createTable(table);
        return table;
    }

    @Test
    void everyDlfFieldIsWrittenUnderItsDlfNameAndReadBack() {
        Table table = seedTable();
        Partition partition = partitions(table, 1).get(0);
        assertThat(connector
                        .writer()
                        .createPartitions(table, List.of(partition))
                        .allSucceeded())
                .isTrue();
        connector.writer().createFunction(function("sales", "normalize_phone"));

        JsonNode t = emulator.store().table("sales", "orders").orElseThrow();
        assertThat(t.get("TableName").asText()).isEqualTo("orders");
        assertThat(t.get("Owner").asText()).isEqualTo("etl-service");
        assertThat(t.get("Retention").asInt()).isEqualTo(30);
        assertThat(t.get("LastAccessTime").asLong())
                .isEqualTo(Instant.parse("2024-03-01T08:15:30Z").getEpochSecond());
        assertThat(t.has("Description")).isFalse();
        JsonNode sd = t.get("Sd");
        assertThat(sd.get("Cols").get(2).get("Parameters").get("pii").asText()).isEqualTo("false");
        assertThat(sd.get("NumBuckets").asInt()).isEqualTo(8);
        assertThat(sd.get("SerDeInfo").get("SerializationLib").asText())
                .isEqualTo("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe");
        assertThat(sd.get("BucketCols").get(0).asText()).isEqualTo("customer_id");
        assertThat(sd.get("SortCols").get(1).get("Col").asText()).isEqualTo("ordered_at");
        assertThat(sd.get("SortCols").get(1).get("Order").asInt()).isZero();
        assertThat(sd.get("SkewedInfo").get("SkewedColValues").get(1).toString())
                .isEqualTo("[\"store\",\"us\"]");
        assertThat(sd.get("SkewedInfo").get("SkewedColValueLocationMaps").has("[\"web\",\"eu\"]"))
                .isTrue();
        assertThat(sd.get("StoredAsSubDirectories").asBoolean()).isTrue();
        assertThat(sd.get("Compressed").asBoolean()).isTrue();

        JsonNode p = emulator.store()
                .partition("sales", "orders", partition.values())
                .orElseThrow();
        assertThat(p.get("LastAnalyzedTime").asLong())
                .isEqualTo(Instant.parse("2024-03-02T01:00:00Z").getEpochSecond());
        assertThat(p.get("Sd").get("Location").asText()).endsWith("/dt=2022-01-01/region=eu");

        JsonNode f = emulator.store().function("sales", "normalize_phone").orElseThrow();
        assertThat(f.get("ResourceUri").get(1).get("ResourceType").asText()).isEqualTo("FILE");
        assertThat(f.get("OwnerType").asText()).isEqualTo("USER");
        assertThat(f.get("FunctionType").asText()).isEqualTo("REGULAR_FUNCTION");

        Table read = connector.reader().table("sales", "orders").orElseThrow();
        assertThat(read.description()).isEmpty();
        assertThat(read.storageDescriptor()).isEqualTo(table.storageDescriptor());
        assertThat(read.toBuilder().createTime(null).build())
                .isEqualTo(table.toBuilder().description(null).build());
        Partition readPartition = connector
                .reader()
                .partitions(table, List.of(partition.values()))
                .get(0);
        assertThat(readPartition.storageDescriptor()).isEqualTo(partition.storageDescriptor());
        assertThat(readPartition.lastAccessTime()).isEqualTo(partition.lastAccessTime());
        Function readFunction =
                connector.reader().function("sales", "normalize_phone").orElseThrow();
        assertThat(readFunction.resourceUris())
                .isEqualTo(function("sales", "normalize_phone").resourceUris());
    }

    @Test
    void timesBeyond2038AreRefusedBeforeAnythingIsSent() {
        connector.writer().createDatabase(database("sales"));
        Table late = partitionedTable("sales", "orders").toBuilder()
                .lastAccessTime(Instant.parse("2038-01-19T03:14:08Z"))
                .build();

        assertThatThrownBy(() -> connector.writer().createTable(late))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
                    assertThat(e.getMessage()).contains("sales.orders", "LastAccessTime");
                });
        assertThat(emulator.store().tableCount()).isZero();
    }

    @Test
    void aClosedPortIsANetworkErrorNamingTheEndpoint() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        DlfConnector nowhere = DlfConnector.create(
                DlfConnectorConfig.of("cn-hangzhou", "127.0.0.1:" + port, TestingDlf.keys(TestingDlf.ACCESS_KEY_ID))
                        .withProtocol("HTTP"));

        assertThatThrownBy(() -> nowhere.reader(Retries.none()).databaseCount())
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NETWORK);
                    assertThat(e.getMessage()).startsWith("DLF ListDatabases").contains("127.0.0.1:" + port);
                });
    }

    @Test
    void anUnknownAccessKeyIsInvalidCredentialsWithoutTheSecret() {
        emulator.allowAccessKeys("LTAI" + "5tSomeoneElse");

        assertThatThrownBy(() -> connector.reader(Retries.none()).databaseCount())
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CREDENTIALS);
                    assertThat(e.vendorCode()).contains("InvalidAccessKeyId.NotFound");
                    assertThat(e.getMessage()).doesNotContain("test-secret");
                });
    }

    @Test
    void aWrongSecretIsInvalidCredentials() {
        emulator.allowAccessKey(TestingDlf.ACCESS_KEY_ID, "the-real-secret");

        assertThatThrownBy(() -> connector.reader(Retries.none()).databaseCount())
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CREDENTIALS);
                    assertThat(e.vendorCode()).contains("SignatureDoesNotMatch");
                    assertThat(e.getMessage()).doesNotContain("test-secret", "the-real-secret");
                });
    }

    @Test
    void successFalseInA200BecomesAnExceptionNamingOperationAndObject() {
        connector.writer().createDatabase(database("sales"));

        assertThatThrownBy(() -> connector.writer().createTable(partitionedTable("nodb", "orders")))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                    assertThat(e.getMessage())
                            .startsWith("DLF CreateTable nodb.orders failed: HTTP 200 NoSuchObject: ");
                });
        assertThatThrownBy(() -> connector.writer().createTable(partitionedTable("sales", "order-lines")))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
                    assertThat(e.vendorCode()).contains("InvalidObject");
                });
        Table missing = partitionedTable("sales", "missing");
        assertThatThrownBy(() -> connector.writer().createPartitions(missing, partitions(missing, 2)))
                .isInstanceOfSatisfying(
                        ConnectorException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void perPartitionErrorsNameTheirPartition() {
        Table table = seedTable();
        List<Partition> two = partitions(table, 2);
        connector.writer().createPartitions(table, two.subList(0, 1));

        BatchResult result = connector.writer().createPartitions(table, two);

        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.partitionValues()).isEqualTo(two.get(0).values());
            assertThat(f.error().code()).isEqualTo(ErrorCode.ALREADY_EXISTS);
            assertThat(f.error().getMessage())
                    .contains("BatchCreatePartitions", two.get(0).key().itemName(ItemNames.partitionKeyNames(table)))
                    .contains("=2022-01-01");
        });
        assertThat(emulator.store().partitionCount()).isEqualTo(2);
    }

    @Test
    void batchesOverTheLimitAreRefusedUnsent() {
        Table table = seedTable();
        List<Partition> tooMany = partitions(table, DlfCatalogWriter.LIMITS.createPartitions() + 1);

        assertThatThrownBy(() -> connector.writer().createPartitions(table, tooMany))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(emulator.store().partitionCount()).isZero();
    }

    @Test
    void writersDoNotRetryAndReportServerErrorsAsUnavailable() {
        emulator.faults().serverErrorRate(1.0);

        assertThatThrownBy(() -> connector.writer().createDatabase(database("sales")))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
                    assertThat(e.isTransient()).isTrue();
                });
        assertThat(emulator.faults().calls()).isEqualTo(1);
    }

    @Test
    void theReaderRidesOutThrottlingOnThirtyPercentOfCalls() {
        Table table = seedTable();
        List<Partition> written = partitions(table, 2_100);
        for (int i = 0; i < written.size(); i += 100) {
            connector.writer().createPartitions(table, written.subList(i, i + 100));
        }
        emulator.faults().reset().throttleRate(0.3);

        List<Partition> read;
        try (Stream<Partition> stream = connector.reader().partitions(table, Optional.empty())) {
            read = stream.toList();
        }
        Optional<Table> again = connector.reader().table("sales", "orders");
        List<Partition> byValues = connector
                .reader()
                .partitions(table, written.stream().map(Partition::values).toList());

        assertThat(read).extracting(Partition::key).containsExactlyInAnyOrderElementsOf(keysOf(written));
        assertThat(byValues).hasSize(written.size());
        assertThat(again).isPresent();
        // 3 pages, 1 lookup and 21 batch gets succeeded; the rest of the calls were throttled and retried
        assertThat(emulator.faults().calls()).isGreaterThan(25);
    }

    @Test
    void sharedStorageDescriptorsMergeIntoWholePartitions() throws Exception {
        Table table = seedTable();
        List<Partition> written = partitions(table, 6);
        connector.writer().createPartitions(table, written);

        ListPartitionsResponseBody shared = connector
                .client()
                .listPartitions(new ListPartitionsRequest()
                        .setDatabaseName("sales")
                        .setTableName("orders")
                        .setIsShareSd(true)
                        .setPageSize(100))
                .getBody();
        assertThat(shared.getPartitionSpecs()).isNotEmpty();

        List<Partition> merged =
                DlfCatalogReader.merge(shared.getPartitions(), shared.getPartitionSpecs(), "sales", "orders");
        List<Partition> plain;
        try (Stream<Partition> stream = connector.reader().partitions(table, Optional.empty())) {
            plain = stream.toList();
        }
        Comparator<Partition> byKey = Comparator.comparing(Partition::key);
        assertThat(merged.stream().sorted(byKey).toList())
                .isEqualTo(plain.stream().sorted(byKey).toList());
    }

    @Test
    void objectsSeededInWireFormReadAsModelObjects() {
        ObjectNode db = new ObjectMapper().createObjectNode();
        db.put("Name", "raw");
        db.put("LocationUri", "oss://bucket/raw");
        db.put("CreateTime", 1_700_000_000);
        emulator.store().putDatabase(db);

        Database read = connector.reader().database("raw").orElseThrow();
        assertThat(read.locationUri()).contains("oss://bucket/raw");
        assertThat(read.createTime()).contains(Instant.ofEpochSecond(1_700_000_000));
    }

    private static List<dev.lakeport.model.ObjectKey> keysOf(List<Partition> partitions) {
        return partitions.stream().map(Partition::key).toList();
    }
}
