package dev.lakeport.connector.maxcompute;

import static java.util.Objects.requireNonNull;

import com.aliyun.odps.NoSuchObjectException;
import com.aliyun.odps.Odps;
import com.aliyun.odps.OdpsException;
import com.aliyun.odps.Project;
import com.aliyun.odps.account.AliyunAccount;
import dev.lakeport.connector.CatalogConnection;
import dev.lakeport.connector.ConnectorException;
import dev.lakeport.connector.Retries;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A connection to MaxCompute: one SDK client shared by every reader and writer it hands out. Readers retry each call
 * within the configured deadline; writers call once and leave retrying to the executor.
 */
public final class MaxComputeConnector implements CatalogConnection {
    /** The project properties that change how objects are mapped here, reported by {@link #facts()}. */
    static final List<String> FACT_PROPERTIES = List.of(
            "odps.sql.type.system.odps2",
            "odps.sql.decimal.odps2",
            "odps.sql.hive.compatible",
            MaxComputeClient.SCHEMA_MODEL);

    private final MaxComputeConnectorConfig config;
    private final MaxComputeClient client;

    public MaxComputeConnector(MaxComputeConnectorConfig config) {
        this.config = requireNonNull(config, "config is null");
        Odps odps = new Odps(
                new AliyunAccount(config.accessKeyId(), config.accessKeySecret().reveal()));
        odps.setEndpoint(config.endpoint().toString());
        odps.setDefaultProject(config.defaultProject());
        config.tunnelEndpoint().ifPresent(t -> odps.setTunnelEndpoint(t.toString()));
        int timeoutSeconds = (int)
                Math.max(1, Math.min(Integer.MAX_VALUE, config.callTimeout().toSeconds()));
        odps.getRestClient().setConnectTimeout(Math.min(timeoutSeconds, 10));
        odps.getRestClient().setReadTimeout(timeoutSeconds);
        // Retries are ours (readers) or the executor's (writers): the SDK's own would wait 10 s between attempts.
        odps.getRestClient().setRetryTimes(0);
        this.client = new MaxComputeClient(odps, config);
    }

    public MaxComputeConnectorConfig config() {
        return config;
    }

    @Override
    public String endpoint() {
        return config.endpoint().toString();
    }

    /**
     * For every configured project P: {@code P.odps.sql.type.system.odps2}, {@code P.odps.sql.decimal.odps2},
     * {@code P.odps.sql.hive.compatible} and {@code P.odps.schema.model.enabled}, as the project sets them (properties
     * it does not set are left out; so are projects that do not exist).
     */
    @Override
    public Map<String, String> facts() {
        Map<String, String> facts = new LinkedHashMap<>();
        Retries retries = Retries.standard(config.retryDeadline());
        for (String project : config.projects()) {
            Optional<Map<String, String>> properties =
                    retries.call(() -> client.call("read project", project, () -> properties(project)));
            properties.ifPresent(p -> FACT_PROPERTIES.forEach(key -> {
                String value = p.get(key);
                if (value != null) {
                    facts.put(project + "." + key, value);
                }
            }));
        }
        return facts;
    }

    private Optional<Map<String, String>> properties(String project) throws OdpsException {
        try {
            Project p = client.odps().projects().get(project);
            p.reload();
            return Optional.of(p.getProperties());
        } catch (NoSuchObjectException e) {
            return Optional.empty();
        }
    }

    @Override
    public <T> Optional<T> client(Class<T> type) {
        return type.isInstance(client.odps()) ? Optional.of(type.cast(client.odps())) : Optional.empty();
    }

    @Override
    public MaxComputeCatalogReader reader() {
        return reader(Retries.standard(config.retryDeadline()));
    }

    @Override
    public MaxComputeCatalogReader reader(Retries retries) {
        return new MaxComputeCatalogReader(client, retries);
    }

    @Override
    public MaxComputeCatalogWriter writer() {
        return new MaxComputeCatalogWriter(client, new MaxComputeCatalogReader(client, Retries.none()));
    }

    @Override
    public void close() {
        // The SDK keeps no connections open between calls.
    }

    /** Turns an SDK failure into a {@link ConnectorException}; kept here for tests of error wording. */
    static ConnectorException error(String operation, String object, String endpoint, Throwable e) {
        return MaxComputeErrors.map(operation, object, endpoint, e);
    }
}
