package dev.lakeport.app.pages.scope;

import static java.util.Objects.requireNonNull;

import dev.lakeport.app.i18n.Messages;
import dev.lakeport.app.session.ProjectSession;
import dev.lakeport.app.task.TaskRunner;
import dev.lakeport.mapping.LocationMapper;
import dev.lakeport.model.ItemNames;
import dev.lakeport.model.Partition;
import dev.lakeport.model.PartitionName;
import dev.lakeport.model.Table;
import dev.lakeport.snapshot.Side;
import dev.lakeport.snapshot.SnapshotStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Scope page's location preview: an object of the loaded source (a database, and a table with its first
 * partitions) chosen from lists read in the background, with its locations before and after the map's usable entries.
 */
public final class LocationPreviewViewModel {
    /** Tables listed for the preview's chooser at a time; the filter narrows a large database down. */
    static final int TABLE_CHOICES = 200;

    private static final int PREVIEW_PARTITIONS = 3;

    private final ProjectSession session;
    private final TaskRunner tasks;
    private final Messages messages;
    private final Supplier<LocationMapper> mapper;

    private final ObservableList<String> previewDatabases = FXCollections.observableArrayList();
    private final ObservableList<String> previewTables = FXCollections.observableArrayList();
    private final StringProperty previewDatabase = new SimpleStringProperty("");
    private final StringProperty previewTable = new SimpleStringProperty("");
    private final StringProperty previewTableFilter = new SimpleStringProperty("");
    private final ObservableList<ScopeViewModel.LocationPreview> preview = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper previewStatus = new ReadOnlyStringWrapper("");
    private List<PreviewSource> previewSources = List.of();
    private long previewGeneration;
    private long tablesGeneration;

    /** A location of an object in the snapshot, before mapping. */
    record PreviewSource(String object, String location) {}

    /** {@code mapper} gives the map's entries that can be used now (a half-typed row maps nothing yet). */
    LocationPreviewViewModel(
            ProjectSession session, TaskRunner tasks, Messages messages, Supplier<LocationMapper> mapper) {
        this.session = requireNonNull(session, "session is null");
        this.tasks = requireNonNull(tasks, "tasks is null");
        this.messages = requireNonNull(messages, "messages is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
        previewDatabase.addListener((obs, old, now) -> loadPreviewTables());
        previewTableFilter.addListener((obs, old, now) -> loadPreviewTables());
        previewTable.addListener((obs, old, now) -> loadPreview());
    }

    public ObservableList<String> previewDatabases() {
        return previewDatabases;
    }

    public ObservableList<String> previewTables() {
        return previewTables;
    }

    public StringProperty previewDatabaseProperty() {
        return previewDatabase;
    }

    /** The table to preview; blank previews the database alone. */
    public StringProperty previewTableProperty() {
        return previewTable;
    }

    /** Narrows the table chooser to names containing this text (large databases list the first 200). */
    public StringProperty previewTableFilterProperty() {
        return previewTableFilter;
    }

    /** The chosen object's locations before and after mapping. */
    public ObservableList<ScopeViewModel.LocationPreview> preview() {
        return preview;
    }

    public ReadOnlyStringProperty previewStatusProperty() {
        return previewStatus.getReadOnlyProperty();
    }

    /** Reads the chosen database's tables for the chooser, then the chosen object's locations. */
    void loadPreviewTables() {
        String db = previewDatabase.get();
        long generation = ++tablesGeneration;
        if (db == null || db.isBlank() || !session.openProperty().get()) {
            previewTables.clear();
            previewTable.set("");
            loadPreview();
            return;
        }
        String contains =
                previewTableFilter.get() == null ? "" : previewTableFilter.get().trim();
        tasks.task(messages.get("scope.preview.task"), scope -> session.store()
                        .tables(Side.SOURCE, db, contains, 0, TABLE_CHOICES))
                .onSuccess(list -> {
                    if (generation != tablesGeneration) {
                        return;
                    }
                    String chosen = previewTable.get();
                    previewTables.setAll(
                            list.stream().map(t -> t.table().name()).toList());
                    if (!previewTables.contains(chosen)) {
                        previewTable.set(previewTables.isEmpty() ? "" : previewTables.get(0));
                    }
                    loadPreview();
                })
                .start();
    }

    private void loadPreview() {
        String db = previewDatabase.get();
        String table = previewTable.get();
        long generation = ++previewGeneration;
        if (db == null || db.isBlank() || !session.openProperty().get()) {
            previewSources = List.of();
            previewStatus.set(messages.get("scope.preview.none"));
            showPreview();
            return;
        }
        tasks.task(messages.get("scope.preview.task"), scope -> previewSources(session.store(), db, table))
                .onSuccess(sources -> {
                    if (generation == previewGeneration) {
                        previewSources = sources;
                        previewStatus.set(sources.isEmpty() ? messages.get("scope.preview.noLocations") : "");
                        showPreview();
                    }
                })
                .start();
    }

    private List<PreviewSource> previewSources(SnapshotStore store, String db, String table) {
        List<PreviewSource> out = new ArrayList<>();
        store.database(Side.SOURCE, db)
                .flatMap(d -> d.locationUri())
                .ifPresent(l -> out.add(new PreviewSource(messages.get("scope.preview.database", db), l)));
        if (table != null && !table.isBlank()) {
            Optional<Table> t = store.table(Side.SOURCE, db, table);
            t.flatMap(Table::storageDescriptor)
                    .flatMap(sd -> sd.location())
                    .ifPresent(l -> out.add(new PreviewSource(messages.get("scope.preview.table", db, table), l)));
            if (t.isPresent() && !t.get().partitionKeys().isEmpty()) {
                for (Partition p : store.partitions(Side.SOURCE, db, table, Optional.empty(), PREVIEW_PARTITIONS)) {
                    p.storageDescriptor()
                            .flatMap(sd -> sd.location())
                            .ifPresent(l -> out.add(new PreviewSource(
                                    messages.get("scope.preview.partition", partitionName(t.get(), p)), l)));
                }
            }
        }
        return out;
    }

    private static String partitionName(Table table, Partition partition) {
        return PartitionName.of(ItemNames.partitionKeyNames(table), partition.values());
    }

    /** Maps the chosen object's locations again (the map changed). */
    void showPreview() {
        LocationMapper mapper = this.mapper.get();
        preview.setAll(previewSources.stream()
                .map(s -> new ScopeViewModel.LocationPreview(s.object(), s.location(), mapper.map(s.location())))
                .toList());
    }

    /** The source's databases were read: the chooser offers them, keeping the chosen one when it is still there. */
    void showDatabases(List<String> names) {
        String chosen = previewDatabase.get();
        previewDatabases.setAll(names);
        if (!previewDatabases.contains(chosen)) {
            previewDatabase.set(previewDatabases.isEmpty() ? "" : previewDatabases.get(0));
        } else {
            loadPreviewTables();
        }
    }

    /** Another project: nothing to preview until its objects are read. */
    void reset() {
        previewSources = List.of();
        preview.clear();
    }
}
