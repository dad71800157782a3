package dev.lakeport.connector.hive;

import static java.util.Objects.requireNonNull;

import dev.lakeport.connector.CatalogConnection;
import dev.lakeport.connector.Retries;
import java.util.function.UnaryOperator;
import org.apache.hadoop.hive.metastore.api.ThriftHiveMetastore;

/**
 * A connection to one Hive Metastore (or several URIs of one, with fail-over): one pool of Thrift connections shared
 * by every reader and writer it hands out. Readers retry each call with {@link Retries#standard()} within the
 * configured deadline; writers call once and leave retrying to the executor.
 */
public final class HiveConnector implements CatalogConnection {
    private final HiveConnectorConfig config;
    private final HiveClientPool pool;

    public HiveConnector(HiveConnectorConfig config) {
        this(config, UnaryOperator.identity());
    }

    /** With every Thrift client wrapped by {@code decorator} (tests count calls this way). */
    HiveConnector(HiveConnectorConfig config, UnaryOperator<ThriftHiveMetastore.Iface> decorator) {
        this.config = requireNonNull(config, "config is null");
        this.pool = new HiveClientPool(config, decorator);
    }

    public HiveConnectorConfig config() {
        return config;
    }

    @Override
    public String endpoint() {
        return config.describeUris();
    }

    @Override
    public HiveCatalogReader reader() {
        return reader(Retries.standard(config.retryDeadline()));
    }

    @Override
    public HiveCatalogReader reader(Retries retries) {
        return new HiveCatalogReader(pool, config, retries);
    }

    @Override
    public HiveCatalogWriter writer() {
        return new HiveCatalogWriter(pool, config);
    }

    @Override
    public void close() {
        pool.close();
    }
}
