package dev.lakeport.apply.tasks;

import dev.lakeport.plan.tasks.StateCounts;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.snapshot.SnapshotStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a job in a JVM of its own, as the CLI does, for {@link JobResumeAfterKillTest}: the first {@code finish}
 * attempts complete, the later ones copy "forever" until the process is killed. After every change it writes the
 * job's counts, as stored, to a status file.
 *
 * <p>Arguments: project file, job id, completions file, status file, attempts to finish.
 */
public final class KilledJobChild {
    private KilledJobChild() {}

    public static void main(String[] args) throws Exception {
        Path projectFile = Path.of(args[0]);
        long jobId = Long.parseLong(args[1]);
        TestingJobs.Completions completions = new TestingJobs.Completions(Path.of(args[2]));
        Path status = Path.of(args[3]);
        int finish = Integer.parseInt(args[4]);
        SnapshotStore project = SnapshotStore.open(projectFile);
        JobStore store = JobStore.open(project.dataSource());
        AtomicInteger attempts = new AtomicInteger();
        CountDownLatch never = new CountDownLatch(1);
        TaskWork work = context -> {
            if (attempts.incrementAndGet() > finish) {
                never.await();
            }
            completions.record(context.task().id());
            return TaskOutcome.succeeded("copied");
        };
        new JobRunner(store, work).run(jobId, new CancellationToken(), new JobProgressListener() {
            @Override
            public synchronized void counts(long id, StateCounts counts) {
                // Read again under the lock: listeners on several threads would otherwise write older counts last.
                write(status, store.counts(id));
            }
        });
    }

    private static void write(Path status, StateCounts counts) {
        try {
            Path tmp = status.resolveSibling(status.getFileName() + ".tmp");
            Files.writeString(
                    tmp,
                    counts.pending() + " " + counts.running() + " " + counts.succeeded() + " " + counts.failed(),
                    StandardCharsets.UTF_8);
            Files.move(tmp, status, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
