package dev.lakeport.app.pages.load;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.lakeport.app.i18n.Messages;
import dev.lakeport.app.ui.Controls;
import dev.lakeport.app.ui.Icons;
import dev.lakeport.load.LoadSummary;
import dev.lakeport.snapshot.Side;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/** Step Load's view: the actions, then a card per side with its progress, outcome, failures and databases. */
public final class LoadView extends VBox {
    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
    private static final PseudoClass DONE = PseudoClass.getPseudoClass("done");

    private final LoadViewModel viewModel;
    private final Messages messages;

    public LoadView(LoadViewModel viewModel, Messages messages) {
        super(12);
        this.viewModel = viewModel;
        this.messages = messages;
        getStyleClass().add("lp-page");
        getStylesheets()
                .add(LoadView.class
                        .getResource("/dev/lakeport/app/pages/load.css")
                        .toExternalForm());

        Label heading = Controls.heading(messages.get("step.load"));
        Label intro = Controls.intro(messages.get("load.intro"));

        Message config = new Message(messages.get("load.config.title"), "", Icons.of(Feather.ALERT_TRIANGLE));
        config.setId("load-config-problems");
        config.getStyleClass().add(Styles.DANGER);
        config.descriptionProperty()
                .bind(Bindings.createStringBinding(
                        () -> String.join("\n", viewModel.configProblems()) + "\n" + messages.get("load.config.hint"),
                        viewModel.configProblems()));
        config.visibleProperty()
                .bind(viewModel
                        .checkedProperty()
                        .and(viewModel.configValidProperty().not()));
        config.managedProperty().bind(config.visibleProperty());
        config.setMinHeight(Region.USE_PREF_SIZE);

        Button both =
                Controls.button("load-both", messages.get("load.both"), Feather.DOWNLOAD_CLOUD, viewModel::loadBoth);
        both.getStyleClass().add(Styles.ACCENT);
        both.disableProperty().bind(viewModel.canLoadProperty().not());
        Button resume = Controls.button("load-resume", messages.get("load.resume"), Feather.PLAY, viewModel::resume);
        resume.disableProperty().bind(viewModel.canResumeProperty().not());
        resume.visibleProperty().bind(viewModel.canResumeProperty());
        resume.managedProperty().bind(resume.visibleProperty());
        Button cancel =
                Controls.button("load-cancel", messages.get("load.cancel"), Feather.X_CIRCLE, viewModel::cancel);
        cancel.getStyleClass().add(Styles.DANGER);
        cancel.disableProperty().bind(viewModel.runningProperty().not());
        Label hint = new Label();
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        hint.textProperty()
                .bind(Bindings.when(viewModel.canResumeProperty())
                        .then(messages.get("load.resume.hint"))
                        .otherwise(""));
        HBox actions = new HBox(10, both, resume, cancel, hint);
        actions.setMinHeight(Region.USE_PREF_SIZE);
        actions.setAlignment(Pos.CENTER_LEFT);

        VBox sourceCard = sideCard(viewModel.source(), Side.SOURCE);
        VBox destinationCard = sideCard(viewModel.destination(), Side.DESTINATION);
        // Two equal columns, whatever each card's texts would like.
        GridPane sides = new GridPane();
        sides.setHgap(14);
        for (int i = 0; i < 2; i++) {
            ColumnConstraints half = new ColumnConstraints();
            half.setPercentWidth(50);
            half.setHgrow(Priority.ALWAYS);
            sides.getColumnConstraints().add(half);
        }
        RowConstraints row = new RowConstraints();
        row.setVgrow(Priority.ALWAYS);
        row.setFillHeight(true);
        sides.getRowConstraints().add(row);
        sides.add(sourceCard, 0, 0);
        sides.add(destinationCard, 1, 0);
        sourceCard.setMinWidth(0);
        destinationCard.setMinWidth(0);
        VBox.setVgrow(sides, Priority.ALWAYS);

        Message widened = new Message(messages.get("load.stale.title"), "", Icons.of(Feather.REFRESH_CW));
        widened.setId("load-scope-widened");
        widened.getStyleClass().add(Styles.WARNING);
        widened.descriptionProperty().bind(viewModel.scopeWidenedProperty());
        widened.visibleProperty().bind(viewModel.scopeWidenedProperty().isNotEmpty());
        widened.managedProperty().bind(widened.visibleProperty());
        widened.setMinHeight(Region.USE_PREF_SIZE);

        getChildren().addAll(heading, intro, config, widened, actions, sides);
    }

