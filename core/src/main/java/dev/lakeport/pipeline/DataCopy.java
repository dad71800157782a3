package dev.lakeport.pipeline;

import static java.util.Objects.requireNonNull;

import dev.lakeport.apply.tasks.CopyTaskWork;
import dev.lakeport.apply.tasks.JobProgressListener;
import dev.lakeport.apply.tasks.JobRunner;
import dev.lakeport.apply.tasks.JobStore;
import dev.lakeport.config.MigrationConfig;
import dev.lakeport.connector.CatalogConnection;
import dev.lakeport.connector.CatalogReader;
import dev.lakeport.connector.CatalogWriter;
import dev.lakeport.copy.CopyPlan;
import dev.lakeport.copy.CopyResult;
import dev.lakeport.copy.MaxComputeDataPlane;
import dev.lakeport.copy.PartitionCounts;
import dev.lakeport.copy.SourceData;
import dev.lakeport.copy.TunnelWriter;
import dev.lakeport.mapping.CatalogMapping;
import dev.lakeport.mapping.DestinationCheck;
import dev.lakeport.mapping.ExclusionRules;
import dev.lakeport.model.Column;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import dev.lakeport.plan.tasks.Job;
import dev.lakeport.plan.tasks.JobPlanner;
import dev.lakeport.plan.tasks.JobSelection;
import dev.lakeport.plan.tasks.JobSpec;
import dev.lakeport.plan.tasks.JobTask;
import dev.lakeport.plan.tasks.PlannedTask;
import dev.lakeport.plan.tasks.StateCounts;
import dev.lakeport.plan.tasks.TaskState;
import dev.lakeport.plan.tasks.TaskStep;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import dev.lakeport.report.ReportInfo;
import dev.lakeport.report.VerificationReport;
import dev.lakeport.snapshot.Side;
import dev.lakeport.snapshot.SnapshotStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migration jobs of a project, as MaxCompute Migration Service runs them: what the user chose split into tasks, each
 * creating its table and partitions at the destination, copying their rows and verifying three counts per partition.
 * Jobs and tasks live in the project, so a job stopped at any point (or killed) resumes where it was.
 */
public final class DataCopy {
    private static final Logger LOG = LoggerFactory.getLogger(DataCopy.class);
    /** How often partitions whose counts disagree are copied again, alone, before their task fails. */
    public static final int RECOPIES = 2;

    private final Migration migration;
    private final JobStore jobs;

    DataCopy(Migration migration, JobStore jobs) {
        this.migration = requireNonNull(migration, "migration is null");
        this.jobs = requireNonNull(jobs, "jobs is null");
    }

    public JobStore jobs() {
        return jobs;
    }

    /**
     * Plans a job over the source as last loaded and stores it with its tasks, all PENDING; returns its id. Names are
     * as the project's snapshot holds them (the destination's, for a destination that renames).
     *
     * @param settings the {@code job.*} settings (mode, task sizes, tasks at once, window)
     * @throws dev.lakeport.plan.tasks.JobSettingsException naming each wrong setting and its value
     * @throws DestinationProblemsException when the job creates metadata and the destination cannot hold some of it
     * @throws IllegalArgumentException naming a database, table or partition the source does not have
     */
    public long plan(String label, JobSelection selection, Map<String, String> settings, CancellationToken cancel) {
        return planJob(label, selection, settings, cancel).jobId();
    }

    /** A table (or some of its partitions) a job leaves out, and why. */
    public record LeftOut(String table, String reason) {}

    /** A planned job and what it leaves out of what was selected. */
    public record PlannedJob(long jobId, int tasks, List<LeftOut> leftOut) {}

