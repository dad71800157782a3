package dev.lakeport.pipeline;

import static java.util.Objects.requireNonNull;

import dev.lakeport.config.MigrationConfig;
import dev.lakeport.connector.CallSettings;
import dev.lakeport.connector.CatalogConnection;
import dev.lakeport.connector.CatalogConnector;
import dev.lakeport.connector.CatalogReader;
import dev.lakeport.connector.ConnectorException;
import dev.lakeport.connector.ErrorCode;
import dev.lakeport.connector.Retries;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.snapshot.Side;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * "Test connection": reaches one side's catalog with the configured endpoint and credentials and counts its databases,
 * within a bounded time. A working connection answers with the count; anything else is a {@link ConnectorException}
 * whose {@link ErrorCode} says what is wrong, and {@link Problem#of} sorts it into the few answers a user acts on
 * (wrong credentials, missing permission, unreachable endpoint, an endpoint that is not a catalog...).
 *
 * <p>The probe retries a transient failure once at most (a throttled first call should not fail the test, but a dead
 * endpoint must answer quickly), and every call has the probe's timeout rather than the run's longer one.
 */
public final class ConnectionProbe {
    /** How long a test may take before it answers "no answer in time". */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    /** The SDK's vendor codes that mean "this catalog does not exist", as opposed to "this is not a catalog". */
    private static final Set<String> MISSING_CATALOG_CODES = Set.of("EntityNotFoundException", "NoSuchObject");

    private static final long POLL_MILLIS = 50;

    private final Duration timeout;

    public ConnectionProbe(Duration timeout) {
        this.timeout = requireNonNull(timeout, "timeout is null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
    }

    public ConnectionProbe() {
        this(DEFAULT_TIMEOUT);
    }

    /** A connection that works: which catalog answered, where, with how many databases, and how fast. */
    public record Result(Side side, String endpoint, int databases, Duration elapsed) {
        public Result {
            requireNonNull(side, "side is null");
            requireNonNull(endpoint, "endpoint is null");
            requireNonNull(elapsed, "elapsed is null");
        }
    }

    /** What a failed test means for the user. */
    public enum Problem {
        /** The key pair, token, profile or credentials file is wrong or expired. */
        INVALID_CREDENTIALS,
        /** The credentials work but may not list the catalog's databases. */
        ACCESS_DENIED,
        /** Nothing answers at the endpoint (unknown host, refused, no route). */
        UNREACHABLE,
        /** The endpoint took longer than the probe's timeout. */
        TIMEOUT,
        /** A catalog answered, but it has no catalog with the configured catalog id. */
        CATALOG_NOT_FOUND,
        /** Something answered, but not as the catalog's API does: a wrong endpoint, a proxy page, another service. */
        NOT_A_CATALOG,
        /** The catalog failed (throttling, 5xx) or something else went wrong. */
        OTHER;

        public static Problem of(ConnectorException e) {
            requireNonNull(e, "e is null");
            switch (e.code()) {
                case INVALID_CREDENTIALS:
                    return INVALID_CREDENTIALS;
                case ACCESS_DENIED:
                    return ACCESS_DENIED;
                case NETWORK:
                    return UNREACHABLE;
                case TIMEOUT:
                    return TIMEOUT;
                case NOT_FOUND:
                    return e.vendorCode()
                                    .filter(MISSING_CATALOG_CODES::contains)
                                    .isPresent()
                            ? CATALOG_NOT_FOUND
                            : NOT_A_CATALOG;
                case INVALID_INPUT:
                case REMOTE_REJECTED:
                case INTERNAL:
                    // A listing of databases has no input to be wrong about: an answer of this kind comes from
                    // something that does not speak the catalog's API.
                    return NOT_A_CATALOG;
                default:
                    return OTHER;
            }
        }
    }

    /**
     * Counts the databases of {@code side}'s catalog.
     *
     * @throws ConnectorException when the catalog cannot be listed (see {@link Problem#of}); {@link ErrorCode#TIMEOUT}
     *     when it does not answer within the timeout
     * @throws CancellationException when {@code cancel} is set while waiting
     */
    public Result probe(MigrationConfig config, Side side, CancellationToken cancel) {
        requireNonNull(config, "config is null");
        requireNonNull(side, "side is null");
        requireNonNull(cancel, "cancel is null");
        cancel.check();
        long start = System.nanoTime();
        AtomicReference<AutoCloseable> connection = new AtomicReference<>();
        MigrationConfig.Side which = side == Side.SOURCE ? config.source() : config.destination();
        AtomicReference<String> reached = new AtomicReference<>(which.describe());
        CompletableFuture<Integer> count = new CompletableFuture<>();
        Thread worker = new Thread(
                () -> {
                    try {
                        count.complete(count(config, which, connection, reached));
                    } catch (Throwable t) {
                        count.completeExceptionally(t);
                    }
                },
                "connection-probe-" + side.name().toLowerCase(java.util.Locale.ROOT));
        worker.setDaemon(true);
        worker.start();
        try {
            long deadline = start + timeout.toNanos();
            while (true) {
                cancel.check();
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new ConnectorException(
                            ErrorCode.TIMEOUT,
                            null,
                            "no answer from " + reached.get() + " within " + timeout.toSeconds() + " s",
                            null);
                }
                try {
                    int databases =
                            count.get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS)), TimeUnit.NANOSECONDS);
                    return new Result(side, reached.get(), databases, Duration.ofNanos(System.nanoTime() - start));
                } catch (TimeoutException e) {
                    // poll again: cancellation and the deadline are checked at the top
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof ConnectorException ce) {
                        throw ce;
                    }
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new ConnectorException(ErrorCode.INTERNAL, null, "connection test failed: " + cause, cause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("interrupted");
                }
            }
        } finally {
            if (!count.isDone()) {
                // Closing the client aborts the call still in flight, so the worker ends soon.
                closeQuietly(connection.get());
                worker.interrupt();
            }
        }
    }

    private int count(
            MigrationConfig config,
            MigrationConfig.Side which,
            AtomicReference<AutoCloseable> connection,
            AtomicReference<String> reached) {
        CatalogConnector connector = which.connector();
        CallSettings calls =
                new CallSettings(1, callTimeout(), callTimeout(), config.calls().functions());
        try (CatalogConnection open = connector.open(which.settings(), calls)) {
            connection.set(open);
            reached.set(open.endpoint());
            try (CatalogReader reader = open.reader(retries())) {
                return reader.databaseCount();
            }
        } catch (RuntimeException e) {
            throw asConnectorException(e, connector.shortName() + " databases: ");
        }
    }

    /** Building a client can fail outside the connector's error mapping (e.g. a credentials file that is gone). */
    private static ConnectorException asConnectorException(RuntimeException e, String prefix) {
        if (e instanceof ConnectorException ce) {
            return ce;
        }
        String message = String.valueOf(e.getMessage());
        ErrorCode code = message.toLowerCase(java.util.Locale.ROOT).contains("credential")
                ? ErrorCode.INVALID_CREDENTIALS
                : ErrorCode.INTERNAL;
        return new ConnectorException(code, null, prefix + e.getClass().getSimpleName() + ": " + message, e);
    }

    private Duration callTimeout() {
        return timeout;
    }

    /** One retry of a transient failure, soon: a test answers in seconds or says why not. */
    private static Retries retries() {
        return Retries.of(2, Duration.ofMillis(200), Duration.ofSeconds(1));
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // the probe has answered already; a failure to close the abandoned client changes nothing
        }
    }
}
