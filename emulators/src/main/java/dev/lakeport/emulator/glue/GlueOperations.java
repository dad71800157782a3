package dev.lakeport.emulator.glue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The Glue operations the emulator serves: each reads its request (already parsed JSON) and writes its response, or
 * throws a {@link GlueServiceException}. Member names, limits and error codes follow the Glue 2017-03-31 model.
 *
 * <p>Where the limits come from: the glue 2.56.0 jar ships no codegen-resources/service-2.json, so lengths, ranges and
 * list sizes are taken from the published service model of the same API version (the botocore copy), and member
 * names are checked against the SDK 2.56.0 model classes, which are newer (they add e.g. FunctionType,
 * TableInput.ViewDefinition): where the two differ, the SDK classes win. Where the public docs and the model differ,
 * the model wins.
 */
final class GlueOperations {
    /** One operation: request in, response written to {@code out}. */
    interface Operation {
        void run(ObjectNode request, JsonGenerator out) throws IOException;
    }

    private final GlueStore store;
    private final Map<String, Operation> operations = new HashMap<>();

    GlueOperations(GlueStore store) {
        this.store = store;
        operations.put("CreateDatabase", this::createDatabase);
        operations.put("GetDatabase", this::getDatabase);
        operations.put("GetDatabases", this::getDatabases);
        operations.put("UpdateDatabase", this::updateDatabase);
        operations.put("DeleteDatabase", this::deleteDatabase);
        operations.put("CreateTable", this::createTable);
        operations.put("GetTable", this::getTable);
        operations.put("GetTables", this::getTables);
        operations.put("UpdateTable", this::updateTable);
        operations.put("DeleteTable", this::deleteTable);
        operations.put("BatchDeleteTable", this::batchDeleteTable);
        operations.put("CreatePartition", this::createPartition);
        operations.put("GetPartition", this::getPartition);
        operations.put("GetPartitions", this::getPartitions);
        operations.put("BatchGetPartition", this::batchGetPartition);
        operations.put("BatchCreatePartition", this::batchCreatePartition);
        operations.put("UpdatePartition", this::updatePartition);
        operations.put("BatchUpdatePartition", this::batchUpdatePartition);
        operations.put("DeletePartition", this::deletePartition);
        operations.put("BatchDeletePartition", this::batchDeletePartition);
        operations.put("CreateUserDefinedFunction", this::createFunction);
        operations.put("GetUserDefinedFunction", this::getFunction);
        operations.put("GetUserDefinedFunctions", this::getFunctions);
        operations.put("UpdateUserDefinedFunction", this::updateFunction);
        operations.put("DeleteUserDefinedFunction", this::deleteFunction);
    }

    Operation find(String name) {
        return operations.get(name);
    }

    Set<String> names() {
        return new TreeSet<>(operations.keySet());
    }

    private static void empty(JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeEndObject();
    }

    // ------------------------------------------------------------------ databases

    private void createDatabase(ObjectNode request, JsonGenerator out) throws IOException {
        store.createDatabase(Wire.object(request, "DatabaseInput", "databaseInput"));
        empty(out);
    }

    private void getDatabase(ObjectNode request, JsonGenerator out) throws IOException {
        String name = Wire.name(request, "Name", "name");
        out.writeStartObject();
        out.writeFieldName("Database");
        out.writeTree(store.database(name).database);
        out.writeEndObject();
    }

    private void getDatabases(ObjectNode request, JsonGenerator out) throws IOException {
        int max = Wire.pageSize(request, 1, 100, 100);
        String token = Wire.optionalToken(request);
        String after = token == null ? null : PageToken.nameOf("d", token);
        List<ObjectNode> page = store.databasesAfter(after, max);
        out.writeStartObject();
        out.writeArrayFieldStart("DatabaseList");
        for (int i = 0; i < Math.min(max, page.size()); i++) {
            out.writeTree(page.get(i));
        }
        out.writeEndArray();
        if (page.size() > max) {
            out.writeStringField(
                    "NextToken",
                    PageToken.ofName("d", page.get(max - 1).get("Name").textValue()));
        }
        out.writeEndObject();
    }