    /**
     * As {@link #plan}, saying what the job leaves out: views when the job copies data only (a view holds no rows; a
     * job that creates metadata creates it in a task of its own), tables whose data a copy does not read (Iceberg,
     * Hudi, Delta) when the job copies data, and what the project's exclusion rules exclude.
     */
    public PlannedJob planJob(
            String label, JobSelection selection, Map<String, String> settings, CancellationToken cancel) {
        requireNonNull(label, "label is null");
        JobSpec spec = JobSpec.fromSettings(selection, settings);
        migration.requireCompleteLoad(Side.SOURCE);
        migration.requireCurrentNames();
        ensureMapping(cancel);
        if (spec.mode().steps().contains(TaskStep.METADATA)) {
            List<DestinationCheck.Problem> problems = migration.destinationProblems(cancel);
            if (!problems.isEmpty()) {
                throw new DestinationProblemsException(
                        migration.config().destination().describe(), problems);
            }
        }
        ExclusionRules rules = migration.exclusions().rules();
        Map<String, Optional<String>> verdicts = new java.util.HashMap<>();
        Map<String, LeftOut> leftOut = new java.util.LinkedHashMap<>();
        Map<String, Integer> excludedPartitions = new java.util.LinkedHashMap<>();
        Map<String, Integer> foldedWithExcluded = new java.util.LinkedHashMap<>();
        List<PlannedTask> tasks = new java.util.ArrayList<>();
        List<PlannedTask> views = new java.util.ArrayList<>();
        for (PlannedTask planned : new JobPlanner(migration.snapshot()).plan(spec)) {
            PlannedTask task = planned;
            String name = task.database() + "." + task.table();
            Optional<String> why = verdicts.computeIfAbsent(name, n -> leftOutBecause(planned, spec, rules));
            if (why.isPresent()) {
                leftOut.putIfAbsent(name, new LeftOut(name, why.get()));
                continue;
            }
            List<List<String>> kept = planned.partitions().stream()
                    .filter(v -> !rules.excludes(ObjectKey.partition(planned.database(), planned.table(), v)))
                    .toList();
            if (kept.size() < task.partitions().size()) {
                excludedPartitions.merge(name, task.partitions().size() - kept.size(), Integer::sum);
                // A copy replaces a MaxCompute partition whole: where trailing keys are folded into columns, writing
                // the other source partitions of an excluded one's destination partition would erase the rows an
                // earlier copy gave it. Such destination partitions are left alone altogether.
                List<List<String>> mates = foldMates(task, kept);
                if (!mates.isEmpty()) {
                    kept = kept.stream().filter(v -> !mates.contains(v)).toList();
                    foldedWithExcluded.merge(name, mates.size(), Integer::sum);
                }
                if (kept.isEmpty()) {
                    continue;
                }
                task = new PlannedTask(
                        task.database(), task.table(), kept, task.knownBytes(), task.knownRows(), task.steps());
            }
            if (isView(task)) {
                views.add(new PlannedTask(
                        task.database(),
                        task.table(),
                        List.of(),
                        java.util.OptionalLong.of(0),
                        java.util.OptionalLong.of(0),
                        List.of(TaskStep.METADATA)));
            } else {
                tasks.add(task);
            }
        }
        // A view is a task of the metadata step alone (it holds no rows), after the tables so that it tends to start
        // once they are there; its task creates whatever it reads that is still missing (CopyTaskWork).
        tasks.addAll(views);
        excludedPartitions.forEach((name, n) -> leftOut.put(
                name + "/partitions",
                new LeftOut(name, n + (n == 1 ? " partition" : " partitions") + " excluded by your rules")));
        foldedWithExcluded.forEach((name, n) -> leftOut.put(
                name + "/folded",
                new LeftOut(
                        name,
                        n + (n == 1 ? " partition" : " partitions")
                                + " folded into the same MaxCompute partitions as excluded ones (a copy replaces a"
                                + " MaxCompute partition whole, so those are left as they are)")));
        long id = jobs.createJob(label, spec, tasks);
        LOG.info("job {} planned: {} tasks ({}), {} left out", id, tasks.size(), label, leftOut.size());
        return new PlannedJob(id, tasks.size(), List.copyOf(leftOut.values()));
    }

