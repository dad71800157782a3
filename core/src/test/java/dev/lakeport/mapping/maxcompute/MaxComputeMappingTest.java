package dev.lakeport.mapping.maxcompute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeport.connector.ConnectorSettings;
import dev.lakeport.mapping.ColumnTypeMapping;
import dev.lakeport.mapping.DestinationCheck;
import dev.lakeport.mapping.InvalidMappingException;
import dev.lakeport.mapping.LocationMapper;
import dev.lakeport.mapping.MappingInputs;
import dev.lakeport.mapping.MappingWarning;
import dev.lakeport.model.Column;
import dev.lakeport.model.Database;
import dev.lakeport.model.Partition;
import dev.lakeport.model.SerDeInfo;
import dev.lakeport.model.StorageDescriptor;
import dev.lakeport.model.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MaxComputeMappingTest {
    private static final Map<String, String> V2 =
            Map.of("proj_a.odps.sql.type.system.odps2", "true", "proj_a.odps.sql.decimal.odps2", "true");

    @Test
    void aDatabaseGoesToTheDefaultProjectOrItsMappedProjectOrSchema() {
        MaxComputeMapping m = mapping(
                Map.of("maxcompute.project", "proj_a", "maxcompute.project.mapping", "{\"Finance\":\"proj_b.fin\"}"),
                V2);

        assertThat(m.fromSource().apply(Database.of("sales"))).isEqualTo(Database.of("proj_a"));
        assertThat(m.fromSource().apply(Database.of("finance"))).isEqualTo(Database.of("proj_b.fin"));
        assertThat(m.naming().orElseThrow().database("FINANCE")).isEqualTo("proj_b.fin");
        Database withEverything = new Database(
                "sales",
                Optional.of("orders and refunds"),
                Optional.of("s3://lake/sales"),
                Map.of("owner", "etl"),
                Optional.of(java.time.Instant.EPOCH));
        assertThat(m.fromSource().apply(withEverything))
                .isEqualTo(new Database(
                        "proj_a", Optional.of("orders and refunds"), Optional.empty(), Map.of(), Optional.empty()));
    }

    @Test
    void aProjectWithSchemasTakesEachDatabaseAsASchema() {
        Map<String, String> facts = new HashMap<>(V2);
        facts.put("proj_a.odps.schema.model.enabled", "true");
        MaxComputeMapping m = mapping(Map.of("maxcompute.project", "proj_a"), facts);

        assertThat(m.namespace("Sales")).isEqualTo("proj_a.sales");
        assertThat(((Table) m.fromSource().apply(hiveTable("Sales", "Orders"))).databaseName())
                .isEqualTo("proj_a.sales");
        MaxComputeMapping withoutSchemas = mapping(Map.of("maxcompute.project", "proj_a"), V2);
        assertThat(m.naming().orElseThrow().id())
                .as("names change when the project turns schemas on")
                .isNotEqualTo(withoutSchemas.naming().orElseThrow().id());
    }

    @Test
    void aTableKeepsOnlyWhatMaxComputeHoldsWithTypesByTheProjectsFlags() {
        MaxComputeMapping m = mapping(Map.of("maxcompute.project", "proj_a", "maxcompute.lifecycle", "30"), V2);

        Table mapped = (Table) m.fromSource().apply(hiveTable("sales", "Orders"));

        assertThat(mapped.databaseName()).isEqualTo("proj_a");
        assertThat(mapped.name()).isEqualTo("orders");
        assertThat(mapped.description()).contains("all orders");
        assertThat(mapped.retention()).isEqualTo(30);
        assertThat(mapped.tableType()).contains("MANAGED_TABLE");
        assertThat(mapped.parameters()).isEmpty();
        assertThat(mapped.owner()).isEmpty();
        StorageDescriptor sd = mapped.storageDescriptor().orElseThrow();
        assertThat(sd)
                .isEqualTo(StorageDescriptor.builder().columns(sd.columns()).build());
        assertThat(sd.columns())
                .extracting(Column::name, Column::type)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("id", "bigint"),
                        org.assertj.core.groups.Tuple.tuple("qty", "int"),
                        org.assertj.core.groups.Tuple.tuple("code", "string"),
                        org.assertj.core.groups.Tuple.tuple("price", "decimal(10,2)"),
                        org.assertj.core.groups.Tuple.tuple("tags", "array<string>"));
        assertThat(mapped.partitionKeys())
                .extracting(Column::name, Column::type)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("dt", "string"));
    }

    @Test
    void beforeTheDestinationIsLoadedTypesAreMappedForAV1ProjectAndTheTableSaysSo() {
        MaxComputeMapping unknown = mapping(Map.of("maxcompute.project", "proj_a"), Map.of());
        MaxComputeMapping known = mapping(Map.of("maxcompute.project", "proj_a"), V2);

        List<MappingWarning> warnings = unknown.warnings(renamed(unknown, hiveTable("sales", "orders")));

        assertThat(warnings).extracting(MappingWarning::code).contains(MappingWarning.Code.DESTINATION_NOT_LOADED);
        assertThat(warnings).extracting(MappingWarning::code).contains(MappingWarning.Code.TYPE_NOT_HELD);
        assertThat(known.warnings(renamed(known, hiveTable("sales", "orders")))).isEmpty();
        assertThat(unknown.mappingId()).isNotEqualTo(known.mappingId());
    }

    @Test
    void theTypePreviewNamesTheFlagThatDecidedEachType() {
        MaxComputeMapping m = mapping(Map.of("maxcompute.project", "proj_a"), V2);

        List<ColumnTypeMapping> rows = m.columnTypes(renamed(m, hiveTable("sales", "orders")));

        assertThat(rows).hasSize(6);
        ColumnTypeMapping qty = rows.get(1);
        assertThat(qty.column()).isEqualTo("qty");
        assertThat(qty.sourceType()).isEqualTo("int");
        assertThat(qty.destinationType()).contains("int");
        assertThat(qty.because()).contains("odps.sql.type.system.odps2");
        assertThat(rows.get(5).partitionKey()).isTrue();
    }

    @Test
    void characterMappingsApplyToTableNamesColumnNamesAndPartitionValues() {
        MaxComputeMapping m = mapping(
                Map.of(
                        "maxcompute.project", "proj_a",
                        "maxcompute.charmap.table", "{\"%\":\"_pct\"}",
                        "maxcompute.charmap.column", "{\"-\":\"_\"}",
                        "maxcompute.charmap.partition", "{\"/\":\"_\"}"),
                V2);
        Table source = Table.builder("sales", "rate%")
                .storageDescriptor(StorageDescriptor.builder()
                        .columns(List.of(Column.of("unit-price", "double")))
                        .build())
                .partitionKeys(List.of(Column.of("region", "string")))
                .build();

        Table mapped = (Table) m.fromSource().apply(source);
        Partition partition = (Partition) m.fromSource().apply(partition("sales", "rate%", "eu/west"));

        assertThat(mapped.name()).isEqualTo("rate_pct");
        assertThat(mapped.storageDescriptor().orElseThrow().columns().get(0).name())
                .isEqualTo("unit_price");
        assertThat(partition.tableName()).isEqualTo("rate_pct");
        assertThat(partition.values()).containsExactly("eu_west");
        assertThat(partition.storageDescriptor()).isEmpty();
    }

    @Test
    void theCheckNamesTypesThatCannotBeHeld() {
        MaxComputeMapping m = mapping(Map.of("maxcompute.project", "proj_a"), V2);
        DestinationCheck check = m.destinationCheck().orElseThrow();

        check.table(
                renamed(
                        m,
                        Table.builder("sales", "events")
                                .storageDescriptor(StorageDescriptor.builder()
                                        .columns(List.of(Column.of("payload", "uniontype<int,string>")))
                                        .build())
                                .build()),
                0,
                List.of());

        assertThat(check.problems())
                .extracting(DestinationCheck.Problem::toString)
                .singleElement()
                .satisfies(
                        p -> assertThat(p).startsWith("proj_a.events.payload").contains("uniontype"));
    }

    @Test
    void aViewsExpandedSqlNamesWhatItReadsInMaxComputeWithCharacterMappingsAndSchemas() {
        Map<String, String> facts = new HashMap<>(V2);
        facts.put("proj_a.odps.schema.model.enabled", "true");
        MaxComputeMapping m = mapping(
                Map.of(
                        "maxcompute.project", "proj_a",
                        "maxcompute.project.mapping", "{\"crm\":\"proj_b.people\"}",
                        "maxcompute.charmap.table", "{\"%\":\"_pct\"}"),
                facts);
        Table view = view(
                "sales",
                "Daily_V",
                "select dt, sum(amount) from `rate%` join crm.customers on true",
                "SELECT `rate%`.`dt`, sum(`rate%`.`amount`) AS `revenue` FROM `sales`.`rate%`, `sales`.`regions`\n"
                        + "  JOIN `crm`.`customers` `c` ON `c`.`id` = `rate%`.`cid`"
                        + " WHERE `rate%`.`note` <> 'from sales.orders' GROUP BY `rate%`.`dt`");

        Table mapped = (Table) m.fromSource().apply(view);

        assertThat(mapped.key())
                .isEqualTo(Table.builder("proj_a.sales", "daily_v").build().key());
        assertThat(mapped.isView()).isTrue();
        assertThat(mapped.viewOriginalText()).isEmpty();
        assertThat(mapped.viewExpandedText())
                .as("qualified names mapped, the renamed table keeps its source name as alias, strings untouched")
                .contains("SELECT `rate%`.`dt`, sum(`rate%`.`amount`) AS `revenue` FROM"
                        + " `proj_a`.`sales`.`rate_pct` `rate%`, `proj_a`.`sales`.`regions`\n"
                        + "  JOIN `proj_b`.`people`.`customers` `c` ON `c`.`id` = `rate%`.`cid` WHERE `rate%`.`note` <> 'from sales.orders'"
                        + " GROUP BY `rate%`.`dt`");
        assertThat(m.viewSql(renamed(m, view)).reads())
                .extracting(MaxComputeViewSql.Reference::destination)
                .containsExactly("proj_a.sales.rate_pct", "proj_a.sales.regions", "proj_b.people.customers");
    }

    @Test
    void anAthenaViewIsTakenFromItsPrestoSqlBareNamesInTheViewsOwnProject() {
        MaxComputeMapping m = mapping(Map.of("maxcompute.project", "proj_a"), V2);
        String json = "{\"originalSql\":\"SELECT \\\"url\\\", count(*) AS views FROM page_views GROUP BY 1\","
                + "\"catalog\":\"awsdatacatalog\",\"schema\":\"web\"}";
        Table athena = view(
                "web",
                "top_v",
                "/* Presto View: "
                        + java.util.Base64.getEncoder()
                                .encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        + " */",
                "/* Presto View */");

        assertThat(((Table) m.fromSource().apply(athena)).viewExpandedText())
                .contains("SELECT `url`, count(*) AS views FROM `proj_a`.`page_views` GROUP BY 1");
    }

    @Test
    void aFromInsideAFunctionCallOrASubqueryIsReadAsSqlNotAsATableName() {
        MaxComputeMapping m = mapping(Map.of("maxcompute.project", "proj_a"), V2);
        Table view = view(
                "sales",
                "v",
                null,
                "SELECT extract(day FROM `o`.`ts`), trim(both ' ' FROM `o`.`s`) FROM `sales`.`orders` `o`"
                        + " WHERE `o`.`id` IN (SELECT `r`.`id` FROM `sales`.`refunds` `r`)");

        assertThat(((Table) m.fromSource().apply(view)).viewExpandedText())
                .contains("SELECT extract(day FROM `o`.`ts`), trim(both ' ' FROM `o`.`s`) FROM `proj_a`.`orders` `o`"
                        + " WHERE `o`.`id` IN (SELECT `r`.`id` FROM `proj_a`.`refunds` `r`)");
    }

    @Test
    void theCheckNamesAViewThatReadsWhatTheMigrationLeavesOutCallsAFunctionOrReadsInACycle() {
        MaxComputeMapping m = mapping(Map.of("maxcompute.project", "proj_a"), V2);
        DestinationCheck check = m.destinationCheck().orElseThrow();

        check.table(renamed(m, hiveTable("sales", "orders")), 0, List.of());
        check.table(renamed(m, view("sales", "fine_v", null, "SELECT * FROM `sales`.`orders`")), 0, List.of());
        check.table(
                renamed(m, view("sales", "elsewhere_v", null, "SELECT * FROM `hr`.`staff` JOIN `sales`.`orders`")),
                0,
                List.of());
        check.table(
                renamed(m, view("sales", "udf_v", null, "SELECT `sales`.`mask`(`orders`.`id`) FROM `sales`.`orders`")),
                0,
                List.of());
        check.table(renamed(m, view("sales", "loop_a", null, "SELECT * FROM `sales`.`loop_b`")), 0, List.of());
        check.table(renamed(m, view("sales", "loop_b", null, "SELECT * FROM `sales`.`loop_a`")), 0, List.of());
        check.table(renamed(m, view("sales", "empty_v", null, null)), 0, List.of());

        assertThat(check.problems())
                .extracting(DestinationCheck.Problem::toString)
                .satisfiesExactlyInAnyOrder(
                        p -> assertThat(p)
                                .startsWith("proj_a.elsewhere_v: a view reading hr.staff (MaxCompute proj_a.staff)")
                                .contains("which this migration does not create")
                                .contains("exclude add proj_a.elsewhere_v"),
                        p -> assertThat(p).startsWith("proj_a.udf_v").contains("calls function sales.mask"),
                        p -> assertThat(p)
                                .startsWith("proj_a.loop_a")
                                .contains("cycle")
                                .contains("proj_a.loop_a -> proj_a.loop_b -> proj_a.loop_a"),
                        p -> assertThat(p).startsWith("proj_a.empty_v").contains("no SQL text"));
    }

    @Test
    void tablesOfTwoDatabasesInOneProjectGetOneNameEachThroughTheCharacterMapping() {
        MaxComputeMapping m =
                mapping(Map.of("maxcompute.project", "proj_a", "maxcompute.charmap.table", "{\"-\":\"_\"}"), V2);
        var naming = m.naming().orElseThrow();

        assertThat(naming.database("sales") + "." + naming.table("sales", "daily-orders"))
                .isEqualTo(naming.database("finance") + "." + naming.table("finance", "daily_orders"))
                .isEqualTo("proj_a.daily_orders");
    }

    @Test
    void theCheckCountsPartitionsAndLooksAtTheirValues() {
        MaxComputeMapping m = mapping(Map.of("maxcompute.project", "proj_a"), V2);
        DestinationCheck check = m.destinationCheck().orElseThrow();
        List<List<String>> values = new ArrayList<>();
        values.add(List.of("华东"));

        check.table(renamed(m, hiveTable("sales", "orders")), 60_001, values);

        assertThat(check.problems())
                .extracting(DestinationCheck.Problem::message)
                .anySatisfy(p -> assertThat(p).contains("60,001 partitions"))
                .anySatisfy(p -> assertThat(p).contains("Chinese"));
    }

    @Test
    void badSettingsAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> mapping(Map.of("maxcompute.project", "proj-a"), Map.of()))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessageContaining("maxcompute.project");
        assertThatThrownBy(() -> mapping(
                        Map.of("maxcompute.project", "p", "maxcompute.project.mapping", "{\"sales\": \"a.b.c\"}"),
                        Map.of()))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessageContaining("maxcompute.project.mapping")
                .hasMessageContaining("sales");
        assertThatThrownBy(() -> mapping(Map.of("maxcompute.project", "p", "maxcompute.lifecycle", "0"), Map.of()))
                .hasMessageContaining("maxcompute.lifecycle");
        assertThatThrownBy(() -> mapping(Map.of("maxcompute.project", "p", "maxcompute.charmap.column", "{"), Map.of()))
                .hasMessageContaining("maxcompute.charmap.column");
    }

    @Test
    void theMappingIdIsTheSameForEqualInputsInAnyOrder() {
        Map<String, String> settings =
                Map.of("maxcompute.project", "proj_a", "maxcompute.project.mapping", "{\"a\":\"p1\",\"b\":\"p2\"}");
        Map<String, String> reordered =
                Map.of("maxcompute.project", "proj_a", "maxcompute.project.mapping", "{\"b\":\"p2\",\"a\":\"p1\"}");

        assertThat(mapping(settings, V2).mappingId())
                .isEqualTo(mapping(reordered, V2).mappingId());
    }

    private static MaxComputeMapping mapping(Map<String, String> settings, Map<String, String> facts) {
        return new MaxComputeMapping(
                new MappingInputs(LocationMapper.identity(), ConnectorSettings.of(settings, Map.of()), facts),
                "hive-to-maxcompute",
                true);
    }

    private static Table renamed(MaxComputeMapping m, Table source) {
        return (Table) m.naming().orElseThrow().rename(source);
    }

    private static Table view(String database, String name, String original, String expanded) {
        return Table.builder(database, name)
                .storageDescriptor(StorageDescriptor.builder()
                        .columns(List.of(Column.of("n", "bigint")))
                        .build())
                .tableType("VIRTUAL_VIEW")
                .viewOriginalText(original)
                .viewExpandedText(expanded)
                .build();
    }

    private static Table hiveTable(String database, String name) {
        return Table.builder(database, name)
                .description("all orders")
                .owner("etl")
                .storageDescriptor(StorageDescriptor.builder()
                        .columns(List.of(
                                Column.of("id", "bigint"),
                                Column.of("qty", "int"),
                                Column.of("code", "char(4)"),
                                Column.of("price", "decimal(10,2)"),
                                Column.of("tags", "array<string>")))
                        .location("s3://lake/sales/orders")
                        .inputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat")
                        .serDeInfo(new SerDeInfo(
                                Optional.empty(),
                                Optional.of("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"),
                                Map.of()))
                        .build())
                .partitionKeys(List.of(Column.of("dt", "string")))
                .parameters(Map.of("EXTERNAL", "TRUE"))
                .tableType("EXTERNAL_TABLE")
                .build();
    }

    private static Partition partition(String database, String table, String value) {
        return new Partition(
                database,
                table,
                List.of(value),
                Optional.empty(),
                Map.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }
}
