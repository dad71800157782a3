package dev.lakeport.sparkjob;

import dev.lakeport.launch.JobProgress;
import dev.lakeport.launch.JobRecord;
import dev.lakeport.launch.JobRecords;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Writes a {@link JobProgress} record every interval while the job runs, to the driver's stdout
 * ({@link JobRecords#toLogLine}) and to the progress file: the phase, and its items done, failed and total from the
 * counters the phase set (Spark accumulators merged as tasks finish, plus the driver's own work).
 */
final class ProgressReporter implements AutoCloseable {
    private final String runId;
    private final PrintStream out;
    private final Optional<ProgressFile> file;
    private final ScheduledExecutorService timer;
    private volatile Phase phase;
    private String lastPhase;
    private long lastDone;
    private long lastTime = System.nanoTime();

    /** What a phase counts. */
    record Phase(String name, LongSupplier done, LongSupplier failed, LongSupplier total) {}

    ProgressReporter(String runId, PrintStream out, Optional<ProgressFile> file, long intervalMs) {
        this.runId = runId;
        this.out = out;
        this.file = file;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lakeport-progress");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::tick, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    /** The phase from now on; a record is written at once so that every phase shows, however short. */
    void phase(Phase next) {
        phase = next;
        tick();
    }

    String currentPhase() {
        Phase p = phase;
        return p == null ? "" : p.name();
    }

    private synchronized void tick() {
        Phase p = phase;
        if (p == null) {
            return;
        }
        long now = System.nanoTime();
        long done = p.done().getAsLong();
        if (!p.name().equals(lastPhase)) {
            lastPhase = p.name();
            lastDone = 0;
        }
        double seconds = (now - lastTime) / 1e9;
        double rate = seconds > 0 ? Math.max(0, (done - lastDone) / seconds) : 0;
        lastDone = done;
        lastTime = now;
        long total = p.total().getAsLong();
        write(new JobProgress(
                runId,
                p.name(),
                done,
                Math.max(0, p.failed().getAsLong()),
                total < 0 ? -1 : total,
                rate,
                Instant.now()));
    }

    /** Prints and stores a record. */
    synchronized void write(JobRecord record) {
        out.println(JobRecords.toLogLine(record));
        out.flush();
        file.ifPresent(f -> f.append(JobRecords.toJson(record)));
    }

    /** Stops the timer after one last record of the current phase. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tick();
    }
}
