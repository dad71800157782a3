package dev.lakeport.snapshot;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Where a side was loaded from, as the user recognises it: the connector kind (glue, dlf...), the endpoint or region,
 * and the catalog id. Never credentials: user information in an endpoint URL is dropped.
 */
public record LoadOrigin(String connector, String endpoint, Optional<String> catalogId) {
    public LoadOrigin {
        requireNonNull(connector, "connector is null");
        requireNonNull(endpoint, "endpoint is null");
        endpoint = endpoint.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@]*@", "$1");
        catalogId = catalogId == null ? Optional.empty() : catalogId;
    }

    public static LoadOrigin of(String connector, String endpoint, String catalogId) {
        return new LoadOrigin(
                connector, endpoint, Optional.ofNullable(catalogId).filter(s -> !s.isEmpty()));
    }

    /** Two loads can be one resumed load only if they read the same catalog. */
    boolean sameCatalog(LoadOrigin other) {
        return connector.equals(other.connector)
                && endpoint.equals(other.endpoint)
                && catalogId.equals(other.catalogId);
    }
}
