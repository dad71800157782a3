package dev.lakeport.plan.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeport.model.Column;
import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TaskSplitterTest {
    private static final long GB = 1024L * 1024 * 1024;
    private static final Table ORDERS = Table.builder("sales", "orders")
            .partitionKeys(List.of(Column.of("dt", "string")))
            .build();

    @Test
    void partitionsArePackedByCountAndByBytesInKeyOrder() {
        List<Partition> small =
                IntStream.range(0, 120).mapToObj(i -> partition(i, 1024L)).toList();
        List<TaskSplitter.Task> byCount = TaskSplitter.defaults().split(ORDERS, small);
        assertThat(byCount).extracting(t -> t.partitions().size()).containsExactly(50, 50, 20);
        assertThat(byCount.get(0).partitions().get(0)).containsExactly("d000");
        assertThat(byCount.get(2).knownBytes()).hasValue(20 * 1024L);

        List<Partition> big = List.of(
                partition(0, 2 * GB),
                partition(1, 2 * GB),
                partition(2, 2 * GB),
                partition(3, 7 * GB),
                partition(4, GB));
        assertThat(TaskSplitter.defaults().split(ORDERS, big))
                .extracting(t -> t.partitions().size())
                .as("2+2 GB fit in 5 GB, the third starts a task, the 7 GB partition is one alone")
                .containsExactly(2, 1, 1, 1);
    }

    @Test
    void aPartitionWithoutStatisticsCountsOnlyAgainstTheCountAndLeavesTheTaskSizeUnknown() {
        Partition unknown = new Partition(
                "sales",
                "orders",
                List.of("x"),
                Optional.empty(),
                Map.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        List<TaskSplitter.Task> tasks =
                new TaskSplitter(2, GB).split(ORDERS, List.of(unknown, partition(1, 10), partition(2, 10)));
        assertThat(tasks).extracting(t -> t.partitions().size()).containsExactly(2, 1);
        assertThat(tasks.get(0).knownBytes()).isEmpty();
        assertThat(tasks.get(1).knownBytes()).hasValue(10);
    }

    @Test
    void aTableWithoutPartitionsIsOneTaskAndBadSettingsAreRefused() {
        Table dim = Table.builder("sales", "customers")
                .parameters(Map.of("totalSize", "4096"))
                .build();
        assertThat(TaskSplitter.defaults().split(dim, List.of()))
                .singleElement()
                .satisfies(t -> {
                    assertThat(t.partitions()).isEmpty();
                    assertThat(t.knownBytes()).isEqualTo(OptionalLong.of(4096));
                });
        assertThat(TaskSplitter.defaults().split(ORDERS, List.of())).isEmpty();
        assertThatThrownBy(() -> new TaskSplitter(0, GB))
                .hasMessageContaining("partitions per task must be at least 1");
    }

    @Test
    void partitionsThatFoldIntoOneDestinationPartitionAreNeverSplitAcrossTasks() {
        // (day, hour): days of 3, 1 and 2 hours, folded to the day; at most 2 partitions a task.
        List<Partition> hours = new java.util.ArrayList<>();
        for (String v : List.of("d1/h1", "d1/h2", "d1/h3", "d2/h1", "d3/h1", "d3/h2")) {
            hours.add(new Partition(
                    "sales",
                    "orders",
                    List.of(v.split("/")),
                    Optional.empty(),
                    Map.of("totalSize", "10"),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty()));
        }
        Table byHour = ORDERS.toBuilder()
                .partitionKeys(List.of(
                        dev.lakeport.model.Column.of("day", "string"), dev.lakeport.model.Column.of("hour", "string")))
                .build();

        List<TaskSplitter.Task> tasks = new TaskSplitter(2, GB).split(byHour, hours, 1);

        assertThat(tasks)
                .extracting(t ->
                        t.partitions().stream().map(v -> String.join("/", v)).toList())
                .containsExactly(List.of("d1/h1", "d1/h2", "d1/h3"), List.of("d2/h1", "d3/h1", "d3/h2"));
        assertThat(new TaskSplitter(2, GB).split(byHour, hours))
                .as("unfolded, by count alone")
                .hasSize(3);
    }

    private static Partition partition(int i, long bytes) {
        return new Partition(
                "sales",
                "orders",
                List.of(String.format("d%03d", i)),
                Optional.empty(),
                Map.of("totalSize", String.valueOf(bytes)),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }
}
