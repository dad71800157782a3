package dev.lakeport.plan;

import static java.util.Objects.requireNonNull;

import dev.lakeport.diff.DiffResult;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.ObjectKind;
import java.util.List;
import java.util.Optional;

/**
 * One call to make: a create ({@code glueNew}), update ({@code needUpdate}) or delete ({@code dlfNew}) of one
 * database, table or function, or of a batch of partitions of one table.
 */
public record Operation(DiffResult result, ObjectKind kind, List<ObjectKey> keys) {
    public Operation {
        requireNonNull(result, "result is null");
        requireNonNull(kind, "kind is null");
        keys = List.copyOf(keys);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("an operation needs at least one key");
        }
        if (kind != ObjectKind.PARTITION && keys.size() != 1) {
            throw new IllegalArgumentException("only partitions are batched");
        }
        for (ObjectKey key : keys) {
            if (key.kind() != kind) {
                throw new IllegalArgumentException(key + " is not a " + kind.itemType());
            }
        }
        if (kind == ObjectKind.PARTITION
                && keys.stream().map(ObjectKey::parent).distinct().count() != 1) {
            throw new IllegalArgumentException("a partition batch must belong to one table");
        }
    }

    public static Operation single(DiffResult result, ObjectKey key) {
        return new Operation(result, key.kind(), List.of(key));
    }

    /** The first (for a single object, the only) key. */
    public ObjectKey key() {
        return keys.get(0);
    }

    /** The database of a table or function, the table of a partition batch. */
    public Optional<ObjectKey> parent() {
        return key().parent();
    }

    public int size() {
        return keys.size();
    }
}
