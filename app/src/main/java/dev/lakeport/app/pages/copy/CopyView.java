package dev.lakeport.app.pages.copy;

import atlantafx.base.theme.Styles;
import dev.lakeport.app.i18n.Messages;
import dev.lakeport.app.ui.Controls;
import dev.lakeport.apply.tasks.TaskCount;
import dev.lakeport.launch.ClusterProfile;
import dev.lakeport.plan.tasks.Job;
import dev.lakeport.plan.tasks.JobMode;
import dev.lakeport.plan.tasks.TaskLogEntry;
import dev.lakeport.plan.tasks.TaskState;
import dev.lakeport.report.VerificationReport;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * Step Copy's view: the new job's scope and settings with Run / Cancel / Resume / Retry failed, then two tabs: the
 * jobs with the chosen job's task list, a task's log and its partitions' counts; and the verification report with its
 * exports.
 */
public final class CopyView extends javafx.scene.layout.StackPane {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final CopyViewModel viewModel;
    private final Messages messages;
    /** True while the view itself changes a list's selection to follow the view model. */
    private boolean following;

    public CopyView(CopyViewModel viewModel, Messages messages) {
        this.viewModel = viewModel;
        this.messages = messages;
        getStylesheets()
                .add(CopyView.class
                        .getResource("/dev/lakeport/app/pages/copy.css")
                        .toExternalForm());

        TabPane tabs = new TabPane(
                tab("copy-tab-tasks", messages.get("copy.tab.tasks"), tasks()),
                tab("copy-tab-verification", messages.get("copy.tab.verification"), verification()));
        tabs.setId("copy-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        // In a small window the page scrolls rather than squeezing the task list to nothing.
        tabs.setMinHeight(380);
        VBox page = new VBox(10);
        page.getStyleClass().add("lp-page");
        page.setPadding(new Insets(0, 8, 12, 0));
        page.getChildren()
                .addAll(
                        Controls.heading(messages.get("step.copy")),
                        Controls.intro(messages.get("copy.intro")),
                        newJob(),
                        actions(),
                        tabs);
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(page);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.getStyleClass().add("copy-scroll");
        getChildren().add(scroll);
    }

    private static Tab tab(String id, String text, Node content) {
        Tab tab = new Tab(text, content);
        tab.setId(id);
        return tab;
    }

    // ---- the new job

    private Node newJob() {
        ToggleGroup group = new ToggleGroup();
        RadioButton selection = new RadioButton();
        selection.setId("copy-scope-selection");
        // database names hold underscores, which a label would otherwise take for its keyboard shortcut
        selection.setMnemonicParsing(false);
        selection.setToggleGroup(group);
        selection
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> viewModel
                                .offeredProperty()
                                .get()
                                .map(s -> messages.get("copy.scope.selection", CopySelections.describe(s)))
                                .orElse(messages.get("copy.scope.selection.none")),
                        viewModel.offeredProperty()));
        selection
                .disableProperty()
                .bind(Bindings.createBooleanBinding(
                        () -> viewModel.offeredProperty().get().isEmpty(), viewModel.offeredProperty()));
        RadioButton everything = new RadioButton(messages.get("copy.scope.everything"));
        everything.setId("copy-scope-everything");
        everything.setToggleGroup(group);
        Runnable showScope = () -> group.selectToggle(
                viewModel.scopeProperty().get() == CopyViewModel.Scope.SELECTION ? selection : everything);
        viewModel.scopeProperty().addListener((obs, old, now) -> showScope.run());
        showScope.run();
        group.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now != null) {
                viewModel
                        .scopeProperty()
                        .set(now == selection ? CopyViewModel.Scope.SELECTION : CopyViewModel.Scope.EVERYTHING);
            }
        });

        ComboBox<JobMode> mode = new ComboBox<>();
        mode.setId("copy-mode");
        mode.getItems().setAll(JobMode.values());
        mode.setPrefWidth(190);
        mode.setConverter(Controls.converter(m -> messages.get("copy.mode." + m.word())));
        mode.valueProperty().bindBidirectional(viewModel.modeProperty());

        ComboBox<Optional<ClusterProfile>> runOn = new ComboBox<>(viewModel.runTargets());
        runOn.setId("copy-run-on");
        runOn.setPrefWidth(220);
        runOn.setConverter(Controls.converter(t -> t == null || t.isEmpty()
                ? messages.get("copy.runOn.here")
                : messages.get("copy.runOn.profile", t.get().name())));
        runOn.valueProperty().bindBidirectional(viewModel.runOnProperty());
        runOn.setTooltip(new javafx.scene.control.Tooltip(messages.get("copy.runOn.tip")));

        TextField windowField = text("copy-window", viewModel.windowProperty(), 100);
        windowField.setTooltip(new javafx.scene.control.Tooltip(messages.get("copy.window.tip")));
        Node settings = Controls.wrappingRow(
                12,
                field(messages.get("copy.runOn"), runOn),
                field(messages.get("copy.mode"), mode),
                field(
                        messages.get("copy.maxPartitions"),
                        text("copy-max-partitions", viewModel.maxPartitionsProperty(), 56)),
                field(messages.get("copy.maxBytes"), text("copy-max-bytes", viewModel.maxBytesProperty(), 70)),
                field(
                        messages.get("copy.tasksAtOnce"),
                        text("copy-tasks-at-once", viewModel.tasksAtOnceProperty(), 52)),
                field(messages.get("copy.window"), windowField));
        Label scopeTitle = new Label(messages.get("copy.scope"));
        scopeTitle.getStyleClass().add(Styles.TEXT_BOLD);
        VBox box = new VBox(8, Controls.together(14, scopeTitle, everything, selection), settings);
        box.disableProperty().bind(viewModel.runningProperty());
        return box;
    }

    private static Node field(String label, Node control) {
        Label l = new Label(label);
        HBox box = new HBox(6, l, control);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private static TextField text(String id, javafx.beans.property.StringProperty value, double width) {
        TextField field = new TextField();
        field.setId(id);
        field.setPrefColumnCount(1);
        field.setPrefWidth(width);
        field.textProperty().bindBidirectional(value);
        if (id.equals("copy-window")) {
            field.setPromptText("22:00-06:00");
        }
        return field;
    }

    private Node actions() {
        Button run = Controls.button("copy-run", messages.get("copy.run"), Feather.PLAY, viewModel::run);
        run.getStyleClass().add(Styles.ACCENT);
        run.disableProperty().bind(viewModel.runningProperty());
        Button cancel = Controls.button("copy-cancel", messages.get("copy.cancel"), Feather.SQUARE, viewModel::cancel);
        cancel.disableProperty().bind(viewModel.runningProperty().not());
        Button resume =
                Controls.button("copy-resume", messages.get("copy.resume"), Feather.SKIP_FORWARD, viewModel::resume);
        resume.disableProperty()
                .bind(viewModel
                        .runningProperty()
                        .or(viewModel.canResumeProperty().not()));
        Button retry =
                Controls.button("copy-retry", messages.get("copy.retry"), Feather.ROTATE_CCW, viewModel::retryFailed);
        retry.disableProperty()
                .bind(viewModel
                        .runningProperty()
                        .or(viewModel.canRetryProperty().not()));
        Label status = new Label();
        status.setId("copy-status");
        status.textProperty().bind(viewModel.statusProperty());
        HBox row = new HBox(8, run, cancel, resume, retry, status);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    // ---- jobs and tasks

    private Node tasks() {
        ListView<Job> jobs = new ListView<>(viewModel.jobs());
        jobs.setId("copy-jobs");
        jobs.getStyleClass().add(Styles.DENSE);
        jobs.setPrefHeight(58);
        jobs.setMinHeight(40);
        jobs.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(Job job, boolean empty) {
                super.updateItem(job, empty);
                setText(empty || job == null ? null : jobText(job));
            }
        });
        followSelection(jobs.getItems(), () -> {
            Job shown = viewModel.jobProperty().get();
            selectWhere(jobs, j -> shown != null && j.id() == shown.id());
        });
        viewModel.jobProperty().addListener((obs, old, now) -> {
            following = true;
            try {
                selectWhere(jobs, j -> now != null && j.id() == now.id());
            } finally {
                following = false;
            }
        });
        jobs.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (!following && now != null) {
                viewModel.selectJob(now);
            }
        });

        TableView<TaskRow> table = new TableView<>(viewModel.rows());
        table.setId("copy-tasks");
        table.getStyleClass().add(Styles.DENSE);
        table.setPlaceholder(new Label(messages.get("copy.tasks.none")));
        table.getColumns()
                .addAll(
                        column(
                                "copy.column.task",
                                60,
                                r -> String.valueOf(r.task().id())),
                        column(
                                "copy.column.table",
                                150,
                                r -> r.task().database() + "." + r.task().table()),
                        column("copy.column.partitions", 180, TaskRow::partitions),
                        stateColumn(),
                        column(
                                "copy.column.attempts",
                                90,
                                r -> String.valueOf(r.task().attempts())),
                        column("copy.column.rowsVerified", 115, r -> count(r.rowsVerified())),
                        column("copy.column.error", 420, r -> r.task()
                                .lastError()
                                .orElse("")));
        followSelection(table.getItems(), () -> {
            TaskRow shown = viewModel.selectedTaskProperty().get();
            selectWhere(
                    table, r -> shown != null && r.task().id() == shown.task().id());
        });
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (!following) {
                viewModel.selectTask(now);
            }
        });

        ListView<TaskLogEntry> log = new ListView<>(viewModel.log());
        log.setId("copy-log");
        log.getStyleClass().add(Styles.DENSE);
        log.setPlaceholder(new Label(messages.get("copy.log.none")));
        log.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(TaskLogEntry entry, boolean empty) {
                super.updateItem(entry, empty);
                getStyleClass().removeAll("copy-log-warn", "copy-log-error");
                if (empty || entry == null) {
                    setText(null);
                    setTooltip(null);
                    return;
                }
                setText(TIME.format(entry.at()) + "  " + entry.message());
                setTooltip(new javafx.scene.control.Tooltip(entry.message()));
                if (entry.level() == TaskLogEntry.Level.WARN) {
                    getStyleClass().add("copy-log-warn");
                } else if (entry.level() == TaskLogEntry.Level.ERROR) {
                    getStyleClass().add("copy-log-error");
                }
            }
        });

        TableView<TaskCount> counts = new TableView<>(viewModel.taskCounts());
        counts.setId("copy-counts");
        counts.getStyleClass().add(Styles.DENSE);
        counts.setPlaceholder(new Label(messages.get("copy.counts.none")));
        counts.getColumns().addAll(partitionAndCounts());
        counts.getColumns()
                .add(countColumn("copy.column.verdict", c -> c.mismatch().orElse(messages.get("copy.agree"))));

        Label logTitle = new Label();
        logTitle.getStyleClass().add(Styles.TEXT_BOLD);
        logTitle.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> viewModel.selectedTaskProperty().get() == null
                                ? messages.get("copy.log.title")
                                : messages.get(
                                        "copy.log.titleTask",
                                        viewModel
                                                .selectedTaskProperty()
                                                .get()
                                                .task()
                                                .describe()),
                        viewModel.selectedTaskProperty()));
        Label countsTitle = new Label(messages.get("copy.counts.title"));
        countsTitle.getStyleClass().add(Styles.TEXT_BOLD);
        VBox logBox = new VBox(4, logTitle, log);
        VBox.setVgrow(log, Priority.ALWAYS);
        VBox countsBox = new VBox(4, countsTitle, counts);
        VBox.setVgrow(counts, Priority.ALWAYS);
        SplitPane details = new SplitPane(logBox, countsBox);
        details.setDividerPositions(0.6);

        SplitPane split = new SplitPane(table, details);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.6);
        VBox.setVgrow(split, Priority.ALWAYS);
        Label jobsTitle = new Label(messages.get("copy.jobs.title"));
        jobsTitle.getStyleClass().add(Styles.TEXT_BOLD);
        VBox box = new VBox(6, jobsTitle, jobs, split);
        box.setPadding(new Insets(8, 0, 0, 0));
        return box;
    }

    private String jobText(Job job) {
        var c = job.counts();
        return messages.get(
                "copy.job.item",
                job.id(),
                job.label(),
                messages.get("copy.mode." + job.spec().mode().word()),
                c.pending(),
                c.running(),
                c.succeeded(),
                c.failed());
    }

    private TableColumn<TaskRow, TaskState> stateColumn() {
        TableColumn<TaskRow, TaskState> column = new TableColumn<>(messages.get("copy.column.state"));
        column.setPrefWidth(115);
        column.setCellValueFactory(
                c -> new ReadOnlyObjectWrapper<>(c.getValue().task().state()));
        column.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(TaskState state, boolean empty) {
                super.updateItem(state, empty);
                if (empty || state == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                Label badge =
                        new Label(messages.get("copy.state." + state.name().toLowerCase(Locale.ROOT)));
                badge.getStyleClass()
                        .addAll("copy-state", "copy-state-" + state.name().toLowerCase(Locale.ROOT));
                setGraphic(badge);
                setText(null);
            }
        });
        return column;
    }

    private TableColumn<TaskRow, String> column(String key, double width, Function<TaskRow, String> value) {
        TableColumn<TaskRow, String> column = new TableColumn<>(messages.get(key));
        column.setPrefWidth(width);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        return column;
    }

    /** A partition's name and its three counts: the columns both count tables show. */
    private List<TableColumn<TaskCount, String>> partitionAndCounts() {
        return List.of(
                countColumn(
                        "copy.column.partition",
                        c -> c.counts().partition().isEmpty()
                                ? messages.get("copy.wholeTable")
                                : c.counts().partition()),
                countColumn("copy.column.source", c -> count(c.counts().source())),
                countColumn("copy.column.written", c -> count(c.counts().written())),
                countColumn("copy.column.destination", c -> count(c.counts().destination())));
    }

    private TableColumn<TaskCount, String> countColumn(String key, Function<TaskCount, String> value) {
        TableColumn<TaskCount, String> column = new TableColumn<>(messages.get(key));
        boolean wide = key.equals("copy.column.partition")
                || key.equals("copy.column.verdict")
                || key.equals("copy.column.table");
        column.setPrefWidth(wide ? 130 : 95);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        column.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                TaskCount row =
                        empty || getTableRow() == null ? null : getTableRow().getItem();
                getStyleClass().remove("copy-disagree");
                if (row != null && !row.passed()) {
                    getStyleClass().add("copy-disagree");
                }
            }
        });
        return column;
    }

    private static String count(OptionalLong n) {
        return n.isPresent() ? String.format("%,d", n.getAsLong()) : "–";
    }

    // ---- the verification report

    private Node verification() {
        TableView<VerificationReport.TableVerdict> table = new TableView<>(viewModel.verdicts());
        table.setId("copy-verdicts");
        table.getStyleClass().add(Styles.DENSE);
        table.setPlaceholder(new Label(messages.get("copy.verdicts.none")));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.getColumns()
                .addAll(
                        verdictColumn("copy.column.table", 200, v -> v.database() + "." + v.table()),
                        verdictColumn(
                                "copy.column.verdict",
                                120,
                                v -> messages.get(v.passed() ? "copy.verdict.verified" : "copy.verdict.notVerified")),
                        verdictColumn("copy.column.partitionsChecked", 100, v -> String.format("%,d", v.partitions())),
                        verdictColumn("copy.column.disagree", 100, v -> String.format("%,d", v.disagree())),
                        verdictColumn("copy.column.source", 110, v -> String.format("%,d", v.source())),
                        verdictColumn("copy.column.written", 100, v -> String.format("%,d", v.written())),
                        verdictColumn("copy.column.destination", 120, v -> String.format("%,d", v.destination())),
                        verdictColumn("copy.column.metadata", 220, v -> v.metadata()
                                .orElse(messages.get("copy.metadata.none"))));
        VBox.setVgrow(table, Priority.ALWAYS);

        Label summary = new Label();
        summary.setId("copy-verification-summary");
        summary.setWrapText(true);
        summary.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> {
                            var v = viewModel.verdicts();
                            if (v.isEmpty()) {
                                return "";
                            }
                            long tables = v.size();
                            long failed = v.stream().filter(t -> !t.passed()).count();
                            long partitions = v.stream()
                                    .mapToLong(VerificationReport.TableVerdict::partitions)
                                    .sum();
                            long disagree = v.stream()
                                    .mapToLong(VerificationReport.TableVerdict::disagree)
                                    .sum();
                            return messages.get("copy.verification.summary", tables, failed, partitions, disagree);
                        },
                        viewModel.verdicts()));
        Controls.hideWhenEmpty(summary);

        Button html = exportButton("copy-export-html", "copy.export.html", CopyViewModel.Format.HTML);
        Button csv = exportButton("copy-export-csv", "copy.export.csv", CopyViewModel.Format.CSV);
        Button json = exportButton("copy-export-json", "copy.export.json", CopyViewModel.Format.JSON);
        Button open = Controls.button(
                "copy-open-html", messages.get("copy.export.open"), Feather.EXTERNAL_LINK, viewModel::openHtml);
        open.disableProperty().bind(viewModel.exportedHtmlProperty().isNull());
        HBox exports = new HBox(8, new Label(messages.get("copy.export.label")), html, csv, json, open);
        exports.setAlignment(Pos.CENTER_LEFT);

        TableView<TaskCount> partitions = new TableView<>(viewModel.disagreeing());
        partitions.setId("copy-disagreeing");
        partitions.getStyleClass().add(Styles.DENSE);
        partitions.setPrefHeight(120);
        partitions.setMinHeight(100);
        partitions.getColumns().add(countColumn("copy.column.table", c -> c.counts()
                .table()));
        partitions.getColumns().addAll(partitionAndCounts());
        partitions.getColumns().add(countColumn("copy.column.verdict", c -> c.mismatch()
                .orElse("")));
        partitions.getColumns().get(1).setPrefWidth(150);
        partitions.getColumns().get(5).setPrefWidth(440);
        Label partitionsTitle = new Label(messages.get("copy.disagreeing.title"));
        partitionsTitle.getStyleClass().add(Styles.TEXT_BOLD);
        VBox disagreeingBox = new VBox(4, partitionsTitle, partitions);
        javafx.beans.binding.BooleanBinding anyDisagree = Bindings.isNotEmpty(viewModel.disagreeing());
        Controls.showWhen(disagreeingBox, anyDisagree);

        VBox box = new VBox(
                8, Controls.hint(messages.get("copy.verification.explain")), summary, disagreeingBox, table, exports);
        box.setPadding(new Insets(8, 0, 0, 0));
        return box;
    }

    private Button exportButton(String id, String key, CopyViewModel.Format format) {
        Button button = Controls.button(id, messages.get(key), Feather.DOWNLOAD, () -> viewModel.export(format));
        button.disableProperty().bind(viewModel.canExportProperty().not());
        return button;
    }

    private TableColumn<VerificationReport.TableVerdict, String> verdictColumn(
            String key, double width, Function<VerificationReport.TableVerdict, String> value) {
        TableColumn<VerificationReport.TableVerdict, String> column = new TableColumn<>(messages.get(key));
        column.setPrefWidth(width);
        column.setMinWidth(Math.min(width, 110));
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        column.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                VerificationReport.TableVerdict row =
                        empty || getTableRow() == null ? null : getTableRow().getItem();
                getStyleClass().remove("copy-disagree");
                if (row != null && !row.passed()) {
                    getStyleClass().add("copy-disagree");
                }
            }
        });
        return column;
    }

    // ---- keeping a list's selection when its items are replaced

    private <T> void followSelection(javafx.collections.ObservableList<T> items, Runnable reselect) {
        items.addListener((ListChangeListener<T>) change -> {
            following = true;
            try {
                reselect.run();
            } finally {
                following = false;
            }
        });
    }

    private static <T> void selectWhere(ListView<T> list, java.util.function.Predicate<T> match) {
        for (int i = 0; i < list.getItems().size(); i++) {
            if (match.test(list.getItems().get(i))) {
                list.getSelectionModel().select(i);
                return;
            }
        }
        list.getSelectionModel().clearSelection();
    }

    private static <T> void selectWhere(TableView<T> table, java.util.function.Predicate<T> match) {
        for (int i = 0; i < table.getItems().size(); i++) {
            if (match.test(table.getItems().get(i))) {
                table.getSelectionModel().select(i);
                return;
            }
        }
        table.getSelectionModel().clearSelection();
    }
}
