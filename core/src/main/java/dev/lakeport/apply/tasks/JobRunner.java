package dev.lakeport.apply.tasks;

import static java.util.Objects.requireNonNull;

import dev.lakeport.plan.tasks.Job;
import dev.lakeport.plan.tasks.JobTask;
import dev.lakeport.plan.tasks.StateCounts;
import dev.lakeport.plan.tasks.TaskLogEntry;
import dev.lakeport.plan.tasks.TaskState;
import dev.lakeport.plan.tasks.TimeWindow;
import dev.lakeport.progress.CancellationToken;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Runs a job's PENDING tasks through a {@link TaskWork}: at most the job's {@code maxConcurrentTasks} at once, starting
 * a task only inside the job's time window (waiting for it to open), each task's state and log kept in the
 * {@link JobStore}. A failed task is recorded FAILED with its error and the others go on; a cancelled run starts no
 * more tasks and leaves those it stopped PENDING, so running the job again resumes it.
 *
 * <p>The methods block until the tasks they started have ended; the work must honour cancellation for a cancelled run
 * to end soon.
 */
public final class JobRunner {
    /** How often a wait (for the window, or for a free slot) looks at the clock and the cancellation again. */
    static final Duration DEFAULT_POLL = Duration.ofSeconds(1);

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final JobStore store;
    private final TaskWork work;
    private final Clock clock;
    private final Duration poll;

    public JobRunner(JobStore store, TaskWork work) {
        this(store, work, Clock.systemDefaultZone(), DEFAULT_POLL);
    }

