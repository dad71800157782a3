package dev.lakeport.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TunnelPacerTest {
    private static final TunnelTarget DAY_1 = new TunnelTarget("p1", "sales", List.of("ds"), List.of("1"));
    private static final TunnelTarget DAY_2 = new TunnelTarget("p1", "sales", List.of("ds"), List.of("2"));
    private static final TunnelTarget DAY_3 = new TunnelTarget("p1", "sales", List.of("ds"), List.of("3"));
    private static final TunnelTarget OTHER = TunnelTarget.table("p1", "other");

    @Test
    void aTableHasAtMostTheSessionsAtOnceItsLimitAllowsAndAClosedSessionFreesATurn() {
        TunnelPacer pacer = new TunnelPacer(2, 100, Duration.ofSeconds(1), Duration.ofMillis(50));
        pacer.acquire(DAY_1);
        pacer.acquire(DAY_2);

        assertThatThrownBy(() -> pacer.acquire(DAY_3))
                .isInstanceOf(CopyException.class)
                .hasMessageContaining("table p1.sales already has 2 upload sessions open")
                .hasMessageContaining("p1.sales partition ds=3");
        pacer.acquire(OTHER); // another table has its own turns

        pacer.release(DAY_1);
        pacer.acquire(DAY_3);
    }

    @Test
    void aWindowsSessionsAreCreatedAtOnceAndTheNextWaitsUntilTheFirstIsAWindowOld() {
        Duration window = Duration.ofMillis(800);
        TunnelPacer pacer = new TunnelPacer(10, 3, window, Duration.ofSeconds(5));
        long start = System.nanoTime();
        for (TunnelTarget t : List.of(DAY_1, DAY_2, DAY_3)) {
            pacer.acquire(t);
            pacer.release(t);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("a window's sessions need not wait")
                .isLessThan(window);

        pacer.acquire(DAY_1);

        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("the fourth within the window waits for the first to leave it")
                .isGreaterThanOrEqualTo(window);
    }

    @Test
    void noWindowHoldsMoreSessionsThanTheLimit() {
        TunnelPacer pacer = new TunnelPacer(10, 2, Duration.ofMinutes(5), Duration.ofMillis(50));
        pacer.acquire(DAY_1);
        pacer.release(DAY_1);
        pacer.acquire(DAY_2);
        pacer.release(DAY_2);

        assertThatThrownBy(() -> pacer.acquire(DAY_3))
                .isInstanceOf(CopyException.class)
                .hasMessageContaining("table p1.sales reached 2 upload sessions in PT5M");
    }
}
