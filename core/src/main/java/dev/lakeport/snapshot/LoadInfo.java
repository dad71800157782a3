package dev.lakeport.snapshot;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * The state of one side's snapshot: where and when it was loaded, whether the load finished, and what it holds.
 * {@code mappingId} is the mapping the SOURCE fingerprints were computed with (empty for DESTINATION, or while a
 * re-fingerprint is under way).
 */
public record LoadInfo(
        Side side,
        long generation,
        LoadOrigin origin,
        Instant startedAt,
        Optional<Instant> finishedAt,
        boolean complete,
        Optional<String> mappingId,
        long databases,
        long tables,
        long partitions,
        long functions) {
    public LoadInfo {
        requireNonNull(side, "side is null");
        requireNonNull(origin, "origin is null");
        requireNonNull(startedAt, "startedAt is null");
        finishedAt = finishedAt == null ? Optional.empty() : finishedAt;
        mappingId = mappingId == null ? Optional.empty() : mappingId;
    }

    /**
     * Identifies this load of the side: a later load (or a resumed one that has since finished) gives another stamp,
     * so a result computed from the snapshot can tell whether the snapshot changed since.
     */
    public String stamp() {
        return "generation " + generation + ", started " + startedAt + ", "
                + finishedAt.map(f -> "finished " + f).orElse("unfinished");
    }
}
