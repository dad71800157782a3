package dev.lakeport.launch;

import static java.util.Objects.requireNonNull;

import dev.lakeport.secret.Secret;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a launcher knows of one submitted job, and its {@link JobHandle}: every launcher feeds it the cluster's states,
 * the lines it can see (the child's output, a Livy log, the job's progress file) and the end; the tracker turns them
 * into {@link JobListener} events in order, keeps the last progress, the summary and a bounded tail of the log, and
 * decides the final state exactly once.
 *
 * <p>Rules for the end:
 *
 * <ul>
 *   <li>A job the user cancelled ends {@link JobState#KILLED}, unless it finished with a clean summary first.
 *   <li>A FINISHED application whose summary holds an error ends {@link JobState#FAILED} with that error; so does one
 *       with no summary when its records reach this machine (any record seen, or the launcher says so): the driver
 *       died before it could write one.
 *   <li>When the cluster reports the end before the last lines were read (a child process's output trails the state
 *       its driver reports over a socket), the launcher says the output is not complete and the tracker waits for the
 *       summary or {@link #outputEnded()} before it decides.
 * </ul>
 *
 * <p>Record lines become {@link JobListener#progress} and {@link JobListener#summary} events; they are not repeated as
 * log lines. Every log line has the submission's secret values masked before anyone sees it. Records of another run
 * (another run id) are ignored.
 */
public final class JobTracker implements JobHandle {
    public static final int DEFAULT_LOG_LINES = 2_000;
    private static final Logger LOG = LoggerFactory.getLogger(JobTracker.class);
    /** Secret values shorter than this are not masked: masking "a" everywhere would hide the log, not a secret. */
    private static final int MIN_SECRET_LENGTH = 4;

    private final String runId;
    private final JobListener listener;
    private final List<String> secrets;
    private final int logCapacity;
    private final Object lock = new Object();
    private final CountDownLatch ended = new CountDownLatch(1);
    /** Counted down once the end actions (deleting a credentials file, …) have run after the end. */
    private final CountDownLatch cleanedUp = new CountDownLatch(1);

    private final ArrayDeque<String> log = new ArrayDeque<>();
    private JobState state = JobState.SUBMITTED;
    private Optional<String> applicationId = Optional.empty();
    private Optional<JobProgress> lastProgress = Optional.empty();
    private Optional<JobSummary> summary = Optional.empty();
    private Optional<String> error = Optional.empty();
    private boolean recordsSeen;
    private boolean summaryExpected;
    private boolean cancelRequested;
    private boolean announced;
    private JobState pendingEnd;
    private Optional<String> pendingReason = Optional.empty();
    private Runnable canceller = () -> {};
    private final List<Runnable> onEnd = new ArrayList<>();

    JobTracker(String runId, JobListener listener, Collection<String> secrets, int logCapacity) {
        this.runId = requireNonNull(runId, "runId is null");
        this.listener = requireNonNull(listener, "listener is null");
        this.secrets = secrets.stream()
                .filter(s -> s != null && s.length() >= MIN_SECRET_LENGTH)
                .distinct()
                .toList();
        if (logCapacity < 1) {
            throw new IllegalArgumentException("logCapacity must be at least 1: " + logCapacity);
        }
        this.logCapacity = logCapacity;
    }

    JobTracker(String runId, JobListener listener, Collection<String> secrets) {
        this(runId, listener, secrets, DEFAULT_LOG_LINES);
    }

    // ---- fed by the launchers

    /** Whether the job's records reach this machine, so that a FINISHED job without a summary is a failed one. */
    void expectSummary(boolean expected) {
        synchronized (lock) {
            summaryExpected = expected;
        }
    }

    /** What {@link #cancel()} does; called at most once, outside the tracker's lock. */
    void onCancel(Runnable action) {
        synchronized (lock) {
            canceller = requireNonNull(action, "action is null");
        }
    }

    /** Runs once the job has reached its final state (cleanup: temporary files, threads); at once if it has. */
    void onEnd(Runnable action) {
        boolean now;
        synchronized (lock) {
            now = state.isFinal();
            if (!now) {
                onEnd.add(action);
            }
        }
        if (now) {
            runQuietly(action);
        }
    }

    /**
     * A state before the end: {@link JobState#SUBMITTED} (announced once, though the tracker starts there) or
     * {@link JobState#RUNNING}; never moves backwards.
     */
    void state(JobState reported) {
        if (reported.isFinal()) {
            throw new IllegalArgumentException("use ended(...) for a final state: " + reported);
        }
        synchronized (lock) {
            boolean first = !announced && reported == state;
            if (state.isFinal() || pendingEnd != null || (reported.ordinal() <= state.ordinal() && !first)) {
                return;
            }
            announced = true;
            state = reported;
            deliver(() -> listener.stateChanged(reported, applicationId));
        }
    }

    void applicationId(String id) {
        if (id == null || id.isBlank()) {
            return;
        }
        synchronized (lock) {
            if (applicationId.equals(Optional.of(id))) {
                return;
            }
            applicationId = Optional.of(id);
            if (!state.isFinal()) {
                JobState now = state;
                deliver(() -> listener.stateChanged(now, applicationId));
            }
        }
    }

    /** A line of the driver's (or the client's) log: a record of this run, or a log line. */
    void line(String line) {
        if (line == null) {
            return;
        }
        Optional<JobRecord> record = line.contains(JobRecords.PREFIX) ? JobRecords.parse(line) : Optional.empty();
        if (record.isPresent()) {
            record(record.get());
        } else {
            logLine(line);
        }
    }

    /** A line of the job's progress file: a bare record; a damaged or foreign line is skipped. */
    void fileLine(String line) {
        JobRecords.parse(line).ifPresent(this::record);
    }

    /** A line of the launcher's own making (what it did, why the job ended), kept with the log. */
    void logLine(String line) {
        String masked = mask(line);
        synchronized (lock) {
            if (log.size() == logCapacity) {
                log.removeFirst();
            }
            log.addLast(masked);
            deliver(() -> listener.logLine(masked));
        }
    }

    /** A record of the job, from its log or its progress file. */
    void record(JobRecord record) {
        if (!record.runId().equals(runId)) {
            return;
        }
        synchronized (lock) {
            if (state.isFinal()) {
                return;
            }
            recordsSeen = true;
            if (record instanceof JobProgress p) {
                lastProgress = Optional.of(p);
                deliver(() -> listener.progress(p));
            } else if (record instanceof JobSummary s) {
                summary = Optional.of(s);
                deliver(() -> listener.summary(s));
                if (pendingEnd != null) {
                    finish(pendingEnd, pendingReason);
                }
            }
        }
        runEndActionsIfEnded();
    }

    /**
     * The cluster says the job ended ({@code reported} is final). {@code outputComplete}: every line the job wrote has
     * been fed already; if not, and no summary is in yet, the decision waits for the summary or {@link #outputEnded()}.
     */
    void ended(JobState reported, Optional<String> reason, boolean outputComplete) {
        if (!reported.isFinal()) {
            throw new IllegalArgumentException("not a final state: " + reported);
        }
        synchronized (lock) {
            if (state.isFinal()) {
                return;
            }
            boolean wait = !outputComplete
                    && summary.isEmpty()
                    && reported != JobState.KILLED
                    && !cancelRequested
                    && (summaryExpected || recordsSeen);
            if (wait) {
                if (pendingEnd == null || pendingEnd == JobState.FINISHED) {
                    pendingEnd = reported;
                    pendingReason = reason;
                }
                return;
            }
            finish(reported, reason.isPresent() || pendingEnd == null ? reason : pendingReason);
        }
        runEndActionsIfEnded();
    }

    /** Every line the job wrote has been fed (or waiting longer is pointless): decides a pending end. */
    void outputEnded() {
        synchronized (lock) {
            if (pendingEnd != null && !state.isFinal()) {
                finish(pendingEnd, pendingReason);
            }
        }
        runEndActionsIfEnded();
    }

    boolean cancelRequested() {
        synchronized (lock) {
            return cancelRequested;
        }
    }

    private void finish(JobState reported, Optional<String> reason) {
        JobState end = reported;
        Optional<String> why = reason;
        boolean cleanSummary = summary.isPresent() && summary.get().error().isEmpty();
        if (cancelRequested && !(reported == JobState.FINISHED && cleanSummary)) {
            end = JobState.KILLED;
            why = Optional.of("cancelled");
        } else if (reported == JobState.FINISHED) {
            if (summary.isPresent() && summary.get().error().isPresent()) {
                end = JobState.FAILED;
                why = summary.get().error();
            } else if (summary.isEmpty() && (summaryExpected || recordsSeen)) {
                end = JobState.FAILED;
                why = Optional.of(reason.orElse("the job ended without writing its summary; see the log"));
            }
        } else if (reported == JobState.FAILED) {
            why = summary.flatMap(JobSummary::error).or(() -> reason).or(() -> Optional.of("the job failed"));
        }
        pendingEnd = null;
        if (end != JobState.FINISHED) {
            error = why.map(this::mask);
            String line = "lakeport: the job " + (end == JobState.KILLED ? "was killed" : "failed")
                    + error.map(e -> ": " + e).orElse("");
            if (log.size() == logCapacity) {
                log.removeFirst();
            }
            log.addLast(line);
            deliver(() -> listener.logLine(line));
        }
        state = end;
        JobState last = end;
        deliver(() -> listener.stateChanged(last, applicationId));
        ended.countDown();
    }

    private void runEndActionsIfEnded() {
        List<Runnable> actions;
        synchronized (lock) {
            if (!state.isFinal()) {
                return;
            }
            actions = new ArrayList<>(onEnd);
            onEnd.clear();
        }
        actions.forEach(JobTracker::runQuietly);
        cleanedUp.countDown();
    }

    private String mask(String line) {
        String masked = line;
        for (String secret : secrets) {
            masked = masked.replace(secret, Secret.MASK);
        }
        return masked;
    }

    private void deliver(Runnable event) {
        try {
            event.run();
        } catch (RuntimeException e) {
            LOG.warn("A job listener failed on run {}; the job goes on", runId, e);
        }
    }

    private static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warn("Cleaning up after a job failed", e);
        }
    }

    // ---- the handle

    @Override
    public String runId() {
        return runId;
    }

    @Override
    public JobState state() {
        synchronized (lock) {
            return state;
        }
    }

    @Override
    public Optional<String> applicationId() {
        synchronized (lock) {
            return applicationId;
        }
    }

    @Override
    public Optional<JobProgress> lastProgress() {
        synchronized (lock) {
            return lastProgress;
        }
    }

    @Override
    public Optional<JobSummary> summary() {
        synchronized (lock) {
            return summary;
        }
    }

    @Override
    public Optional<String> error() {
        synchronized (lock) {
            return error;
        }
    }

    @Override
    public List<String> logTail(int lines) {
        synchronized (lock) {
            int skip = Math.max(0, log.size() - Math.max(0, lines));
            return log.stream().skip(skip).toList();
        }
    }

    @Override
    public void cancel() {
        Runnable action;
        synchronized (lock) {
            if (state.isFinal() || cancelRequested) {
                return;
            }
            cancelRequested = true;
            action = canceller;
        }
        logLine("lakeport: cancelling the job");
        try {
            action.run();
        } catch (RuntimeException e) {
            logLine("lakeport: cancelling failed: " + e.getMessage());
            throw e instanceof JobException ? e : new JobException("could not cancel run " + runId, e);
        }
    }

    @Override
    public JobState await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            // what the end leaves behind (a credentials file) is gone when await returns
            cleanedUp.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        return state();
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "JobTracker[" + runId + ", " + state
                    + applicationId.map(a -> ", " + a).orElse("") + "]";
        }
    }
}
