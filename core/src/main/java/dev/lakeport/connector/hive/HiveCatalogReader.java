package dev.lakeport.connector.hive;

import static java.util.Objects.requireNonNull;

import dev.lakeport.connector.CatalogReader;
import dev.lakeport.connector.ConnectorException;
import dev.lakeport.connector.ErrorCode;
import dev.lakeport.connector.FunctionCalls;
import dev.lakeport.connector.Retries;
import dev.lakeport.filter.FilterBindException;
import dev.lakeport.filter.FilterSyntaxException;
import dev.lakeport.filter.PartitionFilter;
import dev.lakeport.model.Column;
import dev.lakeport.model.Database;
import dev.lakeport.model.Function;
import dev.lakeport.model.Partition;
import dev.lakeport.model.PartitionName;
import dev.lakeport.model.Table;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.hadoop.hive.metastore.api.GetTableRequest;
import org.apache.hadoop.hive.metastore.api.GetTablesRequest;

/**
 * Reads a Hive Metastore over Thrift, with calls that Hive 2.3, 3.1 and 4.0 servers all serve:
 *
 * <ul>
 *   <li>databases: {@code get_all_databases}, then {@code get_database} each (no batch call exists in 2.3);
 *   <li>tables: {@code get_all_tables}, then {@code get_table_objects_by_name_req} in batches ({@code get_table} and
 *       the plain {@code get_table_objects_by_name} are gone from 4.0; the {@code _req} forms exist since 2.3);
 *   <li>partitions: names by {@code get_partition_names} (or {@code get_partition_names_ps} when the filter pins
 *       string keys to values), then {@code get_partitions_by_names} in batches of at most 1,000, never the fetch-all
 *       {@code get_partitions(-1)}, which can exhaust the metastore's memory on a large table;
 *   <li>functions: {@code get_functions(db, "*")}, then {@code get_function} each.
 * </ul>
 *
 * <p>Partition filters use Lakeport's grammar ({@link PartitionFilter}). The metastore's own filter
 * ({@code get_partitions_by_filter}) is not used: its grammar, its typing of values and what it supports differ
 * between 2.3, 3.1 and 4.0 and with the backing database, so a filter could select other partitions there than here.
 * Instead equality on string keys narrows the name listing on the server, and the whole filter is then tested on the
 * values held in each name, before any partition is fetched.
 *
 * <p>Every call is retried on its own with the reader's {@link Retries}; a call that cannot reach a metastore URI
 * moves on to the next one.
 */
public final class HiveCatalogReader implements CatalogReader {
    /** Values that mean the same in the metastore's partial-name matching (a regex or SQL LIKE) as in text. */
    private static final Pattern PLAIN_VALUE = Pattern.compile("[A-Za-z0-9_-]+");

    /** The database every metastore has and none can drop. */
    static final String DEFAULT_DATABASE = "default";

    private static final Pattern STRING_TYPE = Pattern.compile("string|varchar\\(\\d+\\)|char\\(\\d+\\)");

    private final HiveClientPool pool;
    private final HiveConnectorConfig config;
    private final Retries retries;

    HiveCatalogReader(HiveClientPool pool, HiveConnectorConfig config, Retries retries) {
        this.pool = requireNonNull(pool, "pool is null");
        this.config = requireNonNull(config, "config is null");
        this.retries = requireNonNull(retries, "retries is null");
    }

    /** Counts database names; a "Test connection" wants an answer in seconds, so this retries only briefly. */
    @Override
    public int databaseCount() {
        Retries quick = Retries.of(3, Duration.ofMillis(200), Duration.ofSeconds(1));
        return quick.call(() -> pool.call("get_all_databases", "", c -> withoutEmptyDefault(c, c.get_all_databases())))
                .size();
    }

    /**
     * Every database, except Hive's {@code default} while it holds no tables and no functions: the metastore creates
     * it and refuses to drop it, so an empty one is no content of the user's (and a destination has its own).
     */
    @Override
    public Stream<Database> databases() {
        List<String> names = call("get_all_databases", "", c -> withoutEmptyDefault(c, c.get_all_databases()));
        return names.stream().map(this::database).flatMap(Optional::stream);
    }

    private static List<String> withoutEmptyDefault(
            org.apache.hadoop.hive.metastore.api.ThriftHiveMetastore.Iface c, List<String> names)
            throws org.apache.thrift.TException {
        if (!names.contains(DEFAULT_DATABASE)
                || !c.get_all_tables(DEFAULT_DATABASE).isEmpty()
                || !c.get_functions(DEFAULT_DATABASE, "*").isEmpty()) {
            return names;
        }
        return names.stream().filter(n -> !n.equals(DEFAULT_DATABASE)).toList();
    }

