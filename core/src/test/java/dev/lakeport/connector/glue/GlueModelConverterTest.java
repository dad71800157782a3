package dev.lakeport.connector.glue;

import static dev.lakeport.connector.glue.GlueModelConverter.PREFIX;
import static dev.lakeport.connector.glue.TestingGlueShapes.assertEveryFieldSet;
import static dev.lakeport.connector.glue.TestingGlueShapes.assertSameFields;
import static dev.lakeport.connector.glue.TestingGlueShapes.onlyIn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.model.Database;
import dev.lakeport.model.Function;
import dev.lakeport.model.Partition;
import dev.lakeport.model.SortColumn;
import dev.lakeport.model.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.DatabaseInput;
import software.amazon.awssdk.services.glue.model.Order;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.SkewedInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.TableIdentifier;
import software.amazon.awssdk.services.glue.model.TableInput;
import software.amazon.awssdk.services.glue.model.UserDefinedFunction;
import software.amazon.awssdk.services.glue.model.UserDefinedFunctionInput;

/**
 * The round-trip proof: Glue shapes with every SDK field set go to the model and back to Glue's input shapes without
 * losing anything the input shapes can take; what only the output shapes have is either in the model or on a short,
 * explicit list of server-managed fields.
 */
class GlueModelConverterTest {
    private final TestingGlueShapes shapes = new TestingGlueShapes();

    /** Full Glue shapes with the values Glue itself would hold where a field has rules (skew tuples, sort orders). */
    static software.amazon.awssdk.services.glue.model.Database fullDatabase(TestingGlueShapes shapes) {
        return shapes.full(software.amazon.awssdk.services.glue.model.Database::builder).toBuilder()
                .name("sales")
                .build();
    }

    static software.amazon.awssdk.services.glue.model.Table fullTable(TestingGlueShapes shapes) {
        software.amazon.awssdk.services.glue.model.Table t =
                shapes.full(software.amazon.awssdk.services.glue.model.Table::builder);
        return t.toBuilder()
                .databaseName("sales")
                .name("orders")
                .storageDescriptor(realistic(t.storageDescriptor()))
                .partitionKeys(t.partitionKeys().get(0).toBuilder().name("dt").build())
                .build();
    }

    static software.amazon.awssdk.services.glue.model.Partition fullPartition(TestingGlueShapes shapes) {
        software.amazon.awssdk.services.glue.model.Partition p =
                shapes.full(software.amazon.awssdk.services.glue.model.Partition::builder);
        return p.toBuilder()
                .databaseName("sales")
                .tableName("orders")
                .values("2024-01-31")
                .storageDescriptor(realistic(p.storageDescriptor()))
                .build();
    }

    static UserDefinedFunction fullFunction(TestingGlueShapes shapes) {
        return shapes.full(UserDefinedFunction::builder).toBuilder()
                .databaseName("sales")
                .functionName("normalize_phone")
                .build();
    }

    private static StorageDescriptor realistic(StorageDescriptor sd) {
        Map<String, String> locations = new LinkedHashMap<>();
        locations.put("3$web2$eu", "s3://acme/orders/channel=web/region=eu");
        return sd.toBuilder()
                .sortColumns(
                        Order.builder().column("customer_id").sortOrder(1).build(),
                        Order.builder().column("ordered_at").sortOrder(0).build())
                .skewedInfo(SkewedInfo.builder()
                        .skewedColumnNames("channel", "region")
                        .skewedColumnValues("3$web2$eu", "5$store2$us")
                        .skewedColumnValueLocationMaps(locations)
                        .build())
                .build();
    }

    @Test
    void databaseWithEveryFieldSurvivesTheRoundTrip() {
        var original = fullDatabase(shapes);
        assertEveryFieldSet(original);

        Database model = GlueModelConverter.toDatabase(original);
        DatabaseInput input = GlueModelConverter.toDatabaseInput(model);

        assertEveryFieldSet(input);
        assertSameFields("Database", original, input);
        assertThat(onlyIn(original, input)).containsExactlyInAnyOrder("CreateTime", "CatalogId");
        assertThat(model.createTime()).contains(original.createTime());
        assertThat(model.parameters())
                .containsKeys(
                        PREFIX + "CreateTableDefaultPermissions",
                        PREFIX + "TargetDatabase",
                        PREFIX + "FederatedDatabase");
    }

