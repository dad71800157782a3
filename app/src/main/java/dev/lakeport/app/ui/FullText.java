package dev.lakeport.app.ui;

import dev.lakeport.app.i18n.Messages;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeTableView;
import javafx.scene.control.TreeView;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;

/**
 * Text a narrow window cuts off stays readable and copyable, everywhere in a scene, without each view having to
 * remember it. After every layout pass:
 *
 * <ul>
 *   <li>a label, cell or check box whose text shows with an ellipsis gets a tooltip with the whole text (a tooltip the
 *       view set itself is left alone);
 *   <li>a button, check box or radio button never shrinks below its label ({@code setMinWidth(USE_PREF_SIZE)}), so it never reads "Expor…";
 *   <li>tables, lists and trees get "Copy" in a context menu and on Ctrl+C ({@link Copying}).
 * </ul>
 *
 * <p>A layout pass visits only the visible nodes, and happens only when something changed, so the cost is a walk over
 * the nodes on screen now and then.
 */
public final class FullText {
    /** Marks the tooltips this class made, so it can update or remove them and never touches a view's own. */
    private static final String OWN = "lakeport.fullText";

    private FullText() {}

    /** Keeps the scene's text whole or one hover away, from now on. FX thread. */
    public static void watch(Scene scene, Messages messages) {
        scene.addPostLayoutPulseListener(() -> {
            if (scene.getRoot() != null) {
                visit(scene.getRoot(), messages);
            }
        });
    }

    /** One pass over {@code node} and what it holds. FX thread. */
    public static void visit(Node node, Messages messages) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof Labeled labeled) {
            tooltipIfCut(labeled);
        }
        if (node instanceof ButtonBase button) {
            keepWhole(button);
        }
        if (node instanceof TableView<?>
                || node instanceof TreeTableView<?>
                || node instanceof ListView<?>
                || node instanceof TreeView<?>) {
            Copying.install((javafx.scene.control.Control) node, messages);
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                visit(child, messages);
            }
        }
    }

    /** What a labeled shows of its text (its skin's text node), or null before it has a skin. */
    public static String shownText(Labeled labeled) {
        for (Node child : labeled.getChildrenUnmodifiable()) {
            // The skin's text is a LabeledText; a graphic may be a Text too (an icon font), so go by the class.
            if (child instanceof Text text
                    && "LabeledText".equals(child.getClass().getSimpleName())) {
                return text.getText();
            }
        }
        return null;
    }

    /** The whole text as the labeled would show it with room enough (a mnemonic's '_' is not shown). */
    public static String fullText(Labeled labeled) {
        String full = labeled.getText();
        if (full == null) {
            return "";
        }
        return labeled.isMnemonicParsing() ? withoutMnemonic(full) : full;
    }

    /** Whether the labeled shows less than its text (an ellipsis, or a clipped line). */
    public static boolean isCut(Labeled labeled) {
        String full = fullText(labeled);
        String shown = shownText(labeled);
        if (full.isEmpty() || shown == null) {
            return false;
        }
        return !shown.equals(full);
    }

    private static void tooltipIfCut(Labeled labeled) {
        Tooltip tooltip = labeled.getTooltip();
        boolean own = tooltip != null && tooltip.getProperties().containsKey(OWN);
        if (isCut(labeled)) {
            String full = fullText(labeled);
            if (tooltip == null) {
                Tooltip made = new Tooltip(full);
                made.getProperties().put(OWN, Boolean.TRUE);
                made.setWrapText(true);
                made.setMaxWidth(640);
                labeled.setTooltip(made);
            } else if (own && !full.equals(tooltip.getText())) {
                tooltip.setText(full);
            }
        } else if (own) {
            labeled.setTooltip(null);
        }
    }

    private static void keepWhole(ButtonBase button) {
        boolean labelled = button instanceof Button
                || button instanceof MenuButton
                || button instanceof ToggleButton
                || button instanceof CheckBox
                || button instanceof RadioButton;
        if (labelled && !button.isWrapText() && button.getMinWidth() == Region.USE_COMPUTED_SIZE) {
            button.setMinWidth(Region.USE_PREF_SIZE);
        }
    }

    /** The text as shown when '_' marks a mnemonic: the first single '_' goes, '__' shows as '_'. */
    public static String withoutMnemonic(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean removed = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '_' && i + 1 < text.length()) {
                if (text.charAt(i + 1) == '_') {
                    out.append('_');
                    i++;
                    continue;
                }
                if (!removed) {
                    removed = true;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }
}
