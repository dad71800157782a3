package dev.lakeport.connector.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeport.connector.ConnectorException;
import dev.lakeport.connector.ErrorCode;
import dev.lakeport.model.Partition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.Segment;

class ParallelPartitionFetchTest {

    /** A fake Glue table of {@code size} partitions, paged by {@code pageSize}, split into segments by value modulo. */
    private static final class FakeTable implements ParallelPartitionFetch.PageFetcher {
        final int size;
        final int pageSize;
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger inFlight = new AtomicInteger();

        FakeTable(int size, int pageSize) {
            this.size = size;
            this.pageSize = pageSize;
        }

        @Override
        public ParallelPartitionFetch.Page fetch(Optional<Segment> segment, String nextToken) {
            inFlight.incrementAndGet();
            try {
                calls.add(segment.map(s -> s.segmentNumber() + "/" + s.totalSegments())
                                .orElse("all") + "@" + (nextToken == null ? 0 : nextToken));
                List<Integer> ids = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    if (segment.isEmpty()
                            || i % segment.get().totalSegments()
                                    == segment.get().segmentNumber()) {
                        ids.add(i);
                    }
                }
                int from = nextToken == null ? 0 : Integer.parseInt(nextToken);
                int to = Math.min(ids.size(), from + pageSize);
                List<Partition> page =
                        ids.subList(from, to).stream().map(i -> partition(i)).toList();
                return new ParallelPartitionFetch.Page(page, to < ids.size() ? String.valueOf(to) : null);
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }

    private static Partition partition(int i) {
        return new Partition(
                "sales",
                "orders",
                List.of(String.valueOf(i)),
                Optional.empty(),
                Map.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    private static List<String> drain(ParallelPartitionFetch fetch) {
        List<String> values = new ArrayList<>();
        fetch.forEachRemaining(p -> values.add(p.values().get(0)));
        return values;
    }

    @Test
    void aTableThatFitsOnePageCostsOneCall() {
        FakeTable table = new FakeTable(700, 1000);

        try (ParallelPartitionFetch fetch = new ParallelPartitionFetch(table, 4, "sales.orders")) {
            assertThat(drain(fetch)).hasSize(700).doesNotHaveDuplicates();
        }
        assertThat(table.calls).containsExactly("all@0");
    }

    @Test
    void aLargeTableIsReadInParallelSegments() {
        FakeTable table = new FakeTable(9_000, 1000);

        try (ParallelPartitionFetch fetch = new ParallelPartitionFetch(table, 4, "sales.orders")) {
            assertThat(drain(fetch)).hasSize(9_000).doesNotHaveDuplicates();
        }
        assertThat(table.calls).contains("all@0", "0/4@0", "1/4@0", "2/4@0", "3/4@0", "3/4@1000");
        assertThat(table.calls).noneMatch(c -> c.startsWith("all@") && !c.equals("all@0"));
    }

    @Test
    void oneSegmentContinuesFromTheFirstPage() {
        FakeTable table = new FakeTable(2_500, 1000);

        try (ParallelPartitionFetch fetch = new ParallelPartitionFetch(table, 1, "sales.orders")) {
            assertThat(drain(fetch)).hasSize(2_500).doesNotHaveDuplicates();
        }
        assertThat(table.calls).containsExactly("all@0", "all@1000", "all@2000");
    }

    @Test
    void nothingIsFetchedUntilTheStreamIsUsed() {
        FakeTable table = new FakeTable(10, 1000);

        try (ParallelPartitionFetch fetch = new ParallelPartitionFetch(table, 4, "sales.orders")) {
            assertThat(table.calls).isEmpty();
        }
        assertThat(table.calls).isEmpty();
    }

    @Test
    void aFailingSegmentFailsTheListing() {
        ParallelPartitionFetch.PageFetcher failing = (segment, token) -> {
            if (segment.isEmpty()) {
                return new ParallelPartitionFetch.Page(List.of(partition(0)), "more");
            }
            if (segment.get().segmentNumber() == 2) {
                throw new ConnectorException(ErrorCode.ACCESS_DENIED, "Glue GetPartitions sales.orders: denied");
            }
            return new ParallelPartitionFetch.Page(
                    List.of(partition(segment.get().segmentNumber())), null);
        };

        try (ParallelPartitionFetch fetch = new ParallelPartitionFetch(failing, 4, "sales.orders")) {
            assertThatThrownBy(() -> drain(fetch))
                    .isInstanceOfSatisfying(
                            ConnectorException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED));
        }
    }

    @Test
    void closingEarlyStopsTheBackgroundFetches() throws InterruptedException {
        FakeTable table = new FakeTable(200_000, 1000);
        ParallelPartitionFetch fetch = new ParallelPartitionFetch(table, 4, "sales.orders");
        assertThat(fetch.next()).isNotNull();

        fetch.close();

        waitUntil(() -> table.inFlight.get() == 0 && noFetchThreadAlive(), Duration.ofSeconds(10));
        // no thread is left to fetch more, and the bounded queue kept it to a few pages of the table's 200
        assertThat(table.calls.size()).isLessThan(30);
    }

    private static boolean noFetchThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("glue-partitions-") && t.isAlive());
    }

    private static void waitUntil(BooleanSupplier condition, Duration bound) throws InterruptedException {
        Instant deadline = Instant.now().plus(bound);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("condition met within " + bound).isBefore(deadline);
            Thread.onSpinWait();
            Thread.sleep(5);
        }
    }
}
