package dev.lakeport.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeport.model.ObjectKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExclusionRulesTest {
    private static final ExclusionRules RULES = ExclusionRules.of(List.of(
            ExclusionRule.database("staging"),
            ExclusionRule.table("sales", "orders"),
            ExclusionRule.partition("sales", "order_items", List.of("2024/01", "a,b"))));

    @Test
    void aRuleCoversItsTargetAndWhatIsUnderIt() {
        assertThat(RULES.excludes(ObjectKey.function("staging", "f"))).isTrue();
        assertThat(RULES.excludes(ObjectKey.partition("staging", "t", List.of("1"))))
                .isTrue();
        assertThat(RULES.excludes(ObjectKey.partition("sales", "orders", List.of("1"))))
                .isTrue();
        assertThat(RULES.excludes(ObjectKey.table("sales", "orders_iceberg"))).isFalse();
        assertThat(RULES.excludes(ObjectKey.database("sales"))).isFalse();
        assertThat(RULES.excludes(ObjectKey.partition("sales", "order_items", List.of("2024/01", "a,b"))))
                .isTrue();
        assertThat(RULES.excludes(ObjectKey.partition("sales", "order_items", List.of("2024/01", "a"))))
                .isFalse();
        assertThat(RULES.excludes(ObjectKey.table("sales", "order_items"))).isFalse();
    }

    @Test
    void settingsCarryRulesWhoseValuesHoldSlashesAndCommas() {
        Map<String, String> settings = RULES.toSettings();
        assertThat(settings)
                .containsEntry("lakeport.exclude.1.database", "sales")
                .containsEntry("lakeport.exclude.1.table", "order_items")
                .containsEntry("lakeport.exclude.1.values", "[\"2024/01\",\"a,b\"]");
        assertThat(ExclusionRules.fromSettings(settings)).isEqualTo(RULES);
    }

    @Test
    void aRuleThatCannotBeReadIsNamedWithItsKeyAndValue() {
        assertThatThrownBy(() -> ExclusionRules.fromSettings(Map.of("lakeport.exclude.1.table", "orders")))
                .hasMessageContaining("lakeport.exclude.1.database: missing");
        assertThatThrownBy(() -> ExclusionRules.fromSettings(
                        Map.of("lakeport.exclude.2.database", "sales", "lakeport.exclude.2.values", "2024")))
                .hasMessageContaining("lakeport.exclude.2.values=2024");
        assertThatThrownBy(() -> ExclusionRules.fromSettings(Map.of(
                        "lakeport.exclude.3.database", "sales",
                        "lakeport.exclude.3.table", "t",
                        "lakeport.exclude.3.values", "2024")))
                .hasMessageContaining("lakeport.exclude.3.values=2024: not a JSON array");
        assertThatThrownBy(() -> ExclusionRules.fromSettings(Map.of("lakeport.exclude.x", "sales")))
                .hasMessageContaining("lakeport.exclude.x=sales");
    }

    @Test
    void aScopeWithRulesLeavesTheirObjectsOut() {
        Scope scope = Scope.builder().exclude(RULES).build();
        assertThat(scope.includesDatabase("staging")).isFalse();
        assertThat(scope.includesTable("sales", "orders")).isFalse();
        assertThat(scope.includesTable("sales", "order_items")).isTrue();
        assertThat(scope.filtersPartitions("sales", "order_items")).isTrue();
        assertThat(scope.filtersPartitions("sales", "customers")).isFalse();
        assertThat(scope.includes(ObjectKey.partition("sales", "order_items", List.of("2024/01", "a,b"))))
                .isFalse();
        assertThat(scope.includes(ObjectKey.partition("sales", "order_items", List.of("2024/02", "a,b"))))
                .isTrue();
    }
}
