package dev.lakeport.emulator.dlf;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The emulator's catalog, held in memory and keyed the way DLF keys it: database and table names folded to lower case
 * (Hive-style; DLF's own case rules are unpublished, this is inferred from its Hive compatibility). Objects go in and
 * come out as DLF wire JSON ({@code Database}, {@code Table}, {@code Partition}, {@code Function} shapes), so tests can
 * seed and inspect the catalog without the HTTP layer. Put methods replace silently and skip the service's checks.
 */
public final class DlfStore {
    private final ObjectMapper json;
    private final Interner interner;
    private final ConcurrentSkipListMap<String, DatabaseEntry> databases = new ConcurrentSkipListMap<>();

    DlfStore(ObjectMapper json) {
        this.json = requireNonNull(json, "json is null");
        this.interner = new Interner(json);
    }

    static final class DatabaseEntry {
        volatile ObjectNode database;
        final ConcurrentSkipListMap<String, TableEntry> tables = new ConcurrentSkipListMap<>();
        final ConcurrentSkipListMap<String, ObjectNode> functions = new ConcurrentSkipListMap<>();

        DatabaseEntry(ObjectNode database) {
            this.database = database;
        }
    }

    static final class TableEntry {
        volatile ObjectNode table;
        final PartitionTable partitions;

        TableEntry(ObjectNode table, PartitionTable partitions) {
            this.table = table;
            this.partitions = partitions;
        }
    }

    static String fold(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    // ---- counts

    public int databaseCount() {
        return databases.size();
    }

    public int tableCount() {
        return databases.values().stream().mapToInt(d -> d.tables.size()).sum();
    }

    public long partitionCount() {
        return databases.values().stream()
                .flatMap(d -> d.tables.values().stream())
                .mapToLong(t -> t.partitions.size())
                .sum();
    }

    public int functionCount() {
        return databases.values().stream().mapToInt(d -> d.functions.size()).sum();
    }

    /** Drops everything. */
    public void clear() {
        databases.clear();
    }

    // ---- typed access in wire form

    public Optional<ObjectNode> database(String name) {
        return Optional.ofNullable(databases.get(fold(name))).map(d -> d.database.deepCopy());
    }

    /** Creates or replaces a database ({@code Database} JSON, keyed by {@code Name}); its tables stay. */
    public void putDatabase(ObjectNode database) {
        String name = fold(text(database, "Name"));
        ObjectNode copy = database.deepCopy();
        copy.put("Name", name);
        databases.compute(name, (k, old) -> {
            if (old == null) {
                return new DatabaseEntry(copy);
            }
            old.database = copy;
            return old;
        });
    }

    public Optional<ObjectNode> table(String database, String name) {
        return tableEntry(database, name).map(t -> t.table.deepCopy());
    }

    /** Creates or replaces a table ({@code Table} JSON, keyed by {@code DatabaseName} and {@code TableName}). */
    public void putTable(ObjectNode table) {
        DatabaseEntry db = requireDatabase(text(table, "DatabaseName"));
        String name = fold(text(table, "TableName"));
        ObjectNode copy = table.deepCopy();
        copy.put("TableName", name);
        copy.put("DatabaseName", fold(text(table, "DatabaseName")));
        db.tables.compute(name, (k, old) -> {
            if (old == null) {
                return new TableEntry(copy, new PartitionTable(json, interner));
            }
            old.table = copy;
            return old;
        });
    }

    public Optional<ObjectNode> partition(String database, String table, List<String> values) {
        return tableEntry(database, table).flatMap(t -> t.partitions.get(fold(database), fold(table), values));
    }

    /** Creates or replaces a partition ({@code Partition} JSON with DatabaseName, TableName, Values). */
    public void putPartition(ObjectNode partition) {
        String database = text(partition, "DatabaseName");
        String table = text(partition, "TableName");
        TableEntry t = tableEntry(database, table)
                .orElseThrow(() -> new IllegalStateException("no table " + database + "." + table));
        t.partitions.put(values(partition), partition, tableLocation(t.table));
    }

    static String tableLocation(JsonNode table) {
        JsonNode sd = table.get("Sd");
        JsonNode location = sd == null ? null : sd.get("Location");
        return location == null || location.isNull() ? null : location.asText();
    }

    public Optional<ObjectNode> function(String database, String name) {
        return Optional.ofNullable(databases.get(fold(database)))
                .map(d -> d.functions.get(fold(name)))
                .map(ObjectNode::deepCopy);
    }

    /** Creates or replaces a function ({@code Function} JSON with DatabaseName, FunctionName). */
    public void putFunction(ObjectNode function) {
        DatabaseEntry db = requireDatabase(text(function, "DatabaseName"));
        String name = fold(text(function, "FunctionName"));
        ObjectNode copy = function.deepCopy();
        copy.put("FunctionName", name);
        db.functions.put(name, copy);
    }

    // ---- for the service

    Optional<DatabaseEntry> databaseEntry(String name) {
        return Optional.ofNullable(databases.get(fold(name)));
    }

    Optional<TableEntry> tableEntry(String database, String table) {
        return databaseEntry(database).map(d -> d.tables.get(fold(table)));
    }

    ConcurrentSkipListMap<String, DatabaseEntry> databases() {
        return databases;
    }

    boolean removeDatabase(String name) {
        return databases.remove(fold(name)) != null;
    }

    ObjectMapper json() {
        return json;
    }

    private DatabaseEntry requireDatabase(String name) {
        return databaseEntry(name).orElseThrow(() -> new IllegalStateException("no database " + name));
    }

    static List<String> values(JsonNode partition) {
        JsonNode vs = partition.get("Values");
        List<String> out = new ArrayList<>();
        if (vs != null && vs.isArray()) {
            vs.forEach(v -> out.add(v.isNull() ? null : v.asText()));
        }
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.asText().isEmpty()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return v.asText();
    }
}
