package dev.lakeport.emulator.glue;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The emulator's in-memory Data Catalog, also usable directly from Java to seed and inspect it. Objects go in and
 * come out as Jackson {@link ObjectNode}s in Glue's wire form (the {@code Database}, {@code Table}, {@code Partition}
 * and {@code UserDefinedFunction} shapes; the {@code ...Input} shapes are accepted too). Database and table names are
 * folded to lower case, as Glue does. Server-stamped members (CreateTime, UpdateTime, CreationTime, VersionId) given
 * to a {@code put} are kept, so a seeded catalog can be reproduced exactly; missing ones are stamped with the clock.
 *
 * <p>The {@code put} methods check objects as the server does and throw {@link GlueServiceException} (e.g.
 * EntityNotFoundException for a missing database or table, InvalidInputException for a malformed name or a value
 * list that does not match the partition keys). Lookups that miss return an empty {@link Optional}.
 *
 * <p>Partitions are stored compactly (shared storage descriptors, derived locations, compact parameters), so
 * millions fit in memory. All methods are thread-safe.
 */
public final class GlueStore {
    /** The account id every object reports as its CatalogId. */
    public static final String DEFAULT_CATALOG_ID = "123456789012";

    private static final int VALUE_INTERN_LIMIT = 2_000_000;

    private final ConcurrentSkipListMap<String, DatabaseData> databases = new ConcurrentSkipListMap<>();
    private final ConcurrentHashMap<ObjectNode, SharedDescriptor> descriptors = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> internedValues = new ConcurrentHashMap<>();
    private final LongSupplier clock;
    private final String catalogId;
    /** Racy by design: a stale or lost hint only costs a hash lookup. */
    private volatile DescriptorHint lastDescriptor = NO_HINT;

    /** A store stamping times from the system clock. */
    public GlueStore() {
        this(System::currentTimeMillis);
    }

    /** A store stamping times (epoch milliseconds) from {@code clock}. */
    public GlueStore(LongSupplier clock) {
        this.clock = requireNonNull(clock, "clock is null");
        this.catalogId = DEFAULT_CATALOG_ID;
    }

    static final class DatabaseData {
        final String name;
        volatile ObjectNode database;
        final ConcurrentSkipListMap<String, TableData> tables = new ConcurrentSkipListMap<>();
        final ConcurrentSkipListMap<String, ObjectNode> functions = new ConcurrentSkipListMap<>();

        DatabaseData(String name, ObjectNode database) {
            this.name = name;
            this.database = database;
        }
    }

    // ------------------------------------------------------------------ counts

    public int databaseCount() {
        return databases.size();
    }

    public long tableCount() {
        long n = 0;
        for (DatabaseData db : databases.values()) {
            n += db.tables.size();
        }
        return n;
    }

    public long partitionCount() {
        long n = 0;
        for (DatabaseData db : databases.values()) {
            for (TableData table : db.tables.values()) {
                n += table.partitionCount();
            }
        }
        return n;
    }

    /** Partitions of one table; 0 when the table does not exist. */
    public long partitionCount(String databaseName, String tableName) {
        DatabaseData db = databases.get(Wire.folded(databaseName));
        TableData table = db == null ? null : db.tables.get(Wire.folded(tableName));
        return table == null ? 0 : table.partitionCount();
    }

    public long functionCount() {
        long n = 0;
        for (DatabaseData db : databases.values()) {
            n += db.functions.size();
        }
        return n;
    }

    /** Distinct storage descriptors (without Location) shared by all stored partitions. */
    public int sharedDescriptorCount() {
        return descriptors.size();
    }

    /** Removes everything. */
    public void clear() {
        databases.clear();
        descriptors.clear();
        internedValues.clear();
    }

    // ------------------------------------------------------------------ databases

