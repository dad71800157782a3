package dev.lakeport.cli;

import dev.lakeport.apply.tasks.JobProgressListener;
import dev.lakeport.apply.tasks.TaskCount;
import dev.lakeport.launch.ClusterProfile;
import dev.lakeport.launch.JobJar;
import dev.lakeport.launch.JobLaunchers;
import dev.lakeport.launch.JobListener;
import dev.lakeport.launch.JobState;
import dev.lakeport.launch.JobSubmission;
import dev.lakeport.localcopy.LocalFiles;
import dev.lakeport.model.Column;
import dev.lakeport.model.Table;
import dev.lakeport.pipeline.DataCopy;
import dev.lakeport.pipeline.JobRun;
import dev.lakeport.pipeline.Migration;
import dev.lakeport.pipeline.SparkCopy;
import dev.lakeport.plan.tasks.Job;
import dev.lakeport.plan.tasks.JobSelection;
import dev.lakeport.plan.tasks.JobSpec;
import dev.lakeport.plan.tasks.JobTask;
import dev.lakeport.plan.tasks.StateCounts;
import dev.lakeport.plan.tasks.TaskState;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.snapshot.Side;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Copies tables into MaxCompute from this computer as a job of tasks: metadata first, then the rows, then three
 * counts per partition. A job lives in the project: stopped or killed, it resumes with {@code --resume}; failed tasks
 * run again alone with {@code --retry-failed}.
 */
@Command(
        name = "copy",
        mixinStandardHelpOptions = true,
        description = {
            "Copy tables' metadata and data into MaxCompute from this computer, as a job of tasks (at most 50 partitions"
                    + " or 5 GB each). Each task creates its table and partitions, writes their rows through the"
                    + " Tunnel (a re-run replaces, never adds), and compares three counts per partition: a separate"
                    + " scan of the source files, the rows written, COUNT(*) at MaxCompute.",
            "Names are as the diff shows them (the destination's). Without --database/--table the job covers every"
                    + " database of the source as last loaded.",
            "With --spark-profile NAME the data is copied by the Spark job on a cluster profile saved in the project"
                    + " (spark-submit, Livy, Spark on MaxCompute, local); the result is imported when it can be read"
                    + " here.",
            "Exit code 0 when every task succeeded, 1 when some failed (or a Spark job's result is still to be"
                    + " imported), 5 when the Spark job failed, 130 when stopped (resume with --resume)."
        })
final class CopyCommand extends StepCommand {
    @Option(names = "--database", paramLabel = "DB", description = "Copy every table of this database (repeatable).")
    List<String> databases = new ArrayList<>();

    @Option(
            names = "--table",
            paramLabel = "DB.TABLE",
            description = "Copy this table (repeatable); with --partition, the table whose partitions to copy.")
    List<String> tables = new ArrayList<>();

    @Option(
            names = "--partition",
            paramLabel = "KEY=VALUE[/KEY=VALUE...]",
            description = "Copy this partition of the one --table, every key named in the table's order"
                    + " (repeatable), e.g. dt=2024-01-01/hr=01.")
    List<String> partitions = new ArrayList<>();

    @Option(
            names = "--mode",
            paramLabel = "MODE",
            description = "metadata, data or both (default: the project's job.mode, else both). Metadata always"
                    + " runs first.")
    String mode;

    @Option(names = "--max-partitions", paramLabel = "N", description = "Partitions per task (default 50).")
    Integer maxPartitions;

    @Option(names = "--max-bytes", paramLabel = "SIZE", description = "Bytes per task, e.g. 5GB (default 5GB).")
    String maxBytes;

    @Option(names = "--tasks-at-once", paramLabel = "N", description = "Tasks running at once (default 20).")
    Integer tasksAtOnce;

    @Option(
            names = "--window",
            paramLabel = "HH:MM-HH:MM",
            description = "Start tasks only in this time of day (this computer's clock); the job waits outside it.")
    String window;

    @Option(
            names = "--aggregates",
            description = "Compare per-column aggregates too: SUM of whole-number and decimal columns, MIN and MAX of"
                    + " those and of floating-point and date columns, and NULLs (a second read of the source).")
    boolean aggregates;

    @Option(names = "--resume", description = "Run the PENDING tasks of the job (--job, default: the latest).")
    boolean resume;

