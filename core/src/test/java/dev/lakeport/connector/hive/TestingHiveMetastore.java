package dev.lakeport.connector.hive;

import dev.lakeport.emulator.hive.EmbeddedHiveMetastore;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/** The real Hive Metastore on in-memory Derby, started once per test JVM and shared by every Hive test. */
final class TestingHiveMetastore {
    private static EmbeddedHiveMetastore metastore;

    private TestingHiveMetastore() {}

    static synchronized EmbeddedHiveMetastore get() {
        if (metastore == null) {
            metastore = EmbeddedHiveMetastore.startInMemory();
            System.out.println("Hive Metastore listening at " + metastore.uri() + " after " + metastore.startTime());
        }
        return metastore;
    }

    static URI uri() {
        return get().uri();
    }

    /** A connection with short timeouts, so that a test that goes wrong fails in seconds. */
    static HiveConnectorConfig config() {
        return HiveConnectorConfig.of(List.of(uri()))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(20));
    }
}
