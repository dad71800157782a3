package dev.lakeport.apply.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.lakeport.plan.tasks.Job;
import dev.lakeport.plan.tasks.JobMode;
import dev.lakeport.plan.tasks.JobSelection;
import dev.lakeport.plan.tasks.JobSpec;
import dev.lakeport.plan.tasks.JobTask;
import dev.lakeport.plan.tasks.PlannedTask;
import dev.lakeport.plan.tasks.StateCounts;
import dev.lakeport.plan.tasks.TaskLogEntry;
import dev.lakeport.plan.tasks.TaskState;
import dev.lakeport.plan.tasks.TaskStep;
import dev.lakeport.plan.tasks.TimeWindow;
import dev.lakeport.snapshot.SnapshotStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobStoreTest {
    private static final Instant NOW = Instant.parse("2026-12-07T14:00:00Z");

    @TempDir
    Path dir;

    private static final PlannedTask ORDERS = new PlannedTask(
            "sales",
            "orders",
            List.of(List.of("2026-01-01", "eu"), List.of("2026-01-02", "us/west")),
            OptionalLong.of(2048),
            OptionalLong.empty(),
            List.of(TaskStep.METADATA, TaskStep.DATA));
    private static final PlannedTask CUSTOMERS = new PlannedTask(
            "sales",
            "customers",
            List.of(),
            OptionalLong.empty(),
            OptionalLong.of(1000),
            List.of(TaskStep.METADATA, TaskStep.DATA));

    @Test
    void aJobAndItsTasksReadBackFromTheProjectFileAfterItIsOpenedAgain() {
        Path file = dir.resolve("project.mv.db");
        JobSpec nightly = new JobSpec(
                JobSelection.partitions(
                        "sales", "orders", List.of(List.of("2026-01-01", "eu"), List.of("2026-01-02", "us/west"))),
                JobMode.BOTH,
                50,
                5L << 30,
                8,
                Optional.of(new TimeWindow(LocalTime.of(22, 0), LocalTime.of(6, 0))));
        JobSpec tables = new JobSpec(
                new JobSelection.Tables(List.of(
                        new JobSelection.TableName("sales", "customers"), new JobSelection.TableName("web", "clicks"))),
                JobMode.METADATA,
                10,
                1 << 20,
                20,
                Optional.empty());
        long first;
        long second;
        try (SnapshotStore project = SnapshotStore.open(file)) {
            JobStore store = JobStore.open(project.dataSource(), Clock.fixed(NOW, ZoneOffset.UTC));
            first = store.createJob("orders, January", nightly, List.of(ORDERS, CUSTOMERS));
            second = store.createJob("schema only", tables, List.of(CUSTOMERS));
            long task = store.tasks(first).get(0).id();
            assertThat(store.markRunning(task)).isTrue();
            assertThat(store.markRunning(task)).as("a task runs once at a time").isFalse();
        }

        try (SnapshotStore project = SnapshotStore.open(file)) {
            JobStore store = JobStore.open(project.dataSource());
            assertThat(store.jobs()).extracting(Job::id).containsExactly(first, second);
            Job job = store.job(first).orElseThrow();
            assertThat(job.label()).isEqualTo("orders, January");
            assertThat(job.createdAt()).isEqualTo(NOW);
            assertThat(job.spec()).isEqualTo(nightly);
            assertThat(store.job(second).orElseThrow().spec()).isEqualTo(tables);
            assertThat(job.counts())
                    .as("the task left RUNNING when the project was closed is pending again")
                    .isEqualTo(new StateCounts(2, 0, 0, 0));
            List<JobTask> tasks = store.tasks(first);
            assertThat(tasks).hasSize(2);
            JobTask orders = tasks.get(0);
            assertThat(orders.database()).isEqualTo("sales");
            assertThat(orders.table()).isEqualTo("orders");
            assertThat(orders.partitions()).isEqualTo(ORDERS.partitions());
            assertThat(orders.knownBytes()).isEqualTo(OptionalLong.of(2048));
            assertThat(orders.knownRows()).isEmpty();
            assertThat(orders.steps()).containsExactly(TaskStep.METADATA, TaskStep.DATA);
            assertThat(orders.attempts()).isOne();
            assertThat(orders.startedAt()).contains(NOW);
            assertThat(store.log(orders.id()))
                    .extracting(TaskLogEntry::level, TaskLogEntry::message)
                    .first()
                    .isEqualTo(tuple(TaskLogEntry.Level.INFO, "started (attempt 1)"));
            assertThat(store.log(orders.id())).last().satisfies(e -> assertThat(e.message())
                    .contains("was running when Lakeport stopped"));
            JobTask customers = tasks.get(1);
            assertThat(customers.partitions()).isEmpty();
            assertThat(customers.knownRows()).isEqualTo(OptionalLong.of(1000));
            assertThat(customers.describe()).isEqualTo("sales.customers");
            assertThat(orders.describe()).isEqualTo("sales.orders (2 partitions)");
        }
    }

    @Test
    void aProjectOfTheVersionBeforeJobsOpensWithJobsAndKeepsItsRuns() throws Exception {
        Path file = dir.resolve("older.mv.db");
        String base = file.toString().substring(0, file.toString().length() - ".mv.db".length());
        org.h2.jdbcx.JdbcConnectionPool older =
                org.h2.jdbcx.JdbcConnectionPool.create("jdbc:h2:file:" + base, "sa", "");
        try {
            Flyway.configure()
                    .dataSource(older)
                    .locations("classpath:db/migration")
                    .target("5")
                    .load()
                    .migrate();
            try (Connection c = older.getConnection();
                    Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO result_run (run_id, started_at, dry_run) VALUES ('run-1', NOW(), FALSE)");
            }
        } finally {
            older.dispose();
        }

        try (SnapshotStore project = SnapshotStore.open(file)) {
            JobStore store = JobStore.open(project.dataSource());
            assertThat(store.jobs()).isEmpty();
            long job = store.createJob("first job", JobSpec.of(JobSelection.databases("sales")), List.of(CUSTOMERS));
            assertThat(store.counts(job)).isEqualTo(new StateCounts(1, 0, 0, 0));
            try (Connection c = project.dataSource().getConnection();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT run_id FROM result_run")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("run-1");
            }
        }
    }

    @Test
    void statesMoveOnlyAlongTheirWayAndARetryOfWrongTasksChangesNothing() throws Exception {
        try (SnapshotStore project = SnapshotStore.open(dir.resolve("project.mv.db"))) {
            JobStore store = JobStore.open(project.dataSource());
            JobSpec spec = JobSpec.of(JobSelection.databases("sales"));
            long job = store.createJob("sales", spec, List.of(ORDERS, CUSTOMERS, CUSTOMERS));
            long other = store.createJob("again", spec, List.of(CUSTOMERS));
            List<Long> ids = store.tasks(job).stream().map(JobTask::id).toList();
            long otherTask = store.tasks(other).get(0).id();

            assertThatThrownBy(() -> store.markSucceeded(ids.get(0), "done"))
                    .hasMessageContaining("task " + ids.get(0) + " is not RUNNING");
            store.markRunning(ids.get(0));
            store.markFailed(ids.get(0), "access denied to oss://lake/sales/orders");
            store.markRunning(ids.get(1));
            store.appendLog(ids.get(1), TaskLogEntry.Level.WARN, "skipped 2 empty files");
            store.markSucceeded(ids.get(1), "copied 1000 rows");
            store.markRunning(otherTask);
            store.markFailed(otherTask, "throttled");
            StateCounts before = store.counts(job);
            assertThat(before).isEqualTo(new StateCounts(1, 0, 1, 1));
            assertThat(store.tasks(job, TaskState.FAILED)).singleElement().satisfies(t -> assertThat(t.lastError())
                    .contains("access denied to oss://lake/sales/orders"));
            assertThat(store.log(ids.get(1)))
                    .extracting(TaskLogEntry::message)
                    .containsExactly("started (attempt 1)", "skipped 2 empty files", "succeeded: copied 1000 rows");

            assertThatThrownBy(() -> store.retry(List.of(ids.get(0), 999_999L)))
                    .hasMessageContaining("no task [999999]");
            assertThatThrownBy(() -> store.retry(List.of(ids.get(0), ids.get(2))))
                    .hasMessageContaining("not failed: [" + ids.get(2) + " (PENDING)]");
            assertThatThrownBy(() -> store.retry(List.of(ids.get(0), otherTask)))
                    .hasMessageContaining("several jobs");
            assertThat(store.counts(job)).isEqualTo(before);
            assertThat(store.counts(other)).isEqualTo(new StateCounts(0, 0, 0, 1));

            assertThat(store.retry(List.of(ids.get(0)))).isEqualTo(job);
            assertThat(store.counts(job)).isEqualTo(new StateCounts(2, 0, 1, 0));
            assertThat(store.log(ids.get(0)))
                    .extracting(TaskLogEntry::message)
                    .last()
                    .isEqualTo("retry requested");

            // A task another process left RUNNING (it died) is pending again when the project is next opened.
            try (Connection c = project.dataSource().getConnection();
                    Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE job_task SET state = 'RUNNING', run_owner = 'a-process-that-died'"
                        + " WHERE task_id = " + ids.get(2));
            }
            store.markRunning(ids.get(0));
            assertThat(JobStore.open(project.dataSource()).counts(job))
                    .as("this process's running task is left alone")
                    .isEqualTo(new StateCounts(1, 1, 1, 0));
            assertThat(store.task(ids.get(0)).orElseThrow().state()).isEqualTo(TaskState.RUNNING);
        }
    }
}
