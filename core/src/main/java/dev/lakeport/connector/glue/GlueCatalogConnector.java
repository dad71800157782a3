package dev.lakeport.connector.glue;

import dev.lakeport.connector.CallSettings;
import dev.lakeport.connector.Capability;
import dev.lakeport.connector.CatalogConnector;
import dev.lakeport.connector.ConnectorSettings;
import dev.lakeport.connector.SettingProblem;
import dev.lakeport.connector.SettingSpec;
import dev.lakeport.connector.SettingSpec.Type;
import dev.lakeport.connector.SettingsCheck;
import dev.lakeport.connector.WriterLimits;
import dev.lakeport.secret.AwsCredentials;
import dev.lakeport.secret.Secret;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The AWS Glue Data Catalog, kind {@code glue}: the seed's {@code aws.*} keys unchanged, plus Lakeport's
 * {@code lakeport.aws.*} and {@code lakeport.glue.*}.
 */
public final class GlueCatalogConnector implements CatalogConnector {
    public static final String KIND = "glue";

    static final String ACCESS_KEY_ID = "aws.accessKeyId";
    static final String SECRET_ACCESS_KEY = "aws.secretAccessKey";
    static final String SESSION_TOKEN = "lakeport.aws.sessionToken";
    static final String REGION = "aws.region";
    static final String CATALOG_ID = "aws.catalogId";
    static final String ENDPOINT = "lakeport.aws.endpoint";
    static final String PROFILE = "lakeport.aws.profile";
    static final String DEFAULT_CHAIN = "lakeport.aws.defaultChain";
    static final String SEGMENTS = "lakeport.glue.segments";
    static final String PAGE_SIZE = "lakeport.glue.pageSize";
    static final String BATCH_SIZE = "lakeport.glue.batchSize";

    /** Glue connection pools are at least this large, and never smaller than the run's concurrency. */
    static final int MIN_CONNECTIONS = 64;

    public static final int DEFAULT_SEGMENTS = 4;

    private static final Pattern REGION_PATTERN = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    private static final String CONNECTION = "Connection";
    private static final String CREDENTIALS = "Credentials";
    private static final String TUNING = "Tuning";

    private static final List<SettingSpec> SETTINGS = List.of(
            SettingSpec.text(REGION, "Region", CONNECTION, "Glue's region, e.g. eu-central-1")
                    .asRequired(),
            SettingSpec.text(
                    CATALOG_ID,
                    "Catalog id",
                    CONNECTION,
                    "12-digit AWS account id of the catalog; blank: the account's"),
            SettingSpec.text(ENDPOINT, "Endpoint", CONNECTION, "Glue endpoint URI (http/https); blank: the region's")
                    .typed(Type.URI),
            SettingSpec.text(ACCESS_KEY_ID, "Access key id", CREDENTIALS, "an AWS access key id; give both or neither")
                    .asSecret(),
            SettingSpec.text(SECRET_ACCESS_KEY, "Secret access key", CREDENTIALS, "the key's secret")
                    .asSecret(),
            SettingSpec.text(SESSION_TOKEN, "Session token", CREDENTIALS, "session token for temporary keys")
                    .asSecret(),
            SettingSpec.text(
                    PROFILE, "Profile", CREDENTIALS, "AWS shared-config profile, used when the keys are blank"),
            SettingSpec.text(
                            DEFAULT_CHAIN,
                            "Use the default credential chain",
                            CREDENTIALS,
                            "sign in with the SDK's default chain (environment, profile files, instance role)")
                    .typed(Type.BOOLEAN)
                    .withDefault("false"),
            SettingSpec.text(SEGMENTS, "Parallel segments", TUNING, "parallel GetPartitions segments, 1-10")
                    .typed(Type.INTEGER)
                    .withDefault(String.valueOf(DEFAULT_SEGMENTS)),
            SettingSpec.text(PAGE_SIZE, "Page size", TUNING, "largest GetPartitions page a server is asked for")
                    .typed(Type.INTEGER)
                    .withDefault(String.valueOf(GlueConnectorConfig.MAX_PAGE)),
            SettingSpec.text(BATCH_SIZE, "Batch size", TUNING, "largest partition batch a server is sent")
                    .typed(Type.INTEGER)
                    .withDefault(String.valueOf(GlueConnectorConfig.MAX_BATCH)));

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String displayName() {
        return "AWS Glue Data Catalog";
    }

