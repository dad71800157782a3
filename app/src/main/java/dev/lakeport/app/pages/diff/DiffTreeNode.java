package dev.lakeport.app.pages.diff;

import static java.util.Objects.requireNonNull;

import dev.lakeport.diff.DiffGroup;
import dev.lakeport.diff.DiffResult;
import dev.lakeport.diff.StoredDiffEntry;
import dev.lakeport.model.ItemNames;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.ObjectKind;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One row of the tree of differences: a database or a table (a group with counts), one entry (a partition, a
 * function), or the "Load more…" row at the end of a page. Groups load their children lazily, a page at a time; the
 * paging state lives here and is changed on the FX thread only.
 */
public final class DiffTreeNode {
    public enum Type {
        DATABASE,
        TABLE,
        ENTRY,
        MORE
    }

    /** Whether the node's entries take part in the run. */
    public enum Inclusion {
        INCLUDED,
        PARTLY,
        EXCLUDED
    }

    /** Counts of the node's entries by result, and how many of them are excluded. */
    public record Counts(long creates, long deletes, long updates, long excluded) {
        public static final Counts NONE = new Counts(0, 0, 0, 0);

        public long total() {
            return creates + deletes + updates;
        }

        public long count(DiffResult result) {
            return switch (result) {
                case CREATE -> creates;
                case DELETE -> deletes;
                case UPDATE -> updates;
            };
        }

        Counts withExcluded(long value) {
            return new Counts(creates, deletes, updates, value);
        }

        static Counts of(DiffGroup group) {
            return new Counts(
                    group.summary().creates(),
                    group.summary().deletes(),
                    group.summary().updates(),
                    group.excluded());
        }

        static Counts of(DiffResult result, boolean included) {
            return new Counts(
                    result == DiffResult.CREATE ? 1 : 0,
                    result == DiffResult.DELETE ? 1 : 0,
                    result == DiffResult.UPDATE ? 1 : 0,
                    included ? 0 : 1);
        }
    }

    private final Type type;
    private final ObjectKey key;
    private final DiffTreeNode parent;
    /** The name the result log and reports give the node's object; a partition's with its key names. */
    private final String itemName;
    /** A partition entry's {@code key=value/...} part of {@link #itemName}; empty otherwise. */
    private final String partitionName;

    private final ReadOnlyObjectWrapper<Counts> counts = new ReadOnlyObjectWrapper<>(Counts.NONE);
    private final ReadOnlyObjectWrapper<Optional<DiffResult>> own = new ReadOnlyObjectWrapper<>(Optional.empty());
    private final ReadOnlyObjectWrapper<Inclusion> inclusion = new ReadOnlyObjectWrapper<>(Inclusion.INCLUDED);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ObservableList<DiffTreeNode> children = FXCollections.observableArrayList();
    private final ObservableList<DiffTreeNode> childrenView = FXCollections.unmodifiableObservableList(children);

    /** Child rows the group has under the current filters (tables and functions, or partitions). */
    private long expectedChildren;
    /** Child rows loaded so far (the "Load more…" row not counted). */
    private long loadedChildren;
    // Paging: tables of a database by offset, then entries (functions, partitions) after the last key.
    long tableOffset;
    boolean tablesDone;
    Optional<ObjectKey> lastEntry = Optional.empty();
    private boolean started;

    private DiffTreeNode(Type type, ObjectKey key, DiffTreeNode parent, ItemNames names) {
        this.type = requireNonNull(type, "type is null");
        this.key = key;
        this.parent = parent;
        this.itemName = key == null ? "" : names.of(key);
        this.partitionName = key != null && key.kind() == ObjectKind.PARTITION ? names.partition(key) : "";
        counts.addListener((obs, old, now) -> updateInclusion());
    }

    static DiffTreeNode group(DiffGroup group, DiffTreeNode parent) {
        ObjectKey key = group.summary()
                .table()
                .map(t -> ObjectKey.table(group.summary().database(), t))
                .orElseGet(() -> ObjectKey.database(group.summary().database()));
        DiffTreeNode node = new DiffTreeNode(
                key.kind() == ObjectKind.TABLE ? Type.TABLE : Type.DATABASE, key, parent, ItemNames.WITHOUT_KEY_NAMES);
        node.update(group);
        return node;
    }

