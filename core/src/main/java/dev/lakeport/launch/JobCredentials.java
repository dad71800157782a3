package dev.lakeport.launch;

import static java.util.Objects.requireNonNull;

import dev.lakeport.config.ConfigKeys;
import dev.lakeport.config.MigrationConfig;
import dev.lakeport.secret.Secret;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The credentials a job needs, by their configuration keys (any connector's credential keys,
 * {@link ConfigKeys#SECRET_KEYS}), if the cluster has no role to use instead: none means "use the cluster's default
 * credential chain". They travel as Spark settings that Spark redacts ({@link JobConf}); the driver passes them to its
 * executors inside the tasks, never in a file.
 */
public record JobCredentials(Map<String, Secret> secrets) {
    public static final JobCredentials NONE = new JobCredentials(Map.of());

    public JobCredentials {
        secrets = Collections.unmodifiableMap(new TreeMap<>(requireNonNull(secrets, "secrets is null")));
    }

    /** The credential under {@code key}, if it travels. */
    public java.util.Optional<Secret> get(String key) {
        return java.util.Optional.ofNullable(secrets.get(key));
    }

    /** The Spark settings that carry these credentials (empty for {@link #NONE}). */
    public Map<String, String> toSparkConf() {
        Map<String, String> conf = new LinkedHashMap<>();
        secrets.forEach((key, secret) -> conf.put(JobConf.credentialSetting(key), secret.reveal()));
        return conf;
    }

    /** These credentials as the environment of a driver started here ({@link JobConf#environmentName}). */
    public Map<String, String> toEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        toSparkConf().forEach((k, v) -> env.put(JobConf.environmentName(k), v));
        return env;
    }

    /** Reads credentials from a driver's environment ({@link #toEnvironment()}); variables not set are ignored. */
    public static JobCredentials fromEnvironment(Map<String, String> env) {
        Map<String, String> conf = new LinkedHashMap<>();
        for (String setting : JobConf.CREDENTIAL_SETTINGS) {
            String value = env.get(JobConf.environmentName(setting));
            if (value != null) {
                conf.put(setting, value);
            }
        }
        return fromSparkConf(conf);
    }

    /** Reads credentials back from Spark settings (the job's side); blank ones are ignored. */
    public static JobCredentials fromSparkConf(Map<String, String> conf) {
        Map<String, Secret> secrets = new TreeMap<>();
        for (String key : ConfigKeys.SECRET_KEYS) {
            String value = conf.get(JobConf.credentialSetting(key));
            if (notBlank(value)) {
                secrets.put(key, Secret.of(value.strip()));
            }
        }
        return new JobCredentials(secrets);
    }

    /**
     * The credentials of a configuration, for a job whose settings come without them (a project's stored settings):
     * set credentials travel; without any, the cluster's own roles are used.
     */
    public static JobCredentials of(MigrationConfig config) {
        Map<String, Secret> secrets = new TreeMap<>(config.source().settings().secrets());
        String prefix = config.source().kind().equals(config.destination().kind()) ? ConfigKeys.DESTINATION_PREFIX : "";
        config.destination().settings().secrets().forEach((k, v) -> secrets.put(prefix + k, v));
        return new JobCredentials(secrets);
    }

    /**
     * Splits seed-style settings into what may travel (every key but the credentials) and the credentials, which are
     * removed from the copy returned.
     */
    public static Split split(Properties settings) {
        Properties clean = new Properties();
        clean.putAll(settings);
        Map<String, Secret> secrets = new TreeMap<>();
        for (String key : ConfigKeys.SECRET_KEYS) {
            String value = clean.getProperty(key);
            if (notBlank(value)) {
                secrets.put(key, Secret.of(value.strip()));
            }
            clean.remove(key);
        }
        return new Split(clean, new JobCredentials(secrets));
    }

    /** Settings without credentials, and the credentials taken out of them. */
    public record Split(Properties settings, JobCredentials credentials) {}

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    @Override
    public String toString() {
        return secrets.isEmpty() ? "JobCredentials[cluster role]" : "JobCredentials" + secrets.keySet() + " (masked)";
    }
}