    /** Creates or replaces a database. */
    public void putDatabase(ObjectNode database) {
        requireNonNull(database, "database is null");
        ObjectNode stored = buildDatabase(database, null, true);
        String name = stored.get("Name").textValue();
        DatabaseData existing = databases.putIfAbsent(name, new DatabaseData(name, stored));
        if (existing != null) {
            existing.database = stored;
        }
    }

    public Optional<ObjectNode> getDatabase(String name) {
        DatabaseData db = databases.get(Wire.folded(requireNonNull(name, "name is null")));
        return db == null ? Optional.empty() : Optional.of(db.database.deepCopy());
    }

    public List<String> databaseNames() {
        return List.copyOf(databases.keySet());
    }

    void createDatabase(ObjectNode input) {
        ObjectNode stored = buildDatabase(input, null, false);
        String name = stored.get("Name").textValue();
        if (databases.putIfAbsent(name, new DatabaseData(name, stored)) != null) {
            throw GlueServiceException.alreadyExists("Database already exists.");
        }
    }

    void updateDatabase(String name, ObjectNode input) {
        DatabaseData db = database(name);
        ObjectNode stored = buildDatabase(input, db.database, false);
        if (!stored.get("Name").textValue().equals(db.name)) {
            // Glue cannot rename a database; the input's Name must name the same one.
            throw GlueServiceException.invalidInput("Database name cannot be changed.");
        }
        db.database = stored;
    }

    void deleteDatabase(String name) {
        if (databases.remove(Wire.folded(name)) == null) {
            throw GlueServiceException.notFound("Database " + Wire.folded(name) + " not found.");
        }
    }

    DatabaseData database(String name) {
        DatabaseData db = databases.get(Wire.folded(name));
        if (db == null) {
            throw GlueServiceException.notFound("Database " + Wire.folded(name) + " not found.");
        }
        return db;
    }

    /** Databases after {@code afterName} (exclusive), at most {@code limit + 1} so callers can tell if more exist. */
    List<ObjectNode> databasesAfter(String afterName, int limit) {
        Map<String, DatabaseData> view = afterName == null ? databases : databases.tailMap(afterName, false);
        List<ObjectNode> page = new ArrayList<>();
        for (DatabaseData db : view.values()) {
            page.add(db.database);
            if (page.size() > limit) {
                break;
            }
        }
        return page;
    }

    private ObjectNode buildDatabase(ObjectNode input, ObjectNode previous, boolean seeding) {
        String name = Wire.folded(Wire.name(input, "Name", "databaseInput.name"));
        Wire.optionalText(input, "Description", 2048);
        String location = Wire.optionalText(input, "LocationUri", 1024);
        if (location != null && location.isEmpty()) {
            throw GlueServiceException.invalidInput("LocationUri must be between 1 and 1024 characters long");
        }
        ObjectNode db = Wire.NODES.objectNode();
        db.put("Name", name);
        copy(input, db, "Description", "LocationUri", "Parameters");
        JsonNode permissions = input.get("CreateTableDefaultPermissions");
        if (permissions != null && !permissions.isNull()) {
            db.set("CreateTableDefaultPermissions", permissions.deepCopy());
        } else if (previous != null && previous.has("CreateTableDefaultPermissions")) {
            db.set("CreateTableDefaultPermissions", previous.get("CreateTableDefaultPermissions"));
        } else {
            // Glue grants IAM_ALLOWED_PRINCIPALS ALL on new tables unless told otherwise.
            ArrayNode defaults = db.putArray("CreateTableDefaultPermissions");
            ObjectNode grant = defaults.addObject();
            grant.putObject("Principal").put("DataLakePrincipalIdentifier", "IAM_ALLOWED_PRINCIPALS");
            grant.putArray("Permissions").add("ALL");
        }
        copy(input, db, "TargetDatabase", "FederatedDatabase");
        long created = previous != null
                ? Wire.timeMillis(previous.get("CreateTime"))
                : seeding ? Wire.timeMillis(input.get("CreateTime")) : Wire.ABSENT_TIME;
        db.set("CreateTime", Wire.timeNode(created == Wire.ABSENT_TIME ? clock.getAsLong() : created));
        db.put("CatalogId", catalogId);
        return db;
    }

