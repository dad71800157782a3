package dev.lakeport.app.pages.run;

import dev.lakeport.app.i18n.Messages;
import dev.lakeport.apply.ResultListener;
import dev.lakeport.pipeline.ApplyOutcome;
import dev.lakeport.pipeline.ApplyRequest;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import java.util.Optional;

/**
 * Where a run executes: this computer ({@link DirectRunTarget}), or the bundled Spark job on a saved cluster profile
 * ({@link SparkJobRunTarget}: EMR / YARN, Spark on MaxCompute, Livy, or Spark in this process), which turns the job's
 * progress records into the same calls.
 */
public interface RunTarget {
    /** The target's name as the page lists it. */
    String displayName(Messages messages);

    /**
     * Whether the run applies the stored diff as the Diff step left it (inclusions and exclusions); the Spark job
     * compares the catalogs again on the cluster instead.
     */
    default boolean appliesStoredDiff() {
        return true;
    }

    /** Why the target cannot run from here (Spark missing, no job jar, ...), or empty. */
    default Optional<String> unavailableReason() {
        return Optional.empty();
    }

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
