package dev.lakeport.app.pages.diff;

import static java.util.Objects.requireNonNull;

import dev.lakeport.app.dialog.DialogService;
import dev.lakeport.app.dialog.ErrorMessages;
import dev.lakeport.app.i18n.Messages;
import dev.lakeport.app.session.ProjectSession;
import dev.lakeport.app.task.TaskInfo;
import dev.lakeport.app.task.TaskRunner;
import dev.lakeport.app.wizard.AbstractPageViewModel;
import dev.lakeport.app.wizard.Step;
import dev.lakeport.diff.DiffGroup;
import dev.lakeport.diff.DiffQuery;
import dev.lakeport.diff.DiffResult;
import dev.lakeport.diff.DiffRun;
import dev.lakeport.diff.DiffRunInfo;
import dev.lakeport.diff.DiffStore;
import dev.lakeport.diff.DiffSummary;
import dev.lakeport.diff.DiffWords;
import dev.lakeport.diff.FieldChange;
import dev.lakeport.diff.StoredDiffEntry;
import dev.lakeport.mapping.ExclusionRule;
import dev.lakeport.model.ItemNames;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.ObjectKind;
import dev.lakeport.snapshot.LoadInfo;
import dev.lakeport.snapshot.Side;
import dev.lakeport.snapshot.SnapshotStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Step Diff: runs the diff of the mapped source against the destination and shows the stored run as a tree of
 * differences (database → table → entries), loaded a page at a time and re-queried when the kind and result filters
 * change; a side-by-side view of the selected object's fields; include / exclude of any subtree from the run; export
 * as CSV, JSON and standalone HTML. Every query runs in a task; the FX thread only publishes results.
 */
public final class DiffViewModel extends AbstractPageViewModel {
    /** Tables of a database per page. */
    static final int TABLE_PAGE = 200;
    /** Partitions of a table (or functions of a database) per page. */
    static final int ENTRY_PAGE = 500;

    private int tablePage = TABLE_PAGE;
    private int entryPage = ENTRY_PAGE;

    /** The export formats and their words. */
    public enum Format {
        CSV("csv", "diff.export.csv.title", "common.filter.csv"),
        JSON("json", "diff.export.json.title", "common.filter.json"),
        HTML("html", "diff.export.html.title", "common.filter.html");

        private final String extension;
        private final String titleKey;
        private final String filterKey;

        String titleKey() {
            return titleKey;
        }

        String filterKey() {
            return filterKey;
        }

        Format(String extension, String titleKey, String filterKey) {
            this.extension = extension;
            this.titleKey = titleKey;
            this.filterKey = filterKey;
        }

        public String extension() {
            return extension;
        }
    }

    private final ProjectSession session;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final Messages messages;
    private final ErrorMessages errors;

    private final ReadOnlyObjectWrapper<DiffRunInfo> run = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<DiffSummary> summary = new ReadOnlyObjectWrapper<>(DiffSummary.EMPTY);
    private final ReadOnlyLongWrapper includedCount = new ReadOnlyLongWrapper();
    private final ReadOnlyStringWrapper remainingText = new ReadOnlyStringWrapper("");
    private final ObservableList<ExclusionRule> rules = FXCollections.observableArrayList();
    private final ObservableList<ExclusionRule> rulesView = FXCollections.unmodifiableObservableList(rules);
    private final ReadOnlyStringWrapper runText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper loadProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper stale = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<TaskInfo> diffTask = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper refreshing = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper treeLoading = new ReadOnlyBooleanWrapper();

    private final ObjectProperty<ObjectKind> kindFilter = new SimpleObjectProperty<>();
    private final BooleanProperty showGlueNew = new SimpleBooleanProperty(true);
    private final BooleanProperty showDlfNew = new SimpleBooleanProperty(true);
    private final BooleanProperty showNeedUpdate = new SimpleBooleanProperty(true);
    private final ObservableList<DiffTreeNode> databases = FXCollections.observableArrayList();
    private final ObservableList<DiffTreeNode> databasesView = FXCollections.unmodifiableObservableList(databases);