    // ------------------------------------------------------------------ tables

    /** Creates or replaces a table in an existing database; its partitions are kept. */
    public void putTable(String databaseName, ObjectNode table) {
        requireNonNull(databaseName, "databaseName is null");
        requireNonNull(table, "table is null");
        DatabaseData db = database(databaseName);
        ObjectNode stored = buildTable(db.name, table, null, true);
        String name = stored.get("Name").textValue();
        TableData existing = db.tables.putIfAbsent(name, new TableData(db.name, name, stored));
        if (existing != null) {
            existing.replace(stored);
        }
    }

    public Optional<ObjectNode> getTable(String databaseName, String tableName) {
        DatabaseData db = databases.get(Wire.folded(requireNonNull(databaseName, "databaseName is null")));
        TableData table =
                db == null ? null : db.tables.get(Wire.folded(requireNonNull(tableName, "tableName is null")));
        return table == null ? Optional.empty() : Optional.of(table.table().deepCopy());
    }

    public List<String> tableNames(String databaseName) {
        DatabaseData db = databases.get(Wire.folded(requireNonNull(databaseName, "databaseName is null")));
        return db == null ? List.of() : List.copyOf(db.tables.keySet());
    }

    void createTable(String databaseName, ObjectNode input) {
        DatabaseData db = database(databaseName);
        ObjectNode stored = buildTable(db.name, input, null, false);
        String name = stored.get("Name").textValue();
        if (db.tables.putIfAbsent(name, new TableData(db.name, name, stored)) != null) {
            throw GlueServiceException.alreadyExists("Table already exists.");
        }
    }

    void updateTable(String databaseName, ObjectNode input, String expectedVersion) {
        DatabaseData db = database(databaseName);
        String name = Wire.folded(Wire.name(input, "Name", "tableInput.name"));
        TableData table = table(db, name);
        synchronized (table) {
            ObjectNode previous = table.table();
            if (expectedVersion != null
                    && !expectedVersion.equals(previous.path("VersionId").asText())) {
                throw GlueServiceException.concurrentModification(
                        "Version id " + expectedVersion + " does not match the table's latest version.");
            }
            table.replace(buildTable(db.name, input, previous, false));
        }
    }

    void deleteTable(String databaseName, String tableName) {
        DatabaseData db = database(databaseName);
        if (db.tables.remove(Wire.folded(tableName)) == null) {
            throw GlueServiceException.notFound("Table " + Wire.folded(tableName) + " not found.");
        }
    }

    TableData table(String databaseName, String tableName) {
        return table(database(databaseName), Wire.folded(tableName));
    }

    private static TableData table(DatabaseData db, String foldedName) {
        TableData table = db.tables.get(foldedName);
        if (table == null) {
            throw GlueServiceException.notFound("Table " + foldedName + " not found.");
        }
        return table;
    }

