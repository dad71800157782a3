package dev.lakeport.connector.glue;

import static java.util.Objects.requireNonNull;

import dev.lakeport.secret.AwsCredentials;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * How to reach a Glue Data Catalog. {@code endpoint} overrides the regional endpoint (that is how tests reach the
 * emulator); {@code catalogId} defaults to the caller's account. {@code segments} (1–10) splits partition listing
 * into parallel GetPartitions segments; {@code maxConnections} bounds the HTTP pool.
 */
public record GlueConnectorConfig(
        String region,
        Optional<URI> endpoint,
        Optional<String> catalogId,
        AwsCredentials credentials,
        int segments,
        int maxConnections,
        Duration callTimeout) {

    public GlueConnectorConfig {
        requireNonNull(region, "region is null");
        endpoint = endpoint == null ? Optional.empty() : endpoint;
        catalogId = catalogId == null ? Optional.empty() : catalogId;
        requireNonNull(credentials, "credentials is null");
        if (segments < 1 || segments > 10) {
            throw new IllegalArgumentException("segments must be between 1 and 10, got " + segments);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be positive");
        }
        requireNonNull(callTimeout, "callTimeout is null");
    }

    public static GlueConnectorConfig of(String region, AwsCredentials credentials) {
        return new GlueConnectorConfig(
                region, Optional.empty(), Optional.empty(), credentials, 4, 64, Duration.ofSeconds(60));
    }

    public GlueConnectorConfig withEndpoint(URI uri) {
        return new GlueConnectorConfig(
                region, Optional.of(uri), catalogId, credentials, segments, maxConnections, callTimeout);
    }

    public GlueConnectorConfig withCatalogId(String id) {
        return new GlueConnectorConfig(
                region, endpoint, Optional.ofNullable(id), credentials, segments, maxConnections, callTimeout);
    }

    public GlueConnectorConfig withSegments(int n) {
        return new GlueConnectorConfig(region, endpoint, catalogId, credentials, n, maxConnections, callTimeout);
    }

    public GlueConnectorConfig withMaxConnections(int n) {
        return new GlueConnectorConfig(region, endpoint, catalogId, credentials, segments, n, callTimeout);
    }
}
