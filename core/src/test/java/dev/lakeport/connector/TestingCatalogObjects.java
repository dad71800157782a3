package dev.lakeport.connector;

import dev.lakeport.model.Column;
import dev.lakeport.model.Database;
import dev.lakeport.model.Function;
import dev.lakeport.model.Partition;
import dev.lakeport.model.ResourceUri;
import dev.lakeport.model.SerDeInfo;
import dev.lakeport.model.SkewedInfo;
import dev.lakeport.model.SortColumn;
import dev.lakeport.model.StorageDescriptor;
import dev.lakeport.model.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Catalog objects shaped like those of a real lake: a sales database, partitioned Parquet tables, a view, a UDF. */
public final class TestingCatalogObjects {
    public static final String BUCKET = "s3://acme-lake-prod";
    public static final Instant LAST_ACCESS = Instant.parse("2024-03-01T08:15:30Z");
    public static final Instant LAST_ANALYZED = Instant.parse("2024-03-02T01:00:00Z");

    private TestingCatalogObjects() {}

    public static Database database(String name) {
        return new Database(
                name,
                Optional.of("Orders, customers and payments of the web shop"),
                Optional.of(BUCKET + "/warehouse/" + name + ".db/"),
                Map.of("owner_team", "data-platform", "classification", "internal"),
                Optional.empty());
    }

    public static List<Column> orderColumns() {
        return List.of(
                Column.of("order_id", "bigint", "primary key"),
                Column.of("customer_id", "bigint"),
                new Column("amount", "decimal(12,2)", Optional.of("gross, in EUR"), Map.of("pii", "false")),
                Column.of("channel", "string"),
                Column.of("items", "array<struct<sku:string,qty:int>>"),
                Column.of("ordered_at", "timestamp"));
    }

    /** Every storage-descriptor field set: columns, formats, serde parameters, buckets, sort, skew. */
    public static StorageDescriptor parquetSd(String location) {
        Map<List<String>, String> skewLocations = new LinkedHashMap<>();
        skewLocations.put(List.of("web", "eu"), location + "/channel=web/customer_id=eu");
        return StorageDescriptor.builder()
                .columns(orderColumns())
                .location(location)
                .inputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat")
                .outputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat")
                .compressed(true)
                .numberOfBuckets(8)
                .serDeInfo(new SerDeInfo(
                        Optional.of("parquet"),
                        Optional.of("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"),
                        Map.of("serialization.format", "1", "parquet.compression", "SNAPPY")))
                .bucketColumns(List.of("customer_id"))
                .sortColumns(List.of(new SortColumn("customer_id", 1), new SortColumn("ordered_at", 0)))
                .skewedInfo(new SkewedInfo(
                        // skewed columns are data columns: Hive refuses a partition key (region) here; the values
                        // are kept as the connector tests read them
                        List.of("channel", "customer_id"),
                        List.of(List.of("web", "eu"), List.of("store", "us")),
                        skewLocations))
                .storedAsSubDirectories(true)
                .parameters(Map.of("EXTERNAL", "TRUE", "has_encrypted_data", "false"))
                .build();
    }

    public static List<Column> datePartitionKeys() {
        return List.of(Column.of("dt", "string", "order date, yyyy-MM-dd"), Column.of("region", "string"));
    }

    /** A partitioned external Parquet table with every table field set. */
    public static Table partitionedTable(String database, String name) {
        return Table.builder(database, name)
                .description("One row per order line")
                .owner("etl-service")
                .lastAccessTime(LAST_ACCESS)
                .lastAnalyzedTime(LAST_ANALYZED)
                .retention(30)
                .storageDescriptor(parquetSd(BUCKET + "/warehouse/" + database + ".db/" + name))
                .partitionKeys(datePartitionKeys())
                .tableType("EXTERNAL_TABLE")
                .parameters(Map.of("classification", "parquet", "EXTERNAL", "TRUE", "projection.enabled", "false"))
                .build();
    }

    /** A small unpartitioned CSV table, for listings where the shape does not matter. */
    public static Table plainTable(String database, String name) {
        return Table.builder(database, name)
                .owner("analyst")
                .storageDescriptor(StorageDescriptor.builder()
                        .columns(List.of(Column.of("id", "int"), Column.of("label", "string")))
                        .location(BUCKET + "/raw/" + database + "/" + name)
                        .inputFormat("org.apache.hadoop.mapred.TextInputFormat")
                        .outputFormat("org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat")
                        .serDeInfo(SerDeInfo.of(
                                "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe", Map.of("field.delim", ",")))
                        .numberOfBuckets(-1)
                        .build())
                .tableType("EXTERNAL_TABLE")
                .parameters(Map.of("classification", "csv"))
                .build();
    }

    public static Table view(String database, String name, String over) {
        String sql = "SELECT dt, region, sum(amount) AS revenue FROM " + database + "." + over + " GROUP BY dt, region";
        return Table.builder(database, name)
                .description("Revenue per day and region")
                .owner("analyst")
                .storageDescriptor(StorageDescriptor.builder()
                        .columns(List.of(
                                Column.of("dt", "string"),
                                Column.of("region", "string"),
                                Column.of("revenue", "decimal(22,2)")))
                        .serDeInfo(SerDeInfo.EMPTY)
                        .build())
                .viewOriginalText(sql)
                .viewExpandedText(sql.replace(" FROM ", " FROM `").replace(" GROUP", "` GROUP"))
                .tableType("VIRTUAL_VIEW")
                .parameters(Map.of("comment", "Revenue per day and region"))
                .build();
    }

    /** A partition of {@link #partitionedTable} with its own location and statistics. */
    public static Partition partition(Table table, String dt, String region) {
        String location =
                table.storageDescriptor().flatMap(StorageDescriptor::location).orElse(BUCKET + "/p") + "/dt=" + dt
                        + "/region=" + region;
        return new Partition(
                table.databaseName(),
                table.name(),
                List.of(dt, region),
                table.storageDescriptor().map(sd -> sd.withLocation(location)),
                Map.of("numRows", "1200", "totalSize", "734003"),
                Optional.empty(),
                Optional.of(LAST_ACCESS),
                Optional.of(LAST_ANALYZED));
    }

    /** {@code count} partitions: consecutive days from 2022-01-01, alternating regions. */
    public static List<Partition> partitions(Table table, int count) {
        List<Partition> result = new ArrayList<>(count);
        LocalDate start = LocalDate.of(2022, 1, 1);
        String[] regions = {"eu", "us", "apac"};
        for (int i = 0; i < count; i++) {
            result.add(partition(table, start.plusDays(i / regions.length).toString(), regions[i % regions.length]));
        }
        return result;
    }

    public static Function function(String database, String name) {
        return new Function(
                database,
                name,
                "com.acme.hive.udf.NormalizePhone",
                Optional.of("etl-service"),
                Optional.of("USER"),
                Optional.of("REGULAR_FUNCTION"),
                List.of(
                        new ResourceUri("JAR", BUCKET + "/libs/acme-udfs-1.4.2.jar"),
                        new ResourceUri("FILE", BUCKET + "/libs/phone-prefixes.csv")),
                Optional.empty());
    }
}