    private ObjectNode buildTable(String databaseName, ObjectNode input, ObjectNode previous, boolean seeding) {
        String name = Wire.folded(Wire.name(input, "Name", "tableInput.name"));
        Wire.optionalText(input, "Description", 2048);
        if (input.has("Owner") && !input.get("Owner").isNull()) {
            Wire.optionalName(input, "Owner");
        }
        Wire.optionalText(input, "TableType", 255);
        Wire.optionalText(input, "ViewOriginalText", 409600);
        Wire.optionalText(input, "ViewExpandedText", 409600);
        JsonNode retention = input.get("Retention");
        if (retention != null && !retention.isNull() && (!retention.canConvertToInt() || retention.asInt() < 0)) {
            throw GlueServiceException.invalidInput("Retention must be a non-negative integer");
        }
        checkColumns(input.get("PartitionKeys"), "PartitionKeys");
        ObjectNode sd = Wire.optionalObject(input, "StorageDescriptor");
        if (sd != null) {
            checkDescriptor(sd);
        }
        ObjectNode t = Wire.NODES.objectNode();
        t.put("Name", name);
        t.put("DatabaseName", databaseName);
        copy(input, t, "Description", "Owner");
        long now = clock.getAsLong();
        long created = previous != null
                ? Wire.timeMillis(previous.get("CreateTime"))
                : seeding ? Wire.timeMillis(input.get("CreateTime")) : Wire.ABSENT_TIME;
        if (created == Wire.ABSENT_TIME) {
            created = now;
        }
        long updated = seeding ? Wire.timeMillis(input.get("UpdateTime")) : Wire.ABSENT_TIME;
        if (updated == Wire.ABSENT_TIME) {
            updated = previous == null ? created : now;
        }
        t.set("CreateTime", Wire.timeNode(created));
        t.set("UpdateTime", Wire.timeNode(updated));
        copyTime(input, t, "LastAccessTime");
        copyTime(input, t, "LastAnalyzedTime");
        t.put("Retention", retention == null || retention.isNull() ? 0 : retention.asInt());
        if (sd != null) {
            t.set("StorageDescriptor", sd.deepCopy());
        }
        JsonNode keys = input.get("PartitionKeys");
        t.set("PartitionKeys", keys == null || keys.isNull() ? Wire.NODES.arrayNode() : keys.deepCopy());
        copy(input, t, "ViewOriginalText", "ViewExpandedText", "TableType", "Parameters");
        String createdBy = seeding ? input.path("CreatedBy").asText(null) : null;
        if (createdBy == null && previous != null) {
            createdBy = previous.path("CreatedBy").asText(null);
        }
        t.put("CreatedBy", createdBy != null ? createdBy : "arn:aws:iam::" + catalogId + ":user/lakeport");
        t.put("IsRegisteredWithLakeFormation", false);
        copy(input, t, "TargetTable", "FederatedTable", "ViewDefinition");
        t.put("CatalogId", catalogId);
        String version;
        if (previous != null) {
            version = Long.toString(parseVersion(previous.path("VersionId").asText("0")) + 1);
        } else {
            version = seeding ? input.path("VersionId").asText("0") : "0";
        }
        t.put("VersionId", version);
        return t;
    }

