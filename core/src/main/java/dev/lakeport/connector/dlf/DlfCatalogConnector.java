package dev.lakeport.connector.dlf;

import dev.lakeport.connector.CallSettings;
import dev.lakeport.connector.Capability;
import dev.lakeport.connector.CatalogConnector;
import dev.lakeport.connector.ConnectorSettings;
import dev.lakeport.connector.SettingProblem;
import dev.lakeport.connector.SettingSpec;
import dev.lakeport.connector.SettingSpec.Type;
import dev.lakeport.connector.SettingsCheck;
import dev.lakeport.connector.WriterLimits;
import dev.lakeport.secret.AliyunCredentials;
import dev.lakeport.secret.Secret;
import java.net.URI;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Alibaba Cloud Data Lake Formation, kind {@code dlf}: the seed's {@code aliyun.*} keys unchanged, plus Lakeport's
 * {@code lakeport.aliyun.*} and {@code lakeport.dlf.*}.
 */
public final class DlfCatalogConnector implements CatalogConnector {
    public static final String KIND = "dlf";

    static final String ACCESS_KEY_ID = "aliyun.accessKeyId";
    static final String SECRET_ACCESS_KEY = "aliyun.secretAccessKey";
    static final String REGION = "aliyun.region";
    static final String ENDPOINT = "aliyun.endpoint";
    static final String CATALOG_ID = "aliyun.catalogId";
    static final String PROTOCOL = "lakeport.aliyun.protocol";
    static final String CREDENTIALS_FILE = "lakeport.aliyun.credentialsFile";
    static final String PROFILE = "lakeport.aliyun.profile";
    static final String DEFAULT_CHAIN = "lakeport.aliyun.defaultChain";
    static final String PAGE_SIZE = "lakeport.dlf.pageSize";
    static final String BATCH_SIZE = "lakeport.dlf.batchSize";

    static final String DEFAULT_PROFILE = "default";
    static final int MIN_CONNECTIONS = 64;

