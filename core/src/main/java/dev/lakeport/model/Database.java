package dev.lakeport.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A database. Fields a destination cannot hold travel in {@link #parameters()} under {@code lakeport.glue.*} keys
 * (see docs/field-map.md), so nothing read from the source is dropped.
 */
public record Database(
        String name,
        Optional<String> description,
        Optional<String> locationUri,
        Map<String, String> parameters,
        Optional<Instant> createTime)
        implements CatalogObject {

    public Database {
        requireNonNull(name, "name is null");
        description = Immutables.optional(description);
        locationUri = Immutables.optional(locationUri);
        parameters = Immutables.map(parameters);
        createTime = Immutables.optional(createTime);
    }

    public static Database of(String name) {
        return new Database(name, Optional.empty(), Optional.empty(), Map.of(), Optional.empty());
    }

    @Override
    public ObjectKey key() {
        return ObjectKey.database(name);
    }

    public Database withLocationUri(String location) {
        return new Database(name, description, Immutables.text(location), parameters, createTime);
    }

    public Database withParameters(Map<String, String> newParameters) {
        return new Database(name, description, locationUri, newParameters, createTime);
    }
}
