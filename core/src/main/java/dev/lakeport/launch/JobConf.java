package dev.lakeport.launch;

import dev.lakeport.config.ConfigKeys;

/** Names shared by the launchers and the job: its main class, its arguments and the Spark settings it reads. */
public final class JobConf {
    /** The job's main class in the {@code spark-job} jar. */
    public static final String MAIN_CLASS = "dev.lakeport.sparkjob.MigrationJob";
    /** The data copy's main class in the same jar: it copies a copy plan's tasks into MaxCompute. */
    public static final String COPY_MAIN_CLASS = "dev.lakeport.sparkjob.copy.CopyJob";
    /** The file name of the shaded job jar. */
    public static final String JAR_NAME = "lakeport-spark-job.jar";

    /** Argument: the run id (names result and progress files). Optional; the job makes one if missing. */
    public static final String ARG_RUN_ID = "--run-id";
    /**
     * Argument: the settings inline, as Base64 of a properties file (no credentials). Used by the launchers so that no
     * file has to reach the cluster first; the positional path argument of the seed's job works too.
     */
    public static final String ARG_SETTINGS_BASE64 = "--settings-base64";

    /**
     * Every credential setting starts with this: a connector's credential key {@code k} travels as
     * {@code spark.lakeport.secret.k}, except the seed's keys, which keep the names they have always had
     * ({@code spark.lakeport.aws.secret.access.key}, …) so that existing submit scripts go on working. Each name
     * contains {@code secret}, {@code token} or {@code access.key}, which Spark's default
     * {@code spark.redaction.regex} ({@code (?i)secret|password|token|access[.]key}) matches: Spark then redacts the
     * values in its UI, event log, {@code spark-submit --verbose} output and environment listing.
     */
    public static final String CREDENTIAL_PREFIX = "spark.lakeport.";

    private static final java.util.Map<String, String> SEED_NAMES = java.util.Map.of(
            "aws.accessKeyId", "spark.lakeport.aws.access.key.id",
            "aws.secretAccessKey", "spark.lakeport.aws.secret.access.key",
            "lakeport.aws.sessionToken", "spark.lakeport.aws.session.token",
            "aliyun.accessKeyId", "spark.lakeport.aliyun.access.key.id",
            "aliyun.secretAccessKey", "spark.lakeport.aliyun.access.key.secret");

    /** The Spark setting that carries the credential {@code key} (e.g. {@code aws.secretAccessKey}). */
    public static String credentialSetting(String key) {
        return SEED_NAMES.getOrDefault(key, CREDENTIAL_PREFIX + "secret." + key);
    }

    /**
     * The environment variable that carries a credential setting to a driver started on this machine (spark-submit in
     * client mode or with a local master): {@code spark.lakeport.aws.secret.access.key} becomes
     * {@code LAKEPORT_AWS_SECRET_ACCESS_KEY}. Only this user can read a process's environment, and nothing is written
     * to disk.
     */
    public static String environmentName(String credentialSetting) {
        if (!credentialSetting.startsWith(CREDENTIAL_PREFIX)) {
            throw new IllegalArgumentException("not a credential setting: " + credentialSetting);
        }
        return "LAKEPORT_"
                + credentialSetting
                        .substring(CREDENTIAL_PREFIX.length())
                        .replace('.', '_')
                        .toUpperCase(java.util.Locale.ROOT);
    }

    /** Every credential setting: one per credential key of every connector ({@link ConfigKeys#SECRET_KEYS}). */
    public static final java.util.List<String> CREDENTIAL_SETTINGS =
            ConfigKeys.SECRET_KEYS.stream().map(JobConf::credentialSetting).toList();

    /** How often the job writes a progress record, in milliseconds (default 2000). */
    public static final String PROGRESS_INTERVAL_MS = "lakeport.job.progressIntervalMs";

    private JobConf() {}
}
