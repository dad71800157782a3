package dev.lakeport.apply;

import dev.lakeport.diff.DiffResult;
import dev.lakeport.model.ObjectKey;
import java.time.Instant;

/**
 * Where the {@link Executor} records what happened to each item. {@link ResultLog} writes the result files of a run
 * from this machine; the Spark job collects each task's records and sends them to its driver, which writes the files
 * where {@code result.output.path} says. Implementations are called from many threads at once.
 */
public interface ResultSink {

    /** Records the outcome of one item; {@code time} is when it finished. */
    void record(ObjectKey key, DiffResult diffResult, Outcome outcome, String errorMsg, Instant time, long durationMs);

    /** The run was cancelled: items not run are recorded as {@link Outcome#NOT_RUN}. */
    void markCancelled();

    /** What has been recorded so far. */
    RunSummary summary();
}
