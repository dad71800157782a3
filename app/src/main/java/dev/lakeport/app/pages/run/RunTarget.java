package dev.lakeport.app.pages.run;

import dev.lakeport.apply.ResultListener;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import dev.lakeport.project.ApplyOutcome;
import dev.lakeport.project.ApplyRequest;

/**
 * Where a run executes. Today the one target is this computer ({@link DirectRunTarget}); the Spark job on a remote
 * cluster (EMR / YARN, Spark on MaxCompute) will be a second implementation that submits the job and turns its
 * progress records into the same calls, so the page does not change when it comes.
 */
public interface RunTarget {
    /** The bundle key of the target's name as the page lists it. */
    String nameKey();

    /**
     * Applies the stored diff {@code diffRunId}. Blocking; called from a background task. Reports progress per phase
     * to {@code progress}, every result record to {@code results} as it is written, and stops at the next batch once
     * {@code cancel} is set (the outcome then says so; completed work is kept).
     */
    ApplyOutcome apply(
            long diffRunId,
            ApplyRequest request,
            ResultListener results,
            ProgressListener progress,
            CancellationToken cancel);
}
