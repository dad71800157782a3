package dev.lakeport.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.model.CatalogObject;
import dev.lakeport.model.Column;
import dev.lakeport.model.Database;
import dev.lakeport.model.Function;
import dev.lakeport.model.Partition;
import dev.lakeport.model.ResourceUri;
import dev.lakeport.model.SkewedInfo;
import dev.lakeport.model.StorageDescriptor;
import dev.lakeport.model.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GlueToDlfMappingTest {

    private static final LocationMapper LOCATIONS =
            LocationMapper.of(Map.of("s3://lake/", "oss://lake/", "s3://jars/udf/", "oss://jars/udf/"));
    private static final GlueToDlfMapping MAPPING = new GlueToDlfMapping(LOCATIONS);

    private static StorageDescriptor sd(String location) {
        return StorageDescriptor.builder()
                .columns(List.of(Column.of("id", "bigint")))
                .location(location)
                .build();
    }

    private static List<MappingWarning.Code> codes(CatalogObject o) {
        return MAPPING.warnings(o).stream().map(MappingWarning::code).toList();
    }

    @Test
    void everyLocationFieldIsMapped() {
        Database db = Database.of("db").withLocationUri("s3://lake/db");
        assertThat(((Database) MAPPING.apply(db)).locationUri()).contains("oss://lake/db");

        StorageDescriptor skewed = sd("s3://lake/db/t").toBuilder()
                .skewedInfo(
                        new SkewedInfo(List.of("c"), List.of(List.of("a")), Map.of(List.of("a"), "s3://lake/db/t/c=a")))
                .parameters(Map.of("lakeport.glue.AdditionalLocations", "[\"s3://lake/extra\",\"s3://elsewhere/x\"]"))
                .build();
        Table table = Table.builder("db", "t").storageDescriptor(skewed).build();
        StorageDescriptor mapped =
                ((Table) MAPPING.apply(table)).storageDescriptor().orElseThrow();
        assertThat(mapped.location()).contains("oss://lake/db/t");
        assertThat(mapped.skewedInfo().valueLocationMaps()).containsEntry(List.of("a"), "oss://lake/db/t/c=a");
        assertThat(mapped.parameters())
                .containsEntry("lakeport.glue.AdditionalLocations", "[\"oss://lake/extra\",\"s3://elsewhere/x\"]");

        Partition partition = new Partition(
                "db",
                "t",
                List.of("2022"),
                Optional.of(sd("s3://lake/db/t/dt=2022")),
                Map.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        assertThat(((Partition) MAPPING.apply(partition))
                        .storageDescriptor()
                        .orElseThrow()
                        .location())
                .contains("oss://lake/db/t/dt=2022");

        Function fn = function("REGULAR_FUNCTION", "USER", new ResourceUri("JAR", "s3://jars/udf/my.jar"));
        assertThat(((Function) MAPPING.apply(fn)).resourceUris())
                .containsExactly(new ResourceUri("JAR", "oss://jars/udf/my.jar"));
    }

    @Test
    void descriptionBecomesCommentWhenThereIsNone() {
        Table t = Table.builder("db", "t").description("orders").build();
        Table mapped = (Table) MAPPING.apply(t);
        assertThat(mapped.description()).isEmpty();
        assertThat(mapped.parameters()).containsExactly(Map.entry("comment", "orders"));
        assertThat(codes(t)).doesNotContain(MappingWarning.Code.FALLBACK_PARAMETER);
    }

    @Test
    void descriptionEqualToCommentIsSimplyCleared() {
        Table t = Table.builder("db", "t")
                .description("orders")
                .parameters(Map.of("comment", "orders"))
                .build();
        Table mapped = (Table) MAPPING.apply(t);
        assertThat(mapped.description()).isEmpty();
        assertThat(mapped.parameters()).containsExactly(Map.entry("comment", "orders"));
    }

    @Test
    void differingDescriptionIsKeptAsFallbackAndWarned() {
        Table t = Table.builder("db", "t")
                .description("Orders \"daily\"")
                .parameters(Map.of("comment", "orders"))
                .build();
        Table mapped = (Table) MAPPING.apply(t);
        assertThat(mapped.description()).isEmpty();
        assertThat(mapped.parameters())
                .containsEntry("comment", "orders")
                .containsEntry("lakeport.glue.Description", "\"Orders \\\"daily\\\"\"");
        assertThat(MAPPING.warnings(t)).anySatisfy(w -> {
            assertThat(w.code()).isEqualTo(MappingWarning.Code.FALLBACK_PARAMETER);
            assertThat(w.message()).contains("Description").contains("lakeport.glue.Description");
            assertThat(w.key()).isEqualTo(t.key());
        });
    }

    @Test
    void functionTypeBecomesJavaAndOwnerAndResourceTypesAreKept() {
        Function fn = function("AGGREGATE_FUNCTION", "ROLE", new ResourceUri("FILE", "s3://jars/udf/a.txt"));
        Function mapped = (Function) MAPPING.apply(fn);
        assertThat(mapped.functionType()).contains("JAVA");
        assertThat(mapped.ownerType()).contains("ROLE");
        assertThat(mapped.resourceUris().get(0).resourceType()).isEqualTo("FILE");
        assertThat(MAPPING.warnings(fn)).isEmpty();
        assertThat(((Function) MAPPING.apply(function(null, null))).functionType())
                .contains("JAVA");
    }

    @Test
    void storedProceduresAndUnknownTypesAreWarned() {
        assertThat(codes(function("STORED_PROCEDURE", "USER"))).containsExactly(MappingWarning.Code.STORED_PROCEDURE);
        assertThat(codes(function("REGULAR_FUNCTION", "SERVICE")))
                .containsExactly(MappingWarning.Code.UNKNOWN_OWNER_TYPE);
        assertThat(codes(function("REGULAR_FUNCTION", "USER", new ResourceUri("PY", "oss://x/y.py"))))
                .containsExactly(MappingWarning.Code.UNKNOWN_RESOURCE_TYPE);
    }

    @Test
    void governedTablesAreWarned() {
        Table t = Table.builder("db", "t").tableType("GOVERNED").build();
        assertThat(((Table) MAPPING.apply(t)).tableType()).contains("GOVERNED");
        assertThat(codes(t)).containsExactly(MappingWarning.Code.GOVERNED_TABLE);
    }

    @Test
    void fallbackParametersFromTheReaderAreWarned() {
        Database db = Database.of("db").withParameters(Map.of("lakeport.glue.TargetDatabase", "{}"));
        assertThat(MAPPING.warnings(db)).singleElement().satisfies(w -> assertThat(w.message())
                .contains("TargetDatabase"));
        Table t = Table.builder("db", "t")
                .storageDescriptor(sd("oss://x/y").toBuilder()
                        .parameters(Map.of("lakeport.glue.SchemaReference", "{}"))
                        .build())
                .build();
        assertThat(MAPPING.warnings(t)).singleElement().satisfies(w -> assertThat(w.message())
                .contains("Sd.Parameters.lakeport.glue.SchemaReference"));
    }

    @Test
    void namesDlfMayRejectAreListedInOneWarning() {
        Table t = Table.builder("db", "my-table")
                .partitionKeys(List.of(Column.of("event date", "string")))
                .storageDescriptor(StorageDescriptor.builder()
                        .columns(List.of(Column.of("ok_col", "int"), Column.of("user.id", "int")))
                        .build())
                .build();
        List<MappingWarning> warnings = MAPPING.warnings(t);
        assertThat(warnings).singleElement().satisfies(w -> {
            assertThat(w.code()).isEqualTo(MappingWarning.Code.NAME_CHARACTERS);
            assertThat(w.message())
                    .contains("table 'my-table'", "partition key 'event date'", "column 'user.id'")
                    .doesNotContain("ok_col");
        });
        assertThat(codes(function("REGULAR_FUNCTION", "USER"))).isEmpty();
    }

    @Test
    void timesAfter2038AreWarnedAndTimesAreFlooredToSeconds() {
        Table late = Table.builder("db", "t")
                .createTime(Instant.parse("2038-01-19T03:14:08Z"))
                .build();
        assertThat(codes(late)).containsExactly(MappingWarning.Code.TIME_OUT_OF_RANGE);
        Table ok = Table.builder("db", "t")
                .createTime(Instant.parse("2038-01-19T03:14:07.900Z"))
                .lastAnalyzedTime(Instant.parse("2022-01-01T00:00:00.5Z"))
                .build();
        assertThat(codes(ok)).isEmpty();
        Table mapped = (Table) MAPPING.apply(ok);
        assertThat(mapped.createTime()).contains(Instant.parse("2038-01-19T03:14:07Z"));
        assertThat(mapped.lastAnalyzedTime()).contains(Instant.parse("2022-01-01T00:00:00Z"));
    }

    @Test
    void locationsStillOnS3AfterMappingAreWarned() {
        Table t = Table.builder("db", "t")
                .storageDescriptor(sd("s3://other-bucket/t"))
                .build();
        assertThat(MAPPING.warnings(t)).singleElement().satisfies(w -> {
            assertThat(w.code()).isEqualTo(MappingWarning.Code.UNMAPPED_LOCATION);
            assertThat(w.message()).contains("s3://other-bucket/t");
        });
        assertThat(codes(Table.builder("db", "t")
                        .storageDescriptor(sd("s3://lake/t"))
                        .build()))
                .isEmpty();
        assertThat(codes(function("REGULAR_FUNCTION", "USER", new ResourceUri("JAR", "s3a://other/x.jar"))))
                .containsExactly(MappingWarning.Code.UNMAPPED_LOCATION);
    }

    @Test
    void veryLongColumnTypesAreWarned() {
        String longType = "struct<" + "f:string,".repeat(500) + "g:int>";
        Table t = Table.builder("db", "t")
                .storageDescriptor(StorageDescriptor.builder()
                        .columns(List.of(Column.of("payload", longType)))
                        .build())
                .build();
        assertThat(MAPPING.warnings(t)).singleElement().satisfies(w -> {
            assertThat(w.code()).isEqualTo(MappingWarning.Code.LONG_COLUMN_TYPE);
            assertThat(w.message()).contains("payload").contains(Integer.toString(longType.length()));
        });
    }

    @Test
    void mapReturnsTheObjectAndItsWarningsTogether() {
        Table t =
                Table.builder("db", "t").tableType("GOVERNED").description("x").build();
        GlueToDlfMapping.Mapped m = MAPPING.map(t);
        assertThat(m.object()).isEqualTo(MAPPING.apply(t));
        assertThat(m.warnings()).isEqualTo(MAPPING.warnings(t));
    }

    @Test
    void mappingIsIdempotentSoADlfReadBackMapsToItself() {
        Table t = Table.builder("db", "t")
                .description("d")
                .storageDescriptor(sd("s3://lake/t"))
                .createTime(Instant.parse("2022-01-01T00:00:00.5Z"))
                .build();
        CatalogObject once = MAPPING.apply(t);
        assertThat(MAPPING.apply(once)).isEqualTo(once);
    }

    @Test
    void mappingIdChangesWithConvertMapOnlyAndIgnoresEntryOrder() {
        GlueToDlfMapping same = new GlueToDlfMapping(
                LocationMapper.parse("{\"s3://jars/udf/\":\"oss://jars/udf/\",\"s3://lake/\":\"oss://lake/\"}"));
        assertThat(same.mappingId()).isEqualTo(MAPPING.mappingId());
        GlueToDlfMapping other = new GlueToDlfMapping(LocationMapper.parse("{\"s3://lake/\":\"oss://lake2/\"}"));
        assertThat(other.mappingId()).isNotEqualTo(MAPPING.mappingId());
        assertThat(new GlueToDlfMapping(LocationMapper.identity()).mappingId())
                .isNotEqualTo(MAPPING.mappingId())
                .hasSize(32);
    }

    private static Function function(String type, String ownerType, ResourceUri... uris) {
        return new Function(
                "db",
                "f",
                "com.example.F",
                Optional.of("alice"),
                Optional.ofNullable(ownerType),
                Optional.ofNullable(type),
                List.of(uris),
                Optional.empty());
    }

    @Test
    void locationsHiddenInWellKnownParametersAreMappedLongestPrefixFirst() {
        GlueToDlfMapping mapping = new GlueToDlfMapping(
                LocationMapper.of(Map.of("s3://lake/", "oss://lake/", "s3://lake/iceberg/", "oss://ice/")));
        StorageDescriptor delta = sd("s3://lake/db/events").toBuilder()
                .serDeInfo(new dev.lakeport.model.SerDeInfo(
                        Optional.empty(),
                        Optional.of("org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe"),
                        Map.of(
                                "path", "s3://lake/db/events",
                                "avro.schema.url", "s3://lake/schemas/events.avsc",
                                "serialization.format", "1")))
                .build();
        Table iceberg = Table.builder("db", "events")
                .storageDescriptor(delta)
                .parameters(Map.of(
                        "table_type", "ICEBERG",
                        "metadata_location", "s3://lake/iceberg/events/metadata/00002.metadata.json",
                        "previous_metadata_location", "s3://lake/iceberg/events/metadata/00001.metadata.json",
                        "avro.schema.url", "s3://lake/schemas/events.avsc"))
                .build();

        Table mapped = (Table) mapping.apply(iceberg);

        assertThat(mapped.parameters())
                .containsEntry("metadata_location", "oss://ice/events/metadata/00002.metadata.json")
                .containsEntry("previous_metadata_location", "oss://ice/events/metadata/00001.metadata.json")
                .containsEntry("avro.schema.url", "oss://lake/schemas/events.avsc")
                .containsEntry("table_type", "ICEBERG");
        assertThat(mapped.storageDescriptor().orElseThrow().serDeInfo().parameters())
                .containsEntry("path", "oss://lake/db/events")
                .containsEntry("avro.schema.url", "oss://lake/schemas/events.avsc")
                .containsEntry("serialization.format", "1");
        assertThat(mapping.warnings(iceberg))
                .extracting(MappingWarning::code)
                .doesNotContain(MappingWarning.Code.LOCATION_IN_PARAMETER, MappingWarning.Code.UNMAPPED_LOCATION);
    }

    @Test
    void wellKnownParametersOutsideTheMapAreReportedAsStillOnS3() {
        Table table = Table.builder("db", "t")
                .storageDescriptor(sd("s3://lake/db/t"))
                .parameters(Map.of("metadata_location", "s3://other-bucket/t/metadata/1.json"))
                .build();

        assertThat(MAPPING.warnings(table))
                .filteredOn(w -> w.code() == MappingWarning.Code.UNMAPPED_LOCATION)
                .singleElement()
                .satisfies(w -> assertThat(w.message()).contains("s3://other-bucket/t/metadata/1.json"));
    }

    @Test
    void otherParametersUnderAMappedPrefixAreReportedByName() {
        Table table = Table.builder("db", "t")
                .storageDescriptor(sd("s3://lake/db/t").toBuilder()
                        .parameters(Map.of("spark.sql.sources.path", "s3://lake/db/t", "path", "s3://lake/db/t"))
                        .build())
                .parameters(Map.of("my.checkpoint", "s3://lake/checkpoints/t", "owner.team", "finance"))
                .build();

        List<MappingWarning> warnings = MAPPING.warnings(table).stream()
                .filter(w -> w.code() == MappingWarning.Code.LOCATION_IN_PARAMETER)
                .toList();

        assertThat(warnings)
                .extracting(MappingWarning::message)
                .anySatisfy(m -> assertThat(m).contains("Parameters.my.checkpoint = s3://lake/checkpoints/t"))
                .anySatisfy(m -> assertThat(m).contains("Sd.Parameters.spark.sql.sources.path = s3://lake/db/t"))
                .hasSize(2);
        // carried as they are: only the well-known parameters are rewritten
        assertThat(((Table) MAPPING.apply(table)).parameters())
                .containsEntry("my.checkpoint", "s3://lake/checkpoints/t");
        assertThat(((Table) MAPPING.apply(table))
                        .storageDescriptor()
                        .orElseThrow()
                        .parameters())
                .containsEntry("path", "oss://lake/db/t")
                .containsEntry("spark.sql.sources.path", "s3://lake/db/t");
    }

    @Test
    void theSkewFallbackMapHasItsLocationsMapped() {
        StorageDescriptor skewed = sd("s3://lake/db/t").toBuilder()
                .parameters(Map.of(
                        GlueToDlfMapping.SKEWED_LOCATION_MAPS_FALLBACK,
                        "{\"cn\":\"s3://lake/db/t/region=cn\",\"web\":\"s3://elsewhere/web\"}"))
                .build();
        Table table = Table.builder("db", "t").storageDescriptor(skewed).build();

        assertThat(((Table) MAPPING.apply(table))
                        .storageDescriptor()
                        .orElseThrow()
                        .parameters())
                .containsEntry(
                        GlueToDlfMapping.SKEWED_LOCATION_MAPS_FALLBACK,
                        "{\"cn\":\"oss://lake/db/t/region=cn\",\"web\":\"s3://elsewhere/web\"}");
    }

    @Test
    void theRulesVersionIsPartOfTheMappingIdSoStoredSnapshotsRefingerprint() {
        // version 2 rewrites location-bearing parameters; snapshots fingerprinted under version 1 must be redone
        assertThat(GlueToDlfMapping.RULES_VERSION).isGreaterThanOrEqualTo(2);
        assertThat(MAPPING.toString()).contains("rules=" + GlueToDlfMapping.RULES_VERSION);
    }
}
