package dev.lakeport.app.pages.reports;

import atlantafx.base.theme.Styles;
import dev.lakeport.app.i18n.Messages;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** Step Reports's view. */
public final class ReportsView extends VBox {
    public ReportsView(ReportsViewModel viewModel, Messages messages) {
        super(14);
        getStyleClass().add("lp-page");
        Label heading = new Label(messages.get("step.reports"));
        heading.getStyleClass().add(Styles.TITLE_2);
        getChildren().add(heading);
    }
}