    /** An entry row, named by {@code names} (a partition by its table's partition keys, as the result log does). */
    static DiffTreeNode entry(StoredDiffEntry entry, DiffTreeNode parent, ItemNames names) {
        DiffTreeNode node = new DiffTreeNode(Type.ENTRY, entry.entry().key(), parent, names);
        node.own.set(Optional.of(entry.entry().result()));
        node.counts.set(Counts.of(entry.entry().result(), entry.included()));
        return node;
    }

    static DiffTreeNode more(DiffTreeNode parent) {
        return new DiffTreeNode(Type.MORE, null, parent, ItemNames.WITHOUT_KEY_NAMES);
    }

    /** Takes a group's fresh counts (after a filter change or an include / exclude). */
    void update(DiffGroup group) {
        own.set(group.own());
        expectedChildren = group.children();
        counts.set(Counts.of(group));
    }

    /** Everything under this node was included or excluded as a whole: loaded descendants follow. */
    void setAllIncluded(boolean included) {
        Counts c = counts.get();
        counts.set(c.withExcluded(included ? 0 : c.total()));
        for (DiffTreeNode child : children) {
            if (child.type != Type.MORE) {
                child.setAllIncluded(included);
            }
        }
    }

    private void updateInclusion() {
        Counts c = counts.get();
        if (c.excluded() == 0) {
            inclusion.set(Inclusion.INCLUDED);
        } else if (c.excluded() >= c.total()) {
            inclusion.set(Inclusion.EXCLUDED);
        } else {
            inclusion.set(Inclusion.PARTLY);
        }
    }

    public Type type() {
        return type;
    }

    /** The database, table or entry key; none for a "Load more…" row. */
    public Optional<ObjectKey> key() {
        return Optional.ofNullable(key);
    }

    public Optional<DiffTreeNode> parent() {
        return Optional.ofNullable(parent);
    }

    /** The object's full name as the result log and reports write it ({@code db.table/dt=20240101}); "" for more. */
    public String itemName() {
        return itemName;
    }

    /** The name the tree shows: database, table, partition ({@code dt=20240101/hr=03}) or function name. */
    public String name() {
        if (key == null) {
            return "";
        }
        return switch (type) {
            case DATABASE -> key.database();
            case TABLE -> key.requireName();
            case ENTRY -> switch (key.kind()) {
                case PARTITION -> partitionName;
                case DATABASE -> key.database();
                case TABLE, FUNCTION -> key.requireName();
            };
            case MORE -> "";
        };
    }

    public boolean isGroup() {
        return type == Type.DATABASE || type == Type.TABLE;
    }

    /** True when the node can have no children (entries, "Load more…", groups with nothing under them). */
    public boolean isLeaf() {
        return !isGroup() || expectedChildren == 0;
    }

    public ReadOnlyObjectProperty<Counts> countsProperty() {
        return counts.getReadOnlyProperty();
    }

    public Counts counts() {
        return counts.get();
    }

    /** The result of the node's own entry: an entry's, or a database's / table's own difference if it has one. */
    public ReadOnlyObjectProperty<Optional<DiffResult>> ownProperty() {
        return own.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Inclusion> inclusionProperty() {
        return inclusion.getReadOnlyProperty();
    }

    public Inclusion inclusion() {
        return inclusion.get();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    void setLoading(boolean value) {
        loading.set(value);
    }

    /** True while the row is being included or excluded. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    void setBusy(boolean value) {
        busy.set(value);
    }

    public ObservableList<DiffTreeNode> children() {
        return childrenView;
    }

    /** Child rows not loaded yet; what the "Load more…" row offers. */
    public long remainingChildren() {
        DiffTreeNode owner = type == Type.MORE ? parent : this;
        return Math.max(0, owner.expectedChildren - owner.loadedChildren);
    }

    boolean started() {
        return started;
    }

    /** Appends a loaded page of children, with a "Load more…" row after it when {@code more}. */
    void appendPage(List<DiffTreeNode> page, boolean more) {
        started = true;
        children.removeIf(c -> c.type == Type.MORE);
        children.addAll(page);
        loadedChildren += page.size();
        if (more) {
            children.add(more(this));
        }
    }

    @Override
    public String toString() {
        return type + " " + (key == null ? "more" : itemName);
    }
}
