package dev.lakeport.app.ui;

import dev.lakeport.app.i18n.Messages;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Cell;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Control;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.MultipleSelectionModel;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableView;
import javafx.scene.control.TreeView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.text.Text;

/**
 * "Copy" for tables, lists and trees: the context menu copies the cell the user right-clicked (or the selected rows
 * when the click missed a cell); Ctrl+C copies the selected rows, a row's cells separated by tabs, as a spreadsheet
 * takes them. The text copied is the text shown, whole (a cell cut off with an ellipsis copies in full).
 */
public final class Copying {
    private static final String INSTALLED = "lakeport.copying";
    private static final String CLICKED = "lakeport.copying.cell";
    private static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);

    private Copying() {}

    /** Adds copying to {@code control} once; a control with its own context menu keeps it and gets Ctrl+C only. */
    public static void install(Control control, Messages messages) {
        if (control.getProperties().containsKey(INSTALLED)) {
            return;
        }
        control.getProperties().put(INSTALLED, Boolean.TRUE);
        control.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            // A cell being edited copies its own selected text.
            if (COPY.match(e) && !(e.getTarget() instanceof javafx.scene.control.TextInputControl)) {
                String text = selectedText(control);
                if (!text.isEmpty()) {
                    put(text);
                    e.consume();
                }
            }
        });
        if (control.getContextMenu() != null) {
            return;
        }
        control.addEventFilter(ContextMenuEvent.CONTEXT_MENU_REQUESTED, e -> control.getProperties()
                .put(CLICKED, cellAt(e.getPickResult().getIntersectedNode(), control)));
        MenuItem copy = new MenuItem(messages.get("common.copy"));
        copy.setAccelerator(COPY);
        copy.setOnAction(e -> {
            Object clicked = control.getProperties().remove(CLICKED);
            String text = clicked instanceof Cell<?> cell && !cell.isEmpty() ? cellText(cell) : selectedText(control);
            if (!text.isEmpty()) {
                put(text);
            }
        });
        ContextMenu menu = new ContextMenu(copy);
        menu.setId("copy-menu");
        control.setContextMenu(menu);
    }

    /** Puts {@code text} on the system clipboard. FX thread. */
    public static void put(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    private static Cell<?> cellAt(Node picked, Control control) {
        for (Node n = picked; n != null && n != control; n = n.getParent()) {
            if (n instanceof TableCell<?, ?>
                    || n instanceof TreeTableCell<?, ?>
                    || n instanceof ListCell<?>
                    || n instanceof TreeCell<?>) {
                return (Cell<?>) n;
            }
        }
        return null;
    }

    /** The selected rows as shown: one line each, a table's cells in column order separated by tabs. */
    static String selectedText(Control control) {
        List<Integer> rows = selectedRows(control);
        if (rows.isEmpty()) {
            return "";
        }
        String cellClass = cellClass(control);
        List<IndexedCell<?>> cells = new ArrayList<>();
        for (Node n : control.lookupAll(cellClass)) {
            if (n instanceof IndexedCell<?> cell && !cell.isEmpty() && isCellOf(cell, control)) {
                cells.add(cell);
            }
        }
        List<String> lines = new ArrayList<>();
        for (int row : rows) {
            List<IndexedCell<?>> inRow = cells.stream()
                    .filter(c -> c.getIndex() == row && c.isVisible())
                    .sorted(Comparator.comparingInt(c -> columnOrder(control, c)))
                    .toList();
            if (inRow.isEmpty()) {
                lines.add(fallback(control, row));
            } else {
                lines.add(
                        String.join("\t", inRow.stream().map(Copying::cellText).toList()));
            }
        }
        return String.join("\n", lines);
    }

    private static boolean isCellOf(IndexedCell<?> cell, Control control) {
        if (cell instanceof TableCell<?, ?> c) {
            return c.getTableView() == control;
        }
        if (cell instanceof TreeTableCell<?, ?> c) {
            return c.getTreeTableView() == control;
        }
        if (cell instanceof ListCell<?> c) {
            return c.getListView() == control;
        }
        if (cell instanceof TreeCell<?> c) {
            return c.getTreeView() == control;
        }
        return false;
    }

    private static int columnOrder(Control control, IndexedCell<?> cell) {
        if (control instanceof TableView<?> table && cell instanceof TableCell<?, ?> c) {
            return table.getVisibleLeafColumns().indexOf(c.getTableColumn());
        }
        if (control instanceof TreeTableView<?> table && cell instanceof TreeTableCell<?, ?> c) {
            return table.getVisibleLeafColumns().indexOf(c.getTableColumn());
        }
        return 0;
    }

    private static String cellClass(Control control) {
        if (control instanceof TableView<?>) {
            return ".table-cell";
        }
        if (control instanceof TreeTableView<?>) {
            return ".tree-table-cell";
        }
        if (control instanceof ListView<?>) {
            return ".list-cell";
        }
        return ".tree-cell";
    }

    private static List<Integer> selectedRows(Control control) {
        MultipleSelectionModel<?> selection;
        if (control instanceof TableView<?> t) {
            selection = t.getSelectionModel();
        } else if (control instanceof TreeTableView<?> t) {
            selection = t.getSelectionModel();
        } else if (control instanceof ListView<?> l) {
            selection = l.getSelectionModel();
        } else if (control instanceof TreeView<?> t) {
            selection = t.getSelectionModel();
        } else {
            return List.of();
        }
        return selection == null
                ? List.of()
                : selection.getSelectedIndices().stream()
                        .filter(Objects::nonNull)
                        .sorted()
                        .toList();
    }

    /** A row scrolled out of sight: its values as text. */
    private static String fallback(Control control, int row) {
        if (control instanceof TableView<?> table) {
            List<String> values = new ArrayList<>();
            table.getVisibleLeafColumns().forEach(c -> values.add(String.valueOf(c.getCellData(row))));
            return String.join("\t", values);
        }
        if (control instanceof ListView<?> list) {
            return String.valueOf(list.getItems().get(row));
        }
        if (control instanceof TreeView<?> tree && tree.getTreeItem(row) != null) {
            return String.valueOf(tree.getTreeItem(row).getValue());
        }
        return "";
    }

    /** What a cell shows: its text, or the texts of the labels in its graphic. */
    static String cellText(Cell<?> cell) {
        String text = cell.getText();
        if (text != null && !text.isEmpty()) {
            return text;
        }
        List<String> parts = new ArrayList<>();
        if (cell.getGraphic() != null) {
            collect(cell.getGraphic(), parts);
        }
        return String.join(" ", parts);
    }

    private static void collect(Node node, List<String> parts) {
        if (!node.isVisible() || node instanceof javafx.scene.control.ButtonBase) {
            return; // a button in a row ("Map…") is an action, not the row's text
        }
        if (node instanceof Labeled l) {
            if (l.getText() != null && !l.getText().isBlank()) {
                parts.add(l.getText());
            }
            if (l.getGraphic() != null) {
                collect(l.getGraphic(), parts);
            }
            return;
        }
        if (node instanceof Text t && !t.getStyleClass().contains("ikonli-font-icon")) {
            if (t.getText() != null && !t.getText().isBlank()) {
                parts.add(t.getText());
            }
            return;
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                collect(child, parts);
            }
        }
    }
}
