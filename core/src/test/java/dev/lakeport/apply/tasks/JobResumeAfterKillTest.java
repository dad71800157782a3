package dev.lakeport.apply.tasks;

import static dev.lakeport.apply.tasks.TestingJobs.createJob;
import static dev.lakeport.apply.tasks.TestingJobs.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.plan.tasks.JobTask;
import dev.lakeport.plan.tasks.StateCounts;
import dev.lakeport.plan.tasks.TaskLogEntry;
import dev.lakeport.plan.tasks.TaskState;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.snapshot.SnapshotStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job whose process is killed mid-run resumes when the project is opened again, and runs every task once. */
class JobResumeAfterKillTest {
    @TempDir
    Path dir;

    @Test
    void aJobKilledMidRunResumesInTheNextProcessAndCompletesEveryTaskOnce() throws Exception {
        Path file = dir.resolve("project.mv.db");
        long job;
        try (SnapshotStore project = TestingJobs.project(file, 20)) {
            job = createJob(project, JobStore.open(project.dataSource()), Map.of("job.maxConcurrentTasks", "4"));
        }
        Path completed = dir.resolve("completed.txt");
        Path status = dir.resolve("status.txt");
        Path err = dir.resolve("child.err");
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        KilledJobChild.class.getName(),
                        file.toString(),
                        String.valueOf(job),
                        completed.toString(),
                        status.toString(),
                        "6")
                .redirectOutput(dir.resolve("child.out").toFile())
                .redirectError(err.toFile())
                .start();
        try {
            try {
                waitFor(
                        () -> "10 4 6 0".equals(read(status)) || !child.isAlive(),
                        "six tasks done and four copying in the child");
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; counts " + read(status) + "; " + read(err), e);
            }
            assertThat(child.isAlive())
                    .as("the child ended early: %s", read(err))
                    .isTrue();
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        TestingJobs.Completions completions = new TestingJobs.Completions(completed);
        assertThat(completions.total()).isEqualTo(6);

        try (SnapshotStore project = SnapshotStore.open(file)) {
            JobStore store = JobStore.open(project.dataSource());
            assertThat(store.counts(job)).isEqualTo(new StateCounts(14, 0, 6, 0));
            List<JobTask> interrupted = store.tasks(job, TaskState.PENDING).stream()
                    .filter(t -> t.attempts() == 1)
                    .toList();
            assertThat(interrupted).hasSize(4).allSatisfy(t -> assertThat(store.log(t.id()))
                    .extracting(TaskLogEntry::message)
                    .last()
                    .asString()
                    .contains("was running when Lakeport stopped"));

            StateCounts end = new JobRunner(store, context -> {
                        completions.record(context.task().id());
                        return TaskOutcome.succeeded("copied");
                    })
                    .run(job, new CancellationToken(), JobProgressListener.NONE);

            assertThat(end).isEqualTo(new StateCounts(0, 0, 20, 0));
            assertThat(completions.counts()).hasSize(20).allSatisfy((id, n) -> assertThat(n)
                    .as("completions of task %s", id)
                    .isOne());
            assertThat(interrupted)
                    .allSatisfy(t -> assertThat(store.task(t.id()).orElseThrow().attempts())
                            .isEqualTo(2));
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
