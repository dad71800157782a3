package dev.lakeport.plan;

import dev.lakeport.connector.WriterLimits;
import dev.lakeport.diff.DiffEntry;
import dev.lakeport.diff.DiffResult;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.ObjectKind;
import dev.lakeport.snapshot.CloseableIterator;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Turns a key-ordered (or reverse key-ordered) stream of entries into operations: consecutive partitions of one table
 * with the same result go into batches of at most the writer's limit; anything else is one operation. A pending
 * batch is emitted as soon as the stream leaves its table, so the order of the input is kept and nothing but the
 * current batches is held.
 */
final class Batcher implements CloseableIterator<Operation> {
    private final CloseableIterator<DiffEntry> input;
    private final WriterLimits limits;
    private final ArrayDeque<Operation> ready = new ArrayDeque<>();
    private final Map<DiffResult, List<ObjectKey>> pending = new EnumMap<>(DiffResult.class);
    private Optional<ObjectKey> pendingTable = Optional.empty();

    Batcher(CloseableIterator<DiffEntry> input, WriterLimits limits) {
        this.input = input;
        this.limits = limits;
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty() && input.hasNext()) {
            accept(input.next());
        }
        if (ready.isEmpty()) {
            flushAll();
        }
        return !ready.isEmpty();
    }

    @Override
    public Operation next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    private void accept(DiffEntry entry) {
        ObjectKey key = entry.key();
        if (key.kind() != ObjectKind.PARTITION) {
            flushAll();
            ready.add(Operation.single(entry.result(), key));
            return;
        }
        if (!pendingTable.equals(key.parent())) {
            flushAll();
            pendingTable = key.parent();
        }
        List<ObjectKey> batch = pending.computeIfAbsent(entry.result(), r -> new ArrayList<>());
        batch.add(key);
        if (batch.size() >= limit(entry.result())) {
            ready.add(new Operation(entry.result(), ObjectKind.PARTITION, batch));
            pending.remove(entry.result());
        }
    }

    private void flushAll() {
        for (Map.Entry<DiffResult, List<ObjectKey>> e : pending.entrySet()) {
            ready.add(new Operation(e.getKey(), ObjectKind.PARTITION, e.getValue()));
        }
        pending.clear();
        pendingTable = Optional.empty();
    }

    private int limit(DiffResult result) {
        return switch (result) {
            case CREATE -> limits.createPartitions();
            case UPDATE -> limits.updatePartitions();
            case DELETE -> limits.deletePartitions();
        };
    }

    @Override
    public void close() {
        input.close();
    }
}
