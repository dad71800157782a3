package dev.lakeport.copy;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the upload sessions of each table within the Tunnel's limits: at most 32 open at once and at most 500
 * created in any 5 minutes. The second is a sliding window over the times sessions were created: a table of a few
 * hundred partitions is copied at full speed, and a larger one waits only when its 501st session would fall within 5
 * minutes of its 1st (a limiter that spread 500 evenly over 5 minutes made every session wait 0.6 s). A session takes
 * a permit when it is created and gives it back when it is committed or given up. One pacer serves every task of a
 * run in this process.
 */
public final class TunnelPacer {
    public static final int SESSIONS_AT_ONCE = 32;
    public static final int SESSIONS_PER_WINDOW = 500;
    public static final Duration WINDOW = Duration.ofMinutes(5);

    private final int atOnce;
    private final int perWindow;
    private final Duration window;
    private final Duration maxWait;
    // A plain semaphore: Failsafe's bulkhead hands a released permit to a waiter that already timed out.
    private final ConcurrentMap<String, Semaphore> open = new ConcurrentHashMap<>();
    /** Per table, when its recent sessions were created ({@link System#nanoTime()}), oldest first. */
    private final ConcurrentMap<String, ArrayDeque<Long>> created = new ConcurrentHashMap<>();

    public TunnelPacer(int atOnce, int perWindow, Duration window, Duration maxWait) {
        if (atOnce < 1 || perWindow < 1) {
            throw new IllegalArgumentException(
                    "sessions at once and per window must be at least 1, got " + atOnce + " and " + perWindow);
        }
        this.atOnce = atOnce;
        this.perWindow = perWindow;
        this.window = requireNonNull(window, "window is null");
        this.maxWait = requireNonNull(maxWait, "maxWait is null");
    }

    /** The Tunnel's documented limits; a session waits up to an hour for its turn. */
    public static TunnelPacer tunnelLimits() {
        return new TunnelPacer(SESSIONS_AT_ONCE, SESSIONS_PER_WINDOW, WINDOW, Duration.ofHours(1));
    }

    /** Waits for a turn to create a session on {@code target}'s table. */
    void acquire(TunnelTarget target) {
        String table = target.qualifiedTable();
        Semaphore bulkhead = open.computeIfAbsent(table, t -> new Semaphore(atOnce, true));
        ArrayDeque<Long> recent = created.computeIfAbsent(table, t -> new ArrayDeque<>());
        try {
            if (!bulkhead.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new CopyException("table " + table + " already has " + atOnce
                        + " upload sessions open and none closed within " + maxWait + "; not writing " + target);
            }
            if (!turn(recent, System.nanoTime() + maxWait.toNanos())) {
                bulkhead.release();
                throw new CopyException("table " + table + " reached " + perWindow + " upload sessions in " + window
                        + " and no turn came within " + maxWait + "; not writing " + target);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CopyException("interrupted while waiting to write " + target, e);
        }
    }

    /**
     * Waits until fewer than {@code perWindow} sessions of the table were created in the last window, then records
     * this one; false if that does not happen before {@code deadline}.
     */
    private boolean turn(ArrayDeque<Long> recent, long deadline) throws InterruptedException {
        synchronized (recent) {
            while (true) {
                long now = System.nanoTime();
                while (!recent.isEmpty() && now - recent.peekFirst() >= window.toNanos()) {
                    recent.pollFirst();
                }
                if (recent.size() < perWindow) {
                    recent.addLast(now);
                    return true;
                }
                long wait = Math.min(recent.peekFirst() + window.toNanos() - now, deadline - now);
                if (wait <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(recent, wait);
            }
        }
    }

    /** Gives back the turn of a session on {@code target}'s table that was committed or given up. */
    void release(TunnelTarget target) {
        Semaphore bulkhead = open.get(target.qualifiedTable());
        if (bulkhead != null) {
            bulkhead.release();
        }
    }
}