    private void updateDatabase(ObjectNode request, JsonGenerator out) throws IOException {
        String name = Wire.name(request, "Name", "name");
        store.updateDatabase(name, Wire.object(request, "DatabaseInput", "databaseInput"));
        empty(out);
    }

    private void deleteDatabase(ObjectNode request, JsonGenerator out) throws IOException {
        store.deleteDatabase(Wire.name(request, "Name", "name"));
        empty(out);
    }

    // ------------------------------------------------------------------ tables

    private void createTable(ObjectNode request, JsonGenerator out) throws IOException {
        String db = Wire.name(request, "DatabaseName", "databaseName");
        store.createTable(db, Wire.object(request, "TableInput", "tableInput"));
        empty(out);
    }

    private void getTable(ObjectNode request, JsonGenerator out) throws IOException {
        String db = Wire.name(request, "DatabaseName", "databaseName");
        String name = Wire.name(request, "Name", "name");
        out.writeStartObject();
        out.writeFieldName("Table");
        out.writeTree(store.table(db, name).table());
        out.writeEndObject();
    }

    private void getTables(ObjectNode request, JsonGenerator out) throws IOException {
        String dbName = Wire.name(request, "DatabaseName", "databaseName");
        int max = Wire.pageSize(request, 1, 100, 100);
        String expression = Wire.optionalText(request, "Expression", 2048);
        Pattern filter = namePattern(expression);
        String token = Wire.optionalToken(request);
        String after = token == null ? null : PageToken.nameOf("t", token);
        GlueStore.DatabaseData db = store.database(dbName);
        NavigableMap<String, TableData> view = after == null ? db.tables : db.tables.tailMap(after, false);
        List<TableData> page = new ArrayList<>();
        for (TableData table : view.values()) {
            if (filter != null && !filter.matcher(table.name).matches()) {
                continue;
            }
            page.add(table);
            if (page.size() > max) {
                break;
            }
        }
        out.writeStartObject();
        out.writeArrayFieldStart("TableList");
        for (int i = 0; i < Math.min(max, page.size()); i++) {
            out.writeTree(page.get(i).table());
        }
        out.writeEndArray();
        if (page.size() > max) {
            out.writeStringField("NextToken", PageToken.ofName("t", page.get(max - 1).name));
        }
        out.writeEndObject();
    }

    /** GetTables' Expression: a regular expression over table names; a lone {@code *} matches all (Hive habit). */
    private static Pattern namePattern(String expression) {
        if (expression == null || expression.isBlank() || expression.trim().equals("*")) {
            return null;
        }
        try {
            return Pattern.compile(expression.trim(), Pattern.CASE_INSENSITIVE);
        } catch (PatternSyntaxException e) {
            throw GlueServiceException.invalidInput("Invalid Expression: " + e.getDescription());
        }
    }

    private void updateTable(ObjectNode request, JsonGenerator out) throws IOException {
        String db = Wire.name(request, "DatabaseName", "databaseName");
        ObjectNode input = Wire.object(request, "TableInput", "tableInput");
        String version = Wire.optionalText(request, "VersionId", 255);
        store.updateTable(db, input, version);
        empty(out);
    }

    private void deleteTable(ObjectNode request, JsonGenerator out) throws IOException {
        String db = Wire.name(request, "DatabaseName", "databaseName");
        store.deleteTable(db, Wire.name(request, "Name", "name"));
        empty(out);
    }

    private void batchDeleteTable(ObjectNode request, JsonGenerator out) throws IOException {
        String dbName = Wire.name(request, "DatabaseName", "databaseName");
        JsonNode names = Wire.boundedList(request, "TablesToDelete", "tablesToDelete", 0, 100, true);
        store.database(dbName);
        out.writeStartObject();
        out.writeArrayFieldStart("Errors");
        for (JsonNode name : names) {
            String text = name.asText();
            try {
                Wire.checkName(name, "TableName");
                store.deleteTable(dbName, text);
            } catch (GlueServiceException e) {
                out.writeStartObject();
                out.writeStringField("TableName", text);
                writeErrorDetail(out, e);
                out.writeEndObject();
            }
        }
        out.writeEndArray();
        out.writeEndObject();
    }

