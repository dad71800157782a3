package dev.lakeport.apply.tasks;

import dev.lakeport.plan.tasks.JobPlanner;
import dev.lakeport.plan.tasks.JobSelection;
import dev.lakeport.plan.tasks.JobSpec;
import dev.lakeport.plan.tasks.TestingSourceSnapshot;
import dev.lakeport.snapshot.SnapshotStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Projects with a job to run, and the helpers the runner's tests share. */
final class TestingJobs {
    static final Duration BOUND = Duration.ofSeconds(60);

    private TestingJobs() {}

    /** A project whose source holds sales.orders with {@code partitions} partitions of 1 KB. */
    static SnapshotStore project(Path file, int partitions) {
        return new TestingSourceSnapshot()
                .partitioned("sales", "orders", partitions, 1024)
                .open(file);
    }

    /** Plans and stores a job of one task per partition of sales.orders, with {@code settings} on top. */
    static long createJob(SnapshotStore project, JobStore store, Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(Map.of("job.task.maxPartitions", "1"));
        all.putAll(settings);
        JobSpec spec = JobSpec.fromSettings(JobSelection.table("sales", "orders"), all);
        return store.createJob("orders", spec, new JobPlanner(project).plan(spec));
    }

    /** Waits until {@code condition} holds, at most {@link #BOUND}. */
    static void waitFor(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    /**
     * The work's own record of the tasks it completed: one line per completion, appended and forced to disk before the
     * work returns, so that it survives the process being killed.
     */
    static final class Completions {
        private final Path file;

        Completions(Path file) {
            this.file = file;
        }

        synchronized void record(long taskId) {
            try (FileChannel ch = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap((taskId + "\n").getBytes(StandardCharsets.UTF_8)));
                ch.force(true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** How many times each task was completed. */
        synchronized Map<Long, Long> counts() {
            try {
                if (!Files.exists(file)) {
                    return Map.of();
                }
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                return lines.stream()
                        .filter(l -> !l.isBlank())
                        .map(Long::parseLong)
                        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        long total() {
            return counts().values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
