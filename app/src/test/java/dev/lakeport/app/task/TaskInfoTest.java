package dev.lakeport.app.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TaskInfoTest {
    private final AtomicLong clock = new AtomicLong();
    private final AtomicInteger refreshRequests = new AtomicInteger();
    private final TaskInfo info = new TaskInfo("Load", clock::get, refreshRequests::incrementAndGet);

    @Test
    void countsReachThePropertiesOnlyOnRefresh() {
        info.scope().phase("load source", 1_000);
        info.scope().advance(100, 2);
        assertThat(info.doneProperty().get()).isZero();
        assertThat(refreshRequests.get()).isEqualTo(2);
        info.refresh();
        assertThat(info.phaseProperty().get()).isEqualTo("load source");
        assertThat(info.doneProperty().get()).isEqualTo(100);
        assertThat(info.failedProperty().get()).isEqualTo(2);
        assertThat(info.progressProperty().get()).isEqualTo(0.1);
    }

    @Test
    void rateAndEtaComeFromTheItemsDoneOverTime() {
        info.scope().phase("apply", 10_000);
        info.refresh();
        clock.set(1_000_000_000L);
        info.scope().advance(1_000, 0);
        info.refresh();
        assertThat(info.rateProperty().get()).isEqualTo(1_000.0);
        assertThat(info.etaSecondsProperty().get()).isEqualTo(9);
    }

    @Test
    void aNewPhaseStartsItsCountsAndRateAfresh() {
        info.scope().phase("load source", 10);
        info.scope().advance(10, 0);
        clock.set(2_000_000_000L);
        info.refresh();
        info.scope().phase("load destination", -1);
        info.refresh();
        assertThat(info.doneProperty().get()).isZero();
        assertThat(info.rateProperty().get()).isZero();
        assertThat(info.progressProperty().get()).isEqualTo(-1);
        assertThat(info.etaSecondsProperty().get()).isEqualTo(-1);
    }

    @Test
    void cancelSetsTheTokenTheWorkChecks() {
        assertThat(info.scope().cancellation().isCancelled()).isFalse();
        info.cancel();
        assertThat(info.scope().cancellation().isCancelled()).isTrue();
        info.finish(TaskInfo.State.CANCELLED);
        assertThat(info.stateProperty().get()).isEqualTo(TaskInfo.State.CANCELLED);
    }
}
