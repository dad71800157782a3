package dev.lakeport.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.snapshot.Side;
import dev.lakeport.snapshot.SnapshotStore;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogFactsTest {
    @TempDir
    Path dir;

    @Test
    void factsAreReplacedPerSideAndReadBackInANewStore() {
        Path file = dir.resolve("p.lakeport.mv.db");
        try (SnapshotStore store = SnapshotStore.open(file)) {
            CatalogFacts.save(store.dataSource(), Side.DESTINATION, Map.of("p.odps.sql.type.system.odps2", "true"));
            CatalogFacts.save(
                    store.dataSource(),
                    Side.DESTINATION,
                    Map.of("p.odps.sql.type.system.odps2", "false", "p.odps.schema.model.enabled", "true"));
            CatalogFacts.save(store.dataSource(), Side.SOURCE, Map.of("lakeport.naming.id", "n1"));
        }
        try (SnapshotStore store = SnapshotStore.open(file)) {
            assertThat(CatalogFacts.load(store.dataSource(), Side.DESTINATION))
                    .isEqualTo(Map.of("p.odps.sql.type.system.odps2", "false", "p.odps.schema.model.enabled", "true"));
            assertThat(CatalogFacts.load(store.dataSource(), Side.SOURCE))
                    .isEqualTo(Map.of("lakeport.naming.id", "n1"));
        }
    }
}
