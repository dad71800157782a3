package dev.lakeport.mapping;

import static java.util.Objects.requireNonNull;

import dev.lakeport.filter.FilterBindException;
import dev.lakeport.filter.PartitionFilter;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.ObjectKind;
import dev.lakeport.model.Table;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What a run covers. Every filter that is set must let an object through; names compare case-insensitively.
 *
 * <table>
 *   <caption>Settings and the keys they come from</caption>
 *   <tr><th>key</th><th>meaning</th><th>unset</th></tr>
 *   <tr><td>{@code aws.databases} (seed)</td><td>comma-separated databases to migrate</td><td>all</td></tr>
 *   <tr><td>{@code aws.table.filter.prefix} (seed)</td><td>comma-separated table-name prefixes (no spaces;
 *       spaces around entries are ignored)</td><td>all tables</td></tr>
 *   <tr><td>{@code aws.partition.filter.<db>.<table>} (seed)</td><td>a {@link PartitionFilter} for one table's
 *       partitions, e.g. {@code dt>=20220101}</td><td>all partitions</td></tr>
 *   <tr><td>{@code comparePartition} (seed)</td><td>{@code false}: partitions are left out</td><td>true</td></tr>
 *   <tr><td>{@code lakeport.functions}</td><td>{@code false}: functions are left out (and never asked for)</td>
 *       <td>true</td></tr>
 *   <tr><td>{@code lakeport.databases.exclude}</td><td>databases never migrated (MMS schema blacklist)</td>
 *       <td>none</td></tr>
 *   <tr><td>{@code lakeport.tables.include}</td><td>tables to migrate, entries {@code db.table} or {@code table}
 *       (MMS table whitelist)</td><td>all tables</td></tr>
 *   <tr><td>{@code lakeport.tables.exclude}</td><td>tables never migrated, same entries (MMS table blacklist)</td>
 *       <td>none</td></tr>
 *   <tr><td>(a run's failed-items file)</td><td>{@link Builder#restrictTo}: only these keys</td><td>no
 *       restriction</td></tr>
 * </table>
 *
 * <p>In every list {@code *} matches any run of characters (see {@link NamePattern}). Table filters do not apply to
 * functions: a function is in scope when its database is. When the run is restricted to a set of keys, a key is in
 * scope when it, or an object it belongs to, is in the set; databases and tables that lead to a key in the set are
 * in scope too, so a failed partition whose table is missing in the destination can be created with its table.
 */
public final class Scope {

    private static final Scope ALL = builder().build();

    private final List<NamePattern> databases;
    private final List<NamePattern> excludedDatabases;
    private final List<String> tablePrefixes;
    private final List<NamePattern> includedTables;
    private final List<NamePattern> excludedTables;
    private final Map<String, PartitionFilter> partitionFilters;
    private final boolean partitions;
    private final boolean functions;
    private final Set<ObjectKey> restriction;
    private final ExclusionRules exclusions;
    // Derived from the restriction: the databases and tables that lead to a restricted key.
    private final Set<String> restrictedDatabases;
    private final Set<String> restrictedTables;

    private Scope(Builder b) {
        this.databases = List.copyOf(b.databases);
        this.excludedDatabases = List.copyOf(b.excludedDatabases);
        this.tablePrefixes = List.copyOf(b.tablePrefixes);
        this.includedTables = List.copyOf(b.includedTables);
        this.excludedTables = List.copyOf(b.excludedTables);
        this.partitionFilters = Map.copyOf(b.partitionFilters);
        this.partitions = b.partitions;
        this.functions = b.functions;
        this.restriction = Set.copyOf(b.restriction);
        this.exclusions = b.exclusions;
        Set<String> dbs = new HashSet<>();
        Set<String> tables = new HashSet<>();
        for (ObjectKey key : restriction) {
            dbs.add(key.database());
            if (key.kind() == ObjectKind.TABLE || key.kind() == ObjectKind.PARTITION) {
                tables.add(qualified(key.database(), key.requireName()));
            }
        }
        this.restrictedDatabases = Set.copyOf(dbs);
        this.restrictedTables = Set.copyOf(tables);
    }

    /** Everything. */
    public static Scope all() {
        return ALL;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.databases.addAll(databases);
        b.excludedDatabases.addAll(excludedDatabases);
        b.tablePrefixes.addAll(tablePrefixes);
        b.includedTables.addAll(includedTables);
        b.excludedTables.addAll(excludedTables);
        b.partitionFilters.putAll(partitionFilters);
        b.partitions = partitions;
        b.functions = functions;
        b.restriction.addAll(restriction);
        b.exclusions = exclusions;
        return b;
    }

    /**
     * This scope without its name filters (databases, tables, partition filters), keeping the restriction to keys,
     * the exclusion rules and whether partitions count: for a destination whose names are not the source's (a
     * MaxCompute project for a source database), where the source's names mean nothing.
     */
    public Scope withoutNameFilters(boolean includeFunctions) {
        Builder b = new Builder();
        b.partitions = partitions;
        b.functions = functions && includeFunctions;
        b.restriction.addAll(restriction);
        b.exclusions = exclusions;
        return b.build();
    }

    /** Splits a comma-separated list, trimming entries and dropping empty ones ({@code "db1, db2,"}). */
    public static List<String> splitList(String commaSeparated) {
        List<String> out = new ArrayList<>();
        if (commaSeparated == null) {
            return out;
        }
        for (String part : commaSeparated.split(",")) {
            String trimmed = part.trim();
            if (!trimmed.isEmpty()) {
                out.add(trimmed);
            }
        }
        return List.copyOf(out);
    }

    public boolean includesDatabase(String database) {
        requireNonNull(database, "database is null");
        if (!databases.isEmpty() && databases.stream().noneMatch(p -> p.matches(database))) {
            return false;
        }
        if (excludedDatabases.stream().anyMatch(p -> p.matches(database))) {
            return false;
        }
        if (!exclusions.isEmpty() && exclusions.excludes(ObjectKey.database(database))) {
            return false;
        }
        return restriction.isEmpty() || restrictedDatabases.contains(lower(database));
    }

    public boolean includesTable(String database, String table) {
        requireNonNull(table, "table is null");
        if (!includesDatabase(database) || !tableNamePasses(database, table)) {
            return false;
        }
        if (!exclusions.isEmpty() && exclusions.excludes(ObjectKey.table(database, table))) {
            return false;
        }
        return restriction.isEmpty()
                || restriction.contains(ObjectKey.database(database))
                || restrictedTables.contains(qualified(database, table));
    }

    public boolean includesFunction(String database, String function) {
        requireNonNull(function, "function is null");
        if (!functions || !includesDatabase(database)) {
            return false;
        }
        if (!exclusions.isEmpty() && exclusions.excludes(ObjectKey.function(database, function))) {
            return false;
        }
        return restriction.isEmpty()
                || restriction.contains(ObjectKey.database(database))
                || restriction.contains(ObjectKey.function(database, function));
    }

    /** Whether partitions are compared at all (seed {@code comparePartition}). */
    public boolean includesPartitions() {
        return partitions;
    }

    /** Whether functions are read and compared at all ({@code lakeport.functions}). */
    public boolean includesFunctions() {
        return functions;
    }

    /** The filter for a table's partitions, if one was set. */
    public Optional<PartitionFilter> partitionFilter(String database, String table) {
        return Optional.ofNullable(partitionFilters.get(qualified(database, table)));
    }

    /** Every partition filter, keyed by lower-case {@code db.table}. */
    public Map<String, PartitionFilter> partitionFilters() {
        return partitionFilters;
    }

    /**
     * Whether a key is in scope by name. Partition filters need the table's key types, so for partitions this checks
     * the table, {@code comparePartition} and the restriction only; use {@link #partitionPredicate(Table)} for the
     * filter.
     */
    public boolean includes(ObjectKey key) {
        requireNonNull(key, "key is null");
        switch (key.kind()) {
            case DATABASE:
                return includesDatabase(key.database());
            case TABLE:
                return includesTable(key.database(), key.requireName());
            case FUNCTION:
                return includesFunction(key.database(), key.requireName());
            default:
                return includesPartitions()
                        && includesTable(key.database(), key.requireName())
                        && (exclusions.isEmpty() || !exclusions.excludes(key))
                        && (restriction.isEmpty()
                                || restriction.contains(key)
                                || restriction.contains(ObjectKey.database(key.database()))
                                || restriction.contains(ObjectKey.table(key.database(), key.requireName())));
        }
    }

    /**
     * A test over a table's partition values that applies everything: the table's scope, {@code comparePartition},
     * the restriction and the table's partition filter, typed by its partition keys.
     *
     * @throws FilterBindException when the table's filter names a key the table lacks
     */
    public Predicate<List<String>> partitionPredicate(Table table) {
        requireNonNull(table, "table is null");
        if (!partitions || !includesTable(table.databaseName(), table.name())) {
            return values -> false;
        }
        Predicate<List<String>> filter = partitionFilter(table.databaseName(), table.name())
                .map(f -> f.bind(table.partitionKeys()))
                .orElse(values -> true);
        if (exclusions.hasPartitionRules(table.databaseName(), table.name())) {
            Predicate<List<String>> unfiltered = filter;
            filter = values -> unfiltered.test(values)
                    && !exclusions.excludes(ObjectKey.partition(table.databaseName(), table.name(), values));
        }
        if (restriction.isEmpty()) {
            return filter;
        }
        Predicate<List<String>> narrowed = filter;
        return values ->
                narrowed.test(values) && includes(ObjectKey.partition(table.databaseName(), table.name(), values));
    }

    /**
     * Whether a table's partitions need {@link #partitionPredicate(Table)} to be chosen: it has a partition filter or
     * an exclusion rule names one of its partitions.
     */
    public boolean filtersPartitions(String database, String table) {
        return partitionFilter(database, table).isPresent() || exclusions.hasPartitionRules(database, table);
    }

    /** The user's exclusion rules this scope leaves out (the Spark job's; the desktop records them as excluded). */
    public ExclusionRules exclusions() {
        return exclusions;
    }

    public List<NamePattern> databases() {
        return databases;
    }

    public List<NamePattern> excludedDatabases() {
        return excludedDatabases;
    }

    public List<String> tablePrefixes() {
        return tablePrefixes;
    }

    public List<NamePattern> includedTables() {
        return includedTables;
    }

    public List<NamePattern> excludedTables() {
        return excludedTables;
    }

    /** The keys a run is restricted to; empty when it is not restricted. */
    public Set<ObjectKey> restriction() {
        return restriction;
    }

    @Override
    public String toString() {
        return "Scope[databases=" + databases + ", excludedDatabases=" + excludedDatabases + ", tablePrefixes="
                + tablePrefixes + ", includedTables=" + includedTables + ", excludedTables=" + excludedTables
                + ", partitionFilters=" + partitionFilters + ", partitions=" + partitions + ", functions=" + functions
                + ", restriction=" + restriction.size() + " keys, exclusions=" + exclusions.size() + " rules]";
    }

    private boolean tableNamePasses(String database, String table) {
        if (!tablePrefixes.isEmpty()) {
            String name = lower(table);
            if (tablePrefixes.stream().noneMatch(p -> name.startsWith(lower(p)))) {
                return false;
            }
        }
        if (!includedTables.isEmpty() && includedTables.stream().noneMatch(p -> p.matchesTable(database, table))) {
            return false;
        }
        return excludedTables.stream().noneMatch(p -> p.matchesTable(database, table));
    }

    private static String qualified(String database, String table) {
        return lower(database) + "." + lower(table);
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** Collects a scope; every list starts empty (no filter) and partitions start included. */
    public static final class Builder {
        private final List<NamePattern> databases = new ArrayList<>();
        private final List<NamePattern> excludedDatabases = new ArrayList<>();
        private final List<String> tablePrefixes = new ArrayList<>();
        private final List<NamePattern> includedTables = new ArrayList<>();
        private final List<NamePattern> excludedTables = new ArrayList<>();
        private final Map<String, PartitionFilter> partitionFilters = new LinkedHashMap<>();
        private boolean partitions = true;
        private boolean functions = true;
        private final Set<ObjectKey> restriction = new HashSet<>();
        private ExclusionRules exclusions = ExclusionRules.none();

        private Builder() {}

        /** Leaves out what these rules cover (a Spark job's {@code lakeport.exclude.*} settings). */
        public Builder exclude(ExclusionRules rules) {
            exclusions = requireNonNull(rules, "rules is null");
            return this;
        }

        /** {@code aws.databases}; an empty collection means all databases. */
        public Builder databases(Collection<String> names) {
            names.forEach(n -> databases.add(NamePattern.of(n)));
            return this;
        }

        /** {@code lakeport.databases.exclude}. */
        public Builder excludeDatabases(Collection<String> names) {
            names.forEach(n -> excludedDatabases.add(NamePattern.of(n)));
            return this;
        }

        /** {@code aws.table.filter.prefix}. */
        public Builder tablePrefixes(Collection<String> prefixes) {
            prefixes.forEach(p -> tablePrefixes.add(requireNonNull(p, "prefix is null")));
            return this;
        }

        /** {@code lakeport.tables.include}: {@code db.table} or {@code table} entries with {@code *}. */
        public Builder includeTables(Collection<String> entries) {
            entries.forEach(e -> includedTables.add(NamePattern.of(e)));
            return this;
        }

        /** {@code lakeport.tables.exclude}. */
        public Builder excludeTables(Collection<String> entries) {
            entries.forEach(e -> excludedTables.add(NamePattern.of(e)));
            return this;
        }

        /** {@code aws.partition.filter.<db>.<table>}. */
        public Builder partitionFilter(String database, String table, PartitionFilter filter) {
            requireNonNull(database, "database is null");
            requireNonNull(table, "table is null");
            requireNonNull(filter, "filter is null");
            partitionFilters.put(qualified(database, table), filter);
            return this;
        }

        /** {@code comparePartition}. */
        public Builder partitions(boolean include) {
            partitions = include;
            return this;
        }

        /** {@code lakeport.functions}. */
        public Builder functions(boolean include) {
            functions = include;
            return this;
        }

        /** Restricts the run to these keys (e.g. the failed items of an earlier run); empty means no restriction. */
        public Builder restrictTo(Collection<ObjectKey> keys) {
            keys.forEach(k -> restriction.add(requireNonNull(k, "key is null")));
            return this;
        }

        public Scope build() {
            return new Scope(this);
        }
    }
}
