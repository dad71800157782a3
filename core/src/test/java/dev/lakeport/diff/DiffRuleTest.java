package dev.lakeport.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeport.model.ObjectKey;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The rule for one key that the diff engine and the Spark job both apply. */
class DiffRuleTest {
    private static final ObjectKey TABLE = ObjectKey.table("sales", "orders");
    private static final ObjectKey PARTITION = ObjectKey.partition("sales", "orders", List.of("20240101"));

    @Test
    void aKeyOnlyAtTheSourceIsCreatedOnlyAtTheDestinationDeletedAndChangedUpdated() {
        DiffRule rule = new DiffRule(DiffOptions.defaults());
        assertThat(rule.compare(TABLE, OptionalLong.of(7), OptionalLong.empty()))
                .hasValue(DiffResult.CREATE);
        assertThat(rule.compare(TABLE, OptionalLong.empty(), OptionalLong.of(7)))
                .hasValue(DiffResult.DELETE);
        assertThat(rule.compare(TABLE, OptionalLong.of(7), OptionalLong.of(8))).hasValue(DiffResult.UPDATE);
        assertThat(rule.compare(TABLE, OptionalLong.of(7), OptionalLong.of(7))).isEmpty();
    }

    @Test
    void keysOutOfScopeAndPartitionsWhenTheyAreNotComparedMakeNothing() {
        DiffRule scoped =
                new DiffRule(DiffOptions.defaults().withScope(k -> !k.database().equals("sales")));
        assertThat(scoped.accepts(TABLE)).isFalse();
        assertThat(scoped.compare(TABLE, OptionalLong.of(1), OptionalLong.empty()))
                .isEmpty();
        assertThat(scoped.accepts(ObjectKey.table("hr", "people"))).isTrue();

        DiffRule noPartitions = new DiffRule(DiffOptions.defaults().withComparePartition(false));
        assertThat(noPartitions.compare(PARTITION, OptionalLong.of(1), OptionalLong.empty()))
                .isEmpty();
        assertThat(noPartitions.compare(TABLE, OptionalLong.of(1), OptionalLong.empty()))
                .hasValue(DiffResult.CREATE);
    }

    @Test
    void aKeyOnNeitherSideIsAMistakeOfTheCaller() {
        assertThatThrownBy(() -> DiffRule.compare(OptionalLong.empty(), OptionalLong.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one side");
    }
}
