package dev.lakeport.app.pages.diff;

import atlantafx.base.theme.Styles;
import dev.lakeport.app.i18n.Messages;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** Step Diff's view. */
public final class DiffView extends VBox {
    public DiffView(DiffViewModel viewModel, Messages messages) {
        super(14);
        getStyleClass().add("lp-page");
        Label heading = new Label(messages.get("step.diff"));
        heading.getStyleClass().add(Styles.TITLE_2);
        getChildren().add(heading);
    }
}
