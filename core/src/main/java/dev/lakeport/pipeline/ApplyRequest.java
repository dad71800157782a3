package dev.lakeport.pipeline;

import java.util.OptionalLong;

/**
 * How to apply a diff: concurrency (calls in flight), rate (calls per second, 0 = unlimited), dry run, and
 * deletions — which happen only when turned on and confirmed with the exact number of objects to delete.
 */
public record ApplyRequest(
        int concurrency, double callsPerSecond, boolean dryRun, boolean allowDeletes, OptionalLong confirmedDeletes) {

    public ApplyRequest {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be positive, got " + concurrency);
        }
        if (callsPerSecond < 0) {
            throw new IllegalArgumentException("rate must be 0 (unlimited) or more, got " + callsPerSecond);
        }
        confirmedDeletes = confirmedDeletes == null ? OptionalLong.empty() : confirmedDeletes;
    }
}
