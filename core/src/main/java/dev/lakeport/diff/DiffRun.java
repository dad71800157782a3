package dev.lakeport.diff;

import static java.util.Objects.requireNonNull;

/** The outcome of {@link DiffStore#diff}: the stored run's id and what it found. */
public record DiffRun(long runId, DiffSummary summary) {
    public DiffRun {
        requireNonNull(summary, "summary is null");
    }
}
