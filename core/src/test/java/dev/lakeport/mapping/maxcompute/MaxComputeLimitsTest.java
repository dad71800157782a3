package dev.lakeport.mapping.maxcompute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeport.mapping.InvalidMappingException;
import dev.lakeport.model.Column;
import dev.lakeport.model.StorageDescriptor;
import dev.lakeport.model.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MaxComputeLimitsTest {
    private static final MaxComputeLimits PLAIN =
            new MaxComputeLimits(CharacterMapping.NONE, CharacterMapping.NONE, CharacterMapping.NONE);

    @Test
    void characterMappingsReplaceLongestKeysFirstAndNameTheirKeyWhenWrong() {
        CharacterMapping m =
                CharacterMapping.parse("tableNameMapping", "{\"%\": \"_\", \"%%\": \"pct\", \"-\": \"_\"}");
        assertThat(m.apply("a%%b%c-d")).isEqualTo("apctb_c_d");
        assertThat(CharacterMapping.parse("k", " ").apply("a-b")).isEqualTo("a-b");
        assertThatThrownBy(() -> CharacterMapping.parse("tableNameMapping", "{\"%\": 1}"))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessageContaining("tableNameMapping")
                .hasMessageContaining("the replacement of \"%\" must be a string");
        assertThatThrownBy(() -> CharacterMapping.parse("columnNameMapping", "[\"-\"]"))
                .hasMessageContaining("columnNameMapping")
                .hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> CharacterMapping.parse("columnNameMapping", "{\"-\": "))
                .hasMessageContaining("is not JSON");
    }

    @Test
    void aTableWithinTheLimitsHasNoProblems() {
        assertThat(PLAIN.check(table("orders", columns(10), keys(2)), 100, List.of(List.of("2024", "eu"))))
                .isEmpty();
    }

    @Test
    void everyLimitIsNamedWithItsObject() {
        Table wide = table("web-events", columns(1_200), keys(7));
        List<String> problems = PLAIN.check(wide, 60_001, List.of()).stream()
                .map(MaxComputeLimits.Problem::toString)
                .toList();
        assertThat(problems)
                .anySatisfy(p -> assertThat(p).startsWith("db.web-events: table name 'web-events' must be letters"))
                .anySatisfy(p -> assertThat(p).contains("1,207 columns, at most 1,200"))
                .anySatisfy(p -> assertThat(p).contains("7 partition levels, at most 6"))
                .anySatisfy(p -> assertThat(p).contains("60,001 partitions, at most 60,000"));
    }

    @Test
    void mappedNamesAreCheckedAndCollisionsNameBothObjects() {
        MaxComputeLimits mapped = new MaxComputeLimits(
                CharacterMapping.parse("t", "{\"-\": \"_\"}"),
                CharacterMapping.parse("c", "{\" \": \"_\"}"),
                CharacterMapping.parse("p", "{\"/\": \"_\"}"));
        Table t = table("web-events", List.of(Column.of("user id", "string"), Column.of("USER_ID", "string")), keys(1));
        assertThat(mapped.tableName("web-events")).isEqualTo("web_events");
        assertThat(mapped.check(t, 1, List.of()))
                .extracting(MaxComputeLimits.Problem::message)
                .containsExactly("columns 'user id' and 'USER_ID' both become 'USER_ID' (MaxCompute's column names"
                        + " ignore case)");
        assertThat(mapped.collisions("db", List.of("web-events", "web_events", "clicks")))
                .singleElement()
                .hasToString("db: tables 'web-events' and 'web_events' both become 'web_events'");
        assertThat(mapped.partitionValue("a/b")).isEqualTo("a_b");
    }

    @Test
    void chineseStaysOutOfStringPartitionValuesAndLongCommentsAreNamed() {
        Table t = table("orders", columns(1), List.of(Column.of("region", "string")));
        assertThat(PLAIN.check(t, 1, List.of(List.of("华东"), List.of("east"))))
                .singleElement()
                .hasToString("db.orders/region=华东: a STRING partition value may not hold Chinese characters");
        Table commented = table("orders", List.of(Column.of("id", "bigint", "x".repeat(1025))), List.of());
        assertThat(PLAIN.check(commented, 0, List.of()))
                .singleElement()
                .hasToString("db.orders.id: comment is 1025 bytes, at most 1024");
    }

    private static Table table(String name, List<Column> columns, List<Column> keys) {
        return Table.builder("db", name)
                .storageDescriptor(StorageDescriptor.builder().columns(columns).build())
                .partitionKeys(keys)
                .build();
    }

    private static List<Column> columns(int n) {
        return new ArrayList<>(IntStream.range(0, n)
                .mapToObj(i -> Column.of("c" + i, "string"))
                .toList());
    }

    private static List<Column> keys(int n) {
        return IntStream.range(0, n).mapToObj(i -> Column.of("k" + i, "string")).toList();
    }
}
