package dev.lakeport.app.pages.run;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import dev.lakeport.app.i18n.Messages;
import dev.lakeport.app.ui.Controls;
import dev.lakeport.app.ui.Icons;
import dev.lakeport.apply.ResultRecord;
import dev.lakeport.apply.RunSummary;
import dev.lakeport.pipeline.ApplyOutcome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableLongValue;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;

/**
 * Step Run's view: what will happen, the options, the run's live progress (figures, throughput chart, failures) and
 * its summary. Samples the throughput once a second while a run goes on.
 */
public final class RunView extends StackPane {
    private final RunViewModel viewModel;
    private final Messages messages;

    public RunView(RunViewModel viewModel, Messages messages) {
        this.viewModel = viewModel;
        this.messages = messages;
        getStylesheets()
                .add(RunView.class
                        .getResource("/dev/lakeport/app/pages/run.css")
                        .toExternalForm());

        Label heading = Controls.heading(messages.get("step.run"));
        Label intro = Controls.intro(messages.get("run.intro"));

        Message noDiff = new Message(messages.get("run.noDiff.title"), messages.get("run.noDiff.text"));
        noDiff.setId("run-no-diff");
        noDiff.getStyleClass().add(Styles.WARNING);
        noDiff.setGraphic(Icons.of(Feather.ALERT_TRIANGLE));
        noDiff.visibleProperty().bind(viewModel.diffRunProperty().lessThan(0));
        noDiff.managedProperty().bind(noDiff.visibleProperty());

        VBox page = new VBox(
                14,
                heading,
                intro,
                noDiff,
                plan(),
                new dev.lakeport.app.pages.diff.ExclusionRulesBar(viewModel.rules(), viewModel::removeRule, messages),
                options(),
                actions(),
                progress(),
                live(),
                summary());
        page.getStyleClass().add("lp-page");
        page.setPadding(new Insets(0, 8, 12, 0));
        ScrollPane scroll = new ScrollPane(page);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("run-scroll");
        getChildren().add(scroll);
        // A run's progress, chart, failures and summary are at the bottom: bring them into view when they appear
        // (once the page has grown to hold them), until the user scrolls or clicks somewhere.
        boolean[] followEnd = {false};
        Runnable toEnd = () -> {
            followEnd[0] = true;
            scroll.setVvalue(scroll.getVmax());
        };
        page.heightProperty().addListener((obs, old, now) -> {
            if (followEnd[0]) {
                scroll.setVvalue(scroll.getVmax());
            }
        });
        scroll.addEventFilter(ScrollEvent.SCROLL, e -> followEnd[0] = false);
        scroll.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> followEnd[0] = false);
        viewModel.taskProperty().addListener((obs, old, now) -> toEnd.run());
        viewModel.outcomeProperty().addListener((obs, old, now) -> toEnd.run());