    @Option(names = "--retry-failed", description = "Run the FAILED tasks of the job again, alone.")
    boolean retryFailed;

    @Option(
            names = "--spark-plan",
            paramLabel = "FILE",
            description = "Copy the data with the Spark job instead: create the tables and partitions here (a metadata"
                    + " job), plan a data job and write its copy plan to FILE for CopyJob (docs/spark-job.md); the data"
                    + " tasks stay pending until --import-result.")
    java.nio.file.Path sparkPlan;

    @Option(
            names = "--import-result",
            paramLabel = "FILE",
            description = "Take the Spark job's copy-result-<run>.json into the project: its tasks' states, logs and"
                    + " counts.")
    java.nio.file.Path importResult;

    @Option(
            names = "--spark-profile",
            paramLabel = "NAME",
            description = "Copy the data with the Spark job on this cluster profile saved in the project: create the"
                    + " tables and partitions here, submit the data job's plan, follow it, and import its result when"
                    + " this computer can read result.output.path (else print the import command). With --resume,"
                    + " submit the pending tasks of the job (--job, default: the latest).")
    String sparkProfile;

    @Option(
            names = "--job-jar",
            paramLabel = "FILE",
            description = "With --spark-profile: the job jar (default: the one installed with Lakeport).")
    java.nio.file.Path jobJar;

    @Option(names = "--log", description = "With --spark-profile: print the driver log's lines as they come.")
    boolean log;

    @Option(names = "--job", paramLabel = "ID", description = "The job to resume or retry (default: the latest).")
    Long jobId;

    /** The verification report of the job, written when it ends. */
    @picocli.CommandLine.Mixin
    ExportOptions export;

    @Override
    int run(Migration migration, CancellationToken cancel) throws java.io.IOException {
        DataCopy copies = migration.copies();
        if (importResult != null) {
            return importResult(copies, migration);
        }
        if (sparkProfile != null) {
            return sparkProfile(copies, migration, cancel);
        }
        if (sparkPlan != null) {
            return sparkPlan(copies, migration, cancel);
        }
        long job;
        if (resume || retryFailed) {
            if (resume && retryFailed) {
                throw new IllegalArgumentException("give --resume or --retry-failed, not both");
            }
            if (!databases.isEmpty() || !tables.isEmpty() || !partitions.isEmpty()) {
                throw new IllegalArgumentException("--resume and --retry-failed run a job already planned; leave out"
                        + " --database, --table and --partition (or plan a new job without --resume)");
            }
            job = plannedJob(copies);
        } else {
            if (jobId != null) {
                throw new IllegalArgumentException(
                        "--job names a job to --resume or --retry-failed; without them copy plans a new job");
            }
            JobSelection selection = selection(migration);
            DataCopy.PlannedJob planned = copies.planJob(label(selection), selection, settings(migration), cancel);
            job = planned.jobId();
            if (!planned.leftOut().isEmpty()) {
                out().printf("Left out of the job: %,d%n", planned.leftOut().size());
                planned.leftOut().stream().limit(20).forEach(l -> out().println("  " + l.table() + ": " + l.reason()));
                if (planned.leftOut().size() > 20) {
                    out().printf("  and %,d more%n", planned.leftOut().size() - 20);
                }
            }
        }
        Job planned = copies.job(job);
        out().printf(
                        "Job %d: %s, %s, %,d tasks (%s)%n",
                        job,
                        planned.label(),
                        planned.spec().mode().word(),
                        planned.counts().total(),
                        planned.counts());
        out().flush();
        StateCounts counts =
                copies.run(job, new LocalFiles(), retryFailed, aggregates, cancel, new Lines(out(), planned));
        summary(out(), copies, job, counts);
        export.exportVerification(migration, job, out());
        if (counts.get(TaskState.FAILED) > 0) {
            return ExitCode.ITEMS_FAILED;
        }
        return ExitCode.OK;
    }

