package dev.lakeport.plan;

import static java.util.Objects.requireNonNull;

import dev.lakeport.diff.DiffResult;
import dev.lakeport.model.ObjectKey;

/** A diff entry the plan leaves out, with the reason the result log shows. */
public record SkippedEntry(ObjectKey key, DiffResult result, String reason) {
    public SkippedEntry {
        requireNonNull(key, "key is null");
        requireNonNull(result, "result is null");
        requireNonNull(reason, "reason is null");
    }
}
