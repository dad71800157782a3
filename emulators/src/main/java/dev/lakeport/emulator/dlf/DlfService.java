package dev.lakeport.emulator.dlf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakeport.emulator.common.Faults;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The DLF metastore operations over a {@link DlfStore}: validation, limits and the response shapes of the
 * {@code datalake20200710} models. Each method returns the operation-specific fields of the response body; the HTTP
 * layer adds Success, Code, Message and RequestId.
 */
final class DlfService {
    /**
     * Largest PageSize of ListDatabases / ListTables / ListFunctions / ListPartitions(ByFilter). DLF's documentation
     * does not state a maximum that could be found; 1000 is an assumption. Larger values are refused, not clamped, so a
     * client that relies on big pages notices.
     */
    static final int MAX_PAGE_SIZE = 1000;
    /** Default PageSize when none is sent (assumed, as for the maximum). */
    static final int DEFAULT_PAGE_SIZE = 100;
    /**
     * Largest number of entries in BatchCreate / BatchUpdate / BatchDelete / BatchGet Partitions. Not documented where
     * it could be found; 100 (Glue's figure for create / update) is an assumption.
     */
    static final int MAX_BATCH_SIZE = 100;

    /**
     * Names DLF accepts for databases, tables, columns and functions. DLF answers InvalidObject when a name "failed the
     * verification" and does not publish the rule; letters, digits and underscore up to 128 characters are inferred to
     * be safe and anything else is refused here.
     */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]{1,128}");

    private final DlfStore store;
    private final ObjectMapper json;
    private final String catalogId;
    private final Faults faults;

    DlfService(DlfStore store, String catalogId, Faults faults) {
        this.store = store;
        this.json = store.json();
        this.catalogId = catalogId;
        this.faults = faults;
    }

    ObjectNode handle(String action, Params p) {
        if (!action.endsWith("Catalog") && !action.equals("ListCatalogs")) {
            checkCatalog(p.text("CatalogId"));
        }
        switch (action) {
            case "GetCatalog":
                return getCatalog(p);
            case "ListCatalogs":
                return listCatalogs();
            case "ListDatabases":
                return listDatabases(p);
            case "GetDatabase":
                return getDatabase(p);
            case "CreateDatabase":
                return createDatabase(p);
            case "UpdateDatabase":
                return updateDatabase(p);
            case "DeleteDatabase":
                return deleteDatabase(p);
            case "ListTables":
                return listTables(p);
            case "GetTable":
                return getTable(p);
            case "CreateTable":
                return createTable(p);
            case "UpdateTable":
                return updateTable(p);
            case "DeleteTable":
                return deleteTable(p);
            case "ListPartitions":
                return listPartitions(p, null);
            case "ListPartitionsByFilter":
                return listPartitions(p, Optional.ofNullable(p.text("Filter")).orElse(""));
            case "GetPartition":
                return getPartition(p);
            case "BatchGetPartitions":
                return batchGetPartitions(p);
            case "BatchCreatePartitions":
                return batchCreatePartitions(p);
            case "BatchUpdatePartitions":
                return batchUpdatePartitions(p);
            case "BatchDeletePartitions":
                return batchDeletePartitions(p);
            case "ListFunctions":
                return listFunctions(p);
            case "GetFunction":
                return getFunction(p);
            case "CreateFunction":
                return createFunction(p);
            case "UpdateFunction":
                return updateFunction(p);
            case "DeleteFunction":
                return deleteFunction(p);
            default:
                throw new DlfException(404, "InvalidAction.NotFound", "Specified api is not found: " + action);
        }
    }

    // ---- catalogs: only the default catalog, named after the account

    private void checkCatalog(String id) {
        if (id != null && !id.isEmpty() && !id.equals(catalogId)) {
            throw DlfException.noSuchObject("Catalog " + id + " not found");
        }
    }

    private ObjectNode getCatalog(Params p) {
        checkCatalog(p.text("CatalogId"));
        ObjectNode out = json.createObjectNode();
        out.set("Catalog", catalogJson());
        return out;
    }

    private ObjectNode listCatalogs() {
        ObjectNode out = json.createObjectNode();
        out.putArray("Catalogs").add(catalogJson());
        out.put("NextPageToken", "");
        return out;
    }

    private ObjectNode catalogJson() {
        ObjectNode c = json.createObjectNode();
        c.put("CatalogId", catalogId);
        c.put("Description", "default catalog");
        c.put("Status", "Normal");
        return c;
    }

    // ---- databases

    private ObjectNode listDatabases(Params p) {
        Predicate<String> pattern = namePattern(p.text("NamePattern"));
        int pageSize = pageSize(p);
        String after = token(p);
        var tail = after == null ? store.databases() : store.databases().tailMap(after, false);
        List<JsonNode> page = new ArrayList<>();
        String next = "";
        for (var e : tail.entrySet()) {
            if (!pattern.test(e.getKey())) {
                continue;
            }
            if (page.size() == pageSize) {
                next = encodeToken(lastName(page, "Name"));
                break;
            }
            page.add(e.getValue().database.deepCopy());
        }
        ObjectNode out = json.createObjectNode();
        out.putArray("Databases").addAll(page);
        out.put("NextPageToken", next);
        return out;
    }

    private ObjectNode getDatabase(Params p) {
        String name = p.required("Name");
        ObjectNode out = json.createObjectNode();
        out.set("Database", database(name).database.deepCopy());
        return out;
    }

    private ObjectNode createDatabase(Params p) {
        ObjectNode input = p.object("DatabaseInput");
        String name = checkName("database", textOf(input, "Name"));
        synchronized (store) {
            if (store.databaseEntry(name).isPresent()) {
                throw DlfException.alreadyExists("Database " + name + " already exists");
            }
            ObjectNode db = input.deepCopy();
            int now = now();
            db.put("Name", DlfStore.fold(name));
            putIfAbsent(db, "CreateTime", now);
            db.put("UpdateTime", now);
            db.put("CreatedBy", catalogId);
            store.putDatabase(db);
        }
        return json.createObjectNode();
    }

    private ObjectNode updateDatabase(Params p) {
        String name = p.required("Name");
        ObjectNode input = p.object("DatabaseInput");
        synchronized (store) {
            DlfStore.DatabaseEntry entry = database(name);
            ObjectNode db = input.deepCopy();
            db.put("Name", DlfStore.fold(name));
            copyIfAbsent(entry.database, db, "CreateTime");
            copyIfAbsent(entry.database, db, "CreatedBy");
            db.put("UpdateTime", now());
            entry.database = db;
        }
        return json.createObjectNode();
    }

    private ObjectNode deleteDatabase(Params p) {
        String name = p.required("Name");
        synchronized (store) {
            DlfStore.DatabaseEntry entry = database(name);
            if (!p.bool("Cascade") && (!entry.tables.isEmpty() || !entry.functions.isEmpty())) {
                throw DlfException.invalidInput(
                        "Database " + name + " is not empty; set Cascade to delete its tables and functions");
            }
            store.removeDatabase(name);
        }
        return json.createObjectNode();
    }

    // ---- tables

    private ObjectNode listTables(Params p) {
        DlfStore.DatabaseEntry db = database(p.required("DatabaseName"));
        Predicate<String> pattern = namePattern(p.text("TableNamePattern"));
        String type = p.text("TableType");
        int pageSize = pageSize(p);
        String after = token(p);
        var tail = after == null ? db.tables : db.tables.tailMap(after, false);
        List<JsonNode> page = new ArrayList<>();
        String next = "";
        for (var e : tail.entrySet()) {
            ObjectNode t = e.getValue().table;
            if (!pattern.test(e.getKey())
                    || (type != null && !type.isEmpty() && !type.equals(textOf(t, "TableType")))) {
                continue;
            }
            if (page.size() == pageSize) {
                next = encodeToken(lastName(page, "TableName"));
                break;
            }
            page.add(t.deepCopy());
        }
        ObjectNode out = json.createObjectNode();
        out.putArray("Tables").addAll(page);
        out.put("NextPageToken", next);
        return out;
    }

    private ObjectNode getTable(Params p) {
        DlfStore.TableEntry t = table(p.required("DatabaseName"), p.required("TableName"));
        ObjectNode out = json.createObjectNode();
        out.set("Table", t.table.deepCopy());
        return out;
    }

    private ObjectNode createTable(Params p) {
        String dbName = p.required("DatabaseName");
        ObjectNode input = p.object("TableInput");
        String name = checkName("table", textOf(input, "TableName"));
        checkColumns(input);
        synchronized (store) {
            DlfStore.DatabaseEntry db = database(dbName);
            if (db.tables.containsKey(DlfStore.fold(name))) {
                throw DlfException.alreadyExists("Table " + dbName + "." + name + " already exists");
            }
            ObjectNode t = input.deepCopy();
            int now = now();
            t.put("DatabaseName", DlfStore.fold(dbName));
            putIfAbsent(t, "CreateTime", now);
            t.put("UpdateTime", now);
            t.put("CreatedBy", catalogId);
            t.put("TableId", Integer.toHexString(Objects.hash(dbName, name, System.nanoTime())));
            store.putTable(t);
        }
        return json.createObjectNode();
    }

    private ObjectNode updateTable(Params p) {
        String dbName = p.required("DatabaseName");
        String name = p.required("TableName");
        ObjectNode input = p.object("TableInput");
        checkColumns(input);
        synchronized (store) {
            DlfStore.TableEntry entry = table(dbName, name);
            ObjectNode t = input.deepCopy();
            t.put("DatabaseName", DlfStore.fold(dbName));
            t.put("TableName", DlfStore.fold(name));
            copyIfAbsent(entry.table, t, "CreateTime");
            copyIfAbsent(entry.table, t, "CreatedBy");
            copyIfAbsent(entry.table, t, "TableId");
            t.put("UpdateTime", now());
            entry.table = t;
        }
        return json.createObjectNode();
    }

    private ObjectNode deleteTable(Params p) {
        String dbName = p.required("DatabaseName");
        String name = p.required("TableName");
        synchronized (store) {
            table(dbName, name);
            database(dbName).tables.remove(DlfStore.fold(name));
        }
        return json.createObjectNode();
    }

    // ---- partitions

    private ObjectNode listPartitions(Params p, String filter) {
        DlfStore.TableEntry t = table(p.required("DatabaseName"), p.required("TableName"));
        List<String> keys = partitionKeyNames(t.table);
        Predicate<List<String>> predicate =
                filter == null ? partialValues(p.stringList("PartialPartValues")) : PartitionFilter.parse(keys, filter);
        int pageSize = pageSize(p);
        PartitionTable.Page page = t.partitions.page(
                textOf(t.table, "DatabaseName"), textOf(t.table, "TableName"), token(p), pageSize, predicate);
        ObjectNode out = json.createObjectNode();
        writePartitions(out, t.table, page.partitions(), p.bool("IsShareSd"));
        out.put("NextPageToken", page.nextKey() == null ? "" : encodeToken(page.nextKey()));
        return out;
    }

    private ObjectNode getPartition(Params p) {
        String dbName = p.required("DatabaseName");
        String tableName = p.required("TableName");
        DlfStore.TableEntry t = table(dbName, tableName);
        List<String> values = p.stringList("PartitionValues");
        ObjectNode partition = t.partitions
                .get(textOf(t.table, "DatabaseName"), textOf(t.table, "TableName"), values)
                .orElseThrow(() -> DlfException.noSuchObject(
                        "Partition " + values + " of " + dbName + "." + tableName + " not found"));
        ObjectNode out = json.createObjectNode();
        out.set("Partition", partition);
        return out;
    }

    private ObjectNode batchGetPartitions(Params p) {
        DlfStore.TableEntry t = table(p.required("DatabaseName"), p.required("TableName"));
        List<List<String>> wanted = valueList(p.array("PartitionValueList"));
        checkBatch(wanted.size());
        List<ObjectNode> found = new ArrayList<>();
        for (List<String> values : wanted) {
            t.partitions
                    .get(textOf(t.table, "DatabaseName"), textOf(t.table, "TableName"), values)
                    .ifPresent(found::add);
        }
        ObjectNode out = json.createObjectNode();
        writePartitions(out, t.table, found, p.bool("IsShareSd"));
        out.putArray("PartitionErrors");
        return out;
    }

    private ObjectNode batchCreatePartitions(Params p) {
        DlfStore.TableEntry t = table(p.required("DatabaseName"), p.required("TableName"));
        ArrayNode inputs = p.array("PartitionInputs");
        checkBatch(inputs.size());
        boolean ifNotExists = p.bool("IfNotExists");
        int keyCount = partitionKeyNames(t.table).size();
        ArrayNode errors = json.createArrayNode();
        ArrayNode created = json.createArrayNode();
        int now = now();
        synchronized (t.partitions) {
            for (JsonNode input : inputs) {
                List<String> values = DlfStore.values(input);
                String problem = checkValues(values, keyCount);
                if (problem != null) {
                    errors.add(partitionError(values, "InvalidObject", problem));
                    continue;
                }
                if (t.partitions.contains(values)) {
                    if (!ifNotExists) {
                        errors.add(partitionError(values, "AlreadyExists", "Partition " + values + " already exists"));
                    }
                    continue;
                }
                ObjectNode partition = normalizedPartition(t, (ObjectNode) input);
                putIfAbsent(partition, "CreateTime", now);
                t.partitions.put(values, partition, DlfStore.tableLocation(t.table));
                created.add(partition);
            }
        }
        ObjectNode out = json.createObjectNode();
        out.set("PartitionErrors", errors);
        if (p.bool("NeedResult")) {
            out.set("Partitions", created);
        }
        return out;
    }

    private ObjectNode batchUpdatePartitions(Params p) {
        DlfStore.TableEntry t = table(p.required("DatabaseName"), p.required("TableName"));
        ArrayNode inputs = p.array("PartitionInputs");
        checkBatch(inputs.size());
        int keyCount = partitionKeyNames(t.table).size();
        ArrayNode errors = json.createArrayNode();
        synchronized (t.partitions) {
            for (JsonNode input : inputs) {
                List<String> values = DlfStore.values(input);
                String problem = checkValues(values, keyCount);
                if (problem != null) {
                    errors.add(partitionError(values, "InvalidObject", problem));
                    continue;
                }
                Optional<ObjectNode> old =
                        t.partitions.get(textOf(t.table, "DatabaseName"), textOf(t.table, "TableName"), values);
                if (old.isEmpty()) {
                    errors.add(partitionError(values, "NoSuchObject", "Partition " + values + " not found"));
                    continue;
                }
                ObjectNode partition = normalizedPartition(t, (ObjectNode) input);
                copyIfAbsent(old.get(), partition, "CreateTime");
                t.partitions.put(values, partition, DlfStore.tableLocation(t.table));
            }
        }
        ObjectNode out = json.createObjectNode();
        out.set("PartitionErrors", errors);
        return out;
    }

    private ObjectNode batchDeletePartitions(Params p) {
        DlfStore.TableEntry t = table(p.required("DatabaseName"), p.required("TableName"));
        List<List<String>> targets = valueList(p.array("PartitionValueList"));
        checkBatch(targets.size());
        boolean ifExists = p.bool("IfExists");
        ArrayNode errors = json.createArrayNode();
        synchronized (t.partitions) {
            for (List<String> values : targets) {
                if (!t.partitions.remove(values) && !ifExists) {
                    errors.add(partitionError(values, "NoSuchObject", "Partition " + values + " not found"));
                }
            }
        }
        ObjectNode out = json.createObjectNode();
        out.set("PartitionErrors", errors);
        return out;
    }

    /**
     * Writes partitions in the requested shape. With IsShareSd, partitions whose location lies under the table's
     * location are grouped by column list into PartitionSpecs: the shared descriptor holds Cols and the table's
     * Location, each partition's Sd keeps the rest with Cols omitted and a Location relative to the shared one (shared
     * Location + relative Location = full location). Other partitions stay whole in Partitions.
     */
    private void writePartitions(ObjectNode out, ObjectNode table, List<ObjectNode> partitions, boolean shareSd) {
        ArrayNode whole = out.putArray("Partitions");
        if (!shareSd) {
            whole.addAll(new ArrayList<JsonNode>(partitions));
            return;
        }
        String root = Optional.ofNullable(table.get("Sd"))
                .map(sd -> sd.get("Location"))
                .filter(JsonNode::isTextual)
                .map(JsonNode::asText)
                .orElse("");
        Map<String, ObjectNode> specs = new LinkedHashMap<>();
        for (ObjectNode partition : partitions) {
            ObjectNode sd = (ObjectNode) partition.get("Sd");
            String location = sd == null || !sd.hasNonNull("Location")
                    ? null
                    : sd.get("Location").asText();
            if (root.isEmpty() || location == null || !location.startsWith(root)) {
                whole.add(partition);
                continue;
            }
            JsonNode cols = sd.has("Cols") ? sd.get("Cols") : json.createArrayNode();
            ObjectNode spec = specs.computeIfAbsent(cols.toString(), k -> {
                ObjectNode s = json.createObjectNode();
                ObjectNode shared = s.putObject("SharedStorageDescriptor");
                shared.set("Cols", cols.deepCopy());
                shared.put("Location", root);
                s.putArray("SharedSDPartitions");
                return s;
            });
            ObjectNode relative = partition.deepCopy();
            ObjectNode relativeSd = (ObjectNode) relative.get("Sd");
            relativeSd.remove("Cols");
            relativeSd.put("Location", location.substring(root.length()));
            ((ArrayNode) spec.get("SharedSDPartitions")).add(relative);
        }
        out.putArray("PartitionSpecs").addAll(new ArrayList<JsonNode>(specs.values()));
    }

    private ObjectNode normalizedPartition(DlfStore.TableEntry t, ObjectNode input) {
        ObjectNode partition = input.deepCopy();
        partition.put("DatabaseName", textOf(t.table, "DatabaseName"));
        partition.put("TableName", textOf(t.table, "TableName"));
        return partition;
    }

    private ObjectNode partitionError(List<String> values, String code, String message) {
        ObjectNode e = json.createObjectNode();
        ArrayNode vs = e.putArray("PartitionValues");
        values.forEach(vs::add);
        ObjectNode detail = e.putObject("ErrorDetail");
        detail.put("Code", code);
        detail.put("Message", message);
        return e;
    }

    private static String checkValues(List<String> values, int keyCount) {
        if (values.size() != keyCount) {
            return "Partition " + values + " has " + values.size() + " values, the table has " + keyCount + " keys";
        }
        for (String v : values) {
            if (v == null || v.isEmpty()) {
                return "Partition " + values + " has an empty value";
            }
        }
        return null;
    }

    private static Predicate<List<String>> partialValues(List<String> partial) {
        if (partial.isEmpty()) {
            return v -> true;
        }
        // Hive's partial specification: a prefix of the values, where an empty string matches any value.
        return v -> {
            for (int i = 0; i < partial.size() && i < v.size(); i++) {
                String want = partial.get(i);
                if (want != null && !want.isEmpty() && !want.equals(v.get(i))) {
                    return false;
                }
            }
            return true;
        };
    }

    // ---- functions

    private ObjectNode listFunctions(Params p) {
        DlfStore.DatabaseEntry db = database(p.required("DatabaseName"));
        Predicate<String> pattern = namePattern(p.text("FunctionNamePattern"));
        int pageSize = pageSize(p);
        String after = token(p);
        var tail = after == null ? db.functions : db.functions.tailMap(after, false);
        List<JsonNode> page = new ArrayList<>();
        String next = "";
        for (var e : tail.entrySet()) {
            if (!pattern.test(e.getKey())) {
                continue;
            }
            if (page.size() == pageSize) {
                next = encodeToken(lastName(page, "FunctionName"));
                break;
            }
            page.add(e.getValue().deepCopy());
        }
        ObjectNode out = json.createObjectNode();
        out.putArray("Functions").addAll(page);
        out.put("NextPageToken", next);
        return out;
    }

    private ObjectNode getFunction(Params p) {
        ObjectNode out = json.createObjectNode();
        out.set(
                "Function",
                function(p.required("DatabaseName"), p.required("FunctionName")).deepCopy());
        return out;
    }

    private ObjectNode createFunction(Params p) {
        String dbName = p.required("DatabaseName");
        ObjectNode input = p.object("FunctionInput");
        String name = checkName("function", textOf(input, "FunctionName"));
        synchronized (store) {
            DlfStore.DatabaseEntry db = database(dbName);
            if (db.functions.containsKey(DlfStore.fold(name))) {
                throw DlfException.alreadyExists("Function " + dbName + "." + name + " already exists");
            }
            ObjectNode fn = input.deepCopy();
            int now = now();
            fn.put("DatabaseName", DlfStore.fold(dbName));
            fn.put("CatalogId", catalogId);
            putIfAbsent(fn, "CreateTime", now);
            fn.put("UpdateTime", now);
            fn.put("CreatedBy", catalogId);
            store.putFunction(fn);
        }
        return json.createObjectNode();
    }

    private ObjectNode updateFunction(Params p) {
        String dbName = p.required("DatabaseName");
        String name = p.required("FunctionName");
        ObjectNode input = p.object("FunctionInput");
        synchronized (store) {
            ObjectNode old = function(dbName, name);
            ObjectNode fn = input.deepCopy();
            fn.put("DatabaseName", DlfStore.fold(dbName));
            fn.put("FunctionName", DlfStore.fold(name));
            fn.put("CatalogId", catalogId);
            copyIfAbsent(old, fn, "CreateTime");
            copyIfAbsent(old, fn, "CreatedBy");
            fn.put("UpdateTime", now());
            store.putFunction(fn);
        }
        return json.createObjectNode();
    }

    private ObjectNode deleteFunction(Params p) {
        String dbName = p.required("DatabaseName");
        String name = p.required("FunctionName");
        synchronized (store) {
            function(dbName, name);
            database(dbName).functions.remove(DlfStore.fold(name));
        }
        return json.createObjectNode();
    }

    // ---- lookups and checks

    private DlfStore.DatabaseEntry database(String name) {
        return store.databaseEntry(name)
                .orElseThrow(() -> DlfException.noSuchObject("Database " + name + " not found"));
    }

    private DlfStore.TableEntry table(String db, String name) {
        DlfStore.TableEntry t = database(db).tables.get(DlfStore.fold(name));
        if (t == null) {
            throw DlfException.noSuchObject("Table " + db + "." + name + " not found");
        }
        return t;
    }

    private ObjectNode function(String db, String name) {
        ObjectNode fn = database(db).functions.get(DlfStore.fold(name));
        if (fn == null) {
            throw DlfException.noSuchObject("Function " + db + "." + name + " not found");
        }
        return fn;
    }

    private static String checkName(String kind, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw DlfException.invalidObject("The " + kind + " name '" + name + "' failed the verification");
        }
        return name;
    }

    private static void checkColumns(ObjectNode tableInput) {
        List<JsonNode> columns = new ArrayList<>();
        JsonNode sd = tableInput.get("Sd");
        if (sd != null && sd.get("Cols") != null) {
            sd.get("Cols").forEach(columns::add);
        }
        if (tableInput.get("PartitionKeys") != null) {
            tableInput.get("PartitionKeys").forEach(columns::add);
        }
        for (JsonNode c : columns) {
            checkName("column", textOf(c, "Name"));
        }
    }

    private static List<String> partitionKeyNames(ObjectNode table) {
        List<String> names = new ArrayList<>();
        JsonNode keys = table.get("PartitionKeys");
        if (keys != null) {
            keys.forEach(k -> names.add(textOf(k, "Name")));
        }
        return names;
    }

    /** A batch above the limit (the API's, or a lower one set in the faults) is refused as a whole. */
    private void checkBatch(int size) {
        int max = faults.batchLimit(MAX_BATCH_SIZE);
        if (size > max) {
            throw DlfException.invalidInput("At most " + max + " partitions are allowed in one batch, got " + size);
        }
    }

    private int pageSize(Params p) {
        int max = faults.pageLimit(MAX_PAGE_SIZE);
        Integer size = p.integer("PageSize");
        if (size == null || size <= 0) {
            return Math.min(DEFAULT_PAGE_SIZE, max);
        }
        if (size > max) {
            throw DlfException.invalidInput("PageSize must be at most " + max + ", got " + size);
        }
        return size;
    }

    private static String token(Params p) {
        String token = p.text("NextPageToken");
        if (token == null || token.isEmpty()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw DlfException.invalidInput("NextPageToken is not valid");
        }
    }

    private static String encodeToken(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    private static String lastName(List<JsonNode> page, String field) {
        return DlfStore.fold(textOf(page.get(page.size() - 1), field));
    }

    /** DLF name patterns: empty or {@code *} / {@code .*} match everything; otherwise a regex where {@code *} is any. */
    private static Predicate<String> namePattern(String pattern) {
        if (pattern == null || pattern.isEmpty() || pattern.equals("*") || pattern.equals(".*")) {
            return s -> true;
        }
        String regex = pattern.replaceAll("(?<!\\.)\\*", ".*");
        Pattern compiled = Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
        return s -> compiled.matcher(s).matches();
    }

    private static List<List<String>> valueList(ArrayNode list) {
        List<List<String>> out = new ArrayList<>();
        list.forEach(item -> out.add(DlfStore.values(item)));
        return out;
    }

    private static String textOf(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static void putIfAbsent(ObjectNode node, String field, int value) {
        if (!node.hasNonNull(field) || node.get(field).asInt() == 0) {
            node.put(field, value);
        }
    }

    private static void copyIfAbsent(ObjectNode from, ObjectNode to, String field) {
        if ((!to.hasNonNull(field)
                        || to.get(field).asText().isEmpty()
                        || "0".equals(to.get(field).asText()))
                && from.hasNonNull(field)) {
            to.set(field, from.get(field).deepCopy());
        }
    }

    private static int now() {
        return (int) (System.currentTimeMillis() / 1000);
    }
}
