package dev.lakeport.mapping;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One column's type on the way to a destination of another type system: the source type, the type created, and the
 * flag or rule that decided it — or, with no destination type, why the destination cannot hold it.
 */
public record ColumnTypeMapping(
        String column, boolean partitionKey, String sourceType, Optional<String> destinationType, String because) {

    public ColumnTypeMapping {
        requireNonNull(column, "column is null");
        requireNonNull(sourceType, "sourceType is null");
        requireNonNull(destinationType, "destinationType is null");
        requireNonNull(because, "because is null");
    }

    public boolean held() {
        return destinationType.isPresent();
    }
}
