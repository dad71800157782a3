package dev.lakeport.connector.maxcompute;

import com.aliyun.odps.Instance;
import com.aliyun.odps.NoSuchObjectException;
import com.aliyun.odps.Odps;
import com.aliyun.odps.OdpsException;
import com.aliyun.odps.Project;
import com.aliyun.odps.task.SQLTask;
import dev.lakeport.connector.ConnectorException;
import dev.lakeport.connector.ErrorCode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The SDK client with the few things readers and writers share: error mapping, project lookups and SQL tasks. */
final class MaxComputeClient {
    private static final Logger LOG = LoggerFactory.getLogger(MaxComputeClient.class);

    static final String SCHEMA_MODEL = "odps.schema.model.enabled";

    private final Odps odps;
    private final MaxComputeConnectorConfig config;

    MaxComputeClient(Odps odps, MaxComputeConnectorConfig config) {
        this.odps = odps;
        this.config = config;
    }

    Odps odps() {
        return odps;
    }

    MaxComputeConnectorConfig config() {
        return config;
    }

    String endpoint() {
        return config.endpoint().toString();
    }

    interface SdkCall<T> {
        T call() throws Exception;
    }

    /** Runs an SDK call, every failure a {@link ConnectorException} naming the operation, object and endpoint. */
    <T> T call(String operation, String object, SdkCall<T> call) {
        try {
            return call.call();
        } catch (ConnectorException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException(ErrorCode.INTERNAL, "interrupted during MaxCompute " + operation);
        } catch (Exception e) {
            throw MaxComputeErrors.map(operation, object, endpoint(), e);
        }
    }

    /** The project's properties, or empty when there is no such project. */
    Optional<Map<String, String>> project(String name) throws OdpsException {
        try {
            Project p = odps.projects().get(name);
            p.reload();
            Map<String, String> properties = new HashMap<>(p.getProperties());
            if (p.getComment() != null && !p.getComment().isBlank()) {
                properties.put(COMMENT_KEY, p.getComment());
            }
            return Optional.of(properties);
        } catch (NoSuchObjectException e) {
            return Optional.empty();
        } catch (com.aliyun.odps.ReloadException e) {
            if (e.getCause() instanceof NoSuchObjectException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Where {@link #project} puts the project's comment (not a MaxCompute property name). */
    static final String COMMENT_KEY = "lakeport.comment";

    static boolean schemaModel(Map<String, String> properties) {
        return "true".equalsIgnoreCase(properties.getOrDefault(SCHEMA_MODEL, "false"));
    }

    /**
     * Runs SQL as one task in the jobs project and waits for it. Three-part names ({@code project.schema.table}) are
     * understood only with the namespace hint, so it is always set where a schema is named.
     */
    void sql(String sql, boolean schemaNames) throws OdpsException {
        Map<String, String> hints = new HashMap<>();
        if (schemaNames) {
            hints.put("odps.namespace.schema", "true");
        }
        LOG.debug("MaxCompute SQL in {}: {}", config.jobsProject(), sql);
        Instance instance = SQLTask.run(odps, config.jobsProject(), sql, hints, null);
        instance.waitForSuccess();
    }
}
