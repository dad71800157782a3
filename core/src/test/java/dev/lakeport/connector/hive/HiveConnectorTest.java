package dev.lakeport.connector.hive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeport.connector.BatchResult;
import dev.lakeport.connector.ConnectorException;
import dev.lakeport.connector.ErrorCode;
import dev.lakeport.filter.PartitionFilter;
import dev.lakeport.model.Column;
import dev.lakeport.model.Database;
import dev.lakeport.model.Partition;
import dev.lakeport.model.PartitionName;
import dev.lakeport.model.SerDeInfo;
import dev.lakeport.model.StorageDescriptor;
import dev.lakeport.model.Table;
import dev.lakeport.model.TableFormat;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.hive.metastore.api.ThriftHiveMetastore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What a Hive user would notice, against the real metastore: odd values, wide and typed tables, scale, fail-over. */
class HiveConnectorTest {
    private static final String DB = "hive_edge";
    private static final List<Call> CALLS = new CopyOnWriteArrayList<>();

    private static HiveConnector connector;
    private static HiveCatalogReader reader;
    private static HiveCatalogWriter writer;

    /** One Thrift call as the metastore received it: its name and, for name batches, how many names. */
    record Call(String method, int names) {}

    @BeforeAll
    static void start() {
        connector = new HiveConnector(TestingHiveMetastore.config(), HiveConnectorTest::counting);
        reader = connector.reader();
        writer = connector.writer();
        if (reader.database(DB).isEmpty()) {
            writer.createDatabase(new Database(
                    DB,
                    Optional.of("edge cases"),
                    Optional.of("s3://edge-bucket/hive_edge"),
                    Map.of(),
                    Optional.empty()));
        }
    }

    @AfterAll
    static void stop() {
        connector.close();
    }

    @Test
    void defaultPartitionAndOddValuesReadBackAsWritten() {
        Table table = table("odd_values", List.of(Column.of("dt", "date"), Column.of("label", "string")));
        List<List<String>> values = List.of(
                List.of("2024-01-01", PartitionName.DEFAULT_PARTITION),
                List.of("2024-01-02", "a/b"),
                List.of("2024-01-03", "k=v"),
                List.of("2024-01-04", "with space"),
                List.of("2024-01-05", "it's \"quoted\""),
                List.of("2024-01-06", "東京"),
                List.of("2024-01-07", "100%"));
        List<Partition> written = values.stream().map(v -> partition(table, v)).toList();
        assertThat(writer.createPartitions(table, written).failures()).isEmpty();

        assertThat(valuesOf(reader.partitions(table, Optional.empty()))).containsExactlyInAnyOrderElementsOf(values);
        assertThat(reader.partitions(table, values))
                .extracting(Partition::values)
                .containsExactlyInAnyOrderElementsOf(values);
        Partition slash = reader.partitions(table, List.of(values.get(1))).get(0);
        assertThat(slash.storageDescriptor().orElseThrow().location())
                .isEqualTo(written.get(1).storageDescriptor().orElseThrow().location());
        assertThat(valuesOf(reader.partitions(table, Optional.of("label IS NULL"))))
                .containsExactly(values.get(0));
        assertThat(valuesOf(reader.partitions(table, Optional.of("label = 'a/b' OR label = '東京'"))))
                .containsExactlyInAnyOrder(values.get(1), values.get(5));
        assertThat(valuesOf(reader.partitions(table, Optional.of("dt >= '2024-01-06'"))))
                .containsExactlyInAnyOrder(values.get(5), values.get(6));

        assertThat(writer.deletePartitions(table, List.of(values.get(0), values.get(2), values.get(4)))
                        .failures())
                .isEmpty();
        assertThat(valuesOf(reader.partitions(table, Optional.empty())))
                .containsExactlyInAnyOrder(values.get(1), values.get(3), values.get(5), values.get(6));
    }