    @Test
    void tableWithEveryFieldSurvivesTheRoundTrip() {
        var original = fullTable(shapes);
        assertEveryFieldSet(original);

        Table model = GlueModelConverter.toTable(original);
        TableInput input = GlueModelConverter.toTableInput(model);

        assertEveryFieldSet(input);
        assertSameFields("Table", original, input);
        // what TableInput cannot take: kept in the model where it means something, else server-managed
        assertThat(onlyIn(original, input))
                .containsExactlyInAnyOrder(
                        "DatabaseName",
                        "CreateTime",
                        "CreatedBy",
                        "IsMultiDialectView",
                        "IsMaterializedView",
                        "UpdateTime",
                        "IsRegisteredWithLakeFormation",
                        "CatalogId",
                        "VersionId",
                        "IcebergTableMetadata",
                        "Status",
                        "RLSProperties");
        assertThat(model.databaseName()).isEqualTo("sales");
        assertThat(model.createTime()).contains(original.createTime());
        assertThat(model.parameters())
                .containsEntry(PREFIX + "CreatedBy", GlueJson.write(original.createdBy()))
                .containsEntry(PREFIX + "IsMultiDialectView", "true")
                .containsEntry(PREFIX + "IsMaterializedView", "true")
                .containsKeys(PREFIX + "TargetTable", PREFIX + "FederatedTable", PREFIX + "ViewDefinition");
        assertThat(model.storageDescriptor().orElseThrow().parameters())
                .containsKeys(PREFIX + "AdditionalLocations", PREFIX + "SchemaReference");
    }

    @Test
    void partitionWithEveryFieldSurvivesTheRoundTrip() {
        var original = fullPartition(shapes);
        assertEveryFieldSet(original);

        Partition model = GlueModelConverter.toPartition(original, "ignored", "ignored");
        PartitionInput input = GlueModelConverter.toPartitionInput(model);

        assertEveryFieldSet(input);
        assertSameFields("Partition", original, input);
        assertThat(onlyIn(original, input))
                .containsExactlyInAnyOrder("DatabaseName", "TableName", "CreationTime", "CatalogId");
        assertThat(model.key().itemName()).isEqualTo("sales.orders/2024-01-31");
        assertThat(model.createTime()).contains(original.creationTime());
    }

    @Test
    void functionWithEveryFieldSurvivesTheRoundTrip() {
        var original = fullFunction(shapes);
        assertEveryFieldSet(original);

        Function model = GlueModelConverter.toFunction(original, "ignored");
        UserDefinedFunctionInput input = GlueModelConverter.toFunctionInput(model);

        assertEveryFieldSet(input);
        assertSameFields("UserDefinedFunction", original, input);
        assertThat(onlyIn(original, input)).containsExactlyInAnyOrder("DatabaseName", "CreateTime", "CatalogId");
        // Glue's own words stay in the model; mapping them is the DLF side's business
        assertThat(model.ownerType()).contains(original.ownerTypeAsString());
        assertThat(model.functionType()).contains(original.functionTypeAsString());
        assertThat(model.createTime()).contains(original.createTime());
    }

    @Test
    void carriedFieldsAreCompactJsonWithSortedKeys() {
        var table = fullTable(shapes).toBuilder()
                .targetTable(TableIdentifier.builder()
                        .region("eu-west-1")
                        .name("orders")
                        .databaseName("shared_sales")
                        .catalogId("210987654321")
                        .build())
                .build();

        Table model = GlueModelConverter.toTable(table);

        assertThat(model.parameters())
                .containsEntry(
                        PREFIX + "TargetTable",
                        "{\"CatalogId\":\"210987654321\",\"DatabaseName\":\"shared_sales\",\"Name\":\"orders\","
                                + "\"Region\":\"eu-west-1\"}");
    }

    @Test
    void carriedFieldsLeaveTheParametersOnWrite() {
        Table model = GlueModelConverter.toTable(fullTable(shapes));

        TableInput input = GlueModelConverter.toTableInput(model);

        assertThat(input.parameters().keySet()).noneMatch(GlueModelConverter::isCarried);
        assertThat(input.storageDescriptor().parameters().keySet()).noneMatch(GlueModelConverter::isCarried);
    }

    @Test
    void timesAreFlooredToWholeSeconds() {
        var table = fullTable(shapes).toBuilder()
                .createTime(Instant.parse("2024-05-01T10:00:00.999Z"))
                .lastAccessTime(Instant.parse("2024-05-02T10:00:00.5Z"))
                .lastAnalyzedTime(Instant.parse("1969-12-31T23:59:59.5Z"))
                .build();

        Table model = GlueModelConverter.toTable(table);

        assertThat(model.createTime()).contains(Instant.parse("2024-05-01T10:00:00Z"));
        assertThat(model.lastAccessTime()).contains(Instant.parse("2024-05-02T10:00:00Z"));
        assertThat(model.lastAnalyzedTime()).contains(Instant.parse("1969-12-31T23:59:59Z"));
        assertThat(GlueModelConverter.toTableInput(model).lastAccessTime()).isEqualTo("2024-05-02T10:00:00Z");
    }

    @Test
    void skewTuplesAreDecodedIntoTheModel() {
        Table model = GlueModelConverter.toTable(fullTable(shapes));

        var skew = model.storageDescriptor().orElseThrow().skewedInfo();
        assertThat(skew.columnNames()).containsExactly("channel", "region");
        assertThat(skew.columnValues()).containsExactly(List.of("web", "eu"), List.of("store", "us"));
        assertThat(skew.valueLocationMaps())
                .containsExactly(Map.entry(List.of("web", "eu"), "s3://acme/orders/channel=web/region=eu"));
        assertThat(model.storageDescriptor().orElseThrow().parameters().keySet())
                .doesNotContain(GlueModelConverter.SKEWED_COLUMN_VALUES);
        assertThat(model.storageDescriptor().orElseThrow().sortColumns())
                .containsExactly(new SortColumn("customer_id", 1), new SortColumn("ordered_at", 0));
    }

