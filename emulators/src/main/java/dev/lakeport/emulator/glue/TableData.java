package dev.lakeport.emulator.glue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One table: its stored JSON, the shape partitions are read against (keys, key types, location prefix) and its
 * partitions ordered by values. Partitions are guarded by the table's read-write lock; the table JSON and shape are
 * replaced whole.
 */
final class TableData {
    static final Comparator<String[]> VALUES_ORDER = (a, b) -> {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            int c = a[i].compareTo(b[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.length, b.length);
    };

    /** Partition keys and the location prefix of one version of the table. */
    record Shape(
            List<String> keyNames,
            List<PartitionExpression.KeyType> keyTypes,
            LocationBase derivedPlain,
            LocationBase derivedSlash) {
        static Shape of(ObjectNode table) {
            List<String> names = new ArrayList<>();
            List<PartitionExpression.KeyType> types = new ArrayList<>();
            JsonNode keys = table.get("PartitionKeys");
            if (keys != null && keys.isArray()) {
                for (JsonNode key : keys) {
                    names.add(key.path("Name").asText());
                    types.add(PartitionExpression.KeyType.of(key.path("Type").asText(null)));
                }
            }
            String location = table.path("StorageDescriptor").path("Location").asText(null);
            LocationBase plain = null;
            LocationBase slash = null;
            if (location != null && !location.isEmpty()) {
                String prefix = location.endsWith("/") ? location : location + "/";
                String[] keyArray = names.toArray(new String[0]);
                plain = new LocationBase(prefix, keyArray, false);
                slash = new LocationBase(prefix, keyArray, true);
            }
            return new Shape(List.copyOf(names), List.copyOf(types), plain, slash);
        }

        int keyCount() {
            return keyNames.size();
        }
    }

    final String databaseName;
    final String name;
    final TreeMap<String[], PartitionRecord> partitions = new TreeMap<>(VALUES_ORDER);
    final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile ObjectNode table;
    private volatile Shape shape;

    TableData(String databaseName, String name, ObjectNode table) {
        this.databaseName = databaseName;
        this.name = name;
        replace(table);
    }

    ObjectNode table() {
        return table;
    }

    Shape shape() {
        return shape;
    }

    void replace(ObjectNode newTable) {
        this.shape = Shape.of(newTable);
        this.table = newTable;
    }

    int partitionCount() {
        lock.readLock().lock();
        try {
            return partitions.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    static String describe(String[] values) {
        return Arrays.toString(values);
    }
}