    // Each reload bumps its token; results of a task started before the latest reload are dropped.
    private long refreshToken;
    private long treeToken;

    private final DiffDetail detail;
    private final DiffExport export;

    public DiffViewModel(ProjectSession session, TaskRunner tasks, DialogService dialogs, Messages messages) {
        super(Step.DIFF);
        this.session = requireNonNull(session, "session is null");
        this.tasks = requireNonNull(tasks, "tasks is null");
        this.dialogs = requireNonNull(dialogs, "dialogs is null");
        this.messages = requireNonNull(messages, "messages is null");
        this.errors = new ErrorMessages(messages);
        this.detail = new DiffDetail(session, tasks, dialogs, messages);
        this.export = new DiffExport(session, tasks, dialogs, messages);
        kindFilter.addListener((obs, old, now) -> reloadTree());
        for (BooleanProperty shown : List.of(showGlueNew, showDlfNew, showNeedUpdate)) {
            shown.addListener((obs, old, now) -> reloadTree());
        }
        session.latestDiffRunProperty().addListener((obs, old, now) -> {
            if (now.longValue() != shownRunId()) {
                refresh();
            }
        });
        session.projectFileProperty().addListener((obs, old, now) -> refresh());
        session.snapshotGenerationProperty().addListener((obs, old, now) -> refresh());
        session.exclusionChangesProperty().addListener((obs, old, now) -> refresh());
        update();
    }

    /** Smaller pages, so a test sees "Load more…" on a small catalog. */
    void setPageSizes(int tables, int entries) {
        if (tables < 1 || entries < 1) {
            throw new IllegalArgumentException("page sizes must be positive");
        }
        this.tablePage = tables;
        this.entryPage = entries;
    }

    @Override
    public void onEnter() {
        refresh();
    }

    // ------------------------------------------------------------------ the run

    /** What {@link #refresh} reads off the FX thread. */
    private record RunState(
            Optional<LoadInfo> source,
            Optional<LoadInfo> destination,
            Optional<DiffRunInfo> run,
            DiffSummary summary,
            long included,
            List<ExclusionRule> rules) {}

    /**
     * Reads the shown run (the session's latest, else the project's latest complete one: a reopened project shows the
     * diff it holds), its totals and the state of both loads.
     */
    public void refresh() {
        long token = ++refreshToken;
        if (!session.openProperty().get()) {
            showRun(new RunState(
                    Optional.empty(), Optional.empty(), Optional.empty(), DiffSummary.EMPTY, 0, List.of()));
            return;
        }
        long wanted = session.latestDiffRunProperty().get();
        String title = messages.get("diff.task.refresh");
        refreshing.set(true);
        tasks.task(title, scope -> readRun(wanted))
                .onSuccess(state -> {
                    if (token == refreshToken) {
                        showRun(state);
                    }
                })
                .onFailure(e -> {
                    if (token == refreshToken) {
                        dialogs.showError(errors.describe(title, e));
                    }
                })
                .onFinished(() -> {
                    if (token == refreshToken) {
                        refreshing.set(false);
                    }
                })
                .start();
    }

    private RunState readRun(long wanted) {
        SnapshotStore store = session.store();
        DiffStore diffs = session.diffs();
        Optional<DiffRunInfo> info = wanted >= 0 ? diffs.run(wanted) : Optional.empty();
        if (info.isEmpty()) {
            info = diffs.runs().stream()
                    .filter(r -> "COMPLETE".equals(r.status()))
                    .findFirst();
        }
        DiffSummary totals = info.map(r -> diffs.summary(r.runId())).orElse(DiffSummary.EMPTY);
        long included = info.map(r -> diffs.count(r.runId(), DiffQuery.all().includedOnly()))
                .orElse(0L);
        return new RunState(
                store.loadInfo(Side.SOURCE),
                store.loadInfo(Side.DESTINATION),
                info,
                totals,
                included,
                session.exclusions().rules().rules());
    }

