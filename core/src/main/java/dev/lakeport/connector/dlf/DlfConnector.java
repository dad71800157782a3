package dev.lakeport.connector.dlf;

import static java.util.Objects.requireNonNull;

import com.aliyun.datalake20200710.Client;
import com.aliyun.tea.TeaModel;
import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teaopenapi.models.OpenApiRequest;
import com.aliyun.teaopenapi.models.Params;
import com.aliyun.teautil.models.RuntimeOptions;
import dev.lakeport.connector.AdaptiveSize;
import dev.lakeport.connector.CatalogConnection;
import dev.lakeport.connector.ConnectorException;
import dev.lakeport.connector.ErrorCode;
import dev.lakeport.connector.Retries;
import dev.lakeport.secret.AliyunCredentials;
import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.Map;

/**
 * One DLF catalog: the SDK client built from a {@link DlfConnectorConfig}, and the readers and writers over it. The
 * SDK never retries by itself (readers retry with {@link Retries}, writers leave it to the executor), and every call
 * has the configured timeout. Page and batch sizes belong to the connection: once the server has said it takes less,
 * every reader and writer of this connection asks for less.
 */
public final class DlfConnector implements CatalogConnection {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DlfConnector.class);

    /** The DLF metastore API version the SDK speaks. */
    static final String API_VERSION = "2020-07-10";

    private static final Map<String, String> NO_HEADERS = Map.of();

    private final DlfConnectorConfig config;
    private final Client client;
    private final RuntimeOptions runtime;
    private final AdaptiveSize pageSize;
    private final AdaptiveSize batchSize;

    private DlfConnector(DlfConnectorConfig config, Client client, RuntimeOptions runtime) {
        this.config = config;
        this.client = client;
        this.runtime = runtime;
        this.pageSize = new AdaptiveSize("DLF page size (lakeport.dlf.pageSize)", config.pageSize());
        this.batchSize = new AdaptiveSize("DLF partition batch size (lakeport.dlf.batchSize)", config.batchSize());
    }

    public static DlfConnector create(DlfConnectorConfig config) {
        requireNonNull(config, "config is null");
        int readMillis = (int) Math.min(Integer.MAX_VALUE, config.callTimeout().toMillis());
        int connectMillis = Math.min(readMillis, 10_000);
        Config sdk = new Config()
                .setEndpoint(config.endpoint())
                .setProtocol(config.protocol())
                .setRegionId(config.region())
                .setReadTimeout(readMillis)
                .setConnectTimeout(connectMillis)
                .setMaxIdleConns(config.maxConnections());
        applyCredentials(sdk, config.credentials());
        RuntimeOptions runtime = new RuntimeOptions()
                .setAutoretry(false)
                .setMaxAttempts(0)
                .setReadTimeout(readMillis)
                .setConnectTimeout(connectMillis)
                .setMaxIdleConns(config.maxConnections());
        try {
            DlfConnector connector = new DlfConnector(config, new Client(sdk), runtime);
            try {
                noSilentResends(config.endpoint(), readMillis, connectMillis, config.maxConnections());
            } catch (LinkageError otherSdk) {
                // A cluster that puts its own build of the SDK's HTTP layer ahead of the job's jar (a Spark home with
                // Alibaba's libraries) keeps that client as it is: the calls work, only a broken connection may be
                // resent by it, which then fails the item instead of being retried whole.
                LOG.warn(
                        "the DLF SDK's HTTP client on this classpath is not the one Lakeport bundles ({}); broken"
                                + " connections may be resent by it",
                        otherSdk.toString());
            }
            return connector;
        } catch (Exception e) {
            throw DlfErrors.translate("connect", "", config.endpoint(), e);
        }
    }

    /**
     * The SDK's HTTP client (one per host and port, process-wide) would silently send a request again when its
     * connection broke after the request went out, and the SDK's request body is a stream that is read once: the
     * second request goes out with an empty body, and DLF answers "DatabaseName is mandatory" for a write that may
     * well have been applied. So the client for this endpoint never resends by itself; the call fails as a network
     * error and the executor repeats it whole, resolving "already exists". Its timeouts are this connection's.
     */
    private static void noSilentResends(String endpoint, int readMillis, int connectMillis, int maxIdle) {
        int colon = endpoint.lastIndexOf(':');
        String host = colon < 0 ? endpoint : endpoint.substring(0, colon);
        int port = -1;
        if (colon >= 0) {
            try {
                port = Integer.parseInt(endpoint.substring(colon + 1));
            } catch (NumberFormatException e) {
                host = endpoint;
            }
        }
        Map<String, Object> options = new HashMap<>();
        options.put("connectTimeout", connectMillis);
        options.put("readTimeout", readMillis);
        options.put("maxIdleConns", maxIdle);
        options.put("ignoreSSL", false);
        com.aliyun.tea.okhttp.ClientHelper.clients.compute(
                com.aliyun.tea.okhttp.ClientHelper.getClientKey(host, port), (key, existing) -> (existing == null
                                ? com.aliyun.tea.okhttp.ClientHelper.creatClient(options)
                                : existing)
                        .newBuilder()
                        .retryOnConnectionFailure(false)
                        .readTimeout(readMillis, java.util.concurrent.TimeUnit.MILLISECONDS)
                        .connectTimeout(connectMillis, java.util.concurrent.TimeUnit.MILLISECONDS)
                        .build());
    }

    private static void applyCredentials(Config sdk, AliyunCredentials credentials) {
        if (credentials instanceof AliyunCredentials.StaticKeys keys) {
            sdk.setAccessKeyId(keys.accessKeyId())
                    .setAccessKeySecret(keys.accessKeySecret().reveal());
            keys.securityToken().ifPresent(token -> sdk.setSecurityToken(token.reveal()));
        } else if (credentials instanceof AliyunCredentials.CredentialsFile file) {
            sdk.setCredential(DlfCredentials.fromFile(file));
        } else {
            sdk.setCredential(DlfCredentials.defaultChain());
        }
    }

    /**
     * A reader whose every page and lookup is retried with {@link Retries#standard()}, each call giving up after the
     * configured retry deadline.
     */
    public DlfCatalogReader reader() {
        return new DlfCatalogReader(this, Retries.standard(config.retryDeadline()));
    }

    public DlfCatalogReader reader(Retries retries) {
        return new DlfCatalogReader(this, retries);
    }

    public DlfCatalogWriter writer() {
        return new DlfCatalogWriter(this);
    }

    /** Where requests go, {@code http(s)://host[:port]}. */
    @Override
    public String endpoint() {
        return config.protocol().toLowerCase(java.util.Locale.ROOT) + "://" + config.endpoint();
    }

    @Override
    public java.util.Optional<String> catalogId() {
        return config.catalogId();
    }

    public DlfConnectorConfig config() {
        return config;
    }

    AdaptiveSize pageSize() {
        return pageSize;
    }

    AdaptiveSize batchSize() {
        return batchSize;
    }

    Client client() {
        return client;
    }

    RuntimeOptions runtime() {
        return runtime;
    }

    Map<String, String> headers() {
        return new HashMap<>(NO_HEADERS);
    }

    /** An SDK call that may throw anything the SDK throws. */
    @FunctionalInterface
    interface SdkCall<T> {
        T call() throws Exception;
    }

    /**
     * Makes one call and returns the response body, or throws a {@link ConnectorException}: for an exception of the
     * SDK, and for a 200 whose body says {@code Success=false}.
     */
    <B extends TeaModel> B call(String operation, String object, SdkCall<B> call) {
        B body = callUnchecked(operation, object, call);
        Status status = Status.of(body);
        DlfErrors.check(operation, object, status.success(), status.code(), status.message());
        return body;
    }

    /**
     * Like {@link #call}, for large responses: the request goes through the SDK's signed {@code callApi}, but the body
     * comes back as text and is read by {@link DlfResponses}, skipping the SDK's slow map-and-reflect step.
     */
    <B extends TeaModel> B callRaw(
            String operation,
            String object,
            String method,
            String pathname,
            Map<String, Object> request,
            Class<B> type) {
        return call(operation, object, () -> {
            Params params = new Params()
                    .setAction(operation)
                    .setVersion(API_VERSION)
                    .setProtocol("HTTPS")
                    .setPathname(pathname)
                    .setMethod(method)
                    .setAuthType("AK")
                    .setStyle("ROA")
                    .setReqBodyType("json")
                    .setBodyType("string");
            OpenApiRequest openApiRequest =
                    new OpenApiRequest().setHeaders(headers()).setBody(request);
            Map<String, ?> response = client.callApi(params, openApiRequest, runtime);
            Object body = response.get("body");
            if (!(body instanceof String text)) {
                throw new IllegalStateException("DLF " + operation + " returned no body");
            }
            return DlfResponses.read(text, type);
        });
    }

    /** Like {@link #call} but leaves {@code Success=false} to the caller (batch calls report per-item errors). */
    <B extends TeaModel> B callUnchecked(String operation, String object, SdkCall<B> call) {
        B body;
        try {
            body = call.call();
        } catch (Exception e) {
            throw DlfErrors.translate(operation, object, config.endpoint(), e);
        }
        if (body == null) {
            throw new ConnectorException(
                    ErrorCode.INTERNAL, "DLF " + operation + " " + object + " failed: the response has no body");
        }
        return body;
    }

    /** Success, Code and Message: every DLF response body declares these public fields. */
    record Status(Boolean success, String code, String message) {
        private static final ClassValue<Field[]> FIELDS = new ClassValue<>() {
            @Override
            protected Field[] computeValue(Class<?> type) {
                try {
                    return new Field[] {type.getField("success"), type.getField("code"), type.getField("message")};
                } catch (NoSuchFieldException e) {
                    throw new IllegalStateException(type.getName() + " is not a DLF response body", e);
                }
            }
        };

        static Status of(TeaModel body) {
            Field[] f = FIELDS.get(body.getClass());
            try {
                return new Status((Boolean) f[0].get(body), (String) f[1].get(body), (String) f[2].get(body));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void close() {
        // The SDK's HTTP client pools connections process-wide and has nothing to release per client.
    }
}
