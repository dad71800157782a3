package dev.lakeport.emulator.maxcompute;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Deterministic faults of the MaxCompute emulator, for the connector's and the copy's tests, on top of the shared
 * {@link dev.lakeport.emulator.common.Faults}: a latency per call, every n-th call failing with a given error code,
 * every n-th call throttled with the service's throttling error, and commits that are applied but lose their answer.
 * Settings change at run time.
 *
 * <p>They can also be set from system properties when the emulator starts ({@link #fromProperties}):
 * {@code lakeport.maxcompute.latency-ms}, {@code lakeport.maxcompute.fail-every} with
 * {@code lakeport.maxcompute.fail-code}, {@code lakeport.maxcompute.throttle-every} and
 * {@code lakeport.maxcompute.lose-commit-responses}, and {@code lakeport.maxcompute.fault-scope} ({@code all},
 * {@code tunnel} or {@code api}).
 */
public final class MaxComputeFaults {
    /** Which calls the faults apply to (and count). */
    public enum Scope {
        /** Every call. */
        ALL,
        /** Tunnel calls only: sessions, blocks, commits, downloads. */
        TUNNEL,
        /** REST API calls only: metadata and SQL instances. */
        API
    }

    private volatile Scope scope = Scope.ALL;
    private volatile long latencyMillis;
    private volatile int failEvery;
    private volatile String failCode = "InternalServerError";
    private volatile int throttleEvery;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicInteger commitResponsesToLose = new AtomicInteger();

    /** The calls the faults apply to and count; {@link Scope#ALL} (the default) is every call. */
    public MaxComputeFaults scope(Scope calls) {
        scope = java.util.Objects.requireNonNull(calls, "scope is null");
        return this;
    }

    /** Each call waits this long before it is served. */
    public MaxComputeFaults latency(Duration perCall) {
        if (perCall.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative, got " + perCall);
        }
        latencyMillis = perCall.toMillis();
        return this;
    }

    /**
     * Every {@code n}-th call (0 turns it off) fails with {@code code}: a 5xx for {@code InternalServerError} and
     * {@code ServiceUnavailable} (the SDK retries those), 429 for {@code FlowExceeded} and {@code ServerBusy}, a 400
     * otherwise. The call changes nothing.
     */
    public MaxComputeFaults failEvery(int n, String code) {
        if (n < 0) {
            throw new IllegalArgumentException("failEvery needs n >= 0, got " + n);
        }
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("failEvery needs an error code, got '" + code + "'");
        }
        failCode = code;
        failEvery = n;
        return this;
    }

    /**
     * Every {@code n}-th call (0 turns it off) is refused with the service's throttling answer: 429 with
     * {@code FlowExceeded} on the Tunnel, 429 with {@code ServerBusy} on the REST API. The Tunnel SDK retries a 429 on
     * session creation and commit by itself, not on block writes.
     */
    public MaxComputeFaults throttle(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("throttle needs n >= 0, got " + n);
        }
        throttleEvery = n;
        return this;
    }

    /** The next Tunnel commit is applied, then its connection is closed without an answer. */
    public MaxComputeFaults loseResponseAfterCommit() {
        return loseResponsesAfterCommit(1);
    }

    /** The next {@code n} Tunnel commits are applied, then their connections are closed without an answer. */
    public MaxComputeFaults loseResponsesAfterCommit(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, got " + n);
        }
        commitResponsesToLose.set(n);
        return this;
    }

    public MaxComputeFaults reset() {
        scope = Scope.ALL;
        latencyMillis = 0;
        failEvery = 0;
        failCode = "InternalServerError";
        throttleEvery = 0;
        commitResponsesToLose.set(0);
        calls.set(0);
        return this;
    }

    /** Calls seen since the start or the last {@link #reset}. */
    public long calls() {
        return calls.get();
    }

    /** Faults configured by the {@code lakeport.maxcompute.*} properties; a bad value is refused with its key. */
    public static MaxComputeFaults fromProperties(Properties properties) {
        MaxComputeFaults f = new MaxComputeFaults();
        String latency = properties.getProperty("lakeport.maxcompute.latency-ms");
        if (latency != null) {
            f.latency(Duration.ofMillis(number(properties, "lakeport.maxcompute.latency-ms")));
        }
        if (properties.getProperty("lakeport.maxcompute.fail-every") != null) {
            f.failEvery(
                    (int) number(properties, "lakeport.maxcompute.fail-every"),
                    properties.getProperty("lakeport.maxcompute.fail-code", "InternalServerError"));
        }
        if (properties.getProperty("lakeport.maxcompute.throttle-every") != null) {
            f.throttle((int) number(properties, "lakeport.maxcompute.throttle-every"));
        }
        if (properties.getProperty("lakeport.maxcompute.lose-commit-responses") != null) {
            f.loseResponsesAfterCommit((int) number(properties, "lakeport.maxcompute.lose-commit-responses"));
        }
        String scope = properties.getProperty("lakeport.maxcompute.fault-scope");
        if (scope != null) {
            try {
                f.scope(Scope.valueOf(scope.trim().toUpperCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "lakeport.maxcompute.fault-scope must be all, tunnel or api, got '" + scope + "'");
            }
        }
        return f;
    }

    private static long number(Properties properties, String key) {
        String raw = properties.getProperty(key).trim();
        try {
            long n = Long.parseLong(raw);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number of 0 or more, got '" + raw + "'");
        }
    }

    /** Waits the latency, then throws the injected failure for this call, if any. */
    void onCall(boolean tunnel) {
        Scope within = scope;
        if (within == Scope.TUNNEL && !tunnel || within == Scope.API && tunnel) {
            return;
        }
        long n = calls.incrementAndGet();
        long wait = latencyMillis;
        if (wait > 0) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int throttle = throttleEvery;
        if (throttle > 0 && n % throttle == 0) {
            throw tunnel
                    ? new MaxComputeException(429, "FlowExceeded", "Your flow quota is exceeded (injected).")
                    : new MaxComputeException(429, "ServerBusy", "Request rate exceeded (injected).");
        }
        int fail = failEvery;
        if (fail > 0 && n % fail == 0) {
            String code = failCode;
            int status =
                    switch (code) {
                        case "InternalServerError" -> 500;
                        case "ServiceUnavailable" -> 503;
                        case "FlowExceeded", "ServerBusy" -> 429;
                        default -> 400;
                    };
            throw new MaxComputeException(status, code, "Injected failure of call " + n + ".");
        }
    }

    /** Whether this commit's answer is to be lost (counts it). */
    boolean loseCommitResponse() {
        return commitResponsesToLose.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }
}
