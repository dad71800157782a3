package dev.lakeport.plan.tasks;

import static dev.lakeport.plan.tasks.TestingSourceSnapshot.GB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeport.snapshot.SnapshotStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobPlannerTest {
    @TempDir
    Path dir;

    private SnapshotStore snapshot;
    private JobPlanner planner;

    @BeforeEach
    void loadSource() {
        snapshot = new TestingSourceSnapshot()
                .partitioned("sales", "orders", 120, 1024)
                .partitioned("sales", "events", 5, 2 * GB)
                .unpartitioned("sales", "customers", 4096)
                .partitioned("web", "clicks", 3, 100)
                .partitioned("web", "sessions", 0, 100)
                .open(dir.resolve("project.mv.db"));
        planner = new JobPlanner(snapshot);
    }

    @AfterEach
    void close() {
        snapshot.close();
    }

    @Test
    void aDatabaseIsSplitTableByTableFromTheSourceStatistics() {
        List<PlannedTask> tasks = planner.plan(JobSpec.of(JobSelection.databases("sales")));

        assertThat(tasks)
                .extracting(t -> t.table() + ":" + t.partitions().size())
                .as("tables in name order; 120 partitions in 50s; 2 GB partitions two to a 5 GB task; customers whole")
                .containsExactly(
                        "customers:0", "events:2", "events:2", "events:1", "orders:50", "orders:50", "orders:20");
        PlannedTask customers = tasks.get(0);
        assertThat(customers.knownBytes()).isEqualTo(OptionalLong.of(4096));
        assertThat(customers.knownRows()).isEqualTo(OptionalLong.of(1000));
        PlannedTask lastOrders = tasks.get(6);
        assertThat(lastOrders.partitions().get(0)).containsExactly("d100");
        assertThat(lastOrders.knownBytes()).isEqualTo(OptionalLong.of(20 * 1024));
        assertThat(lastOrders.knownRows()).isEqualTo(OptionalLong.of(200));
        assertThat(tasks).as("a job of both steps runs the metadata step first").allSatisfy(t -> assertThat(t.steps())
                .containsExactly(TaskStep.METADATA, TaskStep.DATA));
        assertThat(tasks).noneMatch(t -> t.database().equals("web"));
    }

    @Test
    void aTableIsSplitWithTheJobsLimitsAndMode() {
        JobSpec spec = JobSpec.fromSettings(
                JobSelection.table("sales", "orders"),
                Map.of("job.task.maxPartitions", "40", "job.task.maxBytes", "10KB", "job.mode", "data"));
        List<PlannedTask> tasks = planner.plan(spec);

        assertThat(tasks)
                .extracting(t -> t.partitions().size())
                .as("10 partitions of 1 KB fill 10 KB before 40 partitions do")
                .containsExactly(10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10);
        assertThat(tasks).allSatisfy(t -> assertThat(t.steps()).containsExactly(TaskStep.DATA));
        assertThat(planner.plan(JobSpec.of(JobSelection.table("sales", "customers"))))
                .singleElement()
                .satisfies(t -> assertThat(t.partitions()).isEmpty());
    }

    @Test
    void aPartitionedTableWithoutPartitionsIsOneMetadataTaskAndNoDataTask() {
        assertThat(planner.plan(JobSpec.of(JobSelection.databases("web"))))
                .extracting(t -> t.table() + ":" + t.partitions().size() + ":" + t.steps())
                .containsExactly("clicks:3:[METADATA, DATA]", "sessions:0:[METADATA]");
        assertThat(planner.plan(
                        JobSpec.fromSettings(JobSelection.table("web", "sessions"), Map.of("job.mode", "data"))))
                .isEmpty();
    }

    @Test
    void namedPartitionsAreTheTasksOnlyPartitions() {
        List<PlannedTask> tasks = planner.plan(new JobSpec(
                JobSelection.partitions("sales", "orders", List.of(List.of("d007"), List.of("d003"), List.of("d099"))),
                JobMode.METADATA,
                2,
                GB,
                20,
                Optional.empty()));

        assertThat(tasks)
                .extracting(PlannedTask::partitions)
                .containsExactly(List.of(List.of("d007"), List.of("d003")), List.of(List.of("d099")));
        assertThat(tasks.get(0).knownBytes()).isEqualTo(OptionalLong.of(2048));
        assertThat(tasks.get(0).steps()).containsExactly(TaskStep.METADATA);
    }

    @Test
    void whatTheSourceDoesNotHoldIsNamed() {
        assertThatThrownBy(() -> planner.plan(JobSpec.of(JobSelection.databases("sales", "hr"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no database hr");
        assertThatThrownBy(() -> planner.plan(JobSpec.of(JobSelection.table("sales", "refunds"))))
                .hasMessageContaining("no table sales.refunds");
        assertThatThrownBy(() -> planner.plan(JobSpec.of(JobSelection.partitions(
                        "sales", "orders", List.of(List.of("d001"), List.of("d500"), List.of("x", "y"))))))
                .hasMessageContaining("sales.orders has no partition [[d500], [x, y]]")
                .hasMessageContaining("[dt]");
        assertThatThrownBy(() -> planner.plan(
                        JobSpec.of(JobSelection.partitions("sales", "customers", List.of(List.of("d001"))))))
                .hasMessageContaining("sales.customers has no partitions");
    }
}
