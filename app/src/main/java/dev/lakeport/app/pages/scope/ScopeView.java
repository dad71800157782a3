package dev.lakeport.app.pages.scope;

import atlantafx.base.theme.Styles;
import dev.lakeport.app.i18n.Messages;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** Step Scope's view. */
public final class ScopeView extends VBox {
    public ScopeView(ScopeViewModel viewModel, Messages messages) {
        super(14);
        getStyleClass().add("lp-page");
        Label heading = new Label(messages.get("step.scope"));
        heading.getStyleClass().add(Styles.TITLE_2);
        getChildren().add(heading);
    }
}
