package dev.lakeport.connector.hive;

import dev.lakeport.connector.AbstractCatalogConnectorContractTest;
import dev.lakeport.connector.CatalogReader;
import dev.lakeport.connector.CatalogWriter;
import dev.lakeport.model.CatalogObject;
import dev.lakeport.model.Column;
import dev.lakeport.model.Database;
import dev.lakeport.model.Function;
import dev.lakeport.model.Partition;
import dev.lakeport.model.StorageDescriptor;
import dev.lakeport.model.Table;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The connector contract against the real Hive Metastore (4.0.1 on Derby, shared by the test JVM). */
class HiveCatalogConnectorContractTest extends AbstractCatalogConnectorContractTest {
    private static HiveConnector connector;

    @BeforeAll
    static void start() {
        connector = new HiveConnector(TestingHiveMetastore.config());
    }

    @AfterAll
    static void stop() {
        connector.close();
    }

    @Override
    protected CatalogReader openReader() {
        return connector.reader();
    }

    @Override
    protected CatalogWriter openWriter() {
        return connector.writer();
    }

    /**
     * Hive keeps a table's description as its {@code comment} parameter, has no last-analysed time and no column
     * parameters, and knows only Java functions.
     */
    @Override
    protected CatalogObject expectedAfterRoundTrip(CatalogObject written) {
        if (written instanceof Database d) {
            // the metastore keeps locations as Hadoop paths, without a trailing slash
            return d.locationUri()
                    .filter(l -> l.endsWith("/"))
                    .map(l -> d.withLocationUri(l.substring(0, l.length() - 1)))
                    .orElse(d);
        }
        if (written instanceof Table t) {
            Map<String, String> parameters = new HashMap<>(t.parameters());
            t.description().ifPresent(d -> parameters.putIfAbsent("comment", d));
            Table.Builder b = t.toBuilder().parameters(parameters).lastAnalyzedTime(null);
            t.storageDescriptor().ifPresent(sd -> b.storageDescriptor(withoutColumnParameters(sd)));
            return b.build();
        }
        if (written instanceof Partition p) {
            Partition q = new Partition(
                    p.databaseName(),
                    p.tableName(),
                    p.values(),
                    p.storageDescriptor().map(HiveCatalogConnectorContractTest::withoutColumnParameters),
                    p.parameters(),
                    p.createTime(),
                    p.lastAccessTime(),
                    Optional.empty());
            return q;
        }
        if (written instanceof Function f) {
            return new Function(
                    f.databaseName(),
                    f.name(),
                    f.className(),
                    f.ownerName(),
                    f.ownerType(),
                    Optional.of("JAVA"),
                    f.resourceUris(),
                    f.createTime());
        }
        return written;
    }

    private static StorageDescriptor withoutColumnParameters(StorageDescriptor sd) {
        return sd.toBuilder()
                .columns(sd.columns().stream()
                        .map(c -> new Column(c.name(), c.type(), c.comment(), Map.of()))
                        .toList())
                .build();
    }
}
