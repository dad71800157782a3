package dev.lakeport.pipeline;

import dev.lakeport.apply.RunSummary;
import dev.lakeport.plan.SkippedEntry;
import java.nio.file.Path;
import java.util.List;

/** What an apply did: the run's summary, the deletions it skipped, and where its result log is. */
public record ApplyOutcome(
        String runId, RunSummary summary, List<SkippedEntry> skipped, Path resultsFile, Path csvFile, Path failedFile) {
    public ApplyOutcome {
        skipped = List.copyOf(skipped);
    }
}
