package dev.lakeport.connector.glue;

import static java.util.Objects.requireNonNull;

import dev.lakeport.connector.AdaptiveSize;
import dev.lakeport.connector.CatalogConnection;
import dev.lakeport.connector.Retries;
import dev.lakeport.secret.AwsCredentials;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.GlueClientBuilder;

/**
 * A connection to one Glue Data Catalog: one SDK client (and its HTTP pool) shared by every reader and writer it
 * hands out. SDK retries are off: readers retry each page call with {@link Retries#standard()} within the configured
 * deadline, writers call once and leave retrying to the executor, so a failure is never retried twice over. Page and
 * batch sizes are shared too: once the server has said it takes less, every reader and writer of this connection
 * asks for less.
 */
public final class GlueConnector implements CatalogConnection {
    /** Connecting is quick or it fails; a longer wait only delays a clear error. */
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final GlueConnectorConfig config;
    private final GlueClient client;
    private final String endpoint;
    private final AdaptiveSize pageSize;
    private final AdaptiveSize batchSize;

    public GlueConnector(GlueConnectorConfig config) {
        this.config = requireNonNull(config, "config is null");
        this.client = buildClient(config);
        this.endpoint = describeEndpoint(config);
        this.pageSize = new AdaptiveSize("Glue page size (lakeport.glue.pageSize)", config.pageSize());
        this.batchSize = new AdaptiveSize("Glue partition batch size (lakeport.glue.batchSize)", config.batchSize());
    }

    public GlueConnectorConfig config() {
        return config;
    }

    @Override
    public java.util.Optional<String> catalogId() {
        return config.catalogId();
    }

    /** Where requests go: the override, or the region's public endpoint. */
    public String endpoint() {
        return endpoint;
    }

    /**
     * A reader whose page calls ride out throttling and transient failures with {@link Retries#standard()}, each call
     * giving up after the configured retry deadline.
     */
    public GlueCatalogReader reader() {
        return reader(Retries.standard(config.retryDeadline()));
    }

    /** A reader with its own retry policy (tests, or a caller that retries itself). */
    public GlueCatalogReader reader(Retries retries) {
        return new GlueCatalogReader(client, config, endpoint, retries, pageSize);
    }

    public GlueCatalogWriter writer() {
        return new GlueCatalogWriter(client, config, endpoint, batchSize);
    }

    @Override
    public void close() {
        client.close();
    }

    static GlueClient buildClient(GlueConnectorConfig config) {
        Duration timeout = config.callTimeout();
        Duration connectTimeout = timeout.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? timeout : MAX_CONNECT_TIMEOUT;
        GlueClientBuilder builder = GlueClient.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(credentialsProvider(config.credentials()))
                .httpClientBuilder(Apache5HttpClient.builder()
                        .maxConnections(config.maxConnections())
                        .connectionTimeout(connectTimeout)
                        .connectionAcquisitionTimeout(timeout)
                        .socketTimeout(timeout))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(timeout)
                        .apiCallAttemptTimeout(timeout));
        config.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    static AwsCredentialsProvider credentialsProvider(AwsCredentials credentials) {
        if (credentials instanceof AwsCredentials.StaticKeys keys) {
            String secret = keys.secretAccessKey().reveal();
            return StaticCredentialsProvider.create(keys.sessionToken()
                    .filter(token -> !token.isEmpty())
                    .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(
                            token -> AwsSessionCredentials.create(keys.accessKeyId(), secret, token.reveal()))
                    .orElseGet(() -> AwsBasicCredentials.create(keys.accessKeyId(), secret)));
        }
        if (credentials instanceof AwsCredentials.Profile profile) {
            return ProfileCredentialsProvider.create(profile.name());
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private static String describeEndpoint(GlueConnectorConfig config) {
        return config.endpoint().map(URI::toString).orElse("https://glue." + config.region() + ".amazonaws.com");
    }
}
