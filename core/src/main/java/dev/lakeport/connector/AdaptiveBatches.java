package dev.lakeport.connector;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Sends a writer's batch in chunks of an {@link AdaptiveSize}: a server that refuses a chunk as too large gets it
 * again in smaller chunks. The outcome is one {@link BatchResult} for the whole batch, as if it were one call: if the
 * first chunk fails for another reason the whole call failed and that is thrown; if a later chunk fails, the entries
 * not yet written are reported as failed with that error (a transient one is retried entry by entry by the caller).
 */
public final class AdaptiveBatches {
    private AdaptiveBatches() {}

    /**
     * @param apiMaximum the operation's own largest batch (a size above it is never sent)
     * @param valuesOf an entry's partition values, naming it in a failure
     * @param call one call with one chunk
     */
    public static <T> BatchResult send(
            List<T> entries,
            AdaptiveSize size,
            int apiMaximum,
            Function<T, List<String>> valuesOf,
            Function<List<T>, BatchResult> call) {
        if (entries.isEmpty()) {
            return BatchResult.OK;
        }
        List<BatchResult.Failure> failures = new ArrayList<>();
        int from = 0;
        boolean written = false;
        while (from < entries.size()) {
            List<T> chunk = entries.subList(from, Math.min(entries.size(), from + size.atMost(apiMaximum)));
            try {
                failures.addAll(call.apply(chunk).failures());
                written = true;
                from += chunk.size();
            } catch (ConnectorException e) {
                if (size.lowerAfter(e, chunk.size())) {
                    continue;
                }
                if (!written) {
                    throw e;
                }
                for (T entry : entries.subList(from, entries.size())) {
                    failures.add(new BatchResult.Failure(valuesOf.apply(entry), e));
                }
                break;
            }
        }
        return new BatchResult(failures);
    }
}
