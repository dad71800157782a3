package dev.lakeport.app.pages.diff;

import atlantafx.base.theme.Styles;
import dev.lakeport.app.i18n.Messages;
import dev.lakeport.app.ui.Icons;
import dev.lakeport.diff.DiffResult;
import dev.lakeport.model.ObjectKind;
import java.util.Optional;
import javafx.beans.InvalidationListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.feather.Feather;

/**
 * A row of the tree of differences: the include check box, the kind's icon, the name, and the counts per result as
 * the seed's coloured badges; or the "Load more…" button at the end of a page.
 */
final class DiffTreeCell extends TreeCell<DiffTreeNode> {
    private final DiffViewModel viewModel;
    private final Messages messages;

    private final CheckBox check = new CheckBox();
    private final Label name = new Label();
    private final HBox badges = new HBox(4);
    private final ProgressIndicator spinner = new ProgressIndicator();
    private final HBox row;
    private final Button more = new Button();
    private final InvalidationListener refresh = obs -> show();
    private DiffTreeNode shown;

    DiffTreeCell(DiffViewModel viewModel, Messages messages) {
        this.viewModel = viewModel;
        this.messages = messages;
        check.setFocusTraversable(false);
        check.setOnAction(e -> {
            if (shown != null) {
                viewModel.setIncluded(shown, check.isSelected());
            }
        });
        check.setTooltip(new Tooltip(messages.get("diff.tree.include.tooltip")));
        spinner.setPrefSize(14, 14);
        spinner.setMaxSize(14, 14);
        badges.setAlignment(Pos.CENTER_LEFT);
        row = new HBox(6, check, name, badges, spinner);
        row.setAlignment(Pos.CENTER_LEFT);
        more.getStyleClass().addAll(Styles.FLAT, Styles.SMALL, Styles.ACCENT, "lp-load-more");
        more.setFocusTraversable(false);
        more.setOnAction(e -> {
            if (shown != null) {
                viewModel.loadMore(shown);
            }
        });
        setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        // Cells take the tree's width, so a long name is cut with an ellipsis instead of scrolling sideways.
        setPrefWidth(0);
    }

    @Override
    protected void updateItem(DiffTreeNode node, boolean empty) {
        super.updateItem(node, empty);
        if (shown != null) {
            shown.countsProperty().removeListener(refresh);
            shown.loadingProperty().removeListener(refresh);
            shown.busyProperty().removeListener(refresh);
            if (shown.type() == DiffTreeNode.Type.MORE) {
                shown.parent().ifPresent(p -> p.loadingProperty().removeListener(refresh));
            }
        }
        shown = empty ? null : node;
        if (shown == null) {
            setText(null);
            setGraphic(null);
            setTooltip(null);
            return;
        }
        shown.countsProperty().addListener(refresh);
        shown.loadingProperty().addListener(refresh);
        shown.busyProperty().addListener(refresh);
        if (shown.type() == DiffTreeNode.Type.MORE) {
            shown.parent().ifPresent(p -> p.loadingProperty().addListener(refresh));
        }
        show();
    }

    private void show() {
        DiffTreeNode node = shown;
        if (node == null) {
            return;
        }
        if (node.type() == DiffTreeNode.Type.MORE) {
            boolean loading = node.parent().map(p -> p.loadingProperty().get()).orElse(false);
            more.setText(messages.get("diff.tree.more", node.remainingChildren()));
            more.setDisable(loading);
            more.setGraphic(Icons.of(Feather.CHEVRONS_DOWN));
            setGraphic(more);
            setTooltip(null);
            return;
        }
        DiffTreeNode.Inclusion inclusion = node.inclusion();
        check.setSelected(inclusion == DiffTreeNode.Inclusion.INCLUDED);
        check.setIndeterminate(inclusion == DiffTreeNode.Inclusion.PARTLY);
        name.setText(node.name());
        // The name keeps its width before the excluded count gives way; a very long one is cut.
        name.setMinWidth(node.name().length() <= 32 ? Region.USE_PREF_SIZE : 200);
        name.setGraphic(Icons.of(icon(node)));
        name.getStyleClass().removeAll("lp-excluded");
        if (inclusion == DiffTreeNode.Inclusion.EXCLUDED) {
            name.getStyleClass().add("lp-excluded");
        }
        badges.getChildren().clear();
        DiffTreeNode.Counts counts = node.counts();
        if (node.isGroup()) {
            for (DiffResult result : DiffResult.values()) {
                long n = counts.count(result);
                if (n > 0) {
                    badges.getChildren()
                            .add(badge(
                                    result,
                                    messages.get(
                                            "diff.badge.count",
                                            viewModel.words().word(result),
                                            n)));
                }
            }
            setTooltip(
                    new Tooltip(messages.get("diff.tree.tooltip", node.itemName(), counts.total(), counts.excluded())));
        } else {
            Optional<DiffResult> own = node.ownProperty().get();
            own.ifPresent(
                    r -> badges.getChildren().add(badge(r, viewModel.words().word(r))));
            setTooltip(new Tooltip(node.itemName()));
        }
        boolean working = node.loadingProperty().get() || node.busyProperty().get();
        spinner.setVisible(working);
        spinner.setManaged(working);
        check.setDisable(node.busyProperty().get());
        setGraphic(row);
        setAccessibleText(node.name() + " "
                + badges.getChildren().stream().map(b -> ((Label) b).getText()).reduce("", (a, b) -> a + " " + b));
    }

    static Label badge(DiffResult result, String text) {
        Label badge = new Label(text);
        badge.getStyleClass().addAll("badge", "badge-" + result.code());
        badge.setMinWidth(Region.USE_PREF_SIZE);
        return badge;
    }

    private static Feather icon(DiffTreeNode node) {
        if (node.type() == DiffTreeNode.Type.DATABASE) {
            return Feather.DATABASE;
        }
        if (node.type() == DiffTreeNode.Type.TABLE) {
            return Feather.GRID;
        }
        ObjectKind kind = node.key().map(k -> k.kind()).orElse(ObjectKind.PARTITION);
        return switch (kind) {
            case DATABASE -> Feather.DATABASE;
            case TABLE -> Feather.GRID;
            case PARTITION -> Feather.LAYERS;
            case FUNCTION -> Feather.CODE;
        };
    }
}
