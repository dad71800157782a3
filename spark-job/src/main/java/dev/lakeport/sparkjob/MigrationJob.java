package dev.lakeport.sparkjob;

import dev.lakeport.apply.Executor;
import dev.lakeport.apply.ExecutorOptions;
import dev.lakeport.config.ConfigException;
import dev.lakeport.config.ConfigProblem;
import dev.lakeport.config.MigrationConfig;
import dev.lakeport.config.MigrationConfigLoader;
import dev.lakeport.config.PropertiesText;
import dev.lakeport.connector.WriterLimits;
import dev.lakeport.diff.DiffEntry;
import dev.lakeport.diff.DiffResult;
import dev.lakeport.diff.DiffWords;
import dev.lakeport.launch.JobConf;
import dev.lakeport.launch.JobCredentials;
import dev.lakeport.launch.JobProgress;
import dev.lakeport.launch.JobSummary;
import dev.lakeport.model.ItemNames;
import dev.lakeport.model.Table;
import dev.lakeport.plan.Plan;
import dev.lakeport.plan.PlanOptions;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import dev.lakeport.secret.Secret;
import dev.lakeport.snapshot.ObjectBytes;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.RDDInfo;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;
import scala.collection.JavaConverters;

/**
 * A catalog migration as a Spark application, a drop-in for the seed's job:
 * {@code spark-submit --class dev.lakeport.sparkjob.MigrationJob lakeport-spark-job.jar <application.properties>
 * [--run-id ID] [--settings-base64 B64]} ({@link GlueToDlfJob}, the seed-era name, still works).
 *
 * <ol>
 *   <li><b>Extract</b>: the driver lists databases, tables and functions of both catalogs in scope; one task per
 *       (table, split) reads the source's partitions where the source reader splits a listing
 *       ({@link dev.lakeport.connector.SplittableReader}), else one per table; one task per table reads the
 *       destination's; each maps and fingerprints them as a direct load does.
 *   <li><b>Transform</b>: a shuffle brings each table's partitions of both sides together, sorted by key; one pass
 *       pairs them into differences (glueNew, dlfNew, needUpdate) by the direct diff's own rule, kept (persisted) and
 *       counted. The driver compares databases, tables and functions with the direct diff's engine. If deletions are on, their total must equal
 *       {@code lakeport.confirmDeletes} or the job stops before writing anything.
 *   <li><b>Load</b>: the driver creates and updates databases, tables and functions; tasks apply the partitions with
 *       core's executor, batched per table; then the driver deletes tables, functions and databases, children first.
 *       Results come back to the driver, which writes the result log under {@code result.output.path}.
 * </ol>
 *
 * <p>Progress records go to stdout and to {@code progress-<runId>.jsonl}; a summary ends the run, also on failure.
 */
public final class MigrationJob {
    private static final Logger LOG = LoggerFactory.getLogger(MigrationJob.class);

    static final String EXTRACT_RDD = "lakeport-extract";
    static final String TRANSFORM_RDD = "lakeport-transform";
    static final String LOAD_RDD = "lakeport-load";
    /** The description of the load's Spark job, for whoever follows the application's jobs. */
    public static final String LOAD_JOB = "lakeport load";

