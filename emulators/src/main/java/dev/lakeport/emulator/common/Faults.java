package dev.lakeport.emulator.common;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fault injection shared by the emulators: latency per call, a throttling rate, a 5xx rate, and a hard failure after
 * N calls (every later call fails with a 5xx, as a region outage would). Settings change at run time; reads are
 * lock-free.
 *
 * <p>Besides refusals, the faults real networks have, which all leave the call applied: a response lost (the
 * connection is dropped without an answer), a response delayed beyond the client's timeout ("accepted, then timed
 * out"), and a batch write cut mid-way (part of it applied, then the connection dropped). And servers stricter than
 * the API: a largest page and a largest batch below the API's, refused with the API's own error for it.
 */
public final class Faults {
    /** What the server must do with one call. */
    public enum Verdict {
        PASS,
        THROTTLE,
        SERVER_ERROR
    }

    /** What becomes of the answer of a call that ran. */
    public enum Delivery {
        /** The answer is sent. */
        ANSWER,
        /** The connection is dropped without an answer. */
        DROP,
        /** The answer is sent after {@link #acceptDelay()}, when the client has usually given up. */
        DELAY
    }

    private volatile long latencyMicros;
    private volatile double throttleRate;
    private volatile double serverErrorRate;
    private volatile long failAfterCalls = -1;
    private volatile double responseLostRate;
    private volatile double timeoutAfterAcceptRate;
    private volatile Duration acceptDelay = Duration.ofSeconds(25);
    private volatile double midBatchDisconnectRate;
    private volatile int maxPageSize;
    private volatile int maxBatchSize;
    private volatile java.util.Set<String> failingOperations = java.util.Set.of();
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

    /**
     * These operations always fail with a 5xx, as on a compatible server that lacks them (e.g. one without
     * user-defined functions); none (the default) turns it off.
     */
    public Faults failOperations(String... operations) {
        failingOperations = java.util.Set.of(operations);
        return this;
    }

    /** Sleeps the configured latency, then decides the fate of a call of {@code operation}. */
    public Verdict onCall(String operation) {
        Verdict verdict = onCall();
        return failingOperations.contains(operation) ? Verdict.SERVER_ERROR : verdict;
    }

    /** Share of calls that are applied and then lose their answer: the connection is dropped instead. */
    public Faults responseLostRate(double rate) {
        responseLostRate = checkRate(rate);
        return this;
    }

    /**
     * Share of calls that are applied and answered only after {@code delay}: set it beyond the client's call timeout
     * to have the client give up on a call that succeeded.
     */
    public Faults timeoutAfterAcceptRate(double rate, Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, got " + delay);
        }
        timeoutAfterAcceptRate = checkRate(rate);
        acceptDelay = delay;
        return this;
    }

    /** Share of batch writes of which only a part is applied before the connection is dropped. */
    public Faults midBatchDisconnectRate(double rate) {
        midBatchDisconnectRate = checkRate(rate);
        return this;
    }

    /** The largest page the server serves, below the API's; 0 (the default) is the API's own limit. */
    public Faults maxPageSize(int size) {
        maxPageSize = checkSize(size);
        return this;
    }

    /** The largest batch the server takes, below the API's; 0 (the default) is the API's own limit. */
    public Faults maxBatchSize(int size) {
        maxBatchSize = checkSize(size);
        return this;
    }

    /** The page limit: {@code apiLimit}, or the lower one set by {@link #maxPageSize}. */
    public int pageLimit(int apiLimit) {
        int max = maxPageSize;
        return max > 0 ? Math.min(max, apiLimit) : apiLimit;
    }

    /** The batch limit: {@code apiLimit}, or the lower one set by {@link #maxBatchSize}. */
    public int batchLimit(int apiLimit) {
        int max = maxBatchSize;
        return max > 0 ? Math.min(max, apiLimit) : apiLimit;
    }

    public Duration acceptDelay() {
        return acceptDelay;
    }

    /**
     * How many of a batch write's {@code size} entries to apply before dropping the connection, or -1 to apply the
     * whole batch. A cut batch keeps at least one entry and loses at least one.
     */
    public int cutBatch(int size) {
        double rate = midBatchDisconnectRate;
        if (rate <= 0 || size < 2 || ThreadLocalRandom.current().nextDouble() >= rate) {
            return -1;
        }
        return 1 + ThreadLocalRandom.current().nextInt(size - 1);
    }

    /** Decides, after a call ran, whether its answer is sent, dropped or delayed. */
    public Delivery delivery() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (responseLostRate > 0 && random.nextDouble() < responseLostRate) {
            return Delivery.DROP;
        }
        if (timeoutAfterAcceptRate > 0 && random.nextDouble() < timeoutAfterAcceptRate) {
            return Delivery.DELAY;
        }
        return Delivery.ANSWER;
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
        responseLostRate = 0;
        timeoutAfterAcceptRate = 0;
        midBatchDisconnectRate = 0;
        maxPageSize = 0;
        maxBatchSize = 0;
        failingOperations = java.util.Set.of();
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

    private static int checkSize(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("size must be 0 (the API's limit) or more, got " + size);
        }
        return size;
    }

    private static double checkRate(double rate) {
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException("rate must be within [0, 1], got " + rate);
        }
        return rate;
    }
}
