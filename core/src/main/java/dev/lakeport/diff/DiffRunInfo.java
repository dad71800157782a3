package dev.lakeport.diff;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/** A stored diff run. {@code status} is RUNNING, COMPLETE, CANCELLED, FAILED or INTERRUPTED (the process stopped while it ran). */
public record DiffRunInfo(
        long runId,
        String label,
        Instant startedAt,
        Optional<Instant> finishedAt,
        String status,
        boolean comparePartition) {
    public DiffRunInfo {
        requireNonNull(label, "label is null");
        requireNonNull(startedAt, "startedAt is null");
        requireNonNull(finishedAt, "finishedAt is null");
        requireNonNull(status, "status is null");
    }
}
