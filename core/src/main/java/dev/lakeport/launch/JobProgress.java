package dev.lakeport.launch;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How far the job is: its phase ({@link #EXTRACT}, {@link #TRANSFORM} or {@link #LOAD}, the seed's three), the items
 * done and failed in that phase out of {@code total} ({@code -1} when not known yet), and the rate over the last
 * interval in items per second.
 */
public record JobProgress(String runId, String phase, long done, long failed, long total, double rate, Instant time)
        implements JobRecord {
    public static final String EXTRACT = "extract";
    public static final String TRANSFORM = "transform";
    public static final String LOAD = "load";

    public JobProgress {
        requireNonNull(runId, "runId is null");
        requireNonNull(phase, "phase is null");
        requireNonNull(time, "time is null");
        if (done < 0 || failed < 0 || total < -1) {
            throw new IllegalArgumentException("negative progress: done=" + done + " failed=" + failed);
        }
        if (Double.isNaN(rate) || rate < 0) {
            throw new IllegalArgumentException("rate must be 0 or positive: " + rate);
        }
    }

    /** The time left at the current rate, if the total is known and the rate is not zero. */
    public Optional<Duration> eta() {
        if (total < 0 || rate <= 0) {
            return Optional.empty();
        }
        long left = Math.max(0, total - done);
        return Optional.of(Duration.ofMillis((long) (left * 1000 / rate)));
    }
}
