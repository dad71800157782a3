package dev.lakeport.canonical;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The canonical text of a few objects, byte for byte. Fingerprints of this text are stored in project files: a change
 * here makes every stored fingerprint stale, so it must come with a new {@link CanonicalForm#VERSION}. Input maps are
 * given in reverse order on purpose: the text sorts them.
 */
class CanonicalFormGoldenTest {
    private static final Instant CREATED = Instant.parse("2024-03-01T10:00:00.123Z");

    @ParameterizedTest
    @ValueSource(strings = {"database", "partitioned-table", "view", "partition", "function"})
    void canonicalTextIsExactlyTheGoldenFile(String name) throws IOException {
        byte[] expected;
        try (InputStream in = getClass().getResourceAsStream("/canonical/" + name + ".json")) {
            assertThat(in).as("golden file canonical/%s.json", name).isNotNull();
            expected = in.readAllBytes();
        }
        // The golden file ends with a newline so that it is a proper text file; the canonical text has none.
        String text = CanonicalForm.toText(object(name)) + "\n";
        assertThat(text).isEqualTo(new String(expected, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(CanonicalForm.toBytes(object(name)))
                .isEqualTo(java.util.Arrays.copyOf(expected, expected.length - 1));
    }

    static CatalogObject object(String name) {
        return switch (name) {
            case "database" -> new Database(
                    "Finance",
                    Optional.of("Ledgers and budgets"),
                    Optional.of("s3://lake/finance/"),
                    reversed("owner", "fin-team", "classification", "internal", "transient_lastDdlTime", "1709287200"),
                    Optional.of(CREATED));
            case "partitioned-table" -> partitionedTable();
            case "view" -> Table.builder("Finance", "Budget_View")
                    .owner("analyst")
                    .createTime(CREATED)
                    .viewOriginalText("SELECT * FROM budgets WHERE year = 2024")
                    .viewExpandedText("SELECT `budgets`.`id` FROM `finance`.`budgets` WHERE `budgets`.`year` = 2024")
                    .tableType("VIRTUAL_VIEW")
                    .partitionKeys(List.of())
                    .storageDescriptor(StorageDescriptor.builder()
                            .columns(List.of(Column.of("id", "bigint")))
                            .build())
                    .parameters(reversed("presto_view", "true", "comment", "budgets of 2024"))
                    .build();
            case "partition" -> new Partition(
                    "Finance",
                    "Orders",
                    List.of("2024-01-31", "cn-north/1", "a=b", "100%", "x y", "\"q\"", "华北"),
                    Optional.of(partitionedTable()
                            .storageDescriptor()
                            .orElseThrow()
                            .withLocation("s3://lake/finance/orders/dt=2024-01-31/")),
                    reversed("numRows", "42", "transient_lastDdlTime", "1709287200", "comment", "month end"),
                    Optional.of(CREATED),
                    Optional.of(CREATED),
                    Optional.of(Instant.parse("2024-02-01T00:00:07.999Z")));
            case "function" -> new Function(
                    "Finance",
                    "Normalize_Phone",
                    "com.example.udf.NormalizePhone",
                    Optional.of("etl"),
                    Optional.of("USER"),
                    Optional.of("JAVA"),
                    List.of(
                            new ResourceUri("JAR", "s3://lake/udf/phone.jar"),
                            new ResourceUri("FILE", "s3://lake/udf/codes.txt")),
                    Optional.of(CREATED));
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static Table partitionedTable() {
        Map<List<String>, String> skewLocations = new LinkedHashMap<>();
        skewLocations.put(List.of("us", "2"), "s3://lake/finance/orders/skew/us-2/");
        skewLocations.put(List.of("cn", "1"), "s3://lake/finance/orders/skew/cn-1/");
        return Table.builder("Finance", "Orders")
                .description("All orders")
                .owner("etl")
                .createTime(CREATED)
                .lastAccessTime(CREATED)
                .lastAnalyzedTime(Instant.parse("2024-03-02T00:00:00.500Z"))
                .retention(30)
                .storageDescriptor(StorageDescriptor.builder()
                        .columns(List.of(
                                new Column("Order_Id", "BIGINT", Optional.of("key"), reversed("pii", "false")),
                                Column.of("region", "string"),
                                Column.of("amount", "decimal(38,18)", "in cents")))
                        .location("s3://lake/finance/orders/")
                        .inputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat")
                        .outputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat")
                        .compressed(true)
                        .numberOfBuckets(4)
                        .serDeInfo(new SerDeInfo(
                                Optional.of("parquet"),
                                Optional.of("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"),
                                reversed("serialization.format", "1", "field.delim", ",")))
                        .bucketColumns(List.of("order_id"))
                        .sortColumns(List.of(new SortColumn("order_id", 1), new SortColumn("amount", 0)))
                        .skewedInfo(new SkewedInfo(
                                List.of("region", "shard"),
                                List.of(List.of("us", "2"), List.of("cn", "1")),
                                skewLocations))
                        .storedAsSubDirectories(true)
                        .parameters(reversed("parquet.compression", "SNAPPY", "EXTERNAL", "TRUE"))
                        .build())
                .partitionKeys(List.of(
                        Column.of("DT", "STRING", "day"),
                        Column.of("region", "string"),
                        Column.of("kv", "string"),
                        Column.of("pct", "string"),
                        Column.of("sp", "string"),
                        Column.of("q", "string"),
                        Column.of("area", "string")))
                .viewOriginalText(null)
                .tableType("EXTERNAL_TABLE")
                .parameters(reversed(
                        "transient_lastDdlTime",
                        "1709287200",
                        "numFiles",
                        "12",
                        "classification",
                        "parquet",
                        "EXTERNAL",
                        "TRUE"))
                .build();
    }

    /** A map that iterates in the reverse of the given order; the canonical text must not care. */
    private static Map<String, String> reversed(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = keysAndValues.length - 2; i >= 0; i -= 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