    // ------------------------------------------------------------------ partitions

    private TableData tableOf(ObjectNode request) {
        String db = Wire.name(request, "DatabaseName", "databaseName");
        String table = Wire.name(request, "TableName", "tableName");
        return store.table(db, table);
    }

    private void createPartition(ObjectNode request, JsonGenerator out) throws IOException {
        TableData table = tableOf(request);
        ObjectNode input = Wire.object(request, "PartitionInput", "partitionInput");
        PartitionRecord record = store.encode(table.shape(), input, System.currentTimeMillis(), false);
        table.lock.writeLock().lock();
        try {
            if (table.partitions.putIfAbsent(record.values, record) != null) {
                throw GlueServiceException.alreadyExists("Partition already exists.");
            }
        } finally {
            table.lock.writeLock().unlock();
        }
        empty(out);
    }

    private void getPartition(ObjectNode request, JsonGenerator out) throws IOException {
        TableData table = tableOf(request);
        String[] values = store.values(request.get("PartitionValues"), table.shape(), "partitionValues");
        PartitionRecord record = store.find(table, values);
        if (record == null) {
            throw GlueServiceException.notFound("Cannot find partition.");
        }
        out.writeStartObject();
        out.writeFieldName("Partition");
        store.writePartition(out, table, record, false);
        out.writeEndObject();
    }

    private void getPartitions(ObjectNode request, JsonGenerator out) throws IOException {
        TableData table = tableOf(request);
        int max = Wire.pageSize(request, 1, 1000, 1000);
        int segment = 0;
        int total = 1;
        ObjectNode segmentNode = Wire.optionalObject(request, "Segment");
        if (segmentNode != null) {
            JsonNode number = segmentNode.get("SegmentNumber");
            JsonNode count = segmentNode.get("TotalSegments");
            if (number == null || count == null || !number.canConvertToInt() || !count.canConvertToInt()) {
                throw GlueServiceException.invalidInput("Segment needs SegmentNumber and TotalSegments");
            }
            total = count.asInt();
            segment = number.asInt();
            if (total < 1 || total > 10) {
                throw GlueServiceException.invalidInput("TotalSegments must be between 1 and 10, got " + total);
            }
            if (segment < 0 || segment >= total) {
                throw GlueServiceException.invalidInput(
                        "SegmentNumber must be between 0 and " + (total - 1) + ", got " + segment);
            }
        }
        String expression = Wire.optionalText(request, "Expression", 2048);
        if (expression != null && expression.isBlank()) {
            expression = null;
        }
        TableData.Shape shape = table.shape();
        PartitionExpression.Predicate filter =
                expression == null ? null : PartitionExpression.compile(expression, shape.keyNames(), shape.keyTypes());
        boolean excludeColumns = request.path("ExcludeColumnSchema").asBoolean(false);
        String token = Wire.optionalToken(request);
        String[] after = token == null ? null : PageToken.partitionValuesOf(token, segment, total, expression);

        List<PartitionRecord> page = new ArrayList<>(Math.min(max + 1, 1024));
        table.lock.readLock().lock();
        try {
            NavigableMap<String[], PartitionRecord> view =
                    after == null ? table.partitions : table.partitions.tailMap(after, false);
            for (PartitionRecord record : view.values()) {
                if (total > 1 && Segments.of(record.values, total) != segment) {
                    continue;
                }
                if (filter != null && !filter.test(record.values)) {
                    continue;
                }
                page.add(record);
                if (page.size() > max) {
                    break;
                }
            }
        } finally {
            table.lock.readLock().unlock();
        }
        out.writeStartObject();
        out.writeArrayFieldStart("Partitions");
        int n = Math.min(max, page.size());
        for (int i = 0; i < n; i++) {
            store.writePartition(out, table, page.get(i), excludeColumns);
        }
        out.writeEndArray();
        if (page.size() > max) {
            out.writeStringField(
                    "NextToken", PageToken.ofPartition(page.get(max - 1).values, segment, total, expression));
        }
        out.writeEndObject();
    }

