package dev.lakeport.connector.dlf;

import static java.util.Objects.requireNonNull;

import dev.lakeport.secret.AliyunCredentials;
import java.time.Duration;
import java.util.Optional;

/**
 * How to reach a DLF catalog. {@code endpoint} is host[:port] as the SDK takes it (e.g.
 * {@code dlf.eu-central-1.aliyuncs.com}, or {@code 127.0.0.1:PORT} for the emulator with protocol HTTP);
 * {@code catalogId} defaults to the account's default catalog.
 */
public record DlfConnectorConfig(
        String region,
        String endpoint,
        String protocol,
        Optional<String> catalogId,
        AliyunCredentials credentials,
        int maxConnections,
        Duration callTimeout) {

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
    }

    public static DlfConnectorConfig of(String region, String endpoint, AliyunCredentials credentials) {
        return new DlfConnectorConfig(
                region, endpoint, "HTTPS", Optional.empty(), credentials, 64, Duration.ofSeconds(60));
    }

    public DlfConnectorConfig withProtocol(String p) {
        return new DlfConnectorConfig(region, endpoint, p, catalogId, credentials, maxConnections, callTimeout);
    }

    public DlfConnectorConfig withCatalogId(String id) {
        return new DlfConnectorConfig(
                region, endpoint, protocol, Optional.ofNullable(id), credentials, maxConnections, callTimeout);
    }

    public DlfConnectorConfig withMaxConnections(int n) {
        return new DlfConnectorConfig(region, endpoint, protocol, catalogId, credentials, n, callTimeout);
    }
}
