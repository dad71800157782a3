package dev.lakeport.pipeline;

import static java.util.Objects.requireNonNull;

import dev.lakeport.apply.Executor;
import dev.lakeport.apply.ExecutorOptions;
import dev.lakeport.apply.ResultListener;
import dev.lakeport.apply.ResultLog;
import dev.lakeport.apply.ResultStore;
import dev.lakeport.apply.RunSummary;
import dev.lakeport.apply.tasks.JobStore;
import dev.lakeport.assess.Assessor;
import dev.lakeport.assess.RouteRules;
import dev.lakeport.config.MigrationConfig;
import dev.lakeport.connector.CatalogConnection;
import dev.lakeport.connector.CatalogReader;
import dev.lakeport.connector.CatalogWriter;
import dev.lakeport.diff.DiffBasis;
import dev.lakeport.diff.DiffOptions;
import dev.lakeport.diff.DiffRun;
import dev.lakeport.diff.DiffStore;
import dev.lakeport.load.CatalogLoader;
import dev.lakeport.load.LoadSummary;
import dev.lakeport.load.LoadTarget;
import dev.lakeport.mapping.CatalogMapping;
import dev.lakeport.mapping.ColumnTypeMapping;
import dev.lakeport.mapping.DestinationCheck;
import dev.lakeport.mapping.ExclusionRule;
import dev.lakeport.mapping.ExclusionRules;
import dev.lakeport.mapping.MappingWarning;
import dev.lakeport.mapping.Naming;
import dev.lakeport.mapping.Scope;
import dev.lakeport.mapping.UncoveredLocations;
import dev.lakeport.mapping.ViewReferences;
import dev.lakeport.model.CatalogObject;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import dev.lakeport.plan.Plan;
import dev.lakeport.plan.PlanOptions;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import dev.lakeport.snapshot.DatabaseSummary;
import dev.lakeport.snapshot.LoadInfo;
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
    private static final int EXAMPLES_PER_CODE = 3;

    private final MigrationConfig config;
    private final Path projectFile;
    private final SnapshotStore snapshot;
    private final DiffStore diffs;
    private final ResultStore results;
    private volatile CatalogMapping mapping;
    private final boolean ownsSnapshot;
    private DataCopy copies;

    private Migration(MigrationConfig config, Path projectFile, SnapshotStore snapshot, boolean ownsSnapshot) {
        this.config = config;
        this.ownsSnapshot = ownsSnapshot;
        this.projectFile = projectFile;
        this.snapshot = snapshot;
        this.diffs = new DiffStore(snapshot.dataSource());
        this.results = new ResultStore(snapshot.dataSource(), config.route().words());
        this.mapping = mappingFor(CatalogFacts.load(snapshot.dataSource(), Side.DESTINATION));
    }

    /**
     * The route's mapping with what it learns from the loaded source (MaxCompute's {@code auto} folding: how many
     * partition keys each table over a limit folds, counted from its partitions) added to the destination's facts.
     */
    private CatalogMapping mappingFor(Map<String, String> destinationFacts) {
        CatalogMapping plain = config.mapping(destinationFacts);
        if (!plain.learnsFromSource() || plain.destinationCheck().isEmpty()) {
            return plain;
        }
        DestinationCheck check = plain.destinationCheck().get();
        feed(check, CancellationToken.NONE);
        Map<String, String> learned = check.mappingFacts();
        if (learned.isEmpty()) {
            return plain;
        }
        Map<String, String> facts = new java.util.TreeMap<>(destinationFacts);
        facts.putAll(learned);
        return config.mapping(facts);
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
            Migration migration = new Migration(config, projectFile, store, true);
            // Rules written in the configuration (lakeport.exclude.<n>.*, as a Spark job receives them) become rules
            // of the project, so that a run from this computer leaves out what the job would: never one without the
            // other. They stay until removed ('lakeport-cli exclude remove', or the Diff page).
            Map<String, String> written = new java.util.TreeMap<>();
            settings.stringPropertyNames().forEach(k -> written.put(k, settings.getProperty(k)));
            ExclusionRules fromFile = ExclusionRules.fromSettings(written);
            if (!fromFile.isEmpty()) {
                ExclusionStore rules = migration.exclusions();
                fromFile.rules().forEach(rules::add);
            }
            // This process holds the project file now: a diff still RUNNING was stopped by a kill.
            migration.diffs.markInterrupted();
            return migration;
        } catch (RuntimeException e) {
            RuntimeException explained = store.explain(e);
            try {
                store.close();
            } catch (RuntimeException closing) {
                explained.addSuppressed(closing);
            }
            throw explained;
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

    /** The project's exclusion rules. */
    public ExclusionStore exclusions() {
        return new ExclusionStore(snapshot.dataSource());
    }

    /**
     * Stores a rule and marks what it covers in {@code diffRunId} (when given) as excluded.
     *
     * @return whether the rule is new
     */
    public boolean exclude(ExclusionRule rule, Optional<Long> diffRunId) {
        boolean added = exclusions().add(rule);
        diffRunId.ifPresent(id -> diffs.setSubtreeIncluded(id, rule.target(), false));
        return added;
    }

    /**
     * Removes a rule and includes again what it covered in {@code diffRunId} (when given), except what another rule
     * still covers.
     *
     * @return whether the project had the rule
     */
    public boolean removeExclusion(ExclusionRule rule, Optional<Long> diffRunId) {
        boolean removed = exclusions().remove(rule);
        diffRunId.ifPresent(id -> {
            diffs.setSubtreeIncluded(id, rule.target(), true);
            markExcluded(id, exclusions().rules());
        });
        return removed;
    }

    /**
     * Why the snapshot needs a new load for the current scope: what the current scope covers that a side was not
     * loaded with ("database sales added"). Empty when the scope is the same or narrower (a diff narrows it itself),
     * or when nothing was loaded yet.
     */
    public List<String> scopeWidening() {
        LoadedScope now = LoadedScope.of(config.selection());
        java.util.LinkedHashSet<String> reasons = new java.util.LinkedHashSet<>();
        for (Side side : Side.values()) {
            LoadedScope.load(snapshot.dataSource(), side).ifPresent(loaded -> reasons.addAll(loaded.widenedBy(now)));
        }
        return List.copyOf(reasons);
    }

    /**
     * An assessor of this project's loaded source: its route's mapping and its scope, {@code lakeport.concurrency} and
     * {@code lakeport.rate}, the destination writer's batch limits, and the per-call latency {@code settings} name.
     *
     * @throws IllegalArgumentException when {@code lakeport.assess.callLatency} is not a positive duration
     */
    public Assessor assessor(Map<String, String> settings) {
        return assessor(config, snapshot, settings);
    }

    /** {@link #assessor(Map)} for a configuration over a snapshot store that is already open. */
    public static Assessor assessor(MigrationConfig config, SnapshotStore snapshot, Map<String, String> settings) {
        Assessor.Settings run = new Assessor.Settings(
                config.run().concurrency(),
                config.run().rate(),
                Assessor.Settings.callLatency(settings),
                config.destination()
                        .connector()
                        .writerLimits(config.destination().settings()));
        return new Assessor(snapshot, new RouteRules(config.route(), config.mapping()), config.scope(), run);
    }

    /** Migration jobs of this project: metadata and data copied task by task, verified by counts. */
    public synchronized DataCopy copies() {
        if (copies == null) {
            copies = new DataCopy(this, JobStore.open(snapshot.dataSource()));
        }
        return copies;
    }

    public CatalogMapping mapping() {
        return mapping;
    }

    /** Reads one catalog's scope into the snapshot. A load that was interrupted resumes where it stopped. */
    public LoadSummary load(Side side, ProgressListener progress, CancellationToken cancel) {
        LoadSummary summary = loadSide(side, progress, cancel);
        if (side == Side.SOURCE && mapping.learnsFromSource()) {
            relearn(); // the partitions changed: what the mapping learns from them is counted again
        }
        return summary;
    }

    private LoadSummary loadSide(Side side, ProgressListener progress, CancellationToken cancel) {
        Scope scope = config.scope();
        CatalogLoader loader = new CatalogLoader(TABLE_CONCURRENCY);
        MigrationConfig.Side which = side == Side.SOURCE ? config.source() : config.destination();
        if (side == Side.SOURCE && mapping.naming().isPresent()) {
            learnDestinationNames();
        }
        Optional<Naming> naming = side == Side.SOURCE ? mapping.naming() : Optional.empty();
        try (CatalogConnection connection = which.connector().open(which.settings(), config.callSettings())) {
            LoadOrigin origin = LoadOrigin.of(
                    which.kind(), connection.endpoint(), connection.catalogId().orElse(null));
            try (CatalogReader reader = connection.reader();
                    SnapshotWriter writer = side == Side.SOURCE
                            ? snapshot.beginLoad(side, origin, mapping, mapping.mappingId())
                            : snapshot.beginLoad(side, origin)) {
                LoadedScope.of(config.selection()).save(snapshot.dataSource(), side);
                if (side == Side.DESTINATION) {
                    // What the destination allows (a MaxCompute project's types) decides how the source maps: a
                    // change re-maps the stored source at the next diff (the mapping id includes the facts).
                    rememberDestinationFacts(connection.facts());
                }
                LoadTarget target = new ProjectLoadTarget(writer);
                RenamingLoadTarget renaming =
                        naming.map(n -> new RenamingLoadTarget(target, n)).orElse(null);
                try {
                    return loader.load(
                            reader,
                            new ScopeAdapter(
                                    side == Side.SOURCE ? scope : mapping.destinationScope(scope), side == Side.SOURCE),
                            renaming != null ? renaming : target,
                            side == Side.SOURCE ? "load source" : "load destination",
                            progress,
                            cancel);
                } finally {
                    if (renaming != null) {
                        CatalogFacts.save(snapshot.dataSource(), Side.SOURCE, renaming.facts());
                    }
                }
            }
        }
    }

    /**
     * Names at a destination that names things its own way depend on what it says about itself (a MaxCompute
     * project with schemas takes each database as a schema): ask it before the source is stored under those names.
     */
    private void learnDestinationNames() {
        MigrationConfig.Side destination = config.destination();
        try (CatalogConnection connection =
                destination.connector().open(destination.settings(), config.callSettings())) {
            rememberDestinationFacts(connection.facts());
        }
    }

    /** Both loads may ask the destination at once (they run side by side): one answer is stored at a time. */
    private synchronized void rememberDestinationFacts(Map<String, String> facts) {
        CatalogFacts.save(snapshot.dataSource(), Side.DESTINATION, facts);
        mapping = mappingFor(facts);
    }

    /** The source changed: what the mapping learns from it is learnt again. */
    private synchronized void relearn() {
        mapping = mappingFor(CatalogFacts.load(snapshot.dataSource(), Side.DESTINATION));
    }

    /**
     * The source side was stored under names that no longer hold (the destination's settings or projects changed):
     * a diff would meet nothing where it should.
     */
    void requireCurrentNames() {
        Optional<Naming> naming = mapping.naming();
        if (naming.isEmpty()) {
            return;
        }
        String stored = CatalogFacts.load(snapshot.dataSource(), Side.SOURCE).get(RenamingLoadTarget.NAMING_ID);
        if (stored != null && !stored.equals(naming.get().id())) {
            throw new IncompleteSnapshotException(
                    Side.SOURCE,
                    "the source was loaded under other "
                            + config.destination().connector().shortName()
                            + " names (the destination's projects, schemas or character mappings changed since);"
                            + " load the source again (lakeport-cli load --side source) before diffing");
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
        Scope scope = config.scope();
        java.util.function.Consumer<CatalogObject> check = object -> {
            List<MappingWarning> found = new ArrayList<>(mapping.warnings(object));
            if (object instanceof Table t && t.isView()) {
                viewOutsideScope(t, scope).ifPresent(found::add);
            }
            for (MappingWarning w : found) {
                long seen = counts.merge(w.code(), 1L, Long::sum);
                // a few of each kind, so that a rare kind is not crowded out by a common one
                if (examples.size() < MAX_WARNING_EXAMPLES && seen <= EXAMPLES_PER_CODE) {
                    examples.add(w);
                }
            }
            if (mapping.keepsLocations()) {
                uncovered.addAll(object);
            }
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

    /**
     * What the destination cannot take from the loaded source, found before anything runs (MaxCompute: names, types,
     * columns, partition levels and counts, partition values, two tables that become one). Empty for destinations
     * without limits of their own. Reads the source snapshot, a page at a time.
     */
    public List<DestinationCheck.Problem> destinationProblems(CancellationToken cancel) {
        Optional<DestinationCheck> found = mapping.destinationCheck();
        if (found.isEmpty()) {
            return List.of();
        }
        DestinationCheck check = found.get();
        feed(check, cancel);
        List<DestinationCheck.Problem> out =
                new ArrayList<>(RenamingLoadTarget.clashes(CatalogFacts.load(snapshot.dataSource(), Side.SOURCE)));
        out.addAll(check.problems());
        return out;
    }

    /** Feeds every source table in scope (not excluded) with its partitions' values to a destination check. */
    private void feed(DestinationCheck check, CancellationToken cancel) {
        ExclusionRules excluded = exclusions().rules();
        for (DatabaseSummary db : snapshot.databases(Side.SOURCE)) {
            long offset = 0;
            List<TableSummary> tables;
            do {
                cancel.check();
                tables = snapshot.tables(Side.SOURCE, db.name(), "", offset, PAGE);
                offset += tables.size();
                for (TableSummary t : tables) {
                    if (excluded.excludes(t.table().key())) {
                        continue; // left out by the user: no run touches it
                    }
                    List<List<String>> values = new ArrayList<>();
                    Optional<List<String>> after = Optional.empty();
                    List<Partition> page;
                    do {
                        cancel.check();
                        page = snapshot.partitions(
                                Side.SOURCE, db.name(), t.table().name(), after, PAGE);
                        page.forEach(p -> values.add(p.values()));
                        if (!page.isEmpty()) {
                            after = Optional.of(page.get(page.size() - 1).values());
                        }
                    } while (page.size() == PAGE);
                    check.table(t.table(), Math.max(t.partitionCount(), values.size()), values);
                }
            } while (tables.size() == PAGE);
        }
    }

    /**
     * The type-mapping preview of one source table as loaded: each column's source type, the type the destination
     * will hold and what decided it. Empty when the snapshot has no such table; an empty list when the route moves
     * types unchanged.
     */
    public Optional<List<ColumnTypeMapping>> columnTypes(String database, String table) {
        Optional<Naming> naming = mapping.naming();
        String db = naming.map(n -> n.database(database)).orElse(database);
        String name = naming.map(n -> n.table(database, table)).orElse(table);
        return snapshot.table(Side.SOURCE, db, name).map(mapping::columnTypes);
    }

    /** A view reading tables the scope leaves out is migrated without them, so it fails at the destination. */
    private static Optional<MappingWarning> viewOutsideScope(Table view, Scope scope) {
        List<String> outside = new ArrayList<>();
        for (String table : ViewReferences.tables(view)) {
            int dot = table.indexOf('.');
            if (!scope.includesTable(table.substring(0, dot), table.substring(dot + 1))) {
                outside.add(table);
            }
        }
        if (outside.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new MappingWarning(
                view.key(),
                MappingWarning.Code.VIEW_OUTSIDE_SCOPE,
                "view " + view.databaseName() + "." + view.name() + " reads " + String.join(", ", outside)
                        + (outside.size() == 1 ? ", which is" : ", which are")
                        + " outside the scope: the view is migrated without "
                        + (outside.size() == 1 ? "it" : "them")
                        + " and fails at the destination unless they are there"));
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
        requireCompleteLoad(Side.SOURCE);
        requireCompleteLoad(Side.DESTINATION);
        requireCurrentNames();
        snapshot.ensureMapping(mapping, mapping.mappingId(), progress, cancel);
        Scope scope = config.scope(restrictTo);
        DiffOptions options = DiffOptions.defaults()
                .withComparePartition(config.selection().comparePartition())
                .withScope(new SnapshotScope(mapping.destinationScope(scope), snapshot));
        DiffRun run = diffs.diff(
                snapshot,
                options,
                restrictTo.isEmpty() ? "diff" : "diff of failed items",
                currentBasis(),
                progress,
                cancel);
        ExclusionRules rules = exclusions().rules();
        markExcluded(run.runId(), rules);
        LOG.info("diff run {}: {}; {} exclusion rules", run.runId(), run.summary(), rules.size());
        return run;
    }

    /** Marks what the rules cover in a stored diff run as excluded: one update per rule. */
    private void markExcluded(long diffRunId, ExclusionRules rules) {
        for (ExclusionRule rule : rules.rules()) {
            diffs.setSubtreeIncluded(diffRunId, rule.target(), false);
        }
    }

    /** How many entries of a stored diff run remain, and how many of them the project's rules exclude. */
    public Remaining remaining(long diffRunId) {
        long total = diffs.count(diffRunId, dev.lakeport.diff.DiffQuery.all());
        long included = diffs.count(diffRunId, dev.lakeport.diff.DiffQuery.all().includedOnly());
        return new Remaining(total, total - included, exclusions().rules());
    }

    /**
     * The differences a diff left: {@code excluded} of them the user's rules (or choices) leave out. When all are
     * excluded the destination matches everything that is meant to be migrated.
     */
    public record Remaining(long total, long excluded, ExclusionRules rules) {
        public long included() {
            return total - excluded;
        }

        /** Differences remain, and every one of them is excluded. */
        public boolean allExcluded() {
            return total > 0 && excluded == total;
        }

        /** Nothing left to do: no differences, or only excluded ones. */
        public boolean settled() {
            return included() == 0;
        }
    }

    /**
     * Refuses to go on with a side that no load has finished: a partial side diffed as if whole would show what is
     * missing from it as to create (or to delete).
     */
    void requireCompleteLoad(Side side) {
        String name = side == Side.SOURCE ? "source (Glue)" : "destination (DLF)";
        String option = side == Side.SOURCE ? "source" : "destination";
        Optional<dev.lakeport.snapshot.LoadInfo> info = snapshot.loadInfo(side);
        if (info.isEmpty()) {
            throw new IncompleteSnapshotException(
                    side,
                    "the " + name + " catalog has not been loaded into the snapshot yet; load it first (lakeport-cli"
                            + " load --side " + option + "); nothing was diffed");
        }
        if (!info.get().complete()) {
            throw new IncompleteSnapshotException(
                    side,
                    "the load of the " + name + " catalog started " + info.get().startedAt()
                            + " did not finish, so the snapshot holds only part of it; load it again (lakeport-cli load"
                            + " --side " + option + ": it resumes) before diffing; nothing was diffed");
        }
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
        snapshot.ensureMapping(mapping, mapping.mappingId(), progress, cancel);
        requireNonNull(listener, "listener is null");
        DiffBasis basis =
                diffs.basis(diffRunId).orElseThrow(() -> new IllegalArgumentException("no diff run " + diffRunId));
        Optional<String> stale = basis.staleAgainst(currentBasis());
        if (stale.isPresent()) {
            throw new StaleDiffException(diffRunId, stale.get());
        }
        // A new process has no mapping in force yet: the executor reads SOURCE objects in destination form.
        snapshot.ensureMapping(mapping, mapping.mappingId(), progress, cancel);
        requireCurrentNames();
        List<DestinationCheck.Problem> problems = destinationProblems(cancel);
        if (!problems.isEmpty()) {
            throw new DestinationProblemsException(config.destination().describe(), problems);
        }
        String outputPath = outputPath();
        MigrationConfig.Side destination = config.destination();
        try (CatalogConnection connection =
                        destination.connector().open(destination.settings(), config.callSettings());
                CatalogWriter writer = connection.writer();
                CatalogReader reader = connection.reader()) {
            PlanOptions planOptions = PlanOptions.of(writer.limits());
            if (request.allowDeletes()) {
                planOptions = request.confirmedDeletes().isPresent()
                        ? planOptions.withDeletesConfirmed(
                                request.confirmedDeletes().getAsLong())
                        : new PlanOptions(true, request.confirmedDeletes(), writer.limits(), Optional.empty());
            }
            // Rules added since the diff was made hold for it too.
            markExcluded(diffRunId, exclusions().rules());
            Plan plan = Plan.of(diffs, diffRunId, planOptions);
            ExecutorOptions executorOptions = ExecutorOptions.defaults()
                    .withConcurrency(request.concurrency())
                    .withCallsPerSecond(request.callsPerSecond())
                    .withRetries(config.retries())
                    .withDryRun(request.dryRun());
            String runId = ResultLog.newRunId();
            try (ResultLog log = ResultLog.open(
                    outputPath,
                    runId,
                    request.dryRun(),
                    Optional.of(results),
                    listener,
                    snapshot.itemNames(),
                    config.route().words())) {
                RunSummary summary =
                        new Executor(writer, reader, snapshot, executorOptions).run(plan, log, progress, cancel);
                return new ApplyOutcome(
                        runId, summary, plan.skipped(), log.resultsFile(), log.csvFile(), log.failedFile());
            }
        }
    }

    /** The mapping in force and the stamps of both sides' current loads: what a diff made now is made from. */
    private DiffBasis currentBasis() {
        return new DiffBasis(
                Optional.of(mapping.mappingId()),
                snapshot.loadInfo(Side.SOURCE).map(LoadInfo::stamp),
                snapshot.loadInfo(Side.DESTINATION).map(LoadInfo::stamp));
    }

    /** After a run: re-reads the destination and diffs again; an empty diff means the destination matches. */
    public DiffRun verify(ProgressListener progress, CancellationToken cancel) {
        LoadSummary load = load(Side.DESTINATION, progress, cancel);
        if (load.cancelled()) {
            throw new java.util.concurrent.CancellationException(
                    "verify was cancelled while re-reading the destination");
        }
        if (!load.complete()) {
            LoadSummary.LoadFailure first = load.failures().get(0);
            // The catalog's own code decides what the user is told: unavailable (retry later) or refused (act).
            throw new dev.lakeport.connector.ConnectorException(
                    first.code().orElse(dev.lakeport.connector.ErrorCode.UNAVAILABLE),
                    "the destination could not be re-read completely: "
                            + load.failures().size() + " objects failed, e.g. " + first.itemName() + ": "
                            + first.error());
        }
        return diff(List.of(), progress, cancel);
    }

    /**
     * Where runs write their result logs: {@code result.output.path}, or {@code lakeport-output} beside the project
     * file when it is not set. A relative path is beside the project file: never the working directory, which for the
     * desktop is wherever it was started from. (Read from an application.properties, a relative path was already
     * made absolute beside that file.)
     */
    public String outputPath() {
        return config.run().resultOutputPath().map(this::besideProject).orElseGet(() -> projectDirectory()
                .resolve("lakeport-output")
                .toString());
    }

    private String besideProject(String path) {
        if (path.matches("[A-Za-z][A-Za-z0-9+.-]+:/.*")) {
            return path; // a URI: file:, or a cluster's file system
        }
        try {
            Path p = Path.of(path);
            return p.isAbsolute()
                    ? path
                    : projectDirectory().resolve(p).normalize().toString();
        } catch (java.nio.file.InvalidPathException e) {
            return path; // refused, naming the key, when the run opens its log
        }
    }

    private Path projectDirectory() {
        Path parent = projectFile.toAbsolutePath().getParent();
        return parent == null ? Path.of("").toAbsolutePath() : parent;
    }

    @Override
    public void close() {
        if (ownsSnapshot) {
            snapshot.close();
        }
    }
}
