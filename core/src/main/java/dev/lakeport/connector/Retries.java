package dev.lakeport.connector;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The retry policy for catalog calls: only transient {@link ConnectorException}s (throttling, 5xx, timeouts, network)
 * are retried, with exponential backoff and full jitter, a cap per wait and a bounded number of attempts. An
 * interrupt stops it at once. Earlier failures are kept as suppressed exceptions of the last one.
 */
public final class Retries {
    private final RetryPolicy<Object> policy;

    private Retries(int maxAttempts, Duration firstDelay, Duration maxDelay) {
        this.policy = RetryPolicy.builder()
                .handleIf(Retries::isTransient)
                .withMaxAttempts(maxAttempts)
                .withBackoff(firstDelay, maxDelay)
                .withJitter(0.5)
                .build();
    }

    /** 8 attempts, 100 ms doubling to at most 10 s: rides out a throttling burst of about half a minute. */
    public static Retries standard() {
        return new Retries(8, Duration.ofMillis(100), Duration.ofSeconds(10));
    }

    public static Retries of(int maxAttempts, Duration firstDelay, Duration maxDelay) {
        return new Retries(maxAttempts, firstDelay, maxDelay);
    }

    /** No retries: the call runs once. */
    public static Retries none() {
        return new Retries(1, Duration.ofMillis(1), Duration.ofMillis(2));
    }

    public <T> T call(Supplier<T> call) {
        try {
            return Failsafe.with(policy).get(call::get);
        } catch (FailsafeException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw new ConnectorException(ErrorCode.INTERNAL, "interrupted");
            }
            throw e;
        }
    }

    public void run(Runnable call) {
        call(() -> {
            call.run();
            return null;
        });
    }

    private static boolean isTransient(Throwable t) {
        return t instanceof ConnectorException ce && ce.isTransient();
    }
}
