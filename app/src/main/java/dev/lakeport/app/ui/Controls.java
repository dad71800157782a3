package dev.lakeport.app.ui;

import atlantafx.base.theme.Styles;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;

/** The small pieces every page's view is built from, so that pages look and behave alike. */
public final class Controls {
    private Controls() {}

    /** A page's title. */
    public static Label heading(String text) {
        Label heading = new Label(text);
        heading.getStyleClass().add(Styles.TITLE_2);
        return heading;
    }

    /** The muted paragraph under a page's title; keeps all its lines however tight the page gets. */
    public static Label intro(String text) {
        Label intro = new Label(text);
        intro.setWrapText(true);
        intro.setMinHeight(Region.USE_PREF_SIZE);
        intro.getStyleClass().add(Styles.TEXT_MUTED);
        return intro;
    }

    /** A small muted note under a field. */
    public static Label hint(String text) {
        Label hint = new Label(text);
        hint.setWrapText(true);
        hint.setMinHeight(Region.USE_PREF_SIZE); // wrapped lines keep their height instead of ending in "…"
        hint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        return hint;
    }

    /** A button with an icon, an id for tests and a mnemonic ({@code _X} in its text). */
    public static Button button(String id, String text, Feather icon, Runnable action) {
        Button button = new Button(text);
        button.setId(id);
        button.setGraphic(Icons.of(icon));
        button.setMnemonicParsing(true);
        button.setOnAction(e -> action.run());
        return button;
    }

    /** Shows {@code node} (and gives it room) only while {@code condition} holds. */
    public static void showWhen(Node node, ObservableBooleanValue condition) {
        node.visibleProperty().bind(Bindings.createBooleanBinding(condition::get, condition));
        node.managedProperty().bind(node.visibleProperty());
    }

    /** Hides a label (and its room) while it has no text. */
    public static void hideWhenEmpty(Label label) {
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
    }

    /** A one-way converter for combo boxes that show values in words. */
    public static <T> StringConverter<T> converter(Function<T, String> text) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : text.apply(value);
            }

            @Override
            public T fromString(String string) {
                return null;
            }
        };
    }

    /**
     * A detail's value the user can select and copy (Ctrl+C, or the field's own context menu): a read-only text field
     * that looks like a label, or a wrapping read-only text area for long or multi-line values. The tooltip has the
     * whole value, for when the window cuts the field off.
     */
    public static javafx.scene.control.TextInputControl selectableValue(String value) {
        String text = value == null ? "" : value;
        javafx.scene.control.TextInputControl field;
        long breaks = text.chars().filter(c -> c == '\n').count();
        if (breaks > 0 || text.length() > LONG_VALUE) {
            javafx.scene.control.TextArea area = new javafx.scene.control.TextArea(text);
            area.setWrapText(true);
            area.setPrefRowCount((int) Math.min(8, Math.max(breaks + 1, text.length() / 70 + 1)));
            field = area;
        } else {
            field = new javafx.scene.control.TextField(text);
        }
        field.setEditable(false);
        field.setFocusTraversable(true);
        field.getStyleClass().add("lp-value");
        field.setMaxWidth(Double.MAX_VALUE);
        field.setMinWidth(0);
        if (!text.isEmpty()) {
            javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip(text);
            tip.setWrapText(true);
            tip.setMaxWidth(640);
            field.setTooltip(tip);
        }
        return field;
    }

    /** Values longer than this wrap in a text area instead of running out of a one-line field. */
    private static final int LONG_VALUE = 90;

    /**
     * A row of controls that wraps onto a second line when the window is too narrow for it, instead of cutting its
     * buttons' labels or running off the window's edge.
     */
    public static javafx.scene.layout.FlowPane wrappingRow(double gap, Node... nodes) {
        javafx.scene.layout.FlowPane row = new javafx.scene.layout.FlowPane(gap, 6, nodes);
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        row.setRowValignment(javafx.geometry.VPos.CENTER);
        row.setMinWidth(0);
        row.setPrefWrapLength(600);
        return row;
    }

    /** Several nodes that stay together on one line of a {@link #wrappingRow}. */
    public static javafx.scene.layout.HBox together(double gap, Node... nodes) {
        javafx.scene.layout.HBox box = new javafx.scene.layout.HBox(gap, nodes);
        box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        box.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return box;
    }
}
