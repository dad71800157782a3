package dev.lakeport.plan.tasks;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A stored job: what the user chose and how to run it, and how many of its tasks are in each state. */
public record Job(long id, String label, Instant createdAt, JobSpec spec, StateCounts counts) {
    public Job {
        requireNonNull(label, "label is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(spec, "spec is null");
        requireNonNull(counts, "counts is null");
    }
}