    @Test
    void undecodableSkewValuesFallBackAndComeBackVerbatim() {
        Map<String, String> locations = new LinkedHashMap<>();
        locations.put("1$a1$b", "s3://acme/t/a-b");
        locations.put("web", "s3://acme/t/web");
        StorageDescriptor sd = StorageDescriptor.builder()
                .location("s3://acme/t")
                .skewedInfo(SkewedInfo.builder()
                        .skewedColumnNames("x", "y")
                        .skewedColumnValues("1$a1$b", "plain", "9$short")
                        .skewedColumnValueLocationMaps(locations)
                        .build())
                .build();

        var model = GlueModelConverter.toStorageDescriptor(sd);

        assertThat(model.skewedInfo().columnValues())
                .containsExactly(List.of("a", "b"), List.of("plain"), List.of("9$short"));
        assertThat(model.skewedInfo().valueLocationMaps()).containsOnlyKeys(List.of("a", "b"), List.of("web"));
        assertThat(model.parameters())
                // FIELD-MAP's FB:X: the Glue field as Glue held it, compact JSON with sorted keys
                .containsEntry(GlueModelConverter.SKEWED_COLUMN_VALUES, "[\"1$a1$b\",\"plain\",\"9$short\"]")
                .containsEntry(
                        GlueModelConverter.SKEWED_COLUMN_VALUE_LOCATION_MAPS,
                        "{\"1$a1$b\":\"s3://acme/t/a-b\",\"web\":\"s3://acme/t/web\"}");

        StorageDescriptor back = GlueModelConverter.toGlue(model);
        assertThat(back.skewedInfo()).isEqualTo(sd.skewedInfo());
        assertThat(back.parameters()).isEmpty();
    }

    @Test
    void skewCodecFollowsTheGlueHiveClientEncoding() {
        assertThat(GlueSkewCodec.encode(List.of("a", "xyz"))).isEqualTo("1$a3$xyz");
        assertThat(GlueSkewCodec.decode("1$a3$xyz", 2)).contains(List.of("a", "xyz"));
        // values may hold '$', digits, nothing at all, or characters outside ASCII
        List<String> awkward = List.of("1$2", "", "$$", "東京");
        assertThat(GlueSkewCodec.encode(awkward)).isEqualTo("3$1$20$2$$$2$東京");
        assertThat(GlueSkewCodec.decode(GlueSkewCodec.encode(awkward), 4)).contains(awkward);
        // a single column's tuple
        assertThat(GlueSkewCodec.decode("4$2024", 1)).contains(List.of("2024"));
    }

    @Test
    void skewCodecRejectsWhatItCannotHaveWritten() {
        assertThat(GlueSkewCodec.decode("2024", 1)).isEmpty();
        assertThat(GlueSkewCodec.decode("01$a", 1)).isEmpty();
        assertThat(GlueSkewCodec.decode("5$abc", 1)).isEmpty();
        assertThat(GlueSkewCodec.decode("1$a", 2)).isEmpty();
        assertThat(GlueSkewCodec.decode("", 1)).isEmpty();
        assertThat(GlueSkewCodec.decode("+1$a", 1)).isEmpty();
        assertThat(GlueSkewCodec.decode("1$a1$", 2)).isEmpty();
    }

    @Test
    void absentOptionalFieldsStayAbsent() {
        var bare = software.amazon.awssdk.services.glue.model.Table.builder()
                .databaseName("sales")
                .name("bare")
                .build();

        Table model = GlueModelConverter.toTable(bare);
        TableInput input = GlueModelConverter.toTableInput(model);

        assertThat(model.parameters()).isEmpty();
        assertThat(model.storageDescriptor()).isEmpty();
        assertThat(model.description()).isEmpty();
        assertThat(input.storageDescriptor()).isNull();
        assertThat(input.viewDefinition()).isNull();
        assertThat(input.targetTable()).isNull();
        assertThat(input.parameters()).isEmpty();
    }

    @Test
    void functionTypesAreKeptAsGlueWords() {
        var f = UserDefinedFunction.builder()
                .databaseName("sales")
                .functionName("f")
                .className("com.acme.F")
                .ownerType("ROLE")
                .functionType("STORED_PROCEDURE")
                .build();

        Function model = GlueModelConverter.toFunction(f, "sales");

        assertThat(model.ownerType()).contains("ROLE");
        assertThat(model.functionType()).contains("STORED_PROCEDURE");
        assertThat(model.ownerName()).isEqualTo(Optional.empty());
        assertThat(GlueModelConverter.toFunctionInput(model).functionTypeAsString())
                .isEqualTo("STORED_PROCEDURE");
    }
}
