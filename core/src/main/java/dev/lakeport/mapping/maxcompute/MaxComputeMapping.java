package dev.lakeport.mapping.maxcompute;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakeport.connector.ConnectorSettings;
import dev.lakeport.mapping.CatalogMapping;
import dev.lakeport.mapping.ColumnTypeMapping;
import dev.lakeport.mapping.DestinationCheck;
import dev.lakeport.mapping.InvalidMappingException;
import dev.lakeport.mapping.LocationMapper;
import dev.lakeport.mapping.MappingInputs;
import dev.lakeport.mapping.MappingWarning;
import dev.lakeport.mapping.Naming;
import dev.lakeport.mapping.Scope;
import dev.lakeport.mapping.maxcompute.HiveToMaxComputeTypes.Result;
import dev.lakeport.mapping.maxcompute.HiveToMaxComputeTypes.Role;
import dev.lakeport.model.CatalogObject;
import dev.lakeport.model.Column;
import dev.lakeport.model.Database;
import dev.lakeport.model.Partition;
import dev.lakeport.model.StorageDescriptor;
import dev.lakeport.model.Table;
import dev.lakeport.naming.PartitionFolding;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns a Hive-typed object (Glue, DLF, the Hive Metastore) into what Lakeport creates in MaxCompute, and so what
 * reading it back must give, as MaxCompute Migration Service does:
 *
 * <ul>
 *   <li>A source database becomes a MaxCompute namespace: the project (or {@code project.schema}) named for it in
 *       {@code maxcompute.project.mapping}; otherwise the default project {@code maxcompute.project}, or, when that
 *       project has the three-layer model, a schema of it named as the database.
 *   <li>Table names, column names and partition values go through the character mappings ({@code
 *       maxcompute.charmap.table / column / partition}); names are lower case, as MaxCompute keeps them.
 *   <li>Each column type becomes the MaxCompute type the destination project's flags allow ({@link
 *       HiveToMaxComputeTypes}); one it cannot hold is written as STRING in the mapped object and reported as a
 *       problem, which keeps the run from starting.
 *   <li>What MaxCompute tables do not have is left out: locations, formats, SerDe, parameters, owner, times. The data
 *       is copied into MaxCompute's own storage, so every table is a managed one; its lifecycle is {@code
 *       maxcompute.lifecycle} when set, else the source's retention.
 * </ul>
 *
 * <p>The destination projects' flags come from the last destination load ({@link MappingInputs#destinationFacts()});
 * before one, a project counts as a V1.0 project and its tables say that the flags are not known yet.
 */
public final class MaxComputeMapping implements CatalogMapping {
    /** Bump whenever a rule here changes what {@link #apply} returns, so stored mapped snapshots are mapped again. */
    public static final int RULES_VERSION = 2;

    public static final String PROJECT = "maxcompute.project";
    public static final String PROJECT_MAPPING = "maxcompute.project.mapping";
    public static final String TABLE_CHARACTERS = "maxcompute.charmap.table";
    public static final String COLUMN_CHARACTERS = "maxcompute.charmap.column";
    public static final String PARTITION_CHARACTERS = "maxcompute.charmap.partition";
    public static final String LIFECYCLE = "maxcompute.lifecycle";
    public static final String FOLD_PARTITION_KEYS = PartitionFolding.KEY;

    /**
     * Facts beginning with this hold what {@code auto} folding resolved to for one table ({@code ~fold.db.table} = N),
     * counted from the loaded source by the project; no project name starts with it.
     */
    public static final String AUTO_FOLD_FACT = "~fold.";

    /** The project property that turns on the three-layer model (project.schema.table). */
    public static final String SCHEMA_MODEL = "odps.schema.model.enabled";

    public static final String MANAGED_TABLE = "MANAGED_TABLE";
    public static final String VIRTUAL_VIEW = "VIRTUAL_VIEW";

