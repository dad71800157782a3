package dev.lakeport.plan.tasks;

import dev.lakeport.model.Column;
import dev.lakeport.model.Database;
import dev.lakeport.model.Partition;
import dev.lakeport.model.StorageDescriptor;
import dev.lakeport.model.Table;
import dev.lakeport.snapshot.LoadOrigin;
import dev.lakeport.snapshot.Side;
import dev.lakeport.snapshot.SnapshotStore;
import dev.lakeport.snapshot.SnapshotWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

/** A project file whose SOURCE side was loaded with tables of a given shape, as a Hive metastore load leaves it. */
public final class TestingSourceSnapshot {
    public static final long GB = 1024L * 1024 * 1024;
    private static final LoadOrigin ORIGIN = LoadOrigin.of("hive", "thrift://metastore:9083", null);

    private final Map<String, List<Table>> databases = new LinkedHashMap<>();
    private final Map<Table, List<Partition>> partitions = new LinkedHashMap<>();

    /** A partitioned table {@code db.name} with {@code count} partitions dt=d000.. of {@code bytes} and 10 rows each. */
    public TestingSourceSnapshot partitioned(String db, String name, int count, long bytes) {
        Table table = Table.builder(db, name)
                .storageDescriptor(sd("s3://lake/" + db + "/" + name))
                .partitionKeys(List.of(Column.of("dt", "string")))
                .build();
        List<Partition> ps = IntStream.range(0, count)
                .mapToObj(i -> new Partition(
                        db,
                        name,
                        List.of(String.format("d%03d", i)),
                        Optional.of(sd("s3://lake/" + db + "/" + name + "/dt=" + String.format("d%03d", i))),
                        Map.of("totalSize", String.valueOf(bytes), "numRows", "10"),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty()))
                .toList();
        databases.computeIfAbsent(db, k -> new ArrayList<>()).add(table);
        partitions.put(table, ps);
        return this;
    }

    /** A table {@code db.name} without partitions, of {@code bytes}. */
    public TestingSourceSnapshot unpartitioned(String db, String name, long bytes) {
        Table table = Table.builder(db, name)
                .storageDescriptor(sd("s3://lake/" + db + "/" + name))
                .parameters(Map.of("totalSize", String.valueOf(bytes), "numRows", "1000"))
                .build();
        databases.computeIfAbsent(db, k -> new ArrayList<>()).add(table);
        partitions.put(table, List.of());
        return this;
    }

    /** Opens (creates) the project file and loads the SOURCE side with the tables; the caller closes the store. */
    public SnapshotStore open(Path file) {
        SnapshotStore store = SnapshotStore.open(file);
        try (SnapshotWriter w = store.beginLoad(Side.SOURCE, ORIGIN, UnaryOperator.identity(), "identity")) {
            databases.keySet().forEach(db -> w.putDatabase(Database.of(db)));
            for (Map.Entry<Table, List<Partition>> e : partitions.entrySet()) {
                w.putTable(e.getKey());
                if (!e.getKey().partitionKeys().isEmpty()) {
                    w.replacePartitions(e.getKey(), e.getValue().stream());
                }
            }
            w.finish();
        }
        return store;
    }

    private static StorageDescriptor sd(String location) {
        return StorageDescriptor.builder()
                .columns(List.of(Column.of("id", "bigint"), Column.of("amount", "decimal(12,2)")))
                .location(location)
                .build();
    }
}
