package dev.lakeport.config;

import java.util.List;

/**
 * Every key Lakeport reads from application.properties. The seed's keys are read unchanged; Lakeport's own keys
 * start with {@code lakeport.} so the seed's tool ignores them.
 */
public final class ConfigKeys {
    private ConfigKeys() {}

    // The seed's keys.
    public static final String AWS_ACCESS_KEY_ID = "aws.accessKeyId";
    public static final String AWS_SECRET_ACCESS_KEY = "aws.secretAccessKey";
    public static final String AWS_REGION = "aws.region";
    public static final String AWS_CATALOG_ID = "aws.catalogId";
    public static final String MODE = "mode";
    public static final String COMPARE_PARTITION = "comparePartition";
    public static final String ALIYUN_ACCESS_KEY_ID = "aliyun.accessKeyId";
    public static final String ALIYUN_SECRET_ACCESS_KEY = "aliyun.secretAccessKey";
    public static final String ALIYUN_REGION = "aliyun.region";
    public static final String ALIYUN_ENDPOINT = "aliyun.endpoint";
    public static final String ALIYUN_CATALOG_ID = "aliyun.catalogId";
    public static final String LOCATION_CONVERT_MAP = "location.convertMap";
    public static final String AWS_DATABASES = "aws.databases";
    public static final String AWS_TABLE_FILTER_PREFIX = "aws.table.filter.prefix";
    /** Followed by {@code <db>.<table>}. */
    public static final String AWS_PARTITION_FILTER_PREFIX = "aws.partition.filter.";

    public static final String RESULT_OUTPUT_PATH = "result.output.path";

    /**
     * The file systems (URI schemes) a {@code result.output.path} may name for the Spark job; the list belongs to the
     * result log, which refuses them for runs from this computer.
     */
    public static final java.util.Set<String> CLUSTER_FILE_SYSTEMS = dev.lakeport.apply.ResultLog.CLUSTER_FILE_SYSTEMS;

    // Lakeport's extensions.
    public static final String AWS_ENDPOINT = "lakeport.aws.endpoint";
    public static final String AWS_PROFILE = "lakeport.aws.profile";
    public static final String AWS_SESSION_TOKEN = "lakeport.aws.sessionToken";
    public static final String ALIYUN_PROTOCOL = "lakeport.aliyun.protocol";
    public static final String ALIYUN_CREDENTIALS_FILE = "lakeport.aliyun.credentialsFile";
    public static final String ALIYUN_PROFILE = "lakeport.aliyun.profile";
    /**
     * {@code true}: the user chose to sign in to Glue with the SDK's default credential chain (environment, profile
     * files, instance role) although the project holds no keys. The desktop asks for this choice instead of falling
     * back to the chain silently.
     */
    public static final String AWS_DEFAULT_CHAIN = "lakeport.aws.defaultChain";
    /** {@code true}: the user chose Aliyun's default credential chain for DLF (see {@link #AWS_DEFAULT_CHAIN}). */
    public static final String ALIYUN_DEFAULT_CHAIN = "lakeport.aliyun.defaultChain";

    /** The source's kind, a connector in the registry ({@code glue} by default). */
    public static final String SOURCE_TYPE = "lakeport.source.type";
    /** The destination's kind ({@code dlf} by default). */
    public static final String DESTINATION_TYPE = "lakeport.destination.type";
    /** A destination of the same kind as the source reads its connector's keys under this prefix. */
    public static final String DESTINATION_PREFIX = "lakeport.destination.";

    public static final String DEFAULT_SOURCE_TYPE = "glue";
    public static final String DEFAULT_DESTINATION_TYPE = "dlf";

    public static final String GLUE_SEGMENTS = "lakeport.glue.segments";
    public static final String CONCURRENCY = "lakeport.concurrency";
    public static final String RATE = "lakeport.rate";
    public static final String ALLOW_DELETES = "lakeport.allowDeletes";
    public static final String DATABASES_EXCLUDE = "lakeport.databases.exclude";
    public static final String TABLES_INCLUDE = "lakeport.tables.include";
    public static final String TABLES_EXCLUDE = "lakeport.tables.exclude";
    public static final String PROJECT = "lakeport.project";
    /** {@code false}: user-defined functions are left out of load, diff and apply on both sides. */
    public static final String FUNCTIONS = "lakeport.functions";
    /** The longest one catalog call may take, e.g. {@code 20s}. */
    public static final String CALL_TIMEOUT = "lakeport.callTimeout";
    /** The longest one call may keep being retried, e.g. {@code 2m}. */
    public static final String RETRY_DEADLINE = "lakeport.retryDeadline";

