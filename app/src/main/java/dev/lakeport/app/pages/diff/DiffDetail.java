package dev.lakeport.app.pages.diff;

import static java.util.Objects.requireNonNull;

import dev.lakeport.app.dialog.DialogService;
import dev.lakeport.app.dialog.ErrorMessages;
import dev.lakeport.app.i18n.Messages;
import dev.lakeport.app.session.ProjectSession;
import dev.lakeport.app.task.TaskRunner;
import dev.lakeport.config.ConfigException;
import dev.lakeport.diff.DiffEntry;
import dev.lakeport.diff.DiffResult;
import dev.lakeport.diff.ObjectFields;
import dev.lakeport.diff.StoredDiffEntry;
import dev.lakeport.mapping.ColumnTypeMapping;
import dev.lakeport.model.CatalogObject;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.ObjectKind;
import dev.lakeport.model.Table;
import dev.lakeport.snapshot.Side;
import dev.lakeport.snapshot.SnapshotStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The Diff page's selected object: its fields on both sides line by line, read in the background for the shown run,
 * with the changed ones marked and a filter to show only those.
 */
final class DiffDetail {
    private final ProjectSession session;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final Messages messages;
    private final ErrorMessages errors;

    private final ReadOnlyObjectWrapper<DiffTreeNode> selected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<EntryDetail> detail = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper detailLoading = new ReadOnlyBooleanWrapper();
    private final BooleanProperty changedOnly = new SimpleBooleanProperty();
    private final ObservableList<FieldRow> allRows = FXCollections.observableArrayList();
    private final FilteredList<FieldRow> rows = new FilteredList<>(allRows);
    private final ObservableList<ColumnTypeMapping> types = FXCollections.observableArrayList();
    // Each selection bumps the token; details read for an earlier selection are dropped.
    private long detailToken;

    DiffDetail(ProjectSession session, TaskRunner tasks, DialogService dialogs, Messages messages) {
        this.session = requireNonNull(session, "session is null");
        this.tasks = requireNonNull(tasks, "tasks is null");
        this.dialogs = requireNonNull(dialogs, "dialogs is null");
        this.messages = requireNonNull(messages, "messages is null");
        this.errors = new ErrorMessages(messages);
        changedOnly.addListener((obs, old, now) -> rows.setPredicate(now ? FieldRow::changed : null));
    }

    /** Shows the fields of the selected row's object in run {@code runId}: both sides for an update, its one side otherwise. */
    void select(DiffTreeNode node, long runId) {
        selected.set(node);
        long token = ++detailToken;
        if (node == null || node.type() == DiffTreeNode.Type.MORE || runId < 0) {
            detail.set(null);
            allRows.clear();
            types.clear();
            detailLoading.set(false);
            return;
        }
        ObjectKey key = node.key().orElseThrow();
        DiffTreeNode.Counts counts = node.counts();
        String title = messages.get("diff.task.detail", node.itemName());
        detailLoading.set(true);
        tasks.task(title, scope -> readDetail(runId, key, counts))
                .onSuccess(d -> {
                    if (token == detailToken) {
                        detail.set(d);
                        allRows.setAll(d.rows());
                        types.setAll(d.types());
                    }
                })
                .onFailure(e -> {
                    if (token == detailToken) {
                        dialogs.showError(errors.describe(title, e));
                    }
                })
                .onFinished(() -> {
                    if (token == detailToken) {
                        detailLoading.set(false);
                    }
                })
                .start();
    }

    private EntryDetail readDetail(long runId, ObjectKey key, DiffTreeNode.Counts counts) {
        Optional<StoredDiffEntry> stored = session.diffs().entry(runId, key);
        if (stored.isEmpty()) {
            String note = key.kind() == ObjectKind.DATABASE
                    ? messages.get("diff.detail.same.database", counts.total())
                    : messages.get("diff.detail.same.table", counts.total());
            return new EntryDetail(key, Optional.empty(), counts.excluded() == 0, List.of(), 0, note, columnTypes(key));
        }
        DiffEntry entry = stored.get().entry();
        SnapshotStore store = session.store();
        boolean[] unmapped = {false};
        Optional<CatalogObject> source = entry.result() == DiffResult.DELETE
                ? Optional.empty()
                : store.getRaw(Side.SOURCE, key).map(raw -> {
                    try {
                        return session.migration().mapping().apply(raw);
                    } catch (ConfigException e) {
                        unmapped[0] = true;
                        return raw;
                    }
                });
        Optional<CatalogObject> destination =
                entry.result() == DiffResult.CREATE ? Optional.empty() : store.get(Side.DESTINATION, key);
        boolean missing = (entry.result() != DiffResult.DELETE && source.isEmpty())
                || (entry.result() != DiffResult.CREATE && destination.isEmpty());
        List<FieldRow> fieldRows = missing
                ? entry.changes().stream()
                        .map(c -> new FieldRow(c.path(), c.after(), c.before(), true))
                        .toList()
                : FieldRows.sideBySide(
                        source.map(ObjectFields::of).orElse(Map.of()),
                        destination.map(ObjectFields::of).orElse(Map.of()),
                        entry.result() == DiffResult.UPDATE ? entry.changes() : List.of());
        long changed = fieldRows.stream().filter(FieldRow::changed).count();
        String note =
                switch (entry.result()) {
                    case CREATE -> messages.get("diff.detail.create");
                    case DELETE -> messages.get("diff.detail.delete");
                    case UPDATE -> messages.get("diff.detail.update", changed);
                };
        if (missing) {
            note = note + " " + messages.get("diff.detail.missing");
        }
        if (unmapped[0]) {
            note = note + " " + messages.get("diff.detail.unmapped");
        }
        return new EntryDetail(
                key, Optional.of(entry.result()), stored.get().included(), fieldRows, changed, note, columnTypes(key));
    }

    /** The type mapping of a table's columns on a route between type systems (empty for other routes and objects). */
    private List<ColumnTypeMapping> columnTypes(ObjectKey key) {
        if (key.kind() != ObjectKind.TABLE) {
            return List.of();
        }
        try {
            return session.store()
                    .getRaw(Side.SOURCE, key)
                    .filter(Table.class::isInstance)
                    .map(raw -> session.migration().mapping().columnTypes((Table) raw))
                    .orElse(List.of());
        } catch (ConfigException e) {
            return List.of();
        }
    }

    ReadOnlyObjectWrapper<DiffTreeNode> selected() {
        return selected;
    }

    ReadOnlyObjectProperty<EntryDetail> detailProperty() {
        return detail.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty detailLoadingProperty() {
        return detailLoading.getReadOnlyProperty();
    }

    BooleanProperty changedOnlyProperty() {
        return changedOnly;
    }

    ObservableList<FieldRow> rows() {
        return rows;
    }

    ObservableList<ColumnTypeMapping> types() {
        return types;
    }
}