    private static long parseVersion(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void checkDescriptor(ObjectNode sd) {
        checkColumns(sd.get("Columns"), "Columns");
        Wire.optionalText(sd, "Location", 2056);
        Wire.optionalText(sd, "InputFormat", 128);
        Wire.optionalText(sd, "OutputFormat", 128);
        JsonNode sort = sd.get("SortColumns");
        if (sort != null && sort.isArray()) {
            for (JsonNode order : sort) {
                JsonNode so = order.get("SortOrder");
                if (so == null || !so.canConvertToInt() || so.asInt() < 0 || so.asInt() > 1) {
                    throw GlueServiceException.invalidInput("SortOrder must be 0 or 1");
                }
            }
        }
    }

    private static void checkColumns(JsonNode columns, String field) {
        if (columns == null || columns.isNull()) {
            return;
        }
        if (!columns.isArray()) {
            throw new GlueServiceException("SerializationException", 400, "Expected a list for " + field);
        }
        for (JsonNode column : columns) {
            Wire.name(column, "Name", field + ".member.name");
            Wire.optionalText(column, "Type", 131072);
            Wire.optionalText(column, "Comment", 255);
        }
    }

    // ------------------------------------------------------------------ partitions

    /** Creates or replaces one partition of an existing table. */
    public void putPartition(String databaseName, String tableName, ObjectNode partition) {
        putPartitions(databaseName, tableName, List.of(requireNonNull(partition, "partition is null")));
    }

    /**
     * Creates or replaces partitions of an existing table, under one lock: the fast path for seeding. Sub-nodes may be
     * shared between the given partitions (e.g. one template's Columns), but must not be changed after the call.
     */
    public void putPartitions(String databaseName, String tableName, Iterable<ObjectNode> partitions) {
        requireNonNull(partitions, "partitions is null");
        TableData table = table(
                requireNonNull(databaseName, "databaseName is null"), requireNonNull(tableName, "tableName is null"));
        TableData.Shape shape = table.shape();
        long now = clock.getAsLong();
        List<PartitionRecord> records = new ArrayList<>();
        for (ObjectNode partition : partitions) {
            records.add(encode(shape, partition, now, true));
        }
        table.lock.writeLock().lock();
        try {
            for (PartitionRecord record : records) {
                table.partitions.put(record.values, record);
            }
        } finally {
            table.lock.writeLock().unlock();
        }
    }

    public Optional<ObjectNode> getPartition(String databaseName, String tableName, List<String> values) {
        requireNonNull(values, "values is null");
        DatabaseData db = databases.get(Wire.folded(requireNonNull(databaseName, "databaseName is null")));
        TableData table =
                db == null ? null : db.tables.get(Wire.folded(requireNonNull(tableName, "tableName is null")));
        if (table == null) {
            return Optional.empty();
        }
        PartitionRecord record = find(table, values.toArray(new String[0]));
        return record == null ? Optional.empty() : Optional.of(toNode(table, record, false));
    }

    /**
     * Calls {@code action} with every partition of a table, in key order, as wire JSON. The table is read in chunks,
     * so a concurrent writer is not held up for long; nothing happens when the table does not exist.
     */
    public void forEachPartition(String databaseName, String tableName, Consumer<ObjectNode> action) {
        requireNonNull(action, "action is null");
        DatabaseData db = databases.get(Wire.folded(requireNonNull(databaseName, "databaseName is null")));
        TableData table =
                db == null ? null : db.tables.get(Wire.folded(requireNonNull(tableName, "tableName is null")));
        if (table == null) {
            return;
        }
        String[] after = null;
        while (true) {
            List<PartitionRecord> chunk = new ArrayList<>(1024);
            table.lock.readLock().lock();
            try {
                Map<String[], PartitionRecord> view =
                        after == null ? table.partitions : table.partitions.tailMap(after, false);
                for (PartitionRecord record : view.values()) {
                    chunk.add(record);
                    if (chunk.size() == 1024) {
                        break;
                    }
                }
            } finally {
                table.lock.readLock().unlock();
            }
            for (PartitionRecord record : chunk) {
                action.accept(toNode(table, record, false));
            }
            if (chunk.size() < 1024) {
                return;
            }
            after = chunk.get(chunk.size() - 1).values;
        }
    }

    PartitionRecord find(TableData table, String[] values) {
        table.lock.readLock().lock();
        try {
            return table.partitions.get(values);
        } finally {
            table.lock.readLock().unlock();
        }
    }

    /** Reads a PartitionInput (or Partition) into a stored record, checking it against the table's keys. */
    PartitionRecord encode(TableData.Shape shape, ObjectNode partition, long now, boolean seeding) {
        String[] values = values(partition.get("Values"), shape, "partitionInput.values");
        ObjectNode sd = Wire.optionalObject(partition, "StorageDescriptor");
        SharedDescriptor descriptor = null;
        LocationBase base = null;
        byte[] suffix = null;
        if (sd != null) {
            String location = Wire.optionalText(sd, "Location", 2056);
            descriptor = lastDescriptor.match(sd);
            if (descriptor == null) {
                checkDescriptor(sd);
                ObjectNode key = Wire.NODES.objectNode();
                Iterator<Map.Entry<String, JsonNode>> fields = sd.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    if (!field.getKey().equals("Location")) {
                        key.set(field.getKey(), field.getValue());
                    }
                }
                descriptor = descriptors.get(key);
                if (descriptor == null) {
                    // Copy once: the caller may reuse and change its nodes after this call.
                    ObjectNode owned = key.deepCopy();
                    descriptor = descriptors.computeIfAbsent(owned, SharedDescriptor::new);
                }
                lastDescriptor = new DescriptorHint(sd, descriptor);
            }
            if (location != null) {
                LocationBase plain = shape.derivedPlain();
                if (plain != null && location.startsWith(plain.prefix())) {
                    String derived = plain.derive(values);
                    if (location.equals(derived)) {
                        base = plain;
                    } else if (location.length() == derived.length() + 1
                            && location.endsWith("/")
                            && location.startsWith(derived)) {
                        base = shape.derivedSlash();
                    } else {
                        base = plain;
                        suffix = location.substring(plain.prefix().length()).getBytes(StandardCharsets.UTF_8);
                    }
                } else {
                    suffix = location.getBytes(StandardCharsets.UTF_8);
                }
            }
        }
        ObjectNode parameters = Wire.optionalObject(partition, "Parameters");
        byte[] params = parameters == null || parameters.size() == 0 ? null : compactJson(parameters);
        long created = seeding ? Wire.timeMillis(partition.get("CreationTime")) : Wire.ABSENT_TIME;
        return new PartitionRecord(
                values,
                descriptor,
                base,
                suffix,
                params,
                created == Wire.ABSENT_TIME ? now : created,
                Wire.timeMillis(partition.get("LastAccessTime")),
                Wire.timeMillis(partition.get("LastAnalyzedTime")));
    }

