package dev.lakeport.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A user-defined function. {@code ownerType} is USER, ROLE or GROUP; {@code functionType} is the source's own word
 * (Glue REGULAR_FUNCTION / AGGREGATE_FUNCTION / STORED_PROCEDURE, Hive / DLF JAVA).
 */
public record Function(
        String databaseName,
        String name,
        String className,
        Optional<String> ownerName,
        Optional<String> ownerType,
        Optional<String> functionType,
        List<ResourceUri> resourceUris,
        Optional<Instant> createTime)
        implements CatalogObject {

    public Function {
        requireNonNull(databaseName, "databaseName is null");
        requireNonNull(name, "name is null");
        className = className == null ? "" : className;
        ownerName = Immutables.optional(ownerName);
        ownerType = Immutables.optional(ownerType);
        functionType = Immutables.optional(functionType);
        resourceUris = Immutables.list(resourceUris);
        createTime = Immutables.optional(createTime);
    }

    @Override
    public ObjectKey key() {
        return ObjectKey.function(databaseName, name);
    }
}