    private void showRun(RunState state) {
        long before = shownRunId();
        loadProblem.set(loadProblem(state));
        run.set(state.run().orElse(null));
        summary.set(state.summary());
        includedCount.set(state.included());
        rules.setAll(state.rules());
        updateRemaining();
        runText.set(state.run().map(this::describe).orElse(""));
        stale.set(state.run().isPresent() && loadedAfter(state, state.run().get()));
        state.run().ifPresent(r -> {
            if (session.latestDiffRunProperty().get() != r.runId()) {
                session.latestDiffRunProperty().set(r.runId());
            }
        });
        if (shownRunId() != before) {
            export.forgetHtmlReport();
            reloadTree();
        } else if (shownRunId() < 0) {
            databases.clear();
            select(null);
        }
        update();
    }

    private String loadProblem(RunState state) {
        if (!session.openProperty().get()) {
            return "";
        }
        for (Side side : Side.values()) {
            Optional<LoadInfo> load = side == Side.SOURCE ? state.source() : state.destination();
            String sideName = messages.get(side == Side.SOURCE ? "diff.side.source" : "diff.side.destination");
            if (load.isEmpty()) {
                return messages.get("diff.load.missing", sideName);
            }
            if (!load.get().complete()) {
                return messages.get("diff.load.incomplete", sideName);
            }
        }
        return "";
    }

    private static boolean loadedAfter(RunState state, DiffRunInfo run) {
        return java.util.stream.Stream.of(state.source(), state.destination())
                .flatMap(Optional::stream)
                .anyMatch(load -> load.startedAt().isAfter(run.startedAt()));
    }

    private String describe(DiffRunInfo info) {
        DateTimeFormatter format = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
                .withLocale(messages.locale())
                .withZone(ZoneId.systemDefault());
        long seconds = info.finishedAt()
                .map(end -> Math.max(0, Duration.between(info.startedAt(), end).toSeconds()))
                .orElse(0L);
        return messages.get("diff.run.info", info.runId(), format.format(info.startedAt()), seconds);
    }

    private void update() {
        if (!session.openProperty().get()) {
            setInvalid(messages.get("diff.problem.noProject"));
            setComplete(false);
        } else if (run.get() != null) {
            setValid();
            setComplete(true);
        } else {
            setComplete(false);
            setInvalid(loadProblem.get().isEmpty() ? messages.get("diff.problem.noDiff") : loadProblem.get());
        }
    }

    /** Compares the mapped source with the destination as loaded in the snapshot and shows the new run. */
    public void runDiff() {
        if (running.get() || !session.openProperty().get()) {
            return;
        }
        String title = messages.get("diff.task.run");
        running.set(true);
        TaskInfo info = tasks.task(title, scope -> session.migration().diff(List.of(), scope, scope.cancellation()))
                .onSuccess(this::diffDone)
                .onFailure(e -> dialogs.showError(errors.describe(title, e)))
                .onCancelled(() -> dialogs.notify(messages.get("diff.run.cancelled")))
                .onFinished(() -> {
                    running.set(false);
                    diffTask.set(null);
                })
                .start();
        if (running.get()) {
            diffTask.set(info);
        }
    }

    private void diffDone(DiffRun result) {
        DiffSummary s = result.summary();
        dialogs.notify(
                s.isEmpty()
                        ? messages.get("diff.run.done.empty")
                        : messages.get(
                                "diff.run.done",
                                s.total(DiffResult.CREATE),
                                s.total(DiffResult.DELETE),
                                s.total(DiffResult.UPDATE),
                                words().create(),
                                words().delete(),
                                words().update()));
        // The session's listener shows it; set it even if equal so a re-run of an identical diff refreshes too.
        if (session.latestDiffRunProperty().get() == result.runId()) {
            refresh();
        } else {
            session.latestDiffRunProperty().set(result.runId());
        }
    }

