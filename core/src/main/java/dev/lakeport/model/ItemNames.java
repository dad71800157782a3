package dev.lakeport.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * The names a user reads for catalog objects ({@link ObjectKey#itemName(List)}), with each partition's values named by
 * its table's partition keys: {@code db.table/dt=20240101/region=cn-north%2F1}. The keys' names come from a lookup
 * (usually the project's snapshot), asked once per table. Thread-safe.
 */
public final class ItemNames {
    /** Names partitions by their escaped values alone, for where no table is at hand. */
    public static final ItemNames WITHOUT_KEY_NAMES = new ItemNames((database, table) -> List.of());

    private static final int MAX_CACHED = 10_000;

    private final BiFunction<String, String, List<String>> keyNames;
    private final Map<ObjectKey, List<String>> cache = new ConcurrentHashMap<>();

    /** {@code keyNames} gives a table's partition key names, or an empty list if the table is not known. */
    public ItemNames(BiFunction<String, String, List<String>> keyNames) {
        this.keyNames = requireNonNull(keyNames, "keyNames is null");
    }

    /** Names from the partition keys of the given tables (for tests and small, in-memory catalogs). */
    public static ItemNames of(Iterable<Table> tables) {
        Map<ObjectKey, List<String>> names = new ConcurrentHashMap<>();
        for (Table t : tables) {
            names.put(t.key(), partitionKeyNames(t));
        }
        return new ItemNames((d, t) -> names.getOrDefault(ObjectKey.table(d, t), List.of()));
    }

    /** A table's partition key names, in order. */
    public static List<String> partitionKeyNames(Table table) {
        return table.partitionKeys().stream().map(Column::name).toList();
    }

    /** The name of any object; a partition's with its key names when its table is known. */
    public String of(ObjectKey key) {
        requireNonNull(key, "key is null");
        if (key.kind() != ObjectKind.PARTITION) {
            return key.itemName();
        }
        return key.itemName(keyNamesOf(key.database(), key.requireName()));
    }

    /** The partition part of a partition's name, {@code dt=20240101/hr=03}. */
    public String partition(ObjectKey key) {
        return PartitionName.of(keyNamesOf(key.database(), key.requireName()), key.partitionValues());
    }

    private List<String> keyNamesOf(String database, String table) {
        ObjectKey tableKey = ObjectKey.table(database, table);
        List<String> names = cache.get(tableKey);
        if (names == null) {
            names = List.copyOf(keyNames.apply(tableKey.database(), tableKey.requireName()));
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            cache.put(tableKey, names);
        }
        return names;
    }
}
