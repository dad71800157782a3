package dev.lakeport.launch;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads and writes {@link ClusterProfile}s as keys of a project's settings:
 *
 * <pre>
 * lakeport.cluster.emr.type=spark-submit
 * lakeport.cluster.emr.sparkHome=/opt/spark
 * lakeport.cluster.emr.hadoopConfDir=/etc/hadoop/conf
 * lakeport.cluster.emr.master=yarn
 * lakeport.cluster.emr.deployMode=cluster
 * lakeport.cluster.emr.conf.spark.executor.instances=4
 * lakeport.cluster.livy.type=livy
 * lakeport.cluster.livy.url=http://emr-master:8998
 * lakeport.cluster.livy.jobJar=s3://bucket/lakeport-spark-job.jar
 * lakeport.cluster.livy.proxyUser=etl
 * lakeport.cluster.here.type=local
 * lakeport.cluster.here.threads=2
 * lakeport.cluster.odps.type=maxcompute-spark
 * lakeport.cluster.odps.clientHome=/opt/spark-3.5.2-odps0.49.0
 * lakeport.cluster.odps.sparkVersion=spark-3.5.2-odps0.49.0
 * lakeport.cluster.odps.project=my_project
 * lakeport.cluster.odps.endpoint=https://service.cn-hangzhou.maxcompute.aliyun.com/api
 * lakeport.cluster.odps.runtimeEndpoint=http://service.cn-hangzhou.maxcompute.aliyun-inc.com/api
 * </pre>
 *
 * <p>Settings hold no secrets, so a {@code conf.} key that names a credential is refused: credentials travel with a
 * submission ({@link JobCredentials}), or come from the cluster's role, or (MaxCompute's Spark client) from the
 * client's own {@code spark-defaults.conf}.
 */
public final class ClusterProfiles {
    public static final String PREFIX = dev.lakeport.config.ConfigKeys.CLUSTER_PROFILE_PREFIX;
    public static final String TYPE_SPARK_SUBMIT = "spark-submit";
    public static final String TYPE_LIVY = "livy";
    public static final String TYPE_LOCAL = "local";
    public static final String TYPE_MAXCOMPUTE_SPARK = "maxcompute-spark";

    static final String TYPE = "type";
    static final String SPARK_HOME = "sparkHome";
    static final String HADOOP_CONF_DIR = "hadoopConfDir";
    static final String MASTER = "master";
    static final String DEPLOY_MODE = "deployMode";
    static final String URL = "url";
    static final String JOB_JAR = "jobJar";
    static final String PROXY_USER = "proxyUser";
    static final String THREADS = "threads";
    static final String CLIENT_HOME = "clientHome";
    static final String SPARK_VERSION = "sparkVersion";
    static final String PROJECT = "project";
    static final String ENDPOINT = "endpoint";
    static final String RUNTIME_ENDPOINT = "runtimeEndpoint";
    static final String CONF = "conf.";
    private static final String TYPES =
            TYPE_SPARK_SUBMIT + ", " + TYPE_LIVY + ", " + TYPE_LOCAL + " or " + TYPE_MAXCOMPUTE_SPARK;

    /** Spark's default {@code spark.redaction.regex}: a setting whose name matches it holds a secret. */
    private static final Pattern CREDENTIAL_NAME = Pattern.compile("(?i)secret|password|token|access[.]key");

    private static final Map<String, Set<String>> KEYS_BY_TYPE = Map.of(
            TYPE_SPARK_SUBMIT, Set.of(TYPE, SPARK_HOME, HADOOP_CONF_DIR, MASTER, DEPLOY_MODE),
            TYPE_LIVY, Set.of(TYPE, URL, JOB_JAR, PROXY_USER),
            TYPE_LOCAL, Set.of(TYPE, THREADS),
            TYPE_MAXCOMPUTE_SPARK, Set.of(TYPE, CLIENT_HOME, SPARK_VERSION, PROJECT, ENDPOINT, RUNTIME_ENDPOINT));

    private ClusterProfiles() {}