    @Override
    public Optional<Database> database(String name) {
        requireNonNull(name, "name is null");
        return orEmpty(() -> HiveModelConverter.toDatabase(call("get_database", name, c -> c.get_database(name))))
                .map(this::withoutDefaultLocation);
    }

    /**
     * A database at the metastore's default place ({@code <warehouse>/<name>.db}, managed or external warehouse) is
     * read without a location: the metastore chose it, not the user, and a destination puts the database at its own
     * default place (so a database created without a location compares equal to the one the metastore then shows).
     */
    private Database withoutDefaultLocation(Database database) {
        if (database.locationUri().isEmpty()) {
            return database;
        }
        String location = HiveStoredForm.path(database.locationUri().get());
        String leaf = "/" + database.name().toLowerCase(java.util.Locale.ROOT) + ".db";
        for (String warehouse : warehouses()) {
            String dir = HiveStoredForm.path(warehouse);
            if (sameLocation(location, dir + leaf)) {
                return database.withLocationUri(null);
            }
        }
        return database;
    }

    private volatile List<String> warehouses;

    /** The managed and external warehouse directories, as the metastore reports them (none if it will not say). */
    private List<String> warehouses() {
        List<String> known = warehouses;
        if (known == null) {
            List<String> dirs = new java.util.ArrayList<>();
            for (String key : List.of("hive.metastore.warehouse.dir", "hive.metastore.warehouse.external.dir")) {
                try {
                    String value = pool.call("get_config_value", key, c -> c.get_config_value(key, ""));
                    if (value != null && !value.isBlank()) {
                        dirs.add(value.strip());
                    }
                } catch (ConnectorException e) {
                    // an older or locked-down metastore does not answer; its databases keep their locations
                }
            }
            known = List.copyOf(dirs);
            warehouses = known;
        }
        return known;
    }

