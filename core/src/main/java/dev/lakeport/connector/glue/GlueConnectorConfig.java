package dev.lakeport.connector.glue;

import static java.util.Objects.requireNonNull;

import dev.lakeport.connector.Retries;
import dev.lakeport.secret.AwsCredentials;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * How to reach a Glue Data Catalog. {@code endpoint} overrides the regional endpoint (that is how tests reach the
 * emulator); {@code catalogId} defaults to the caller's account. {@code segments} (1–10) splits partition listing
 * into parallel GetPartitions segments; {@code maxConnections} bounds the HTTP pool. {@code callTimeout} bounds one
 * call, {@code retryDeadline} the retries of one call together. {@code pageSize} is the largest page asked for (each
 * operation asks for no more than Glue's own maximum, 1000 for partitions and 100 otherwise) and {@code batchSize}
 * the largest partition batch written (Glue's maximum: 100, deletions 25); a server that holds either lower is
 * followed at run time.
 */
public record GlueConnectorConfig(
        String region,
        Optional<URI> endpoint,
        Optional<String> catalogId,
        AwsCredentials credentials,
        int segments,
        int maxConnections,
        Duration callTimeout,
        Duration retryDeadline,
        int pageSize,
        int batchSize) {
    /** GetPartitions' largest page; other listings take at most {@link #MAX_OBJECT_PAGE}. */
    public static final int MAX_PAGE = 1000;

    public static final int MAX_OBJECT_PAGE = 100;
    /** BatchCreatePartition's and BatchUpdatePartition's largest batch; BatchDeletePartition takes 25. */
    public static final int MAX_BATCH = 100;

    public static final int MAX_DELETE_BATCH = 25;

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
        requireNonNull(retryDeadline, "retryDeadline is null");
        if (pageSize < 1 || pageSize > MAX_PAGE) {
            throw new IllegalArgumentException("pageSize must be between 1 and " + MAX_PAGE + ", got " + pageSize);
        }
        if (batchSize < 1 || batchSize > MAX_BATCH) {
            throw new IllegalArgumentException("batchSize must be between 1 and " + MAX_BATCH + ", got " + batchSize);
        }
    }

    public GlueConnectorConfig(
            String region,
            Optional<URI> endpoint,
            Optional<String> catalogId,
            AwsCredentials credentials,
            int segments,
            int maxConnections,
            Duration callTimeout) {
        this(
                region,
                endpoint,
                catalogId,
                credentials,
                segments,
                maxConnections,
                callTimeout,
                Retries.DEFAULT_DEADLINE,
                MAX_PAGE,
                MAX_BATCH);
    }

    public static GlueConnectorConfig of(String region, AwsCredentials credentials) {
        return new GlueConnectorConfig(
                region, Optional.empty(), Optional.empty(), credentials, 4, 64, Duration.ofSeconds(20));
    }

    public GlueConnectorConfig withEndpoint(URI uri) {
        return new GlueConnectorConfig(
                region,
                Optional.of(uri),
                catalogId,
                credentials,
                segments,
                maxConnections,
                callTimeout,
                retryDeadline,
                pageSize,
                batchSize);
    }

    public GlueConnectorConfig withCatalogId(String id) {
        return new GlueConnectorConfig(
                region,
                endpoint,
                Optional.ofNullable(id),
                credentials,
                segments,
                maxConnections,
                callTimeout,
                retryDeadline,
                pageSize,
                batchSize);
    }

    public GlueConnectorConfig withSegments(int n) {
        return new GlueConnectorConfig(
                region,
                endpoint,
                catalogId,
                credentials,
                n,
                maxConnections,
                callTimeout,
                retryDeadline,
                pageSize,
                batchSize);
    }

    public GlueConnectorConfig withMaxConnections(int n) {
        return new GlueConnectorConfig(
                region, endpoint, catalogId, credentials, segments, n, callTimeout, retryDeadline, pageSize, batchSize);
    }

    /** The same connection with other call timeout and retry deadline. */
    public GlueConnectorConfig withTimeouts(Duration call, Duration deadline) {
        return new GlueConnectorConfig(
                region,
                endpoint,
                catalogId,
                credentials,
                segments,
                maxConnections,
                call,
                deadline,
                pageSize,
                batchSize);
    }

    /** The same connection with other page and batch sizes. */
    public GlueConnectorConfig withSizes(int page, int batch) {
        return new GlueConnectorConfig(
                region,
                endpoint,
                catalogId,
                credentials,
                segments,
                maxConnections,
                callTimeout,
                retryDeadline,
                page,
                batch);
    }
}
