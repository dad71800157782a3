package dev.lakeport.model;

import static java.util.Objects.requireNonNull;

/** A resource a function needs; {@code resourceType} is JAR, FILE or ARCHIVE. */
public record ResourceUri(String resourceType, String uri) {
    public ResourceUri {
        requireNonNull(resourceType, "resourceType is null");
        requireNonNull(uri, "uri is null");
    }
}