    /**
     * The partitions among {@code kept} that share a destination partition with an excluded partition of the task,
     * where the destination folds trailing partition keys into columns (none otherwise).
     */
    private List<List<String>> foldMates(PlannedTask task, List<List<String>> kept) {
        ObjectKey key = ObjectKey.table(task.database(), task.table());
        int sourceKeys = task.partitions().get(0).size();
        int destinationKeys = migration
                .snapshot()
                .get(Side.SOURCE, key)
                .filter(Table.class::isInstance)
                .map(t -> ((Table) t).partitionKeys().size())
                .orElse(sourceKeys);
        if (destinationKeys >= sourceKeys) {
            return List.of();
        }
        java.util.Set<List<String>> touched = new java.util.HashSet<>();
        java.util.Set<List<String>> keptSet = new java.util.HashSet<>(kept);
        for (List<String> v : task.partitions()) {
            if (!keptSet.contains(v)) {
                touched.add(List.copyOf(v.subList(0, destinationKeys)));
            }
        }
        return kept.stream()
                .filter(v -> touched.contains(List.copyOf(v.subList(0, destinationKeys))))
                .toList();
    }

    private boolean isView(PlannedTask task) {
        return migration
                .snapshot()
                .table(Side.SOURCE, task.database(), task.table())
                .map(Table::isView)
                .orElse(false);
    }

    private Optional<String> leftOutBecause(PlannedTask task, JobSpec spec, ExclusionRules rules) {
        if (rules.excludes(ObjectKey.table(task.database(), task.table()))) {
            return Optional.of("excluded by your rules");
        }
        Optional<Table> table = migration.snapshot().table(Side.SOURCE, task.database(), task.table());
        if (table.isPresent() && table.get().isView() && !spec.mode().steps().contains(TaskStep.METADATA)) {
            return Optional.of("a view: it holds no data (a metadata job creates it)");
        }
        if (table.isPresent()
                && spec.mode().steps().contains(TaskStep.DATA)
                && !table.get().isView()
                && table.get().format() != dev.lakeport.model.TableFormat.HIVE) {
            String format = table.get().format().name().charAt(0)
                    + table.get().format().name().substring(1).toLowerCase(java.util.Locale.ROOT);
            return Optional.of((format.startsWith("I") ? "an " : "a ") + format + " table: its data is not copied"
                    + " yet (copy it with --mode metadata, or leave it out)");
        }
        return Optional.empty();
    }

    /** The most recent job, if any. */
    public Optional<Job> latest() {
        List<Job> all = jobs.jobs();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    public Job job(long jobId) {
        return jobs.job(jobId)
                .orElseThrow(() -> new IllegalArgumentException(
                        "the project has no job " + jobId + "; 'lakeport-cli tasks' lists its jobs"));
    }

    /**
     * Runs the job's PENDING tasks ({@code retryFailed}: its FAILED tasks, alone) with {@code source}'s data; returns
     * the job's counts per state afterwards.
     *
     * @throws IllegalArgumentException when the job copies data and the destination has no data plane for it
     */
    public StateCounts run(
            long jobId,
            SourceData source,
            boolean retryFailed,
            CancellationToken cancel,
            JobProgressListener listener) {
        return run(jobId, source, retryFailed, false, cancel, listener);
    }

    /**
     * As {@link #run(long, SourceData, boolean, CancellationToken, JobProgressListener)}; {@code aggregates} compares
     * per-column SUM, MIN, MAX and NULLs as well as the counts.
     */
    public StateCounts run(
            long jobId,
            SourceData source,
            boolean retryFailed,
            boolean aggregates,
            CancellationToken cancel,
            JobProgressListener listener) {
        requireNonNull(source, "source is null");
        Job job = job(jobId);
        migration.requireCurrentNames();
        ensureMapping(cancel);
        MigrationConfig config = migration.config();
        MigrationConfig.Side destination = config.destination();
        try (CatalogConnection connection =
                        destination.connector().open(destination.settings(), config.callSettings());
                CatalogWriter writer = connection.writer();
                CatalogReader reader = connection.reader()) {
            Optional<MaxComputeDataPlane> plane =
                    MaxComputeDataPlane.of(connection, TunnelWriter.DEFAULT_ROWS_PER_BLOCK);
            if (job.spec().mode().steps().contains(TaskStep.DATA) && plane.isEmpty()) {
                throw new IllegalArgumentException("job " + jobId + " copies data, which goes into MaxCompute only;"
                        + " this project's destination is " + destination.describe()
                        + ": plan a job with mode metadata, or use apply");
            }
            JobRunner runner = new JobRunner(
                    jobs,
                    new CopyTaskWork(migration.snapshot(), reader, writer, plane, source, jobs, RECOPIES, aggregates));
            return retryFailed ? runner.retryFailed(jobId, cancel, listener) : runner.run(jobId, cancel, listener);
        }
    }

    /**
     * What the Spark job needs to copy the data of the job's PENDING tasks (or of {@code taskIds}, whatever their
     * state), without the project: each task's source table and partitions as the source has them (their files'
     * locations and formats), and where their rows go. The destination's tables and partitions must exist when the
     * job runs (a metadata job, or this job's metadata step run here, creates them). No credentials.
     *
     * @throws IllegalArgumentException when the job copies no data, or an id is not a task of the job
     * @throws IllegalStateException when a table or partition of a task is no longer in the project's snapshot
     */
    public CopyPlan copyPlan(long jobId, java.util.Collection<Long> taskIds, CancellationToken cancel) {
        Job job = job(jobId);
        if (!job.spec().mode().steps().contains(TaskStep.DATA)) {
            throw new IllegalArgumentException("job " + jobId + " copies metadata only (job.mode="
                    + job.spec().mode().word() + "); plan a job with mode data or both to copy data");
        }
        migration.requireCurrentNames();
        ensureMapping(cancel);
        List<JobTask> tasks;
        if (taskIds.isEmpty()) {
            tasks = jobs.tasks(jobId, TaskState.PENDING);
        } else {
            Map<Long, JobTask> all = new java.util.LinkedHashMap<>();
            jobs.tasks(jobId).forEach(t -> all.put(t.id(), t));
            List<Long> unknown =
                    taskIds.stream().filter(id -> !all.containsKey(id)).toList();
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("job " + jobId + " has no tasks " + unknown);
            }
            tasks = taskIds.stream().distinct().map(all::get).toList();
        }
        SnapshotStore snapshot = migration.snapshot();
        List<CopyPlan.Task> planned = new ArrayList<>();
        for (JobTask task : tasks) {
            cancel.check();
            planned.add(planTask(snapshot, task));
        }
        return CopyPlan.of(jobId, planned);
    }