    /**
     * The last storage descriptor interned and the sub-nodes it was read from. Bulk loaders hand in one template's
     * sub-nodes for many partitions; recognising them by identity skips hashing the descriptor each time. Callers must
     * therefore not change a node in place after handing it in (documented on {@link #putPartitions}).
     */
    private static final class DescriptorHint {
        private final String[] names;
        private final JsonNode[] nodes;
        private final SharedDescriptor descriptor;

        DescriptorHint(ObjectNode sd, SharedDescriptor descriptor) {
            List<String> names = new ArrayList<>();
            List<JsonNode> nodes = new ArrayList<>();
            sd.fields().forEachRemaining(field -> {
                if (!field.getKey().equals("Location")) {
                    names.add(field.getKey());
                    nodes.add(field.getValue());
                }
            });
            this.names = names.toArray(new String[0]);
            this.nodes = nodes.toArray(new JsonNode[0]);
            this.descriptor = descriptor;
        }

        SharedDescriptor match(ObjectNode sd) {
            int expected = sd.has("Location") ? names.length + 1 : names.length;
            if (sd.size() != expected) {
                return null;
            }
            for (int i = 0; i < names.length; i++) {
                if (sd.get(names[i]) != nodes[i]) {
                    return null;
                }
            }
            return descriptor;
        }
    }

    private static final DescriptorHint NO_HINT = new DescriptorHint(Wire.NODES.objectNode(), null);

