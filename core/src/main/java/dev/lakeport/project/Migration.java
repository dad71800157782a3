package dev.lakeport.project;

import static java.util.Objects.requireNonNull;

import dev.lakeport.apply.Executor;
import dev.lakeport.apply.ExecutorOptions;
import dev.lakeport.apply.ResultListener;
import dev.lakeport.apply.ResultLog;
import dev.lakeport.apply.ResultStore;
import dev.lakeport.apply.RunSummary;
import dev.lakeport.config.MigrationConfig;
import dev.lakeport.connector.CatalogReader;
import dev.lakeport.connector.CatalogWriter;
import dev.lakeport.connector.dlf.DlfConnector;
import dev.lakeport.connector.glue.GlueConnector;
import dev.lakeport.diff.DiffOptions;
import dev.lakeport.diff.DiffRun;
import dev.lakeport.diff.DiffStore;
import dev.lakeport.load.CatalogLoader;
import dev.lakeport.load.LoadSummary;
import dev.lakeport.mapping.GlueToDlfMapping;
import dev.lakeport.mapping.MappingWarning;
import dev.lakeport.mapping.Scope;
import dev.lakeport.mapping.UncoveredLocations;
import dev.lakeport.model.CatalogObject;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.Partition;
import dev.lakeport.plan.Plan;
import dev.lakeport.plan.PlanOptions;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import dev.lakeport.snapshot.DatabaseSummary;
import dev.lakeport.snapshot.LoadOrigin;
import dev.lakeport.snapshot.Side;
import dev.lakeport.snapshot.SnapshotStore;
import dev.lakeport.snapshot.SnapshotWriter;
import dev.lakeport.snapshot.TableSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Glue → DLF migration project: its configuration and its H2 file (snapshot, diffs, results). Every step the
 * wizard and the command line offer is a method here — load, diff, apply, verify — blocking, with progress and
 * cancellation, so that views and commands stay thin.
 */
