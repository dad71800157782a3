package dev.lakeport.load;

import dev.lakeport.connector.ErrorCode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What a load read, what it skipped as already loaded, and what failed. */
public record LoadSummary(
        long databases,
        long tables,
        long partitions,
        long functions,
        long tablesResumed,
        Duration duration,
        List<LoadFailure> failures,
        boolean cancelled) {

    public LoadSummary {
        failures = List.copyOf(failures);
    }

    public boolean complete() {
        return failures.isEmpty() && !cancelled;
    }

    public long objects() {
        return databases + tables + partitions + functions;
    }

    /** An object the load could not read, with the catalog's error and, when the catalog named one, its code. */
    public record LoadFailure(String itemName, String error, Optional<ErrorCode> code) {
        public LoadFailure {
            java.util.Objects.requireNonNull(code, "code is null");
        }

        public LoadFailure(String itemName, String error) {
            this(itemName, error, Optional.empty());
        }
    }
}