    /**
     * The profiles in {@code settings}, ordered by name.
     *
     * @throws IllegalArgumentException naming the key and what is wrong with it
     */
    public static List<ClusterProfile> read(Properties settings) {
        Map<String, Map<String, String>> byName = new TreeMap<>();
        for (String key : new TreeSet<>(settings.stringPropertyNames())) {
            if (!key.startsWith(PREFIX)) {
                continue;
            }
            String rest = key.substring(PREFIX.length());
            int dot = rest.indexOf('.');
            if (dot <= 0 || dot == rest.length() - 1) {
                throw new IllegalArgumentException(
                        key + ": expected " + PREFIX + "<profile name>.<setting>, e.g. " + PREFIX + "emr.type");
            }
            String name = rest.substring(0, dot);
            if (!ClusterProfile.NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(
                        key + ": a cluster profile name is 1-64 letters, digits, '_' or '-', not '" + name + "'");
            }
            byName.computeIfAbsent(name, n -> new LinkedHashMap<>())
                    .put(rest.substring(dot + 1), settings.getProperty(key).trim());
        }
        List<ClusterProfile> profiles = new ArrayList<>();
        byName.forEach((name, values) -> profiles.add(profile(name, values)));
        return List.copyOf(profiles);
    }

    /** Replaces every {@code lakeport.cluster.*} key of {@code settings} with {@code profiles}. */
    public static void write(List<ClusterProfile> profiles, Properties settings) {
        Set<String> names = new TreeSet<>();
        for (ClusterProfile p : profiles) {
            if (!names.add(p.name())) {
                throw new IllegalArgumentException("two cluster profiles are named '" + p.name() + "'");
            }
            for (String confKey : p.sparkConf().keySet()) {
                checkConfKey(key(p.name(), CONF + confKey), confKey);
            }
        }
        for (String key : settings.stringPropertyNames()) {
            if (key.startsWith(PREFIX)) {
                settings.remove(key);
            }
        }
        for (ClusterProfile p : profiles) {
            String n = p.name();
            if (p instanceof ClusterProfile.SparkSubmit s) {
                settings.setProperty(key(n, TYPE), TYPE_SPARK_SUBMIT);
                settings.setProperty(key(n, SPARK_HOME), s.sparkHome().toString());
                s.hadoopConfDir().ifPresent(d -> settings.setProperty(key(n, HADOOP_CONF_DIR), d.toString()));
                settings.setProperty(key(n, MASTER), s.master());
                settings.setProperty(key(n, DEPLOY_MODE), s.deployMode());
            } else if (p instanceof ClusterProfile.Livy l) {
                settings.setProperty(key(n, TYPE), TYPE_LIVY);
                settings.setProperty(key(n, URL), l.url().toString());
                l.jobJar().ifPresent(j -> settings.setProperty(key(n, JOB_JAR), j));
                l.proxyUser().ifPresent(u -> settings.setProperty(key(n, PROXY_USER), u));
            } else if (p instanceof ClusterProfile.Local l) {
                settings.setProperty(key(n, TYPE), TYPE_LOCAL);
                settings.setProperty(key(n, THREADS), Integer.toString(l.threads()));
            } else if (p instanceof ClusterProfile.MaxComputeSpark m) {
                settings.setProperty(key(n, TYPE), TYPE_MAXCOMPUTE_SPARK);
                settings.setProperty(key(n, CLIENT_HOME), m.clientHome().toString());
                settings.setProperty(key(n, SPARK_VERSION), m.sparkVersion());
                settings.setProperty(key(n, PROJECT), m.project());
                settings.setProperty(key(n, ENDPOINT), m.endpoint());
                m.runtimeEndpoint().ifPresent(e -> settings.setProperty(key(n, RUNTIME_ENDPOINT), e));
            }
            p.sparkConf().forEach((k, v) -> settings.setProperty(key(n, CONF + k), v));
        }
    }