    /** Stops a running diff; the stored run is marked cancelled and the page keeps showing the previous one. */
    public void cancelDiff() {
        TaskInfo info = diffTask.get();
        if (info != null) {
            info.cancel();
        }
    }

    private long shownRunId() {
        DiffRunInfo info = run.get();
        return info == null ? -1 : info.runId();
    }

    // ------------------------------------------------------------------ the tree

    /** The selection the filters make; empty when no result is shown at all. */
    Optional<DiffQuery> query() {
        EnumSet<DiffResult> results = EnumSet.noneOf(DiffResult.class);
        if (showGlueNew.get()) {
            results.add(DiffResult.CREATE);
        }
        if (showDlfNew.get()) {
            results.add(DiffResult.DELETE);
        }
        if (showNeedUpdate.get()) {
            results.add(DiffResult.UPDATE);
        }
        if (results.isEmpty()) {
            return Optional.empty();
        }
        DiffQuery q = results.size() == DiffResult.values().length
                ? DiffQuery.all()
                : DiffQuery.all().withResults(results);
        ObjectKind kind = kindFilter.get();
        return Optional.of(kind == null ? q : q.withKind(kind));
    }

    /** Reloads the databases of the tree under the current filters; expanded subtrees are dropped. */
    public void reloadTree() {
        long token = ++treeToken;
        databases.clear();
        select(null);
        long runId = shownRunId();
        Optional<DiffQuery> q = query();
        if (runId < 0 || q.isEmpty()) {
            treeLoading.set(false);
            return;
        }
        String title = messages.get("diff.task.tree");
        treeLoading.set(true);
        tasks.task(title, scope -> session.diffs().databaseGroups(runId, q.get()))
                .onSuccess(groups -> {
                    if (token == treeToken) {
                        databases.setAll(groups.stream()
                                .map(g -> DiffTreeNode.group(g, null))
                                .toList());
                    }
                })
                .onFailure(e -> dialogs.showError(errors.describe(title, e)))
                .onFinished(() -> {
                    if (token == treeToken) {
                        treeLoading.set(false);
                    }
                })
                .start();
    }

    /** A group was expanded: loads its first page of children unless they are loaded or loading. */
    public void expand(DiffTreeNode node) {
        if (node != null && node.isGroup() && !node.isLeaf() && !node.started()) {
            loadMore(node);
        }
    }

    /** One page of a group's children, read off the FX thread. */
    private record Page(
            List<DiffGroup> tables,
            List<StoredDiffEntry> entries,
            long tableOffset,
            boolean tablesDone,
            Optional<ObjectKey> lastEntry,
            boolean more) {}

    /** Loads the next page of a group's children; {@code node} is the group or its "Load more…" row. */
    public void loadMore(DiffTreeNode node) {
        if (node == null) {
            return;
        }
        DiffTreeNode owner =
                node.type() == DiffTreeNode.Type.MORE ? node.parent().orElseThrow() : node;
        Optional<DiffQuery> q = query();
        long runId = shownRunId();
        if (!owner.isGroup() || owner.loadingProperty().get() || q.isEmpty() || runId < 0) {
            return;
        }
        long token = treeToken;
        long tableOffset = owner.tableOffset;
        boolean tablesDone = owner.tablesDone;
        Optional<ObjectKey> after = owner.lastEntry;
        ObjectKey key = owner.key().orElseThrow();
        String title = messages.get("diff.task.page", owner.itemName());
        int tables = tablePage;
        int entries = entryPage;
        owner.setLoading(true);
        ItemNames names = session.store().itemNames();
        tasks.task(title, scope -> {
                    Page page = owner.type() == DiffTreeNode.Type.DATABASE
                            ? databasePage(runId, q.get(), key, tableOffset, tablesDone, after, tables, entries)
                            : tablePage(runId, q.get(), key, after, entries);
                    // Reads the partition keys' names here, off the FX thread; the rows below find them cached.
                    page.entries().forEach(e -> names.of(e.entry().key()));
                    return page;
                })
                .onSuccess(page -> {
                    if (token != treeToken) {
                        return;
                    }
                    owner.tableOffset = page.tableOffset();
                    owner.tablesDone = page.tablesDone();
                    owner.lastEntry = page.lastEntry();
                    List<DiffTreeNode> nodes = new ArrayList<>();
                    page.tables().forEach(g -> nodes.add(DiffTreeNode.group(g, owner)));
                    page.entries().forEach(e -> nodes.add(DiffTreeNode.entry(e, owner, names)));
                    owner.appendPage(nodes, page.more() && !nodes.isEmpty());
                })
                .onFailure(e -> dialogs.showError(errors.describe(title, e)))
                .onFinished(() -> owner.setLoading(false))
                .start();
    }

