package dev.lakeport.sparkjob;

import dev.lakeport.connector.hive.HiveCatalogWriter;
import dev.lakeport.connector.hive.HiveConnector;
import dev.lakeport.connector.hive.HiveConnectorConfig;
import dev.lakeport.model.Column;
import dev.lakeport.model.Database;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.Partition;
import dev.lakeport.model.PartitionName;
import dev.lakeport.model.SerDeInfo;
import dev.lakeport.model.StorageDescriptor;
import dev.lakeport.model.Table;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small Hive catalog written into a metastore with the Hive connector's writer: two databases, three external
 * tables (two partitioned, one of them by two keys), five partitions (one value with a space, one with a quote), every
 * location under {@link #SOURCE_ROOT}. {@link #locations()} says where each object lives.
 */
public final class TestingHiveCatalog {
    public static final String SOURCE_ROOT = "s3://lakeport-hive-it/";
    public static final String DESTINATION_ROOT = "oss://lakeport-hive-it/";
    /** The route's {@code location.convertMap}: the source's bucket becomes the destination's. */
    public static final String CONVERT_MAP = "{\"" + SOURCE_ROOT + "\":\"" + DESTINATION_ROOT + "\"}";

    private final Map<ObjectKey, String> locations = new LinkedHashMap<>();
    private final List<Database> databases = new ArrayList<>();
    private final List<Table> tables = new ArrayList<>();
    private final Map<Table, List<Partition>> partitions = new LinkedHashMap<>();

    private TestingHiveCatalog() {
        database("it_sales", "orders and customers");
        database("it_hr", "people");
        Table orders = table(
                "it_sales",
                "orders",
                List.of(Column.of("order_id", "bigint"), Column.of("amount", "decimal(18,2)", "in EUR")),
                List.of(Column.of("dt", "string"), Column.of("region", "string")));
        partition(orders, List.of("20240101", "eu"));
        partition(orders, List.of("20240101", "us west"));
        partition(orders, List.of("20240102", "o'hare"));
        table(
                "it_sales",
                "customers",
                List.of(Column.of("customer_id", "bigint"), Column.of("name", "string")),
                List.of());
        Table staff = table(
                "it_hr",
                "staff",
                List.of(Column.of("id", "int"), Column.of("name", "string")),
                List.of(Column.of("year", "string")));
        partition(staff, List.of("2023"));
        partition(staff, List.of("2024"));
    }

    /** Writes the catalog into the metastore at {@code uri} and returns what it wrote. */
    public static TestingHiveCatalog seed(URI uri) {
        TestingHiveCatalog catalog = new TestingHiveCatalog();
        try (HiveConnector connector = new HiveConnector(HiveConnectorConfig.of(List.of(uri)));
                HiveCatalogWriter writer = connector.writer()) {
            catalog.databases.forEach(writer::createDatabase);
            catalog.tables.forEach(writer::createTable);
            catalog.partitions.forEach((table, list) -> {
                var result = writer.createPartitions(table, list);
                if (!result.failures().isEmpty()) {
                    throw new IllegalStateException("cannot seed " + table.key() + ": " + result.failures());
                }
            });
        }
        return catalog;
    }

    /** Every object's key and its location at the source, databases first, then tables and their partitions. */
    public Map<ObjectKey, String> locations() {
        return Map.copyOf(locations);
    }

    public List<String> databaseNames() {
        return databases.stream().map(Database::name).toList();
    }

    public long count(dev.lakeport.model.ObjectKind kind) {
        return locations.keySet().stream().filter(k -> k.kind() == kind).count();
    }

    /** The location an object gets at the destination: the source's with the bucket converted. */
    public static String converted(String sourceLocation) {
        if (!sourceLocation.startsWith(SOURCE_ROOT)) {
            throw new IllegalArgumentException(sourceLocation + " is not under " + SOURCE_ROOT);
        }
        return DESTINATION_ROOT + sourceLocation.substring(SOURCE_ROOT.length());
    }

    private void database(String name, String description) {
        Database db = new Database(
                name,
                Optional.of(description),
                Optional.of(SOURCE_ROOT + name),
                Map.of("owner_team", "data-eng"),
                Optional.empty());
        databases.add(db);
        locations.put(db.key(), SOURCE_ROOT + name);
    }

    private Table table(String database, String name, List<Column> columns, List<Column> keys) {
        String location = SOURCE_ROOT + database + "/" + name;
        Table table = Table.builder(database, name)
                .owner("etl")
                .description("the " + name + " table")
                .storageDescriptor(StorageDescriptor.builder()
                        .columns(columns)
                        .location(location)
                        .inputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat")
                        .outputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat")
                        .serDeInfo(SerDeInfo.of(
                                "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
                                Map.of("serialization.format", "1")))
                        .numberOfBuckets(-1)
                        .build())
                .partitionKeys(keys)
                .tableType("EXTERNAL_TABLE")
                .parameters(Map.of("EXTERNAL", "TRUE", "classification", "parquet"))
                .build();
        tables.add(table);
        locations.put(table.key(), location);
        return table;
    }

    private void partition(Table table, List<String> values) {
        List<String> keys = table.partitionKeys().stream().map(Column::name).toList();
        String location =
                table.storageDescriptor().orElseThrow().location().orElseThrow() + "/" + PartitionName.of(keys, values);
        Partition partition = new Partition(
                table.databaseName(),
                table.name(),
                values,
                table.storageDescriptor().map(sd -> sd.withLocation(location)),
                Map.of("numRows", "10"),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        partitions.computeIfAbsent(table, t -> new ArrayList<>()).add(partition);
        locations.put(partition.key(), location);
    }
}
