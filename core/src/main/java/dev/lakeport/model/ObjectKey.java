package dev.lakeport.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Identifies a catalog object across catalogs. Names are lower-cased (Glue folds them, DLF compares them without
 * case); partition values keep their case.
 *
 * <p>Keys are totally ordered so that two catalogs can be compared by merging two sorted scans: a database comes
 * first, then each of its tables directly followed by that table's partitions (by values, element by element), then
 * its functions. {@link #sortKey()} is a string whose natural order is exactly this order, for stores that sort by a
 * column.
 */
public record ObjectKey(ObjectKind kind, String database, Optional<String> name, List<String> partitionValues)
        implements Comparable<ObjectKey> {

    /** Separates the parts of a sort key; lower than any character a name or value may hold. */
    public static final char SEPARATOR = '\u0001';

    public ObjectKey {
        requireNonNull(kind, "kind is null");
        requireNonNull(database, "database is null");
        database = normalizeName(database);
        name = Immutables.optional(name).map(ObjectKey::normalizeName);
        partitionValues = Immutables.list(partitionValues);
        boolean needsName = kind != ObjectKind.DATABASE;
        if (needsName != name.isPresent()) {
            throw new IllegalArgumentException(kind + " key " + (needsName ? "needs" : "cannot have") + " a name");
        }
        if ((kind == ObjectKind.PARTITION) == partitionValues.isEmpty()) {
            throw new IllegalArgumentException("only a partition key has partition values");
        }
        for (String value : partitionValues) {
            requireNonNull(value, "partition value is null");
            checkNoControl(value, "partition value");
        }
        checkNoControl(database, "database name");
        name.ifPresent(n -> checkNoControl(n, "name"));
    }

    public static ObjectKey database(String database) {
        return new ObjectKey(ObjectKind.DATABASE, database, Optional.empty(), List.of());
    }

    public static ObjectKey table(String database, String table) {
        return new ObjectKey(ObjectKind.TABLE, database, Optional.of(table), List.of());
    }

    public static ObjectKey partition(String database, String table, List<String> values) {
        return new ObjectKey(ObjectKind.PARTITION, database, Optional.of(table), values);
    }

    public static ObjectKey function(String database, String function) {
        return new ObjectKey(ObjectKind.FUNCTION, database, Optional.of(function), List.of());
    }

    /** The table name of a table or partition key, the function name of a function key. */
    public String requireName() {
        return name.orElseThrow(() -> new IllegalStateException(this + " has no name"));
    }

    /** The key of the table a partition belongs to, or of the database anything else belongs to. */
    public Optional<ObjectKey> parent() {
        return switch (kind) {
            case DATABASE -> Optional.empty();
            case TABLE, FUNCTION -> Optional.of(database(database));
            case PARTITION -> Optional.of(table(database, requireName()));
        };
    }

    /** A string whose natural (UTF-16 code unit) order is the order of {@link #compareTo}. */
    public String sortKey() {
        StringBuilder sb = new StringBuilder(database.length() + 32);
        sb.append(database);
        switch (kind) {
            case DATABASE -> sb.append(SEPARATOR).append('0');
            case TABLE -> sb.append(SEPARATOR)
                    .append('1')
                    .append(SEPARATOR)
                    .append(name.get())
                    .append(SEPARATOR)
                    .append('0');
            case PARTITION -> {
                sb.append(SEPARATOR)
                        .append('1')
                        .append(SEPARATOR)
                        .append(name.get())
                        .append(SEPARATOR)
                        .append('1');
                for (String value : partitionValues) {
                    sb.append(SEPARATOR).append(value);
                }
            }
            case FUNCTION -> sb.append(SEPARATOR).append('2').append(SEPARATOR).append(name.get());
        }
        return sb.toString();
    }

    @Override
    public int compareTo(ObjectKey other) {
        return sortKey().compareTo(other.sortKey());
    }

    /**
     * The name a user reads when the partition keys' names are not at hand: {@code db}, {@code db.table},
     * {@code db.function}, and for a partition its values in Hive's path escaping, {@code db.table/v1/v2} (see
     * {@link PartitionName}). Where the table is known, {@link #itemName(List)} (or {@link ItemNames}) names them.
     */
    public String itemName() {
        return itemName(List.of());
    }

    /**
     * The name the result log and every view show: {@code db}, {@code db.table}, {@code db.function}, and for a
     * partition Hive's {@code db.table/k1=v1/k2=v2} with its path escaping, so that {@code region=cn-north/1} is
     * {@code region=cn-north%2F1} and the name parses back ({@link #fromItemName}).
     */
    public String itemName(List<String> partitionKeyNames) {
        return switch (kind) {
            case DATABASE -> database;
            case TABLE, FUNCTION -> database + "." + name.get();
            case PARTITION -> database + "." + name.get() + "/" + PartitionName.of(partitionKeyNames, partitionValues);
        };
    }

    /**
     * The key an item name stands for, for files that carry only the name. Partition names may be this version's
     * Hive form or the older one that joined raw values with {@code /} (ambiguous when a value held a slash: then read
     * as more values).
     *
     * @throws IllegalArgumentException naming the item if the name does not fit the item type
     */
    public static ObjectKey fromItemName(String itemType, String itemName) {
        requireNonNull(itemType, "itemType is null");
        requireNonNull(itemName, "itemName is null");
        ObjectKind kind = ObjectKind.fromItemType(itemType);
        if (kind == ObjectKind.DATABASE) {
            return database(itemName);
        }
        int slash = itemName.indexOf('/');
        String qualified = kind == ObjectKind.PARTITION && slash > 0 ? itemName.substring(0, slash) : itemName;
        int dot = qualified.indexOf('.');
        if (dot <= 0 || dot == qualified.length() - 1 || (kind == ObjectKind.PARTITION && slash < 0)) {
            throw new IllegalArgumentException(itemType + " name " + itemName + " is not "
                    + (kind == ObjectKind.PARTITION ? "database.table/key=value/..." : "database.name"));
        }
        String db = qualified.substring(0, dot);
        String name = qualified.substring(dot + 1);
        return switch (kind) {
            case TABLE -> table(db, name);
            case FUNCTION -> function(db, name);
            case PARTITION -> partition(db, name, PartitionName.values(itemName.substring(slash + 1)));
            case DATABASE -> throw new AssertionError();
        };
    }

    @Override
    public String toString() {
        return kind.itemType() + " " + itemName();
    }

    private static String normalizeName(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static void checkNoControl(String s, String what) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < ' ') {
                throw new IllegalArgumentException(what + " contains a control character at position " + i + ": "
                        + s.replaceAll("\\p{Cntrl}", "?"));
            }
        }
    }
}
