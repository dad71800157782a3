package dev.lakeport.app.pages.run;

import atlantafx.base.theme.Styles;
import dev.lakeport.app.i18n.Messages;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** Step Run's view. */
public final class RunView extends VBox {
    public RunView(RunViewModel viewModel, Messages messages) {
        super(14);
        getStyleClass().add("lp-page");
        Label heading = new Label(messages.get("step.run"));
        heading.getStyleClass().add(Styles.TITLE_2);
        getChildren().add(heading);
    }
}
