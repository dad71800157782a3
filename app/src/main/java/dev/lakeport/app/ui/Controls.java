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
}
