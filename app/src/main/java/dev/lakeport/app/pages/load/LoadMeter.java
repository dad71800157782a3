package dev.lakeport.app.pages.load;

/**
 * Rate, progress and time left of one side's load, from samples of its counters. Two ways to know how far a load is:
 * objects against the count an earlier complete load of the same side stored (the best guess of what the catalog
 * holds now), or, when there is no such count, tables finished against tables listed. Not thread-safe: fed and read
 * on the FX thread.
 */
final class LoadMeter {
    /** The rate is measured over at least this long, so one fast page does not make the figure jump. */
    static final long WINDOW_NANOS = 500_000_000L;

    private final long expectedObjects;
    private final long startNanos;
    private long windowStartNanos;
    private long windowStartObjects;
    private double rate;
    private double progress = -1;
    private long etaSeconds = -1;

    /**
     * @param expectedObjects what an earlier complete load of this side stored (databases, tables, partitions and
     *     functions), or 0 when unknown
     */
    LoadMeter(long expectedObjects, long nowNanos) {
        this.expectedObjects = Math.max(0, expectedObjects);
        this.startNanos = nowNanos;
        this.windowStartNanos = nowNanos;
    }

    /**
     * Takes a sample of the counters.
     *
     * @param objects objects stored so far (databases, tables and functions listed, partitions read)
     * @param tablesDone tables finished (read, resumed or failed)
     * @param tablesTotal tables whose partitions this load reads, or -1 while the databases are still being listed
     * @param phaseStartNanos when the tables began to be read, or -1 before
     */
    void sample(long nowNanos, long objects, long tablesDone, long tablesTotal, long phaseStartNanos) {
        long elapsed = nowNanos - windowStartNanos;
        if (elapsed >= WINDOW_NANOS) {
            double current = (objects - windowStartObjects) * 1e9 / elapsed;
            // Smoothed a little: a page of partitions arrives at once, so half a second alone jumps.
            rate = rate == 0 ? current : 0.6 * current + 0.4 * rate;
            windowStartNanos = nowNanos;
            windowStartObjects = objects;
        }
        if (expectedObjects > 0 && objects < expectedObjects) {
            progress = (double) objects / expectedObjects;
            etaSeconds = rate > 0 ? (long) Math.ceil((expectedObjects - objects) / rate) : -1;
        } else if (tablesTotal > 0) {
            progress = (double) tablesDone / tablesTotal;
            long phaseElapsed = nowNanos - phaseStartNanos;
            etaSeconds = tablesDone > 0 && tablesDone < tablesTotal && phaseStartNanos >= 0 && phaseElapsed > 0
                    ? (long) Math.ceil(phaseElapsed / 1e9 * (tablesTotal - tablesDone) / tablesDone)
                    : -1;
        } else if (tablesTotal == 0) {
            progress = 1;
            etaSeconds = -1;
        } else {
            progress = -1;
            etaSeconds = -1;
        }
    }

    /** Objects per second over the last half second or so; 0 before the first half second. */
    double rate() {
        return rate;
    }

    /** 0..1, or -1 while unknown. */
    double progress() {
        return progress;
    }

    /** Seconds left, or -1 while unknown. */
    long etaSeconds() {
        return etaSeconds;
    }

    long elapsedNanos(long nowNanos) {
        return nowNanos - startNanos;
    }
}
