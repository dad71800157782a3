package dev.lakeport.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeport.canonical.CanonicalForm;
import dev.lakeport.canonical.Fingerprint;
import dev.lakeport.diff.DiffEngine;
import dev.lakeport.diff.DiffEntry;
import dev.lakeport.diff.DiffOptions;
import dev.lakeport.model.CatalogObject;
import dev.lakeport.model.Database;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project whose fingerprints were stored by a Lakeport with an older canonical form: on opening, both sides are
 * fingerprinted again (the source with its mapping at the next {@code ensureMapping}), so the diff of an unchanged
 * catalog stays empty instead of showing every object as changed.
 */
class SnapshotCanonicalVersionTest {
    private static final UnaryOperator<CatalogObject> MAPPING = TestingCatalog.s3ToOss("oss-lake");
    private static final LoadOrigin GLUE = LoadOrigin.of("glue", "https://glue.example", "1");
    private static final LoadOrigin DLF = LoadOrigin.of("dlf", "https://dlf.example", "2");

    @Test
    void fingerprintsOfAnOlderCanonicalFormAreRecomputedOnceForBothSides(@TempDir Path dir) throws SQLException {
        Path file = dir.resolve("project.mv.db");
        Database db = TestingCatalog.database("sales");
        Table orders = TestingCatalog.table("sales", "orders");
        List<Partition> partitions = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            partitions.add(TestingCatalog.partition(orders, i));
        }
        try (SnapshotStore store = SnapshotStore.open(file)) {
            try (SnapshotWriter w = store.beginLoad(Side.SOURCE, GLUE, MAPPING, "m1")) {
                w.putDatabase(db);
                w.replacePartitions(orders, partitions.stream());
                w.finish();
            }
            try (SnapshotWriter w = store.beginLoad(Side.DESTINATION, DLF)) {
                w.putDatabase((Database) MAPPING.apply(db));
                w.replacePartitions(
                        (Table) MAPPING.apply(orders), partitions.stream().map(p -> (Partition) MAPPING.apply(p)));
                w.finish();
            }
            assertThat(diff(store)).isEmpty();
            // What a project written by the older canonical form looks like: other fingerprints, no version.
            try (Connection c = store.connection()) {
                ageFingerprints(c);
            }
            assertThatThrownBy(() -> diff(store))
                    .as("the aged project's fingerprints differ for equal objects")
                    .hasMessageContaining("stale");
        }

        try (SnapshotStore store = SnapshotStore.open(file)) {
            assertThat(fingerprints(store, Side.DESTINATION)).containsAllEntriesOf(expected(db, orders, partitions));
            assertThat(store.loadInfo(Side.SOURCE).orElseThrow().mappingId()).isEmpty();
            assertThat(store.ensureMapping(MAPPING, "m1", ProgressListener.NONE, CancellationToken.NONE))
                    .as("recomputed")
                    .isTrue();
            assertThat(fingerprints(store, Side.SOURCE)).containsAllEntriesOf(expected(db, orders, partitions));
            assertThat(diff(store)).isEmpty();
            try (Connection c = store.connection();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT canonical_version FROM snapshot_load ORDER BY side")) {
                while (rs.next()) {
                    assertThat(rs.getInt(1)).isEqualTo(CanonicalForm.VERSION);
                }
            }
        }
        try (SnapshotStore store = SnapshotStore.open(file)) {
            assertThat(store.ensureMapping(MAPPING, "m1", ProgressListener.NONE, CancellationToken.NONE))
                    .as("recomputed only once")
                    .isFalse();
        }
    }

    private static Map<ObjectKey, Long> expected(Database db, Table orders, List<Partition> partitions) {
        Map<ObjectKey, Long> out = new HashMap<>();
        out.put(db.key(), Fingerprint.of(MAPPING.apply(db)));
        out.put(orders.key(), Fingerprint.of(MAPPING.apply(orders)));
        partitions.forEach(p -> out.put(p.key(), Fingerprint.of(MAPPING.apply(p))));
        return out;
    }

    private static Map<ObjectKey, Long> fingerprints(SnapshotStore store, Side side) {
        Map<ObjectKey, Long> out = new HashMap<>();
        try (CloseableIterator<ScanEntry> scan = store.scan(side)) {
            scan.forEachRemaining(e -> out.put(e.key(), e.fingerprint()));
        }
        return out;
    }

    private static List<DiffEntry> diff(SnapshotStore store) {
        List<DiffEntry> out = new ArrayList<>();
        store.ensureMapping(MAPPING, "m1", ProgressListener.NONE, CancellationToken.NONE);
        new DiffEngine(store).run(DiffOptions.defaults(), out::add, ProgressListener.NONE, CancellationToken.NONE);
        return out;
    }

    /**
     * Flips a bit of every stored fingerprint (another bit on each side) and forgets the canonical version, as an old
     * project would have.
     */
    private static void ageFingerprints(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE snapshot_object SET fingerprint = BITXOR(fingerprint, side + 1)");
            s.executeUpdate("UPDATE snapshot_load SET canonical_version = NULL");
        }
        List<Object[]> chunks = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT ch.table_id, ch.run_no, ch.last_key, ch.body, o.side"
                        + " FROM snapshot_chunk ch JOIN snapshot_object o ON o.table_id = ch.table_id")) {
            while (rs.next()) {
                chunks.add(new Object[] {rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getBytes(4), rs.getInt(5)});
            }
        }
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE snapshot_chunk SET body = ? WHERE table_id = ? AND run_no = ? AND last_key = ?")) {
            for (Object[] row : chunks) {
                PartitionChunk chunk = PartitionChunk.decode((byte[]) row[3], true);
                for (int i = 0; i < chunk.size(); i++) {
                    chunk.fingerprints[i] ^= (Integer) row[4] + 1;
                }
                update.setBytes(
                        1, PartitionChunk.encode(chunk.keys, chunk.fingerprints, chunk.bodies, 0, chunk.size()));
                update.setLong(2, (Long) row[0]);
                update.setInt(3, (Integer) row[1]);
                update.setString(4, (String) row[2]);
                update.executeUpdate();
            }
        }
        c.commit();
    }
}