    private void batchGetPartition(ObjectNode request, JsonGenerator out) throws IOException {
        TableData table = tableOf(request);
        JsonNode keys = Wire.boundedList(request, "PartitionsToGet", "partitionsToGet", 0, 1000, true);
        TableData.Shape shape = table.shape();
        List<String[]> wanted = new ArrayList<>(keys.size());
        for (JsonNode key : keys) {
            wanted.add(store.values(key.get("Values"), shape, "partitionsToGet.member.values"));
        }
        List<PartitionRecord> found = new ArrayList<>(wanted.size());
        table.lock.readLock().lock();
        try {
            for (String[] values : wanted) {
                PartitionRecord record = table.partitions.get(values);
                if (record != null) {
                    found.add(record);
                }
            }
        } finally {
            table.lock.readLock().unlock();
        }
        out.writeStartObject();
        out.writeArrayFieldStart("Partitions");
        for (PartitionRecord record : found) {
            store.writePartition(out, table, record, false);
        }
        out.writeEndArray();
        // Glue lists keys it could not process (throttled) here; missing partitions are simply absent.
        out.writeArrayFieldStart("UnprocessedKeys");
        out.writeEndArray();
        out.writeEndObject();
    }

    private void batchCreatePartition(ObjectNode request, JsonGenerator out) throws IOException {
        TableData table = tableOf(request);
        JsonNode inputs = Wire.boundedList(request, "PartitionInputList", "partitionInputList", 0, 100, true);
        TableData.Shape shape = table.shape();
        long now = System.currentTimeMillis();
        List<PartitionRecord> records = new ArrayList<>();
        List<EntryError> errors = new ArrayList<>();
        for (JsonNode input : inputs) {
            try {
                if (!input.isObject()) {
                    throw GlueServiceException.invalidInput("A partition input must be an object");
                }
                records.add(store.encode(shape, (ObjectNode) input, now, false));
            } catch (GlueServiceException e) {
                errors.add(new EntryError(input.get("Values"), e));
            }
        }
        List<PartitionRecord> existing = new ArrayList<>();
        table.lock.writeLock().lock();
        try {
            for (PartitionRecord record : records) {
                if (table.partitions.putIfAbsent(record.values, record) != null) {
                    existing.add(record);
                }
            }
        } finally {
            table.lock.writeLock().unlock();
        }
        out.writeStartObject();
        out.writeArrayFieldStart("Errors");
        for (EntryError error : errors) {
            out.writeStartObject();
            writeValueList(out, "PartitionValues", error.values());
            writeErrorDetail(out, error.error());
            out.writeEndObject();
        }
        for (PartitionRecord record : existing) {
            out.writeStartObject();
            writeValues(out, "PartitionValues", record.values);
            writeErrorDetail(out, GlueServiceException.alreadyExists("Partition already exists."));
            out.writeEndObject();
        }
        out.writeEndArray();
        out.writeEndObject();
    }

    private void updatePartition(ObjectNode request, JsonGenerator out) throws IOException {
        TableData table = tableOf(request);
        Wire.boundedList(request, "PartitionValueList", "partitionValueList", 0, 100, true);
        String[] old = store.values(request.get("PartitionValueList"), table.shape(), "partitionValueList");
        ObjectNode input = Wire.object(request, "PartitionInput", "partitionInput");
        replace(table, old, input);
        empty(out);
    }