    private static CopyPlan.Task planTask(SnapshotStore snapshot, JobTask task) {
        String qualified = task.database() + "." + task.table();
        ObjectKey key = ObjectKey.table(task.database(), task.table());
        Table raw = sourceTable(snapshot.getRaw(Side.SOURCE, key), qualified);
        Table mapped = sourceTable(snapshot.get(Side.SOURCE, key), qualified);
        List<String> keys = mapped.partitionKeys().stream().map(Column::name).toList();
        int columns = mapped.storageDescriptor().map(sd -> sd.columns().size()).orElse(0);
        CopyPlan.Destination destination =
                new CopyPlan.Destination(mapped.databaseName(), mapped.name(), keys, columns);
        List<CopyPlan.Part> parts = new ArrayList<>();
        // Source partitions folded into one destination partition (trailing keys become columns): one part each.
        boolean folds = keys.size() < raw.partitionKeys().size();
        Map<List<String>, List<CopyPlan.Folded>> folded = new java.util.LinkedHashMap<>();
        if (keys.isEmpty()) {
            parts.add(new CopyPlan.Part(List.of(), "", CopyPlan.Storage.of(raw.storageDescriptor())));
        } else {
            List<List<String>> values = task.partitions();
            for (int i = 0; i < values.size(); i += PLAN_BATCH) {
                List<List<String>> batch = values.subList(i, Math.min(values.size(), i + PLAN_BATCH));
                Map<ObjectKey, Partition> got = snapshot.getManyRaw(Side.SOURCE, raw.databaseName(), raw.name(), batch);
                for (List<String> v : batch) {
                    Partition p = got.get(ObjectKey.partition(raw.databaseName(), raw.name(), v));
                    String name = PartitionCounts.partitionName(
                            raw.partitionKeys().stream().map(Column::name).toList(), v);
                    if (p == null) {
                        throw new IllegalStateException("the partition " + name + " of " + raw.databaseName() + "."
                                + raw.name()
                                + " is no longer in the project's snapshot; load the source again and plan a new job");
                    }
                    CopyPlan.Storage storage =
                            CopyPlan.Storage.of(p.storageDescriptor().or(raw::storageDescriptor));
                    if (folds) {
                        folded.computeIfAbsent(List.copyOf(v.subList(0, keys.size())), k -> new ArrayList<>())
                                .add(new CopyPlan.Folded(v, storage));
                    } else {
                        parts.add(new CopyPlan.Part(v, name, storage));
                    }
                }
            }
            folded.forEach((prefix, sources) -> parts.add(new CopyPlan.Part(
                    prefix,
                    PartitionCounts.partitionName(keys, prefix),
                    CopyPlan.Storage.of(Optional.empty()),
                    sources)));
        }
        return new CopyPlan.Task(task.id(), CopyPlan.SourceTable.of(raw), destination, parts);
    }