    /**
     * The Spark job's way: a metadata job run here (tables and partitions must exist before the job writes rows), then
     * a data job planned and its copy plan written for CopyJob.
     */
    private int sparkPlan(DataCopy copies, Migration migration, CancellationToken cancel) throws java.io.IOException {
        if (resume || retryFailed || jobId != null) {
            throw new IllegalArgumentException(
                    "--spark-plan plans new jobs; leave out --resume, --retry-failed, --job");
        }
        SparkJobPlan planned = planForSpark(copies, migration, cancel);
        if (planned.exitCode().isPresent()) {
            return planned.exitCode().getAsInt();
        }
        long dataJob = planned.dataJob();
        String plan = copies.copyPlan(dataJob, List.of(), cancel).toJson();
        java.nio.file.Path parent = sparkPlan.toAbsolutePath().getParent();
        if (parent != null) {
            java.nio.file.Files.createDirectories(parent);
        }
        java.nio.file.Files.writeString(sparkPlan, plan, java.nio.charset.StandardCharsets.UTF_8);
        out().printf(
                        "Job %d: %,d data tasks for the Spark job; copy plan: %s%n",
                        dataJob, copies.job(dataJob).counts().total(), sparkPlan.toAbsolutePath());
        out().println("Run it with the job jar (docs/spark-job.md), e.g.:");
        out().printf(
                        "  spark-submit --class dev.lakeport.sparkjob.copy.CopyJob lakeport-spark-job.jar"
                                + " application.properties --plan %s%n",
                        sparkPlan.getFileName());
        out().println(
                        "then take its result in: lakeport-cli copy --import-result <result.output.path>/copy-result-<run>.json");
        out().flush();
        return ExitCode.OK;
    }

    /** The data job for the Spark job, or the exit code when its metadata job did not put everything in place. */
    private record SparkJobPlan(long dataJob, java.util.OptionalInt exitCode) {}

    private SparkJobPlan planForSpark(DataCopy copies, Migration migration, CancellationToken cancel) {
        JobSelection selection = selection(migration);
        Map<String, String> settings = settings(migration);
        String wanted = settings.getOrDefault(JobSpec.MODE, "both");
        if (wanted.equalsIgnoreCase("metadata")) {
            throw new IllegalArgumentException("the Spark job copies data; --mode metadata has none to plan");
        }
        if (!wanted.equalsIgnoreCase("data")) {
            Map<String, String> metadata = new LinkedHashMap<>(settings);
            metadata.put(JobSpec.MODE, "metadata");
            DataCopy.PlannedJob first = copies.planJob(label(selection) + " (metadata)", selection, metadata, cancel);
            leftOut(first);
            Job planned = copies.job(first.jobId());
            out().printf(
                            "Job %d: %s, %,d tasks%n",
                            first.jobId(), planned.label(), planned.counts().total());
            StateCounts counts =
                    copies.run(first.jobId(), new LocalFiles(), false, false, cancel, new Lines(out(), planned));
            summary(out(), copies, first.jobId(), counts);
            if (counts.get(TaskState.SUCCEEDED) != counts.total()) {
                out().println("The data job was not planned: its tables and partitions are not all in place.");
                out().flush();
                return new SparkJobPlan(
                        -1,
                        java.util.OptionalInt.of(
                                counts.get(TaskState.FAILED) > 0 ? ExitCode.ITEMS_FAILED : ExitCode.CANCELLED));
            }
        }
        Map<String, String> data = new LinkedHashMap<>(settings);
        data.put(JobSpec.MODE, "data");
        DataCopy.PlannedJob second = copies.planJob(label(selection) + " (data, Spark)", selection, data, cancel);
        leftOut(second);
        return new SparkJobPlan(second.jobId(), java.util.OptionalInt.empty());
    }