    private static ClusterProfile profile(String name, Map<String, String> values) {
        String typeKey = key(name, TYPE);
        String type = values.get(TYPE);
        if (type == null || type.isEmpty()) {
            throw new IllegalArgumentException(typeKey + " is missing: say " + TYPES);
        }
        Set<String> allowed = KEYS_BY_TYPE.get(type);
        if (allowed == null) {
            throw new IllegalArgumentException(typeKey + "=" + type + " is not a cluster type: use " + TYPES);
        }
        Map<String, String> conf = new TreeMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            String setting = e.getKey();
            String key = key(name, setting);
            if (setting.startsWith(CONF)) {
                String confKey = setting.substring(CONF.length());
                checkConfKey(key, confKey);
                conf.put(confKey, e.getValue());
            } else if (!allowed.contains(setting)) {
                throw new IllegalArgumentException(key + " is not a setting of a " + type + " profile (it takes "
                        + String.join(", ", new TreeSet<>(allowed)) + " and conf.<spark setting>)");
            }
        }
        try {
            return switch (type) {
                case TYPE_SPARK_SUBMIT -> {
                    String master = values.getOrDefault(MASTER, "yarn");
                    if (master.isEmpty()) {
                        throw new IllegalArgumentException(key(name, MASTER) + " is empty: say yarn, local[2], ...");
                    }
                    String deployMode =
                            values.getOrDefault(DEPLOY_MODE, master.startsWith("local") ? "client" : "cluster");
                    if (!deployMode.equals("cluster") && !deployMode.equals("client")) {
                        throw new IllegalArgumentException(
                                key(name, DEPLOY_MODE) + "=" + deployMode + " must be cluster or client");
                    }
                    yield new ClusterProfile.SparkSubmit(
                            name,
                            path(name, SPARK_HOME, required(name, values, SPARK_HOME)),
                            Optional.ofNullable(values.get(HADOOP_CONF_DIR))
                                    .filter(s -> !s.isEmpty())
                                    .map(s -> path(name, HADOOP_CONF_DIR, s)),
                            master,
                            deployMode,
                            conf);
                }
                case TYPE_LIVY -> new ClusterProfile.Livy(
                        name,
                        url(name, required(name, values, URL)),
                        Optional.ofNullable(values.get(JOB_JAR)).filter(s -> !s.isEmpty()),
                        Optional.ofNullable(values.get(PROXY_USER)).filter(s -> !s.isEmpty()),
                        conf);
                case TYPE_MAXCOMPUTE_SPARK -> new ClusterProfile.MaxComputeSpark(
                        name,
                        path(name, CLIENT_HOME, required(name, values, CLIENT_HOME)),
                        values.getOrDefault(SPARK_VERSION, ""),
                        values.getOrDefault(PROJECT, ""),
                        values.getOrDefault(ENDPOINT, ""),
                        Optional.ofNullable(values.get(RUNTIME_ENDPOINT)),
                        conf);
                default -> new ClusterProfile.Local(name, threads(name, values.getOrDefault(THREADS, "2")), conf);
            };
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(PREFIX)) {
                throw e;
            }
            throw new IllegalArgumentException(PREFIX + name + ": " + e.getMessage(), e);
        }
    }

    private static void checkConfKey(String key, String confKey) {
        if (!confKey.startsWith("spark.")) {
            throw new IllegalArgumentException(key + ": a Spark setting starts with 'spark.'");
        }
        if (confKey.startsWith(JobConf.CREDENTIAL_PREFIX)
                || CREDENTIAL_NAME.matcher(confKey).find()
                || confKey.equals(MaxComputeSparkClient.ACCESS_ID)) {
            throw new IllegalArgumentException(key + " names a credential; project settings hold no secrets: give"
                    + " the cluster a role, or pass access keys with the submission");
        }
    }

    private static String required(String name, Map<String, String> values, String setting) {
        String value = values.get(setting);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(key(name, setting) + " is missing");
        }
        return value;
    }

    private static Path path(String name, String setting, String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(key(name, setting) + "=" + value + " is not a path: " + e.getReason());
        }
    }

    private static URI url(String name, String value) {
        try {
            URI uri = new URI(value);
            if (uri.getHost() == null) {
                throw new IllegalArgumentException(key(name, URL) + "=" + value + " has no host");
            }
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new IllegalArgumentException(
                        key(name, URL) + "=" + value + " must start with http:// or https://");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(key(name, URL) + "=" + value + " is not a URL: " + e.getReason());
        }
    }

    private static int threads(String name, String value) {
        try {
            int threads = Integer.parseInt(value);
            if (threads < 1 || threads > 1024) {
                throw new IllegalArgumentException(key(name, THREADS) + "=" + value + " must be 1 to 1024");
            }
            return threads;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key(name, THREADS) + "=" + value + " is not a whole number");
        }
    }

    private static String key(String name, String setting) {
        return PREFIX + name + "." + setting;
    }
}
