package dev.lakeport.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeport.model.Database;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LocationMapperTest {

    private static final LocationMapper SEED =
            LocationMapper.parse("{\"s3://xxx-eu-central-1/glue-migrate/\":\"oss://xxx-eu-central-1/glue-migrate/\"}");

    private static final LocationMapper OVERLAPPING = LocationMapper.parse("{"
            + "\"s3://lake/\":\"oss://lake-all/\","
            + "\"s3://lake/warehouse/\":\"oss://lake-wh/\","
            + "\"s3://lake/warehouse/raw\":\"oss://lake-raw/data\"}");

    @Test
    void seedExampleRewritesThePrefix() {
        assertThat(SEED.apply("s3://xxx-eu-central-1/glue-migrate/db1/t1"))
                .isEqualTo("oss://xxx-eu-central-1/glue-migrate/db1/t1");
        assertThat(SEED.apply("s3://other/x")).isEqualTo("s3://other/x");
        assertThat(SEED.map("s3://other/x")).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "s3://lake/warehouse/raw/t1/, oss://lake-raw/data/t1/",
        "s3://lake/warehouse/raw, oss://lake-raw/data",
        "s3://lake/warehouse/rawdata/t, oss://lake-wh/rawdata/t",
        "s3://lake/warehouse/t2, oss://lake-wh/t2",
        "s3://lake/warehouse, oss://lake-wh",
        "s3://lake/other/t3, oss://lake-all/other/t3",
        "s3://lakehouse/t, s3://lakehouse/t",
        "s3a://lake/warehouse/t, s3a://lake/warehouse/t",
        "S3://lake/warehouse/t, S3://lake/warehouse/t",
    })
    void longestPrefixWinsAtPathBoundaries(String location, String expected) {
        assertThat(OVERLAPPING.apply(location)).isEqualTo(expected);
    }

    @Test
    void orderOfEntriesDoesNotMatter() {
        Map<String, String> reversed = new LinkedHashMap<>();
        List<String> keys = List.copyOf(OVERLAPPING.entries().keySet());
        for (int i = keys.size() - 1; i >= 0; i--) {
            reversed.put(keys.get(i), OVERLAPPING.entries().get(keys.get(i)));
        }
        LocationMapper other = LocationMapper.of(reversed);
        assertThat(other.apply("s3://lake/warehouse/raw/x")).isEqualTo("oss://lake-raw/data/x");
        assertThat(other).isEqualTo(OVERLAPPING);
    }

    @Test
    void blankOrEmptyObjectMapsNothing() {
        assertThat(LocationMapper.parse("").isIdentity()).isTrue();
        assertThat(LocationMapper.parse(" {} ").isIdentity()).isTrue();
        assertThat(LocationMapper.identity().apply("s3://a/b")).isEqualTo("s3://a/b");
    }

    @Test
    void jsonFormRoundTrips() {
        assertThat(LocationMapper.parse(OVERLAPPING.toJson())).isEqualTo(OVERLAPPING);
        assertThat(SEED.toJson())
                .isEqualTo("{\"s3://xxx-eu-central-1/glue-migrate/\":\"oss://xxx-eu-central-1/glue-migrate/\"}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '~',
            value = {
                "{\"s3://a/\":\"oss://b/\" | not valid JSON at position 21: Unexpected end-of-input: expected close marker for Object",
                "[\"s3://a/\"]             | must be a JSON object like",
                "\"s3://a/\"               | must be a JSON object like {\"s3://bucket/prefix/\":\"oss://bucket/prefix/\"}, but is a string",
                "{\"s3://a/\":1}           | the value of \"s3://a/\" must be a string (the destination prefix), but is a number",
                "{\"s3://a/\":null}        | but is null",
                "{\"s3://a/\":{}}          | but is an object",
                "{\"\":\"oss://b/\"}       | empty source prefix",
                "{\"s3://a/\":\"oss://b/\",\"s3://a/\":\"oss://c/\"} | duplicate key \"s3://a/\" at position 22",
                "{\"bucket/prefix/\":\"oss://b/\"} | source \"bucket/prefix/\" is not a URI with a scheme and bucket",
                "{\"s3://\":\"oss://b/\"}  | source \"s3://\" is not a URI with a scheme and bucket",
                "{\"s3://a/\":\"\"}        | the destination of \"s3://a/\" is empty",
                "{\"s3://a/\":\"b/c\"}     | destination \"b/c\" of \"s3://a/\" is not a URI with a scheme",
                "{\"s3://a/\":\"oss://b/\"} x | unexpected text after the JSON object at position 23",
                "{'s3://a/':'oss://b/'}    | not valid JSON at position 1",
                "{\"s3://a\":\"oss://x/\"}    | entry \"s3://a\": \"oss://x/\": the destination ends with '/' and the source does not",
                "{\"s3://a/\":\"oss://x\"}    | entry \"s3://a/\": \"oss://x\": the source ends with '/' and the destination does not",
            })
    void invalidInputNamesTheKeyAndTheProblem(String json, String problem) {
        assertThatThrownBy(() -> LocationMapper.parse(json))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessageStartingWith("location.convertMap: ")
                .hasMessageContaining(problem)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Source:"))
                .satisfies(e -> assertThat(((InvalidMappingException) e).key()).isEqualTo("location.convertMap"));
    }

    @Test
    void uncoveredLocationsAreGroupedWithCountsAndAnExample() {
        List<UncoveredLocations.Group> groups = Stream.of(
                        "s3://xxx-eu-central-1/glue-migrate/db1/t1",
                        "s3://logs/raw/2022/01/a",
                        "s3://logs/raw/2022/01/b",
                        "s3://logs/raw/2023/x",
                        "s3://logs/curated/t",
                        "s3://bare",
                        "s3://logs/raw")
                .collect(SEED.uncoveredCollector());
        assertThat(groups)
                .containsExactly(
                        new UncoveredLocations.Group("s3://logs/raw/", 4, "s3://logs/raw/2022/01/a"),
                        new UncoveredLocations.Group("s3://bare/", 1, "s3://bare"),
                        new UncoveredLocations.Group("s3://logs/curated/", 1, "s3://logs/curated/t"));
    }

    @Test
    void uncoveredCountsEveryLocationOfAnObjectAndMergesInParallel() {
        UncoveredLocations a = SEED.uncovered();
        a.addAll(Database.of("db").withLocationUri("s3://other/db"));
        UncoveredLocations b = SEED.uncovered();
        b.add("s3://other/db/t");
        b.add("s3://xxx-eu-central-1/glue-migrate/t");
        a.merge(b);
        assertThat(a.total()).isEqualTo(2);
        assertThat(a.groups()).singleElement().satisfies(g -> {
            assertThat(g.prefix()).isEqualTo("s3://other/db/");
            assertThat(g.count()).isEqualTo(2);
        });
        long parallel = Stream.generate(() -> "s3://p/q/r")
                .limit(10_000)
                .parallel()
                .collect(SEED.uncoveredCollector())
                .get(0)
                .count();
        assertThat(parallel).isEqualTo(10_000);
    }

    @Test
    void noMappedLocationGetsADoubledSlash() {
        LocationMapper bare = LocationMapper.parse("{\"s3://a\":\"oss://x\",\"s3://b/\":\"oss://y/\"}");
        assertThat(bare.apply("s3://a/finance/t/dt=1")).isEqualTo("oss://x/finance/t/dt=1");
        assertThat(bare.apply("s3://a")).isEqualTo("oss://x");
        assertThat(bare.apply("s3://b/finance/t")).isEqualTo("oss://y/finance/t");
    }
}
