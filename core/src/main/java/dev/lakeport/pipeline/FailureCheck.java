package dev.lakeport.pipeline;

import static java.util.Objects.requireNonNull;

import dev.lakeport.apply.Outcome;
import dev.lakeport.apply.ResultQuery;
import dev.lakeport.apply.ResultStore;
import dev.lakeport.diff.DiffQuery;
import dev.lakeport.diff.DiffStore;
import dev.lakeport.diff.StoredDiffEntry;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.snapshot.CloseableIterator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

/**
 * What became of a run's failed items by the time of a later diff (a verify, or the diff of a retry): a failed call
 * whose object the diff finds as intended at the destination was applied after all (its response was lost, a retry
 * did it, or another run); the others remain. So a run's failures and a later "the destination matches" do not read
 * as contradictory verdicts.
 */
public record FailureCheck(String runId, long failed, long resolved, long remaining) {

    public FailureCheck {
        requireNonNull(runId, "runId is null");
        if (failed != resolved + remaining) {
            throw new IllegalArgumentException("failed must be resolved + remaining");
        }
    }

    /** Checks the FAILED items of {@code runId} against the entries of {@code diffRunId}. */
    public static FailureCheck of(ResultStore results, String runId, DiffStore diffs, long diffRunId) {
        Set<ObjectKey> stillDiffer = new HashSet<>();
        try (CloseableIterator<StoredDiffEntry> it = diffs.stream(diffRunId, DiffQuery.all())) {
            it.forEachRemaining(e -> stillDiffer.add(e.entry().key()));
        }
        long failed = 0;
        long remaining = 0;
        for (ObjectKey key : results.keys(runId, ResultQuery.all().withOutcomes(EnumSet.of(Outcome.FAILED)))) {
            failed++;
            if (stillDiffer.contains(key)) {
                remaining++;
            }
        }
        return new FailureCheck(runId, failed, failed - remaining, remaining);
    }

    /** One line for a summary, e.g. "100 failed items; verify found 97 of them as intended at the destination; 3 remain". */
    public String describe(String by) {
        if (failed == 0) {
            return "run " + runId + " had no failed items";
        }
        if (remaining == 0) {
            return String.format(
                    "run %s had %,d failed items; %s found all of them as intended at the destination: none remain",
                    runId, failed, by);
        }
        return String.format(
                "run %s had %,d failed items; %s found %,d of them as intended at the destination; %,d remain",
                runId, failed, by, resolved, remaining);
    }
}
