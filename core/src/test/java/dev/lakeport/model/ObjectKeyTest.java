package dev.lakeport.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ObjectKeyTest {

    @Test
    void ordersDatabaseThenEachTableWithItsPartitionsThenFunctions() {
        List<ObjectKey> expected = List.of(
                ObjectKey.database("a"),
                ObjectKey.table("a", "t"),
                ObjectKey.partition("a", "t", List.of("1")),
                ObjectKey.partition("a", "t", List.of("1", "x")),
                ObjectKey.partition("a", "t", List.of("10")),
                ObjectKey.partition("a", "t", List.of("2")),
                ObjectKey.table("a", "t2"),
                ObjectKey.partition("a", "t2", List.of("0")),
                ObjectKey.table("a", "t_"),
                ObjectKey.function("a", "f"),
                ObjectKey.database("ab"),
                ObjectKey.table("ab", "a"));
        List<ObjectKey> shuffled = new ArrayList<>(expected);
        Collections.shuffle(shuffled, new Random(7));
        Collections.sort(shuffled);
        assertThat(shuffled).containsExactlyElementsOf(expected);
    }

    @Test
    void sortKeyOrderIsKeyOrder() {
        Random random = new Random(42);
        List<ObjectKey> keys = new ArrayList<>();
        String[] names = {"a", "ab", "a_b", "b", "é", "z9", "日本"};
        for (int i = 0; i < 2000; i++) {
            String db = names[random.nextInt(names.length)];
            String t = names[random.nextInt(names.length)];
            switch (random.nextInt(4)) {
                case 0 -> keys.add(ObjectKey.database(db));
                case 1 -> keys.add(ObjectKey.table(db, t));
                case 2 -> keys.add(ObjectKey.function(db, t));
                default -> {
                    List<String> values = new ArrayList<>();
                    int n = 1 + random.nextInt(3);
                    for (int j = 0; j < n; j++) {
                        values.add(names[random.nextInt(names.length)] + random.nextInt(3));
                    }
                    keys.add(ObjectKey.partition(db, t, values));
                }
            }
        }
        for (int i = 1; i < keys.size(); i++) {
            ObjectKey a = keys.get(i - 1);
            ObjectKey b = keys.get(i);
            assertThat(Integer.signum(a.compareTo(b)))
                    .isEqualTo(Integer.signum(a.sortKey().compareTo(b.sortKey())));
        }
    }

    @Test
    void namesAreCaseInsensitiveValuesAreNot() {
        assertThat(ObjectKey.table("Sales", "Orders")).isEqualTo(ObjectKey.table("sales", "orders"));
        assertThat(ObjectKey.partition("s", "t", List.of("A")))
                .isNotEqualTo(ObjectKey.partition("s", "t", List.of("a")));
    }

    @Test
    void parentsAndItemNames() {
        ObjectKey partition = ObjectKey.partition("sales", "orders", List.of("20240101", "eu"));
        assertThat(partition.parent()).contains(ObjectKey.table("sales", "orders"));
        assertThat(partition.itemName()).isEqualTo("sales.orders/20240101/eu");
        assertThat(ObjectKey.function("sales", "f").parent()).contains(ObjectKey.database("sales"));
        assertThat(ObjectKey.database("sales").parent()).isEmpty();
        assertThat(ObjectKey.database("sales").itemName()).isEqualTo("sales");
    }

    @Test
    void rejectsMalformedKeys() {
        assertThatThrownBy(() -> ObjectKey.partition("s", "t", List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ObjectKey.partition("s", "t", List.of("a\u0001b")))
                .hasMessageContaining("control character at position 1");
    }
}
