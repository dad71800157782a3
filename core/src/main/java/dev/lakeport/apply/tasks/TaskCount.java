package dev.lakeport.apply.tasks;

import static java.util.Objects.requireNonNull;

import dev.lakeport.copy.PartitionCounts;
import java.time.Instant;
import java.util.Optional;

/**
 * What a task's last verification found for one partition (or a whole table): its three counts and, when they
 * disagree, why.
 */
public record TaskCount(
        long taskId, String database, PartitionCounts counts, Optional<String> mismatch, Instant checkedAt) {
    public TaskCount {
        requireNonNull(database, "database is null");
        requireNonNull(counts, "counts is null");
        requireNonNull(mismatch, "mismatch is null");
        requireNonNull(checkedAt, "checkedAt is null");
    }

    public boolean passed() {
        return mismatch.isEmpty();
    }
}
