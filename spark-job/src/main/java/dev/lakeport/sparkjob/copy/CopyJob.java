package dev.lakeport.sparkjob.copy;

import dev.lakeport.config.ConfigKeys;
import dev.lakeport.config.MigrationConfig;
import dev.lakeport.config.PropertiesText;
import dev.lakeport.copy.CopyPlan;
import dev.lakeport.copy.CopyResult;
import dev.lakeport.copy.TunnelPacer;
import dev.lakeport.launch.CopyPlanArgs;
import dev.lakeport.launch.JobConf;
import dev.lakeport.launch.JobCredentials;
import dev.lakeport.secret.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * A job's data copied into MaxCompute as a Spark application:
 * {@code spark-submit --class dev.lakeport.sparkjob.copy.CopyJob lakeport-spark-job.jar <application.properties>
 * --plan <copy-plan.json> [--run-id ID] [--rows-per-block N] [--partitions-at-once N]} (or {@code --settings-base64 B64}
 * instead of the path, and {@code --plan-base64 B64}, gzip and Base64 of the plan, instead of its location: how the
 * launchers pass both, so that nothing has to reach the cluster's storage first; {@link CopyPlanArgs}).
 *
 * <p>The plan ({@link CopyPlan}, written by the project) names the tasks; the settings are the project's (the
 * destination's endpoint and project, {@code result.output.path}); credentials come as for the migration job: the
 * {@code spark.lakeport.*} settings, the driver's environment, or the settings file. Per task and partition the driver
 * opens an overwrite session, the executors read the partition's files with Spark's readers and write the blocks, the
 * driver commits; then each partition's three counts are compared (a separate Spark count of the files, the blocks'
 * rows, {@code COUNT(*)} at MaxCompute), and partitions that disagree are copied again alone, twice at most.
 *
 * <p>The result ({@link CopyResult}) goes to {@code <result.output.path>/copy-result-<runId>.json}, which the project
 * imports ({@code DataCopy.importResult}). A task's failure fails that task only; the run fails (exit status not 0)
 * when settings, plan or result file cannot be read or written. As the migration job does, it prints a progress record
 * per task and a summary record at the end ({@code JobRecords}), also to {@code progress-<runId>.jsonl} beside the
 * result, so that a launcher follows it.
 */
public final class CopyJob {
    private static final Logger LOG = LoggerFactory.getLogger(CopyJob.class);

