package dev.lakeport.snapshot;

import static java.util.Objects.requireNonNull;

/** A database of one side with what it holds, for the browsing tree. {@code name} is the key's (lower-case) name. */
public record DatabaseSummary(String name, long tables, long partitions, long functions) {
    public DatabaseSummary {
        requireNonNull(name, "name is null");
    }
}
