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
}
