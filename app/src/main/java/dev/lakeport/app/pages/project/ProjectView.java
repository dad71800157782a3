package dev.lakeport.app.pages.project;

import atlantafx.base.controls.Tile;
import atlantafx.base.theme.Styles;
import dev.lakeport.app.i18n.Messages;
import dev.lakeport.app.session.SampleRoute;
import dev.lakeport.app.ui.Controls;
import dev.lakeport.app.ui.Icons;
import java.nio.file.Path;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/** Step 1's view: the sample project first (a new user's way in), then new / open / import / export, then recent. */
public final class ProjectView extends VBox {
    public ProjectView(ProjectViewModel viewModel, Messages messages) {
        super(14);
        getStyleClass().add("lp-page");
        Label heading = Controls.heading(messages.get("step.project"));
        Label intro = Controls.intro(messages.get("project.intro"));

        Button sample = new Button(messages.get("project.sample"));
        sample.setId("open-sample");
        sample.setGraphic(Icons.of(Feather.PLAY_CIRCLE));
        sample.getStyleClass().add(Styles.ACCENT);
        sample.setDefaultButton(false);
        sample.disableProperty().bind(viewModel.busyProperty());
        sample.setOnAction(e -> viewModel.openSample());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(22, 22);
        spinner.visibleProperty().bind(viewModel.busyProperty());
        Tile sampleTile = new Tile(
                messages.get("project.sample.title"),
                messages.get(
                        "project.sample.description", dev.lakeport.app.session.SampleEnvironment.DEFAULT_PARTITIONS));
        sampleTile.setGraphic(Icons.of(Feather.BOX));
        sampleTile.setAction(new HBox(8, spinner, sample));
        VBox sampleCard = new VBox(6, sampleTile, sampleRoutes(viewModel, messages));
        sampleCard.getStyleClass().add("lp-card");

        Button create =
                Controls.button("new-project", messages.get("project.new"), Feather.FILE_PLUS, viewModel::newProject);
        Button open =
                Controls.button("open-project", messages.get("project.open"), Feather.FOLDER, viewModel::openProject);
        Button importButton = Controls.button(
                "import-properties", messages.get("project.import"), Feather.DOWNLOAD, viewModel::importProperties);
        Button export = Controls.button(
                "export-properties", messages.get("project.export"), Feather.UPLOAD, viewModel::exportProperties);
        export.disableProperty().bind(viewModel.projectOpenProperty().not());
        for (Button b : new Button[] {create, open, importButton}) {
            b.disableProperty().bind(viewModel.busyProperty());
        }
        var actions = Controls.wrappingRow(10, create, open, importButton, export);

        Label current = new Label();
        current.setId("current-project");
        current.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> viewModel.projectOpenProperty().get()
                                ? messages.get("project.current", viewModel.currentProjectPath())
                                : messages.get("project.current.none"),
                        viewModel.projectOpenProperty(),
                        viewModel.session().projectFileProperty()));
        current.setWrapText(true);
        Label status = new Label();
        status.textProperty().bind(viewModel.statusProperty());
        status.getStyleClass().add(Styles.TEXT_MUTED);

        Label recentLabel = new Label(messages.get("project.recent"));
        recentLabel.getStyleClass().add(Styles.TITLE_4);
        ListView<Path> recent = new ListView<>(viewModel.recentProjects());
        recent.setId("recent-projects");
        recent.setPlaceholder(new Label(messages.get("project.recent.empty")));
        recent.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(Path item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.getFileName() + "  —  " + item.getParent());
            }
        });
        recent.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && recent.getSelectionModel().getSelectedItem() != null) {
                viewModel.openRecent(recent.getSelectionModel().getSelectedItem());
            }
        });
        recent.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && recent.getSelectionModel().getSelectedItem() != null) {
                viewModel.openRecent(recent.getSelectionModel().getSelectedItem());
            }
        });
        recentLabel.setLabelFor(recent);
        VBox.setVgrow(recent, Priority.ALWAYS);

        getChildren().addAll(heading, intro, sampleCard, actions, current, status, recentLabel, recent);
        setPadding(new Insets(0));
    }

    /**
     * The sample's route, one radio button each: Glue -> DLF (chosen), Hive -> DLF, Glue -> Hive, Hive -> MaxCompute,
     * wrapping onto a second line in a narrow window. A route this installation cannot run stays visible, disabled,
     * with the reason beneath; the chosen route's note says what it starts.
     */
    private static VBox sampleRoutes(ProjectViewModel viewModel, Messages messages) {
        Label label = new Label(messages.get("project.sample.route"));
        ToggleGroup group = new ToggleGroup();
        javafx.scene.layout.FlowPane buttons = new javafx.scene.layout.FlowPane(14, 6, label);
        buttons.setAlignment(Pos.CENTER_LEFT);
        for (SampleRoute route : SampleRoute.values()) {
            RadioButton button = new RadioButton(messages.get(route.messageKey()));
            button.setId("sample-route-" + route.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            button.setUserData(route);
            button.setToggleGroup(group);
            button.setSelected(viewModel.sampleRouteProperty().get() == route);
            button.disableProperty()
                    .bind(viewModel
                            .busyProperty()
                            .or(Bindings.createBooleanBinding(() -> !viewModel.sampleRouteAvailable(route))));
            buttons.getChildren().add(button);
        }
        group.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now != null) {
                viewModel.sampleRouteProperty().set((SampleRoute) now.getUserData());
            }
        });
        viewModel.sampleRouteProperty().addListener((obs, old, now) -> group.getToggles().stream()
                .filter(t -> t.getUserData() == now)
                .findFirst()
                .ifPresent(t -> t.setSelected(true)));
        Label note = new Label();
        note.setId("sample-route-note");
        note.setWrapText(true);
        note.setMinHeight(Region.USE_PREF_SIZE);
        note.getStyleClass().add(Styles.TEXT_MUTED);
        note.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> messages.get(viewModel.sampleRouteProperty().get().messageKey() + ".note"),
                        viewModel.sampleRouteProperty()));
        VBox box = new VBox(6, buttons, note);
        if (!viewModel.sampleRouteAvailable(SampleRoute.HIVE_TO_DLF)) {
            Label unavailable = new Label(messages.get("project.sample.route.unavailable") + " "
                    + messages.get("project.sample.route.unavailable.hint"));
            unavailable.setId("sample-route-unavailable");
            unavailable.setWrapText(true);
            unavailable.setMinHeight(Region.USE_PREF_SIZE);
            unavailable.getStyleClass().add(Styles.WARNING);
            box.getChildren().add(unavailable);
        }
        box.setPadding(new Insets(0, 12, 8, 56));
        return box;
    }
}