    /**
     * Whether two locations name the same directory: equal as written, or the same scheme, authority and path
     * ({@code file:/w/x.db} and {@code file:///w/x.db}); a location without a scheme matches on its path alone.
     */
    static boolean sameLocation(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        try {
            java.net.URI x = java.net.URI.create(a).normalize();
            java.net.URI y = java.net.URI.create(b).normalize();
            if (x.getScheme() == null || y.getScheme() == null) {
                return java.util.Objects.equals(x.getPath(), y.getPath());
            }
            return x.getScheme().equalsIgnoreCase(y.getScheme())
                    && java.util.Objects.equals(blankToNull(x.getAuthority()), blankToNull(y.getAuthority()))
                    && java.util.Objects.equals(x.getPath(), y.getPath());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    @Override
    public Stream<Table> tables(String database) {
        requireNonNull(database, "database is null");
        // get_all_tables answers an empty list for a database that does not exist
        call("get_database", database, c -> c.get_database(database));
        List<String> names = call("get_all_tables", database, c -> c.get_all_tables(database));
        return batches(names, config.batchSize()).flatMap(batch -> call(
                        "get_table_objects_by_name_req", database + " (" + batch.size() + " tables)", c -> {
                            GetTablesRequest request = new GetTablesRequest(database);
                            request.setTblNames(new ArrayList<>(batch));
                            return c.get_table_objects_by_name_req(request).getTables();
                        })
                .stream()
                .map(HiveModelConverter::toTable));
    }

    @Override
    public Optional<Table> table(String database, String name) {
        requireNonNull(database, "database is null");
        requireNonNull(name, "name is null");
        return orEmpty(() -> HiveModelConverter.toTable(
                call("get_table_req", database + "." + name, c -> c.get_table_req(new GetTableRequest(database, name))
                        .getTable())));
    }

    @Override
    public Stream<Partition> partitions(Table table, Optional<String> expression) {
        requireNonNull(table, "table is null");
        requireNonNull(expression, "expression is null");
        String object = table.databaseName() + "." + table.name();
        List<String> names;
        if (expression.isPresent() && !expression.get().isBlank()) {
            PartitionFilter filter = parse(object, expression.get(), table.partitionKeys());
            Predicate<List<String>> test = filter.bind(table.partitionKeys());
            names = partitionNames(table, pinnedValues(filter, table.partitionKeys())).stream()
                    .filter(name -> test.test(filterValues(name)))
                    .toList();
        } else {
            names = partitionNames(table, Optional.empty());
        }
        return fetchByNames(table, names).flatMap(List::stream);
    }

    @Override
    public List<Partition> partitions(Table table, List<List<String>> values) {
        requireNonNull(table, "table is null");
        requireNonNull(values, "values is null");
        List<String> keys = keyNames(table);
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (List<String> v : values) {
            if (v.size() == keys.size()) {
                names.add(PartitionName.of(keys, v));
            }
        }
        try (Stream<List<Partition>> batches = fetchByNames(table, List.copyOf(names))) {
            return batches.flatMap(List::stream).toList();
        }
    }

    @Override
    public Stream<Function> functions(String database) {
        requireNonNull(database, "database is null");
        List<String> names;
        try {
            names = call("get_functions", database, c -> c.get_functions(database, "*"));
        } catch (ConnectorException e) {
            throw FunctionCalls.explain(e);
        }
        return names.stream().map(name -> function(database, name)).flatMap(Optional::stream);
    }

    @Override
    public Optional<Function> function(String database, String name) {
        requireNonNull(database, "database is null");
        requireNonNull(name, "name is null");
        try {
            return orEmpty(() -> HiveModelConverter.toFunction(
                    call("get_function", database + "." + name, c -> c.get_function(database, name))));
        } catch (ConnectorException e) {
            throw FunctionCalls.explain(e);
        }
    }

    @Override
    public void close() {
        // the pool belongs to the connector
    }

    // ---- partitions ---------------------------------------------------------------------------------------------

    private List<String> partitionNames(Table table, Optional<List<String>> pinned) {
        String db = table.databaseName();
        String name = table.name();
        if (pinned.isPresent()) {
            List<String> spec = pinned.get();
            return call(
                    "get_partition_names_ps",
                    db + "." + name + " " + spec,
                    c -> c.get_partition_names_ps(db, name, new ArrayList<>(spec), (short) -1));
        }
        return call("get_partition_names", db + "." + name, c -> c.get_partition_names(db, name, (short) -1));
    }

    /** Lazily, one {@code get_partitions_by_names} call per batch, so a closed stream fetches no more. */
    private Stream<List<Partition>> fetchByNames(Table table, List<String> names) {
        String db = table.databaseName();
        String tbl = table.name();
        return batches(names, config.batchSize()).map(batch -> call(
                        "get_partitions_by_names",
                        db + "." + tbl + " (" + batch.size() + " partitions)",
                        c -> c.get_partitions_by_names(db, tbl, new ArrayList<>(batch)))
                .stream()
                .map(HiveModelConverter::toPartition)
                .toList());
    }

    /**
     * The partial specification for {@code get_partition_names_ps}: for each key, the value the filter pins it to
     * (string keys and plain values only, so that the server's pattern matching means the same) or empty.
     */
    private static Optional<List<String>> pinnedValues(PartitionFilter filter, List<Column> keys) {
        Map<String, String> terms = filter.equalityTerms();
        List<String> spec = new ArrayList<>(keys.size());
        boolean any = false;
        for (Column key : keys) {
            String value = terms.get(key.name().toLowerCase(Locale.ROOT));
            boolean usable = value != null
                    && STRING_TYPE
                            .matcher(key.type().trim().toLowerCase(Locale.ROOT))
                            .matches()
                    && PLAIN_VALUE.matcher(value).matches()
                    && !value.equals(PartitionName.DEFAULT_PARTITION);
            spec.add(usable ? value : "");
            any |= usable;
        }
        while (!spec.isEmpty() && spec.get(spec.size() - 1).isEmpty()) {
            spec.remove(spec.size() - 1);
        }
        return any ? Optional.of(spec) : Optional.empty();
    }

    /** The values a partition name holds, Hive's NULL spelled as the filter expects it. */
    private static List<String> filterValues(String name) {
        return PartitionName.values(name).stream()
                .map(v -> v.isEmpty() ? PartitionName.DEFAULT_PARTITION : v)
                .toList();
    }

    private static PartitionFilter parse(String object, String expression, List<Column> keys) {
        try {
            PartitionFilter filter = PartitionFilter.parse(expression);
            filter.bind(keys);
            return filter;
        } catch (FilterSyntaxException | FilterBindException e) {
            throw new ConnectorException(
                    ErrorCode.INVALID_INPUT,
                    null,
                    "partition filter for " + object + " '" + expression + "': " + e.getMessage(),
                    e);
        }
    }

    private static List<String> keyNames(Table table) {
        return table.partitionKeys().stream()
                .map(c -> c.name().toLowerCase(Locale.ROOT))
                .toList();
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private static <T> Stream<List<T>> batches(List<T> items, int size) {
        if (items.isEmpty()) {
            return Stream.empty();
        }
        int count = (items.size() + size - 1) / size;
        return IntStream.range(0, count)
                .mapToObj(i ->
                        Collections.unmodifiableList(items.subList(i * size, Math.min(items.size(), (i + 1) * size))));
    }

    private <T> T call(String operation, String object, HiveClientPool.ThriftCall<T> call) {
        return retries.call(() -> pool.call(operation, object, call));
    }

    private static <T> Optional<T> orEmpty(Supplier<T> get) {
        try {
            return Optional.of(get.get());
        } catch (ConnectorException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
