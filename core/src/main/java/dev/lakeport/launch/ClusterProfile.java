package dev.lakeport.launch;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the Spark job runs, saved under a name the user picks. Stored in a project's settings by
 * {@link ClusterProfiles}.
 */
public sealed interface ClusterProfile
        permits ClusterProfile.SparkSubmit, ClusterProfile.Livy, ClusterProfile.Local, ClusterProfile.MaxComputeSpark {
    Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    String name();

    /** Spark settings added to every submission with this profile ({@code spark.executor.instances}, ...). */
    Map<String, String> sparkConf();

    /**
     * A Spark client on this machine: {@code SPARK_HOME/bin/spark-submit} through Spark's {@code SparkLauncher}, with
     * {@code HADOOP_CONF_DIR} for YARN (EMR) or the MaxCompute Spark client with its {@code spark.hadoop.odps.*}
     * settings in {@code sparkConf}. {@code master} is {@code yarn}, {@code local[N]}, ...; {@code deployMode}
     * {@code cluster} or {@code client}.
     */
    record SparkSubmit(
            String name,
            Path sparkHome,
            Optional<Path> hadoopConfDir,
            String master,
            String deployMode,
            Map<String, String> sparkConf)
            implements ClusterProfile {
        public SparkSubmit {
            checkName(name);
            requireNonNull(sparkHome, "sparkHome is null");
            requireNonNull(hadoopConfDir, "hadoopConfDir is null");
            requireNonNull(master, "master is null");
            if (!deployMode.equals("cluster") && !deployMode.equals("client")) {
                throw new IllegalArgumentException("deploy mode must be cluster or client: " + deployMode);
            }
            sparkConf = Map.copyOf(sparkConf);
        }
    }

    /**
     * An Apache Livy server ({@code POST /batches}), as EMR clusters offer. {@code jobJar} is where the cluster finds
     * the job jar ({@code hdfs://}, {@code oss://}, {@code s3://}, or {@code local:} / a path on the Livy host); empty
     * means the jar on this machine, for a Livy server that shares this machine's files.
     */
    record Livy(
            String name, URI url, Optional<String> jobJar, Optional<String> proxyUser, Map<String, String> sparkConf)
            implements ClusterProfile {
        public Livy {
            checkName(name);
            requireNonNull(url, "url is null");
            if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
                throw new IllegalArgumentException("Livy URL must be http:// or https://: " + url);
            }
            requireNonNull(jobJar, "jobJar is null");
            requireNonNull(proxyUser, "proxyUser is null");
            sparkConf = Map.copyOf(sparkConf);
        }
    }

    /** In this process with {@code local[threads]}: for the sample project and tests; needs Spark on the classpath. */
    record Local(String name, int threads, Map<String, String> sparkConf) implements ClusterProfile {
        public Local {
            checkName(name);
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1: " + threads);
            }
            sparkConf = Map.copyOf(sparkConf);
        }
    }

    /**
     * Spark on MaxCompute: the MaxCompute Spark client on this machine ({@code clientHome/bin/spark-submit}), which
     * submits with master {@code yarn} in deploy mode {@code cluster} (the only cluster mode it has) to the MaxCompute
     * {@code project} at {@code endpoint} ({@code spark.hadoop.odps.end.point}), with the runtime image
     * {@code sparkVersion} ({@code spark.hadoop.odps.spark.version}). {@code runtimeEndpoint}
     * ({@code spark.hadoop.odps.runtime.end.point}) is the endpoint as seen from inside MaxCompute, when it differs.
     * The access id and secret are not part of the profile: they are the project's MaxCompute credentials, and travel
     * with each submission in a file only this user can read ({@link SparkSubmitLauncher}). {@code project} and
     * {@code endpoint} may be blank while a profile is being edited; {@link JobLaunchers#unavailable} then names them.
     */
    record MaxComputeSpark(
            String name,
            Path clientHome,
            String sparkVersion,
            String project,
            String endpoint,
            Optional<String> runtimeEndpoint,
            Map<String, String> sparkConf)
            implements ClusterProfile {
        /** The client's newest runtime listed by Alibaba Cloud (Spark 3.5.2), the one the job is built for. */
        public static final String DEFAULT_SPARK_VERSION = "spark-3.5.2-odps0.49.0";

        public MaxComputeSpark {
            checkName(name);
            requireNonNull(clientHome, "clientHome is null");
            requireNonNull(sparkVersion, "sparkVersion is null");
            requireNonNull(project, "project is null");
            requireNonNull(endpoint, "endpoint is null");
            requireNonNull(runtimeEndpoint, "runtimeEndpoint is null");
            sparkVersion = sparkVersion.isBlank() ? DEFAULT_SPARK_VERSION : sparkVersion.strip();
            project = project.strip();
            endpoint = endpoint.strip();
            runtimeEndpoint = runtimeEndpoint.map(String::strip).filter(s -> !s.isEmpty());
            sparkConf = Map.copyOf(sparkConf);
        }
    }

    private static void checkName(String name) {
        requireNonNull(name, "name is null");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "a cluster profile name is 1-64 letters, digits, '_' or '-': '" + name + "'");
        }
    }
}
