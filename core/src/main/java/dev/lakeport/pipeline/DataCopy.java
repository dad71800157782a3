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
import dev.lakeport.copy.MaxComputeDataPlane;
import dev.lakeport.copy.SourceData;
import dev.lakeport.copy.TunnelWriter;
import dev.lakeport.mapping.CatalogMapping;
import dev.lakeport.mapping.DestinationCheck;
import dev.lakeport.mapping.ExclusionRules;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.plan.tasks.Job;
import dev.lakeport.plan.tasks.JobPlanner;
import dev.lakeport.plan.tasks.JobSelection;
import dev.lakeport.plan.tasks.JobSpec;
import dev.lakeport.plan.tasks.PlannedTask;
import dev.lakeport.plan.tasks.StateCounts;
import dev.lakeport.plan.tasks.TaskStep;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import dev.lakeport.report.ReportInfo;
import dev.lakeport.report.VerificationReport;
import dev.lakeport.snapshot.Side;
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
     * As {@link #plan}, saying what the job leaves out: views (MaxCompute gets no views from a copy), tables whose
     * data a copy does not read (Iceberg, Hudi, Delta) when the job copies data, and what the project's exclusion
     * rules exclude.
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
        List<PlannedTask> tasks = new java.util.ArrayList<>();
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
                if (kept.isEmpty()) {
                    continue;
                }
                task = new PlannedTask(
                        task.database(), task.table(), kept, task.knownBytes(), task.knownRows(), task.steps());
            }
            tasks.add(task);
        }
        excludedPartitions.forEach((name, n) -> leftOut.put(
                name + "/partitions",
                new LeftOut(name, n + (n == 1 ? " partition" : " partitions") + " excluded by your rules")));
        long id = jobs.createJob(label, spec, tasks);
        LOG.info("job {} planned: {} tasks ({}), {} left out", id, tasks.size(), label, leftOut.size());
        return new PlannedJob(id, tasks.size(), List.copyOf(leftOut.values()));
    }

    private Optional<String> leftOutBecause(PlannedTask task, JobSpec spec, ExclusionRules rules) {
        if (rules.excludes(ObjectKey.table(task.database(), task.table()))) {
            return Optional.of("excluded by your rules");
        }
        Optional<dev.lakeport.model.Table> table =
                migration.snapshot().table(Side.SOURCE, task.database(), task.table());
        if (table.isPresent() && table.get().isView()) {
            return Optional.of("a view: MaxCompute gets no views from a copy");
        }
        if (table.isPresent()
                && spec.mode().steps().contains(TaskStep.DATA)
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
