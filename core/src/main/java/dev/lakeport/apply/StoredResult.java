package dev.lakeport.apply;

import static java.util.Objects.requireNonNull;

import dev.lakeport.model.ObjectKey;

/** A result record with the exact key it is about and its outcome, as the H2 store keeps it. */
public record StoredResult(ObjectKey key, Outcome outcome, ResultRecord record) {
    public StoredResult {
        requireNonNull(key, "key is null");
        requireNonNull(outcome, "outcome is null");
        requireNonNull(record, "record is null");
    }
}
