package dev.lakeport.connector.hive;

import static java.util.Objects.requireNonNull;

import dev.lakeport.connector.CallSettings;
import dev.lakeport.connector.ConnectorSettings;
import dev.lakeport.connector.Retries;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How to reach a Hive Metastore. {@code uris} are tried in order; a call that cannot reach one moves on to the next
 * ({@code hive.metastore.uris=thrift://h1:9083,thrift://h2:9083}). {@code connectTimeout} bounds opening a
 * connection, {@code callTimeout} one call (the socket timeout), {@code retryDeadline} the retries of one call
 * together. {@code poolSize} bounds the open connections; {@code batchSize} (at most 1,000) is the largest number of
 * tables or partitions fetched or written in one call. {@code framed} selects Thrift's framed transport (servers run
 * with {@code hive.metastore.thrift.framed.transport.enabled}). {@code sasl}, {@code principal} and {@code keytab}
 * describe a Kerberos-secured metastore: accepted and checked here, refused when connecting (see
 * {@link HiveClientPool}).
 */
public record HiveConnectorConfig(
        List<URI> uris,
        Duration connectTimeout,
        Duration callTimeout,
        Duration retryDeadline,
        int poolSize,
        int batchSize,
        boolean framed,
        boolean sasl,
        Optional<String> principal,
        Optional<String> keytab) {

    /** The metastore's own limit for {@code get_partitions_by_names} and the largest batch this connector sends. */
    public static final int MAX_BATCH = 1000;

    public static final int DEFAULT_PORT = 9083;

    public HiveConnectorConfig {
        requireNonNull(uris, "uris is null");
        if (uris.isEmpty()) {
            throw new IllegalArgumentException(URIS + " is empty: give at least one thrift://host:port");
        }
        for (URI uri : uris) {
            checkUri(uri);
        }
        uris = List.copyOf(uris);
        connectTimeout = positive("hive.connectTimeout", connectTimeout);
        callTimeout = positive("hive.callTimeout", callTimeout);
        retryDeadline = positive("hive.retryDeadline", retryDeadline);
        if (poolSize < 1 || poolSize > 256) {
            throw new IllegalArgumentException("hive.poolSize must be between 1 and 256, got " + poolSize);
        }
        if (batchSize < 1 || batchSize > MAX_BATCH) {
            throw new IllegalArgumentException(
                    "hive.batchSize must be between 1 and " + MAX_BATCH + ", got " + batchSize);
        }
        principal = principal == null ? Optional.empty() : principal.filter(p -> !p.isBlank());
        keytab = keytab == null ? Optional.empty() : keytab.filter(k -> !k.isBlank());
        if (sasl && principal.isEmpty()) {
            throw new IllegalArgumentException("hive.metastore.sasl.enabled=true needs"
                    + " hive.metastore.kerberos.principal (the metastore's principal, e.g. hive/_HOST@EXAMPLE.COM)");
        }
    }

    /** Plain (SASL-less) connection with the defaults: 10 s to connect, 60 s a call, 4 connections, batches of 1,000. */
    public static HiveConnectorConfig of(List<URI> uris) {
        return new HiveConnectorConfig(
                uris,
                Duration.ofSeconds(10),
                Duration.ofSeconds(60),
                Retries.DEFAULT_DEADLINE,
                4,
                MAX_BATCH,
                false,
                false,
                Optional.empty(),
                Optional.empty());
    }

    public static final String URIS = "hive.metastore.uris";
    public static final String SASL = "hive.metastore.sasl.enabled";
    public static final String PRINCIPAL = "hive.metastore.kerberos.principal";
    public static final String KEYTAB = "hive.metastore.kerberos.keytab";
    public static final String FRAMED = "hive.metastore.thrift.framed.transport.enabled";
    public static final String CONNECT_TIMEOUT = "hive.connectTimeout";
    public static final String CALL_TIMEOUT = "hive.callTimeout";
    public static final String RETRY_DEADLINE = "hive.retryDeadline";
    public static final String POOL_SIZE = "hive.poolSize";
    public static final String BATCH_SIZE = "hive.batchSize";

    /**
     * A configuration from properties (the keys above; see docs/connectors/hive.md). Durations are written
     * {@code 500ms}, {@code 20s}, {@code 2m}, {@code 1h}, ISO-8601 ({@code PT20S}) or a number of seconds.
     *
     * @throws IllegalArgumentException naming the key and the value that is wrong
     */
    public static HiveConnectorConfig fromProperties(Map<String, String> properties) {
        requireNonNull(properties, "properties is null");
        HiveCatalogConnector connector = new HiveCatalogConnector();
        return HiveCatalogConnector.config(ConnectorSettings.of(connector, properties), CallSettings.defaults());
    }

    /**
     * Parses {@code hive.metastore.uris}: comma-separated {@code thrift://host[:port]}, the port defaulting to
     * {@value #DEFAULT_PORT}.
     */
    public static List<URI> parseUris(String value) {
        requireNonNull(value, "value is null");
        List<URI> uris = new ArrayList<>();
        for (String part : value.split(",")) {
            String text = part.trim();
            if (text.isEmpty()) {
                continue;
            }
            URI uri;
            try {
                uri = new URI(text);
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException(
                        "hive.metastore.uris: '" + text + "' is not a URI (expected thrift://host:port)", e);
            }
            checkUri(uri);
            if (uri.getPort() < 0) {
                uri = URI.create("thrift://" + uri.getHost() + ":" + DEFAULT_PORT);
            }
            uris.add(uri);
        }
        if (uris.isEmpty()) {
            throw new IllegalArgumentException(URIS + " is empty: give at least one thrift://host:port");
        }
        return List.copyOf(uris);
    }

    public HiveConnectorConfig withTimeouts(Duration connect, Duration call, Duration deadline) {
        return new HiveConnectorConfig(
                uris, connect, call, deadline, poolSize, batchSize, framed, sasl, principal, keytab);
    }

    public HiveConnectorConfig withBatchSize(int size) {
        return new HiveConnectorConfig(
                uris, connectTimeout, callTimeout, retryDeadline, poolSize, size, framed, sasl, principal, keytab);
    }

    public HiveConnectorConfig withPoolSize(int size) {
        return new HiveConnectorConfig(
                uris, connectTimeout, callTimeout, retryDeadline, size, batchSize, framed, sasl, principal, keytab);
    }

    public HiveConnectorConfig withKerberos(String principalName, String keytabPath) {
        return new HiveConnectorConfig(
                uris,
                connectTimeout,
                callTimeout,
                retryDeadline,
                poolSize,
                batchSize,
                framed,
                true,
                Optional.ofNullable(principalName),
                Optional.ofNullable(keytabPath));
    }

    /** The URIs as the user wrote them, for messages. */
    public String describeUris() {
        return String.join(",", uris.stream().map(URI::toString).toList());
    }

    private static void checkUri(URI uri) {
        requireNonNull(uri, "a URI in hive.metastore.uris is null");
        if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).equals("thrift")) {
            throw new IllegalArgumentException(
                    "hive.metastore.uris: '" + uri + "' is not a thrift:// URI (expected thrift://host:port)");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException("hive.metastore.uris: '" + uri + "' has no host");
        }
        if (uri.getPort() > 65535) {
            throw new IllegalArgumentException("hive.metastore.uris: '" + uri + "' has no valid port");
        }
    }

    private static Duration positive(String key, Duration value) {
        requireNonNull(value, key + " is null");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be positive, got " + value);
        }
        return value;
    }
}
