package dev.lakeport.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PartitionNameTest {
    /** Values a user's partitions do hold: separators, escapes, blanks, quotes, other scripts. */
    static final List<String> ODD_VALUES =
            List.of("cn-north/1", "a=b", "100%", "x y", "\"q\" 'r'", "华北/上海", "%2F", "k=v/k2=v2", "a\\b:c*?#");

    @Test
    void namesValuesByTheirKeysInHivesForm() {
        assertThat(PartitionName.of(List.of("dt", "region"), List.of("20240101", "cn-north/1")))
                .isEqualTo("dt=20240101/region=cn-north%2F1");
        assertThat(ObjectKey.partition("sales", "orders", List.of("20240101", "cn-north/1"))
                        .itemName(List.of("dt", "region")))
                .isEqualTo("sales.orders/dt=20240101/region=cn-north%2F1");
    }

    @Test
    void escapesExactlyWhatHiveEscapes() {
        // FileUtils.escapePathName: control characters, DEL and these; nothing else (not spaces, not other scripts).
        for (char c : "\"#%'*/:=?\\{[]^\u007F\u0001\u001F".toCharArray()) {
            assertThat(PartitionName.escape("a" + c + "b"))
                    .as("U+%04X", (int) c)
                    .isEqualTo(String.format("a%%%02Xb", (int) c));
        }
        assertThat(PartitionName.escape("x y-_.,;~!@$&()+<>|}华北é")).isEqualTo("x y-_.,;~!@$&()+<>|}华北é");
        assertThat(PartitionName.of(List.of("dt"), List.of(""))).isEqualTo("dt=" + PartitionName.DEFAULT_PARTITION);
    }

    @Test
    void everyNameParsesBackToItsValues() {
        List<String> keys = ODD_VALUES.stream().map(v -> "k" + v.length()).toList();
        String name = PartitionName.of(keys, ODD_VALUES);
        assertThat(name.split("/")).hasSize(ODD_VALUES.size());
        assertThat(PartitionName.values(name)).isEqualTo(ODD_VALUES);
        assertThat(PartitionName.parse(name))
                .extracting(PartitionName.Part::key)
                .isEqualTo(keys);
        assertThat(PartitionName.values(PartitionName.of(List.of("dt"), List.of(""))))
                .containsExactly("");
        for (String v : ODD_VALUES) {
            assertThat(PartitionName.unescape(PartitionName.escape(v))).isEqualTo(v);
        }
    }

    @Test
    void itemNamesParseBackToTheirKeys() {
        ObjectKey key = ObjectKey.partition("sales", "orders", ODD_VALUES);
        List<String> keys = ODD_VALUES.stream().map(v -> "p" + v.length()).toList();
        assertThat(ObjectKey.fromItemName("partition", key.itemName(keys))).isEqualTo(key);
        assertThat(ObjectKey.fromItemName("partition", key.itemName())).isEqualTo(key);
        assertThat(ObjectKey.fromItemName("table", "sales.orders")).isEqualTo(ObjectKey.table("sales", "orders"));
        assertThat(ObjectKey.fromItemName("function", "sales.mask")).isEqualTo(ObjectKey.function("sales", "mask"));
        assertThat(ObjectKey.fromItemName("database", "sales")).isEqualTo(ObjectKey.database("sales"));
        // The older form, raw values joined by '/', still reads where it was unambiguous.
        assertThat(ObjectKey.fromItemName("partition", "sales.orders/20240101/eu"))
                .isEqualTo(ObjectKey.partition("sales", "orders", List.of("20240101", "eu")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sales", "sales.orders", ".orders/dt=1", "sales./dt=1"})
    void aPartitionNameWithoutTableOrValuesIsRefusedNamingIt(String name) {
        assertThatThrownBy(() -> ObjectKey.fromItemName("partition", name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(name);
    }

    @Test
    void itemNamesAskForEachTablesKeysOnce() {
        int[] asked = {0};
        ItemNames names = new ItemNames((db, t) -> {
            asked[0]++;
            return t.equals("orders") ? List.of("dt", "region") : List.of();
        });
        ObjectKey p = ObjectKey.partition("sales", "orders", List.of("2024", "a/b"));
        assertThat(names.of(p)).isEqualTo("sales.orders/dt=2024/region=a%2Fb");
        assertThat(names.partition(p)).isEqualTo("dt=2024/region=a%2Fb");
        assertThat(names.of(ObjectKey.partition("sales", "other", List.of("x=y"))))
                .isEqualTo("sales.other/x%3Dy");
        assertThat(names.of(ObjectKey.table("sales", "orders"))).isEqualTo("sales.orders");
        assertThat(asked[0]).isEqualTo(2);
    }
}
