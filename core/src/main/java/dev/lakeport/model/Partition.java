package dev.lakeport.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A partition: its values follow the table's partition keys, in order. */
public record Partition(
        String databaseName,
        String tableName,
        List<String> values,
        Optional<StorageDescriptor> storageDescriptor,
        Map<String, String> parameters,
        Optional<Instant> createTime,
        Optional<Instant> lastAccessTime,
        Optional<Instant> lastAnalyzedTime)
        implements CatalogObject {

    public Partition {
        requireNonNull(databaseName, "databaseName is null");
        requireNonNull(tableName, "tableName is null");
        requireNonNull(values, "values is null");
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a partition needs at least one value");
        }
        values = List.copyOf(values);
        storageDescriptor = Immutables.optional(storageDescriptor);
        parameters = Immutables.map(parameters);
        createTime = Immutables.optional(createTime);
        lastAccessTime = Immutables.optional(lastAccessTime);
        lastAnalyzedTime = Immutables.optional(lastAnalyzedTime);
    }

    @Override
    public ObjectKey key() {
        return ObjectKey.partition(databaseName, tableName, values);
    }

    public Partition withStorageDescriptor(StorageDescriptor sd) {
        return new Partition(
                databaseName,
                tableName,
                values,
                Optional.ofNullable(sd),
                parameters,
                createTime,
                lastAccessTime,
                lastAnalyzedTime);
    }

    public Partition withParameters(Map<String, String> newParameters) {
        return new Partition(
                databaseName,
                tableName,
                values,
                storageDescriptor,
                newParameters,
                createTime,
                lastAccessTime,
                lastAnalyzedTime);
    }
}
