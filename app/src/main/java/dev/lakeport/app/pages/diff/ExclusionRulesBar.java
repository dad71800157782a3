package dev.lakeport.app.pages.diff;

import atlantafx.base.theme.Styles;
import dev.lakeport.app.i18n.Messages;
import dev.lakeport.app.ui.Icons;
import dev.lakeport.mapping.ExclusionRule;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * The project's exclusion rules as a row of chips, each with a button that removes it; hidden when there are none.
 * Shared by the Diff and Run pages, so a user sees what no run will touch wherever a run starts.
 */
public final class ExclusionRulesBar extends FlowPane {
    private final ObservableList<ExclusionRule> rules;
    private final Consumer<ExclusionRule> remove;
    private final Messages messages;

    public ExclusionRulesBar(ObservableList<ExclusionRule> rules, Consumer<ExclusionRule> remove, Messages messages) {
        super(8, 6);
        this.rules = rules;
        this.remove = remove;
        this.messages = messages;
        setId("exclusion-rules");
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(6, 12, 6, 12));
        getStyleClass().add("lp-card");
        rules.addListener((ListChangeListener<ExclusionRule>) c -> rebuild());
        rebuild();
    }

    private void rebuild() {
        getChildren().clear();
        Label title = new Label(messages.get("diff.rules.title", rules.size()));
        title.setId("exclusion-rules-title");
        title.getStyleClass().add(Styles.TEXT_BOLD);
        getChildren().add(title);
        int n = 0;
        for (ExclusionRule rule : rules) {
            Label name = new Label(rule.describe());
            name.setTooltip(new Tooltip(rule.describe()));
            Button x = new Button(null, Icons.of(Feather.X));
            x.setId("remove-rule-" + n++);
            x.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL);
            x.setTooltip(new Tooltip(messages.get("diff.rules.remove", rule.describe())));
            x.setOnAction(e -> remove.accept(rule));
            HBox chip = new HBox(2, name, x);
            chip.setAlignment(Pos.CENTER_LEFT);
            chip.getStyleClass().add("lp-rule-chip");
            chip.setUserData(rule);
            getChildren().add(chip);
        }
        boolean shown = !rules.isEmpty();
        setVisible(shown);
        setManaged(shown);
    }
}
