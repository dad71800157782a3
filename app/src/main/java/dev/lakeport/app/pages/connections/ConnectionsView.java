package dev.lakeport.app.pages.connections;

import atlantafx.base.theme.Styles;
import dev.lakeport.app.i18n.Messages;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** Step Connections's view. */
public final class ConnectionsView extends VBox {
    public ConnectionsView(ConnectionsViewModel viewModel, Messages messages) {
        super(14);
        getStyleClass().add("lp-page");
        Label heading = new Label(messages.get("step.connections"));
        heading.getStyleClass().add(Styles.TITLE_2);
        getChildren().add(heading);
    }
}
