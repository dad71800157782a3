package dev.lakeport.snapshot;

import dev.lakeport.model.CatalogObject;
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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Sample-like catalog objects: a Parquet table partitioned by dt and hour, as a Glue crawler leaves it. */
final class TestingCatalog {
    static final Instant CREATED = Instant.parse("2024-03-01T10:15:30Z");

    private TestingCatalog() {}

    static Database database(String name) {
        return new Database(
                name,
                Optional.of("sales data of " + name),
                Optional.of("s3://lake/" + name),
                Map.of("owner", "data-eng"),
                Optional.of(CREATED));
    }

    static StorageDescriptor sd(String location) {
        return StorageDescriptor.builder()
                .columns(List.of(
                        Column.of("order_id", "bigint", "order number"),
                        Column.of("customer_id", "bigint"),
                        Column.of("amount", "decimal(12,2)"),
                        Column.of("currency", "string"),
                        Column.of("status", "string"),
                        Column.of("created_at", "timestamp")))
                .location(location)
                .inputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat")
                .outputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat")
                .serDeInfo(SerDeInfo.of(
                        "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
                        Map.of("serialization.format", "1")))
                .parameters(Map.of("classification", "parquet"))
                .build();
    }

    static Table table(String db, String name) {
        return Table.builder(db, name)
                .description("orders, one row per order line")
                .owner("hadoop")
                .createTime(CREATED)
                .lastAccessTime(CREATED)
                .retention(0)
                .storageDescriptor(sd("s3://lake/" + db + "/" + name))
                .partitionKeys(List.of(Column.of("dt", "string"), Column.of("hour", "string")))
                .tableType("EXTERNAL_TABLE")
                .parameters(Map.of("classification", "parquet", "EXTERNAL", "TRUE"))
                .build();
    }

    static Table unpartitioned(String db, String name) {
        return table(db, name).toBuilder().partitionKeys(List.of()).build();
    }

    /** A table with everything a storage descriptor can hold, to prove the encoding round-trips. */
    static Table richTable(String db, String name) {
        StorageDescriptor sd = sd("s3://lake/" + db + "/" + name).toBuilder()
                .compressed(true)
                .numberOfBuckets(8)
                .bucketColumns(List.of("customer_id"))
                .sortColumns(List.of(new SortColumn("order_id", 1), new SortColumn("amount", 0)))
                .skewedInfo(skewedInfo(Map.of()))
                .storedAsSubDirectories(true)
                .build();
        return table(db, name).toBuilder()
                .storageDescriptor(sd)
                .lastAnalyzedTime(Instant.parse("2024-03-02T01:02:03.456Z"))
                .viewOriginalText("/* Presto View: éèü */")
                .parameters(Map.of("comment", "Ünïcödé ✓ 𝄞", "transient_lastDdlTime", "1700000000"))
                .build();
    }

    /** Skew information, with the given value-to-location map. */
    static SkewedInfo skewedInfo(Map<List<String>, String> locations) {
        return new SkewedInfo(List.of("status"), List.of(List.of("open"), List.of("closed")), locations);
    }

    static Function function(String db, String name) {
        return new Function(
                db,
                name,
                "com.example.udf.Mask",
                Optional.of("hadoop"),
                Optional.of("USER"),
                Optional.of("REGULAR_FUNCTION"),
                List.of(new ResourceUri("JAR", "s3://lake/jars/udf.jar")),
                Optional.of(CREATED));
    }

    static Partition partition(Table table, int i) {
        // Day and hour from i, as a crawler names them; plain concatenation keeps the generator cheap for benchmarks.
        int day = i / 24;
        String date = (2000 + day / 336) + twoDigits(1 + (day / 28) % 12) + twoDigits(1 + day % 28);
        String hour = twoDigits(i % 24);
        List<String> values = List.of(date, hour);
        String location =
                table.storageDescriptor().orElseThrow().location().orElseThrow() + "/dt=" + date + "/hour=" + hour;
        return new Partition(
                table.databaseName(),
                table.name(),
                values,
                Optional.of(table.storageDescriptor().orElseThrow().withLocation(location)),
                Map.of("numRows", String.valueOf(1000 + i % 977), "transient_lastDdlTime", "1709288130"),
                Optional.of(CREATED.plusSeconds(i)),
                Optional.empty(),
                Optional.empty());
    }

    private static String twoDigits(int n) {
        return n < 10 ? "0" + n : String.valueOf(n);
    }

    /** {@code n} distinct partitions of the table, generated as they are consumed (a reader's stream). */
    static Iterator<Partition> partitions(Table table, int n) {
        return new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < n;
            }

            @Override
            public Partition next() {
                if (i >= n) {
                    throw new NoSuchElementException();
                }
                return partition(table, i++);
            }
        };
    }

    /** The location mapping a user sets up: S3 bucket to OSS bucket. */
    static UnaryOperator<CatalogObject> s3ToOss(String ossBucket) {
        return object -> {
            if (object instanceof Partition p && p.storageDescriptor().isPresent()) {
                StorageDescriptor sd = p.storageDescriptor().get();
                return p.withStorageDescriptor(
                        sd.withLocation(sd.location().orElse("").replace("s3://lake/", "oss://" + ossBucket + "/")));
            }
            if (object instanceof Table t && t.storageDescriptor().isPresent()) {
                StorageDescriptor sd = t.storageDescriptor().get();
                return t.toBuilder()
                        .storageDescriptor(sd.withLocation(
                                sd.location().orElse("").replace("s3://lake/", "oss://" + ossBucket + "/")))
                        .build();
            }
            if (object instanceof Database d && d.locationUri().isPresent()) {
                return d.withLocationUri(d.locationUri().get().replace("s3://lake/", "oss://" + ossBucket + "/"));
            }
            return object;
        };
    }
}