    private Page databasePage(
            long runId,
            DiffQuery q,
            ObjectKey db,
            long tableOffset,
            boolean tablesDone,
            Optional<ObjectKey> after,
            int tablesPerPage,
            int entriesPerPage) {
        DiffStore diffs = session.diffs();
        DiffQuery inDb = q.withDatabase(db.database());
        boolean tablesShown = q.kind().isEmpty()
                || q.kind().get() == ObjectKind.TABLE
                || q.kind().get() == ObjectKind.PARTITION;
        List<DiffGroup> tables = List.of();
        long offset = tableOffset;
        boolean done = tablesDone || !tablesShown;
        if (!done) {
            tables = diffs.tableGroups(runId, inDb, offset, tablesPerPage);
            offset += tables.size();
            done = tables.size() < tablesPerPage;
        }
        if (!done) {
            return new Page(tables, List.of(), offset, false, after, true);
        }
        boolean functionsShown = q.kind().isEmpty() || q.kind().get() == ObjectKind.FUNCTION;
        List<StoredDiffEntry> functions = functionsShown
                ? diffs.pageAfter(runId, inDb.withKind(ObjectKind.FUNCTION), after, entriesPerPage)
                : List.of();
        Optional<ObjectKey> last = functions.isEmpty()
                ? after
                : Optional.of(functions.get(functions.size() - 1).entry().key());
        return new Page(tables, functions, offset, true, last, functions.size() == entriesPerPage);
    }

    private Page tablePage(long runId, DiffQuery q, ObjectKey table, Optional<ObjectKey> after, int limit) {
        List<StoredDiffEntry> raw =
                session.diffs().pageAfter(runId, q.withTable(table.database(), table.requireName()), after, limit);
        // The table's own entry is the table row itself; a function of the same name belongs to the database.
        List<StoredDiffEntry> partitions = raw.stream()
                .filter(e -> e.entry().key().kind() == ObjectKind.PARTITION)
                .toList();
        Optional<ObjectKey> last = raw.isEmpty()
                ? after
                : Optional.of(raw.get(raw.size() - 1).entry().key());
        return new Page(List.of(), partitions, 0, true, last, raw.size() == limit);
    }

    // ------------------------------------------------------------------ include / exclude

