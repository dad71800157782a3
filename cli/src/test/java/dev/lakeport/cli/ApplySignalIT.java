package dev.lakeport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.apply.Outcome;
import dev.lakeport.apply.ResultFiles;
import dev.lakeport.apply.ResultRunInfo;
import dev.lakeport.apply.ResultStore;
import dev.lakeport.apply.StoredResult;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.snapshot.SnapshotStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM (what Ctrl-C and a service manager send) during {@code apply}, each step its own process, against emulators
 * in another process: the run stops cleanly, with a complete result log, a finish time and exit code 130, and running
 * it again finishes the job.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApplySignalIT {
    private static final Duration STEP = Duration.ofMinutes(3);

    @TempDir
    static Path dir;

    private ChildProcesses cli;
    private String config;

    @BeforeAll
    void startEmulators() {
        cli = new ChildProcesses(dir);
        config = cli.startEmulators(20_000).toString();
    }

    @AfterAll
    void stop() {
        cli.close();
    }

    @Test
    void sigtermDuringApplyEndsWithACompleteLogAndExitCode130AndARerunConverges() throws Exception {
        assertThat(cli.run(STEP, "-q", "load", "-c", config).exitCode()).isZero();
        ChildProcesses.Finished diff = cli.run(STEP, "-q", "diff", "-c", config);
        assertThat(diff.exitCode()).as(diff.all()).isZero();
        Path output = dir.resolve("lakeport-output");

        // Slow enough to be stopped mid-way: 20,000 partitions in batches of 100 at 25 calls per second.
        ChildProcesses.Running apply = cli.start("-q", "apply", "-c", config, "--rate", "25");
        ChildProcesses.waitFor(
                STEP,
                () -> resultLines(output) >= 1_000 || !apply.process.isAlive(),
                "the apply to write 1,000 results");
        assertThat(apply.process.isAlive()).as(apply.output()).isTrue();
        apply.process.destroy(); // SIGTERM
        ChildProcesses.Finished stopped = apply.await(Duration.ofMinutes(2));

        assertThat(stopped.exitCode()).as(stopped.all()).isEqualTo(130);
        assertThat(stopped.all()).doesNotContainIgnoringCase("internal error").doesNotContain("Exception");
        assertThat(stopped.out()).contains("Cancelled:").contains("not run");

        Path log = onlyResultLog(output);
        List<StoredResult> records = ResultFiles.read(log);
        Map<ObjectKey, Long> perKey =
                records.stream().collect(Collectors.groupingBy(StoredResult::key, Collectors.counting()));
        assertThat(perKey.values()).as("each item at most once").allMatch(n -> n == 1);
        Map<Outcome, Long> byOutcome =
                records.stream().collect(Collectors.groupingBy(StoredResult::outcome, Collectors.counting()));
        assertThat(byOutcome.getOrDefault(Outcome.SUCCEEDED, 0L)).isGreaterThanOrEqualTo(1_000);
        assertThat(byOutcome.getOrDefault(Outcome.NOT_RUN, 0L)).isPositive();
        // Every item of the plan is there: 5 databases, 27 tables, 20,000 partitions and 6 functions.
        assertThat(records).hasSize(20_038);
        // Not-run items are no failures: the failed-items file holds only what failed.
        String runId = log.getFileName().toString().replaceAll("^result-|\\.jsonl$", "");
        assertThat(ChildProcesses.completeLines(output.resolve("failed-" + runId + ".jsonl")))
                .hasSize(byOutcome.getOrDefault(Outcome.FAILED, 0L).intValue());

        ResultRunInfo stored = storedRun(runId);
        assertThat(stored.finishedAt()).as("the stopped run has a finish time").isPresent();
        assertThat(stored.cancelled()).isTrue();

        ChildProcesses.Finished again = cli.run(STEP, "-q", "apply", "-c", config);
        assertThat(again.exitCode()).as(again.all()).isZero();
        ChildProcesses.Finished verify = cli.run(STEP, "-q", "verify", "-c", config);
        assertThat(verify.exitCode()).as(verify.all()).isZero();
    }

    private ResultRunInfo storedRun(String runId) {
        try (SnapshotStore store = SnapshotStore.open(dir.resolve("emulators.lakeport.mv.db"))) {
            return new ResultStore(store.dataSource()).run(runId).orElseThrow();
        }
    }

    private static long resultLines(Path output) {
        if (!Files.isDirectory(output)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(output)) {
            return files.filter(f -> f.getFileName().toString().matches("result-.*\\.jsonl"))
                    .map(ChildProcesses::completeLines)
                    .mapToLong(List::size)
                    .sum();
        } catch (IOException e) {
            return 0;
        }
    }

    private static Path onlyResultLog(Path output) throws IOException {
        try (Stream<Path> files = Files.list(output)) {
            List<Path> logs = files.filter(f -> f.getFileName().toString().matches("result-.*\\.jsonl"))
                    .toList();
            assertThat(logs).hasSize(1);
            return logs.get(0);
        }
    }
}
