package dev.lakeport.connector;

import java.util.List;

/**
 * The outcome of a batch call: which entries failed and why. Entries not listed succeeded. A failed entry is
 * identified by its partition values.
 */
public record BatchResult(List<Failure> failures) {
    public static final BatchResult OK = new BatchResult(List.of());

    public BatchResult {
        failures = List.copyOf(failures);
    }

    public boolean allSucceeded() {
        return failures.isEmpty();
    }

    public record Failure(List<String> partitionValues, ConnectorException error) {
        public Failure {
            partitionValues = List.copyOf(partitionValues);
        }
    }
}
