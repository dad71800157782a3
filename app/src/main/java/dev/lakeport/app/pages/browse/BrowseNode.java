package dev.lakeport.app.pages.browse;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A node of the browsing tree as the view model keeps it: what it stands for, its text, and its children, which load
 * (a page at a time) when the node is first expanded. The view mirrors these nodes as tree items and binds each
 * item's expanded state to {@link #expandedProperty()}. Changed on the FX thread only.
 */
public final class BrowseNode {
    private final BrowseItem item;
    private final String text;
    private final String detail;
    private final boolean leaf;
    private final ObservableList<BrowseNode> children = FXCollections.observableArrayList();
    private final ObservableList<BrowseNode> childrenView = FXCollections.unmodifiableObservableList(children);
    private final BooleanProperty expanded = new SimpleBooleanProperty(this, "expanded");

    // Paging state of the children, kept by the view model.
    BrowseNode parent;
    boolean loaded;
    boolean loading;
    long shown;
    long nextOffset;
    Optional<List<String>> after = Optional.empty();

    BrowseNode(BrowseItem item, String text, String detail, boolean leaf) {
        this.item = requireNonNull(item, "item is null");
        this.text = requireNonNull(text, "text is null");
        this.detail = requireNonNull(detail, "detail is null");
        this.leaf = leaf;
    }

    public BrowseItem item() {
        return item;
    }

    /** The node's name as the tree shows it. */
    public String text() {
        return text;
    }

    /** A muted second text (counts, the format), or empty. */
    public String detail() {
        return detail;
    }

    /** True for nodes that never have children (partitions, functions, "Load more…"). */
    public boolean isLeaf() {
        return leaf;
    }

    public ObservableList<BrowseNode> children() {
        return childrenView;
    }

    ObservableList<BrowseNode> mutableChildren() {
        return children;
    }

    /** Expanding a node for the first time loads its children. */
    public BooleanProperty expandedProperty() {
        return expanded;
    }

    @Override
    public String toString() {
        return detail.isEmpty() ? text : text + " (" + detail + ")";
    }
}
