package dev.lakeport.app.pages.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoadMeterTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void progressIsUnknownWhileTheDatabasesAreListedWithoutAnEarlierLoad() {
        LoadMeter meter = new LoadMeter(0, 0);
        meter.sample(SECOND, 40, 0, -1, -1);
        assertThat(meter.progress()).isEqualTo(-1);
        assertThat(meter.etaSeconds()).isEqualTo(-1);
        assertThat(meter.rate()).isEqualTo(40.0);
    }

    @Test
    void theRateIsMeasuredOverHalfASecondAndSmoothed() {
        LoadMeter meter = new LoadMeter(0, 0);
        meter.sample(SECOND / 10, 10_000, 0, 10, 0);
        assertThat(meter.rate()).as("too short a window to say").isZero();
        meter.sample(SECOND, 1_000, 0, 10, 0);
        assertThat(meter.rate()).isEqualTo(1_000.0);
        meter.sample(2 * SECOND, 3_000, 0, 10, 0);
        // 2,000/s now, blended with the 1,000/s before.
        assertThat(meter.rate()).isEqualTo(0.6 * 2_000 + 0.4 * 1_000);
    }

    @Test
    void anEarlierCompleteLoadGivesTheTotalToMeasureAgainst() {
        LoadMeter meter = new LoadMeter(10_000, 0);
        meter.sample(SECOND, 2_500, 0, 3, 0);
        assertThat(meter.progress()).isEqualTo(0.25);
        assertThat(meter.etaSeconds()).isEqualTo(3);
    }

    @Test
    void aCatalogThatGrewPastTheEarlierTotalFallsBackToTables() {
        LoadMeter meter = new LoadMeter(100, 0);
        meter.sample(4 * SECOND, 150, 3, 4, 2 * SECOND);
        assertThat(meter.progress()).isEqualTo(0.75);
        // Three tables in two seconds: the fourth in about one more.
        assertThat(meter.etaSeconds()).isEqualTo(1);
    }

    @Test
    void aScopeWithoutTablesIsDoneAsSoonAsItIsListed() {
        LoadMeter meter = new LoadMeter(0, 0);
        meter.sample(SECOND, 2, 0, 0, 0);
        assertThat(meter.progress()).isEqualTo(1.0);
        assertThat(meter.etaSeconds()).isEqualTo(-1);
    }
}