    @Override
    public String shortName() {
        return "Glue";
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(
                Capability.READ,
                Capability.WRITE,
                Capability.PARTITION_FILTER_PUSHDOWN,
                Capability.PARALLEL_SPLITS,
                Capability.FUNCTIONS,
                Capability.VIEWS);
    }

    @Override
    public List<SettingSpec> settings() {
        return SETTINGS;
    }

    @Override
    public List<SettingProblem> check(ConnectorSettings settings) {
        SettingsCheck check = SettingsCheck.of(settings);
        read(check, CallSettings.defaults());
        return check.problems();
    }

    @Override
    public GlueConnector open(ConnectorSettings settings, CallSettings calls) {
        return new GlueConnector(config(settings, calls));
    }

    @Override
    public WriterLimits writerLimits(ConnectorSettings settings) {
        return GlueCatalogWriter.limits(config(settings, CallSettings.defaults()));
    }

    @Override
    public String describe(ConnectorSettings settings) {
        return "Glue " + settings.get(REGION).orElse("?")
                + settings.get(CATALOG_ID).map(id -> " (catalog " + id + ")").orElse("");
    }

    /**
     * The connection settings.
     *
     * @throws IllegalArgumentException naming the first error when the settings do not pass {@link #check}
     */
    public static GlueConnectorConfig config(ConnectorSettings settings, CallSettings calls) {
        SettingsCheck check = SettingsCheck.of(settings);
        return check.orThrow(read(check, calls));
    }

    private static GlueConnectorConfig read(SettingsCheck s, CallSettings calls) {
        String region = s.required(REGION, "the Glue catalog's region, e.g. eu-central-1");
        if (region != null && !REGION_PATTERN.matcher(region).matches()) {
            s.error(REGION, "'" + region + "' is not an AWS region such as eu-central-1 or us-east-1");
        }
        Optional<String> catalogId = s.optional(CATALOG_ID);
        catalogId.ifPresent(id -> {
            if (!ACCOUNT.matcher(id).matches()) {
                s.error(CATALOG_ID, "'" + id + "' is not a Glue catalog id (a 12-digit AWS account id)");
            }
        });
        Optional<URI> endpoint = s.optional(ENDPOINT).flatMap(e -> s.httpUri(ENDPOINT, e));
        Optional<String> keyId = s.optional(ACCESS_KEY_ID);
        Optional<String> secret = s.optional(SECRET_ACCESS_KEY);
        Optional<String> token = s.optional(SESSION_TOKEN);
        Optional<String> profile = s.optional(PROFILE);
        AwsCredentials credentials = new AwsCredentials.DefaultChain();
        if (keyId.isPresent() && secret.isPresent()) {
            s.noWhitespace(ACCESS_KEY_ID, keyId.get());
            credentials = new AwsCredentials.StaticKeys(keyId.get(), Secret.of(secret.get()), token.map(Secret::of));
            profile.ifPresent(p -> s.warn(PROFILE, "ignored: aws.accessKeyId and aws.secretAccessKey are set"));
        } else if (keyId.isPresent() || secret.isPresent()) {
            String missing = keyId.isPresent() ? SECRET_ACCESS_KEY : ACCESS_KEY_ID;
            String given = keyId.isPresent() ? ACCESS_KEY_ID : SECRET_ACCESS_KEY;
            s.error(
                    missing,
                    "missing while " + given + " is set; give both, or leave both blank to use " + PROFILE
                            + " or the AWS default credentials");
        } else {
            token.ifPresent(t -> s.warn(SESSION_TOKEN, "ignored: it needs aws.accessKeyId and aws.secretAccessKey"));
            if (profile.isPresent()) {
                credentials = new AwsCredentials.Profile(profile.get());
            }
        }
        s.bool(DEFAULT_CHAIN, false);
        int segments = s.integer(SEGMENTS, DEFAULT_SEGMENTS, 1, 10);
        int page = s.integer(PAGE_SIZE, GlueConnectorConfig.MAX_PAGE, 1, GlueConnectorConfig.MAX_PAGE);
        int batch = s.integer(BATCH_SIZE, GlueConnectorConfig.MAX_BATCH, 1, GlueConnectorConfig.MAX_BATCH);
        if (region == null || s.hasErrors()) {
            return null;
        }
        return new GlueConnectorConfig(
                region,
                endpoint,
                catalogId,
                credentials,
                segments,
                Math.max(MIN_CONNECTIONS, calls.concurrency()),
                calls.callTimeout(),
                calls.retryDeadline(),
                page,
                batch);
    }
}
