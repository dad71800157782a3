package dev.lakeport.config;

import static java.util.Objects.requireNonNull;

/** One problem with one setting; printed as {@code <key>: <problem>}. */
public record ConfigProblem(String key, String problem) {
    public ConfigProblem {
        requireNonNull(key, "key is null");
        requireNonNull(problem, "problem is null");
    }

    @Override
    public String toString() {
        return key + ": " + problem;
    }
}
