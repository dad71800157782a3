package dev.lakeport.emulator.common;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fault injection shared by the emulators: latency per call, a throttling rate, a 5xx rate, and a hard failure after
 * N calls (every later call fails with a 5xx, as a region outage would). Settings change at run time; reads are
 * lock-free.
 */
public final class Faults {
    /** What the server must do with one call. */
    public enum Verdict {
        PASS,
        THROTTLE,
        SERVER_ERROR
    }

    private volatile long latencyMicros;
    private volatile double throttleRate;
    private volatile double serverErrorRate;
    private volatile long failAfterCalls = -1;
    private final AtomicLong calls = new AtomicLong();

    public Faults latency(Duration perCall) {
        latencyMicros = perCall.toNanos() / 1000;
        return this;
    }

    public Faults throttleRate(double rate) {
        throttleRate = checkRate(rate);
        return this;
    }

    public Faults serverErrorRate(double rate) {
        serverErrorRate = checkRate(rate);
        return this;
    }

    /** After {@code n} more calls every call fails; negative turns it off. */
    public Faults failAfterCalls(long n) {
        calls.set(0);
        failAfterCalls = n;
        return this;
    }

    public Faults reset() {
        latencyMicros = 0;
        throttleRate = 0;
        serverErrorRate = 0;
        failAfterCalls = -1;
        calls.set(0);
        return this;
    }

    /** Calls seen since the last {@link #failAfterCalls} or {@link #reset}. */
    public long calls() {
        return calls.get();
    }

    /** Sleeps the configured latency, then decides the call's fate. */
    public Verdict onCall() {
        long n = calls.incrementAndGet();
        long micros = latencyMicros;
        if (micros > 0) {
            try {
                Thread.sleep(micros / 1000, (int) (micros % 1000) * 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        long limit = failAfterCalls;
        if (limit >= 0 && n > limit) {
            return Verdict.SERVER_ERROR;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (throttleRate > 0 && random.nextDouble() < throttleRate) {
            return Verdict.THROTTLE;
        }
        if (serverErrorRate > 0 && random.nextDouble() < serverErrorRate) {
            return Verdict.SERVER_ERROR;
        }
        return Verdict.PASS;
    }

    private static double checkRate(double rate) {
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException("rate must be within [0, 1], got " + rate);
        }
        return rate;
    }
}