        Timeline sampler = new Timeline(new KeyFrame(Duration.seconds(1), e -> viewModel.sampleThroughput()));
        sampler.setCycleCount(Animation.INDEFINITE);
        viewModel.stateProperty().addListener((obs, old, now) -> {
            if (now == RunViewModel.State.RUNNING) {
                sampler.playFromStart();
            } else {
                sampler.stop();
            }
        });
    }

    // ---- what will happen

    private Node plan() {
        Label title = new Label();
        title.getStyleClass().add(Styles.TITLE_4);
        title.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> viewModel.diffRunProperty().get() < 0
                                ? messages.get("run.plan.title")
                                : messages.get(
                                        "run.plan.titleRun",
                                        viewModel.diffRunProperty().get()),
                        viewModel.diffRunProperty()));
        Node create = stat(
                "run-create",
                viewModel.toCreateProperty(),
                messages.get("run.plan.create"),
                Bindings.createStringBinding(
                        () -> messages.get(
                                "run.plan.create.detail",
                                viewModel.wordsProperty().getValue().create()),
                        viewModel.wordsProperty()),
                "run-stat-create");
        Node update = stat(
                "run-update",
                viewModel.toUpdateProperty(),
                messages.get("run.plan.update"),
                Bindings.createStringBinding(
                        () -> messages.get(
                                "run.plan.update.detail",
                                viewModel.wordsProperty().getValue().update()),
                        viewModel.wordsProperty()),
                "run-stat-update");
        Node delete = stat(
                "run-delete",
                viewModel.toDeleteProperty(),
                messages.get("run.plan.delete"),
                Bindings.createStringBinding(
                        () -> messages.get(
                                viewModel.deletionsProperty().get() ? "run.plan.delete.on" : "run.plan.delete.off",
                                viewModel.wordsProperty().getValue().delete()),
                        viewModel.deletionsProperty(),
                        viewModel.wordsProperty()),
                "run-stat-delete");
        HBox stats = new HBox(12, create, update, delete);
        for (Node n : stats.getChildren()) {
            HBox.setHgrow(n, Priority.ALWAYS);
        }
        VBox box = new VBox(8, title, stats);
        box.visibleProperty().bind(viewModel.diffRunProperty().greaterThanOrEqualTo(0));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private Node stat(
            String id, ObservableLongValue value, String label, ObservableValue<String> detail, String styleClass) {
        Label number = new Label();
        number.setId(id);
        number.getStyleClass().add("run-stat-number");
        number.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> viewModel.diffKnownProperty().get() ? messages.get("run.count", value.get()) : "—",
                        value,
                        viewModel.diffKnownProperty()));
        Label name = new Label(label);
        name.getStyleClass().add(Styles.TEXT_BOLD);
        Label more = new Label();
        more.textProperty().bind(detail);
        more.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        more.setWrapText(true);
        VBox box = new VBox(2, number, name, more);
        box.getStyleClass().addAll("lp-card", "run-stat", styleClass);
        // Equal thirds whatever their texts' lengths.
        box.setPrefWidth(0);
        box.setMaxWidth(Double.MAX_VALUE);
        return box;
    }

    // ---- options

    private Node options() {
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(10);

        Label targetLabel = new Label(messages.get("run.target"));
        targetLabel.setMnemonicParsing(true);
        ComboBox<RunTarget> target = new ComboBox<>();
        target.setId("run-target");
        target.setItems(viewModel.targets());
        target.valueProperty().bindBidirectional(viewModel.targetProperty());
        target.setButtonCell(new TargetCell());
        target.setCellFactory(list -> new TargetCell());
        targetLabel.setLabelFor(target);
        Button profiles =
                Controls.button("run-profiles", messages.get("run.profiles.open"), Feather.SERVER, this::editProfiles);
        Label note = new Label();
        note.setId("run-target-note");
        note.textProperty().bind(viewModel.targetNoteProperty());
        note.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        note.setWrapText(true);
        grid.add(targetLabel, 0, 0);
        grid.add(target, 1, 0);
        grid.add(profiles, 2, 0, 3, 1);
        grid.add(note, 1, 3, 5, 1);
        note.setMinHeight(Region.USE_PREF_SIZE);

        Label concurrencyLabel = new Label(messages.get("run.concurrency"));
        concurrencyLabel.setMnemonicParsing(true);
        Spinner<Integer> concurrency = new Spinner<>();
        concurrency.setId("run-concurrency");
        SpinnerValueFactory.IntegerSpinnerValueFactory factory = new SpinnerValueFactory.IntegerSpinnerValueFactory(
                1,
                RunViewModel.maxConcurrency(),
                viewModel.concurrencyProperty().get());
        factory.setConverter(new SafeIntegerConverter(factory));
        concurrency.setValueFactory(factory);
        concurrency.setEditable(true);
        concurrency.setPrefWidth(110);
        factory.valueProperty().bindBidirectional(viewModel.concurrencyProperty());
        concurrency.setTooltip(new Tooltip(messages.get("run.concurrency.tooltip")));
        concurrencyLabel.setLabelFor(concurrency);

        Label rateLabel = new Label(messages.get("run.rate"));
        rateLabel.setMnemonicParsing(true);
        TextField rate = new TextField();
        rate.setId("run-rate");
        rate.setPrefColumnCount(7);
        rate.textProperty().bindBidirectional(viewModel.rateTextProperty());
        rate.setTooltip(new Tooltip(messages.get("run.rate.tooltip")));
        rateLabel.setLabelFor(rate);
        Label rateError = new Label();
        rateError.setId("run-rate-error");
        rateError.getStyleClass().add("field-error");
        rateError.textProperty().bind(viewModel.rateErrorProperty());
        rateError.visibleProperty().bind(viewModel.rateErrorProperty().isNotEmpty());
        rateError.managedProperty().bind(rateError.visibleProperty());
        Label rateUnit = new Label(messages.get("run.rate.unit"));
        rateUnit.getStyleClass().add(Styles.TEXT_MUTED);
        VBox rateBox = new VBox(4, new HBox(6, rate, rateUnit), rateError);
        ((HBox) rateBox.getChildren().get(0)).setAlignment(Pos.CENTER_LEFT);

        CheckBox dryRun = new CheckBox(messages.get("run.dryRun"));
        dryRun.setId("run-dry-run");
        dryRun.setMnemonicParsing(true);
        dryRun.selectedProperty().bindBidirectional(viewModel.dryRunProperty());
        dryRun.setTooltip(new Tooltip(messages.get("run.dryRun.tooltip")));

        for (Label label : List.of(targetLabel, concurrencyLabel, rateLabel, rateUnit)) {
            label.setMinWidth(Region.USE_PREF_SIZE); // the fields give way, never the labels
        }
        grid.add(concurrencyLabel, 0, 1);
        grid.add(concurrency, 1, 1);
        grid.add(rateLabel, 2, 1);
        grid.add(rateBox, 3, 1);
        grid.add(dryRun, 4, 1);

        CheckBox deletions = new CheckBox(messages.get("run.deletions"));
        deletions.setId("run-deletions");
        deletions.setMnemonicParsing(true);
        deletions.setSelected(viewModel.deletionsProperty().get());
        viewModel.deletionsProperty().addListener((obs, old, now) -> deletions.setSelected(now));
        // The view model decides: turning deletions on asks for their number first.
        deletions.setOnAction(e -> deletions.setSelected(viewModel.setDeletions(deletions.isSelected())));
        deletions
                .disableProperty()
                .bind(viewModel
                        .canDeleteProperty()
                        .not()
                        .and(viewModel.deletionsProperty().not()));
        Label deletionsNote = new Label();
        deletionsNote.setId("run-deletions-note");
        deletionsNote.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        deletionsNote.setWrapText(true);
        deletionsNote
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> viewModel.toDeleteProperty().get() == 0
                                ? messages.get("run.deletions.none")
                                : viewModel.deletionsProperty().get()
                                        ? messages.get(
                                                "run.deletions.onNote",
                                                viewModel.toDeleteProperty().get())
                                        : messages.get(
                                                "run.deletions.offNote",
                                                viewModel.toDeleteProperty().get()),
                        viewModel.toDeleteProperty(),
                        viewModel.deletionsProperty()));
        grid.add(deletions, 0, 2, 2, 1);
        grid.add(deletionsNote, 2, 2, 4, 1);

        Label title = new Label(messages.get("run.options"));
        title.getStyleClass().add(Styles.TITLE_4);
        VBox box = new VBox(10, title, grid);
        box.getStyleClass().addAll("lp-card", "run-section");
        box.disableProperty().bind(viewModel.busyProperty());
        return box;
    }

    private final class TargetCell extends ListCell<RunTarget> {
        @Override
        protected void updateItem(RunTarget item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : item.displayName(messages));
        }
    }

    private void editProfiles() {
        List<dev.lakeport.launch.ClusterProfile> current;
        try {
            current = viewModel.profiles();
        } catch (IllegalArgumentException e) {
            current = List.of(); // the page's status says what was wrong; the dialog starts afresh
        }
        new ClusterProfilesDialog(
                        messages,
                        current,
                        getScene() == null ? null : getScene().getWindow())
                .showAndWait()
                .ifPresent(viewModel::saveProfiles);
    }

    /** Keeps the spinner's last good value when the text typed is not a number. */
    private static final class SafeIntegerConverter extends StringConverter<Integer> {
        private final SpinnerValueFactory.IntegerSpinnerValueFactory factory;

        SafeIntegerConverter(SpinnerValueFactory.IntegerSpinnerValueFactory factory) {
            this.factory = factory;
        }

        @Override
        public String toString(Integer value) {
            return value == null ? "" : value.toString();
        }

        @Override
        public Integer fromString(String text) {
            try {
                int n = Integer.parseInt(text.trim());
                return Math.max(factory.getMin(), Math.min(factory.getMax(), n));
            } catch (NumberFormatException e) {
                return factory.getValue();
            }
        }
    }

    // ---- actions and progress

    private Node actions() {
        Button apply = new Button(messages.get("run.apply"));
        apply.setId("run-apply");
        apply.setMnemonicParsing(true);
        apply.setGraphic(Icons.of(Feather.PLAY));
        apply.getStyleClass().add(Styles.ACCENT);
        apply.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> viewModel.dryRunProperty().get()
                                ? messages.get("run.apply.dry")
                                : messages.get("run.apply"),
                        viewModel.dryRunProperty()));
        apply.disableProperty().bind(viewModel.canApplyProperty().not());
        apply.setOnAction(e -> viewModel.apply());

        Button cancel = new Button(messages.get("run.cancel"));
        cancel.setId("run-cancel");
        cancel.setMnemonicParsing(true);
        cancel.setGraphic(Icons.of(Feather.SQUARE));
        cancel.getStyleClass().add(Styles.DANGER);
        cancel.disableProperty().bind(viewModel.busyProperty().not());
        cancel.setOnAction(e -> viewModel.cancel());

        Button resume = new Button(messages.get("run.resume"));
        resume.setId("run-resume");
        resume.setMnemonicParsing(true);
        resume.setGraphic(Icons.of(Feather.ROTATE_CW));
        resume.disableProperty().bind(viewModel.canResumeProperty().not());
        resume.setTooltip(new Tooltip(messages.get("run.resume.tooltip")));
        resume.setOnAction(e -> viewModel.resume());

        Label status = new Label();
        status.setId("run-status");
        status.setWrapText(true);
        status.textProperty().bind(viewModel.statusProperty());
        HBox.setHgrow(status, Priority.ALWAYS);
        for (Button b : List.of(apply, cancel, resume)) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox box = new HBox(10, apply, cancel, resume, status);
        box.setAlignment(Pos.CENTER_LEFT);

        Label blocked = new Label();
        blocked.setId("run-blocked");
        blocked.setWrapText(true);
        blocked.setMinHeight(Region.USE_PREF_SIZE);
        blocked.setMaxWidth(Double.MAX_VALUE);
        blocked.setGraphic(Icons.of(Feather.ALERT_TRIANGLE));
        blocked.getStyleClass().addAll("lp-attention", Styles.WARNING);
        blocked.setPadding(new Insets(8, 12, 8, 12));
        blocked.textProperty().bind(viewModel.blockedProperty());
        Controls.showWhen(blocked, Bindings.isNotEmpty(viewModel.blockedProperty()));
        return new VBox(8, blocked, box);
    }

    private Node progress() {
        Label phase = new Label();
        phase.setId("run-phase");
        phase.getStyleClass().add(Styles.TEXT_BOLD);
        phase.textProperty().bind(viewModel.phaseProperty());
        Label counts = label("run-counts", viewModel.countsProperty());
        Label rate = label("run-rate-live", viewModel.rateProperty());
        Label eta = label("run-eta", viewModel.etaProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox figures = new HBox(16, phase, counts, spacer, rate, eta);
        figures.setAlignment(Pos.CENTER_LEFT);
        ProgressBar bar = new ProgressBar();
        bar.setId("run-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(viewModel.progressProperty());
        VBox box = new VBox(8, figures, bar, job());
        box.getStyleClass().addAll("lp-card", "run-section");
        box.visibleProperty().bind(viewModel.taskProperty().isNotNull());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    /** The Spark job's state, application id and driver log, while a run goes (or went) as a job. */
    private Node job() {
        Label state = new Label();
        state.setId("run-job-state");
        state.getStyleClass().add(Styles.TEXT_BOLD);
        state.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> viewModel.jobStateProperty().get() == null
                                ? ""
                                : messages.get(
                                        "run.job.state",
                                        messages.get("run.job.state."
                                                + viewModel
                                                        .jobStateProperty()
                                                        .get()
                                                        .name()
                                                        .toLowerCase(java.util.Locale.ROOT)),
                                        viewModel.applicationIdProperty().get().isEmpty()
                                                ? "—"
                                                : viewModel
                                                        .applicationIdProperty()
                                                        .get(),
                                        viewModel.jobRunIdProperty().get()),
                        viewModel.jobStateProperty(),
                        viewModel.applicationIdProperty(),
                        viewModel.jobRunIdProperty()));
        javafx.scene.control.TextArea log = new javafx.scene.control.TextArea();
        log.setId("run-job-log");
        log.setEditable(false);
        log.setWrapText(false);
        log.setPrefRowCount(8);
        log.getStyleClass().add("run-job-log");
        viewModel.jobLog().addListener((ListChangeListener<String>) c -> {
            log.setText(String.join("\n", viewModel.jobLog()));
            log.positionCaret(log.getLength());
        });
        Label logTitle = new Label(messages.get("run.job.log"));
        logTitle.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        VBox box = new VBox(6, state, logTitle, log);
        box.setId("run-job");
        box.visibleProperty().bind(viewModel.jobStateProperty().isNotNull());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private static Label label(String id, ObservableValue<String> text) {
        Label l = new Label();
        l.setId(id);
        l.textProperty().bind(text);
        return l;
    }

    private Node live() {
        NumberAxis time = new NumberAxis();
        time.setLabel(messages.get("run.chart.time"));
        time.setForceZeroInRange(true);
        NumberAxis perSecond = new NumberAxis();
        perSecond.setLabel(messages.get("run.chart.rate"));
        perSecond.setForceZeroInRange(true);
        LineChart<Number, Number> chart = new LineChart<>(time, perSecond);
        chart.setId("run-chart");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(false);
        chart.setPrefHeight(210);
        chart.setMinHeight(180);
        chart.getStyleClass().add("run-chart");
        XYChart.Series<Number, Number> series = new XYChart.Series<>();
        chart.getData().add(series);
        viewModel.throughput().addListener((ListChangeListener<ThroughputSample>) c -> {
            List<XYChart.Data<Number, Number>> points = new ArrayList<>();
            for (ThroughputSample s : viewModel.throughput()) {
                points.add(new XYChart.Data<>(s.seconds(), s.perSecond()));
            }
            series.getData().setAll(points);
        });
        Label chartTitle = new Label(messages.get("run.chart.title"));
        chartTitle.getStyleClass().add(Styles.TITLE_4);
        // A line needs two points: until the first second is measured, say so instead of showing empty axes.
        Label measuring = new Label(messages.get("run.chart.measuring"));
        measuring.setId("run-chart-measuring");
        measuring.getStyleClass().add(Styles.TEXT_MUTED);
        measuring.visibleProperty().bind(Bindings.size(viewModel.throughput()).lessThan(2));
        chart.visibleProperty().bind(measuring.visibleProperty().not());
        StackPane chartArea = new StackPane(chart, measuring);
        VBox chartBox = new VBox(6, chartTitle, chartArea);
        chartBox.getStyleClass().addAll("lp-card", "run-section");
        VBox.setVgrow(chartArea, Priority.ALWAYS);
        chartArea.setMinHeight(180);

        TableView<ResultRecord> failures = new TableView<>(viewModel.failures());
        failures.setId("run-failures");
        failures.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        failures.setPlaceholder(new Label(messages.get("run.failures.none")));
        failures.getColumns().add(column(messages.get("run.failures.itemType"), ResultRecord::itemType, 100));
        failures.getColumns().add(column(messages.get("run.failures.itemName"), ResultRecord::itemName, 220));
        TableColumn<ResultRecord, String> errorMsg =
                column(messages.get("run.failures.errorMsg"), ResultRecord::errorMsg, 260);
        // Connector messages are long: the tooltip has them whole.
        errorMsg.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null || item.isEmpty() ? null : new Tooltip(item));
            }
        });
        failures.getColumns().add(errorMsg);
        failures.setPrefHeight(210);
        failures.setMinHeight(180);
        failures.getStyleClass().add(Styles.DENSE);
        Label failuresTitle = new Label();
        failuresTitle.setId("run-failures-title");
        failuresTitle.getStyleClass().add(Styles.TITLE_4);
        failuresTitle
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> viewModel.failureCountProperty().get()
                                        > viewModel.failures().size()
                                ? messages.get(
                                        "run.failures.titleMore",
                                        viewModel.failureCountProperty().get(),
                                        viewModel.failures().size())
                                : messages.get(
                                        "run.failures.title",
                                        viewModel.failureCountProperty().get()),
                        viewModel.failureCountProperty(),
                        viewModel.failures()));
        failuresTitle.setLabelFor(failures);
        VBox failuresBox = new VBox(6, failuresTitle, failures);
        failuresBox.getStyleClass().addAll("lp-card", "run-section");
        VBox.setVgrow(failures, Priority.ALWAYS);

        HBox box = new HBox(12, chartBox, failuresBox);
        HBox.setHgrow(chartBox, Priority.ALWAYS);
        HBox.setHgrow(failuresBox, Priority.ALWAYS);
        chartBox.setPrefWidth(420);
        failuresBox.setPrefWidth(520);
        box.visibleProperty().bind(viewModel.taskProperty().isNotNull());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private static TableColumn<ResultRecord, String> column(
            String title, Function<ResultRecord, String> value, double width) {
        TableColumn<ResultRecord, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        c.setMinWidth(Math.min(width, 100));
        return c;
    }

    // ---- summary

    private Node summary() {
        StackPane message = new StackPane();
        Label files = new Label();
        files.setId("run-files");
        files.getStyleClass().addAll("lp-mono", Styles.TEXT_SMALL);
        files.setWrapText(true);
        Button open = new Button(messages.get("run.openFolder"));
        open.setId("run-open-folder");
        open.setMnemonicParsing(true);
        open.setGraphic(Icons.of(Feather.FOLDER));
        open.setOnAction(e -> viewModel.openResultFolder());
        Label filesTitle = new Label(messages.get("run.files"));
        filesTitle.getStyleClass().add(Styles.TEXT_BOLD);
        VBox filesBox = new VBox(6, filesTitle, files, open);
        filesBox.getStyleClass().addAll("lp-card", "run-section");
        VBox box = new VBox(10, message, filesBox);

        Runnable show = () -> {
            ApplyOutcome outcome = viewModel.outcomeProperty().get();
            box.setVisible(outcome != null);
            box.setManaged(outcome != null);
            if (outcome == null) {
                message.getChildren().clear();
                return;
            }
            RunSummary summary = outcome.summary();
            RunSummary.Counts totals = summary.totals();
            String description = messages.get(
                    "run.summary.counts",
                    totals.created(),
                    totals.updated(),
                    totals.deleted(),
                    totals.failed(),
                    totals.skipped(),
                    Durations.format(summary.duration(), messages));
            Message shown;
            if (summary.cancelled()) {
                shown = InlineMessage.create(
                        "run-summary",
                        Styles.WARNING,
                        Feather.PAUSE_CIRCLE,
                        messages.get(
                                "run.summary.cancelled",
                                viewModel.notRunCountProperty().get()),
                        description);
            } else if (totals.failed() > 0) {
                shown = InlineMessage.create(
                        "run-summary",
                        Styles.DANGER,
                        Feather.ALERT_OCTAGON,
                        messages.get("run.summary.failures", totals.failed()),
                        description);
            } else {
                shown = InlineMessage.create(
                        "run-summary",
                        Styles.SUCCESS,
                        Feather.CHECK_CIRCLE,
                        summary.dryRun() ? messages.get("run.summary.dryRun") : messages.get("run.summary.done"),
                        description);
            }
            message.getChildren().setAll(shown);
            StringBuilder text = new StringBuilder();
            for (Path p : viewModel.resultFiles()) {
                text.append(p.toAbsolutePath()).append('\n');
            }
            files.setText(text.toString().strip());
        };
        viewModel.outcomeProperty().addListener((obs, old, now) -> show.run());
        viewModel.notRunCountProperty().addListener((obs, old, now) -> show.run());
        show.run();
        return box;
    }
}