    /**
     * The data copied by the Spark job on a saved cluster profile: the metadata job here, the data job's plan
     * submitted inline, the job followed, its result imported when this computer can read it.
     */
    private int sparkProfile(DataCopy copies, Migration migration, CancellationToken cancel)
            throws java.io.IOException {
        if (sparkPlan != null || retryFailed) {
            throw new IllegalArgumentException(
                    "--spark-profile submits the job itself: leave out --spark-plan and --retry-failed");
        }
        Properties stored =
                new dev.lakeport.pipeline.ProjectSettings(migration.snapshot().dataSource()).load();
        ClusterProfile where = SubmitCommand.saved(stored, sparkProfile);
        JobLaunchers.unavailable(where).ifPresent(reason -> {
            throw new IllegalArgumentException(
                    "cannot submit to " + where.name() + ": " + reason + "; nothing was copied");
        });
        java.nio.file.Path jar = jobJar != null ? jobJar : JobJar.require();
        long dataJob;
        if (resume) {
            if (!databases.isEmpty() || !tables.isEmpty() || !partitions.isEmpty()) {
                throw new IllegalArgumentException(
                        "--resume runs a job already planned; leave out --database," + " --table and --partition");
            }
            dataJob = plannedJob(copies);
        } else {
            if (jobId != null) {
                throw new IllegalArgumentException("--job names a job to --resume; without it copy plans a new job");
            }
            SparkJobPlan planned = planForSpark(copies, migration, cancel);
            if (planned.exitCode().isPresent()) {
                return planned.exitCode().getAsInt();
            }
            dataJob = planned.dataJob();
        }
        dev.lakeport.copy.CopyPlan plan = copies.copyPlan(dataJob, List.of(), cancel);
        if (plan.tasks().isEmpty()) {
            out().printf("Job %d has no pending tasks: nothing to submit.%n", dataJob);
            summary(out(), copies, dataJob, copies.jobs().counts(dataJob));
            out().flush();
            return ExitCode.OK;
        }
        Map<String, String> settings = new LinkedHashMap<>();
        stored.stringPropertyNames().forEach(k -> settings.put(k, stored.getProperty(k)));
        JobSubmission submission;
        try {
            submission = SparkCopy.submission(
                    settings,
                    JobRun.credentials(migration.config()),
                    plan,
                    migration.outputPath(),
                    dev.lakeport.apply.ResultLog.newRunId(),
                    "lakeport copy " + migration.projectFile().getFileName(),
                    jar,
                    Map.of());
        } catch (IllegalArgumentException tooLarge) {
            throw new IllegalArgumentException(tooLarge.getMessage() + " (job " + dataJob
                    + "'s data tasks stay pending: 'lakeport-cli copy --spark-plan FILE' writes a plan to upload)");
        }
        out().printf(
                        "Job %d: %,d data tasks, submitted as run %s to %s%n",
                        dataJob, plan.tasks().size(), submission.runId(), where.name());
        out().flush();
        JobListener listener = jobListener(log);
        SparkCopy.Outcome outcome;
        try (ConsoleProgress progress = progress()) {
            outcome = SparkCopy.run(copies, JobLaunchers.forProfile(where), submission, listener, progress, cancel);
        }
        if (outcome.imported().isEmpty()) {
            if (outcome.state() == JobState.KILLED) {
                out().printf("The Spark job was stopped; job %d's tasks stay pending (--resume).%n", dataJob);
                out().flush();
                return ExitCode.CANCELLED;
            }
            if (outcome.state() == JobState.FAILED) {
                throw new dev.lakeport.launch.JobException("the Spark copy failed: "
                        + outcome.error().orElse("see the log") + "; job " + dataJob
                        + "'s tasks stay pending (--resume)");
            }
            out().printf(
                            "The Spark job ended; its result is %s, which this computer cannot read. Fetch it, then run:%n"
                                    + "  %s%n",
                            outcome.resultFile(), outcome.importCommand());
            out().flush();
            return ExitCode.ITEMS_FAILED;
        }
        StateCounts counts = outcome.imported().get();
        out().printf("Imported the Spark job's run %s into job %d.%n", outcome.runId(), dataJob);
        summary(out(), copies, dataJob, counts);
        export.exportVerification(migration, dataJob, out());
        outcome.error().ifPresent(e -> out().println("The Spark job reported: " + e));
        out().flush();
        return counts.get(TaskState.SUCCEEDED) == counts.total() ? ExitCode.OK : ExitCode.ITEMS_FAILED;
    }

