package dev.lakeport.connector;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How every connector of a run calls its catalog, whatever the system: calls in flight, the longest one call may take,
 * how long one call keeps being retried, and whether functions are read and written at all.
 */
public record CallSettings(int concurrency, Duration callTimeout, Duration retryDeadline, boolean functions) {
    public CallSettings {
        requireNonNull(callTimeout, "callTimeout is null");
        requireNonNull(retryDeadline, "retryDeadline is null");
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be positive, got " + concurrency);
        }
        if (callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("callTimeout must be positive, got " + callTimeout);
        }
        if (retryDeadline.isNegative() || retryDeadline.isZero()) {
            throw new IllegalArgumentException("retryDeadline must be positive, got " + retryDeadline);
        }
    }

    /** 32 calls in flight, 20 s a call, 2 minutes of retries, functions on. */
    public static CallSettings defaults() {
        return new CallSettings(32, Duration.ofSeconds(20), Duration.ofMinutes(2), true);
    }
}
