package dev.lakeport.config;

import static java.util.Objects.requireNonNull;

import dev.lakeport.connector.CallSettings;
import dev.lakeport.connector.CatalogConnector;
import dev.lakeport.connector.ConnectorRegistry;
import dev.lakeport.connector.ConnectorSettings;
import dev.lakeport.connector.Retries;
import dev.lakeport.filter.PartitionFilter;
import dev.lakeport.mapping.CatalogMapping;
import dev.lakeport.mapping.LocationMapper;
import dev.lakeport.mapping.MappingInputs;
import dev.lakeport.mapping.Scope;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.route.Route;
import dev.lakeport.route.Routes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A migration's settings, as read from a seed-style application.properties by {@link MigrationConfigLoader} and
 * written back by {@link MigrationConfigWriter}: the two sides (each a connector kind and that connector's settings),
 * what to migrate, how to run, the location mapping and how to call the catalogs. Immutable; {@code toString()} masks
 * every credential.
 */
public record MigrationConfig(
        Side source, Side destination, Selection selection, Run run, LocationMapper locationMapper, Calls calls) {

    public MigrationConfig {
        requireNonNull(source, "source is null");
        requireNonNull(destination, "destination is null");
        requireNonNull(selection, "selection is null");
        requireNonNull(run, "run is null");
        requireNonNull(locationMapper, "locationMapper is null");
        requireNonNull(calls, "calls is null");
    }

    /** A configuration that talks to the catalogs the default way ({@link Calls#defaults()}). */
    public MigrationConfig(Side source, Side destination, Selection selection, Run run, LocationMapper locationMapper) {
        this(source, destination, selection, run, locationMapper, Calls.defaults());
    }

    /**
     * One side of the migration: the kind of catalog ({@code lakeport.source.type} / {@code lakeport.destination.type},
     * a kind in the {@link ConnectorRegistry}) and that connector's settings by its own keys.
     */
    public record Side(String kind, ConnectorSettings settings) {
        public Side {
            requireNonNull(kind, "kind is null");
            requireNonNull(settings, "settings is null");
            kind = kind.strip().toLowerCase(Locale.ROOT);
        }

        /** The registered connector of this kind. */
        public CatalogConnector connector() {
            return ConnectorRegistry.standard().require(kind);
        }

        /** One line naming the catalog, e.g. "Glue eu-central-1". */
        public String describe() {
            return connector().describe(settings);
        }

        /** This side with every credential left out (what an exported file holds). */
        public Side withoutSecrets() {
            return new Side(kind, ConnectorSettings.of(settings.values(), java.util.Map.of()));
        }
    }

    /**
     * How Lakeport talks to both catalogs: {@code lakeport.functions} (false: no function calls at all, functions are
     * left out of load, diff and apply on both sides, for catalogs without user-defined functions),
     * {@code lakeport.callTimeout} (one call) and {@code lakeport.retryDeadline} (the retries of one call together).
     * Page and batch sizes are each connector's own settings.
     */
    public record Calls(boolean functions, Duration callTimeout, Duration retryDeadline) {
        public Calls {
            requireNonNull(callTimeout, "callTimeout is null");
            requireNonNull(retryDeadline, "retryDeadline is null");
            if (callTimeout.isNegative() || callTimeout.isZero()) {
                throw new IllegalArgumentException("callTimeout must be positive, got " + callTimeout);
            }
            if (retryDeadline.isNegative() || retryDeadline.isZero()) {
                throw new IllegalArgumentException("retryDeadline must be positive, got " + retryDeadline);
            }
        }

        /** Functions on, 20 s a call, 2 minutes of retries. */
        public static Calls defaults() {
            return new Calls(true, ConfigKeys.DEFAULT_CALL_TIMEOUT, ConfigKeys.DEFAULT_RETRY_DEADLINE);
        }
    }

    /** A table named by a partition-filter key, lower-cased (names compare without case). */
    public record TableName(String database, String table) implements Comparable<TableName> {
        public TableName {
            database = requireNonNull(database, "database is null").toLowerCase(Locale.ROOT);
            table = requireNonNull(table, "table is null").toLowerCase(Locale.ROOT);
        }

        @Override
        public int compareTo(TableName o) {
            int c = database.compareTo(o.database);
            return c != 0 ? c : table.compareTo(o.table);
        }

        @Override
        public String toString() {
            return database + "." + table;
        }
    }

    /**
     * What to migrate: {@code aws.databases}, {@code aws.table.filter.prefix}, {@code aws.partition.filter.*},
     * {@code comparePartition}, {@code lakeport.databases.exclude}, {@code lakeport.tables.include},
     * {@code lakeport.tables.exclude}. Empty lists mean no filter.
     */
    public record Selection(
            List<String> databases,
            List<String> tablePrefixes,
            Map<TableName, PartitionFilter> partitionFilters,
            boolean comparePartition,
            List<String> excludedDatabases,
            List<String> includedTables,
            List<String> excludedTables) {
        public Selection {
            databases = List.copyOf(databases);
            tablePrefixes = List.copyOf(tablePrefixes);
            partitionFilters = java.util.Collections.unmodifiableMap(new TreeMap<>(partitionFilters));
            excludedDatabases = List.copyOf(excludedDatabases);
            includedTables = List.copyOf(includedTables);
            excludedTables = List.copyOf(excludedTables);
        }

        public static Selection all() {
            return new Selection(List.of(), List.of(), Map.of(), true, List.of(), List.of(), List.of());
        }
    }

    /**
     * How to run: {@code mode}, {@code lakeport.concurrency},
     * {@code lakeport.rate} (calls per second, 0 = unlimited), {@code lakeport.allowDeletes},
     * {@code result.output.path}, {@code lakeport.project}.
     */
    public record Run(
            Mode mode,
            int concurrency,
            double rate,
            boolean allowDeletes,
            Optional<String> resultOutputPath,
            Optional<Path> project) {
        public Run {
            requireNonNull(mode, "mode is null");
            if (concurrency < 1) {
                throw new IllegalArgumentException("concurrency must be positive, got " + concurrency);
            }
            if (!(rate >= 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("rate must be 0 or more, got " + rate);
            }
            resultOutputPath = resultOutputPath == null ? Optional.empty() : resultOutputPath;
            project = project == null ? Optional.empty() : project;
        }

        public static Run defaults() {
            return new Run(
                    Mode.INCREMENT,
                    ConfigKeys.DEFAULT_CONCURRENCY,
                    ConfigKeys.DEFAULT_RATE,
                    false,
                    Optional.empty(),
                    Optional.empty());
        }
    }

    /** A configuration with defaults for everything but the two catalogs: all objects, no location mapping. */
    public static MigrationConfig of(Side source, Side destination) {
        return new MigrationConfig(source, destination, Selection.all(), Run.defaults(), LocationMapper.identity());
    }

    /** How each connector of this run calls its catalog. */
    public CallSettings callSettings() {
        return new CallSettings(run.concurrency(), calls.callTimeout(), calls.retryDeadline(), calls.functions());
    }

    /** The route from the source's kind to the destination's: its mapping rules and diff words. */
    public Route route() {
        return Routes.standard().require(source.kind(), destination.kind());
    }

    /** How the executor retries a write: the standard policy within {@code lakeport.retryDeadline}. */
    public Retries retries() {
        return Retries.standard(calls.retryDeadline());
    }

    /** What the run covers. */
    public Scope scope() {
        return scope(List.of());
    }

    /** What the run covers, restricted to these keys (e.g. an earlier run's failed items); empty = no restriction. */
    public Scope scope(Collection<ObjectKey> restrictTo) {
        Scope.Builder b = Scope.builder()
                .databases(selection.databases())
                .tablePrefixes(selection.tablePrefixes())
                .excludeDatabases(selection.excludedDatabases())
                .includeTables(selection.includedTables())
                .excludeTables(selection.excludedTables())
                .partitions(selection.comparePartition())
                .functions(calls.functions())
                .restrictTo(restrictTo);
        selection.partitionFilters().forEach((t, f) -> b.partitionFilter(t.database(), t.table(), f));
        return b.build();
    }

    /** The route's mapping from what the source holds to what is written to the destination. */
    public CatalogMapping mapping() {
        return mapping(java.util.Map.of());
    }

    /**
     * The route's mapping with what the destination said about itself when it was last loaded ({@link
     * dev.lakeport.connector.CatalogConnection#facts()}).
     */
    public CatalogMapping mapping(java.util.Map<String, String> destinationFacts) {
        return route().mapping(new MappingInputs(locationMapper, destination.settings(), destinationFacts));
    }

    /** This configuration as it reads back from an exported file: credentials are not exported. */
    public MigrationConfig withoutSecrets() {
        return new MigrationConfig(
                source.withoutSecrets(), destination.withoutSecrets(), selection, run, locationMapper, calls);
    }
}
