package dev.lakeport.connector;

import static java.util.Objects.requireNonNull;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retry policy for catalog calls: only transient {@link ConnectorException}s (throttling, 5xx, timeouts, network)
 * are retried, with exponential backoff and full jitter, a cap per wait, a bounded number of attempts and a total
 * deadline after which no further attempt starts. An interrupt stops it at once.
 *
 * <p>Every retry is logged with the call's message (which names the operation, the object and the server's answer),
 * the attempt and the time used: timeouts and refused connections at WARN from the first retry, since a timeout has
 * already cost a whole call timeout; throttling, 5xx and broken connections at WARN only once a call keeps failing,
 * so a busy but healthy catalog does not flood the terminal. A call that gives up says after how many attempts and
 * how long.
 */
public final class Retries {
    private static final Logger LOG = LoggerFactory.getLogger(Retries.class);
    /** Attempts of a throttled or 5xx call after which its retries are reported at WARN. */
    private static final int LOUD_AFTER_ATTEMPTS = 3;
    /**
     * Attempts of a call that cannot even connect (connection refused, unknown host, no route): a wrong endpoint or a
     * service that is down does not come back within the deadline, so it is reported in seconds, not minutes.
     */
    static final int CONNECT_ATTEMPTS = 5;
    /** Total time a call may keep retrying unless configured otherwise ({@code lakeport.retryDeadline}). */
    public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(2);

    private final RetryPolicy<Object> policy;
    private final int maxAttempts;
    private final Duration firstDelay;
    private final Duration maxDelay;
    private final Duration deadline;

    private Retries(int maxAttempts, Duration firstDelay, Duration maxDelay, Duration deadline) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be positive, got " + maxAttempts);
        }
        requireNonNull(deadline, "deadline is null");
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline must be positive, got " + deadline);
        }
        this.maxAttempts = maxAttempts;
        this.firstDelay = firstDelay;
        this.maxDelay = maxDelay;
        this.deadline = deadline;
        this.policy = RetryPolicy.builder()
                .handleIf(Retries::isTransient)
                .withMaxAttempts(maxAttempts)
                .withMaxDuration(deadline)
                .withBackoff(firstDelay, maxDelay)
                .withJitter(0.5)
                .onRetry(e -> logRetry(e.getLastException(), e.getAttemptCount(), e.getElapsedTime()))
                .build();
    }

    /**
     * 20 attempts, 100 ms doubling to at most 10 s, within {@link #DEFAULT_DEADLINE}: rides out a throttling burst of
     * a minute or two; a server that never answers costs the deadline plus one call timeout, not attempts × timeout.
     */
    public static Retries standard() {
        return new Retries(20, Duration.ofMillis(100), Duration.ofSeconds(10), DEFAULT_DEADLINE);
    }

    /** {@link #standard()} with another total deadline ({@code lakeport.retryDeadline}). */
    public static Retries standard(Duration deadline) {
        return standard().withDeadline(deadline);
    }

    public static Retries of(int maxAttempts, Duration firstDelay, Duration maxDelay) {
        return new Retries(maxAttempts, firstDelay, maxDelay, DEFAULT_DEADLINE);
    }

    /** No retries: the call runs once. */
    public static Retries none() {
        return new Retries(1, Duration.ofMillis(1), Duration.ofMillis(2), DEFAULT_DEADLINE);
    }

    /** The same policy, giving up once {@code total} has passed since the first attempt began. */
    public Retries withDeadline(Duration total) {
        return new Retries(maxAttempts, firstDelay, maxDelay, total);
    }

    public Duration deadline() {
        return deadline;
    }

    public <T> T call(Supplier<T> call) {
        int[] attempts = {0};
        long started = System.nanoTime();
        try {
            return Failsafe.with(policy).get(context -> {
                attempts[0] = context.getAttemptCount() + 1;
                try {
                    return call.get();
                } catch (ConnectorException e) {
                    if (attempts[0] >= CONNECT_ATTEMPTS && cannotConnect(e)) {
                        throw new LastAttempt(e);
                    }
                    throw e;
                }
            });
        } catch (LastAttempt e) {
            throw gaveUp(e.failure, attempts[0], Duration.ofNanos(System.nanoTime() - started));
        } catch (ConnectorException e) {
            throw gaveUp(e, attempts[0], Duration.ofNanos(System.nanoTime() - started));
        } catch (FailsafeException e) {
            if (e.getCause() instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw new ConnectorException(ErrorCode.INTERNAL, "interrupted");
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
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

    /** A transient failure that outlived its retries says so, with the attempts and the time they took. */
    private static ConnectorException gaveUp(ConnectorException e, int attempts, Duration elapsed) {
        if (!e.isTransient() || attempts < 2) {
            return e;
        }
        LOG.warn("giving up after {} attempts in {}: {}", attempts, seconds(elapsed), e.summary());
        ConnectorException last = new ConnectorException(
                e.code(),
                e.vendorCode().orElse(null),
                e.getMessage() + " (gave up after " + attempts + " attempts in " + seconds(elapsed) + ")",
                e);
        return last;
    }

    private void logRetry(Throwable failure, int attempt, Duration elapsed) {
        if (!(failure instanceof ConnectorException e)) {
            return;
        }
        // A timeout has cost a whole call timeout, and a refused connection rarely heals: say so at once.
        boolean slow = e.code() == ErrorCode.TIMEOUT || cannotConnect(e);
        String line = "retrying (attempt " + attempt + " of at most " + maxAttempts + " failed, " + seconds(elapsed)
                + " of " + seconds(deadline) + " used): " + e.summary();
        if (slow || attempt >= LOUD_AFTER_ATTEMPTS) {
            LOG.warn(line);
        } else {
            LOG.debug(line);
        }
    }

    static String seconds(Duration d) {
        long millis = d.toMillis();
        if (millis < 10_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        if (millis < 120_000) {
            return (millis / 1000) + " s";
        }
        return String.format(Locale.ROOT, "%d min %d s", millis / 60_000, (millis % 60_000) / 1000);
    }

    private static boolean isTransient(Throwable t) {
        return t instanceof ConnectorException ce && ce.isTransient();
    }

    private static boolean cannotConnect(ConnectorException e) {
        if (e.code() != ErrorCode.NETWORK) {
            return false;
        }
        for (Throwable t = e.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.ConnectException
                    || t instanceof java.net.UnknownHostException
                    || t instanceof java.net.NoRouteToHostException) {
                return true;
            }
        }
        return false;
    }

    /** Ends the retries of a call that could not connect often enough: not transient, so not retried again. */
    private static final class LastAttempt extends ConnectorException {
        private final ConnectorException failure;

        LastAttempt(ConnectorException failure) {
            super(failure.code(), failure.vendorCode().orElse(null), failure.getMessage(), failure);
            this.failure = failure;
        }

        @Override
        public boolean isTransient() {
            return false;
        }
    }
}
