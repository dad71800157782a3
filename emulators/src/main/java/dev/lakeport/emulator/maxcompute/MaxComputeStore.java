package dev.lakeport.emulator.maxcompute;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The emulator's in-memory MaxCompute: projects with their properties, tables with columns, partition keys, comment
 * and lifecycle, and each table's partitions. Project, table and column names are case-insensitive, as in MaxCompute,
 * and kept lower-case. Thread-safe: each project is guarded by its own lock.
 */
public final class MaxComputeStore {
    private final Map<String, Project> projects = new ConcurrentHashMap<>();
    private final List<DropListener> dropListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** MaxCompute's partition levels a table. */
    public static final int MAX_PARTITION_LEVELS = 6;

    /** MaxCompute's partitions a table: 60,000; lowered by tests that would not create so many. */
    private volatile int maxPartitions = 60_000;

    /** Sets the partitions a table may hold (MaxCompute: 60,000), for tests of the limit. */
    public MaxComputeStore maxPartitionsPerTable(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("a table must be allowed at least 1 partition, got " + max);
        }
        this.maxPartitions = max;
        return this;
    }

    /** Told when a table or a partition is dropped (after the catalog's lock is released), e.g. to forget its rows. */
    interface DropListener {
        void tableDropped(String project, String table);

        void partitionDropped(String project, String table, Map<String, String> spec);
    }

    void onDrop(DropListener listener) {
        dropListeners.add(requireNonNull(listener, "listener is null"));
    }

    /** A column or partition key: its name, its ODPS type in lower case (e.g. {@code decimal(10,2)}), a comment. */
    public record Column(String name, String type, String comment) {
        public Column {
            name = normalise(requireNonNull(name, "column name is null"));
            type = requireNonNull(type, "type of column " + name + " is null")
                    .trim()
                    .toLowerCase(Locale.ROOT);
            comment = comment == null ? "" : comment;
        }

        public static Column of(String name, String type) {
            return new Column(name, type, "");
        }
    }

    /**
     * A table or view as created: {@code lifecycle} is -1 when unset; times are epoch seconds; {@code viewText} is the
     * query of a view (after its {@code AS}), null for a table.
     */
    public record Table(
            String name,
            List<Column> columns,
            List<Column> partitionKeys,
            String comment,
            long lifecycle,
            long createTime,
            String viewText) {
        public Table {
            name = normalise(requireNonNull(name, "table name is null"));
            columns = List.copyOf(columns);
            partitionKeys = List.copyOf(partitionKeys);
            comment = comment == null ? "" : comment;
        }

        public Table(
                String name,
                List<Column> columns,
                List<Column> partitionKeys,
                String comment,
                long lifecycle,
                long createTime) {
            this(name, columns, partitionKeys, comment, lifecycle, createTime, null);
        }

        /** A view: its columns as its query gives them, no partitions, no lifecycle. */
        public static Table view(String name, List<Column> columns, String comment, String viewText) {
            return new Table(
                    name,
                    columns,
                    List.of(),
                    comment,
                    -1,
                    System.currentTimeMillis() / 1000,
                    requireNonNull(viewText, "viewText is null"));
        }

        public boolean isView() {
            return viewText != null;
        }

        public static Table of(String name, List<Column> columns, List<Column> partitionKeys) {
            return new Table(name, columns, partitionKeys, "", -1, System.currentTimeMillis() / 1000);
        }

        public Table withComment(String newComment) {
            return new Table(name, columns, partitionKeys, newComment, lifecycle, createTime, viewText);
        }

        public Table withLifecycle(long days) {
            return new Table(name, columns, partitionKeys, comment, days, createTime, viewText);
        }
    }

    /** One partition: its values in partition-key order, and when it was created (epoch seconds). */
    public record Partition(LinkedHashMap<String, String> spec, long createTime) {}

    static final class TableEntry {
        Table table;
        /** Partitions by their canonical spec ({@code ds='1',hh='02'}), in spec order. */
        final NavigableMap<String, Partition> partitions = new TreeMap<>();

        TableEntry(Table table) {
            this.table = table;
        }
    }

    /** A schema of a project with the three-layer model; {@code default} is the project's own tables. */
    public record Schema(String name, String comment, long createTime) {}

    static final class SchemaEntry {
        final Schema schema;
        final NavigableMap<String, TableEntry> tables;

        SchemaEntry(Schema schema, NavigableMap<String, TableEntry> tables) {
            this.schema = schema;
            this.tables = tables;
        }
    }

    static final class Project {
        final String name;
        final Map<String, String> properties = new LinkedHashMap<>();
        final NavigableMap<String, TableEntry> tables = new TreeMap<>();
        final NavigableMap<String, SchemaEntry> schemas = new TreeMap<>();
        final long createTime = System.currentTimeMillis() / 1000;

        Project(String name) {
            this.name = name;
        }
    }

    /** Creates the project (a no-op if it exists), with {@code odps.sql.type.system.odps2=true} as new projects have. */
    public MaxComputeStore createProject(String name) {
        projects.computeIfAbsent(normalise(name), n -> {
            Project p = new Project(n);
            p.properties.put("odps.sql.type.system.odps2", "true");
            return p;
        });
        return this;
    }

    public boolean hasProject(String name) {
        String n = name.indexOf('.') >= 0 ? name.substring(0, name.indexOf('.')) : name;
        return projects.containsKey(normalise(n));
    }

    /** Sets a project property such as {@code odps.sql.type.system.odps2} or {@code odps.sql.hive.compatible}. */
    public MaxComputeStore setProperty(String project, String key, String value) {
        Project p = project(project);
        synchronized (p) {
            p.properties.put(requireNonNull(key, "key is null"), requireNonNull(value, "value of " + key + " is null"));
        }
        return this;
    }

    public Map<String, String> properties(String project) {
        Project p = project(project);
        synchronized (p) {
            return Map.copyOf(p.properties);
        }
    }

    /** Adds a table; false (and nothing changes) if a table of that name exists. */
    public boolean createTable(String project, Table table) {
        if (table.partitionKeys().size() > MAX_PARTITION_LEVELS) {
            // ODPS-0130071: the service's semantic-analysis code; the wording is the emulator's own.
            throw new MaxComputeException(
                    400,
                    "SemanticAnalysisError",
                    "ODPS-0130071:[1,1] Semantic analysis exception - table '" + table.name() + "' has "
                            + table.partitionKeys().size() + " partition columns, more than the "
                            + MAX_PARTITION_LEVELS + " MaxCompute allows");
        }
        Project p = project(project);
        synchronized (p) {
            NavigableMap<String, TableEntry> tables = tables(p, project);
            if (tables.containsKey(table.name())) {
                return false;
            }
            tables.put(table.name(), new TableEntry(table));
            return true;
        }
    }

    /** Drops a table and its partitions; false if there was none. */
    public boolean dropTable(String project, String table) {
        Project p = project(project);
        boolean dropped;
        synchronized (p) {
            dropped = tables(p, project).remove(normalise(table)) != null;
        }
        if (dropped) {
            dropListeners.forEach(l -> l.tableDropped(namespace(project), normalise(table)));
        }
        return dropped;
    }

    public Optional<Table> table(String project, String table) {
        Project p = project(project);
        synchronized (p) {
            TableEntry e = tables(p, project).get(normalise(table));
            return Optional.ofNullable(e == null ? null : e.table);
        }
    }

    /** Table names in order, starting at {@code marker} (inclusive; null for the first), at most {@code limit}. */
    List<String> tableNames(String project, String marker, int limit) {
        Project p = project(project);
        synchronized (p) {
            NavigableMap<String, TableEntry> tables = tables(p, project);
            NavigableMap<String, TableEntry> from =
                    marker == null || marker.isEmpty() ? tables : tables.tailMap(normalise(marker), true);
            List<String> out = new ArrayList<>();
            for (String name : from.keySet()) {
                if (out.size() == limit) {
                    break;
                }
                out.add(name);
            }
            return out;
        }
    }

    /** The table name after {@code name}, or null. */
    String tableAfter(String project, String name) {
        Project p = project(project);
        synchronized (p) {
            return tables(p, project).higherKey(name);
        }
    }

    /**
     * Adds a partition given its values by key; false if it exists. A spec that does not name exactly the table's
     * partition keys is refused with the key named.
     */
    public boolean addPartition(String project, String table, Map<String, String> values) {
        Project p = project(project);
        synchronized (p) {
            TableEntry e = entry(p, tables(p, project), table);
            LinkedHashMap<String, String> spec = fullSpec(e.table, values);
            String key = canonical(spec);
            if (e.partitions.containsKey(key)) {
                return false;
            }
            if (e.partitions.size() >= maxPartitions) {
                throw tooManyPartitions(table, e.partitions.size() + 1);
            }
            e.partitions.put(key, new Partition(spec, System.currentTimeMillis() / 1000));
            return true;
        }
    }

    /**
     * Refuses, before any is added, partitions that would take a table over its partition limit: {@code specs} not
     * there yet counted with those that are.
     */
    public void requireRoomFor(String project, String table, List<? extends Map<String, String>> specs) {
        Project p = project(project);
        synchronized (p) {
            TableEntry e = entry(p, tables(p, project), table);
            java.util.Set<String> added = new java.util.HashSet<>();
            for (Map<String, String> values : specs) {
                String key = canonical(fullSpec(e.table, values));
                if (!e.partitions.containsKey(key)) {
                    added.add(key);
                }
            }
            if (e.partitions.size() + added.size() > maxPartitions) {
                throw tooManyPartitions(table, e.partitions.size() + added.size());
            }
        }
    }

    private MaxComputeException tooManyPartitions(String table, int wanted) {
        // ODPS-0130071: the service's semantic-analysis code; the wording is the emulator's own.
        return new MaxComputeException(
                400,
                "SemanticAnalysisError",
                "ODPS-0130071:[1,1] Semantic analysis exception - table '" + normalise(table) + "' would have " + wanted
                        + " partitions, more than the " + maxPartitions + " MaxCompute allows");
    }

    /** Drops a partition; false if there was none. */
    public boolean dropPartition(String project, String table, Map<String, String> values) {
        Project p = project(project);
        LinkedHashMap<String, String> spec;
        boolean dropped;
        synchronized (p) {
            TableEntry e = entry(p, tables(p, project), table);
            spec = fullSpec(e.table, values);
            dropped = e.partitions.remove(canonical(spec)) != null;
        }
        if (dropped) {
            dropListeners.forEach(l -> l.partitionDropped(namespace(project), normalise(table), spec));
        }
        return dropped;
    }

    /** The partition with exactly these values, if any. */
    public Optional<Partition> partition(String project, String table, Map<String, String> values) {
        Project p = project(project);
        synchronized (p) {
            TableEntry e = entry(p, tables(p, project), table);
            return Optional.ofNullable(e.partitions.get(canonical(fullSpec(e.table, values))));
        }
    }

    /** All partitions of a table whose leading values match {@code prefix} (empty for all), in spec order. */
    public List<Partition> partitions(String project, String table, Map<String, String> prefix) {
        Project p = project(project);
        synchronized (p) {
            TableEntry e = entry(p, tables(p, project), table);
            Map<String, String> wanted = new LinkedHashMap<>();
            prefix.forEach((k, v) -> wanted.put(normalise(k), v));
            List<Partition> out = new ArrayList<>();
            for (Partition part : e.partitions.values()) {
                boolean match = true;
                for (Map.Entry<String, String> w : wanted.entrySet()) {
                    if (!w.getValue().equals(part.spec().get(w.getKey()))) {
                        match = false;
                        break;
                    }
                }
                if (match) {
                    out.add(part);
                }
            }
            return Collections.unmodifiableList(out);
        }
    }

    /**
     * Changes a table's definition (its columns, comment or lifecycle) as {@code change} says; partitions stay.
     *
     * @throws MaxComputeException 404 when there is no such table
     */
    public Table alterTable(String project, String table, java.util.function.UnaryOperator<Table> change) {
        Project p = project(project);
        synchronized (p) {
            TableEntry e = entry(p, tables(p, project), table);
            e.table = requireNonNull(change.apply(e.table), "changed table is null");
            return e.table;
        }
    }

    /** Removes a project and everything in it; false if there was none. */
    public boolean dropProject(String name) {
        return projects.remove(normalise(name)) != null;
    }

    /**
     * Adds a schema to a project with the three-layer model; false (and nothing changes) if it exists.
     *
     * @throws MaxComputeException 400 when the project has no schemas
     */
    public boolean createSchema(String project, String schema, String comment) {
        Project p = project(project);
        synchronized (p) {
            requireSchemaModel(p);
            String name = normalise(schema);
            if (name.equals(DEFAULT_SCHEMA) || p.schemas.containsKey(name)) {
                return false;
            }
            p.schemas.put(
                    name,
                    new SchemaEntry(
                            new Schema(name, comment == null ? "" : comment, System.currentTimeMillis() / 1000),
                            new TreeMap<>()));
            return true;
        }
    }

    /**
     * Drops an empty schema; false if there was none.
     *
     * @throws MaxComputeException 400 when it still holds tables or is {@code default}
     */
    public boolean dropSchema(String project, String schema) {
        Project p = project(project);
        synchronized (p) {
            String name = normalise(schema);
            if (name.equals(DEFAULT_SCHEMA)) {
                throw new MaxComputeException(
                        400, "InvalidParameter", "ODPS-0110061: schema default cannot be dropped");
            }
            SchemaEntry e = p.schemas.get(name);
            if (e == null) {
                return false;
            }
            if (!e.tables.isEmpty()) {
                throw new MaxComputeException(
                        400,
                        "InvalidParameter",
                        "ODPS-0110061: schema " + p.name + "." + name + " is not empty (" + e.tables.size()
                                + " tables)");
            }
            p.schemas.remove(name);
            return true;
        }
    }

    /** A project's schemas in name order, {@code default} included; empty for a project without the model. */
    public List<Schema> schemas(String project) {
        Project p = project(project);
        synchronized (p) {
            if (!schemaModel(p)) {
                return List.of();
            }
            List<Schema> out = new ArrayList<>();
            NavigableMap<String, Schema> all = new TreeMap<>();
            all.put(DEFAULT_SCHEMA, new Schema(DEFAULT_SCHEMA, "", p.createTime));
            p.schemas.forEach((k, v) -> all.put(k, v.schema));
            out.addAll(all.values());
            return out;
        }
    }

    public Optional<Schema> schema(String project, String schema) {
        String name = normalise(schema);
        return schemas(project).stream().filter(s -> s.name().equals(name)).findFirst();
    }

    static final String DEFAULT_SCHEMA = "default";
    static final String SCHEMA_MODEL = "odps.schema.model.enabled";

    private static boolean schemaModel(Project p) {
        return "true".equalsIgnoreCase(p.properties.getOrDefault(SCHEMA_MODEL, "false"));
    }

    private static void requireSchemaModel(Project p) {
        if (!schemaModel(p)) {
            throw new MaxComputeException(
                    400,
                    "InvalidParameter",
                    "ODPS-0110061: project " + p.name + " does not have the three-layer model (" + SCHEMA_MODEL
                            + " is not true)");
        }
    }

    /**
     * The tables of {@code namespace}: a project ({@code p}, its own or its {@code default} schema's tables) or a
     * schema ({@code p.s}).
     */
    private static NavigableMap<String, TableEntry> tables(Project p, String namespace) {
        int dot = namespace.indexOf('.');
        if (dot < 0) {
            return p.tables;
        }
        String schema = normalise(namespace.substring(dot + 1));
        if (schema.equals(DEFAULT_SCHEMA)) {
            return p.tables;
        }
        SchemaEntry e = p.schemas.get(schema);
        if (e == null) {
            throw new MaxComputeException(
                    404, "NoSuchObject", "ODPS-0110061: Schema not found - '" + p.name + "." + schema + "'.");
        }
        return e.tables;
    }

    /** The project of {@code name}, which may be a namespace {@code project.schema}. */
    Project project(String name) {
        String projectName = requireNonNull(name, "project is null");
        if (projectName.indexOf('.') >= 0) {
            projectName = projectName.substring(0, projectName.indexOf('.'));
        }
        Project p = projects.get(normalise(projectName));
        if (p == null) {
            throw new MaxComputeException(404, "NoSuchObject", "ODPS-0420111: Project not found - '" + name + "'.");
        }
        return p;
    }

    private static TableEntry entry(Project p, NavigableMap<String, TableEntry> tables, String table) {
        TableEntry e = tables.get(normalise(table));
        if (e == null) {
            throw MaxComputeException.noSuchTable(p.name, table);
        }
        return e;
    }

    private static LinkedHashMap<String, String> fullSpec(Table table, Map<String, String> values) {
        if (table.partitionKeys().isEmpty()) {
            throw new MaxComputeException(
                    400, "InvalidParameter", "ODPS-0130071: Table '" + table.name() + "' is not partitioned.");
        }
        Map<String, String> byKey = new LinkedHashMap<>();
        values.forEach((k, v) -> byKey.put(normalise(k), v));
        List<String> keyNames = table.partitionKeys().stream().map(Column::name).toList();
        for (String given : byKey.keySet()) {
            if (!keyNames.contains(given)) {
                throw new MaxComputeException(
                        400,
                        "InvalidParameter",
                        "ODPS-0130071: table '" + table.name() + "' has no partition key '" + given + "' (its keys: "
                                + String.join(", ", keyNames) + ").");
            }
        }
        LinkedHashMap<String, String> spec = new LinkedHashMap<>();
        for (Column key : table.partitionKeys()) {
            String v = byKey.remove(key.name());
            if (v == null) {
                throw new MaxComputeException(
                        400,
                        "InvalidParameter",
                        "ODPS-0130071: partition spec of table '" + table.name() + "' lacks key '" + key.name() + "'.");
            }
            spec.put(key.name(), v);
        }
        return spec;
    }

    /** {@code ds='1',hh='02'}: the API's quoted form, which the emulator also uses as a paging marker. */
    static String canonical(Map<String, String> spec) {
        StringBuilder sb = new StringBuilder();
        spec.forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(k).append("='").append(v).append('\'');
        });
        return sb.toString();
    }

    /**
     * The one name of a namespace: {@code p} for a project's own tables (also written {@code p.default}),
     * {@code p.s} for a schema's, lower-cased. The rows, the SQL engine's tables and the Tunnel's sessions are kept
     * under it, so that the same table named two ways is one table and a schema's table is not the project's.
     */
    static String namespace(String namespace) {
        String n = normalise(namespace);
        int dot = n.indexOf('.');
        if (dot < 0) {
            return n;
        }
        String schema = normalise(n.substring(dot + 1));
        return schema.equals(DEFAULT_SCHEMA)
                ? normalise(n.substring(0, dot))
                : normalise(n.substring(0, dot)) + "." + schema;
    }

    /** The namespace of {@code schema} (null or empty for the project's own tables) in {@code project}. */
    static String namespace(String project, String schema) {
        return schema == null || schema.isBlank() ? namespace(project) : namespace(project + "." + schema);
    }

    static String normalise(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }
}