    public static final String ARG_PLAN = CopyPlanArgs.ARG_PLAN;
    public static final String ARG_PLAN_BASE64 = CopyPlanArgs.ARG_PLAN_BASE64;
    public static final String ARG_ROWS_PER_BLOCK = "--rows-per-block";
    public static final String ARG_PARTITIONS_AT_ONCE = "--partitions-at-once";
    static final int DEFAULT_PARTITIONS_AT_ONCE = 4;
    static final String USAGE = "usage: " + CopyJob.class.getName() + " <path of application.properties> "
            + ARG_PLAN + " <copy plan> (or " + ARG_PLAN_BASE64 + " B64) [" + JobConf.ARG_RUN_ID + " ID] ["
            + ARG_ROWS_PER_BLOCK + " N] ["
            + ARG_PARTITIONS_AT_ONCE + " N] (or "
            + JobConf.ARG_SETTINGS_BASE64 + " B64 instead of the path)";
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private CopyJob() {}

    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder().appName("lakeport copy").getOrCreate();
        try {
            run(spark, args, System.out);
        } finally {
            spark.stop();
        }
    }

    /** The run's arguments. */
    record Args(
            Optional<String> settingsPath,
            Optional<String> settingsBase64,
            Optional<String> plan,
            Optional<String> planBase64,
            Optional<String> runId,
            long rowsPerBlock,
            int partitionsAtOnce) {
        static Args parse(String[] args) {
            Optional<String> path = Optional.empty();
            Optional<String> base64 = Optional.empty();
            Optional<String> plan = Optional.empty();
            Optional<String> planBase64 = Optional.empty();
            Optional<String> runId = Optional.empty();
            long rowsPerBlock = TaskCopier.DEFAULT_ROWS_PER_BLOCK;
            int partitionsAtOnce = DEFAULT_PARTITIONS_AT_ONCE;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals(ARG_PLAN)
                        || a.equals(ARG_PLAN_BASE64)
                        || a.equals(JobConf.ARG_RUN_ID)
                        || a.equals(JobConf.ARG_SETTINGS_BASE64)
                        || a.equals(ARG_ROWS_PER_BLOCK)
                        || a.equals(ARG_PARTITIONS_AT_ONCE)) {
                    if (i + 1 >= args.length || args[i + 1].isBlank()) {
                        throw new IllegalArgumentException(a + " needs a value; " + USAGE);
                    }
                    String value = args[++i].trim();
                    switch (a) {
                        case ARG_PLAN -> plan = Optional.of(value);
                        case ARG_PLAN_BASE64 -> planBase64 = Optional.of(value);
                        case JobConf.ARG_SETTINGS_BASE64 -> base64 = Optional.of(value);
                        case ARG_ROWS_PER_BLOCK -> {
                            try {
                                rowsPerBlock = Long.parseLong(value);
                            } catch (NumberFormatException e) {
                                rowsPerBlock = 0;
                            }
                            if (rowsPerBlock < 1) {
                                throw new IllegalArgumentException(ARG_ROWS_PER_BLOCK
                                        + " must be a number of rows of 1 or more, got '" + value + "'");
                            }
                        }
                        case ARG_PARTITIONS_AT_ONCE -> {
                            try {
                                partitionsAtOnce = Integer.parseInt(value);
                            } catch (NumberFormatException e) {
                                partitionsAtOnce = 0;
                            }
                            if (partitionsAtOnce < 1 || partitionsAtOnce > TunnelPacer.SESSIONS_AT_ONCE) {
                                throw new IllegalArgumentException(ARG_PARTITIONS_AT_ONCE + " must be 1 to "
                                        + TunnelPacer.SESSIONS_AT_ONCE
                                        + " (the Tunnel's open sessions per table), got '" + value + "'");
                            }
                        }
                        default -> {
                            if (!RUN_ID.matcher(value).matches()) {
                                throw new IllegalArgumentException(JobConf.ARG_RUN_ID
                                        + " must be 1-100 letters, digits, '.', '_' or '-', got '" + value + "'");
                            }
                            runId = Optional.of(value);
                        }
                    }
                } else if (a.startsWith("--")) {
                    throw new IllegalArgumentException("unknown option " + a + "; " + USAGE);
                } else if (path.isPresent()) {
                    throw new IllegalArgumentException(
                            "more than one settings path: " + path.get() + " and " + a + "; " + USAGE);
                } else if (!a.isBlank()) {
                    path = Optional.of(a.trim());
                }
            }
            if (path.isPresent() == base64.isPresent()) {
                throw new IllegalArgumentException((path.isPresent()
                                ? "give the settings as a path or as " + JobConf.ARG_SETTINGS_BASE64 + ", not both"
                                : "no settings given")
                        + "; " + USAGE);
            }
            if (plan.isEmpty() && planBase64.isEmpty()) {
                throw new IllegalArgumentException(
                        "no copy plan given (" + ARG_PLAN + " or " + ARG_PLAN_BASE64 + "); " + USAGE);
            }
            if (plan.isPresent() && planBase64.isPresent()) {
                throw new IllegalArgumentException(
                        "give the copy plan as " + ARG_PLAN + " or as " + ARG_PLAN_BASE64 + ", not both; " + USAGE);
            }
            return new Args(path, base64, plan, planBase64, runId, rowsPerBlock, partitionsAtOnce);
        }
    }

    /**
     * Runs the copy in an existing session and returns its result, also written to the result output path.
     *
     * @throws IllegalArgumentException when the arguments, settings or plan are wrong (nothing is copied)
     * @throws UncheckedIOException when the plan cannot be read or the result cannot be written
     */
    public static CopyResult run(SparkSession spark, String[] rawArgs, PrintStream out) {
        Args args = Args.parse(rawArgs);
        String runId = args.runId().orElseGet(dev.lakeport.apply.ResultLog::newRunId);
        Destination destination = destination(spark, args);
        Map<String, Optional<String>> previous = new java.util.LinkedHashMap<>();
        SESSION_SETTINGS.forEach((k, v) -> {
            previous.put(k, Optional.ofNullable(spark.conf().get(k, null)));
            spark.conf().set(k, v);
        });
        try {
            MigrationConfig config = destination.config();
            String output = config.run()
                    .resultOutputPath()
                    .orElseThrow(() -> new IllegalArgumentException(ConfigKeys.RESULT_OUTPUT_PATH
                            + " is not set: the copy writes its result file there, for the project to import"));
            Records records = new Records(spark, runId, output, out);
            CopyPlan plan;
            try {
                plan = args.plan().isPresent()
                        ? readPlan(spark, args.plan().get())
                        : readInlinePlan(args.planBase64().orElseThrow());
            } catch (RuntimeException e) {
                records.summary(List.of(), List.of(), Optional.of(String.valueOf(e.getMessage())));
                throw e;
            }
            LOG.info(
                    "lakeport copy {}: job {}, {} tasks, {}",
                    runId,
                    plan.jobId(),
                    plan.tasks().size(),
                    destination);
            TaskCopier copier = new TaskCopier(spark, destination, args.rowsPerBlock(), args.partitionsAtOnce());
            List<CopyResult.TaskResult> results = new ArrayList<>();
            try {
                for (CopyPlan.Task task : plan.tasks()) {
                    CopyResult.TaskResult r = copier.copy(task);
                    out.println("lakeport copy " + runId + ": task " + task.taskId() + " " + r.table() + " " + r.state()
                            + ": " + (r.succeeded() ? r.summary() : r.error()));
                    results.add(r);
                    records.progress(results, plan.tasks().size());
                }
            } catch (RuntimeException e) {
                records.summary(results, List.of(), Optional.of(String.valueOf(e.getMessage())));
                throw e;
            } finally {
                copier.close();
            }
            CopyResult result = CopyResult.of(plan.jobId(), runId, results);
            Path file = new Path(output, CopyResult.fileName(runId));
            try {
                writeResult(spark, file, result);
            } catch (RuntimeException e) {
                records.summary(results, List.of(), Optional.of(String.valueOf(e.getMessage())));
                throw e;
            }
            long failed = results.stream().filter(r -> !r.succeeded()).count();
            out.println("lakeport copy " + runId + ": " + (results.size() - failed) + " tasks succeeded, " + failed
                    + " failed; result " + file);
            records.summary(results, List.of(file.toString()), Optional.empty());
            out.flush();
            return result;
        } finally {
            destination.release();
            previous.forEach((k, v) -> {
                if (v.isPresent()) {
                    spark.conf().set(k, v.get());
                } else {
                    spark.conf().unset(k);
                }
            });
        }
    }

    /**
     * How the run reads dates and times, whatever the cluster's defaults: text timestamps are Hive's wall-clock times,
     * read at UTC as the copy on this computer reads them (a timestamp kept as an instant, as Parquet's, keeps its
     * instant); values come as {@link java.time.LocalDate} and {@link java.time.Instant}, free of the JVM's zone.
     */
    private static final Map<String, String> SESSION_SETTINGS =
            Map.of("spark.sql.session.timeZone", "UTC", "spark.sql.datetime.java8API.enabled", "true");

    // ---- settings and credentials, as the migration job reads them

    private static Destination destination(SparkSession spark, Args args) {
        String source = args.settingsPath().orElse(JobConf.ARG_SETTINGS_BASE64);
        String text;
        if (args.settingsPath().isPresent()) {
            text = PropertiesText.decode(readBytes(spark, args.settingsPath().get(), "settings"), source);
        } else {
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(args.settingsBase64().orElseThrow());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        JobConf.ARG_SETTINGS_BASE64 + " is not valid Base64: " + e.getMessage(), e);
            }
            text = PropertiesText.decode(bytes, source);
        }
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JobCredentials.Split split = JobCredentials.split(properties);
        Map<String, Secret> secrets = new TreeMap<>(split.credentials().secrets());
        JobCredentials fromEnv = JobCredentials.fromEnvironment(System.getenv());
        JobCredentials fromConf =
                JobCredentials.fromSparkConf(lakeportConf(spark.sparkContext().getConf()));
        secrets.putAll(fromEnv.secrets());
        secrets.putAll(fromConf.secrets());
        if (!split.credentials().secrets().isEmpty()
                && !fromConf.secrets()
                        .keySet()
                        .containsAll(split.credentials().secrets().keySet())) {
            LOG.warn(
                    "access keys are read from {}: prefer passing them as the spark.lakeport.* settings, which Spark"
                            + " redacts",
                    source);
        }
        Map<String, String> clean = new HashMap<>();
        split.settings()
                .stringPropertyNames()
                .forEach(k -> clean.put(k, split.settings().getProperty(k)));
        Destination destination = new Destination(clean, secrets);
        destination.config(); // a wrong setting stops the run here, naming it
        return destination;
    }

    private static Map<String, String> lakeportConf(SparkConf conf) {
        Map<String, String> map = new HashMap<>();
        for (Tuple2<String, String> e : conf.getAll()) {
            if (e._1().startsWith(JobConf.CREDENTIAL_PREFIX)) {
                map.put(e._1(), e._2());
            }
        }
        return map;
    }

    private static CopyPlan readInlinePlan(String base64) {
        try (InputStream in = new java.io.ByteArrayInputStream(CopyPlanArgs.decode(base64))) {
            return CopyPlan.read(in, ARG_PLAN_BASE64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The run's records for a launcher: a progress record per task done and a summary at the end, on stdout and in
     * {@code progress-<runId>.jsonl} beside the result. The summary counts tasks: copied ones as created.
     */
    private static final class Records {
        private final String runId;
        private final PrintStream out;
        private final Optional<dev.lakeport.sparkjob.ProgressFile> file;
        private final java.time.Instant started = java.time.Instant.now();

        Records(SparkSession spark, String runId, String output, PrintStream out) {
            this.runId = runId;
            this.out = out;
            Optional<dev.lakeport.sparkjob.ProgressFile> f;
            try {
                Path path = new Path(output, "progress-" + runId + ".jsonl");
                f = Optional.of(new dev.lakeport.sparkjob.ProgressFile(
                        path.getFileSystem(spark.sparkContext().hadoopConfiguration()), path));
            } catch (IOException | RuntimeException e) {
                LOG.warn("no progress file under {}: {}", output, e.toString());
                f = Optional.empty();
            }
            this.file = f;
        }

        void progress(List<CopyResult.TaskResult> results, int total) {
            long failed = results.stream().filter(r -> !r.succeeded()).count();
            write(new dev.lakeport.launch.JobProgress(
                    runId, "copy", results.size(), failed, total, 0, java.time.Instant.now()));
        }

        void summary(List<CopyResult.TaskResult> results, List<String> files, Optional<String> error) {
            long failed = results.stream().filter(r -> !r.succeeded()).count();
            write(new dev.lakeport.launch.JobSummary(
                    runId,
                    Map.of("task", new dev.lakeport.apply.RunSummary.Counts(results.size() - failed, 0, 0, 0, failed)),
                    java.time.Duration.between(started, java.time.Instant.now()),
                    files,
                    false,
                    error));
        }

        private void write(dev.lakeport.launch.JobRecord record) {
            out.println(dev.lakeport.launch.JobRecords.toLogLine(record));
            out.flush();
            file.ifPresent(f -> f.append(dev.lakeport.launch.JobRecords.toJson(record)));
        }
    }

    private static CopyPlan readPlan(SparkSession spark, String location) {
        try (InputStream in = new java.io.ByteArrayInputStream(readBytes(spark, location, "copy plan"))) {
            return CopyPlan.read(in, location);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readBytes(SparkSession spark, String location, String what) {
        Path path = new Path(location);
        try {
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            try (InputStream in = fs.open(path)) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "the " + what + " " + location + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static void writeResult(SparkSession spark, Path file, CopyResult result) {
        try {
            FileSystem fs = file.getFileSystem(spark.sparkContext().hadoopConfiguration());
            try (OutputStream out = fs.create(file, true)) {
                result.write(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the copy result " + file + " cannot be written: " + e.getMessage(), e);
        }
    }
}
