package dev.lakeport.app.pages.browse;

import static java.util.Objects.requireNonNull;

import dev.lakeport.app.dialog.DialogService;
import dev.lakeport.app.dialog.ErrorMessages;
import dev.lakeport.app.i18n.Messages;
import dev.lakeport.app.pages.browse.BrowseItem.DatabaseItem;
import dev.lakeport.app.pages.browse.BrowseItem.FunctionItem;
import dev.lakeport.app.pages.browse.BrowseItem.FunctionsItem;
import dev.lakeport.app.pages.browse.BrowseItem.MessageItem;
import dev.lakeport.app.pages.browse.BrowseItem.MoreItem;
import dev.lakeport.app.pages.browse.BrowseItem.PartitionItem;
import dev.lakeport.app.pages.browse.BrowseItem.TableItem;
import dev.lakeport.app.session.ProjectSession;
import dev.lakeport.app.task.TaskRunner;
import dev.lakeport.app.wizard.AbstractPageViewModel;
import dev.lakeport.app.wizard.Step;
import dev.lakeport.config.ConfigException;
import dev.lakeport.mapping.LocationMapper;
import dev.lakeport.model.Database;
import dev.lakeport.model.Function;
import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import dev.lakeport.snapshot.DatabaseSummary;
import dev.lakeport.snapshot.Side;
import dev.lakeport.snapshot.SnapshotStore;
import dev.lakeport.snapshot.TableSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Step 5: the loaded catalogs, offline. A lazy tree (database, then its tables a page at a time and its functions,
 * then a table's partitions a page at a time by key), a search over table names, details of the selected object with
 * its locations before and after the mapping, and the objects per database for a chart. Every snapshot query runs in
 * a task; the FX thread only swaps in what came back, and drops answers a newer request has overtaken.
 */
public final class BrowseViewModel extends AbstractPageViewModel {
    /** Tables shown per page under a database. */
    public static final int TABLE_PAGE = 200;
    /** Partitions shown per page under a table. */
    public static final int PARTITION_PAGE = 200;
    /** Databases in the chart; a catalog with more shows its largest. */
    static final int CHART_DATABASES = 20;
    /** Searching expands the matching databases when there are at most this many. */
    static final int EXPAND_ON_SEARCH = 10;

    private final ProjectSession session;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final Messages messages;
    private final ErrorMessages errors;

    private final ObjectProperty<Side> side = new SimpleObjectProperty<>(this, "side", Side.SOURCE);
    private final StringProperty search = new SimpleStringProperty(this, "search", "");
    private final BrowseNode root = new BrowseNode(new BrowseItem.Root(), "", "", false);
    private final ObservableList<DatabaseSummary> chart = FXCollections.observableArrayList();
    private final ObservableList<DatabaseSummary> chartView = FXCollections.unmodifiableObservableList(chart);
    private final ReadOnlyStringWrapper chartNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Details> details = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<BrowseNode> selected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();

    /** Bumped by every reload; answers of an older tree are dropped. */
    private long epoch;
    /** Bumped by every selection; details of an older one are dropped. */
    private long selection;

    private long shownGeneration = Long.MIN_VALUE;
    private long pendingLoads;

    public BrowseViewModel(ProjectSession session, TaskRunner tasks, DialogService dialogs, Messages messages) {
        super(Step.BROWSE);
        this.session = requireNonNull(session, "session is null");
        this.tasks = requireNonNull(tasks, "tasks is null");
        this.dialogs = requireNonNull(dialogs, "dialogs is null");
        this.messages = requireNonNull(messages, "messages is null");
        this.errors = new ErrorMessages(messages);
        side.addListener((obs, old, now) -> reload());
        search.addListener((obs, old, now) -> reload());
        session.projectFileProperty().addListener((obs, old, now) -> update());
        update();
    }

    private void update() {
        if (session.openProperty().get()) {
            setValid();
            setComplete(shownGeneration != Long.MIN_VALUE);
        } else {
            setInvalid(messages.get("browse.problem.noProject"));
            setComplete(false);
        }
    }

    /** Reloads when a load changed the snapshot since the tree was built (or on the first visit). */
    @Override
    public void onEnter() {
        if (shownGeneration != session.snapshotGenerationProperty().get()) {
            reload();
        } else if (selected.get() != null) {
            select(selected.get()); // the mapping may have changed on another page
        }
    }

    /** Builds the tree again from the snapshot: the databases of the chosen side matching the search. */
    public void reload() {
        if (!session.openProperty().get()) {
            return;
        }
        long myEpoch = ++epoch;
        shownGeneration = session.snapshotGenerationProperty().get();
        Side s = side.get();
        String filter = search.get() == null ? "" : search.get().trim();
        root.loaded = true;
        root.mutableChildren().setAll(message(messages.get("browse.node.loading"), true));
        selected.set(null);
        details.set(null);
        String title = messages.get("browse.task.databases");
        run(title, myEpoch, () -> {
                    SnapshotStore store = session.store();
                    List<DatabaseSummary> databases = store.databases(s);
                    List<DatabaseItem> items = new ArrayList<>();
                    for (DatabaseSummary db : databases) {
                        long matching = filter.isEmpty() ? db.tables() : store.countTables(s, db.name(), filter);
                        if (filter.isEmpty() || matching > 0) {
                            items.add(new DatabaseItem(db, matching));
                        }
                    }
                    return new Databases(databases, items);
                })
                .onSuccess(result -> {
                    if (myEpoch != epoch) {
                        return;
                    }
                    showDatabases(result, filter);
                    update();
                })
                .start();
    }

    private record Databases(List<DatabaseSummary> all, List<DatabaseItem> shown) {}

    private void showDatabases(Databases result, String filter) {
        List<BrowseNode> nodes = new ArrayList<>();
        for (DatabaseItem item : result.shown()) {
            nodes.add(databaseNode(item, !filter.isEmpty()));
        }
        if (nodes.isEmpty()) {
            nodes.add(message(
                    messages.get(result.all().isEmpty() ? "browse.node.emptySide" : "browse.node.noMatch", filter),
                    false));
        }
        nodes.forEach(n -> n.parent = root);
        root.mutableChildren().setAll(nodes);
        long tables = result.all().stream().mapToLong(DatabaseSummary::tables).sum();
        long partitions =
                result.all().stream().mapToLong(DatabaseSummary::partitions).sum();
        long functions =
                result.all().stream().mapToLong(DatabaseSummary::functions).sum();
        status.set(
                result.all().isEmpty()
                        ? messages.get("browse.status.empty")
                        : messages.get("browse.status", result.all().size(), tables, partitions, functions));
        List<DatabaseSummary> largest = result.all().stream()
                .sorted(Comparator.comparingLong((DatabaseSummary d) -> d.partitions() + d.tables())
                        .reversed()
                        .thenComparing(DatabaseSummary::name))
                .limit(CHART_DATABASES)
                .sorted(Comparator.comparing(DatabaseSummary::name))
                .toList();
        chart.setAll(largest);
        chartNote.set(
                result.all().size() > CHART_DATABASES
                        ? messages.get(
                                "browse.chart.largest",
                                CHART_DATABASES,
                                result.all().size())
                        : "");
        if (!filter.isEmpty() && result.shown().size() <= EXPAND_ON_SEARCH) {
            nodes.forEach(n -> n.expandedProperty().set(true));
        }
    }

    private BrowseNode databaseNode(DatabaseItem item, boolean searching) {
        DatabaseSummary db = item.summary();
        String detail = searching
                ? messages.get("browse.node.matching", item.matchingTables())
                : messages.get("browse.node.databaseCounts", db.tables(), db.partitions());
        BrowseNode node = new BrowseNode(item, db.name(), detail, false);
        lazy(node);
        return node;
    }

    private BrowseNode tableNode(TableSummary summary) {
        Table t = summary.table();
        String counts = t.isPartitioned()
                ? messages.get(
                        summary.partitionsComplete() ? "browse.node.partitions" : "browse.node.partitionsIncomplete",
                        summary.partitionCount())
                : messages.get("browse.node.unpartitioned");
        String detail = t.format().name().toLowerCase(java.util.Locale.ROOT) + " · " + counts;
        BrowseNode node = new BrowseNode(new TableItem(summary), t.name(), detail, !t.isPartitioned());
        if (t.isPartitioned()) {
            lazy(node);
        }
        return node;
    }

    private BrowseNode partitionNode(Table table, Partition p) {
        return new BrowseNode(new PartitionItem(table, p), DetailsBuilder.partitionName(table, p), "", true);
    }

    private BrowseNode functionsNode(String database, long count) {
        BrowseNode node = new BrowseNode(
                new FunctionsItem(database, count),
                messages.get("browse.node.functions"),
                messages.get("browse.node.functionCount", count),
                false);
        lazy(node);
        return node;
    }

    private BrowseNode functionNode(Function f) {
        return new BrowseNode(new FunctionItem(f), f.name(), f.functionType().orElse(""), true);
    }

    private BrowseNode moreNode(long shown, long total) {
        return new BrowseNode(
                new MoreItem(shown, total),
                messages.get("browse.node.more"),
                messages.get("browse.node.moreCount", shown, total),
                true);
    }

    private BrowseNode message(String text, boolean loading) {
        return new BrowseNode(new MessageItem(text, loading), text, "", true);
    }

    /** Loads the node's first page of children when it is first expanded. */
    private void lazy(BrowseNode node) {
        node.expandedProperty().addListener((obs, old, now) -> {
            if (now && !node.loaded && !node.loading) {
                loadChildren(node);
            }
        });
    }

    /** Expands a node (loading its children the first time); the view does this when the user opens it. */
    public void expand(BrowseNode node) {
        node.expandedProperty().set(true);
    }

    private void loadChildren(BrowseNode node) {
        node.loading = true;
        node.mutableChildren().setAll(message(messages.get("browse.node.loading"), true));
        nextPage(node, true);
    }

    /** Replaces a "Load more…" node with the next page of its parent's children. */
    public void loadMore(BrowseNode more) {
        requireNonNull(more, "more is null");
        if (!(more.item() instanceof MoreItem)) {
            return;
        }
        BrowseNode parent = more.parent;
        if (parent == null || parent.loading) {
            return;
        }
        parent.loading = true;
        nextPage(parent, false);
    }

    /** Fetches the next page of {@code node}'s children in a task and appends it (replacing "Loading…"/"more"). */
    private void nextPage(BrowseNode node, boolean first) {
        long myEpoch = epoch;
        Side s = side.get();
        String filter = search.get() == null ? "" : search.get().trim();
        BrowseItem item = node.item();
        long offset = first ? 0 : node.nextOffset;
        Optional<List<String>> after = first ? Optional.empty() : node.after;
        String title = messages.get("browse.task.children");
        run(title, myEpoch, () -> {
                    SnapshotStore store = session.store();
                    if (item instanceof DatabaseItem db) {
                        String name = db.summary().name();
                        List<TableSummary> tables = store.tables(s, name, filter, offset, TABLE_PAGE);
                        return new Page(tables, db.matchingTables());
                    }
                    if (item instanceof TableItem t) {
                        Table table = t.table();
                        List<Partition> partitions =
                                store.partitions(s, table.databaseName(), table.name(), after, PARTITION_PAGE);
                        return new Page(partitions, t.summary().partitionCount());
                    }
                    if (item instanceof FunctionsItem f) {
                        List<Function> functions = store.functions(s, f.database());
                        return new Page(functions, functions.size());
                    }
                    return new Page(List.of(), 0);
                })
                .onSuccess(page -> {
                    if (myEpoch != epoch) {
                        return;
                    }
                    appendPage(node, page, first, filter);
                })
                .onFailure(e -> {
                    node.loading = false;
                    node.mutableChildren().removeIf(n -> n.item() instanceof MessageItem m && m.loading());
                    node.mutableChildren().add(message(messages.get("browse.node.failed"), false));
                    dialogs.showError(errors.describe(title, e));
                })
                .start();
    }

    /** One page of children as read: tables, partitions or functions, and how many there are in all. */
    private record Page(List<?> objects, long total) {}

    private void appendPage(BrowseNode node, Page page, boolean first, String filter) {
        List<BrowseNode> children = new ArrayList<>();
        if (first
                && node.item() instanceof DatabaseItem db
                && filter.isEmpty()
                && db.summary().functions() > 0) {
            children.add(functionsNode(db.summary().name(), db.summary().functions()));
        }
        Table table = node.item() instanceof TableItem t ? t.table() : null;
        for (Object o : page.objects()) {
            if (o instanceof TableSummary t) {
                children.add(tableNode(t));
            } else if (o instanceof Partition p) {
                children.add(partitionNode(table, p));
            } else if (o instanceof Function f) {
                children.add(functionNode(f));
            }
        }
        long shown = (first ? 0 : node.shown) + page.objects().size();
        node.shown = shown;
        node.nextOffset = shown;
        if (!page.objects().isEmpty() && page.objects().get(page.objects().size() - 1) instanceof Partition last) {
            node.after = Optional.of(last.values());
        }
        int pageSize = node.item() instanceof TableItem ? PARTITION_PAGE : TABLE_PAGE;
        boolean more =
                !(node.item() instanceof FunctionsItem) && page.objects().size() == pageSize && shown < page.total();
        if (more) {
            children.add(moreNode(shown, page.total()));
        }
        if (first && children.isEmpty()) {
            children.add(message(messages.get("browse.node.none"), false));
        }
        children.forEach(c -> c.parent = node);
        ObservableList<BrowseNode> list = node.mutableChildren();
        if (first) {
            list.setAll(children);
        } else {
            // Replace the "Load more…" node at the end with the page (and a new one if there is more still).
            list.removeIf(n -> n.item() instanceof MoreItem);
            list.addAll(children);
        }
        node.loaded = true;
        node.loading = false;
    }

    /** Shows the details of {@code node}; a "Load more…" node loads its page instead. */
    public void select(BrowseNode node) {
        long mySelection = ++selection;
        selected.set(node);
        if (node == null || node.item() instanceof MessageItem) {
            details.set(null);
            return;
        }
        if (node.item() instanceof MoreItem) {
            loadMore(node);
            return;
        }
        Side s = side.get();
        BrowseItem item = node.item();
        String title = messages.get("browse.task.details");
        run(title, epoch, () -> {
                    Optional<LocationMapper> mapper;
                    try {
                        mapper = Optional.of(session.migration().mapping().locationMapper());
                    } catch (ConfigException e) {
                        mapper = Optional.empty();
                    }
                    DetailsBuilder builder = new DetailsBuilder(messages, s, mapper);
                    if (item instanceof DatabaseItem db) {
                        Database database = session.store()
                                .database(s, db.summary().name())
                                .orElse(Database.of(db.summary().name()));
                        return builder.database(database, db.summary());
                    }
                    if (item instanceof TableItem t) {
                        return builder.table(t.summary());
                    }
                    if (item instanceof PartitionItem p) {
                        return builder.partition(p.table(), p.partition());
                    }
                    if (item instanceof FunctionItem f) {
                        return builder.function(f.function());
                    }
                    if (item instanceof FunctionsItem f) {
                        return builder.functions(f.database(), f.count());
                    }
                    return null;
                })
                .onSuccess(d -> {
                    if (mySelection == selection) {
                        details.set(d);
                    }
                })
                .start();
    }

    private <T> dev.lakeport.app.task.BackgroundTask<T> run(
            String title, long myEpoch, java.util.concurrent.Callable<T> work) {
        pendingLoads++;
        busy.set(true);
        return tasks.task(title, scope -> work.call())
                .onFailure(e -> {
                    if (myEpoch == epoch) {
                        dialogs.showError(errors.describe(title, e));
                    }
                })
                .onFinished(() -> {
                    pendingLoads--;
                    busy.set(pendingLoads > 0);
                });
    }

    // ------------------------------------------------------------------ properties

    /** Which catalog the tree shows; changing it rebuilds the tree. */
    public ObjectProperty<Side> sideProperty() {
        return side;
    }

    /** Shows only tables whose name contains this text (any case); changing it rebuilds the tree. */
    public StringProperty searchProperty() {
        return search;
    }

    /** The tree's root: its children are the databases. */
    public BrowseNode root() {
        return root;
    }

    /** The databases of the chart (the largest, by name), with their tables and partitions. */
    public ObservableList<DatabaseSummary> chart() {
        return chartView;
    }

    /** Says when the chart shows only the largest databases; empty otherwise. */
    public ReadOnlyStringProperty chartNoteProperty() {
        return chartNote.getReadOnlyProperty();
    }

    /** The details of the selected object; null when nothing (or a message) is selected. */
    public ReadOnlyObjectProperty<Details> detailsProperty() {
        return details.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<BrowseNode> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** What the side holds: databases, tables, partitions, functions. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** True while a query runs. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }
}