    /** Replaces a partition, possibly under new values; keeps its CreationTime as Glue does. */
    private void replace(TableData table, String[] old, ObjectNode input) {
        if (input.get("Values") == null || input.get("Values").isNull()) {
            ObjectNode withValues = input.deepCopy();
            var values = withValues.putArray("Values");
            for (String value : old) {
                values.add(value);
            }
            input = withValues;
        }
        PartitionRecord updated = store.encode(table.shape(), input, System.currentTimeMillis(), false);
        table.lock.writeLock().lock();
        try {
            PartitionRecord previous = table.partitions.get(old);
            if (previous == null) {
                throw GlueServiceException.notFound("Cannot find partition.");
            }
            boolean moved = TableData.VALUES_ORDER.compare(old, updated.values) != 0;
            if (moved && table.partitions.containsKey(updated.values)) {
                throw GlueServiceException.alreadyExists("Partition already exists.");
            }
            PartitionRecord kept = new PartitionRecord(
                    updated.values,
                    updated.descriptor,
                    updated.locationBase,
                    updated.locationSuffix,
                    updated.parameters,
                    previous.creationTime,
                    updated.lastAccessTime,
                    updated.lastAnalyzedTime);
            if (moved) {
                table.partitions.remove(old);
            }
            table.partitions.put(kept.values, kept);
        } finally {
            table.lock.writeLock().unlock();
        }
    }

    private void batchUpdatePartition(ObjectNode request, JsonGenerator out) throws IOException {
        TableData table = tableOf(request);
        JsonNode entries = Wire.boundedList(request, "Entries", "entries", 1, 100, true);
        out.writeStartObject();
        out.writeArrayFieldStart("Errors");
        for (JsonNode entry : entries) {
            JsonNode valueList = entry.get("PartitionValueList");
            try {
                String[] old = store.values(valueList, table.shape(), "entries.member.partitionValueList");
                ObjectNode input = Wire.object(entry, "PartitionInput", "entries.member.partitionInput");
                replace(table, old, input);
            } catch (GlueServiceException e) {
                out.writeStartObject();
                writeValueList(out, "PartitionValueList", valueList);
                writeErrorDetail(out, e);
                out.writeEndObject();
            }
        }
        out.writeEndArray();
        out.writeEndObject();
    }

    private void deletePartition(ObjectNode request, JsonGenerator out) throws IOException {
        TableData table = tableOf(request);
        String[] values = store.values(request.get("PartitionValues"), table.shape(), "partitionValues");
        table.lock.writeLock().lock();
        try {
            if (table.partitions.remove(values) == null) {
                throw GlueServiceException.notFound("Cannot find partition.");
            }
        } finally {
            table.lock.writeLock().unlock();
        }
        empty(out);
    }

    private void batchDeletePartition(ObjectNode request, JsonGenerator out) throws IOException {
        TableData table = tableOf(request);
        JsonNode keys = Wire.boundedList(request, "PartitionsToDelete", "partitionsToDelete", 0, 25, true);
        out.writeStartObject();
        out.writeArrayFieldStart("Errors");
        for (JsonNode key : keys) {
            JsonNode valueNode = key.get("Values");
            try {
                String[] values = store.values(valueNode, table.shape(), "partitionsToDelete.member.values");
                boolean removed;
                table.lock.writeLock().lock();
                try {
                    removed = table.partitions.remove(values) != null;
                } finally {
                    table.lock.writeLock().unlock();
                }
                if (!removed) {
                    throw GlueServiceException.notFound("Cannot find partition.");
                }
            } catch (GlueServiceException e) {
                out.writeStartObject();
                writeValueList(out, "PartitionValues", valueNode);
                writeErrorDetail(out, e);
                out.writeEndObject();
            }
        }
        out.writeEndArray();
        out.writeEndObject();
    }

    // ------------------------------------------------------------------ functions

    private void createFunction(ObjectNode request, JsonGenerator out) throws IOException {
        String db = Wire.name(request, "DatabaseName", "databaseName");
        store.createFunction(db, Wire.object(request, "FunctionInput", "functionInput"));
        empty(out);
    }

    private void getFunction(ObjectNode request, JsonGenerator out) throws IOException {
        String db = Wire.name(request, "DatabaseName", "databaseName");
        String name = Wire.name(request, "FunctionName", "functionName");
        ObjectNode function = store.function(store.database(db), name);
        out.writeStartObject();
        out.writeFieldName("UserDefinedFunction");
        out.writeTree(function);
        out.writeEndObject();
    }

