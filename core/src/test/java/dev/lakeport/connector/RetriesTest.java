package dev.lakeport.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** How long a failing call is retried, and what its final failure says. */
class RetriesTest {
    private static final Retries FAST = Retries.of(20, Duration.ofMillis(1), Duration.ofMillis(5));

    @Test
    void aCallThatCannotConnectGivesUpAfterAFewAttempts() {
        AtomicInteger calls = new AtomicInteger();

        ConnectorException e = catchThrowableOfType(
                ConnectorException.class,
                () -> FAST.call(() -> {
                    calls.incrementAndGet();
                    throw new ConnectorException(
                            ErrorCode.NETWORK,
                            null,
                            "Glue GetDatabases failed: cannot connect to http://127.0.0.1:9",
                            new ConnectException("Connection refused"));
                }));

        assertThat(calls).hasValue(Retries.CONNECT_ATTEMPTS);
        assertThat(e.code()).isEqualTo(ErrorCode.NETWORK);
        assertThat(e.getMessage())
                .startsWith("Glue GetDatabases failed: cannot connect to http://127.0.0.1:9")
                .contains("gave up after " + Retries.CONNECT_ATTEMPTS + " attempts");
    }

    @Test
    void aBrokenConnectionIsRetriedLikeThrottling() {
        AtomicInteger calls = new AtomicInteger();

        String result = FAST.call(() -> {
            if (calls.incrementAndGet() < 12) {
                throw new ConnectorException(ErrorCode.NETWORK, "DLF CreateTable a.b failed: the connection broke");
            }
            return "applied";
        });

        assertThat(result).isEqualTo("applied");
        assertThat(calls).hasValue(12);
    }

    @Test
    void theDeadlineEndsRetriesBeforeTheAttemptsRunOut() {
        Retries slow =
                Retries.of(1000, Duration.ofMillis(40), Duration.ofMillis(50)).withDeadline(Duration.ofMillis(400));
        AtomicInteger calls = new AtomicInteger();
        long started = System.nanoTime();

        ConnectorException e = catchThrowableOfType(
                ConnectorException.class,
                () -> slow.call(() -> {
                    calls.incrementAndGet();
                    throw new ConnectorException(ErrorCode.TIMEOUT, "Glue GetTables db failed: no answer in time");
                }));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(calls.get()).isBetween(2, 50);
        assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(e.getMessage()).contains("gave up after " + calls.get() + " attempts");
    }

    @Test
    void aRefusalIsNotRetried() {
        AtomicInteger calls = new AtomicInteger();

        ConnectorException e = catchThrowableOfType(
                ConnectorException.class,
                () -> FAST.call(() -> {
                    calls.incrementAndGet();
                    throw new ConnectorException(ErrorCode.ALREADY_EXISTS, "exists");
                }));

        assertThat(calls).hasValue(1);
        assertThat(e.getMessage()).isEqualTo("exists");
    }
}
