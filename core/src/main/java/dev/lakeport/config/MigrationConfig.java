package dev.lakeport.config;

import static java.util.Objects.requireNonNull;

import dev.lakeport.connector.Retries;
import dev.lakeport.connector.dlf.DlfConnectorConfig;
import dev.lakeport.connector.glue.GlueConnectorConfig;
import dev.lakeport.mapping.GlueToDlfMapping;
import dev.lakeport.mapping.LocationMapper;
import dev.lakeport.mapping.PartitionFilter;
import dev.lakeport.mapping.Scope;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.secret.AliyunCredentials;
import dev.lakeport.secret.AwsCredentials;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A Glue-to-DLF migration's settings, as read from a seed-style application.properties by
 * {@link MigrationConfigLoader} and written back by {@link MigrationConfigWriter}. Immutable; {@code toString()}
 * masks every credential.
 */
public record MigrationConfig(
        Aws aws, Aliyun aliyun, Selection selection, Run run, LocationMapper locationMapper, Calls calls) {

    /** Glue connection pools are at least this large, and never smaller than the run's concurrency. */
    static final int MIN_CONNECTIONS = 64;

    public MigrationConfig {
        requireNonNull(aws, "aws is null");
        requireNonNull(aliyun, "aliyun is null");
        requireNonNull(selection, "selection is null");
        requireNonNull(run, "run is null");
        requireNonNull(locationMapper, "locationMapper is null");
        requireNonNull(calls, "calls is null");
    }

    /** A configuration that talks to the catalogs the default way ({@link Calls#defaults()}). */
    public MigrationConfig(Aws aws, Aliyun aliyun, Selection selection, Run run, LocationMapper locationMapper) {
        this(aws, aliyun, selection, run, locationMapper, Calls.defaults());
    }

    /**
     * How Lakeport talks to both catalogs: {@code lakeport.functions} (false: no function calls at all, functions are
     * left out of load, diff and apply on both sides, for catalogs without user-defined functions),
     * {@code lakeport.callTimeout} (one call), {@code lakeport.retryDeadline} (the retries of one call together),
     * {@code lakeport.glue.pageSize} / {@code lakeport.glue.batchSize} and {@code lakeport.dlf.pageSize} /
     * {@code lakeport.dlf.batchSize} (the APIs' maxima by default; a server that holds them lower is followed at run
     * time, and these settings say so from the start).
     */
    public record Calls(
            boolean functions,
            Duration callTimeout,
            Duration retryDeadline,
            int gluePageSize,
            int glueBatchSize,
            int dlfPageSize,
            int dlfBatchSize) {
        public Calls {
            requireNonNull(callTimeout, "callTimeout is null");
            requireNonNull(retryDeadline, "retryDeadline is null");
            if (callTimeout.isNegative() || callTimeout.isZero()) {
                throw new IllegalArgumentException("callTimeout must be positive, got " + callTimeout);
            }
            if (retryDeadline.isNegative() || retryDeadline.isZero()) {
                throw new IllegalArgumentException("retryDeadline must be positive, got " + retryDeadline);
            }
            checkSize("gluePageSize", gluePageSize, GlueConnectorConfig.MAX_PAGE);
            checkSize("glueBatchSize", glueBatchSize, GlueConnectorConfig.MAX_BATCH);
            checkSize("dlfPageSize", dlfPageSize, DlfConnectorConfig.MAX_PAGE);
            checkSize("dlfBatchSize", dlfBatchSize, DlfConnectorConfig.MAX_BATCH);
        }

        private static void checkSize(String name, int value, int max) {
            if (value < 1 || value > max) {
                throw new IllegalArgumentException(name + " must be between 1 and " + max + ", got " + value);
            }
        }

        /** Functions on, 20 s a call, 2 minutes of retries, the APIs' page and batch sizes. */
        public static Calls defaults() {
            return new Calls(
                    true,
                    ConfigKeys.DEFAULT_CALL_TIMEOUT,
                    ConfigKeys.DEFAULT_RETRY_DEADLINE,
                    GlueConnectorConfig.MAX_PAGE,
                    GlueConnectorConfig.MAX_BATCH,
                    DlfConnectorConfig.MAX_PAGE,
                    DlfConnectorConfig.MAX_BATCH);
        }
    }

    /**
     * The source: {@code aws.region}, {@code aws.catalogId}, {@code lakeport.aws.endpoint} and the credentials
     * ({@code aws.accessKeyId} / {@code aws.secretAccessKey} / {@code lakeport.aws.sessionToken}, else
     * {@code lakeport.aws.profile}, else the default chain).
     */
    public record Aws(String region, Optional<String> catalogId, Optional<URI> endpoint, AwsCredentials credentials) {
        public Aws {
            requireNonNull(region, "region is null");
            catalogId = catalogId == null ? Optional.empty() : catalogId;
            endpoint = endpoint == null ? Optional.empty() : endpoint;
            requireNonNull(credentials, "credentials is null");
        }
    }

    /**
     * The destination: {@code aliyun.region}, {@code aliyun.endpoint} (host[:port]), {@code lakeport.aliyun.protocol}
     * (HTTP or HTTPS), {@code aliyun.catalogId} and the credentials ({@code aliyun.accessKeyId} /
     * {@code aliyun.secretAccessKey}, else {@code lakeport.aliyun.credentialsFile} + {@code lakeport.aliyun.profile},
     * else the default chain).
     */
    public record Aliyun(
            String region,
            String endpoint,
            String protocol,
            Optional<String> catalogId,
            AliyunCredentials credentials) {
        public Aliyun {
            requireNonNull(region, "region is null");
            requireNonNull(endpoint, "endpoint is null");
            requireNonNull(protocol, "protocol is null");
            catalogId = catalogId == null ? Optional.empty() : catalogId;
            requireNonNull(credentials, "credentials is null");
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
     * How to run: {@code mode}, {@code lakeport.glue.segments} (1-10), {@code lakeport.concurrency},
     * {@code lakeport.rate} (calls per second, 0 = unlimited), {@code lakeport.allowDeletes},
     * {@code result.output.path}, {@code lakeport.project}.
     */
    public record Run(
            Mode mode,
            int glueSegments,
            int concurrency,
            double rate,
            boolean allowDeletes,
            Optional<String> resultOutputPath,
            Optional<Path> project) {
        public Run {
            requireNonNull(mode, "mode is null");
            if (glueSegments < 1 || glueSegments > 10) {
                throw new IllegalArgumentException("glueSegments must be between 1 and 10, got " + glueSegments);
            }
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
                    ConfigKeys.DEFAULT_GLUE_SEGMENTS,
                    ConfigKeys.DEFAULT_CONCURRENCY,
                    ConfigKeys.DEFAULT_RATE,
                    false,
                    Optional.empty(),
                    Optional.empty());
        }
    }

    /** A configuration with defaults for everything but the two catalogs: all objects, no location mapping. */
    public static MigrationConfig of(Aws aws, Aliyun aliyun) {
        return new MigrationConfig(aws, aliyun, Selection.all(), Run.defaults(), LocationMapper.identity());
    }

    /** How to reach Glue; the HTTP pool is never smaller than the run's concurrency. */
    public GlueConnectorConfig glueConnectorConfig() {
        return new GlueConnectorConfig(
                aws.region(),
                aws.endpoint(),
                aws.catalogId(),
                aws.credentials(),
                run.glueSegments(),
                Math.max(MIN_CONNECTIONS, run.concurrency()),
                calls.callTimeout(),
                calls.retryDeadline(),
                calls.gluePageSize(),
                calls.glueBatchSize());
    }

    /** How to reach DLF. */
    public DlfConnectorConfig dlfConnectorConfig() {
        return new DlfConnectorConfig(
                aliyun.region(),
                aliyun.endpoint(),
                aliyun.protocol(),
                aliyun.catalogId(),
                aliyun.credentials(),
                Math.max(MIN_CONNECTIONS, run.concurrency()),
                calls.callTimeout(),
                calls.retryDeadline(),
                calls.dlfPageSize(),
                calls.dlfBatchSize());
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

    /** The mapping from Glue objects to what is written to DLF. */
    public GlueToDlfMapping mapping() {
        return new GlueToDlfMapping(locationMapper);
    }

    /**
     * This configuration as it reads back from an exported file: access keys are not exported, so static keys
     * become the default chain (the loader's choice when the keys are blank and no profile is set).
     */
    public MigrationConfig withoutSecrets() {
        AwsCredentials awsCredentials = aws.credentials() instanceof AwsCredentials.StaticKeys
                ? new AwsCredentials.DefaultChain()
                : aws.credentials();
        AliyunCredentials aliyunCredentials = aliyun.credentials() instanceof AliyunCredentials.StaticKeys
                ? new AliyunCredentials.DefaultChain()
                : aliyun.credentials();
        return new MigrationConfig(
                new Aws(aws.region(), aws.catalogId(), aws.endpoint(), awsCredentials),
                new Aliyun(
                        aliyun.region(), aliyun.endpoint(), aliyun.protocol(), aliyun.catalogId(), aliyunCredentials),
                selection,
                run,
                locationMapper,
                calls);
    }
}
