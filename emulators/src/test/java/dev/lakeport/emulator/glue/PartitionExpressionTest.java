package dev.lakeport.emulator.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeport.emulator.glue.PartitionExpression.KeyType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The partition filter grammar and its typed comparisons, without a server. */
class PartitionExpressionTest {
    private static final List<String> KEYS = List.of("d", "amount", "name", "select");
    private static final List<KeyType> TYPES =
            List.of(KeyType.of("date"), KeyType.of("decimal(10,2)"), KeyType.of("string"), KeyType.of("string"));

    private static boolean test(String expression, String... values) {
        return PartitionExpression.compile(expression, KEYS, TYPES).test(values);
    }

    @Test
    void keyTypesFromHiveTypes() {
        assertThat(KeyType.of("int")).isEqualTo(KeyType.NUMBER);
        assertThat(KeyType.of("BIGINT")).isEqualTo(KeyType.NUMBER);
        assertThat(KeyType.of("tinyint")).isEqualTo(KeyType.NUMBER);
        assertThat(KeyType.of("double")).isEqualTo(KeyType.NUMBER);
        assertThat(KeyType.of("decimal(38,18)")).isEqualTo(KeyType.NUMBER);
        assertThat(KeyType.of("date")).isEqualTo(KeyType.DATE);
        assertThat(KeyType.of("varchar(10)")).isEqualTo(KeyType.STRING);
        assertThat(KeyType.of("timestamp")).isEqualTo(KeyType.STRING);
    }

    @Test
    void datesCompareAsDates() {
        assertThat(test("d > '2024-01-09'", "2024-01-10", "1", "a", "x")).isTrue();
        assertThat(test("d BETWEEN '2023-12-31' AND '2024-02-01'", "2024-01-10", "1", "a", "x"))
                .isTrue();
        assertThatThrownBy(() -> test("d > 'soon'", "2024-01-10", "1", "a", "x"))
                .isInstanceOf(GlueServiceException.class)
                .extracting(e -> ((GlueServiceException) e).errorCode())
                .isEqualTo("InvalidInputException");
    }

    @Test
    void decimalsCompareByValueNotText() {
        assertThat(test("amount = 10", "2024-01-10", "10.00", "a", "x")).isTrue();
        assertThat(test("amount > 9.5", "2024-01-10", "10", "a", "x")).isTrue();
        assertThat(test("amount < -1", "2024-01-10", "-2.5", "a", "x")).isTrue();
        assertThat(test("amount IN (1, 10.0)", "2024-01-10", "10", "a", "x")).isTrue();
        // A value that is not a number matches no numeric comparison.
        assertThat(test("amount > 0", "2024-01-10", "n/a", "a", "x")).isFalse();
    }

    @Test
    void literalsIdentifiersAndKeywords() {
        assertThat(test("name = 'o''brien'", "2024-01-10", "1", "o'brien", "x")).isTrue();
        assertThat(test("`select` = 'x' and NAME like 'a%'", "2024-01-10", "1", "abc", "x"))
                .isTrue();
        assertThat(test("name LIKE 'a_c'", "2024-01-10", "1", "abc", "x")).isTrue();
        assertThat(test("name LIKE 'a.c'", "2024-01-10", "1", "abc", "x")).isFalse();
        assertThat(test("not name = 'abc' or amount >= 1", "2024-01-10", "1", "abc", "x"))
                .isTrue();
    }

    @Test
    void syntaxErrorsNameThePosition() {
        assertThatThrownBy(() -> test("name = 'a' AND", "2024-01-10", "1", "a", "x"))
                .hasMessageContaining("position 14");
        assertThatThrownBy(() -> test("name # 'a'", "2024-01-10", "1", "a", "x"))
                .hasMessageContaining("position 5");
        assertThatThrownBy(() -> test("name IN ('a' 'b')", "2024-01-10", "1", "a", "x"))
                .hasMessageContaining("position 13");
        assertThatThrownBy(() -> test("name BETWEEN 'a' OR 'b'", "2024-01-10", "1", "a", "x"))
                .hasMessageContaining("position 17");
    }
}