    private VBox sideCard(SideLoad side, Side which) {
        String id = which.name().toLowerCase(Locale.ROOT);
        boolean isSource = which == Side.SOURCE;

        Label title = new Label(messages.get(isSource ? "load.source.title" : "load.destination.title"));
        title.getStyleClass().add(Styles.TITLE_4);
        Label catalog = new Label(messages.get(isSource ? "load.source.catalog" : "load.destination.catalog"));
        catalog.getStyleClass().add(Styles.TEXT_MUTED);
        Label state = new Label();
        state.setId(id + "-state");
        state.getStyleClass().add("lp-load-state");
        state.setMinWidth(Region.USE_PREF_SIZE);
        state.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> messages.get(
                                "load.state." + side.stateProperty().get().name()),
                        side.stateProperty()));
        side.stateProperty().addListener((obs, old, now) -> styleState(state, now));
        styleState(state, side.stateProperty().get());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button load = Controls.button(
                "load-" + id,
                messages.get(isSource ? "load.source" : "load.destination"),
                Feather.REFRESH_CW,
                () -> viewModel.load(which));
        load.getStyleClass().add(Styles.SMALL);
        load.setMinWidth(Region.USE_PREF_SIZE);
        load.disableProperty().bind(viewModel.canLoadProperty().not());
        VBox names = new VBox(0, title, catalog);
        names.setMinWidth(Region.USE_PREF_SIZE);
        HBox header = new HBox(10, names, state);
        header.setMinHeight(Region.USE_PREF_SIZE);
        header.setAlignment(Pos.CENTER_LEFT);

        Label phase = boundLabel(id + "-phase", side.phaseProperty());
        phase.getStyleClass().add(Styles.TEXT_BOLD);
        // The side's load button sits on the phase's line: the header keeps room for the side's whole name.
        HBox.setHgrow(phase, Priority.ALWAYS);
        HBox phaseRow = new HBox(10, phase, spacer, load);
        phaseRow.setAlignment(Pos.CENTER_LEFT);
        phaseRow.setMinHeight(Region.USE_PREF_SIZE);
        ProgressBar bar = new ProgressBar();
        bar.setId(id + "-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.setMinHeight(Region.USE_PREF_SIZE);
        bar.progressProperty().bind(side.progressProperty());
        bar.visibleProperty()
                .bind(side.stateProperty()
                        .isEqualTo(SideLoad.State.RUNNING)
                        .or(side.resultProperty().isNotEmpty()));
        bar.managedProperty().bind(bar.visibleProperty());
        Label currentTable = boundLabel(id + "-current", side.currentProperty());
        currentTable.getStyleClass().addAll(Styles.TEXT_MUTED, "lp-mono");
        Controls.hideWhenEmpty(currentTable);
        Label figures = boundLabel(id + "-figures", side.figuresProperty());
        Controls.hideWhenEmpty(figures);
        Label result = boundLabel(id + "-result", side.resultProperty());
        Controls.hideWhenEmpty(result);
        side.stateProperty().addListener((obs, old, now) -> styleResult(result, now));
        styleResult(result, side.stateProperty().get());
        Label snapshot = boundLabel(id + "-snapshot", side.snapshotProperty());
        snapshot.getStyleClass().add(Styles.TEXT_MUTED);

        Label failuresLabel = new Label();
        failuresLabel.setMinHeight(Region.USE_PREF_SIZE);
        failuresLabel.getStyleClass().addAll(Styles.DANGER, Styles.TEXT_BOLD);
        failuresLabel
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> messages.get("load.failures", side.failures().size()), side.failures()));
        ListView<LoadSummary.LoadFailure> failures = new ListView<>(side.failures());
        failures.setId(id + "-failures");
        failures.getStyleClass().addAll(Styles.DENSE, "lp-load-failures");
        failures.setPrefHeight(96);
        failures.setMinHeight(60);
        failures.setCellFactory(list -> new ListCell<>() {
            {
                setWrapText(true);
                setPrefWidth(0);
            }

            @Override
            protected void updateItem(LoadSummary.LoadFailure item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.itemName() + " — " + item.error());
            }
        });
        failuresLabel.setLabelFor(failures);
        VBox failureBox = new VBox(4, failuresLabel, failures);
        failureBox.setMinHeight(Region.USE_PREF_SIZE);
        failureBox.visibleProperty().bind(Bindings.isNotEmpty(side.failures()));
        failureBox.managedProperty().bind(failureBox.visibleProperty());

        Label databasesLabel = new Label(messages.get("load.databases"));
        databasesLabel.setMinHeight(Region.USE_PREF_SIZE);
        databasesLabel.getStyleClass().add(Styles.TEXT_BOLD);
        TableView<SideLoad.DatabaseRow> databases = databaseTable(side);
        databases.setId(id + "-databases");
        databasesLabel.setLabelFor(databases);
        VBox.setVgrow(databases, Priority.ALWAYS);

        VBox card = new VBox(
                8,
                header,
                phaseRow,
                bar,
                currentTable,
                figures,
                result,
                snapshot,
                failureBox,
                databasesLabel,
                databases);
        card.setId(id + "-card");
        card.getStyleClass().addAll("lp-card", "lp-load-card");
        return card;
    }

    private TableView<SideLoad.DatabaseRow> databaseTable(SideLoad side) {
        TableView<SideLoad.DatabaseRow> table = new TableView<>(side.databases());
        table.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.setPlaceholder(new Label(messages.get("load.databases.empty")));
        table.setMinHeight(120);
        table.setPrefHeight(180);
        table.getColumns().add(column(messages.get("load.column.database"), 100, SideLoad.DatabaseRow::name, false));
        table.getColumns()
                .add(column(
                        messages.get("load.column.tables"),
                        64,
                        r -> r.status() == SideLoad.RowStatus.STORED
                                ? String.format(messages.locale(), "%,d", r.tablesTotal())
                                : String.format(messages.locale(), "%,d / %,d", r.tablesDone(), r.tablesTotal()),
                        true));
        table.getColumns()
                .add(column(
                        messages.get("load.column.partitions"),
                        88,
                        r -> String.format(messages.locale(), "%,d", r.partitions()),
                        true));
        table.getColumns()
                .add(column(
                        messages.get("load.column.functions"),
                        88,
                        r -> String.format(messages.locale(), "%,d", r.functions()),
                        true));
        TableColumn<SideLoad.DatabaseRow, SideLoad.DatabaseRow> status =
                new TableColumn<>(messages.get("load.column.status"));
        status.setPrefWidth(90);
        status.setMinWidth(80);
        status.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        status.setCellFactory(c -> new TableCell<>() {
            {
                getStyleClass().add("lp-load-status");
            }

            @Override
            protected void updateItem(SideLoad.DatabaseRow row, boolean empty) {
                super.updateItem(row, empty);
                // Pseudo-classes, not style classes: rows change ten times a second and a style class change
                // makes JavaFX look up the cell's whole style again.
                boolean failed = !empty && row != null && row.status() == SideLoad.RowStatus.FAILED;
                boolean done = !empty && row != null && row.status() == SideLoad.RowStatus.DONE;
                pseudoClassStateChanged(FAILED, failed);
                pseudoClassStateChanged(DONE, done);
                if (empty || row == null) {
                    setText(null);
                    setTooltip(null);
                    return;
                }
                String text = failed
                        ? messages.get("load.row.FAILED", row.failed())
                        : row.status() == SideLoad.RowStatus.CANCELLED
                                ? messages.get("load.row.CANCELLED", row.tablesDone(), row.tablesTotal())
                                : messages.get("load.row." + row.status().name());
                setText(text);
                // The column is narrow: the whole text is one hover away.
                if (getTooltip() == null || !text.equals(getTooltip().getText())) {
                    setTooltip(new javafx.scene.control.Tooltip(text));
                }
            }
        });
        table.getColumns().add(status);
        return table;
    }

    private static TableColumn<SideLoad.DatabaseRow, String> column(
            String title, double width, Function<SideLoad.DatabaseRow, String> value, boolean numeric) {
        TableColumn<SideLoad.DatabaseRow, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        if (numeric) {
            // Room for the figures; the header may shorten (its tooltip has it whole) so Status stays in view.
            column.setMinWidth(Math.min(width, 64));
        }
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        if (numeric) {
            column.getStyleClass().add("lp-numeric");
        }
        return column;
    }

    private static void styleState(Label label, SideLoad.State state) {
        label.getStyleClass()
                .removeAll("lp-state-complete", "lp-state-incomplete", "lp-state-running", "lp-state-empty");
        label.getStyleClass()
                .add(
                        switch (state) {
                            case COMPLETE -> "lp-state-complete";
                            case INCOMPLETE -> "lp-state-incomplete";
                            case RUNNING -> "lp-state-running";
                            case NOT_LOADED -> "lp-state-empty";
                        });
    }

    private static void styleResult(Label label, SideLoad.State state) {
        label.getStyleClass().removeAll(Styles.SUCCESS, Styles.WARNING);
        if (state == SideLoad.State.COMPLETE) {
            label.getStyleClass().add(Styles.SUCCESS);
        } else if (state == SideLoad.State.INCOMPLETE) {
            label.getStyleClass().add(Styles.WARNING);
        }
    }

    private static Label boundLabel(String id, ObservableValue<String> text) {
        Label label = new Label();
        label.setId(id);
        label.setWrapText(true);
        // Wrapped lines need their height: without this a full card squeezes them to one line.
        label.setMinHeight(Region.USE_PREF_SIZE);
        label.textProperty().bind(text);
        return label;
    }
}