    /** Plain string maps (the usual Parameters) are written by hand: a mapper call per partition costs more. */
    private static byte[] compactJson(ObjectNode parameters) {
        StringBuilder json = new StringBuilder(parameters.size() * 32).append('{');
        Iterator<Map.Entry<String, JsonNode>> fields = parameters.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isTextual()) {
                try {
                    return Wire.MAPPER.writeValueAsBytes(parameters);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"');
            JsonStringEncoder.getInstance().quoteAsString(field.getKey(), json);
            json.append("\":\"");
            JsonStringEncoder.getInstance().quoteAsString(field.getValue().textValue(), json);
            json.append('"');
        }
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A partition value list checked against the table's keys, values interned. */
    String[] values(JsonNode node, TableData.Shape shape, String path) {
        if (node == null || node.isNull()) {
            throw GlueServiceException.validation(
                    "Value null at '" + path + "' failed to satisfy constraint: Member must not be null");
        }
        if (!node.isArray()) {
            throw new GlueServiceException("SerializationException", 400, "Expected a list of partition values");
        }
        if (node.size() != shape.keyCount()) {
            throw GlueServiceException.invalidInput(
                    "The number of partition keys do not match the number of partition values");
        }
        String[] values = new String[node.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode value = node.get(i);
            if (value == null || !value.isTextual()) {
                throw GlueServiceException.invalidInput("Partition values must be strings");
            }
            String text = value.textValue();
            if (text.length() > 1024) {
                throw GlueServiceException.invalidInput("Partition values must be at most 1024 characters long");
            }
            values[i] = intern(text);
        }
        return values;
    }

    private String intern(String value) {
        String existing = internedValues.get(value);
        if (existing != null) {
            return existing;
        }
        if (internedValues.size() >= VALUE_INTERN_LIMIT) {
            return value;
        }
        existing = internedValues.putIfAbsent(value, value);
        return existing == null ? value : existing;
    }

    ObjectNode toNode(TableData table, PartitionRecord record, boolean excludeColumns) {
        try (TokenBuffer buffer = new TokenBuffer(Wire.MAPPER, false)) {
            writePartition(buffer, table, record, excludeColumns);
            return (ObjectNode) Wire.MAPPER.readTree(buffer.asParser());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a partition in Glue's wire form straight from its compact record. */
    void writePartition(JsonGenerator out, TableData table, PartitionRecord record, boolean excludeColumns)
            throws IOException {
        out.writeStartObject();
        out.writeArrayFieldStart("Values");
        for (String value : record.values) {
            out.writeString(value);
        }
        out.writeEndArray();
        out.writeStringField("DatabaseName", table.databaseName);
        out.writeStringField("TableName", table.name);
        if (record.creationTime != Wire.ABSENT_TIME) {
            out.writeFieldName("CreationTime");
            out.writeNumber(Wire.timeText(record.creationTime));
        }
        if (record.lastAccessTime != Wire.ABSENT_TIME) {
            out.writeFieldName("LastAccessTime");
            out.writeNumber(Wire.timeText(record.lastAccessTime));
        }
        String location = record.location();
        if (record.descriptor != null || location != null) {
            String fields = record.descriptor == null ? "" : record.descriptor.fields(excludeColumns);
            StringBuilder sd = new StringBuilder(fields.length() + 128).append('{');
            if (location != null) {
                sd.append("\"Location\":\"");
                JsonStringEncoder.getInstance().quoteAsString(location, sd);
                sd.append('"');
                if (!fields.isEmpty()) {
                    sd.append(',');
                }
            }
            sd.append(fields).append('}');
            out.writeFieldName("StorageDescriptor");
            if (out instanceof TokenBuffer) {
                // A token buffer cannot carry raw text; parse it instead (only on the rare single-object path).
                out.writeTree(Wire.MAPPER.readTree(sd.toString()));
            } else {
                out.writeRawValue(sd.toString());
            }
        }
        if (record.parameters != null) {
            out.writeFieldName("Parameters");
            if (out instanceof TokenBuffer) {
                out.writeTree(Wire.MAPPER.readTree(record.parameters));
            } else {
                out.writeRawValue(new String(record.parameters, StandardCharsets.UTF_8));
            }
        }
        if (record.lastAnalyzedTime != Wire.ABSENT_TIME) {
            out.writeFieldName("LastAnalyzedTime");
            out.writeNumber(Wire.timeText(record.lastAnalyzedTime));
        }
        out.writeStringField("CatalogId", catalogId);
        out.writeEndObject();
    }

    // ------------------------------------------------------------------ functions

    /** Creates or replaces a function in an existing database. */
    public void putFunction(String databaseName, ObjectNode function) {
        requireNonNull(function, "function is null");
        DatabaseData db = database(requireNonNull(databaseName, "databaseName is null"));
        ObjectNode stored = buildFunction(db.name, function, null, true);
        db.functions.put(stored.get("FunctionName").textValue(), stored);
    }

    public Optional<ObjectNode> getFunction(String databaseName, String functionName) {
        DatabaseData db = databases.get(Wire.folded(requireNonNull(databaseName, "databaseName is null")));
        ObjectNode function =
                db == null ? null : db.functions.get(requireNonNull(functionName, "functionName is null"));
        return function == null ? Optional.empty() : Optional.of(function.deepCopy());
    }

    public List<String> functionNames(String databaseName) {
        DatabaseData db = databases.get(Wire.folded(requireNonNull(databaseName, "databaseName is null")));
        return db == null ? List.of() : List.copyOf(db.functions.keySet());
    }

    void createFunction(String databaseName, ObjectNode input) {
        DatabaseData db = database(databaseName);
        ObjectNode stored = buildFunction(db.name, input, null, false);
        if (db.functions.putIfAbsent(stored.get("FunctionName").textValue(), stored) != null) {
            throw GlueServiceException.alreadyExists("Function already exists.");
        }
    }

    void updateFunction(String databaseName, String functionName, ObjectNode input) {
        DatabaseData db = database(databaseName);
        synchronized (db) {
            ObjectNode previous = function(db, functionName);
            ObjectNode stored = buildFunction(db.name, input, previous, false);
            String newName = stored.get("FunctionName").textValue();
            if (!newName.equals(functionName) && db.functions.containsKey(newName)) {
                throw GlueServiceException.alreadyExists("Function already exists.");
            }
            db.functions.remove(functionName);
            db.functions.put(newName, stored);
        }
    }

    void deleteFunction(String databaseName, String functionName) {
        DatabaseData db = database(databaseName);
        if (db.functions.remove(functionName) == null) {
            throw GlueServiceException.notFound("Function " + functionName + " not found.");
        }
    }

    ObjectNode function(DatabaseData db, String functionName) {
        ObjectNode function = db.functions.get(functionName);
        if (function == null) {
            throw GlueServiceException.notFound("Function " + functionName + " not found.");
        }
        return function;
    }

    ConcurrentSkipListMap<String, DatabaseData> databasesView() {
        return databases;
    }

    private ObjectNode buildFunction(String databaseName, ObjectNode input, ObjectNode previous, boolean seeding) {
        String name = Wire.name(input, "FunctionName", "functionInput.functionName");
        Wire.optionalName(input, "ClassName");
        Wire.optionalName(input, "OwnerName");
        JsonNode ownerType = input.get("OwnerType");
        if (ownerType != null
                && !ownerType.isNull()
                && !List.of("USER", "ROLE", "GROUP").contains(ownerType.asText())) {
            throw GlueServiceException.invalidInput("OwnerType must be one of USER, ROLE, GROUP");
        }
        Wire.boundedList(input, "ResourceUris", "functionInput.resourceUris", 0, 1000, false);
        ObjectNode f = Wire.NODES.objectNode();
        f.put("FunctionName", name);
        f.put("DatabaseName", databaseName);
        copy(input, f, "ClassName", "OwnerName", "FunctionType", "OwnerType");
        long created = previous != null
                ? Wire.timeMillis(previous.get("CreateTime"))
                : seeding ? Wire.timeMillis(input.get("CreateTime")) : Wire.ABSENT_TIME;
        f.set("CreateTime", Wire.timeNode(created == Wire.ABSENT_TIME ? clock.getAsLong() : created));
        copy(input, f, "ResourceUris");
        f.put("CatalogId", catalogId);
        return f;
    }

    // ------------------------------------------------------------------ helpers

    private static void copy(ObjectNode from, ObjectNode to, String... fields) {
        for (String field : fields) {
            JsonNode value = from.get(field);
            if (value != null && !value.isNull()) {
                to.set(field, value.deepCopy());
            }
        }
    }

    private static void copyTime(ObjectNode from, ObjectNode to, String field) {
        long millis = Wire.timeMillis(from.get(field));
        if (millis != Wire.ABSENT_TIME) {
            to.set(field, Wire.timeNode(millis));
        }
    }
}