public final class Migration implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Migration.class);
    /** Tables whose partitions load at the same time; each table's listing is itself split into Glue segments. */
    static final int TABLE_CONCURRENCY = 4;

    private static final int PAGE = 5_000;
    private static final int MAX_WARNING_EXAMPLES = 20;

    private final MigrationConfig config;
    private final Path projectFile;
    private final SnapshotStore snapshot;
    private final DiffStore diffs;
    private final ResultStore results;
    private final GlueToDlfMapping mapping;
    private final boolean ownsSnapshot;

    private Migration(MigrationConfig config, Path projectFile, SnapshotStore snapshot, boolean ownsSnapshot) {
        this.config = config;
        this.ownsSnapshot = ownsSnapshot;
        this.projectFile = projectFile;
        this.snapshot = snapshot;
        this.diffs = new DiffStore(snapshot.dataSource());
        this.results = new ResultStore(snapshot.dataSource());
        this.mapping = config.mapping();
    }

    /**
     * Opens (or creates) the project file and remembers {@code settings} in it, minus credentials.
     *
     * @param settings the properties the configuration was read from, stored so that the project alone can repeat a
     *     step; may be empty
     */
    public static Migration open(MigrationConfig config, Path projectFile, Properties settings) {
        requireNonNull(config, "config is null");
        requireNonNull(projectFile, "projectFile is null");
        SnapshotStore store = SnapshotStore.open(projectFile);
        try {
            if (!settings.isEmpty()) {
                new ProjectSettings(store.dataSource()).save(settings);
            }
            return new Migration(config, projectFile, store, true);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * A migration over a project store that the caller keeps open (the desktop holds one store for the whole session
     * and attaches a new migration whenever the configuration changes). {@link #close()} leaves the store open.
     */
    public static Migration attach(MigrationConfig config, Path projectFile, SnapshotStore store) {
        requireNonNull(config, "config is null");
        requireNonNull(projectFile, "projectFile is null");
        requireNonNull(store, "store is null");
        return new Migration(config, projectFile, store, false);
    }

    /** The settings stored in a project file by an earlier run, without credentials. */
    public static Properties storedSettings(Path projectFile) {
        try (SnapshotStore store = SnapshotStore.open(projectFile)) {
            return new ProjectSettings(store.dataSource()).load();
        }
    }

    public MigrationConfig config() {
        return config;
    }

    public Path projectFile() {
        return projectFile;
    }

    public SnapshotStore snapshot() {
        return snapshot;
    }

    public DiffStore diffs() {
        return diffs;
    }

    public ResultStore results() {
        return results;
    }

    public GlueToDlfMapping mapping() {
        return mapping;
    }

    /** Reads one catalog's scope into the snapshot. A load that was interrupted resumes where it stopped. */
    public LoadSummary load(Side side, ProgressListener progress, CancellationToken cancel) {
        Scope scope = config.scope();
        CatalogLoader loader = new CatalogLoader(TABLE_CONCURRENCY);
        if (side == Side.SOURCE) {
            try (GlueConnector glue = new GlueConnector(config.glueConnectorConfig())) {
                LoadOrigin origin = LoadOrigin.of(
                        "glue", glue.endpoint(), config.aws().catalogId().orElse(null));
                try (CatalogReader reader = glue.reader();
                        SnapshotWriter writer = snapshot.beginLoad(side, origin, mapping, mapping.mappingId())) {
                    return loader.load(
                            reader,
                            new ScopeAdapter(scope, true),
                            new ProjectLoadTarget(writer),
                            "load source",
                            progress,
                            cancel);
                }
            }
        }
        try (DlfConnector dlf = DlfConnector.create(config.dlfConnectorConfig())) {
            LoadOrigin origin = LoadOrigin.of(
                    "dlf",
                    config.aliyun().endpoint(),
                    config.aliyun().catalogId().orElse(null));
            try (CatalogReader reader = dlf.reader();
                    SnapshotWriter writer = snapshot.beginLoad(side, origin)) {
                return loader.load(
                        reader,
                        new ScopeAdapter(scope, false),
                        new ProjectLoadTarget(writer),
                        "load destination",
                        progress,
                        cancel);
            }
        }
    }

    /**
     * Checks the mapping against the loaded source: counts the warnings by kind and lists the locations no
     * convertMap entry covers. Reads the source snapshot only; streams partitions a page at a time.
     */
    public MappingCheck checkMapping(CancellationToken cancel) {
        Map<MappingWarning.Code, Long> counts = new EnumMap<>(MappingWarning.Code.class);
        List<MappingWarning> examples = new ArrayList<>();
        UncoveredLocations uncovered = mapping.locationMapper().uncovered();
        java.util.function.Consumer<CatalogObject> check = object -> {
            for (MappingWarning w : mapping.warnings(object)) {
                counts.merge(w.code(), 1L, Long::sum);
                if (examples.size() < MAX_WARNING_EXAMPLES) {
                    examples.add(w);
                }
            }
            uncovered.addAll(object);
        };
        for (DatabaseSummary db : snapshot.databases(Side.SOURCE)) {
            cancel.check();
            snapshot.database(Side.SOURCE, db.name()).ifPresent(check);
            snapshot.functions(Side.SOURCE, db.name()).forEach(check);
            long offset = 0;
            List<TableSummary> tables;
            do {
                tables = snapshot.tables(Side.SOURCE, db.name(), "", offset, PAGE);
                offset += tables.size();
                for (TableSummary t : tables) {
                    check.accept(t.table());
                    Optional<List<String>> after = Optional.empty();
                    List<Partition> page;
                    do {
                        cancel.check();
                        page = snapshot.partitions(
                                Side.SOURCE, db.name(), t.table().name(), after, PAGE);
                        page.forEach(check);
                        if (!page.isEmpty()) {
                            after = Optional.of(page.get(page.size() - 1).values());
                        }
                    } while (page.size() == PAGE);
                }
            } while (tables.size() == PAGE);
        }
        return new MappingCheck(counts, examples, uncovered.groups(), uncovered.total());
    }

    /** The two loads of {@link #loadBoth}, source first. */
    public record BothLoads(LoadSummary source, LoadSummary destination) {
        public boolean complete() {
            return source.complete() && destination.complete();
        }
    }

    /**
     * Reads both catalogs at the same time: each read waits on its catalog's API most of the time, so overlapping them
     * roughly halves the wall time of a re-run. The destination reports progress to {@code destinationProgress}.
     */
    public BothLoads loadBoth(
            ProgressListener sourceProgress, ProgressListener destinationProgress, CancellationToken cancel) {
        java.util.concurrent.CompletableFuture<LoadSummary> destination =
                java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> load(Side.DESTINATION, destinationProgress, cancel), runnable -> {
                            Thread t = new Thread(runnable, "load-destination");
                            t.setDaemon(true);
                            t.start();
                        });
        LoadSummary source;
        try {
            source = load(Side.SOURCE, sourceProgress, cancel);
        } catch (RuntimeException e) {
            try {
                destination.join();
            } catch (java.util.concurrent.CompletionException ignored) {
                // the source's failure is the one to report
            }
            throw e;
        }
        try {
            return new BothLoads(source, destination.join());
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    /** Compares the mapped source with the destination, restricted to {@code restrictTo} when not empty. */
    public DiffRun diff(Collection<ObjectKey> restrictTo, ProgressListener progress, CancellationToken cancel) {
        snapshot.ensureMapping(mapping, mapping.mappingId(), progress, cancel);
        Scope scope = config.scope(restrictTo);
        DiffOptions options = DiffOptions.defaults()
                .withComparePartition(config.selection().comparePartition())
                .withScope(scope::includes);
        DiffRun run =
                diffs.diff(snapshot, options, restrictTo.isEmpty() ? "diff" : "diff of failed items", progress, cancel);
        LOG.info("diff run {}: {}", run.runId(), run.summary());
        return run;
    }

    /**
     * Applies a stored diff to DLF. Deletions run only if the request turns them on and confirms their exact number
     * ({@link dev.lakeport.plan.DeleteConfirmationException} otherwise, before anything is written).
     */
    public ApplyOutcome apply(
            long diffRunId, ApplyRequest request, ProgressListener progress, CancellationToken cancel) {
        return apply(diffRunId, request, progress, cancel, ResultListener.NONE);
    }

    /**
     * Applies a stored diff like {@link #apply(long, ApplyRequest, ProgressListener, CancellationToken)} and tells
     * {@code listener} of every record as it is written (a window lists failures while the run goes on).
     */
    public ApplyOutcome apply(
            long diffRunId,
            ApplyRequest request,
            ProgressListener progress,
            CancellationToken cancel,
            ResultListener listener) {
        requireNonNull(listener, "listener is null");
        String outputPath = outputPath();
        try (DlfConnector dlf = DlfConnector.create(config.dlfConnectorConfig());
                CatalogWriter writer = dlf.writer();
                CatalogReader reader = dlf.reader()) {
            PlanOptions planOptions = PlanOptions.of(writer.limits());
            if (request.allowDeletes()) {
                planOptions = request.confirmedDeletes().isPresent()
                        ? planOptions.withDeletesConfirmed(
                                request.confirmedDeletes().getAsLong())
                        : new PlanOptions(true, request.confirmedDeletes(), writer.limits(), Optional.empty());
            }
            Plan plan = Plan.of(diffs, diffRunId, planOptions);
            ExecutorOptions executorOptions = ExecutorOptions.defaults()
                    .withConcurrency(request.concurrency())
                    .withCallsPerSecond(request.callsPerSecond())
                    .withRetries(config.retries())
                    .withDryRun(request.dryRun());
            String runId = ResultLog.newRunId();
            try (ResultLog log = ResultLog.open(outputPath, runId, request.dryRun(), Optional.of(results), listener)) {
                RunSummary summary =
                        new Executor(writer, reader, snapshot, executorOptions).run(plan, log, progress, cancel);
                return new ApplyOutcome(
                        runId, summary, plan.skipped(), log.resultsFile(), log.csvFile(), log.failedFile());
            }
        }
    }

    /** After a run: re-reads the destination and diffs again; an empty diff means the destination matches. */
    public DiffRun verify(ProgressListener progress, CancellationToken cancel) {
        LoadSummary load = load(Side.DESTINATION, progress, cancel);
        if (!load.complete()) {
            throw new IllegalStateException("the destination could not be re-read completely: " + load.failures());
        }
        return diff(List.of(), progress, cancel);
    }

    /**
     * Where runs write their result logs: {@code result.output.path}, or {@code lakeport-output} beside the project
     * file when it is not set.
     */
    public String outputPath() {
        return config.run().resultOutputPath().orElseGet(() -> defaultOutputDirectory()
                .toString());
    }

    private Path defaultOutputDirectory() {
        Path parent = projectFile.toAbsolutePath().getParent();
        return (parent == null ? Path.of(".") : parent).resolve("lakeport-output");
    }

    @Override
    public void close() {
        if (ownsSnapshot) {
            snapshot.close();
        }
    }
}
