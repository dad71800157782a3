package dev.lakeport.cli;

import dev.lakeport.apply.ResultLog;
import dev.lakeport.launch.ClusterProfile;
import dev.lakeport.launch.ClusterProfiles;
import dev.lakeport.launch.JobHandle;
import dev.lakeport.launch.JobJar;
import dev.lakeport.launch.JobLauncher;
import dev.lakeport.launch.JobLaunchers;
import dev.lakeport.launch.JobListener;
import dev.lakeport.launch.JobState;
import dev.lakeport.launch.JobSubmission;
import dev.lakeport.pipeline.ApplyOutcome;
import dev.lakeport.pipeline.JobRun;
import dev.lakeport.pipeline.Migration;
import dev.lakeport.pipeline.ProjectSettings;
import dev.lakeport.progress.CancellationToken;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Submits the bundled Spark job to a cluster and, with --follow, follows it to the end. */
@Command(
        name = "submit",
        mixinStandardHelpOptions = true,
        description = {
            "Run the migration as the bundled Spark job: on a cluster profile saved in the project (--profile), or on"
                    + " one given here (--target). The job reads both catalogs, diffs and applies on the cluster, and"
                    + " writes its result log to result.output.path.",
            "Credentials travel as Spark settings that Spark redacts; with no access keys in the settings the job"
                    + " uses the cluster's roles (EC2 instance profile, ECS RAM role)."
        })
final class SubmitCommand extends StepCommand {
    enum Target {
        SPARK_SUBMIT,
        LIVY,
        LOCAL,
        MAXCOMPUTE_SPARK
    }

    @Option(names = "--profile", paramLabel = "NAME", description = "A cluster profile saved in the project.")
    String profile;

    @Option(
            names = "--target",
            paramLabel = "KIND",
            description = "A profile given here: spark-submit, livy, local (Spark in this process) or"
                    + " maxcompute-spark (the MaxCompute Spark client as --spark-home).",
            converter = TargetConverter.class)
    Target target;

    @Option(
            names = "--spark-home",
            paramLabel = "DIR",
            description = "spark-submit: SPARK_HOME (default: $SPARK_HOME).")
    Path sparkHome;

    @Option(names = "--hadoop-conf-dir", paramLabel = "DIR", description = "spark-submit: HADOOP_CONF_DIR for YARN.")
    Path hadoopConfDir;

    @Option(names = "--master", paramLabel = "URL", description = "spark-submit: master (default: yarn).")
    String master = "yarn";

    @Option(
            names = "--deploy-mode",
            paramLabel = "MODE",
            description = "spark-submit: cluster or client (default: cluster).")
    String deployMode = "cluster";

    @Option(names = "--livy-url", paramLabel = "URL", description = "livy: the server, e.g. http://emr-master:8998.")
    URI livyUrl;

    @Option(
            names = "--job-jar-uri",
            paramLabel = "URI",
            description =
                    "livy: where the cluster finds the job jar (hdfs://, oss://, s3://); default: this computer's.")
    String jobJarUri;

    @Option(names = "--proxy-user", paramLabel = "USER", description = "livy: run the batch as this user.")
    String proxyUser;

    @Option(
            names = "--odps-project",
            paramLabel = "NAME",
            description = "maxcompute-spark: the MaxCompute project (spark.hadoop.odps.project.name).")
    String odpsProject;

    @Option(
            names = "--odps-endpoint",
            paramLabel = "URL",
            description = "maxcompute-spark: the endpoint (spark.hadoop.odps.end.point).")
    String odpsEndpoint;

    @Option(
            names = "--odps-runtime-endpoint",
            paramLabel = "URL",
            description = "maxcompute-spark: the endpoint inside MaxCompute (spark.hadoop.odps.runtime.end.point).")
    String odpsRuntimeEndpoint;

    @Option(
            names = "--odps-spark-version",
            paramLabel = "VERSION",
            description = "maxcompute-spark: spark.hadoop.odps.spark.version (default: spark-3.5.2-odps0.49.0).")
    String odpsSparkVersion = "";

    @Option(names = "--threads", paramLabel = "N", description = "local: Spark threads (default: 2).")
    int threads = 2;

    @Option(
            names = "--conf",
            paramLabel = "KEY=VALUE",
            description = "A Spark setting for this submission, e.g. spark.executor.instances=10 (repeatable).")
    Map<String, String> conf = new LinkedHashMap<>();

    @Option(
            names = "--job-jar",
            paramLabel = "FILE",
            description = "The job jar (default: the one installed with Lakeport).")
    Path jobJar;

    @Option(
            names = "--follow",
            description = "Follow the job to its end: progress, the summary, the exit code of the run."
                    + " Needed for spark-submit and local jobs, which run under this command.")
    boolean follow;

    @Option(names = "--log", description = "With --follow: print the driver log's lines as they come.")
    boolean log;

    @Mixin
    ApplyOptions options;

