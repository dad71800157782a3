package dev.lakeport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.apply.ResultFiles;
import dev.lakeport.apply.StoredResult;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.snapshot.CloseableIterator;
import dev.lakeport.snapshot.ScanEntry;
import dev.lakeport.snapshot.Side;
import dev.lakeport.snapshot.SnapshotStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} at random points of {@code load} and of {@code apply}, each kill followed by a re-run (which the next
 * kill may stop again), against emulators in another process that throttle 10 % of the calls; then the last re-run
 * goes to the end. Afterwards the snapshot equals a fresh load, the destination holds exactly the source's keys, a
 * re-diff is empty, and every result log a killed run left is readable, with each item at most once.
 *
 * <p>The seed is printed; repeat a run with {@code -Dlakeport.kill.seed=N}. {@code -Dlakeport.kill.partitions} and
 * {@code -Dlakeport.kill.points} scale it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KillRerunIT {
    private static final long SEED = Long.getLong("lakeport.kill.seed", System.nanoTime());
    private static final int PARTITIONS = Integer.getInteger("lakeport.kill.partitions", 20_000);
    private static final int KILLS = Integer.getInteger("lakeport.kill.points", 10);
    private static final Duration STEP = Duration.ofMinutes(4);

    @TempDir
    static Path dir;

    private final Random random = new Random(SEED);
    private ChildProcesses cli;
    private String config;
    private Path output;

    @BeforeAll
    void startEmulators() {
        System.out.println("KillRerunIT seed " + SEED + " (repeat with -Dlakeport.kill.seed=" + SEED + ")");
        cli = new ChildProcesses(dir);
        config = cli.startEmulators(PARTITIONS, "--throttle-rate", "0.1").toString();
        output = dir.resolve("lakeport-output");
    }

    @AfterAll
    void stop() {
        cli.close();
    }

    @Test
    @Order(1)
    void loadKilledAtRandomPointsAndRunAgainHoldsWhatAFreshLoadHolds() {
        for (int i = 0; i < KILLS; i++) {
            ChildProcesses.Running load = cli.start("-q", "load", "-c", config);
            long delay = 300 + random.nextInt(6_000);
            long deadline = System.nanoTime() + delay * 1_000_000;
            ChildProcesses.waitFor(
                    Duration.ofMillis(delay + 1_000),
                    () -> System.nanoTime() >= deadline || !load.process.isAlive(),
                    "the kill point");
            load.process.destroyForcibly(); // kill -9
            load.await(Duration.ofMinutes(1));
        }
        ChildProcesses.Finished last = cli.run(STEP, "-q", "load", "-c", config);
        assertThat(last.exitCode()).as(last.all()).isZero();

        ChildProcesses.Finished fresh = cli.run(
                STEP, "-q", "load", "-c", config, "-p", dir.resolve("fresh").toString());
        assertThat(fresh.exitCode()).as(fresh.all()).isZero();
        assertThat(scan(dir.resolve("emulators.lakeport.mv.db"), Side.SOURCE))
                .isEqualTo(scan(dir.resolve("fresh.mv.db"), Side.SOURCE));
    }

    @Test
    @Order(2)
    void applyKilledAtRandomPointsAndRunAgainConvergesWithNothingLostOrDuplicated() throws IOException {
        ChildProcesses.Finished diff = cli.run(STEP, "-q", "diff", "-c", config);
        assertThat(diff.exitCode()).as(diff.all()).isZero();
        long planned = PARTITIONS + 38L; // the sample's 5 databases, 27 tables and 6 functions
        for (int i = 0; i < KILLS; i++) {
            Set<Path> before = resultLogs();
            ChildProcesses.Running apply = cli.start("-q", "apply", "-c", config);
            long killAt = random.nextInt((int) planned); // 0: while it starts
            ChildProcesses.waitFor(
                    STEP,
                    () -> written(before) >= killAt || !apply.process.isAlive(),
                    "apply to write " + killAt + " results");
            apply.process.destroyForcibly(); // kill -9
            apply.await(Duration.ofMinutes(1));
        }
        ChildProcesses.Finished last = cli.run(STEP, "-q", "apply", "-c", config);
        assertThat(last.exitCode()).as(last.all()).isZero();

        ChildProcesses.Finished verify = cli.run(STEP, "-q", "verify", "-c", config);
        assertThat(verify.exitCode()).as(verify.all()).isZero();
        assertThat(verify.out()).contains("No differences");

        // verify re-read the destination: it holds exactly the source's keys, each once.
        Path project = dir.resolve("emulators.lakeport.mv.db");
        Map<ObjectKey, Long> source = scan(project, Side.SOURCE);
        Map<ObjectKey, Long> destination = scan(project, Side.DESTINATION);
        assertThat(destination.keySet()).isEqualTo(source.keySet());
        assertThat(destination).hasSize((int) planned);

        // Every result log, those of killed runs too, reads back, with each item at most once.
        List<Path> logs = new ArrayList<>(resultLogs());
        assertThat(logs).hasSizeGreaterThanOrEqualTo(2);
        for (Path log : logs) {
            List<StoredResult> records = ResultFiles.read(log);
            Map<ObjectKey, Long> perKey =
                    records.stream().collect(Collectors.groupingBy(StoredResult::key, Collectors.counting()));
            assertThat(perKey.values()).as(log.toString()).allMatch(n -> n == 1);
        }
    }

    /** Every key of a side with its fingerprint; fails on a key listed twice. */
    private static Map<ObjectKey, Long> scan(Path project, Side side) {
        Map<ObjectKey, Long> keys = new TreeMap<>();
        try (SnapshotStore store = SnapshotStore.open(project);
                CloseableIterator<ScanEntry> it = store.scan(side)) {
            while (it.hasNext()) {
                ScanEntry e = it.next();
                assertThat(keys.put(e.key(), e.fingerprint()))
                        .as("duplicate " + e.key())
                        .isNull();
            }
        }
        return keys;
    }

    private Set<Path> resultLogs() {
        if (!Files.isDirectory(output)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(output)) {
            return files.filter(f -> f.getFileName().toString().matches("result-.*\\.jsonl"))
                    .collect(Collectors.toCollection(HashSet::new));
        } catch (IOException e) {
            return Set.of();
        }
    }

    /** Complete lines in the result logs that appeared since {@code before}. */
    private long written(Set<Path> before) {
        return resultLogs().stream()
                .filter(f -> !before.contains(f))
                .map(ChildProcesses::completeLines)
                .mapToLong(List::size)
                .sum();
    }
}
