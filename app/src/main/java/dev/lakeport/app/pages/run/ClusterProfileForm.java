package dev.lakeport.app.pages.run;

import dev.lakeport.launch.ClusterProfile;
import dev.lakeport.launch.ClusterProfiles;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The fields of one cluster profile as the profiles dialog edits them, and the profile they make. {@link #build()}
 * checks everything and says what is wrong and where; nothing is saved until every field is right.
 */
public final class ClusterProfileForm {
    public enum Type {
        SPARK_SUBMIT("run.profile.type.sparkSubmit"),
        LIVY("run.profile.type.livy"),
        LOCAL("run.profile.type.local"),
        MAXCOMPUTE_SPARK("run.profile.type.maxComputeSpark");

        private final String messageKey;

        Type(String messageKey) {
            this.messageKey = messageKey;
        }

        /** The bundle key of the type's name. */
        public String messageKey() {
            return messageKey;
        }

        public static Type of(ClusterProfile profile) {
            if (profile instanceof ClusterProfile.SparkSubmit) {
                return SPARK_SUBMIT;
            }
            if (profile instanceof ClusterProfile.MaxComputeSpark) {
                return MAXCOMPUTE_SPARK;
            }
            return profile instanceof ClusterProfile.Livy ? LIVY : LOCAL;
        }
    }

    private final StringProperty name = new SimpleStringProperty("");
    private final ObjectProperty<Type> type = new SimpleObjectProperty<>(Type.SPARK_SUBMIT);
    private final StringProperty sparkHome = new SimpleStringProperty("");
    private final StringProperty hadoopConfDir = new SimpleStringProperty("");
    private final StringProperty master = new SimpleStringProperty("yarn");
    private final StringProperty deployMode = new SimpleStringProperty("cluster");
    private final StringProperty livyUrl = new SimpleStringProperty("");
    private final StringProperty jobJar = new SimpleStringProperty("");
    private final StringProperty proxyUser = new SimpleStringProperty("");
    private final StringProperty threads = new SimpleStringProperty("2");
    private final StringProperty sparkConf = new SimpleStringProperty("");
    private final StringProperty clientHome = new SimpleStringProperty("");
    private final StringProperty odpsSparkVersion =
            new SimpleStringProperty(ClusterProfile.MaxComputeSpark.DEFAULT_SPARK_VERSION);
    private final StringProperty odpsProject = new SimpleStringProperty("");
    private final StringProperty odpsEndpoint = new SimpleStringProperty("");
    private final StringProperty odpsRuntimeEndpoint = new SimpleStringProperty("");

    /** What a profile the user fills in from scratch looks like: a YARN cluster through spark-submit. */
    public static ClusterProfileForm blank(String name) {
        ClusterProfileForm form = new ClusterProfileForm();
        form.name.set(name);
        Optional.ofNullable(System.getenv("SPARK_HOME")).ifPresent(form.sparkHome::set);
        Optional.ofNullable(System.getenv("HADOOP_CONF_DIR")).ifPresent(form.hadoopConfDir::set);
        form.sparkConf.set("spark.executor.instances=10\n");
        return form;
    }

    /** The fields of a saved profile. */
    public static ClusterProfileForm of(ClusterProfile profile) {
        ClusterProfileForm form = new ClusterProfileForm();
        form.name.set(profile.name());
        form.sparkConf.set(confText(profile.sparkConf()));
        form.type.set(Type.of(profile));
        if (profile instanceof ClusterProfile.SparkSubmit p) {
            form.sparkHome.set(p.sparkHome().toString());
            form.hadoopConfDir.set(p.hadoopConfDir().map(Path::toString).orElse(""));
            form.master.set(p.master());
            form.deployMode.set(p.deployMode());
        } else if (profile instanceof ClusterProfile.Livy p) {
            form.livyUrl.set(p.url().toString());
            form.jobJar.set(p.jobJar().orElse(""));
            form.proxyUser.set(p.proxyUser().orElse(""));
        } else if (profile instanceof ClusterProfile.Local p) {
            form.threads.set(Integer.toString(p.threads()));
        } else if (profile instanceof ClusterProfile.MaxComputeSpark p) {
            form.clientHome.set(p.clientHome().toString());
            form.odpsSparkVersion.set(p.sparkVersion());
            form.odpsProject.set(p.project());
            form.odpsEndpoint.set(p.endpoint());
            form.odpsRuntimeEndpoint.set(p.runtimeEndpoint().orElse(""));
        }
        return form;
    }

    /**
     * The profile the fields make.
     *
     * @throws IllegalArgumentException saying which field is wrong and why
     */
    public ClusterProfile build() {
        String n = name.get().trim();
        if (!ClusterProfile.NAME.matcher(n).matches()) {
            throw new IllegalArgumentException("Name: 1-64 letters, digits, '_' or '-' (got '" + n + "')");
        }
        Map<String, String> conf = parseConf(sparkConf.get());
        ClusterProfile profile = make(n, conf);
        // the same checks as when the project's settings are read back (no credentials among the Spark settings)
        ClusterProfiles.write(List.of(profile), new Properties());
        return profile;
    }

    private ClusterProfile make(String n, Map<String, String> conf) {
        return switch (type.get()) {
            case SPARK_SUBMIT -> {
                String home = required(sparkHome.get(), "SPARK_HOME");
                String mode = deployMode.get().trim();
                if (!mode.equals("cluster") && !mode.equals("client")) {
                    throw new IllegalArgumentException("Deploy mode: cluster or client (got '" + mode + "')");
                }
                yield new ClusterProfile.SparkSubmit(
                        n,
                        path(home, "SPARK_HOME"),
                        hadoopConfDir.get().isBlank()
                                ? Optional.empty()
                                : Optional.of(path(hadoopConfDir.get().trim(), "HADOOP_CONF_DIR")),
                        required(master.get(), "Master"),
                        mode,
                        conf);
            }
            case LIVY -> {
                String url = required(livyUrl.get(), "Livy URL");
                URI uri;
                try {
                    uri = new URI(url);
                } catch (URISyntaxException e) {
                    throw new IllegalArgumentException("Livy URL: not a URL (" + e.getReason() + ")");
                }
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    throw new IllegalArgumentException("Livy URL: http://host:8998 or https://... (got '" + url + "')");
                }
                yield new ClusterProfile.Livy(n, uri, optional(jobJar.get()), optional(proxyUser.get()), conf);
            }
            case LOCAL -> {
                int t;
                try {
                    t = Integer.parseInt(threads.get().trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("Threads: a whole number (got '" + threads.get() + "')");
                }
                if (t < 1 || t > 256) {
                    throw new IllegalArgumentException("Threads: 1 to 256 (got " + t + ")");
                }
                yield new ClusterProfile.Local(n, t, conf);
            }
            case MAXCOMPUTE_SPARK -> new ClusterProfile.MaxComputeSpark(
                    n,
                    path(required(clientHome.get(), "MaxCompute Spark client"), "MaxCompute Spark client"),
                    odpsSparkVersion.get() == null ? "" : odpsSparkVersion.get(),
                    required(odpsProject.get(), "MaxCompute project"),
                    required(odpsEndpoint.get(), "MaxCompute endpoint"),
                    optional(odpsRuntimeEndpoint.get()),
                    conf);
        };
    }

    /** What is wrong with the fields now, or empty. */
    public Optional<String> problem() {
        try {
            build();
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * Spark settings typed one {@code key=value} a line ({@code #} comments and blank lines ignored).
     *
     * @throws IllegalArgumentException naming the line that is not {@code key=value}
     */
    static Map<String, String> parseConf(String text) {
        Map<String, String> conf = new LinkedHashMap<>();
        String[] lines = text == null ? new String[0] : text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(
                        "Spark settings line " + (i + 1) + ": key=value expected (got '" + line + "')");
            }
            String key = line.substring(0, eq).trim();
            if (!key.startsWith("spark.")) {
                throw new IllegalArgumentException(
                        "Spark settings line " + (i + 1) + ": Spark settings start with 'spark.' (got '" + key + "')");
            }
            conf.put(key, line.substring(eq + 1).trim());
        }
        return conf;
    }

    static String confText(Map<String, String> conf) {
        StringBuilder sb = new StringBuilder();
        conf.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return sb.toString();
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + ": required");
        }
        return value.trim();
    }

    private static Path path(String value, String field) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(field + ": not a path (" + e.getReason() + ")");
        }
    }

    private static Optional<String> optional(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public StringProperty nameProperty() {
        return name;
    }

    public ObjectProperty<Type> typeProperty() {
        return type;
    }

    public StringProperty sparkHomeProperty() {
        return sparkHome;
    }

    public StringProperty hadoopConfDirProperty() {
        return hadoopConfDir;
    }

    public StringProperty masterProperty() {
        return master;
    }

    public StringProperty deployModeProperty() {
        return deployMode;
    }

    public StringProperty livyUrlProperty() {
        return livyUrl;
    }

    public StringProperty jobJarProperty() {
        return jobJar;
    }

    public StringProperty proxyUserProperty() {
        return proxyUser;
    }

    public StringProperty threadsProperty() {
        return threads;
    }

    /** Spark on MaxCompute: the client's folder (with {@code bin/spark-submit}). */
    public StringProperty clientHomeProperty() {
        return clientHome;
    }

    /** Spark on MaxCompute: {@code spark.hadoop.odps.spark.version}. */
    public StringProperty odpsSparkVersionProperty() {
        return odpsSparkVersion;
    }

    public StringProperty odpsProjectProperty() {
        return odpsProject;
    }

    public StringProperty odpsEndpointProperty() {
        return odpsEndpoint;
    }

    public StringProperty odpsRuntimeEndpointProperty() {
        return odpsRuntimeEndpoint;
    }

    /** Spark settings, one {@code key=value} a line. */
    public StringProperty sparkConfProperty() {
        return sparkConf;
    }
}