    /** A runner that reads the time of day, for the window, from {@code clock} in its zone. */
    public JobRunner(JobStore store, TaskWork work, Clock clock, Duration poll) {
        this.store = requireNonNull(store, "store is null");
        this.work = requireNonNull(work, "work is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.poll = requireNonNull(poll, "poll is null");
        if (poll.isNegative() || poll.isZero()) {
            throw new IllegalArgumentException("poll interval must be positive, got " + poll);
        }
    }

    /**
     * Runs the job's PENDING tasks in their planned order; returns the job's counts afterwards.
     *
     * @throws IllegalStateException if another runner of this project is running the job
     */
    public StateCounts run(long jobId, CancellationToken cancel, JobProgressListener listener) {
        Job job = job(jobId);
        claim(jobId);
        try {
            return runTasks(job, ids(store.tasks(jobId, TaskState.PENDING)), cancel, listener);
        } finally {
            store.release(jobId);
        }
    }

    /** Puts the FAILED tasks of the job back to PENDING and runs them alone (not other PENDING tasks). */
    public StateCounts retryFailed(long jobId, CancellationToken cancel, JobProgressListener listener) {
        Job job = job(jobId);
        claim(jobId);
        try {
            List<Long> failed = ids(store.tasks(jobId, TaskState.FAILED));
            if (failed.isEmpty()) {
                return job.counts();
            }
            store.retry(failed);
            return runTasks(job, failed, cancel, listener);
        } finally {
            store.release(jobId);
        }
    }

    /**
     * Puts these FAILED tasks (of one job) back to PENDING and runs them alone.
     *
     * @throws IllegalArgumentException naming ids that are unknown, not FAILED or of several jobs; nothing runs
     */
    public StateCounts retry(Collection<Long> taskIds, CancellationToken cancel, JobProgressListener listener) {
        long jobId = jobOf(taskIds);
        claim(jobId);
        try {
            store.retry(taskIds);
            return runTasks(job(jobId), List.copyOf(taskIds), cancel, listener);
        } finally {
            store.release(jobId);
        }
    }

    private long jobOf(Collection<Long> taskIds) {
        requireNonNull(taskIds, "taskIds is null");
        if (taskIds.isEmpty()) {
            throw new IllegalArgumentException("no task to retry");
        }
        return taskIds.stream()
                .findFirst()
                .flatMap(store::task)
                .map(JobTask::jobId)
                .orElseThrow(() -> new IllegalArgumentException("no task " + taskIds + " in this project"));
    }

    private void claim(long jobId) {
        if (!store.claim(jobId)) {
            throw new IllegalStateException("job " + jobId + " is already running; stop it or wait for its end");
        }
    }

    private Job job(long jobId) {
        return store.job(jobId).orElseThrow(() -> new IllegalArgumentException("no job " + jobId + " in this project"));
    }

    private static List<Long> ids(List<JobTask> tasks) {
        return tasks.stream().map(JobTask::id).toList();
    }

    private StateCounts runTasks(Job job, List<Long> taskIds, CancellationToken cancel, JobProgressListener listener) {
        requireNonNull(cancel, "cancel is null");
        requireNonNull(listener, "listener is null");
        int width = Math.max(1, Math.min(job.spec().maxConcurrentTasks(), taskIds.size()));
        Semaphore slots = new Semaphore(width);
        AtomicReference<RuntimeException> storeFailure = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(width, r -> {
            Thread t = new Thread(r, "job-" + job.id() + "-task-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        // An interrupted run stops its tasks as a cancel does. The workers are not interrupted themselves: an interrupt
        // in the middle of a write closes H2's file channel, and the project with it.
        CancellationToken interruption = new CancellationToken();
        BooleanSupplier stopped = () -> cancel.isCancelled() || interruption.isCancelled();
        boolean interrupted = false;
        try {
            for (long taskId : taskIds) {
                if (!acquire(slots, cancel)) {
                    break;
                }
                if (!awaitWindow(job, cancel, listener) || storeFailure.get() != null) {
                    slots.release();
                    break;
                }
                if (!store.markRunning(taskId)) {
                    slots.release(); // finished or taken meanwhile
                    continue;
                }
                JobTask task = store.task(taskId).orElseThrow();
                listener.started(task);
                listener.counts(job.id(), store.counts(job.id()));
                pool.execute(() -> {
                    try {
                        attempt(task, stopped, listener);
                    } catch (RuntimeException e) {
                        storeFailure.compareAndSet(null, e);
                    } finally {
                        slots.release();
                    }
                });
            }
        } catch (InterruptedException e) {
            interrupted = true;
            interruption.cancel();
        } catch (RuntimeException e) {
            interruption.cancel(); // the project cannot record more: stop the tasks that run, then report it
            throw e;
        } finally {
            pool.shutdown();
            while (true) {
                try {
                    if (pool.awaitTermination(1, TimeUnit.DAYS)) {
                        break;
                    }
                } catch (InterruptedException e) {
                    // the tasks were started: stop them, wait for them to be recorded, then say we were interrupted
                    interrupted = true;
                    interruption.cancel();
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (storeFailure.get() != null) {
            throw storeFailure.get();
        }
        return store.counts(job.id());
    }

    /** One attempt of a RUNNING task, recorded when it ends. */
    private void attempt(JobTask task, BooleanSupplier stopped, JobProgressListener listener) {
        long start = System.nanoTime();
        TaskContext context = new Context(task, stopped);
        try {
            TaskOutcome outcome = work.run(context);
            if (outcome == null) {
                store.markFailed(task.id(), "the work returned no outcome");
            } else if (outcome.succeeded()) {
                store.markSucceeded(task.id(), outcome.summary() + " (" + seconds(start) + ")");
            } else {
                store.markFailed(task.id(), outcome.summary());
            }
        } catch (CancellationException e) {
            store.markPending(task.id(), "stopped by cancel before it finished; it runs again when the job resumes");
        } catch (InterruptedException e) {
            store.markPending(task.id(), "interrupted before it finished; it runs again when the job resumes");
        } catch (Exception | LinkageError | AssertionError e) {
            store.markFailed(task.id(), describe(e));
        }
        store.task(task.id()).ifPresent(listener::ended);
        listener.counts(task.jobId(), store.counts(task.jobId()));
    }

    /** Waits for a free slot; false if the run was cancelled meanwhile. */
    private boolean acquire(Semaphore slots, CancellationToken cancel) throws InterruptedException {
        while (!cancel.isCancelled()) {
            if (slots.tryAcquire(poll.toMillis(), TimeUnit.MILLISECONDS)) {
                if (cancel.isCancelled()) {
                    slots.release();
                    return false;
                }
                return true;
            }
        }
        return false;
    }

    /** Waits until the job's window is open; false if the run was cancelled meanwhile. */
    private boolean awaitWindow(Job job, CancellationToken cancel, JobProgressListener listener)
            throws InterruptedException {
        Optional<TimeWindow> window = job.spec().window();
        if (window.isEmpty()) {
            return !cancel.isCancelled();
        }
        boolean announced = false;
        while (!cancel.isCancelled()) {
            ZonedDateTime now = ZonedDateTime.now(clock);
            Duration until = window.get().untilOpen(now);
            if (until.isZero()) {
                return true;
            }
            if (!announced) {
                listener.waitingForWindow(
                        job.id(), window.get(), now.plus(until).toInstant());
                announced = true;
            }
            Thread.sleep(Math.max(1, Math.min(until.toMillis(), poll.toMillis())));
        }
        return false;
    }

    private static String seconds(long startNanos) {
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    /** The failure and its causes, one per line, as a user reads them in the task's log. */
    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        Throwable t = e;
        for (int depth = 0; t != null && depth < 10; depth++, t = t.getCause()) {
            if (depth > 0) {
                sb.append("\n  caused by: ");
            }
            if (t.getMessage() != null) {
                sb.append(t.getMessage())
                        .append(" (")
                        .append(t.getClass().getSimpleName())
                        .append(")");
            } else {
                sb.append(t.getClass().getSimpleName());
            }
        }
        return sb.toString();
    }

    private final class Context implements TaskContext {
        private final JobTask task;
        private final BooleanSupplier stopped;

        Context(JobTask task, BooleanSupplier stopped) {
            this.task = task;
            this.stopped = stopped;
        }

        @Override
        public JobTask task() {
            return task;
        }

        @Override
        public void log(TaskLogEntry.Level level, String message) {
            store.appendLog(task.id(), level, message);
        }

        @Override
        public boolean isCancelled() {
            return stopped.getAsBoolean() || Thread.currentThread().isInterrupted();
        }
    }
}