    /**
     * Excludes a row and everything under it (a database, a table with its partitions, one entry) as a rule stored in
     * the project, which every later diff, run, resume and verify honours; or includes it again, removing the rule
     * (and the rules under it). A row that a wider rule excludes stays excluded: the user is told which rule to
     * remove. One statement in the store however many entries it covers; the counts of the row and its parents are
     * read again.
     */
    public void setIncluded(DiffTreeNode node, boolean include) {
        long runId = shownRunId();
        if (node == null || node.type() == DiffTreeNode.Type.MORE || runId < 0) {
            return;
        }
        ObjectKey key = node.key().orElseThrow();
        Optional<DiffQuery> q = query();
        List<DiffTreeNode> groups = new ArrayList<>();
        for (Optional<DiffTreeNode> n = Optional.of(node);
                n.isPresent();
                n = n.get().parent()) {
            if (n.get().isGroup()) {
                groups.add(n.get());
            }
        }
        String title = messages.get(include ? "diff.task.include" : "diff.task.exclude", node.itemName());
        // A table of 100,000 partitions takes seconds: the row shows it is busy meanwhile.
        node.setBusy(true);
        tasks.task(title, scope -> InclusionChange.apply(session, runId, key, include, q, groups))
                .onSuccess(change -> {
                    if (change.blockedBy().isPresent()) {
                        dialogs.notify(messages.get(
                                "diff.include.blocked",
                                key.itemName(),
                                change.blockedBy().get().describe()));
                        return;
                    }
                    rules.setAll(change.rules());
                    session.exclusionChangesProperty()
                            .set(session.exclusionChangesProperty().get() + 1);
                    if (runId != shownRunId()) {
                        return;
                    }
                    node.setAllIncluded(include);
                    change.groups().forEach(DiffTreeNode::update);
                    includedCount.set(change.included());
                    updateRemaining();
                    dialogs.notify(messages.get(
                            include ? "diff.include.done" : "diff.exclude.done", node.itemName(), change.changed()));
                    DiffTreeNode shown = detail.selected().get();
                    if (shown != null) {
                        select(shown);
                    }
                })
                .onFailure(e -> dialogs.showError(errors.describe(title, e)))
                .onFinished(() -> node.setBusy(false))
                .start();
    }

    /**
     * Removes a stored exclusion rule: what it covered is included in the shown run again (unless another rule covers
     * it) and in every later diff.
     */
    public void removeRule(ExclusionRule rule) {
        if (rule == null || !session.openProperty().get()) {
            return;
        }
        long runId = shownRunId();
        String title = messages.get("diff.task.removeRule", rule.describe());
        tasks.task(title, scope -> {
                    session.removeExclusion(rule, runId);
                    return rule;
                })
                .onSuccess(removed -> {
                    session.exclusionChangesProperty()
                            .set(session.exclusionChangesProperty().get() + 1);
                    dialogs.notify(messages.get("diff.rule.removed", removed.describe()));
                    reloadTree();
                    refresh();
                })
                .onFailure(e -> dialogs.showError(errors.describe(title, e)))
                .start();
    }

    /** "Differences remain: 401, all excluded by you" rather than an unexplained count. */
    private void updateRemaining() {
        long total = summary.get().total();
        long included = includedCount.get();
        if (total > 0 && included == 0) {
            remainingText.set(messages.get("diff.remaining.allExcluded", total));
        } else if (included < total) {
            remainingText.set(messages.get("diff.remaining.someExcluded", included, total, total - included));
        } else {
            remainingText.set(messages.get("diff.included.count", included, total));
        }
    }

    /** Includes or excludes the selected row (the keyboard's way to the tree's check boxes). */
    public void setSelectedIncluded(boolean include) {
        setIncluded(detail.selected().get(), include);
    }

    // ------------------------------------------------------------------ the selected object

    /** Shows the fields of the selected row's object: both sides for an update, its one side otherwise. */
    public void select(DiffTreeNode node) {
        detail.select(node, shownRunId());
    }

    /**
     * The fields of both sides line by line in canonical order. A field is marked changed when a stored change names
     * it (or an object around it) or when its two values differ.
     */
    static List<FieldRow> sideBySide(
            Map<String, String> source, Map<String, String> destination, List<FieldChange> changes) {
        return FieldRows.sideBySide(source, destination, changes);
    }

    // ------------------------------------------------------------------ export

    public void exportCsv() {
        export(Format.CSV);
    }

    public void exportJson() {
        export(Format.JSON);
    }

    public void exportHtml() {
        export(Format.HTML);
    }

    /** Asks where to save the shown run's report in {@code format} and writes it in a task. */
    public void export(Format format) {
        long runId = shownRunId();
        if (runId < 0) {
            return;
        }
        export.export(format, runId);
    }

