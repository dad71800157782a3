package dev.lakeport.job;

import static java.util.Objects.requireNonNull;

import dev.lakeport.config.ConfigKeys;
import dev.lakeport.secret.AliyunCredentials;
import dev.lakeport.secret.AwsCredentials;
import dev.lakeport.secret.Secret;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The access keys a job needs, if the cluster has no role to use instead (an EC2 instance profile for Glue, an ECS
 * RAM role for DLF): empty means "use the cluster's default credential chain". They travel as Spark settings that
 * Spark redacts ({@link JobConf}); the driver passes them to its executors inside the tasks, never in a file.
 */
public record JobCredentials(Optional<AwsCredentials.StaticKeys> aws, Optional<AliyunCredentials.StaticKeys> aliyun) {
    public static final JobCredentials NONE = new JobCredentials(Optional.empty(), Optional.empty());

    public JobCredentials {
        requireNonNull(aws, "aws is null");
        requireNonNull(aliyun, "aliyun is null");
    }

    /** The Spark settings that carry these credentials (empty for {@link #NONE}). */
    public Map<String, String> toSparkConf() {
        Map<String, String> conf = new LinkedHashMap<>();
        aws.ifPresent(k -> {
            conf.put(JobConf.AWS_ACCESS_KEY_ID, k.accessKeyId());
            conf.put(JobConf.AWS_SECRET_ACCESS_KEY, k.secretAccessKey().reveal());
            k.sessionToken().ifPresent(t -> conf.put(JobConf.AWS_SESSION_TOKEN, t.reveal()));
        });
        aliyun.ifPresent(k -> {
            conf.put(JobConf.ALIYUN_ACCESS_KEY_ID, k.accessKeyId());
            conf.put(JobConf.ALIYUN_ACCESS_KEY_SECRET, k.accessKeySecret().reveal());
            k.securityToken().ifPresent(t -> conf.put(JobConf.ALIYUN_SECURITY_TOKEN, t.reveal()));
        });
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

    /** Reads credentials back from Spark settings (the job's side); keys without a secret are ignored. */
    public static JobCredentials fromSparkConf(Map<String, String> conf) {
        Optional<AwsCredentials.StaticKeys> aws = Optional.empty();
        String awsId = conf.get(JobConf.AWS_ACCESS_KEY_ID);
        String awsSecret = conf.get(JobConf.AWS_SECRET_ACCESS_KEY);
        if (notBlank(awsId) && notBlank(awsSecret)) {
            aws = Optional.of(new AwsCredentials.StaticKeys(
                    awsId,
                    Secret.of(awsSecret),
                    Optional.ofNullable(conf.get(JobConf.AWS_SESSION_TOKEN))
                            .filter(JobCredentials::notBlank)
                            .map(Secret::of)));
        }
        Optional<AliyunCredentials.StaticKeys> aliyun = Optional.empty();
        String aliId = conf.get(JobConf.ALIYUN_ACCESS_KEY_ID);
        String aliSecret = conf.get(JobConf.ALIYUN_ACCESS_KEY_SECRET);
        if (notBlank(aliId) && notBlank(aliSecret)) {
            aliyun = Optional.of(new AliyunCredentials.StaticKeys(
                    aliId,
                    Secret.of(aliSecret),
                    Optional.ofNullable(conf.get(JobConf.ALIYUN_SECURITY_TOKEN))
                            .filter(JobCredentials::notBlank)
                            .map(Secret::of)));
        }
        return new JobCredentials(aws, aliyun);
    }

    /**
     * Splits seed-style settings into what may travel (every key but the credentials) and the credentials, which are
     * removed from the copy returned.
     */
    public static Split split(Properties settings) {
        Properties clean = new Properties();
        clean.putAll(settings);
        Map<String, String> conf = new LinkedHashMap<>();
        putIfSet(conf, JobConf.AWS_ACCESS_KEY_ID, clean, ConfigKeys.AWS_ACCESS_KEY_ID);
        putIfSet(conf, JobConf.AWS_SECRET_ACCESS_KEY, clean, ConfigKeys.AWS_SECRET_ACCESS_KEY);
        putIfSet(conf, JobConf.AWS_SESSION_TOKEN, clean, ConfigKeys.AWS_SESSION_TOKEN);
        putIfSet(conf, JobConf.ALIYUN_ACCESS_KEY_ID, clean, ConfigKeys.ALIYUN_ACCESS_KEY_ID);
        putIfSet(conf, JobConf.ALIYUN_ACCESS_KEY_SECRET, clean, ConfigKeys.ALIYUN_SECRET_ACCESS_KEY);
        for (String key : ConfigKeys.SECRET_KEYS) {
            clean.remove(key);
        }
        return new Split(clean, fromSparkConf(conf));
    }

    /** Settings without credentials, and the credentials taken out of them. */
    public record Split(Properties settings, JobCredentials credentials) {}

    private static void putIfSet(Map<String, String> conf, String confKey, Properties settings, String key) {
        String value = settings.getProperty(key);
        if (notBlank(value)) {
            conf.put(confKey, value.trim());
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    @Override
    public String toString() {
        return "JobCredentials[aws=" + aws.map(Object::toString).orElse("cluster role") + ", aliyun="
                + aliyun.map(Object::toString).orElse("cluster role") + "]";
    }
}
