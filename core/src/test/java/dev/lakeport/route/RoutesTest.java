package dev.lakeport.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeport.diff.DiffResult;
import dev.lakeport.diff.DiffWords;
import dev.lakeport.mapping.LocationMapper;
import org.junit.jupiter.api.Test;

class RoutesTest {

    @Test
    void glueToDlfSpeaksTheSeedsWords() {
        Route route = Routes.standard().require("glue", "dlf");
        assertThat(route.words()).isEqualTo(DiffWords.SEED);
        assertThat(route.words().word(DiffResult.CREATE)).isEqualTo("glueNew");
        assertThat(route.words().word(DiffResult.DELETE)).isEqualTo("dlfNew");
        assertThat(route.words().word(DiffResult.UPDATE)).isEqualTo("needUpdate");
        assertThat(route.id()).isEqualTo("glue-to-dlf");
        assertThat(route.title()).isEqualTo("Glue → DLF");
    }

    @Test
    void otherRoutesNameTheirOwnSystems() {
        assertThat(DiffWords.between("hive", "dlf")).isEqualTo(new DiffWords("hiveNew", "dlfNew", "needUpdate"));
        assertThat(DiffWords.between("dlf", "dlf"))
                .isEqualTo(new DiffWords("sourceNew", "destinationNew", "needUpdate"));
        assertThat(Routes.standard().require("dlf", "glue").words().create()).isEqualTo("dlfNew");
    }

    @Test
    void theSeedRouteKeepsItsMappingIdSoExistingProjectsAreNotMappedAgain() {
        LocationMapper locations = LocationMapper.identity();
        assertThat(Routes.standard().require("glue", "dlf").mapping(locations).mappingId())
                .isEqualTo(new dev.lakeport.mapping.GlueToDlfMapping(locations).mappingId());
        assertThat(Routes.standard().require("dlf", "glue").mapping(locations).mappingId())
                .isNotEqualTo(new dev.lakeport.mapping.GlueToDlfMapping(locations).mappingId());
    }

    @Test
    void everyReadableKindMeetsEveryWritableKind() {
        assertThat(Routes.standard().all())
                .extracting(Route::id)
                .contains("glue-to-dlf", "dlf-to-glue", "glue-to-glue", "dlf-to-dlf");
    }

    @Test
    void anUnknownSideIsNamed() {
        assertThatThrownBy(() -> Routes.standard().require("glue", "bigquery"))
                .hasMessageContaining("'bigquery' is not a catalog Lakeport knows");
    }

    @Test
    void aRouteIntoAHiveMetastoreComparesWhatTheMetastoreKeepsAndItsWarningsNameHive() {
        dev.lakeport.mapping.CatalogMapping mapping =
                Routes.standard().require("glue", "hive").mapping(LocationMapper.identity());
        dev.lakeport.model.Table table = dev.lakeport.model.Table.builder("sales", "orders")
                .tableType("EXTERNAL_TABLE")
                .createTime(java.time.Instant.parse("2100-01-01T00:00:00Z"))
                .storageDescriptor(dev.lakeport.model.StorageDescriptor.builder()
                        .location("s3://b/sales/orders/")
                        .build())
                .build();

        dev.lakeport.mapping.CatalogMapping.Mapped mapped = mapping.map(table);

        dev.lakeport.model.Table stored = (dev.lakeport.model.Table) mapped.object();
        assertThat(stored.storageDescriptor().flatMap(dev.lakeport.model.StorageDescriptor::location))
                .contains("s3://b/sales/orders");
        assertThat(stored.parameters()).containsEntry("EXTERNAL", "TRUE");
        assertThat(mapped.warnings())
                .extracting(dev.lakeport.mapping.MappingWarning::message)
                .anySatisfy(m -> assertThat(m).contains("does not fit Hive's int32 seconds"))
                .noneSatisfy(m -> assertThat(m).contains("DLF"));
        assertThat(mapping.mappingId())
                .isNotEqualTo(Routes.standard()
                        .require("glue", "dlf")
                        .mapping(LocationMapper.identity())
                        .mappingId());
    }
}