    private static final int PLAN_BATCH = 100;

    private static Table sourceTable(Optional<dev.lakeport.model.CatalogObject> object, String qualified) {
        return object.filter(Table.class::isInstance)
                .map(Table.class::cast)
                .orElseThrow(() -> new IllegalStateException("the source table " + qualified
                        + " is no longer in the project's snapshot; load the source again and plan a new job"));
    }

    /**
     * Takes in what the Spark job did ({@link CopyResult}): each task's counts are kept, its log lines added, and the
     * task marked SUCCEEDED or FAILED. The whole file is checked first: a task that is not the job's changes nothing.
     * A task already finished (a result imported twice) is left as it is. Returns the job's counts per state.
     *
     * @throws IllegalArgumentException naming the result's job or tasks that are not this project's
     */
    public StateCounts importResult(CopyResult result) {
        requireNonNull(result, "result is null");
        Job job = job(result.jobId());
        Map<Long, JobTask> tasks = new java.util.HashMap<>();
        jobs.tasks(job.id()).forEach(t -> tasks.put(t.id(), t));
        List<Long> unknown = result.tasks().stream()
                .map(CopyResult.TaskResult::taskId)
                .filter(id -> !tasks.containsKey(id))
                .toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("the copy result of run " + result.runId() + " names tasks " + unknown
                    + " that job " + job.id() + " does not have; nothing was imported");
        }
        for (CopyResult.TaskResult r : result.tasks()) {
            JobTask task = tasks.get(r.taskId());
            if (task.state().isFinished()) {
                LOG.info(
                        "task {} is already {}: the result of run {} leaves it",
                        task.id(),
                        task.state(),
                        result.runId());
                continue;
            }
            if (task.state() == TaskState.PENDING && !jobs.markRunning(task.id())) {
                LOG.info(
                        "task {} was taken by another run meanwhile: the result of run {} leaves it",
                        task.id(),
                        result.runId());
                continue;
            }
            for (String line : r.log()) {
                jobs.appendLog(task.id(), dev.lakeport.plan.tasks.TaskLogEntry.Level.INFO, "spark: " + line);
            }
            if (!r.partitions().isEmpty()) {
                jobs.recordCounts(task.id(), r.database(), r.verification());
            }
            if (r.succeeded()) {
                jobs.markSucceeded(
                        task.id(),
                        (r.summary() == null ? "copied" : r.summary()) + " (Spark run " + result.runId() + ")");
            } else {
                jobs.markFailed(
                        task.id(), (r.error() == null ? "failed" : r.error()) + " (Spark run " + result.runId() + ")");
            }
        }
        return jobs.counts(job.id());
    }

    /** The verification report of a job, joined with the project's latest finished diff. */
    public VerificationReport report(long jobId, ReportInfo info) {
        Optional<Long> diff = migration.diffs().runs().stream()
                .filter(r -> r.finishedAt().isPresent())
                .map(r -> r.runId())
                .findFirst();
        return new VerificationReport(
                jobs,
                job(jobId).id(),
                info,
                migration.diffs(),
                diff,
                migration.config().route().words());
    }

    private void ensureMapping(CancellationToken cancel) {
        CatalogMapping mapping = migration.mapping();
        migration.snapshot().ensureMapping(mapping, mapping.mappingId(), ProgressListener.NONE, cancel);
    }
}
