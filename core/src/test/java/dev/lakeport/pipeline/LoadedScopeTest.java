package dev.lakeport.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadedScopeTest {
    private static LoadedScope scope(
            List<String> databases, List<String> prefixes, Map<String, String> filters, List<String> excludedTables) {
        return new LoadedScope(databases, prefixes, filters, true, List.of(), List.of(), excludedTables);
    }

    private static final LoadedScope LOADED =
            scope(List.of("sales"), List.of("ord"), Map.of("sales.orders", "dt >= '2024'"), List.of("sales.tmp"));

    @Test
    void theSameOrANarrowerScopeNeedsNoLoad() {
        assertThat(LOADED.widenedBy(LOADED)).isEmpty();
        LoadedScope narrower = scope(
                List.of("sales"), List.of("orde"), Map.of("sales.orders", "dt >= '2024'"), List.of("sales.tmp", "x"));
        assertThat(LOADED.widenedBy(narrower)).isEmpty();
    }

    @Test
    void eachWideningIsNamed() {
        LoadedScope wider = scope(List.of("sales", "finance"), List.of(), Map.of(), List.of());
        assertThat(LOADED.widenedBy(wider))
                .containsExactly(
                        "database finance added",
                        "table prefix filter removed (loaded: ord)",
                        "partition filter on sales.orders removed (loaded: dt >= '2024')",
                        "excluded table sales.tmp no longer excluded");
        assertThat(LOADED.widenedBy(scope(
                        List.of(),
                        List.of("ord", "cus"),
                        Map.of("sales.orders", "dt >= '2023'"),
                        List.of("sales.tmp"))))
                .containsExactly(
                        "database filter removed (loaded: sales)",
                        "table prefix cus added",
                        "partition filter on sales.orders changed from dt >= '2024' to dt >= '2023'");
    }
}