    @Override
    int run(Migration migration, CancellationToken cancel) {
        Properties stored = new ProjectSettings(migration.snapshot().dataSource()).load();
        ClusterProfile where = profile(stored);
        if (!follow && !(where instanceof ClusterProfile.Livy)) {
            throw new IllegalArgumentException(
                    "a " + kind(where) + " job runs under this command: add --follow;" + " nothing was submitted");
        }
        JobLaunchers.unavailable(where).ifPresent(reason -> {
            throw new IllegalArgumentException("cannot submit to " + where.name() + ": " + reason);
        });
        Path jar = jobJar != null ? jobJar : JobJar.require();
        JobSubmission submission = JobRun.submission(
                JobRun.withExclusions(settings(stored), migration.exclusions().rules()),
                JobRun.credentials(migration.config()),
                options.request(migration),
                migration.outputPath(),
                ResultLog.newRunId(),
                "lakeport " + migration.projectFile().getFileName(),
                jar,
                conf);
        JobLauncher launcher = JobLaunchers.forProfile(where);
        err().printf("Submitting run %s to %s (%s)...%n", submission.runId(), where.name(), kind(where));
        err().flush();
        JobListener listener = jobListener(log);
        if (!follow) {
            JobHandle handle = launcher.submit(submission, listener);
            awaitAccepted(handle);
            out().printf(
                            "Submitted run %s as %s; its result log goes to %s%n",
                            submission.runId(), handle.applicationId().orElse("(no id yet)"), migration.outputPath());
            out().flush();
            return ExitCode.OK;
        }
        ApplyOutcome outcome;
        try (ConsoleProgress progress = progress()) {
            outcome = JobRun.run(
                    launcher, submission, listener, progress, cancel, Optional.of(migration.results()), r -> {});
        }
        Summaries.run(out(), outcome.summary());
        if (!outcome.summary().files().isEmpty()) {
            out().printf("  Result log: %s%n              %s%n", outcome.resultsFile(), outcome.csvFile());
        } else {
            out().printf("  Result log: %s on the cluster's storage%n", migration.outputPath());
        }
        out().flush();
        return ApplyCommand.exitCode(outcome);
    }

    /** The project's settings as stored (never with credentials: those come from the configuration). */
    private static Map<String, String> settings(Properties stored) {
        Map<String, String> map = new LinkedHashMap<>();
        stored.stringPropertyNames().forEach(k -> map.put(k, stored.getProperty(k)));
        return map;
    }

    private ClusterProfile profile(Properties stored) {
        if ((profile == null) == (target == null)) {
            throw new IllegalArgumentException("give either --profile NAME (saved in the project) or --target KIND");
        }
        if (profile != null) {
            return saved(stored, profile);
        }
        return switch (target) {
            case SPARK_SUBMIT -> {
                Path home = sparkHome != null
                        ? sparkHome
                        : Optional.ofNullable(System.getenv("SPARK_HOME"))
                                .map(Path::of)
                                .orElseThrow(() -> new IllegalArgumentException(
                                        "--target spark-submit needs --spark-home DIR or $SPARK_HOME"));
                Path hadoop = hadoopConfDir != null
                        ? hadoopConfDir
                        : Optional.ofNullable(System.getenv("HADOOP_CONF_DIR"))
                                .map(Path::of)
                                .orElse(null);
                yield new ClusterProfile.SparkSubmit(
                        "command-line", home, Optional.ofNullable(hadoop), master, deployMode, Map.of());
            }
            case LIVY -> {
                if (livyUrl == null) {
                    throw new IllegalArgumentException("--target livy needs --livy-url URL");
                }
                yield new ClusterProfile.Livy(
                        "command-line",
                        livyUrl,
                        Optional.ofNullable(jobJarUri),
                        Optional.ofNullable(proxyUser),
                        Map.of());
            }
            case LOCAL -> new ClusterProfile.Local("command-line", threads, Map.of());
            case MAXCOMPUTE_SPARK -> {
                if (sparkHome == null) {
                    throw new IllegalArgumentException(
                            "--target maxcompute-spark needs --spark-home DIR (the MaxCompute Spark client's folder)");
                }
                yield new ClusterProfile.MaxComputeSpark(
                        "command-line",
                        sparkHome,
                        odpsSparkVersion,
                        Optional.ofNullable(odpsProject).orElse(""),
                        Optional.ofNullable(odpsEndpoint).orElse(""),
                        Optional.ofNullable(odpsRuntimeEndpoint),
                        Map.of());
            }
        };
    }

    /** The cluster profile {@code name} saved in the project's settings. */
    static ClusterProfile saved(Properties stored, String name) {
        List<ClusterProfile> saved = ClusterProfiles.read(stored);
        return saved.stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no cluster profile " + name
                        + " in the project; saved: "
                        + (saved.isEmpty()
                                ? "none"
                                : String.join(
                                        ", ",
                                        saved.stream().map(ClusterProfile::name).toList()))));
    }

    private static String kind(ClusterProfile p) {
        if (p instanceof ClusterProfile.MaxComputeSpark) {
            return "Spark on MaxCompute";
        }
        if (p instanceof ClusterProfile.SparkSubmit) {
            return "spark-submit";
        }
        return p instanceof ClusterProfile.Livy ? "Livy" : "local Spark";
    }

    /** Waits until the cluster took the job (an id, or running), up to a minute. */
    private static void awaitAccepted(JobHandle handle) {
        long until = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        try {
            while (handle.applicationId().isEmpty() && !handle.state().isFinal() && System.nanoTime() < until) {
                handle.await(Duration.ofMillis(200));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (handle.state() == JobState.FAILED) {
            throw new dev.lakeport.launch.JobException(
                    "the cluster refused the job: " + String.join(" | ", handle.logTail(5)));
        }
    }

    static final class TargetConverter implements picocli.CommandLine.ITypeConverter<Target> {
        @Override
        public Target convert(String value) {
            return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "spark-submit", "spark_submit" -> Target.SPARK_SUBMIT;
                case "livy" -> Target.LIVY;
                case "local" -> Target.LOCAL;
                case "maxcompute-spark", "maxcompute_spark" -> Target.MAXCOMPUTE_SPARK;
                default -> throw new picocli.CommandLine.TypeConversionException(
                        "'" + value + "' is not a target: spark-submit, livy, local or maxcompute-spark");
            };
        }
    }
}