    /** Opens the last exported HTML report in the browser. */
    public void openHtmlReport() {
        export.openHtmlReport();
    }

    static Path withExtension(Path file, String extension) {
        String name = file.getFileName().toString();
        return name.toLowerCase(java.util.Locale.ROOT).endsWith("." + extension)
                ? file
                : file.resolveSibling(name + "." + extension);
    }

    // ------------------------------------------------------------------ properties

    /** The run shown; null before the first diff. */
    public ReadOnlyObjectProperty<DiffRunInfo> runProperty() {
        return run.getReadOnlyProperty();
    }

    /** The shown run's totals per kind and result (unfiltered). */
    public ReadOnlyObjectProperty<DiffSummary> summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Entries of the shown run the Run page will apply. */
    /** The project's exclusion rules, in key order. */
    public ObservableList<ExclusionRule> rules() {
        return rulesView;
    }

    /** What remains and what the user excluded, in words. */
    public ReadOnlyStringProperty remainingTextProperty() {
        return remainingText.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty includedCountProperty() {
        return includedCount.getReadOnlyProperty();
    }

    /** "Diff #3 of 12 Mar 2025, 14:03:12, took 2 s". */
    public ReadOnlyStringProperty runTextProperty() {
        return runText.getReadOnlyProperty();
    }

    /** Why the snapshot cannot be diffed yet (a side not loaded, or a load that did not finish); empty when it can. */
    public ReadOnlyStringProperty loadProblemProperty() {
        return loadProblem.getReadOnlyProperty();
    }

    /** True when a catalog was loaded again after the shown run. */
    public ReadOnlyBooleanProperty staleProperty() {
        return stale.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** The running diff's task (progress, phase, cancel); null when none runs. */
    public ReadOnlyObjectProperty<TaskInfo> diffTaskProperty() {
        return diffTask.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty refreshingProperty() {
        return refreshing.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty treeLoadingProperty() {
        return treeLoading.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty exportingProperty() {
        return export.exportingProperty();
    }

    /** The HTML report exported last for the shown run, to open in the browser. */
    public ReadOnlyObjectProperty<Path> htmlReportProperty() {
        return export.htmlReportProperty();
    }

    /** The kind the tree shows; null for every kind. */
    public ObjectProperty<ObjectKind> kindFilterProperty() {
        return kindFilter;
    }

    public BooleanProperty showProperty(DiffResult result) {
        return switch (result) {
            case CREATE -> showGlueNew;
            case DELETE -> showDlfNew;
            case UPDATE -> showNeedUpdate;
        };
    }

    /** The tree's top rows: databases with entries the filters select. */
    public ObservableList<DiffTreeNode> databases() {
        return databasesView;
    }

    public ReadOnlyObjectProperty<DiffTreeNode> selectedProperty() {
        return detail.selected().getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<EntryDetail> detailProperty() {
        return detail.detailProperty();
    }

    public ReadOnlyBooleanProperty detailLoadingProperty() {
        return detail.detailLoadingProperty();
    }

    /** Shows only the fields that differ in the side-by-side view. */
    public BooleanProperty changedOnlyProperty() {
        return detail.changedOnlyProperty();
    }

    /** The side-by-side lines of the selected object (only the changed ones with {@link #changedOnlyProperty}). */
    public ObservableList<FieldRow> rows() {
        return detail.rows();
    }

    /** The selected table's column types as the destination will hold them (routes between type systems only). */
    public ObservableList<dev.lakeport.mapping.ColumnTypeMapping> types() {
        return detail.types();
    }

    /** The route's words as they change with the project's kinds, for texts that name them. FX thread. */
    public javafx.beans.value.ObservableValue<DiffWords> wordsProperty() {
        return session.wordsProperty();
    }

    /** The words of the project's route for the three results. Any thread. */
    public DiffWords words() {
        return session.words();
    }
}