    private static final Pattern REGION_PATTERN = Pattern.compile("[a-z]{2}(-[a-z0-9]+)+");
    private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:\\d{1,5})?");
    private static final Pattern HOST_REGION =
            Pattern.compile("dlf(?:-vpc|-share)?\\.([a-z0-9-]+)\\.aliyuncs\\.com(?::\\d+)?", Pattern.CASE_INSENSITIVE);

    private static final String CONNECTION = "Connection";
    private static final String CREDENTIALS = "Credentials";
    private static final String TUNING = "Tuning";

    private static final List<SettingSpec> SETTINGS = List.of(
            SettingSpec.text(REGION, "Region", CONNECTION, "DLF's region, e.g. cn-hangzhou")
                    .asRequired(),
            SettingSpec.text(
                            ENDPOINT,
                            "Endpoint",
                            CONNECTION,
                            "DLF endpoint, host[:port], e.g. dlf.cn-hangzhou.aliyuncs.com")
                    .asRequired(),
            SettingSpec.text(PROTOCOL, "Protocol", CONNECTION, "HTTP or HTTPS")
                    .choices("HTTPS", "HTTP")
                    .withDefault("HTTPS"),
            SettingSpec.text(CATALOG_ID, "Catalog id", CONNECTION, "DLF catalog id; blank: the account's"),
            SettingSpec.text(ACCESS_KEY_ID, "AccessKey id", CREDENTIALS, "an Aliyun AccessKey id; give both or neither")
                    .asSecret(),
            SettingSpec.text(SECRET_ACCESS_KEY, "AccessKey secret", CREDENTIALS, "the AccessKey's secret")
                    .asSecret(),
            SettingSpec.text(CREDENTIALS_FILE, "Credentials file", CREDENTIALS, "Aliyun CLI credentials file")
                    .typed(Type.PATH),
            SettingSpec.text(PROFILE, "Profile", CREDENTIALS, "profile in that file")
                    .withDefault(DEFAULT_PROFILE),
            SettingSpec.text(
                            DEFAULT_CHAIN,
                            "Use the default credential chain",
                            CREDENTIALS,
                            "sign in with Alibaba Cloud's default credential chain")
                    .typed(Type.BOOLEAN)
                    .withDefault("false"),
            SettingSpec.text(PAGE_SIZE, "Page size", TUNING, "largest page a server is asked for")
                    .typed(Type.INTEGER)
                    .withDefault(String.valueOf(DlfConnectorConfig.MAX_PAGE)),
            SettingSpec.text(BATCH_SIZE, "Batch size", TUNING, "largest partition batch a server is sent")
                    .typed(Type.INTEGER)
                    .withDefault(String.valueOf(DlfConnectorConfig.MAX_BATCH)));

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String displayName() {
        return "Alibaba Cloud Data Lake Formation";
    }

    @Override
    public String shortName() {
        return "DLF";
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(
                Capability.READ,
                Capability.WRITE,
                Capability.PARTITION_FILTER_PUSHDOWN,
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
    public DlfConnector open(ConnectorSettings settings, CallSettings calls) {
        return DlfConnector.create(config(settings, calls));
    }

    @Override
    public WriterLimits writerLimits(ConnectorSettings settings) {
        return DlfCatalogWriter.limits(config(settings, CallSettings.defaults()));
    }

    @Override
    public String describe(ConnectorSettings settings) {
        return "DLF " + settings.get(REGION).orElse("?")
                + settings.get(CATALOG_ID).map(id -> " (catalog " + id + ")").orElse("");
    }

    /**
     * The connection settings.
     *
     * @throws IllegalArgumentException naming the first error when the settings do not pass {@link #check}
     */
    public static DlfConnectorConfig config(ConnectorSettings settings, CallSettings calls) {
        SettingsCheck check = SettingsCheck.of(settings);
        return check.orThrow(read(check, calls));
    }

    private static DlfConnectorConfig read(SettingsCheck s, CallSettings calls) {
        String region = s.required(REGION, "the DLF region, e.g. cn-hangzhou");
        if (region != null && !REGION_PATTERN.matcher(region).matches()) {
            s.error(REGION, "'" + region + "' is not an Alibaba Cloud region such as cn-hangzhou");
        }
        Optional<String> protocol = s.optional(PROTOCOL).map(p -> p.toUpperCase(Locale.ROOT));
        protocol.ifPresent(p -> {
            if (!p.equals("HTTP") && !p.equals("HTTPS")) {
                s.error(PROTOCOL, "'" + s.get(PROTOCOL) + "' is not HTTP or HTTPS");
            }
        });
        String endpoint = s.required(ENDPOINT, "the DLF endpoint, e.g. dlf.cn-hangzhou.aliyuncs.com");
        String endpointProtocol = null;
        if (endpoint != null) {
            if (endpoint.contains("://")) {
                Optional<URI> uri = s.httpUri(ENDPOINT, endpoint);
                if (uri.isPresent()) {
                    endpointProtocol = uri.get().getScheme().toUpperCase(Locale.ROOT);
                    endpoint = uri.get().getPort() < 0
                            ? uri.get().getHost()
                            : uri.get().getHost() + ":" + uri.get().getPort();
                    if (protocol.isPresent() && !protocol.get().equals(endpointProtocol)) {
                        s.warn(PROTOCOL, protocol.get() + " is used although aliyun.endpoint says " + endpointProtocol);
                    }
                } else {
                    endpoint = null;
                }
            } else if (!HOST_PORT.matcher(endpoint).matches()) {
                s.error(
                        ENDPOINT,
                        "'" + endpoint + "' is not a host name with an optional port, e.g."
                                + " dlf.cn-hangzhou.aliyuncs.com");
                endpoint = null;
            }
        }
        if (endpoint != null && region != null) {
            Matcher m = HOST_REGION.matcher(endpoint);
            if (m.matches() && !m.group(1).equalsIgnoreCase(region)) {
                s.warn(ENDPOINT, "the endpoint is in " + m.group(1) + " but aliyun.region is " + region);
            }
        }
        Optional<String> catalogId = s.optional(CATALOG_ID);
        Optional<String> keyId = s.optional(ACCESS_KEY_ID);
        Optional<String> secret = s.optional(SECRET_ACCESS_KEY);
        Optional<String> file = s.optional(CREDENTIALS_FILE);
        Optional<String> profile = s.optional(PROFILE);
        Optional<Path> filePath = file.flatMap(f -> s.path(CREDENTIALS_FILE, f));
        AliyunCredentials credentials = new AliyunCredentials.DefaultChain();
        if (keyId.isPresent() && secret.isPresent()) {
            s.noWhitespace(ACCESS_KEY_ID, keyId.get());
            credentials = new AliyunCredentials.StaticKeys(keyId.get(), Secret.of(secret.get()), Optional.empty());
            if (file.isPresent() || profile.isPresent()) {
                s.warn(
                        file.isPresent() ? CREDENTIALS_FILE : PROFILE,
                        "ignored: aliyun.accessKeyId and aliyun.secretAccessKey are set");
            }
        } else if (keyId.isPresent() || secret.isPresent()) {
            String missing = keyId.isPresent() ? SECRET_ACCESS_KEY : ACCESS_KEY_ID;
            String given = keyId.isPresent() ? ACCESS_KEY_ID : SECRET_ACCESS_KEY;
            s.error(
                    missing,
                    "missing while " + given + " is set; give both, or leave both blank to use " + CREDENTIALS_FILE
                            + " / " + PROFILE + " or the default credentials");
        } else if (file.isPresent() || profile.isPresent()) {
            credentials = new AliyunCredentials.CredentialsFile(filePath, profile.orElse(DEFAULT_PROFILE));
        }
        s.bool(DEFAULT_CHAIN, false);
        int page = s.integer(PAGE_SIZE, DlfConnectorConfig.MAX_PAGE, 1, DlfConnectorConfig.MAX_PAGE);
        int batch = s.integer(BATCH_SIZE, DlfConnectorConfig.MAX_BATCH, 1, DlfConnectorConfig.MAX_BATCH);
        if (region == null || endpoint == null || s.hasErrors()) {
            return null;
        }
        String chosen = protocol.filter(p -> p.equals("HTTP") || p.equals("HTTPS"))
                .orElse(endpointProtocol == null ? "HTTPS" : endpointProtocol);
        return new DlfConnectorConfig(
                region,
                endpoint,
                chosen,
                catalogId,
                credentials,
                Math.max(MIN_CONNECTIONS, calls.concurrency()),
                calls.callTimeout(),
                calls.retryDeadline(),
                page,
                batch);
    }
}
