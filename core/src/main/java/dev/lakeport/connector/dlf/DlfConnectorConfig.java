package dev.lakeport.connector.dlf;

import static java.util.Objects.requireNonNull;

import dev.lakeport.connector.Retries;
import dev.lakeport.secret.AliyunCredentials;
import java.time.Duration;
import java.util.Optional;

/**
 * How to reach a DLF catalog. {@code endpoint} is host[:port] as the SDK takes it (e.g.
 * {@code dlf.eu-central-1.aliyuncs.com}, or {@code 127.0.0.1:PORT} for the emulator with protocol HTTP);
 * {@code catalogId} defaults to the account's default catalog. {@code callTimeout} bounds one call,
 * {@code retryDeadline} the retries of one call together. {@code pageSize} is the largest page asked for (databases,
 * tables and functions are asked for in pages of at most 100) and {@code batchSize} the largest partition batch; a
 * server that holds either lower is followed at run time.
 */
public record DlfConnectorConfig(
        String region,
        String endpoint,
        String protocol,
        Optional<String> catalogId,
        AliyunCredentials credentials,
        int maxConnections,
        Duration callTimeout,
        Duration retryDeadline,
        int pageSize,
        int batchSize) {
    /** The assumed largest PageSize of DLF's listings (unpublished); the emulator holds the same. */
    public static final int MAX_PAGE = 1000;
    /** Page size for databases, tables and functions: well below DLF's maximum. */
    public static final int MAX_OBJECT_PAGE = 100;
    /** The assumed largest partition batch (unpublished; Glue's figure). */
    public static final int MAX_BATCH = 100;

    public DlfConnectorConfig {
        requireNonNull(region, "region is null");
        requireNonNull(endpoint, "endpoint is null");
        requireNonNull(protocol, "protocol is null");
        if (!protocol.equals("HTTP") && !protocol.equals("HTTPS")) {
            throw new IllegalArgumentException("protocol must be HTTP or HTTPS, got " + protocol);
        }
        catalogId = catalogId == null ? Optional.empty() : catalogId;
        requireNonNull(credentials, "credentials is null");
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

    public DlfConnectorConfig(
            String region,
            String endpoint,
            String protocol,
            Optional<String> catalogId,
            AliyunCredentials credentials,
            int maxConnections,
            Duration callTimeout) {
        this(
                region,
                endpoint,
                protocol,
                catalogId,
                credentials,
                maxConnections,
                callTimeout,
                Retries.DEFAULT_DEADLINE,
                MAX_PAGE,
                MAX_BATCH);
    }

    public static DlfConnectorConfig of(String region, String endpoint, AliyunCredentials credentials) {
        return new DlfConnectorConfig(
                region, endpoint, "HTTPS", Optional.empty(), credentials, 64, Duration.ofSeconds(20));
    }

    public DlfConnectorConfig withProtocol(String p) {
        return new DlfConnectorConfig(
                region,
                endpoint,
                p,
                catalogId,
                credentials,
                maxConnections,
                callTimeout,
                retryDeadline,
                pageSize,
                batchSize);
    }

    public DlfConnectorConfig withCatalogId(String id) {
        return new DlfConnectorConfig(
                region,
                endpoint,
                protocol,
                Optional.ofNullable(id),
                credentials,
                maxConnections,
                callTimeout,
                retryDeadline,
                pageSize,
                batchSize);
    }

    public DlfConnectorConfig withMaxConnections(int n) {
        return new DlfConnectorConfig(
                region, endpoint, protocol, catalogId, credentials, n, callTimeout, retryDeadline, pageSize, batchSize);
    }

    /** The same connection with other call timeout and retry deadline. */
    public DlfConnectorConfig withTimeouts(Duration call, Duration deadline) {
        return new DlfConnectorConfig(
                region,
                endpoint,
                protocol,
                catalogId,
                credentials,
                maxConnections,
                call,
                deadline,
                pageSize,
                batchSize);
    }

    /** The same connection with other page and batch sizes. */
    public DlfConnectorConfig withSizes(int page, int batch) {
        return new DlfConnectorConfig(
                region,
                endpoint,
                protocol,
                catalogId,
                credentials,
                maxConnections,
                callTimeout,
                retryDeadline,
                page,
                batch);
    }
}