    private void getFunctions(ObjectNode request, JsonGenerator out) throws IOException {
        String dbName = Wire.optionalName(request, "DatabaseName");
        String pattern = Wire.name(request, "Pattern", "pattern");
        int max = Wire.pageSize(request, 1, 100, 100);
        Pattern filter = functionPattern(pattern);
        String token = Wire.optionalToken(request);
        String after = token == null ? null : PageToken.nameOf("f", token);
        List<GlueStore.DatabaseData> scope = new ArrayList<>();
        if (dbName != null) {
            scope.add(store.database(dbName));
        } else {
            scope.addAll(store.databasesView().values());
        }
        List<ObjectNode> page = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        outer:
        for (GlueStore.DatabaseData db : scope) {
            for (Map.Entry<String, ObjectNode> entry : db.functions.entrySet()) {
                String key = db.name + '\u0000' + entry.getKey();
                if (after != null && key.compareTo(after) <= 0) {
                    continue;
                }
                if (!filter.matcher(entry.getKey()).matches()) {
                    continue;
                }
                page.add(entry.getValue());
                keys.add(key);
                if (page.size() > max) {
                    break outer;
                }
            }
        }
        out.writeStartObject();
        out.writeArrayFieldStart("UserDefinedFunctions");
        for (int i = 0; i < Math.min(max, page.size()); i++) {
            out.writeTree(page.get(i));
        }
        out.writeEndArray();
        if (page.size() > max) {
            out.writeStringField("NextToken", PageToken.ofName("f", keys.get(max - 1)));
        }
        out.writeEndObject();
    }

    /** Hive-style function pattern: {@code *} is any run of characters, {@code |} separates alternatives. */
    private static Pattern functionPattern(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (String alternative : pattern.split("\\|", -1)) {
            if (regex.length() > 0) {
                regex.append('|');
            }
            StringBuilder literal = new StringBuilder();
            for (char c : alternative.trim().toCharArray()) {
                if (c == '*') {
                    if (literal.length() > 0) {
                        regex.append(Pattern.quote(literal.toString()));
                        literal.setLength(0);
                    }
                    regex.append(".*");
                } else {
                    literal.append(c);
                }
            }
            if (literal.length() > 0) {
                regex.append(Pattern.quote(literal.toString()));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }

    private void updateFunction(ObjectNode request, JsonGenerator out) throws IOException {
        String db = Wire.name(request, "DatabaseName", "databaseName");
        String name = Wire.name(request, "FunctionName", "functionName");
        store.updateFunction(db, name, Wire.object(request, "FunctionInput", "functionInput"));
        empty(out);
    }

    private void deleteFunction(ObjectNode request, JsonGenerator out) throws IOException {
        String db = Wire.name(request, "DatabaseName", "databaseName");
        store.deleteFunction(db, Wire.name(request, "FunctionName", "functionName"));
        empty(out);
    }

    // ------------------------------------------------------------------ helpers

    private static void writeErrorDetail(JsonGenerator out, GlueServiceException e) throws IOException {
        out.writeObjectFieldStart("ErrorDetail");
        out.writeStringField("ErrorCode", e.errorCode());
        out.writeStringField("ErrorMessage", e.getMessage());
        out.writeEndObject();
    }

    /** A failed batch entry: the values as the caller sent them and why it failed. */
    private record EntryError(JsonNode values, GlueServiceException error) {}

    /** Echoes the caller's value list; anything that is not a list becomes an empty one. */
    private static void writeValueList(JsonGenerator out, String field, JsonNode values) throws IOException {
        out.writeFieldName(field);
        if (values != null && values.isArray()) {
            out.writeTree(values);
        } else {
            out.writeStartArray();
            out.writeEndArray();
        }
    }

    private static void writeValues(JsonGenerator out, String field, String[] values) throws IOException {
        out.writeArrayFieldStart(field);
        for (String value : values) {
            out.writeString(value);
        }
        out.writeEndArray();
    }
}
