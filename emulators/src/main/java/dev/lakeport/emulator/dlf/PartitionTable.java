package dev.lakeport.emulator.dlf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The partitions of one table, kept compact so that a million of them fit in a small heap: the storage descriptor
 * without its location is interned (partitions of a table almost always share it), parameters are interned while few
 * distinct maps exist and kept as UTF-8 JSON otherwise, a location under the table's is kept as a shared root plus
 * its UTF-8 suffix, times are stored flat. Rows are ordered by their values, which makes page tokens stable.
 */
final class PartitionTable {
    /** Joins partition values into one sort key; NUL sorts first, so the order is that of the value lists. */
    static final char SEPARATOR = '\u0000';

    private static final int NO_TIME = Integer.MIN_VALUE;

    private final ObjectMapper json;
    private final Interner interner;
    private final TreeMap<String, Row> rows = new TreeMap<>();

    PartitionTable(ObjectMapper json, Interner interner) {
        this.json = json;
        this.interner = interner;
    }

    /**
     * One partition; {@code params} is a shared ObjectNode or UTF-8 JSON bytes; the location is {@code root} (shared,
     * may be null) followed by {@code location}.
     */
    private record Row(
            ObjectNode sdTemplate,
            String root,
            byte[] location,
            Object params,
            int createTime,
            int lastAccessTime,
            int lastAnalyzedTime) {}

    static String key(List<String> values) {
        return String.join(String.valueOf(SEPARATOR), values);
    }

    static List<String> values(String key) {
        return Arrays.asList(key.split(String.valueOf(SEPARATOR), -1));
    }

    synchronized int size() {
        return rows.size();
    }

    synchronized boolean contains(List<String> values) {
        return rows.containsKey(key(values));
    }

    /** {@code tableLocation} (nullable) lets locations under it be stored as a suffix. */
    synchronized void put(List<String> values, ObjectNode partition, String tableLocation) {
        rows.put(key(values), compact(partition, tableLocation));
    }

    synchronized boolean remove(List<String> values) {
        return rows.remove(key(values)) != null;
    }

    synchronized Optional<ObjectNode> get(String database, String table, List<String> values) {
        Row row = rows.get(key(values));
        return row == null ? Optional.empty() : Optional.of(expand(database, table, values, row));
    }

    /** A page of partitions after {@code afterKey} (exclusive) that pass {@code filter}, plus the last key seen. */
    synchronized Page page(
            String database, String table, String afterKey, int pageSize, Predicate<List<String>> filter) {
        NavigableMap<String, Row> tail = afterKey == null ? rows : rows.tailMap(afterKey, false);
        List<ObjectNode> out = new ArrayList<>();
        String last = null;
        for (Map.Entry<String, Row> e : tail.entrySet()) {
            List<String> values = values(e.getKey());
            if (!filter.test(values)) {
                continue;
            }
            if (out.size() == pageSize) {
                return new Page(out, last);
            }
            out.add(expand(database, table, values, e.getValue()));
            last = e.getKey();
        }
        return new Page(out, null);
    }

    /** {@code nextKey} is the key to continue after, or null on the last page. */
    record Page(List<ObjectNode> partitions, String nextKey) {}

    private Row compact(ObjectNode partition, String tableLocation) {
        ObjectNode sd = partition.has("Sd") && partition.get("Sd").isObject()
                ? ((ObjectNode) partition.get("Sd")).deepCopy()
                : json.createObjectNode();
        JsonNode location = sd.remove("Location");
        String root = null;
        byte[] locationBytes = null;
        if (location != null && !location.isNull()) {
            String full = location.asText();
            if (tableLocation != null && !tableLocation.isEmpty() && full.startsWith(tableLocation)) {
                root = interner.root(tableLocation);
                full = full.substring(tableLocation.length());
            }
            locationBytes = full.getBytes(StandardCharsets.UTF_8);
        }
        ObjectNode template = interner.intern(sd);
        JsonNode params = partition.get("Parameters");
        Object storedParams = null;
        if (params != null && params.isObject() && !params.isEmpty()) {
            storedParams = interner.internOrBytes((ObjectNode) params);
        }
        return new Row(
                template,
                root,
                locationBytes,
                storedParams,
                time(partition, "CreateTime"),
                time(partition, "LastAccessTime"),
                time(partition, "LastAnalyzedTime"));
    }

    private ObjectNode expand(String database, String table, List<String> values, Row row) {
        ObjectNode p = json.createObjectNode();
        p.put("DatabaseName", database);
        p.put("TableName", table);
        ArrayNode vs = p.putArray("Values");
        values.forEach(vs::add);
        ObjectNode sd = row.sdTemplate().deepCopy();
        if (row.location() != null) {
            String suffix = new String(row.location(), StandardCharsets.UTF_8);
            sd.put("Location", row.root() == null ? suffix : row.root() + suffix);
        }
        p.set("Sd", sd);
        if (row.params() instanceof ObjectNode shared) {
            p.set("Parameters", shared.deepCopy());
        } else if (row.params() instanceof byte[] bytes) {
            p.set("Parameters", interner.parse(bytes));
        } else {
            p.putObject("Parameters");
        }
        putTime(p, "CreateTime", row.createTime());
        putTime(p, "LastAccessTime", row.lastAccessTime());
        putTime(p, "LastAnalyzedTime", row.lastAnalyzedTime());
        return p;
    }

    private static int time(ObjectNode node, String field) {
        JsonNode t = node.get(field);
        return t == null || t.isNull() ? NO_TIME : t.asInt();
    }

    private static void putTime(ObjectNode node, String field, int value) {
        if (value != NO_TIME) {
            node.put(field, value);
        }
    }
}