    @Test
    void typesReadBackAsWritten() {
        List<Column> columns = List.of(
                Column.of("amount", "decimal(38,30)"),
                Column.of("code", "char(10)"),
                Column.of("name", "varchar(200)"),
                Column.of("either", "uniontype<int,string,array<double>>"),
                Column.of("tags", "map<string,array<struct<k:string,v:bigint>>>"),
                Column.of("seen", "timestamp", "first seen"));
        Table table = define("typed", List.of(Column.of("day", "date"))).toBuilder()
                .storageDescriptor(sd(columns, "s3://edge-bucket/hive_edge/typed"))
                .build();
        writer.createTable(table);
        Partition p = partition(table, List.of("2024-02-29"));
        assertThat(writer.createPartitions(table, List.of(p)).failures()).isEmpty();

        Table read = reader.table(DB, "typed").orElseThrow();
        assertThat(read.storageDescriptor().orElseThrow().columns()).isEqualTo(columns);
        assertThat(read.partitionKeys()).containsExactly(Column.of("day", "date"));
        assertThat(valuesOf(reader.partitions(read, Optional.of("day BETWEEN '2024-02-01' AND '2024-03-01'"))))
                .containsExactly(List.of("2024-02-29"));
    }

    @Test
    void aTableWithMoreThan1200ColumnsReadsBackWhole() {
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < 1_250; i++) {
            columns.add(Column.of(String.format("c%04d", i), i % 3 == 0 ? "string" : "decimal(18,4)", "column " + i));
        }
        Table table = Table.builder(DB, "wide")
                .storageDescriptor(sd(columns, "s3://edge-bucket/hive_edge/wide"))
                .tableType("EXTERNAL_TABLE")
                .parameters(Map.of("EXTERNAL", "TRUE"))
                .build();
        writer.createTable(table);

