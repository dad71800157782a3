package dev.lakeport.app.pages.run;

import dev.lakeport.app.session.ProjectSession;
import dev.lakeport.apply.ResultRunInfo;
import dev.lakeport.apply.ResultStore;
import dev.lakeport.diff.DiffQuery;
import dev.lakeport.diff.DiffResult;
import dev.lakeport.diff.DiffRunInfo;
import dev.lakeport.diff.DiffStore;
import dev.lakeport.diff.DiffSummary;
import java.time.Instant;
import java.util.Optional;

/**
 * What the Run page shows of a diff, read off the FX thread: its run, the counts of creates, updates and deletes it
 * includes, and whether a finished run already applied it.
 */
record DiffFacts(long runId, Optional<DiffRunInfo> info, long create, long update, long delete, boolean applied) {
    /** Reads the facts of diff run {@code runId} from the project's stores. */
    static DiffFacts read(ProjectSession session, long runId) {
        DiffStore diffs = session.diffs();
        Optional<DiffRunInfo> info = diffs.run(runId);
        DiffSummary summary = diffs.summary(runId, DiffQuery.all().includedOnly());
        boolean applied = info.flatMap(DiffRunInfo::finishedAt)
                .map(finished -> appliedAfter(session.results(), finished))
                .orElse(false);
        return new DiffFacts(
                runId,
                info,
                summary.total(DiffResult.CREATE),
                summary.total(DiffResult.UPDATE),
                summary.total(DiffResult.DELETE),
                applied);
    }

    /**
     * Whether a real run finished without failures after the diff was made: the result store does not record which
     * diff a run applied, but the app and the command line apply the latest diff, so a clean run that started after
     * it finished applied it (or a later one).
     */
    private static boolean appliedAfter(ResultStore results, Instant diffFinished) {
        for (ResultRunInfo r : results.runs()) {
            if (r.startedAt().isBefore(diffFinished)) {
                break; // newest first: the rest are older
            }
            if (!r.dryRun()
                    && !r.cancelled()
                    && r.finishedAt().isPresent()
                    && results.summary(r.runId()).totals().failed() == 0) {
                return true;
            }
        }
        return false;
    }
}
