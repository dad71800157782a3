package dev.lakeport.sparkjob;

import dev.lakeport.model.CatalogObject;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.ObjectKind;
import dev.lakeport.model.Table;
import dev.lakeport.snapshot.CloseableIterator;
import dev.lakeport.snapshot.ObjectBytes;
import dev.lakeport.snapshot.ScanEntry;
import dev.lakeport.snapshot.Side;
import dev.lakeport.snapshot.SnapshotView;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the executor of a load task looks up, in memory: the tables of both sides (from the driver's listing) and the
 * mapped source partitions of the entries under way. An entry is held from when the plan reads it until its result is
 * recorded ({@link #release}), so memory is bounded by the batches in flight, not by the task's share.
 */
final class TaskView implements SnapshotView {
    private final TableIndex.Cache tables;
    private final Map<ObjectKey, byte[]> held = new ConcurrentHashMap<>();

    TaskView(TableIndex index) {
        this.tables = new TableIndex.Cache(index);
    }

    void hold(ObjectKey key, byte[] mappedPartition) {
        held.put(key, mappedPartition);
    }

    void release(ObjectKey key) {
        held.remove(key);
    }

    int held() {
        return held.size();
    }

    @Override
    public CloseableIterator<ScanEntry> scan(Side side) {
        throw new UnsupportedOperationException("a load task holds no scan; the diff ran before it");
    }

    @Override
    public Optional<CatalogObject> get(Side side, ObjectKey key) {
        if (key.kind() == ObjectKind.TABLE) {
            return tables.get(side, key);
        }
        if (key.kind() != ObjectKind.PARTITION || side != Side.SOURCE) {
            return Optional.empty();
        }
        byte[] body = held.get(key);
        if (body == null) {
            return Optional.empty();
        }
        ObjectKey tableKey = key.parent().orElseThrow();
        Optional<Table> table = tables.get(Side.SOURCE, tableKey.sortKey());
        return table.map(t -> ObjectBytes.decodePartition(body, t, key.partitionValues()));
    }
}
