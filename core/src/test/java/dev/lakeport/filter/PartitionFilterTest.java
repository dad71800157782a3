package dev.lakeport.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.lakeport.model.Column;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PartitionFilterTest {

    /** dt string, year int, d date, price decimal, ts timestamp. */
    private static final List<Column> KEYS = List.of(
            Column.of("dt", "string"),
            Column.of("year", "int"),
            Column.of("d", "date"),
            Column.of("price", "decimal(10,2)"),
            Column.of("ts", "timestamp"));

    private static boolean matches(String filter, String dt, String year, String d, String price, String ts) {
        return PartitionFilter.parse(filter).bind(KEYS).test(List.of(dt, year, d, price, ts));
    }

    private static boolean dt(String filter, String dt) {
        return matches(filter, dt, "2022", "2022-01-01", "1.00", "2022-01-01 00:00:00");
    }

    private static boolean year(String filter, String year) {
        return matches(filter, "x", year, "2022-01-01", "1.00", "2022-01-01 00:00:00");
    }

    @Test
    void seedExampleComparesStringKeysAsStrings() {
        Predicate<List<String>> p = PartitionFilter.parse("dt>=20220101").bind(List.of(Column.of("dt", "string")));
        assertThat(p.test(List.of("20220101"))).isTrue();
        assertThat(p.test(List.of("20230615"))).isTrue();
        assertThat(p.test(List.of("20211231"))).isFalse();
        // A string comparison: '-' sorts before digits, so a dashed date is below the bare number.
        assertThat(p.test(List.of("2022-06-01"))).isFalse();
    }

    @Test
    void integerKeysCompareNumerically() {
        assertThat(year("year >= 2022", "10000")).isTrue(); // as strings "10000" < "2022"
        assertThat(year("year >= 2022", "999")).isFalse();
        assertThat(year("year = '2022'", "2022")).isTrue(); // a quoted number is still a number for an int key
        assertThat(year("year = 2022", "02022")).isTrue();
        assertThat(dt("dt = '2022'", "02022")).isFalse(); // but not for a string key
    }

    @Test
    void decimalAndDateAndTimestampKeysCompareByValue() {
        assertThat(matches("price = 1", "x", "1", "2022-01-01", "1.00", "2022-01-01 00:00:00"))
                .isTrue();
        assertThat(matches("price < 1.5", "x", "1", "2022-01-01", "1.49", "2022-01-01 00:00:00"))
                .isTrue();
        assertThat(matches("d >= '2022-01-02'", "x", "1", "2022-01-10", "1", "2022-01-01 00:00:00"))
                .isTrue();
        assertThat(matches("d >= 20220102", "x", "1", "2022-01-10", "1", "2022-01-01 00:00:00"))
                .isTrue();
        assertThat(matches("d < '2022-01-02'", "x", "1", "2022-01-10", "1", "2022-01-01 00:00:00"))
                .isFalse();
        assertThat(matches("ts > '2022-01-01 10:00:00'", "x", "1", "2022-01-01", "1", "2022-01-01 10:00:01"))
                .isTrue();
        assertThat(matches("ts > '2022-01-01'", "x", "1", "2022-01-01", "1", "2022-01-01 00:00:00"))
                .isFalse();
    }

    @ParameterizedTest(name = "{0} on dt={1} is {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "dt = 'b'          | b | true",
                "dt = 'b'          | c | false",
                "dt <> 'b'         | c | true",
                "dt != 'b'         | b | false",
                "dt < 'b'          | a | true",
                "dt < 'b'          | b | false",
                "dt <= 'b'         | b | true",
                "dt > 'b'          | c | true",
                "dt > 'b'          | b | false",
                "dt >= 'b'         | b | true",
                "'b' < dt          | c | true",
                "'b' >= dt         | c | false",
                "dt IN ('a', 'b')  | b | true",
                "dt IN ('a', 'b')  | c | false",
                "dt NOT IN ('a')   | c | true",
                "dt NOT IN ('a')   | a | false",
                "dt BETWEEN 'b' AND 'd' | b | true",
                "dt BETWEEN 'b' AND 'd' | d | true",
                "dt BETWEEN 'b' AND 'd' | e | false",
                "dt NOT BETWEEN 'b' AND 'd' | a | true",
                "dt LIKE '2022%'   | 20220101 | true",
                "dt LIKE '2022%'   | 2021 | false",
                "dt LIKE '2022_1%' | 2022-1x | true",
                "dt LIKE '2022_1%' | 20221 | false",
                "dt LIKE 'a.c'     | abc | false",
                "dt LIKE 'a.c'     | a.c | true",
                "dt LIKE '%'       | '' | true",
                "dt NOT LIKE 'a%'  | bc | true",
                "dt IS NULL        | __HIVE_DEFAULT_PARTITION__ | true",
                "dt IS NULL        | x | false",
                "dt IS NOT NULL    | x | true",
                "dt IS NOT NULL    | __HIVE_DEFAULT_PARTITION__ | false",
                "dt = 'it''s'      | it's | true",
                "DT = 'b'          | b | true",
                "`dt` = 'b'        | b | true",
                "dt = 'b' and dt <> 'c' | b | true",
                "not dt = 'b'      | b | false",
            })
    void everyOperator(String filter, String value, boolean expected) {
        assertThat(dt(filter, value)).isEqualTo(expected);
    }

    @Test
    void notBindsTighterThanAndWhichBindsTighterThanOr() {
        // ((NOT year = 1) AND year = 2) OR year = 3
        String f = "NOT year = 1 AND year = 2 OR year = 3";
        assertThat(year(f, "2")).isTrue();
        assertThat(year(f, "3")).isTrue();
        assertThat(year(f, "1")).isFalse();
        assertThat(year(f, "4")).isFalse();
        // year = 1 OR (year = 2 AND year = 3): AND first, so 1 still matches
        assertThat(year("year = 1 OR year = 2 AND year = 3", "1")).isTrue();
        assertThat(year("(year = 1 OR year = 2) AND year = 3", "1")).isFalse();
        assertThat(PartitionFilter.parse(f).toGlueExpression()).isEqualTo("NOT year = 1 AND year = 2 OR year = 3");
    }

    @Test
    void hiveNullAndValuesOfTheWrongTypeAreUnknownNotFalse() {
        // NOT (unknown) stays unknown, so the partition is not selected either way.
        assertThat(year("year > 2000", "__HIVE_DEFAULT_PARTITION__")).isFalse();
        assertThat(year("NOT year > 2000", "__HIVE_DEFAULT_PARTITION__")).isFalse();
        assertThat(year("NOT year > 2000", "abc")).isFalse();
        assertThat(year("year > 2000", "abc")).isFalse();
        assertThat(year("year > 2000 OR dt = 'x'", "abc")).isTrue();
        assertThat(year("year IS NULL", "__HIVE_DEFAULT_PARTITION__")).isTrue();
    }

    @Test
    void canonicalExpressionIsWhatGlueAccepts() {
        assertThat(PartitionFilter.parse("dt>=20220101").toGlueExpression()).isEqualTo("dt >= 20220101");
        assertThat(PartitionFilter.parse("DT != 'a'").toGlueExpression()).isEqualTo("dt <> 'a'");
        assertThat(PartitionFilter.parse("20220101 <= dt").toGlueExpression()).isEqualTo("dt >= 20220101");
        assertThat(PartitionFilter.parse("((a=1 or b=2)) and c=3").toGlueExpression())
                .isEqualTo("(a = 1 OR b = 2) AND c = 3");
        assertThat(PartitionFilter.parse("a=1 or (b=2 and c=3)").toGlueExpression())
                .isEqualTo("a = 1 OR b = 2 AND c = 3");
        assertThat(PartitionFilter.parse("a=1 or (b=2 or c=3)").toGlueExpression())
                .isEqualTo("a = 1 OR (b = 2 OR c = 3)");
        assertThat(PartitionFilter.parse("not (a=1 and b=2)").toGlueExpression())
                .isEqualTo("NOT (a = 1 AND b = 2)");
        assertThat(PartitionFilter.parse("x in ('it''s',2) and y not between -1 and 2.5e3")
                        .toGlueExpression())
                .isEqualTo("x IN ('it''s', 2) AND y NOT BETWEEN -1 AND 2.5e3");
        assertThat(PartitionFilter.parse("`between` is not null and `my key` like 'a%'")
                        .toGlueExpression())
                .isEqualTo("`between` IS NOT NULL AND `my key` LIKE 'a%'");
        assertThat(PartitionFilter.parse("dt>=20220101")).isEqualTo(PartitionFilter.parse("DT >= 20220101"));
    }

    @Test
    void pushDownOnlyForKeyTypesGlueDocuments() {
        assertThat(PartitionFilter.parse("dt >= 1 AND YEAR = 2").canPushDown(KEYS))
                .isTrue();
        assertThat(PartitionFilter.parse("d = '2022-01-01' AND ts IS NULL").canPushDown(KEYS))
                .isTrue();
        assertThat(PartitionFilter.parse("dt >= 1 AND price = 2").canPushDown(KEYS))
                .isFalse();
        assertThat(PartitionFilter.parse("hour = 1").canPushDown(KEYS)).isFalse();
        assertThat(PartitionFilter.parse("v = 'a'").canPushDown(List.of(Column.of("v", "varchar(10)"))))
                .isTrue();
    }

    @Test
    void referencedKeysAreLowerCased() {
        assertThat(PartitionFilter.parse("DT = 1 AND (Year > 2 OR dt < 3)").referencedKeys())
                .containsExactlyInAnyOrder("dt", "year");
    }

    @Test
    void bindingNamesTheUnknownKeyAndListsTheRealOnes() {
        assertThatThrownBy(() -> PartitionFilter.parse("dt = 1 AND hour = 3").bind(KEYS))
                .isInstanceOf(FilterBindException.class)
                .hasMessageContaining("unknown partition key 'hour'")
                .hasMessageContaining("dt string, year int, d date");
        assertThatThrownBy(() -> PartitionFilter.parse("dt = 1").bind(List.of()))
                .hasMessageContaining("the table has no partition keys");
    }

    @Test
    void bindingRejectsLiteralsThatAreNotValuesOfTheKeysType() {
        assertThatThrownBy(() -> PartitionFilter.parse("year = 'abc'").bind(KEYS))
                .isInstanceOf(FilterBindException.class)
                .hasMessage("partition key 'year' holds a number, but 'abc' is not one");
        assertThatThrownBy(() -> PartitionFilter.parse("d > '2022-13-45'").bind(KEYS))
                .hasMessageContaining("partition key 'd' holds a date");
        assertThatThrownBy(() -> PartitionFilter.parse("year IN (1, 'x')").bind(KEYS))
                .hasMessageContaining("'x' is not one");
    }

    @Test
    void predicateRefusesAWrongNumberOfValues() {
        Predicate<List<String>> p = PartitionFilter.parse("dt = 'a'").bind(KEYS);
        assertThatThrownBy(() -> p.test(List.of("a"))).hasMessageContaining("expected 5 partition values but got 1");
    }

    @ParameterizedTest(name = "[{0}] fails at {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "dt >=              | 5  | a value after '>='                          | end of input",
                "\"\"               | 0  | a condition such as dt>=20220101            | end of input",
                "dt = 'abc          | 5  | a closing quote for the string starting here | end of input",
                "dt = 1 AND         | 10 | a condition after 'AND'                     | end of input",
                "(dt = 1            | 7  | ')' to close the '(' at position 0          | end of input",
                "dt = 1)            | 6  | no ')' without a matching '('               | ')'",
                "dt == 1            | 4  | a value after '='                           | '='",
                "dt IN 1            | 6  | '(' after 'IN'                              | the number 1",
                "dt IN (1 2)        | 9  | ',' or ')' in the IN list                   | the number 2",
                "dt IN ()           | 7  | a value in the IN list                      | ')'",
                "dt BETWEEN 1 OR 2  | 13 | AND after 'BETWEEN 1'                       | 'OR'",
                "dt LIKE 2022       | 8  | a quoted pattern after 'LIKE', e.g. '2022%' | the number 2022",
                "dt IS 1            | 6  | NULL or NOT NULL after 'IS'                 | the number 1",
                "dt IS NOT 1        | 10 | NULL after 'IS NOT'                         | the number 1",
                "dt = \"x\"         | 5  | a key, a value or an operator (string values use single quotes) | '\"'",
                "dt ! 1             | 4  | '=' after '!'                               | ' '",
                "dt 1               | 3  | an operator (=, <>, <, <=, >, >=, IN, BETWEEN, LIKE, IS) after 'dt' | the number 1",
                "dt = year          | 5  | a value after '=' (comparing two partition keys is not supported) | 'year'",
                "1 = 2              | 4  | a partition key after '=' (one side of a comparison must be a key) | the number 2",
                "dt = NULL          | 5  | a value after '=' (to test for NULL use IS NULL) | 'NULL'",
                "dt NOT = 1         | 7  | IN, BETWEEN or LIKE after 'NOT'             | '='",
                "dt = 1 dt = 2      | 7  | AND, OR or end of input                     | 'dt'",
                "`dt = 1            | 0  | a closing backquote for the key name starting here | end of input",
                "dt = 2022abc       | 5  | a number or a key name (a key cannot start with a digit unless `backquoted`) | '2022abc'",
                "AND dt = 1         | 0  | a condition (a partition key, a value or '(') | 'AND'",
                "dt = 1 AND OR dt=2 | 11 | a condition after 'AND'                     | 'OR'",
                "dt = @             | 5  | a key, a value or an operator               | '@'",
                "NOT                | 3  | a condition after 'NOT'                     | end of input",
                "dt = 1 OR          | 9  | a condition after 'OR'                      | end of input",
                "()                 | 1  | a condition after '('                       | ')'",
            })
    void syntaxErrorsSayWhereWhatWasExpectedAndWhatWasFound(
            String expression, int position, String expected, String found) {
        FilterSyntaxException e =
                catchThrowableOfType(FilterSyntaxException.class, () -> PartitionFilter.parse(expression));
        assertThat(e).as("no error for %s", expression).isNotNull();
        assertThat(e.position()).isEqualTo(position);
        assertThat(e.expected()).isEqualTo(expected);
        assertThat(e.found()).isEqualTo(found);
        assertThat(e.getMessage())
                .startsWith("position " + position + ": expected " + expected + " but found " + found + "\n");
        assertThat(e.summary()).doesNotContain("\n");
    }

    @Test
    void messageShowsACaretUnderThePosition() {
        FilterSyntaxException e =
                catchThrowableOfType(FilterSyntaxException.class, () -> PartitionFilter.parse("dt >="));
        assertThat(e.getMessage())
                .isEqualTo(
                        "position 5: expected a value after '>=' but found end of input\n" + "  dt >=\n" + "       ^");
        String[] lines = e.getMessage().split("\n");
        assertThat(lines[2].indexOf('^') - 2).isEqualTo(e.position());
        assertThat(Arrays.asList(lines)).hasSize(3);
    }
}
