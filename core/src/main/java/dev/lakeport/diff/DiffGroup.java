package dev.lakeport.diff;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A database or a table as a tree of differences shows it: the counts of its selected entries ({@code summary}), the
 * result of its own entry if that is selected ({@code own}, with whether it is included), and how many child rows it
 * has: for a database the tables and functions with selected entries, for a table its selected partition entries.
 */
public record DiffGroup(GroupSummary summary, Optional<DiffResult> own, boolean ownIncluded, long children) {
    public DiffGroup {
        requireNonNull(summary, "summary is null");
        requireNonNull(own, "own is null");
        if (children < 0) {
            throw new IllegalArgumentException("children must not be negative");
        }
    }

    /** Selected entries of the group left out of the plan. */
    public long excluded() {
        return summary.excluded();
    }

    /** Selected entries of the group, its own included. */
    public long total() {
        return summary.total();
    }
}
