package dev.lakeport.apply;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/** A stored apply run. */
public record ResultRunInfo(
        String runId,
        Instant startedAt,
        Optional<Instant> finishedAt,
        boolean dryRun,
        boolean cancelled,
        Optional<String> outputDir) {
    public ResultRunInfo {
        requireNonNull(runId, "runId is null");
        requireNonNull(startedAt, "startedAt is null");
        requireNonNull(finishedAt, "finishedAt is null");
        requireNonNull(outputDir, "outputDir is null");
    }
}