    private int importResult(DataCopy copies, Migration migration) throws java.io.IOException {
        if (!databases.isEmpty()
                || !tables.isEmpty()
                || !partitions.isEmpty()
                || resume
                || retryFailed
                || sparkPlan != null
                || sparkProfile != null) {
            throw new IllegalArgumentException("--import-result takes a result file alone");
        }
        dev.lakeport.copy.CopyResult result;
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(importResult)) {
            result = dev.lakeport.copy.CopyResult.read(in, importResult.toString());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("--import-result " + importResult + ": no such file");
        }
        StateCounts counts = copies.importResult(result);
        out().printf("Imported the Spark job's run %s into job %d.%n", result.runId(), result.jobId());
        summary(out(), copies, result.jobId(), counts);
        export.exportVerification(migration, result.jobId(), out());
        return counts.get(TaskState.FAILED) > 0 ? ExitCode.ITEMS_FAILED : ExitCode.OK;
    }

    private void leftOut(DataCopy.PlannedJob planned) {
        if (planned.leftOut().isEmpty()) {
            return;
        }
        out().printf("Left out of the job: %,d%n", planned.leftOut().size());
        planned.leftOut().stream().limit(20).forEach(l -> out().println("  " + l.table() + ": " + l.reason()));
        if (planned.leftOut().size() > 20) {
            out().printf("  and %,d more%n", planned.leftOut().size() - 20);
        }
    }

    /** The job's {@code job.*} settings: the project's, then what the options say. */
    private Map<String, String> settings(Migration migration) {
        Map<String, String> settings = new LinkedHashMap<>();
        // the project is open in this process: its settings are read through it, never by opening the file again
        Properties stored =
                new dev.lakeport.pipeline.ProjectSettings(migration.snapshot().dataSource()).load();
        stored.stringPropertyNames().stream()
                .filter(k -> k.startsWith("job."))
                .forEach(k -> settings.put(k, stored.getProperty(k)));
        if (mode != null) {
            settings.put(JobSpec.MODE, mode);
        }
        if (maxPartitions != null) {
            settings.put(JobSpec.MAX_PARTITIONS, maxPartitions.toString());
        }
        if (maxBytes != null) {
            settings.put(JobSpec.MAX_BYTES, maxBytes);
        }
        if (tasksAtOnce != null) {
            settings.put(JobSpec.MAX_CONCURRENT, tasksAtOnce.toString());
        }
        if (window != null) {
            settings.put(JobSpec.WINDOW, window);
        }
        return settings;
    }

    private JobSelection selection(Migration migration) {
        if (!partitions.isEmpty()) {
            if (tables.size() != 1 || !databases.isEmpty()) {
                throw new IllegalArgumentException(
                        "--partition needs exactly one --table (the partitions' table) and" + " no --database");
            }
            JobSelection.TableName table = tableName(tables.get(0));
            Table t = migration
                    .snapshot()
                    .table(Side.SOURCE, table.database(), table.table())
                    .orElseThrow(() -> new IllegalArgumentException("the source has no table " + table
                            + " (as last loaded); load the source again or choose another"));
            List<String> keys = t.partitionKeys().stream().map(Column::name).toList();
            List<List<String>> values = new ArrayList<>();
            for (String p : partitions) {
                values.add(partitionValues(p, keys, table));
            }
            return new JobSelection.Partitions(table, values);
        }
        if (!tables.isEmpty()) {
            if (!databases.isEmpty()) {
                throw new IllegalArgumentException("give --database or --table, not both");
            }
            return new JobSelection.Tables(
                    tables.stream().map(CopyCommand::tableName).toList());
        }
        if (!databases.isEmpty()) {
            return new JobSelection.Databases(databases);
        }
        List<String> all = migration.snapshot().databases(Side.SOURCE).stream()
                .map(d -> d.name())
                .toList();
        if (all.isEmpty()) {
            throw new IllegalArgumentException(
                    "the source holds no database (as last loaded); load it first (lakeport-cli load --side source)");
        }
        return new JobSelection.Databases(all);
    }

    /** {@code DB.TABLE}, split at the last dot: a MaxCompute database may be {@code project.schema}. */
    static JobSelection.TableName tableName(String text) {
        int dot = text.lastIndexOf('.');
        if (dot <= 0 || dot == text.length() - 1) {
            throw new IllegalArgumentException("--table " + text + ": give the table as DB.TABLE, e.g. sales.orders");
        }
        return new JobSelection.TableName(text.substring(0, dot), text.substring(dot + 1));
    }

    /** {@code dt=2024-01-01/hr=01} as values in the order of the table's keys, every key named once. */
    static List<String> partitionValues(String text, List<String> keys, JobSelection.TableName table) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("--partition " + text + ": the table " + table
                    + " has no partitions; copy it whole with --table alone");
        }
        String[] pairs = text.split("/", -1);
        Map<String, String> given = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--partition " + text + ": '" + pair + "' is not KEY=VALUE; give "
                        + String.join("/", keys.stream().map(k -> k + "=...").toList()));
            }
            given.put(pair.substring(0, eq).trim().toLowerCase(java.util.Locale.ROOT), pair.substring(eq + 1));
        }
        List<String> values = new ArrayList<>();
        for (String key : keys) {
            String value = given.remove(key.toLowerCase(java.util.Locale.ROOT));
            if (value == null) {
                throw new IllegalArgumentException("--partition " + text + ": the key " + key + " of " + table
                        + " has no value; give "
                        + String.join("/", keys.stream().map(k -> k + "=...").toList()));
            }
            values.add(value);
        }
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("--partition " + text + ": " + table + " has no partition key "
                    + String.join(", ", given.keySet()) + "; its keys are " + keys);
        }
        return values;
    }

    private static String label(JobSelection selection) {
        if (selection instanceof JobSelection.Databases d) {
            return "copy " + String.join(", ", d.names());
        }
        if (selection instanceof JobSelection.Tables t) {
            return "copy "
                    + String.join(
                            ", ", t.tables().stream().map(Object::toString).toList());
        }
        JobSelection.Partitions p = (JobSelection.Partitions) selection;
        return "copy " + p.values().size() + (p.values().size() == 1 ? " partition of " : " partitions of ")
                + p.table();
    }

    /** The job's end: its counts, the three row totals, and what to run next. */
    static void summary(PrintWriter out, DataCopy copies, long job, StateCounts counts) {
        out.printf(
                "Job %d: %,d succeeded, %,d failed, %,d pending.%n",
                job, counts.get(TaskState.SUCCEEDED), counts.get(TaskState.FAILED), counts.get(TaskState.PENDING));
        List<TaskCount> verified = copies.jobs().verifications(job);
        if (!verified.isEmpty()) {
            long disagree = verified.stream().filter(c -> !c.passed()).count();
            out.printf(
                    "Rows: source %,d, written %,d, destination %,d; %,d partitions verified, %,d disagree.%n",
                    sum(verified, c -> c.counts().source()),
                    sum(verified, c -> c.counts().written()),
                    sum(verified, c -> c.counts().destination()),
                    verified.size(),
                    disagree);
            verified.stream()
                    .filter(c -> !c.passed())
                    .limit(10)
                    .forEach(c -> out.println("  disagree: " + c.counts().table()
                            + (c.counts().partition().isEmpty()
                                    ? ""
                                    : " " + c.counts().partition()) + ": "
                            + c.mismatch().orElse("")));
        }
        if (counts.get(TaskState.FAILED) > 0) {
            out.printf(
                    "Run 'lakeport-cli tasks --job %d --state failed' to see why, and 'lakeport-cli copy --job %d"
                            + " --retry-failed' to run them again.%n",
                    job, job);
        }
        if (counts.get(TaskState.PENDING) > 0) {
            out.printf("Run 'lakeport-cli copy --job %d --resume' to go on.%n", job);
        }
        out.flush();
    }

    private static long sum(List<TaskCount> counts, java.util.function.Function<TaskCount, java.util.OptionalLong> n) {
        return counts.stream()
                .map(n)
                .filter(java.util.OptionalLong::isPresent)
                .mapToLong(java.util.OptionalLong::getAsLong)
                .sum();
    }

    /** One line per task that ends, numbered in the order they end. */
    private static final class Lines implements JobProgressListener {
        private final PrintWriter out;
        private final long total;
        private final AtomicLong ended = new AtomicLong();

        Lines(PrintWriter out, Job job) {
            this.out = out;
            this.total = job.counts().total();
        }

        @Override
        public void ended(JobTask task) {
            String what =
                    switch (task.state()) {
                        case SUCCEEDED -> "succeeded";
                        case FAILED -> "FAILED: " + task.lastError().orElse("");
                        case PENDING -> "stopped, will resume";
                        case RUNNING -> "running";
                    };
            synchronized (out) {
                out.printf("  [%d/%d] %s: %s%n", ended.incrementAndGet(), total, task.describe(), what);
                out.flush();
            }
        }
    }

    /** The job {@code --job} names, else the project's latest. */
    private long plannedJob(DataCopy copies) {
        return jobId != null
                ? copies.job(jobId).id()
                : copies.latest()
                        .map(Job::id)
                        .orElseThrow(() -> new IllegalArgumentException(
                                "the project has no job yet; run 'lakeport-cli copy' first"));
    }
}
