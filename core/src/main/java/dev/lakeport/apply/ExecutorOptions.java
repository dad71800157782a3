package dev.lakeport.apply;

import static java.util.Objects.requireNonNull;

import dev.lakeport.connector.Retries;

/**
 * How the executor calls the destination: at most {@code concurrency} operations in flight, at most
 * {@code callsPerSecond} catalog calls a second counting retries and idempotency reads (0 = unlimited), transient
 * errors retried by {@code retries}; {@code dryRun} writes nothing and records what would be done.
 */
public record ExecutorOptions(int concurrency, double callsPerSecond, Retries retries, boolean dryRun) {
    public static final int DEFAULT_CONCURRENCY = 32;

    public ExecutorOptions {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1: " + concurrency);
        }
        if (callsPerSecond < 0 || Double.isNaN(callsPerSecond) || Double.isInfinite(callsPerSecond)) {
            throw new IllegalArgumentException("callsPerSecond must be 0 (unlimited) or positive: " + callsPerSecond);
        }
        requireNonNull(retries, "retries is null");
    }

    /** 32 in flight, no rate limit, the standard retry policy, real writes. */
    public static ExecutorOptions defaults() {
        return new ExecutorOptions(DEFAULT_CONCURRENCY, 0, Retries.standard(), false);
    }

    public ExecutorOptions withConcurrency(int n) {
        return new ExecutorOptions(n, callsPerSecond, retries, dryRun);
    }

    public ExecutorOptions withCallsPerSecond(double rate) {
        return new ExecutorOptions(concurrency, rate, retries, dryRun);
    }

    public ExecutorOptions withRetries(Retries r) {
        return new ExecutorOptions(concurrency, callsPerSecond, r, dryRun);
    }

    public ExecutorOptions withDryRun(boolean dry) {
        return new ExecutorOptions(concurrency, callsPerSecond, retries, dry);
    }
}