    private MigrationJob() {}

    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder().appName("lakeport migrate").getOrCreate();
        JobSummary summary;
        try {
            summary = run(spark, args, System.out);
        } finally {
            spark.stop();
        }
        if (summary.error().isPresent()) {
            throw new JobFailedException(summary.error().get());
        }
    }

    /**
     * Runs the job in an existing session. A failure of the run does not throw: the summary returned (and written)
     * holds the error. Failed items alone are not an error (the seed's behaviour); they are counted in the summary.
     */
    public static JobSummary run(SparkSession spark, String[] args, PrintStream out) {
        return new Run(spark.sparkContext(), out).run(args);
    }

    /** One run: its state from settings to summary. */
    private static final class Run {
        private final SparkContext sc;
        private final JavaSparkContext jsc;
        private final PrintStream out;
        private final Instant started = Instant.now();
        private String runId;
        private JobSettings settings;
        private ProgressReporter reporter;
        private ResultFiles files;
        private FileSystem outputFs;
        private Optional<Path> outputDir = Optional.empty();
        private final List<JavaRDD<?>> persisted = new ArrayList<>();
        private SparkListener phaseListener;

        Run(SparkContext sc, PrintStream out) {
            this.sc = sc;
            this.jsc = JavaSparkContext.fromSparkContext(sc);
            this.out = out;
        }

        JobSummary run(String[] rawArgs) {
            Optional<String> error = Optional.empty();
            boolean dryRun = false;
            try {
                JobArgs args = JobArgs.parse(rawArgs);
                runId = args.runId().orElseGet(dev.lakeport.apply.ResultLog::newRunId);
                settings = settings(args);
                dryRun = settings.dryRun();
                migrate();
            } catch (Exception | Error e) { // Spark throws its checked SparkException undeclared
                error = Optional.of(describe(e));
                LOG.error("lakeport run {} failed: {}", runId, error.get(), e);
            } finally {
                if (runId == null) {
                    runId = dev.lakeport.apply.ResultLog.newRunId();
                }
                if (phaseListener != null) {
                    sc.removeSparkListener(phaseListener);
                }
                persisted.forEach(JavaRDD::unpersist);
            }
            return finish(error, dryRun);
        }

        private JobSummary finish(Optional<String> error, boolean dryRun) {
            List<String> written = new ArrayList<>();
            Map<String, dev.lakeport.apply.RunSummary.Counts> counts = new HashMap<>();
            if (files != null) {
                try {
                    files.close();
                } catch (RuntimeException e) {
                    error = error.or(() -> Optional.of(describe(e)));
                }
                files.printTotals();
                written.addAll(files.files());
                counts = files.countsByItemType();
            }
            if (reporter != null) {
                reporter.close();
            }
            outputDir.ifPresent(d -> written.add(new Path(d, progressFileName(runId)).toString()));
            JobSummary summary =
                    new JobSummary(runId, counts, Duration.between(started, Instant.now()), written, dryRun, error);
            if (reporter != null) {
                reporter.write(summary);
            } else {
                out.println(dev.lakeport.launch.JobRecords.toLogLine(summary));
                out.flush();
            }
            if (settings != null) {
                Catalogs.release(settings);
            }
            if (outputFs != null) {
                try {
                    outputFs.close();
                } catch (IOException e) {
                    LOG.warn("cannot close {}: {}", outputDir.orElse(null), e.toString());
                }
            }
            return summary;
        }

        // ---- settings and credentials ----

        private JobSettings settings(JobArgs args) {
            String source = args.settingsPath().orElse(JobConf.ARG_SETTINGS_BASE64);
            String text = args.settingsPath().isPresent()
                    ? readText(args.settingsPath().get())
                    : decodeBase64(args.settingsBase64().orElseThrow());
            MigrationConfigLoader.Result loaded = MigrationConfigLoader.load(new StringReader(text), source);
            for (ConfigProblem w : loaded.warnings()) {
                LOG.warn("{}: {}", source, w);
            }
            Properties properties = new Properties();
            try {
                properties.load(new StringReader(text));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            JobCredentials.Split split = JobCredentials.split(properties);
            JobCredentials fromConf = JobCredentials.fromSparkConf(lakeportConf(sc.getConf()));
            // a driver started on the submitting machine (client mode, local master) gets them in its environment
            JobCredentials fromEnv = JobCredentials.fromEnvironment(System.getenv());
            Map<String, Secret> spark = new TreeMap<>(fromEnv.secrets());
            spark.putAll(fromConf.secrets());
            JobCredentials fromFile = split.credentials();
            if (!spark.keySet().containsAll(fromFile.secrets().keySet())) {
                LOG.warn(
                        "access keys are read from {}: prefer the cluster's roles (an EC2 instance profile for Glue,"
                                + " an ECS RAM role for DLF), or pass keys as the spark.lakeport.* settings, which Spark"
                                + " redacts",
                        source);
            }
            Map<String, Secret> merged = new TreeMap<>(fromFile.secrets());
            merged.putAll(spark);
            JobCredentials credentials = new JobCredentials(merged);
            Map<String, String> clean = new HashMap<>();
            split.settings()
                    .stringPropertyNames()
                    .forEach(k -> clean.put(k, split.settings().getProperty(k)));
            JobSettings s = new JobSettings(runId, clean, JobSecrets.of(credentials), slotsPerExecutor(sc));
            s.validate();
            LOG.info("lakeport run {}: {}", runId, s);
            return s;
        }

        private String readText(String location) {
            Path path = new Path(location);
            try {
                FileSystem fs = path.getFileSystem(sc.hadoopConfiguration());
                byte[] bytes;
                try (InputStream in = fs.open(path)) {
                    bytes = in.readAllBytes();
                }
                return decode(bytes, location);
            } catch (IOException e) {
                throw new ConfigException(
                        location, List.of(new ConfigProblem(location, "cannot be read: " + e.getMessage())));
            }
        }

        private static String decodeBase64(String b64) {
            try {
                return decode(Base64.getDecoder().decode(b64), JobConf.ARG_SETTINGS_BASE64);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        JobConf.ARG_SETTINGS_BASE64 + " is not valid Base64: " + e.getMessage(), e);
            }
        }

        /** As Lakeport reads every properties file: UTF-8, or a byte-order mark's encoding; anything else refused. */
        private static String decode(byte[] bytes, String source) {
            return PropertiesText.decode(bytes, source);
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

        private static int slotsPerExecutor(SparkContext sc) {
            if (sc.isLocal()) {
                return Math.max(1, sc.defaultParallelism());
            }
            return Math.max(1, sc.getConf().getInt("spark.executor.cores", 1));
        }

        // ---- the three phases ----

        private void migrate() {
            MigrationConfig config = settings.config();
            Optional<String> output = config.run().resultOutputPath();
            Optional<ProgressFile> progressFile = Optional.empty();
            if (output.isPresent()) {
                openOutput(output.get());
                progressFile =
                        Optional.of(new ProgressFile(outputFs, new Path(outputDir.get(), progressFileName(runId))));
            }
            reporter = new ProgressReporter(runId, out, progressFile, settings.progressIntervalMs());
            Catalogs catalogs = Catalogs.of(settings);
            JobSettings job = settings;

            // Extract: the driver lists, the tasks read partitions.
            AtomicLong listed = new AtomicLong();
            LongAccumulator extracted = sc.longAccumulator("lakeport.extracted");
            LongAccumulator compared = sc.longAccumulator("lakeport.compared");
            reporter.phase(new ProgressReporter.Phase(
                    JobProgress.EXTRACT, () -> listed.get() + extracted.value(), () -> 0, () -> -1));
            DriverCatalog driver = DriverCatalog.list(catalogs, listed);
            List<DiffEntry> driverEntries = driver.diff();
            // as many splits of a table's listing as the source reader offers (Glue: lakeport.glue.segments)
            List<ExtractUnit> units = units(driver, Extract.splits(catalogs.sourceReader(), Integer.MAX_VALUE));
            int tables = (int)
                    units.stream().map(ExtractUnit::tableSortKey).distinct().count();
            int partitions = Math.max(1, Math.min(sc.getConf().getInt("spark.sql.shuffle.partitions", 200), tables));
            LOG.info(
                    "lakeport run {}: {} source and {} destination objects listed, {} partitioned tables, {} extract"
                            + " tasks, {} load tasks",
                    runId,
                    driver.objectCount(dev.lakeport.snapshot.Side.SOURCE),
                    driver.objectCount(dev.lakeport.snapshot.Side.DESTINATION),
                    tables,
                    units.size(),
                    partitions);

            // Transform: one shuffle, sorted by key within each table's Spark partition; one merge pass.
            installPhaseListener(compared, extracted);
            JavaRDD<ExtractUnit> unitRdd =
                    jsc.parallelize(units, Math.max(1, units.size())).setName(EXTRACT_RDD);
            JavaRDD<DiffRecord> diff = unitRdd.flatMapToPair(u -> Extract.read(job, u, extracted))
                    .repartitionAndSortWithinPartitions(new TablePartitioner(partitions))
                    .mapPartitions(it -> Transform.diff(Catalogs.of(job).diffRule(), it, compared), true)
                    .setName(TRANSFORM_RDD)
                    .persist(StorageLevel.MEMORY_AND_DISK_SER());
            persisted.add(diff);
            Map<DiffResult, Long> partitionCounts = new EnumMap<>(DiffResult.class);
            partitionCounts.putAll(diff.map(DiffRecord::result).countByValue());
            Map<DiffResult, Long> driverCounts = new EnumMap<>(DiffResult.class);
            driverEntries.forEach(e -> driverCounts.merge(e.result(), 1L, Long::sum));
            long deletes = partitionCounts.getOrDefault(DiffResult.DELETE, 0L)
                    + driverCounts.getOrDefault(DiffResult.DELETE, 0L);
            LOG.info(
                    "lakeport run {}: partitions {}, databases/tables/functions {}",
                    runId,
                    words(config.route().words(), partitionCounts),
                    words(config.route().words(), driverCounts));
            WriterLimits limits = catalogs.destinationWriter().limits();
            boolean allowDeletes = config.run().allowDeletes();
            // Same rule as a direct run, over the run's total, before anything is written.
            Plan.checkDeletes(
                    new PlanOptions(allowDeletes, settings.confirmedDeletes(), limits, Optional.empty()), deletes);

            // Load.
            List<Table> named = new ArrayList<>(driver.destinationTables());
            named.addAll(driver.sourceTables());
            files = ResultFiles.open(
                    Optional.ofNullable(outputFs),
                    outputDir,
                    runId,
                    settings.dryRun(),
                    out,
                    ItemNames.of(named),
                    config.route().words());
            AtomicLong driverDone = new AtomicLong();
            AtomicLong driverFailed = new AtomicLong();
            LongAccumulator loadDone = sc.longAccumulator("lakeport.loaded");
            LongAccumulator loadFailed = sc.longAccumulator("lakeport.loadFailed");
            long toApply = driverEntries.size()
                    + partitionCounts.values().stream()
                            .mapToLong(Long::longValue)
                            .sum()
                    - (allowDeletes ? 0 : deletes);
            reporter.phase(new ProgressReporter.Phase(
                    JobProgress.LOAD,
                    () -> driverDone.get() + loadDone.value(),
                    () -> driverFailed.get() + loadFailed.value(),
                    () -> toApply));
            ProgressListener driverProgress = new ProgressListener() {
                @Override
                public void advance(long done, long failed) {
                    driverDone.addAndGet(done);
                    driverFailed.addAndGet(failed);
                }
            };
            ExecutorOptions executorOptions = ExecutorOptions.defaults()
                    .withConcurrency(config.run().concurrency())
                    .withCallsPerSecond(config.run().rate())
                    .withRetries(config.retries())
                    .withDryRun(settings.dryRun());
            Executor driverExecutor =
                    new Executor(catalogs.destinationWriter(), catalogs.destinationReader(), driver, executorOptions);
            List<DiffEntry> driverWrites = driverEntries.stream()
                    .filter(e -> allowDeletes ? e.result() != DiffResult.DELETE : true)
                    .toList();
            driverExecutor.run(
                    Plan.of(driverWrites, PlanOptions.of(limits)), files, driverProgress, CancellationToken.NONE);
            files.flush();

            Broadcast<TableIndex> index = jsc.broadcast(driver.tableIndex());
            JavaRDD<DiffRecord> writes = diff.filter(r -> !r.isDelete());
            JavaRDD<DiffRecord> dels = diff.filter(DiffRecord::isDelete);
            JavaRDD<ResultRow> results = writes.zipPartitions(
                            dels, (w, d) -> Load.apply(job, index.value(), w, d, loadDone, loadFailed))
                    .setName(LOAD_RDD)
                    .persist(StorageLevel.MEMORY_AND_DISK_SER());
            persisted.add(results);
            sc.setJobDescription(LOAD_JOB);
            try {
                results.count();
            } finally {
                sc.setJobDescription(null);
            }
            Iterator<ResultRow> rows = results.toLocalIterator();
            while (rows.hasNext()) {
                ResultRow r = rows.next();
                files.record(Keys.parse(r.sortKey()), r.result(), r.outcome(), r.errorMsg(), r.time(), r.durationMs());
            }
            files.flush();
            index.destroy();

            if (allowDeletes) {
                List<DiffEntry> driverDeletes = driverEntries.stream()
                        .filter(e -> e.result() == DiffResult.DELETE)
                        .toList();
                if (!driverDeletes.isEmpty()) {
                    driverExecutor.run(
                            Plan.of(driverDeletes, PlanOptions.of(limits).withDeletesConfirmed(driverDeletes.size())),
                            files,
                            driverProgress,
                            CancellationToken.NONE);
                }
            }
        }

        private void openOutput(String output) {
            Path dir = new Path(output.trim());
            Configuration conf = sc.hadoopConfiguration();
            try {
                outputFs = FileSystem.newInstance(dir.toUri(), conf);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot reach result.output.path " + output + ": " + e.getMessage(), e);
            }
            // A private instance: no .crc files beside the results on a local disk, and Spark's own is left alone.
            outputFs.setWriteChecksum(false);
            outputDir = Optional.of(outputFs.makeQualified(dir));
            try {
                outputFs.mkdirs(outputDir.get());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create result.output.path " + output + ": " + e.getMessage(), e);
            }
        }

        private static List<ExtractUnit> units(DriverCatalog driver, int splits) {
            List<ExtractUnit> units = new ArrayList<>();
            for (Table t : driver.sourceTables()) {
                byte[] table = ObjectBytes.encode(t);
                byte[] mapped = ObjectBytes.encode(driver.mapped(t));
                String key = t.key().sortKey();
                for (int s = 0; s < splits; s++) {
                    units.add(new ExtractUnit(true, key, table, mapped, s, splits));
                }
            }
            for (Table t : driver.destinationTables()) {
                units.add(new ExtractUnit(false, t.key().sortKey(), ObjectBytes.encode(t), null, 0, 1));
            }
            return units;
        }

        /** Switches the progress records to the transform phase when the stage after the shuffle starts. */
        private void installPhaseListener(LongAccumulator compared, LongAccumulator extracted) {
            ProgressReporter r = reporter;
            phaseListener = new SparkListener() {
                @Override
                public void onStageSubmitted(SparkListenerStageSubmitted event) {
                    List<String> names = new ArrayList<>();
                    for (RDDInfo info :
                            JavaConverters.seqAsJavaList(event.stageInfo().rddInfos())) {
                        names.add(info.name());
                    }
                    if (names.contains(TRANSFORM_RDD)
                            && !names.contains(LOAD_RDD)
                            && r.currentPhase().equals(JobProgress.EXTRACT)) {
                        r.phase(new ProgressReporter.Phase(
                                JobProgress.TRANSFORM, compared::value, () -> 0, extracted::value));
                    }
                }
            };
            sc.addSparkListener(phaseListener);
        }

        private static String words(DiffWords words, Map<DiffResult, Long> counts) {
            StringBuilder sb = new StringBuilder();
            for (DiffResult r : DiffResult.values()) {
                sb.append(sb.length() == 0 ? "" : ", ")
                        .append(words.word(r))
                        .append(' ')
                        .append(counts.getOrDefault(r, 0L));
            }
            return sb.toString();
        }

        private static String describe(Throwable e) {
            Throwable t = e;
            // Spark wraps a task's failure; the user wants the first line of what went wrong.
            while (t.getCause() != null && t.getMessage() == null) {
                t = t.getCause();
            }
            String message = t.getMessage();
            return message == null ? t.getClass().getSimpleName() : message;
        }
    }

    /** The name of a run's progress file under {@code result.output.path}. */
    public static String progressFileName(String runId) {
        return "progress-" + runId + ".jsonl";
    }
}