        assertThat(reader.table(DB, "wide")
                        .orElseThrow()
                        .storageDescriptor()
                        .orElseThrow()
                        .columns())
                .isEqualTo(columns);
        try (Stream<Table> tables = reader.tables(DB)) {
            Table listed =
                    tables.filter(t -> t.name().equals("wide")).findFirst().orElseThrow();
            assertThat(listed.storageDescriptor().orElseThrow().columns()).hasSize(1_250);
        }
    }

    @Test
    void tenThousandPartitionsAreReadInBatchesOfAtMostOneThousand() {
        Table table = table("big", List.of(Column.of("dt", "string"), Column.of("hour", "string")));
        List<Partition> written = new ArrayList<>();
        for (int d = 0; d < 417; d++) {
            for (int h = 0; h < 24 && written.size() < 10_000; h++) {
                written.add(partition(table, List.of(String.format("d%03d", d), String.format("%02d", h))));
            }
        }
        assertThat(written).hasSize(10_000);
        for (int i = 0; i < written.size(); i += 1_000) {
            assertThat(writer.createPartitions(table, written.subList(i, i + 1_000))
                            .failures())
                    .isEmpty();
        }
        CALLS.clear();

        List<List<String>> read = valuesOf(reader.partitions(table, Optional.empty()));

        assertThat(read).hasSize(10_000).doesNotHaveDuplicates();
        assertThat(Set.copyOf(read))
                .isEqualTo(written.stream().map(Partition::values).collect(Collectors.toSet()));
        List<Call> fetches = CALLS.stream()
                .filter(c -> c.method().equals("get_partitions_by_names"))
                .toList();
        assertThat(fetches).hasSize(10).allSatisfy(c -> assertThat(c.names()).isLessThanOrEqualTo(1_000));
        assertThat(CALLS).extracting(Call::method).doesNotContain("get_partitions", "get_partitions_ps");
    }

    @Test
    void viewsAndTableFormatsAreRecognised() {
        Table base = define("events", List.of());
        String sql = "SELECT * FROM hive_edge.events";
        writer.createTable(Table.builder(DB, "events_view")
                .storageDescriptor(sd(List.of(Column.of("id", "bigint")), null))
                .viewOriginalText(sql)
                .viewExpandedText(sql)
                .tableType("VIRTUAL_VIEW")
                .build());
        writer.createTable(define("managed", List.of()).toBuilder()
                .tableType("MANAGED_TABLE")
                .parameters(Map.of())
                .build());
        writer.createTable(withParameters(
                base, "ice", Map.of("table_type", "ICEBERG", "metadata_location", "s3://b/ice/metadata/00001.json")));
        writer.createTable(withParameters(base, "hudi", Map.of("hoodie.table.name", "hudi")));
        writer.createTable(withParameters(base, "delta", Map.of("spark.sql.sources.provider", "delta")));

        Table view = reader.table(DB, "events_view").orElseThrow();
        assertThat(view.isView()).isTrue();
        assertThat(view.viewOriginalText()).contains(sql);
        assertThat(reader.table(DB, "managed").orElseThrow().tableType()).contains("MANAGED_TABLE");
        assertThat(reader.table(DB, "ice").orElseThrow().format()).isEqualTo(TableFormat.ICEBERG);
        assertThat(reader.table(DB, "hudi").orElseThrow().format()).isEqualTo(TableFormat.HUDI);
        assertThat(reader.table(DB, "delta").orElseThrow().format()).isEqualTo(TableFormat.DELTA);
    }

    @Test
    void pushedDownFiltersSelectWhatLocalFilteringSelects() {
        Table table = table(
                "filtered", List.of(Column.of("region", "string"), Column.of("dt", "string"), Column.of("n", "int")));
        List<Partition> written = new ArrayList<>();
        for (String region : List.of("eu", "us", "ap.south", "eu_west")) {
            for (int d = 1; d <= 6; d++) {
                for (int n : new int[] {1, 10}) {
                    written.add(partition(table, List.of(region, "2022-01-0" + d, String.valueOf(n))));
                }
            }
        }
        assertThat(writer.createPartitions(table, written).failures()).isEmpty();

        // each filter with the listing call it should use: names narrowed on the server, or all names
        Map<String, String> listings = Map.of(
                "region = 'eu' AND dt >= '2022-01-05'", "get_partition_names_ps",
                "region = 'eu_west' AND n > 2", "get_partition_names_ps",
                "dt = '2022-01-03' AND region = 'ap.south'", "get_partition_names_ps",
                "region = 'ap.south' AND n = 10", "get_partition_names",
                "region = 'eu' OR n = 10", "get_partition_names",
                "n >= 2 AND NOT region IN ('us')", "get_partition_names");
        for (String expression : listings.keySet()) {
            Predicate<List<String>> local = PartitionFilter.parse(expression).bind(table.partitionKeys());
            List<List<String>> expected =
                    written.stream().map(Partition::values).filter(local).toList();
            CALLS.clear();
            assertThat(valuesOf(reader.partitions(table, Optional.of(expression))))
                    .as(expression)
                    .containsExactlyInAnyOrderElementsOf(expected)
                    .isNotEmpty();
            assertThat(CALLS)
                    .extracting(Call::method)
                    .as("listing for %s", expression)
                    .contains(listings.get(expression));
        }
        assertThatThrownBy(() -> reader.partitions(table, Optional.of("colour = 'red'")))
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining("colour")
                .satisfies(e -> assertThat(((ConnectorException) e).code()).isEqualTo(ErrorCode.INVALID_INPUT));
    }

    @Test
    void aDeadFirstUriFailsOverToTheNext() {
        URI dead = deadUri();
        HiveConnectorConfig config = new HiveConnectorConfig(
                List.of(dead, TestingHiveMetastore.uri()),
                Duration.ofSeconds(2),
                Duration.ofSeconds(30),
                Duration.ofSeconds(10),
                2,
                1000,
                false,
                false,
                Optional.empty(),
                Optional.empty());
        try (HiveConnector failover = new HiveConnector(config)) {
            assertThat(failover.reader().database(DB)).isPresent();
            assertThat(failover.reader().databaseCount()).isPositive();
        }
    }

    @Test
    void anUnreachableMetastoreIsNamed() {
        URI dead = deadUri();
        HiveConnectorConfig config = HiveConnectorConfig.of(List.of(dead))
                .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(5));
        try (HiveConnector unreachable = new HiveConnector(config)) {
            assertThatThrownBy(() -> unreachable.reader().databaseCount())
                    .isInstanceOf(ConnectorException.class)
                    .hasMessageContaining(dead.toString())
                    .hasMessageContaining("hive.metastore.uris")
                    .satisfies(e -> assertThat(((ConnectorException) e).code()).isEqualTo(ErrorCode.NETWORK));
        }
    }

    @Test
    void kerberosIsRefusedWhenConnectingWithAClearMessage() {
        HiveConnectorConfig config = HiveConnectorConfig.of(List.of(TestingHiveMetastore.uri()))
                .withKerberos("hive/_HOST@EXAMPLE.COM", "/etc/security/hive.keytab");
        try (HiveConnector kerberos = new HiveConnector(config)) {
            assertThatThrownBy(() -> kerberos.reader().databaseCount())
                    .isInstanceOf(ConnectorException.class)
                    .hasMessageContaining("hive.metastore.sasl.enabled")
                    .hasMessageContaining("not supported")
                    .satisfies(e -> assertThat(((ConnectorException) e).code()).isEqualTo(ErrorCode.INVALID_INPUT));
        }
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> HiveConnectorConfig.parseUris("http://h1:9083"))
                .hasMessageContaining("hive.metastore.uris")
                .hasMessageContaining("http://h1:9083");
        assertThatThrownBy(() -> HiveConnectorConfig.parseUris(" , "))
                .hasMessageContaining("hive.metastore.uris is empty");
        assertThatThrownBy(() -> HiveConnectorConfig.of(List.of(TestingHiveMetastore.uri()))
                        .withBatchSize(1001))
                .hasMessageContaining("hive.batchSize")
                .hasMessageContaining("1001");
        assertThatThrownBy(() -> HiveConnectorConfig.of(List.of(TestingHiveMetastore.uri()))
                        .withTimeouts(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessageContaining("hive.connectTimeout");
        assertThatThrownBy(() -> HiveConnectorConfig.of(List.of(TestingHiveMetastore.uri()))
                        .withKerberos(" ", null))
                .hasMessageContaining("hive.metastore.kerberos.principal");
        assertThat(HiveConnectorConfig.parseUris("thrift://h1,thrift://h2:9999"))
                .containsExactly(URI.create("thrift://h1:9083"), URI.create("thrift://h2:9999"));
    }

    @Test
    void aFailedBatchReportsEachEntry() {
        Table table = table("batch", List.of(Column.of("dt", "string")));
        List<Partition> all =
                List.of(partition(table, List.of("a")), partition(table, List.of("b")), partition(table, List.of("c")));
        assertThat(writer.createPartitions(table, List.of(all.get(1))).failures())
                .isEmpty();

        BatchResult result = writer.createPartitions(table, all);

        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.partitionValues()).containsExactly("b");
            assertThat(f.error().code()).isEqualTo(ErrorCode.ALREADY_EXISTS);
        });
        assertThat(valuesOf(reader.partitions(table, Optional.empty())))
                .containsExactlyInAnyOrder(List.of("a"), List.of("b"), List.of("c"));
        Partition missing = partition(table, List.of("zzz"));
        BatchResult update = writer.updatePartitions(table, List.of(all.get(0), missing));
        assertThat(update.failures()).singleElement().satisfies(f -> assertThat(f.partitionValues())
                .containsExactly("zzz"));
    }

    @Test
    void droppingADatabaseNeverCascades() {
        writer.createDatabase(Database.of("keep_me"));
        Table kept =
                define("kept", List.of()).toBuilder().databaseName("keep_me").build();
        writer.createTable(kept);

        assertThatThrownBy(() -> writer.deleteDatabase("keep_me"))
                .isInstanceOf(ConnectorException.class)
                .satisfies(e -> assertThat(((ConnectorException) e).code()).isEqualTo(ErrorCode.INVALID_INPUT));
        assertThat(reader.table("keep_me", "kept")).isPresent();

        writer.deleteTable("keep_me", "kept");
        writer.deleteDatabase("keep_me");
        assertThat(reader.database("keep_me")).isEmpty();
    }

    @Test
    void aDatabaseAtTheMetastoresDefaultPlaceIsReadWithoutALocation() {
        // The metastore puts a database created without a location under its warehouse; that place is its choice, so
        // a copy compares equal to its source and a destination puts the database at its own default place.
        if (reader.database("no_location").isEmpty()) {
            writer.createDatabase(Database.of("no_location"));
        }
        if (reader.database("at_own_place").isEmpty()) {
            writer.createDatabase(
                    Database.of("at_own_place").withLocationUri("s3://edge-bucket/elsewhere/at_own_place.db"));
        }

        assertThat(reader.database("no_location")).get().satisfies(d -> assertThat(d.locationUri())
                .isEmpty());
        assertThat(reader.database("at_own_place").flatMap(Database::locationUri))
                .contains("s3://edge-bucket/elsewhere/at_own_place.db");
        assertThat(reader.database(DB).flatMap(Database::locationUri)).contains("s3://edge-bucket/hive_edge");
    }

    @Test
    void locationsNamingOneDirectoryAreTheSame() {
        assertThat(HiveCatalogReader.sameLocation("file:/w/x.db", "file:///w/x.db"))
                .isTrue();
        assertThat(HiveCatalogReader.sameLocation("/w/x.db", "hdfs://nn:8020/w/x.db"))
                .isTrue();
        assertThat(HiveCatalogReader.sameLocation("s3://a/w/x.db", "s3://b/w/x.db"))
                .isFalse();
        assertThat(HiveCatalogReader.sameLocation("s3://a/w/x.db", "s3://a/w/y.db"))
                .isFalse();
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    /** A partitioned external text table, created unless it exists. */
    private static Table table(String name, List<Column> keys) {
        Table table = define(name, keys);
        if (reader.table(DB, name).isEmpty()) {
            writer.createTable(table);
        }
        return table;
    }

    private static Table define(String name, List<Column> keys) {
        return Table.builder(DB, name)
                .owner("etl")
                .storageDescriptor(sd(
                        List.of(Column.of("id", "bigint"), Column.of("payload", "string")),
                        "s3://edge-bucket/hive_edge/" + name))
                .partitionKeys(keys)
                .tableType("EXTERNAL_TABLE")
                .parameters(Map.of("EXTERNAL", "TRUE"))
                .build();
    }

    private static Table withParameters(Table base, String name, Map<String, String> parameters) {
        Map<String, String> p = new java.util.HashMap<>(parameters);
        p.put("EXTERNAL", "TRUE");
        return base.toBuilder()
                .name(name)
                .storageDescriptor(base.storageDescriptor().orElseThrow().withLocation("s3://edge-bucket/" + name))
                .parameters(p)
                .build();
    }

    private static StorageDescriptor sd(List<Column> columns, String location) {
        return StorageDescriptor.builder()
                .columns(columns)
                .location(location)
                .inputFormat("org.apache.hadoop.mapred.TextInputFormat")
                .outputFormat("org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat")
                .serDeInfo(SerDeInfo.of("org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe", Map.of()))
                .numberOfBuckets(-1)
                .build();
    }

    private static Partition partition(Table table, List<String> values) {
        List<String> keys = table.partitionKeys().stream().map(Column::name).toList();
        String location =
                table.storageDescriptor().orElseThrow().location().orElseThrow() + "/" + PartitionName.of(keys, values);
        return new Partition(
                DB,
                table.name(),
                values,
                table.storageDescriptor().map(sd -> sd.withLocation(location)),
                Map.of("numRows", "1"),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    private static List<List<String>> valuesOf(Stream<Partition> partitions) {
        try (partitions) {
            return partitions.map(Partition::values).toList();
        }
    }

    private static URI deadUri() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return URI.create("thrift://127.0.0.1:" + socket.getLocalPort());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ThriftHiveMetastore.Iface counting(ThriftHiveMetastore.Iface client) {
        return (ThriftHiveMetastore.Iface) Proxy.newProxyInstance(
                HiveConnectorTest.class.getClassLoader(),
                new Class<?>[] {ThriftHiveMetastore.Iface.class},
                (proxy, method, args) -> {
                    int names = method.getName().equals("get_partitions_by_names") ? ((List<?>) args[2]).size() : 0;
                    CALLS.add(new Call(method.getName(), names));
                    try {
                        return method.invoke(client, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    static List<Call> calls() {
        return Collections.unmodifiableList(CALLS);
    }
}
