package dev.lakeport.diff;

import static java.util.Objects.requireNonNull;

/** A diff entry as stored, with whether the user kept it in the plan. */
public record StoredDiffEntry(DiffEntry entry, boolean included) {
    public StoredDiffEntry {
        requireNonNull(entry, "entry is null");
    }
}
