package dev.lakeport.emulator.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.GetPartitionsRequest;
import software.amazon.awssdk.services.glue.model.GetPartitionsResponse;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.Segment;

/** GetPartitions: pages, segments, filters, as a reader sees them. */
class GluePartitionListingTest {
    private static final String LOCATION = "s3://bucket/web/clicks/";

    private GlueEmulator emulator;
    private GlueClient glue;

    @BeforeEach
    void start() {
        emulator = GlueEmulator.start();
        glue = TestingGlue.client(emulator);
        glue.createDatabase(r -> r.databaseInput(TestingGlue.database("web")));
        glue.createTable(
                r -> r.databaseName("web").tableInput(TestingGlue.partitionedTable("clicks", LOCATION, "int")));
        glue.createTable(
                r -> r.databaseName("web").tableInput(TestingGlue.partitionedTable("clicks_text", LOCATION, "string")));
    }

    @AfterEach
    void stop() {
        glue.close();
        emulator.close();
    }

    /** Seeds {@code count} partitions (dt, hr) directly through the store; hr runs 0..23 within each day. */
    private void seed(String table, int count) {
        List<ObjectNode> partitions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ObjectNode p = Wire.NODES.objectNode();
            String dt = String.format("2024%04d", 101 + i / 24);
            String hr = Integer.toString(i % 24);
            p.putArray("Values").add(dt).add(hr);
            p.putObject("StorageDescriptor").put("Location", LOCATION + "dt=" + dt + "/hr=" + hr + "/");
            partitions.add(p);
        }
        emulator.store().putPartitions("web", table, partitions);
    }

    private List<List<String>> listAll(GetPartitionsRequest first, List<Integer> pageSizes) {
        List<List<String>> seen = new ArrayList<>();
        GetPartitionsRequest request = first;
        while (true) {
            GetPartitionsResponse page = glue.getPartitions(request);
            pageSizes.add(page.partitions().size());
            page.partitions().forEach(p -> seen.add(p.values()));
            if (page.nextToken() == null) {
                return seen;
            }
            request = request.toBuilder().nextToken(page.nextToken()).build();
        }
    }

    @Test
    void pagesOfAThousandCoverEveryPartitionOnce() {
        seed("clicks", 2_500);
        List<Integer> pageSizes = new ArrayList<>();

        List<List<String>> seen = listAll(
                GetPartitionsRequest.builder()
                        .databaseName("web")
                        .tableName("clicks")
                        .maxResults(1000)
                        .build(),
                pageSizes);

        assertThat(pageSizes).containsExactly(1000, 1000, 500);
        assertThat(seen).hasSize(2_500).doesNotHaveDuplicates();
    }

    @Test
    void tenSegmentsAreDisjointAndTogetherCoverTheTable() {
        seed("clicks", 2_500);
        Set<List<String>> union = new HashSet<>();
        int total = 0;
        List<Integer> segmentSizes = new ArrayList<>();
        for (int s = 0; s < 10; s++) {
            int segment = s;
            List<List<String>> seen = listAll(
                    GetPartitionsRequest.builder()
                            .databaseName("web")
                            .tableName("clicks")
                            .maxResults(100)
                            .segment(Segment.builder()
                                    .segmentNumber(segment)
                                    .totalSegments(10)
                                    .build())
                            .build(),
                    new ArrayList<>());
            segmentSizes.add(seen.size());
            total += seen.size();
            union.addAll(seen);
        }
        assertThat(total).isEqualTo(2_500);
        assertThat(union).hasSize(2_500);
        // A useful split: no segment is empty or holds most of the table.
        assertThat(segmentSizes).allMatch(n -> n > 100 && n < 500);
    }

    @Test
    void pagingSurvivesConcurrentInsertsWithoutDuplicatesOrGaps() {
        seed("clicks", 2_500);
        Set<List<String>> original = new HashSet<>();
        emulator.store().forEachPartition("web", "clicks", p -> {
            List<String> values = new ArrayList<>();
            p.get("Values").forEach(v -> values.add(v.asText()));
            original.add(values);
        });
        GetPartitionsRequest request = GetPartitionsRequest.builder()
                .databaseName("web")
                .tableName("clicks")
                .maxResults(300)
                .segment(Segment.builder().segmentNumber(3).totalSegments(4).build())
                .build();
        List<List<String>> seen = new ArrayList<>();
        int pages = 0;
        while (true) {
            GetPartitionsResponse page = glue.getPartitions(request);
            page.partitions().forEach(p -> seen.add(p.values()));
            if (++pages == 1) {
                // New partitions land before and after the resume point while the reader is mid-way.
                glue.batchCreatePartition(r -> r.databaseName("web")
                        .tableName("clicks")
                        .partitionInputList(
                                TestingGlue.partition(LOCATION, "20230101", "5"),
                                TestingGlue.partition(LOCATION, "20991231", "5"),
                                TestingGlue.partition(LOCATION, "20240101", "99")));
            }
            if (page.nextToken() == null) {
                break;
            }
            request = request.toBuilder().nextToken(page.nextToken()).build();
        }
        assertThat(seen).doesNotHaveDuplicates();
        Set<List<String>> expected = new HashSet<>();
        for (List<String> values : original) {
            if (Segments.of(values.toArray(new String[0]), 4) == 3) {
                expected.add(values);
            }
        }
        assertThat(seen).containsAll(expected);
    }

    @Test
    void expressionComparesByTheKeyType() {
        seed("clicks", 48);
        seed("clicks_text", 48);

        List<Partition> numeric = glue.getPartitions(
                        r -> r.databaseName("web").tableName("clicks").expression("hr > 9"))
                .partitions();
        List<Partition> text = glue.getPartitions(
                        r -> r.databaseName("web").tableName("clicks_text").expression("hr > 9"))
                .partitions();

        // Two days of hours 10..23 as numbers; as strings "10".."23" sort before "9".
        assertThat(numeric)
                .hasSize(28)
                .allMatch(p -> Integer.parseInt(p.values().get(1)) > 9);
        assertThat(text).isEmpty();
        assertThat(glue.getPartitions(r ->
                                r.databaseName("web").tableName("clicks_text").expression("hr > '3'"))
                        .partitions())
                .extracting(p -> p.values().get(1))
                .containsOnly("4", "5", "6", "7", "8", "9");
    }

    @Test
    void expressionGrammar() {
        seed("clicks", 72);
        assertThat(count("dt = '20240101'")).isEqualTo(24);
        assertThat(count("dt <> '20240101'")).isEqualTo(48);
        assertThat(count("dt != '20240101' AND hr = 0")).isEqualTo(2);
        assertThat(count("dt >= '20240102' and hr <= 1")).isEqualTo(4);
        assertThat(count("dt < '20240102' OR hr >= 23")).isEqualTo(26);
        assertThat(count("NOT (dt = '20240101' OR dt = '20240102')")).isEqualTo(24);
        assertThat(count("hr IN (1, 2, 3) AND dt IN ('20240101')")).isEqualTo(3);
        assertThat(count("hr NOT IN (1, 2, 3)")).isEqualTo(63);
        assertThat(count("hr BETWEEN 10 AND 12")).isEqualTo(9);
        assertThat(count("dt BETWEEN '20240102' AND '20240103' AND hr = 5")).isEqualTo(2);
        assertThat(count("dt LIKE '2024010_'")).isEqualTo(72);
        assertThat(count("dt LIKE '%03'")).isEqualTo(24);
        assertThat(count("dt NOT LIKE '%03'")).isEqualTo(48);
        assertThat(count("hr IS NOT NULL")).isEqualTo(72);
        assertThat(count("hr IS NULL")).isZero();
        assertThat(count("(hr = 1 OR hr = 2) AND (dt = '20240101' OR dt = '20240103')"))
                .isEqualTo(4);
        assertThat(count("9 < hr and hr < 12")).isEqualTo(6);
    }

    @Test
    void malformedExpressionIsInvalidInputNamingThePosition() {
        seed("clicks", 24);
        assertThatThrownBy(() -> count("dt = '2024"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("position 5");
        assertThatThrownBy(() -> count("dt = = 1"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("position 5");
        assertThatThrownBy(() -> count("(dt = '1'")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> count("hr > 'abc'")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> count("nosuchkey = 1"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("nosuchkey");
    }

    @Test
    void expressionPagesKeepTheirFilter() {
        seed("clicks", 2_400);
        List<Integer> sizes = new ArrayList<>();
        List<List<String>> seen = listAll(
                GetPartitionsRequest.builder()
                        .databaseName("web")
                        .tableName("clicks")
                        .expression("hr < 12")
                        .maxResults(250)
                        .build(),
                sizes);
        assertThat(seen).hasSize(1_200).doesNotHaveDuplicates().allMatch(v -> Integer.parseInt(v.get(1)) < 12);
    }

    private int count(String expression) {
        return glue.getPartitions(r -> r.databaseName("web").tableName("clicks").expression(expression))
                .partitions()
                .size();
    }
}
