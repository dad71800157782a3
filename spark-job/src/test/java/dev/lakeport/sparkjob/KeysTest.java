package dev.lakeport.sparkjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeport.model.ObjectKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeysTest {
    @Test
    void everyKindOfKeyParsesBackFromItsSortKey() {
        List<ObjectKey> keys = List.of(
                ObjectKey.database("sales"),
                ObjectKey.table("sales", "orders"),
                ObjectKey.function("sales", "to_eur"),
                ObjectKey.partition("sales", "orders", List.of("2024-01-01", "eu/west", "")),
                ObjectKey.partition("sales", "orders", List.of("a.b")));
        for (ObjectKey key : keys) {
            assertThat(Keys.parse(key.sortKey())).isEqualTo(key);
        }
    }

    @Test
    void aPartitionsTableIsFoundInItsSortKeySoThatATableStaysInOneSparkPartition() {
        ObjectKey p = ObjectKey.partition("sales", "orders", List.of("2024"));
        assertThat(Keys.tableOf(p.sortKey()))
                .hasValue(ObjectKey.table("sales", "orders").sortKey());
        assertThat(Keys.tableOf(ObjectKey.table("sales", "orders").sortKey())).isEmpty();
        assertThat(Keys.tableOf(ObjectKey.function("sales", "f").sortKey())).isEmpty();
        TablePartitioner partitioner = new TablePartitioner(7);
        int home = partitioner.getPartition(p.sortKey());
        for (int i = 0; i < 50; i++) {
            assertThat(partitioner.getPartition(ObjectKey.partition("sales", "orders", List.of("v" + i))
                            .sortKey()))
                    .isEqualTo(home);
        }
    }

    @Test
    void somethingElseIsRefusedWithWhatItWas() {
        assertThatThrownBy(() -> Keys.parse("sales\u00019"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sales|9");
    }
}