    private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)?");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocationMapper locations;
    private final String route;
    private final Optional<String> defaultProject;
    private final Map<String, String> namespaces;
    private final CharacterMapping tableCharacters;
    private final CharacterMapping columnCharacters;
    private final CharacterMapping partitionCharacters;
    private final MaxComputeLimits limits;
    private final OptionalInt lifecycle;
    private final PartitionFolding folding;
    private final Map<String, Integer> autoFolds;
    private final Map<String, String> facts;
    private final boolean zoneLessTimestamps;
    private final String mappingId;
    private final Naming naming;

    /**
     * @param route the route's id, named in warnings
     * @param zoneLessTimestamps whether the source's TIMESTAMP has no time zone (Hive 3 and later), so that it becomes
     *     TIMESTAMP_NTZ
     * @throws InvalidMappingException naming the setting that cannot be read
     */
    public MaxComputeMapping(MappingInputs inputs, String route, boolean zoneLessTimestamps) {
        requireNonNull(inputs, "inputs is null");
        this.locations = inputs.locations();
        this.route = requireNonNull(route, "route is null");
        this.zoneLessTimestamps = zoneLessTimestamps;
        ConnectorSettings settings = inputs.destination();
        this.defaultProject = settings.get(PROJECT).map(String::trim).filter(s -> !s.isEmpty());
        defaultProject.ifPresent(p -> requireNamespace(PROJECT, p, false));
        this.namespaces = namespaces(settings.get(PROJECT_MAPPING).orElse(""));
        this.tableCharacters = characters(settings, TABLE_CHARACTERS);
        this.columnCharacters = characters(settings, COLUMN_CHARACTERS);
        this.partitionCharacters = characters(settings, PARTITION_CHARACTERS);
        this.limits = new MaxComputeLimits(tableCharacters, columnCharacters, partitionCharacters);
        this.lifecycle = lifecycle(settings.get(LIFECYCLE).orElse(""));
        this.folding = folding(settings.get(FOLD_PARTITION_KEYS).orElse(""));
        this.facts = new TreeMap<>(inputs.destinationFacts());
        this.autoFolds = autoFolds(facts);
        this.mappingId = hash();
        this.naming = new MaxComputeNaming();
    }

    @Override
    public String mappingId() {
        return mappingId;
    }

    @Override
    public LocationMapper locationMapper() {
        return locations;
    }

    /** A source object under its MaxCompute names ({@link #naming()}) as Lakeport creates it in MaxCompute. */
    @Override
    public CatalogObject apply(CatalogObject object) {
        if (object instanceof Database d) {
            return new Database(d.name(), d.description(), Optional.empty(), Map.of(), Optional.empty());
        }
        if (object instanceof Table t) {
            return table(t);
        }
        if (object instanceof Partition p) {
            int folded = foldedKeys(p.databaseName(), p.tableName(), p.values().size());
            return new Partition(
                    p.databaseName(),
                    p.tableName(),
                    p.values().subList(0, p.values().size() - folded),
                    Optional.empty(),
                    Map.of(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty());
        }
        return object;
    }

    @Override
    public Optional<Naming> naming() {
        return Optional.of(naming);
    }

    /** The data is copied into MaxCompute's own storage: no location travels. */
    @Override
    public boolean keepsLocations() {
        return false;
    }

    @Override
    public List<MappingWarning> warnings(CatalogObject source) {
        if (!(source instanceof Table t)) {
            return List.of();
        }
        List<MappingWarning> out = new ArrayList<>();
        String project = project(t.databaseName());
        if (!knows(project)) {
            out.add(new MappingWarning(
                    t.key(),
                    MappingWarning.Code.DESTINATION_NOT_LOADED,
                    "the type-system flags of MaxCompute project " + project + " are not known until the destination"
                            + " is loaded; types are mapped as for a V1.0 project"));
        }
        for (ColumnTypeMapping c : columnTypes(t)) {
            if (!c.held()) {
                out.add(new MappingWarning(
                        t.key(),
                        MappingWarning.Code.TYPE_NOT_HELD,
                        "column " + c.column() + " " + c.sourceType() + ": " + c.because()));
            }
        }
        return out;
    }

    @Override
    public List<ColumnTypeMapping> columnTypes(Table source) {
        HiveToMaxComputeTypes types = types(project(source.databaseName()));
        List<ColumnTypeMapping> out = new ArrayList<>();
        for (Column c :
                source.storageDescriptor().map(StorageDescriptor::columns).orElse(List.of())) {
            out.add(row(c, false, types.map(c.type(), Role.COLUMN)));
        }
        List<Column> keys = source.partitionKeys();
        int kept = keys.size() - foldedKeys(source);
        for (Column c : keys.subList(kept, keys.size())) {
            ColumnTypeMapping row = row(c, false, types.map(c.type(), Role.COLUMN));
            out.add(new ColumnTypeMapping(
                    row.column(),
                    false,
                    row.sourceType(),
                    row.destinationType(),
                    PartitionFolding.FOLDED_NOTE + (row.because().isBlank() ? "" : "; " + row.because())));
        }
        for (Column c : keys.subList(0, kept)) {
            out.add(row(c, true, types.map(c.type(), Role.PARTITION_KEY)));
        }
        return out;
    }

    /**
     * How many trailing partition keys of a table (as the snapshot keeps it, under its MaxCompute names) become
     * ordinary columns: its entry in {@code maxcompute.foldPartitionKeys}, else what {@code auto} resolved to, else
     * none. An entry folding every key is wrong (the check names it) and folds nothing.
     */
    public int foldedKeys(Table table) {
        return foldedKeys(
                table.databaseName(), table.name(), table.partitionKeys().size());
    }

    /** With {@code auto} folding, the number of keys each table folds is counted from the loaded source. */
    @Override
    public boolean learnsFromSource() {
        return folding.auto();
    }

    /** Folded tables' source partitions that share their remaining keys' values are one MaxCompute partition. */
    @Override
    public boolean mergesPartitions() {
        return !folding.isEmpty();
    }

    @Override
    public List<String> destinationValues(String database, String table, List<String> values) {
        return values.subList(0, values.size() - foldedKeys(database, table, values.size()));
    }

    /** The folding setting in force. */
    public PartitionFolding folding() {
        return folding;
    }

    private int foldedKeys(String database, String table, int keys) {
        if (folding.isEmpty()) {
            return 0;
        }
        String name = database + "." + table;
        int n = folding.explicit(name)
                .orElse(folding.auto() ? autoFolds.getOrDefault(name.toLowerCase(Locale.ROOT), 0) : 0);
        return n > 0 && n < keys ? n : 0;
    }

    private static Map<String, Integer> autoFolds(Map<String, String> facts) {
        Map<String, Integer> out = new TreeMap<>();
        facts.forEach((k, v) -> {
            if (k.startsWith(AUTO_FOLD_FACT)) {
                try {
                    out.put(k.substring(AUTO_FOLD_FACT.length()).toLowerCase(Locale.ROOT), Integer.parseInt(v));
                } catch (NumberFormatException e) {
                    // written by the project itself; a value it cannot read folds nothing
                }
            }
        });
        return Map.copyOf(out);
    }

    @Override
    public Optional<DestinationCheck> destinationCheck() {
        return Optional.of(new Check());
    }

    /**
     * The source's names mean nothing in MaxCompute (databases become projects or schemas, names are mapped): the
     * destination is read and compared within its configured projects, keeping the restriction to keys, the
     * exclusion rules and whether partitions count. MaxCompute holds no functions Lakeport moves.
     */
    @Override
    public Scope destinationScope(Scope sourceScope) {
        return sourceScope.withoutNameFilters(false);
    }

    /** The MaxCompute namespace ({@code project} or {@code project.schema}) a source database goes to. */
    public String namespace(String sourceDatabase) {
        String mapped = namespaces.get(sourceDatabase.toLowerCase(Locale.ROOT));
        if (mapped != null) {
            return mapped;
        }
        if (defaultProject.isEmpty()) {
            return sourceDatabase.toLowerCase(Locale.ROOT);
        }
        String project = defaultProject.get().toLowerCase(Locale.ROOT);
        return schemaModel(project) ? project + "." + tableName(sourceDatabase) : project;
    }

    /** A source table's name as MaxCompute will know it. */
    public String tableName(String source) {
        return tableCharacters.apply(source).toLowerCase(Locale.ROOT);
    }

    private Table table(Table t) {
        HiveToMaxComputeTypes types = types(project(t.databaseName()));
        int kept = t.partitionKeys().size() - foldedKeys(t);
        List<Column> columns = new ArrayList<>();
        t.storageDescriptor().map(StorageDescriptor::columns).orElse(List.of()).stream()
                .map(c -> column(c, types.map(c.type(), Role.COLUMN)))
                .forEach(columns::add);
        // Folded keys become trailing ordinary columns, typed as columns are.
        t.partitionKeys().subList(kept, t.partitionKeys().size()).stream()
                .map(c -> column(c, types.map(c.type(), Role.COLUMN)))
                .forEach(columns::add);
        List<Column> keys = t.partitionKeys().subList(0, kept).stream()
                .map(c -> column(c, types.map(c.type(), Role.PARTITION_KEY)))
                .toList();
        int retention = lifecycle.orElse(Math.max(0, t.retention()));
        if (t.isView()) {
            // Created with CREATE VIEW from its SQL, the names it reads mapped (MaxComputeViewSql); MaxCompute derives
            // the columns' types from the query, so only their names and comments are the view's own.
            return Table.builder(t.databaseName(), t.name())
                    .description(t.description().orElse(null))
                    .storageDescriptor(
                            StorageDescriptor.builder().columns(columns).build())
                    .tableType(VIRTUAL_VIEW)
                    .viewExpandedText(viewSql(t).sql().orElse(null))
                    .build();
        }
        return Table.builder(t.databaseName(), t.name())
                .description(t.description().orElse(null))
                .retention(retention)
                .storageDescriptor(StorageDescriptor.builder().columns(columns).build())
                .partitionKeys(keys)
                .tableType(MANAGED_TABLE)
                .build();
    }

    /** A view's SQL for MaxCompute: the tables it reads under their MaxCompute names. */
    public MaxComputeViewSql.Result viewSql(Table view) {
        return MaxComputeViewSql.map(view, this::namespace, this::tableName);
    }

    private Column column(Column source, Result type) {
        String name = columnCharacters.apply(source.name()).toLowerCase(Locale.ROOT);
        String mapped = type.maxComputeType().orElse("STRING").toLowerCase(Locale.ROOT);
        return new Column(name, mapped, source.comment(), Map.of());
    }

    private ColumnTypeMapping row(Column c, boolean key, Result type) {
        return new ColumnTypeMapping(
                columnCharacters.apply(c.name()).toLowerCase(Locale.ROOT),
                key,
                c.type(),
                type.maxComputeType().map(s -> s.toLowerCase(Locale.ROOT)),
                type.because());
    }

    private HiveToMaxComputeTypes types(String project) {
        return new HiveToMaxComputeTypes(TypeEdition.of(properties(project)), zoneLessTimestamps);
    }

    private Map<String, String> properties(String project) {
        String prefix = project + ".";
        Map<String, String> out = new TreeMap<>();
        facts.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    private boolean knows(String project) {
        String prefix = project + ".";
        return facts.keySet().stream().anyMatch(k -> k.startsWith(prefix));
    }

    private boolean schemaModel(String project) {
        return Boolean.parseBoolean(properties(project).getOrDefault(SCHEMA_MODEL, "false"));
    }

    private static String project(String namespace) {
        int dot = namespace.indexOf('.');
        return dot < 0 ? namespace : namespace.substring(0, dot);
    }

    private static Map<String, String> namespaces(String json) {
        if (json.isBlank()) {
            return Map.of();
        }
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidMappingException(PROJECT_MAPPING, "is not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new InvalidMappingException(
                    PROJECT_MAPPING, "must be a JSON object of source database to project or project.schema");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new InvalidMappingException(
                        PROJECT_MAPPING, "entry '" + e.getKey() + "' must name a project or project.schema");
            }
            String target = e.getValue().asText().trim();
            requireNamespace(PROJECT_MAPPING + " entry '" + e.getKey() + "'", target, true);
            out.put(e.getKey().toLowerCase(Locale.ROOT), target.toLowerCase(Locale.ROOT));
        }
        return Map.copyOf(out);
    }

    private static void requireNamespace(String where, String value, boolean schemaAllowed) {
        if (!NAMESPACE.matcher(value).matches() || (!schemaAllowed && value.contains("."))) {
            throw new InvalidMappingException(
                    where,
                    "'" + value + "' is not a MaxCompute " + (schemaAllowed ? "project or project.schema" : "project")
                            + " name (letters, digits and '_', starting with a letter)");
        }
    }

    private static CharacterMapping characters(ConnectorSettings settings, String key) {
        return settings.get(key)
                .filter(s -> !s.isBlank())
                .map(json -> CharacterMapping.parse(key, json))
                .orElse(CharacterMapping.NONE);
    }

    private static PartitionFolding folding(String text) {
        try {
            return PartitionFolding.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidMappingException(FOLD_PARTITION_KEYS, e.getMessage());
        }
    }

    private static OptionalInt lifecycle(String text) {
        if (text.isBlank()) {
            return OptionalInt.empty();
        }
        try {
            int days = Integer.parseInt(text.trim());
            if (days < 1) {
                throw new InvalidMappingException(LIFECYCLE, "must be at least 1 day, was " + text.trim());
            }
            return OptionalInt.of(days);
        } catch (NumberFormatException e) {
            throw new InvalidMappingException(LIFECYCLE, "must be a whole number of days, was '" + text.trim() + "'");
        }
    }

    private String hash() {
        StringBuilder sb = new StringBuilder()
                .append("maxcompute-v")
                .append(RULES_VERSION)
                .append('|')
                .append(zoneLessTimestamps)
                .append('|')
                .append(defaultProject.orElse(""))
                .append('|')
                .append(new TreeMap<>(namespaces))
                .append('|')
                .append(new TreeMap<>(tableCharacters.replacements()))
                .append('|')
                .append(new TreeMap<>(columnCharacters.replacements()))
                .append('|')
                .append(new TreeMap<>(partitionCharacters.replacements()))
                .append('|')
                .append(lifecycle)
                .append('|')
                .append(folding.text())
                .append('|')
                .append(facts);
        return digest(sb.toString());
    }

    private static String digest(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "maxcompute-" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "MaxComputeMapping[" + route + ", project " + defaultProject.orElse("(per database)") + "]";
    }

    /** MaxCompute's limits, table by table (clashes between names are found when the source is loaded). */
    private final class Check implements DestinationCheck {
        private final List<Problem> problems = new ArrayList<>();
        private final Map<String, String> learned = new TreeMap<>();
        /** Every table and view fed, {@code namespace.table} lower-case: what this migration creates. */
        private final java.util.Set<String> tables = new java.util.HashSet<>();
        /** The views fed whose SQL maps, by {@code namespace.view} lower-case. */
        private final Map<String, ViewReads> views = new LinkedHashMap<>();

        @Override
        public void table(Table source, long partitions, Iterable<List<String>> values) {
            List<List<String>> all = new ArrayList<>();
            values.forEach(all::add);
            String object = source.databaseName() + "." + source.name();
            tables.add(object.toLowerCase(Locale.ROOT));
            int keys = source.partitionKeys().size();
            OptionalInt explicit = folding.explicit(object);
            if (explicit.isPresent() && explicit.getAsInt() >= keys) {
                problems.add(new Problem(
                        FOLD_PARTITION_KEYS,
                        "entry '" + object + ":" + explicit.getAsInt() + "': the table has " + keys + " partition key"
                                + (keys == 1 ? "" : "s") + "; at least one must stay a partition key, so fold at most "
                                + Math.max(0, keys - 1)));
            }
            // Only a table over a limit needs folding; its prefixes are counted then (a folded table's prefixes are
            // no more than its partitions).
            boolean over = keys > MaxComputeLimits.MAX_PARTITION_LEVELS
                    || Math.max(partitions, all.size()) > MaxComputeLimits.MAX_PARTITIONS;
            OptionalInt needed = over
                    ? PartitionFolding.smallestFold(
                            keys, all, MaxComputeLimits.MAX_PARTITIONS, MaxComputeLimits.MAX_PARTITION_LEVELS)
                    : OptionalInt.of(0);
            String fix = fix(object, needed);
            if (folding.auto() && explicit.isEmpty() && needed.isPresent() && needed.getAsInt() > 0) {
                learned.put(AUTO_FOLD_FACT + object.toLowerCase(Locale.ROOT), Integer.toString(needed.getAsInt()));
            }
            int folded = foldedKeys(source);
            if (folded == 0) {
                for (MaxComputeLimits.Problem p : limits.check(source, partitions, all, fix)) {
                    problems.add(new Problem(p.object(), p.message()));
                }
            } else {
                // What MaxCompute will hold: the remaining keys' distinct values, the folded keys as columns.
                java.util.Set<List<String>> prefixes = new java.util.LinkedHashSet<>();
                all.forEach(v -> prefixes.add(List.copyOf(v.subList(0, Math.max(0, v.size() - folded)))));
                List<Column> columns = new ArrayList<>(source.storageDescriptor()
                        .map(StorageDescriptor::columns)
                        .orElse(List.of()));
                columns.addAll(source.partitionKeys().subList(keys - folded, keys));
                Table asFolded = source.toBuilder()
                        .storageDescriptor(
                                source
                                        .storageDescriptor()
                                        .orElse(StorageDescriptor.builder().build())
                                        .toBuilder()
                                        .columns(columns)
                                        .build())
                        .partitionKeys(source.partitionKeys().subList(0, keys - folded))
                        .build();
                for (MaxComputeLimits.Problem p : limits.check(asFolded, prefixes.size(), prefixes, fix)) {
                    problems.add(new Problem(p.object(), p.message()));
                }
            }
            if (source.isView()) {
                MaxComputeViewSql.Result sql = viewSql(source);
                for (String why : sql.problems()) {
                    problems.add(new Problem(object, "a view MaxCompute cannot take: " + why + leaveOut(object)));
                }
                if (sql.problems().isEmpty()) {
                    views.put(object.toLowerCase(Locale.ROOT), new ViewReads(object, sql.reads()));
                }
                return;
            }
            for (ColumnTypeMapping c : columnTypes(source)) {
                if (!c.held()) {
                    problems.add(new Problem(object + "." + c.column(), c.sourceType() + ": " + c.because()));
                }
            }
        }

        @Override
        public Map<String, String> mappingFacts() {
            return Map.copyOf(learned);
        }

        @Override
        public List<Problem> problems() {
            List<Problem> out = new ArrayList<>(problems);
            folding.tables().forEach((table, n) -> {
                if (!tables.contains(table)) {
                    out.add(new Problem(
                            FOLD_PARTITION_KEYS,
                            "entry '" + table + ":" + n + "': the loaded source has no table " + table
                                    + " in scope (name it as the diff does: project or project.schema, then table)"));
                }
            });
            for (ViewReads view : views.values()) {
                List<String> outside = view.reads().stream()
                        .filter(r -> !tables.contains(r.destination().toLowerCase(Locale.ROOT)))
                        .map(r -> r.sourceName() + " (MaxCompute " + r.destination() + ")")
                        .toList();
                if (!outside.isEmpty()) {
                    out.add(new Problem(
                            view.object(),
                            "a view reading " + String.join(", ", outside) + ", which this migration does not create"
                                    + " (not loaded, or left out): include "
                                    + (outside.size() == 1 ? "it" : "them") + leaveOut(view.object())));
                }
            }
            cycle().ifPresent(c -> out.add(new Problem(
                    c.get(0), "views that read each other in a cycle cannot be created: " + String.join(" -> ", c))));
            return List.copyOf(out);
        }

        /** The first cycle among the views (each reading the next), if any. */
        private Optional<List<String>> cycle() {
            Map<String, Integer> state = new TreeMap<>(); // 1 on the path, 2 done
            for (String start : views.keySet()) {
                List<String> path = new ArrayList<>();
                Optional<List<String>> found = visit(start, state, path);
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        }

        private Optional<List<String>> visit(String view, Map<String, Integer> state, List<String> path) {
            Integer s = state.get(view);
            if (s != null && s == 2) {
                return Optional.empty();
            }
            if (s != null) {
                List<String> cycle = new ArrayList<>(path.subList(path.indexOf(view), path.size()));
                cycle.add(view);
                return Optional.of(
                        cycle.stream().map(v -> views.get(v).object()).toList());
            }
            state.put(view, 1);
            path.add(view);
            for (MaxComputeViewSql.Reference r : views.get(view).reads()) {
                String next = r.destination().toLowerCase(Locale.ROOT);
                if (views.containsKey(next)) {
                    Optional<List<String>> found = visit(next, state, path);
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
            path.remove(path.size() - 1);
            state.put(view, 2);
            return Optional.empty();
        }

        /** The exact setting that brings a table within MaxCompute's partition limits, computed from its partitions. */
        private String fix(String object, OptionalInt n) {
            if (n.isEmpty()) {
                return "even its first partition key alone has more than "
                        + String.format(Locale.ROOT, "%,d", MaxComputeLimits.MAX_PARTITIONS)
                        + " values, so folding keys cannot help; leave partitions out with exclusion rules";
            }
            return "fold trailing partition keys into columns: " + FOLD_PARTITION_KEYS + "=" + object + ":"
                    + n.getAsInt();
        }
    }

    private static String leaveOut(String object) {
        return "; or leave the view out with an exclusion rule (lakeport-cli exclude add " + object + ")";
    }

    /** A view the check was fed and the tables it reads. */
    private record ViewReads(String object, List<MaxComputeViewSql.Reference> reads) {}

    /** Source databases to projects or schemas, table names and partition values through the character mappings. */
    private final class MaxComputeNaming implements Naming {
        private final String id;

        MaxComputeNaming() {
            String project = defaultProject.map(p -> p.toLowerCase(Locale.ROOT)).orElse("");
            this.id = digest("maxcompute-names-v1|" + project + "|" + (!project.isEmpty() && schemaModel(project))
                    + "|" + new TreeMap<>(namespaces) + "|" + new TreeMap<>(tableCharacters.replacements()) + "|"
                    + new TreeMap<>(partitionCharacters.replacements()));
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String database(String sourceDatabase) {
            return namespace(sourceDatabase);
        }

        @Override
        public String table(String sourceDatabase, String sourceTable) {
            return tableName(sourceTable);
        }

        @Override
        public List<String> partitionValues(List<String> sourceValues) {
            return sourceValues.stream().map(partitionCharacters::apply).toList();
        }
    }
}
