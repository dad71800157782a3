package dev.lakeport.sparkjob;

import dev.lakeport.canonical.CanonicalForm;
import dev.lakeport.connector.dlf.DlfCatalogReader;
import dev.lakeport.connector.dlf.DlfConnector;
import dev.lakeport.connector.dlf.DlfConnectorConfig;
import dev.lakeport.emulator.dlf.DlfEmulator;
import dev.lakeport.model.CatalogObject;
import dev.lakeport.model.Database;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.ObjectKind;
import dev.lakeport.model.Table;
import dev.lakeport.secret.AliyunCredentials;
import dev.lakeport.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** Everything a DLF emulator holds, read back through the connector: key → canonical JSON (what a diff compares). */
final class DlfContents {
    private DlfContents() {}

    static Map<ObjectKey, String> of(DlfEmulator dlf) {
        Map<ObjectKey, String> all = new TreeMap<>();
        Consumer<CatalogObject> put =
                o -> all.put(o.key(), new String(CanonicalForm.toBytes(o), StandardCharsets.UTF_8));
        try (DlfConnector connector = DlfConnector.create(config(dlf));
                DlfCatalogReader reader = connector.reader()) {
            List<Database> databases;
            try (Stream<Database> s = reader.databases()) {
                databases = s.toList();
            }
            for (Database d : databases) {
                put.accept(d);
                List<Table> tables;
                try (Stream<Table> s = reader.tables(d.name())) {
                    tables = s.toList();
                }
                for (Table t : tables) {
                    put.accept(t);
                    if (t.isPartitioned()) {
                        try (var s = reader.partitions(t, Optional.empty())) {
                            s.forEach(put);
                        }
                    }
                }
                try (var s = reader.functions(d.name())) {
                    s.forEach(put);
                }
            }
        }
        return all;
    }

    static long count(Map<ObjectKey, String> contents, ObjectKind kind) {
        return contents.keySet().stream().filter(k -> k.kind() == kind).count();
    }

    static DlfConnectorConfig config(DlfEmulator dlf) {
        return DlfConnectorConfig.of(
                        "eu-central-1",
                        dlf.endpoint(),
                        new AliyunCredentials.StaticKeys(
                                SharedSpark.ALIYUN_KEY_ID, Secret.of(SharedSpark.ALIYUN_SECRET), Optional.empty()))
                .withProtocol("HTTP")
                .withCatalogId(dlf.catalogId());
    }
}
