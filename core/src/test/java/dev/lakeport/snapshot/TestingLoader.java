package dev.lakeport.snapshot;

import dev.lakeport.model.CatalogObject;
import dev.lakeport.model.Database;
import dev.lakeport.model.Function;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.ObjectKind;
import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/** A catalog held in memory and the loader the CLI runs over a reader, following the store's protocol. */
final class TestingLoader {
    static final LoadOrigin ORIGIN = LoadOrigin.of("glue", "glue.us-east-1.amazonaws.com", "123456789012");

    /** Thrown by a partition stream to simulate the process dying mid-table. */
    static final class Killed extends RuntimeException {
        Killed() {
            super("killed");
        }
    }

    record Catalog(List<Database> databases, Map<Table, List<Partition>> tables, List<Function> functions) {
        static Catalog sample(int tables, int partitionsPerTable) {
            List<Database> dbs = List.of(TestingCatalog.database("sales"), TestingCatalog.database("web"));
            Map<Table, List<Partition>> t = new LinkedHashMap<>();
            for (int i = 0; i < tables; i++) {
                Table table = TestingCatalog.table(i % 2 == 0 ? "sales" : "web", "t" + i);
                List<Partition> ps = new ArrayList<>();
                TestingCatalog.partitions(table, partitionsPerTable + i).forEachRemaining(ps::add);
                t.put(table, ps);
            }
            t.put(TestingCatalog.unpartitioned("web", "plain"), List.of());
            List<Function> fs =
                    List.of(TestingCatalog.function("sales", "mask"), TestingCatalog.function("web", "hash"));
            return new Catalog(dbs, t, fs);
        }
    }

    private TestingLoader() {}

    /**
     * Loads the catalog into a side; the partition streams throw {@link Killed} after {@code killAfter} partitions
     * (counted over the whole load). Returns how many partitions were pulled from the "reader".
     */
    static long load(
            SnapshotStore store, Side side, Catalog catalog, UnaryOperator<CatalogObject> mapping, long killAfter) {
        AtomicLong pulled = new AtomicLong();
        try (SnapshotWriter writer = side == Side.SOURCE
                ? store.beginLoad(side, ORIGIN, mapping, "mapping-1")
                : store.beginLoad(side, ORIGIN)) {
            catalog.databases().forEach(writer::putDatabase);
            for (Map.Entry<Table, List<Partition>> e : catalog.tables().entrySet()) {
                Table table = e.getKey();
                writer.putTable(table);
                if (table.isPartitioned() && !writer.isTableComplete(table.databaseName(), table.name())) {
                    writer.replacePartitions(table, killing(e.getValue().iterator(), pulled, killAfter));
                }
            }
            catalog.functions().forEach(writer::putFunction);
            if (pulled.get() >= killAfter) {
                throw new Killed();
            }
            writer.finish();
        }
        return pulled.get();
    }

    private static Iterator<Partition> killing(Iterator<Partition> it, AtomicLong pulled, long killAfter) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Partition next() {
                if (pulled.get() >= killAfter) {
                    throw new Killed();
                }
                pulled.incrementAndGet();
                return it.next();
            }
        };
    }

    /** Everything a side holds, in scan order: key, fingerprint and the object as read. */
    static List<String> dump(SnapshotStore store, Side side) {
        List<String> rows = new ArrayList<>();
        Map<ObjectKey, Partition> partitions = new HashMap<>();
        try (CloseableIterator<ScanEntry> scan = store.scan(side)) {
            while (scan.hasNext()) {
                ScanEntry e = scan.next();
                ObjectKey key = e.key();
                CatalogObject object;
                if (key.kind() == ObjectKind.PARTITION) {
                    // Read a table's partitions a page at a time rather than one lookup each: this runs often.
                    if (partitions.isEmpty()) {
                        allPartitions(store, side, key).forEach(p -> partitions.put(p.key(), p));
                    }
                    object = partitions.remove(key);
                } else {
                    partitions.clear();
                    object = store.getRaw(side, key).orElseThrow();
                }
                rows.add(key + " " + e.fingerprint() + " " + object);
            }
        }
        return rows;
    }

    private static List<Partition> allPartitions(SnapshotStore store, Side side, ObjectKey partitionKey) {
        List<Partition> all = new ArrayList<>();
        Optional<List<String>> after = Optional.empty();
        List<Partition> page;
        while (!(page = store.partitions(side, partitionKey.database(), partitionKey.requireName(), after, 1_000))
                .isEmpty()) {
            all.addAll(page);
            after = Optional.of(page.get(page.size() - 1).values());
        }
        return all;
    }

    /** Rows of a store table, to prove nothing is left behind (no orphan partition chunks). */
    static long rows(SnapshotStore store, String table) {
        try (Connection c = store.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops the database as a killed process would: no clean shutdown, no compaction. */
    static void crash(SnapshotStore store) {
        try (Connection c = store.dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute("SHUTDOWN IMMEDIATELY");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
