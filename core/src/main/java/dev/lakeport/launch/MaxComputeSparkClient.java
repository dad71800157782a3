package dev.lakeport.launch;

import static java.util.Objects.requireNonNull;

import dev.lakeport.config.ConfigKeys;
import dev.lakeport.secret.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the MaxCompute Spark client needs from a {@link ClusterProfile.MaxComputeSpark}: the
 * {@code spark.hadoop.odps.*} settings of Alibaba Cloud's "Spark 3.4.2 & 3.5.2 configuration", the project's access
 * id and secret as {@code spark.hadoop.odps.access.id} / {@code .access.key} (for the properties file only), and a
 * check of the client on this machine.
 */
final class MaxComputeSparkClient {
    static final String PROJECT_NAME = "spark.hadoop.odps.project.name";
    static final String END_POINT = "spark.hadoop.odps.end.point";
    static final String RUNTIME_END_POINT = "spark.hadoop.odps.runtime.end.point";
    static final String SPARK_VERSION = "spark.hadoop.odps.spark.version";
    static final String ACCESS_ID = "spark.hadoop.odps.access.id";
    static final String ACCESS_KEY = "spark.hadoop.odps.access.key";

    /** The job is built for Spark 3.5 (and Java 17): an older client cannot run it. */
    static final int[] MIN_SPARK = {3, 5};

    /** Settings every submission carries, as the client's documentation gives them for Spark 3.4.2 and 3.5.2. */
    static final Map<String, String> FIXED = fixed();

    private static final Pattern RELEASE_VERSION = Pattern.compile("(?i)\\bSpark\\s+(\\d+)\\.(\\d+)(\\.\\d+)?");
    private static final Pattern CORE_JAR = Pattern.compile("spark-core_[0-9.]+-(\\d+)\\.(\\d+)(\\.\\d+)?.*\\.jar");

    private MaxComputeSparkClient() {}

    private static Map<String, String> fixed() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("spark.hadoop.odps.kube.mode", "true");
        m.put("spark.hadoop.odps.cupid.data.proxy.enable", "true");
        m.put("spark.hadoop.odps.spark.libs.public.enable", "true");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The profile as a spark-submit profile: master yarn, deploy mode cluster, the odps settings and the user's. */
    static ClusterProfile.SparkSubmit asSparkSubmit(ClusterProfile.MaxComputeSpark profile) {
        Map<String, String> conf = new LinkedHashMap<>(FIXED);
        conf.put(SPARK_VERSION, profile.sparkVersion());
        conf.put(PROJECT_NAME, profile.project());
        conf.put(END_POINT, profile.endpoint());
        profile.runtimeEndpoint().ifPresent(e -> conf.put(RUNTIME_END_POINT, e));
        conf.putAll(profile.sparkConf());
        return new ClusterProfile.SparkSubmit(
                profile.name(), profile.clientHome(), Optional.empty(), "yarn", "cluster", conf);
    }

    /**
     * The client's own credential settings from the submission's: the MaxCompute destination's access id and secret
     * ({@code maxcompute.accessKeyId} / {@code maxcompute.accessKeySecret}, or their {@code destination.} form). Empty
     * when the submission has none (the client's {@code spark-defaults.conf} then has to hold them).
     */
    static Map<String, String> credentialSettings(JobCredentials credentials) {
        Map<String, String> conf = new LinkedHashMap<>();
        first(credentials, "maxcompute.accessKeyId").ifPresent(s -> conf.put(ACCESS_ID, s.reveal()));
        first(credentials, "maxcompute.accessKeySecret").ifPresent(s -> conf.put(ACCESS_KEY, s.reveal()));
        return conf;
    }

    private static Optional<Secret> first(JobCredentials credentials, String key) {
        return credentials.get(key).or(() -> credentials.get(ConfigKeys.DESTINATION_PREFIX + key));
    }

    /** Why the profile cannot submit from here, or empty. */
    static Optional<String> unavailable(ClusterProfile.MaxComputeSpark profile) {
        String named = " (profile '" + profile.name() + "')";
        Path home = profile.clientHome();
        if (!Files.isDirectory(home)) {
            return Optional.of("the MaxCompute Spark client folder " + home + named + " does not exist");
        }
        Path submit = SparkSubmitLauncher.sparkSubmit(home);
        if (!Files.isRegularFile(submit)) {
            return Optional.of("there is no " + home.relativize(submit) + " under " + home + named
                    + ": point the client folder at the unpacked MaxCompute Spark client");
        }
        if (!Files.isExecutable(submit)) {
            return Optional.of(submit + " is not executable" + named);
        }
        Optional<int[]> version = sparkVersion(home);
        if (version.isEmpty()) {
            return Optional.of("the Spark version of the client " + home + named
                    + " cannot be read: it has neither a RELEASE file naming it nor jars/spark-core_*.jar");
        }
        int[] v = version.get();
        if (v[0] < MIN_SPARK[0] || (v[0] == MIN_SPARK[0] && v[1] < MIN_SPARK[1])) {
            return Optional.of("the client " + home + named + " is Spark " + v[0] + "." + v[1]
                    + "; the job needs Spark 3.5 (and Java 17): use the Spark 3.5.2 client (odps.spark.version "
                    + ClusterProfile.MaxComputeSpark.DEFAULT_SPARK_VERSION + ")");
        }
        if (profile.project().isBlank()) {
            return Optional.of("the MaxCompute project" + named + " is not set (spark.hadoop.odps.project.name)");
        }
        if (profile.endpoint().isBlank()) {
            return Optional.of("the MaxCompute endpoint" + named + " is not set (spark.hadoop.odps.end.point), e.g."
                    + " https://service.cn-hangzhou.maxcompute.aliyun.com/api");
        }
        return Optional.empty();
    }

    /** The client's Spark version (major, minor) from its {@code RELEASE} file, else its spark-core jar's name. */
    static Optional<int[]> sparkVersion(Path home) {
        requireNonNull(home, "home is null");
        Path release = home.resolve("RELEASE");
        if (Files.isRegularFile(release)) {
            try {
                Matcher m = RELEASE_VERSION.matcher(Files.readString(release, StandardCharsets.UTF_8));
                if (m.find()) {
                    return Optional.of(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))});
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                // fall back to the jar's name
            }
        }
        Path jars = home.resolve("jars");
        if (Files.isDirectory(jars)) {
            try (Stream<Path> files = Files.list(jars)) {
                List<String> names =
                        files.map(p -> p.getFileName().toString()).sorted().toList();
                for (String name : names) {
                    Matcher m = CORE_JAR.matcher(name);
                    if (m.matches()) {
                        return Optional.of(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))});
                    }
                }
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