    public static final String GLUE_PAGE_SIZE = "lakeport.glue.pageSize";
    public static final String GLUE_BATCH_SIZE = "lakeport.glue.batchSize";
    public static final String DLF_PAGE_SIZE = "lakeport.dlf.pageSize";
    public static final String DLF_BATCH_SIZE = "lakeport.dlf.batchSize";
    /** The time one catalog call is assumed to take when the assessment estimates a run, e.g. {@code 80ms}. */
    public static final String ASSESS_CALL_LATENCY = "lakeport.assess.callLatency";
    /** A project's stable id: the desktop keeps the project's credentials in the keyring or vault under it. */
    public static final String PROJECT_ID = "lakeport.project.id";

    // Read by the Spark job only (the desktop and the command line take these as options).
    /** With {@link #ALLOW_DELETES}: the exact number of objects the run deletes, or the job stops first. */
    public static final String CONFIRM_DELETES = "lakeport.confirmDeletes";
    /** {@code true}: compare and record what would be done, write nothing to DLF. */
    public static final String DRY_RUN = "lakeport.dryRun";
    /** Milliseconds between two progress records of the job (default 2000). */
    public static final String JOB_PROGRESS_INTERVAL_MS = "lakeport.job.progressIntervalMs";

    /** Every fixed key (the partition-filter keys are a family under {@link #AWS_PARTITION_FILTER_PREFIX}). */
    public static final List<String> ALL = List.of(
            AWS_ACCESS_KEY_ID,
            AWS_SECRET_ACCESS_KEY,
            AWS_REGION,
            AWS_CATALOG_ID,
            MODE,
            COMPARE_PARTITION,
            ALIYUN_ACCESS_KEY_ID,
            ALIYUN_SECRET_ACCESS_KEY,
            ALIYUN_REGION,
            ALIYUN_ENDPOINT,
            ALIYUN_CATALOG_ID,
            LOCATION_CONVERT_MAP,
            AWS_DATABASES,
            AWS_TABLE_FILTER_PREFIX,
            RESULT_OUTPUT_PATH,
            AWS_ENDPOINT,
            AWS_PROFILE,
            AWS_SESSION_TOKEN,
            ALIYUN_PROTOCOL,
            ALIYUN_CREDENTIALS_FILE,
            ALIYUN_PROFILE,
            AWS_DEFAULT_CHAIN,
            ALIYUN_DEFAULT_CHAIN,
            GLUE_SEGMENTS,
            CONCURRENCY,
            ASSESS_CALL_LATENCY,
            RATE,
            ALLOW_DELETES,
            DATABASES_EXCLUDE,
            TABLES_INCLUDE,
            TABLES_EXCLUDE,
            PROJECT,
            FUNCTIONS,
            CALL_TIMEOUT,
            RETRY_DEADLINE,
            GLUE_PAGE_SIZE,
            GLUE_BATCH_SIZE,
            DLF_PAGE_SIZE,
            DLF_BATCH_SIZE,
            PROJECT_ID,
            SOURCE_TYPE,
            DESTINATION_TYPE,
            CONFIRM_DELETES,
            DRY_RUN,
            JOB_PROGRESS_INTERVAL_MS);

    /** Saved cluster profiles ({@code lakeport.cluster.<name>.*}), read by {@code launch.ClusterProfiles}. */
    public static final String CLUSTER_PROFILE_PREFIX = "lakeport.cluster.";

    /** Keys whose values are credentials: never exported, never shown. */
    public static final List<String> SECRET_KEYS = secretKeys();

    /**
     * Every key the loader knows: Lakeport's own ({@link #ALL}), every registered connector's, and each connector's
     * under {@link #DESTINATION_PREFIX} (a destination of the same kind as the source).
     */
    public static final java.util.Set<String> KNOWN = knownKeys();

    public static final int DEFAULT_GLUE_SEGMENTS = 4;
    public static final int DEFAULT_CONCURRENCY = 32;
    public static final int MAX_CONCURRENCY = 1024;
    public static final double DEFAULT_RATE = 0;
    public static final String DEFAULT_ALIYUN_PROFILE = "default";
    public static final java.time.Duration DEFAULT_CALL_TIMEOUT = java.time.Duration.ofSeconds(20);
    public static final java.time.Duration DEFAULT_RETRY_DEADLINE = java.time.Duration.ofMinutes(2);

    private static List<String> secretKeys() {
        java.util.Set<String> keys = new java.util.TreeSet<>();
        for (String key : dev.lakeport.connector.ConnectorRegistry.standard().secretKeys()) {
            keys.add(key);
            keys.add(DESTINATION_PREFIX + key);
        }
        return List.copyOf(keys);
    }

    private static java.util.Set<String> knownKeys() {
        java.util.Set<String> keys = new java.util.TreeSet<>(ALL);
        for (var connector : dev.lakeport.connector.ConnectorRegistry.standard().connectors()) {
            for (var spec : connector.settings()) {
                keys.add(spec.key());
                keys.add(DESTINATION_PREFIX + spec.key());
            }
        }
        return java.util.Collections.unmodifiableSet(keys);
    }
}
