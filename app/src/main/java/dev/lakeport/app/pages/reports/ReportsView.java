package dev.lakeport.app.pages.reports;

import atlantafx.base.theme.Styles;
import dev.lakeport.app.i18n.Messages;
import dev.lakeport.app.pages.reports.ReportsViewModel.Format;
import dev.lakeport.app.pages.reports.ReportsViewModel.KindFilter;
import dev.lakeport.app.pages.reports.ReportsViewModel.OutcomeFilter;
import dev.lakeport.app.pages.reports.ReportsViewModel.VerifyState;
import dev.lakeport.app.pages.run.Durations;
import dev.lakeport.app.pages.run.InlineMessage;
import dev.lakeport.app.ui.Controls;
import dev.lakeport.app.ui.Icons;
import dev.lakeport.apply.ResultRecord;
import dev.lakeport.apply.ResultRunInfo;
import dev.lakeport.apply.RunSummary;
import dev.lakeport.diff.DiffResult;
import dev.lakeport.diff.DiffSummary;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;

/** Step Verify and reports's view: the verify, a run's result log as a table, retry, exports. */
public final class ReportsView extends StackPane {
    private final ReportsViewModel viewModel;
    private final Messages messages;
    private final DateTimeFormatter timeFormat;
    private final DateTimeFormatter timeOfDay;

    public ReportsView(ReportsViewModel viewModel, Messages messages) {
        this.viewModel = viewModel;
        this.messages = messages;
        this.timeFormat = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT, FormatStyle.MEDIUM)
                .withLocale(messages.locale())
                .withZone(ZoneId.systemDefault());
        this.timeOfDay = DateTimeFormatter.ofLocalizedTime(FormatStyle.MEDIUM)
                .withLocale(messages.locale())
                .withZone(ZoneId.systemDefault());
        getStylesheets()
                .add(ReportsView.class
                        .getResource("/dev/lakeport/app/pages/reports.css")
                        .toExternalForm());

        Label heading = Controls.heading(messages.get("step.reports"));
        Label intro = Controls.intro(messages.get("reports.intro"));

        VBox page = new VBox(14, heading, intro, verify(), results(), exports());
        page.getStyleClass().add("lp-page");
        page.setPadding(new Insets(0, 8, 12, 0));
        ScrollPane scroll = new ScrollPane(page);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("reports-scroll");
        getChildren().add(scroll);
    }

    // ---- verify

    private Node verify() {
        Button verify = new Button(messages.get("reports.verify"));
        verify.setId("reports-verify");
        verify.setMnemonicParsing(true);
        verify.setGraphic(Icons.of(Feather.CHECK_SQUARE));
        verify.getStyleClass().add(Styles.ACCENT);
        verify.disableProperty().bind(viewModel.busyProperty());
        verify.setOnAction(e -> viewModel.verify());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(20, 20);
        spinner.visibleProperty().bind(viewModel.verifyStateProperty().isEqualTo(VerifyState.RUNNING));
        spinner.managedProperty().bind(spinner.visibleProperty());
        Label explain = new Label(messages.get("reports.verify.explain"));
        explain.setWrapText(true);
        explain.getStyleClass().add(Styles.TEXT_MUTED);
        HBox.setHgrow(explain, Priority.ALWAYS);
        HBox row = new HBox(10, verify, spinner, explain);
        row.setAlignment(Pos.CENTER_LEFT);

        StackPane result = new StackPane();
        Runnable show = () -> {
            VerifyState state = viewModel.verifyStateProperty().get();
            if (state == VerifyState.MATCHES) {
                result.getChildren()
                        .setAll(InlineMessage.create(
                                "reports-verify-result",
                                Styles.SUCCESS,
                                Feather.CHECK_CIRCLE,
                                messages.get("reports.verify.matches"),
                                viewModel.verifyExcludedProperty().get() > 0
                                        ? messages.get(
                                                "reports.verify.matches.excluded",
                                                viewModel.verifyRunProperty().get(),
                                                viewModel
                                                        .verifyExcludedProperty()
                                                        .get())
                                        : messages.get(
                                                "reports.verify.matches.detail",
                                                viewModel.verifyRunProperty().get())));
            } else if (state == VerifyState.DIFFERENCES) {
                DiffSummary s = viewModel.verifySummaryProperty().get();
                result.getChildren()
                        .setAll(InlineMessage.create(
                                "reports-verify-result",
                                Styles.WARNING,
                                Feather.ALERT_TRIANGLE,
                                messages.get("reports.verify.differences", s.total()),
                                messages.get(
                                        "reports.verify.differences.detail",
                                        s.total(DiffResult.CREATE),
                                        s.total(DiffResult.UPDATE),
                                        s.total(DiffResult.DELETE),
                                        viewModel.verifyRunProperty().get(),
                                        messages.get("step.diff"))));
            } else {
                result.getChildren().clear();
            }
            result.setVisible(!result.getChildren().isEmpty());
            result.setManaged(result.isVisible());
        };
        viewModel.verifyStateProperty().addListener((obs, old, now) -> show.run());
        show.run();

        Label title = new Label(messages.get("reports.verify.title"));
        title.getStyleClass().add(Styles.TITLE_4);
        VBox box = new VBox(10, title, row, result);
        box.getStyleClass().addAll("lp-card", "reports-section");
        return box;
    }

    // ---- the result log

    private Node results() {
        Label title = new Label(messages.get("reports.results.title"));
        title.getStyleClass().add(Styles.TITLE_4);

        Label runLabel = new Label(messages.get("reports.run"));
        runLabel.setMnemonicParsing(true);
        ComboBox<ResultRunInfo> run = new ComboBox<>(viewModel.runs());
        run.setId("reports-run");
        run.valueProperty().bindBidirectional(viewModel.selectedRunProperty());
        run.setCellFactory(list -> new RunCell());
        run.setButtonCell(new RunCell());
        run.setPlaceholder(new Label(messages.get("reports.run.none")));
        run.setPrefWidth(400);
        runLabel.setLabelFor(run);
        Label summary = new Label();
        summary.setId("reports-run-summary");
        summary.setWrapText(true);
        summary.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> summaryText(viewModel.runSummaryProperty().get()), viewModel.runSummaryProperty()));
        summary.setMinHeight(Region.USE_PREF_SIZE);
        // The run's summary goes below the run box when the window is narrow, never off its edge.
        run.setMinWidth(260);
        var runRow = Controls.wrappingRow(10, Controls.together(10, runLabel, run), summary);

        Button retry = new Button();
        retry.setId("reports-retry");
        retry.setMnemonicParsing(true);
        retry.setGraphic(Icons.of(Feather.REFRESH_CW));
        retry.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> messages.get(
                                "reports.retry", viewModel.retryableProperty().get()),
                        viewModel.retryableProperty()));
        retry.disableProperty().bind(viewModel.retryableProperty().isEqualTo(0).or(viewModel.busyProperty()));
        retry.setTooltip(new Tooltip(messages.get("reports.retry.tooltip")));
        retry.setOnAction(e -> viewModel.retryFailed());
        retry.setMinWidth(Region.USE_PREF_SIZE);
        Label retryMessage = new Label();
        retryMessage.setId("reports-retry-message");
        retryMessage.setWrapText(true);
        retryMessage.getStyleClass().add(Styles.SUCCESS);
        retryMessage.textProperty().bind(viewModel.retryMessageProperty());
        HBox.setHgrow(retryMessage, Priority.ALWAYS);
        HBox retryRow = new HBox(10, retry, retryMessage);
        retryRow.setAlignment(Pos.CENTER_LEFT);

        Label showLabel = new Label(messages.get("reports.filter.outcome"));
        showLabel.setMnemonicParsing(true);
        ComboBox<OutcomeFilter> outcome = new ComboBox<>();
        outcome.setId("reports-outcome");
        outcome.getItems().setAll(OutcomeFilter.values());
        outcome.valueProperty().bindBidirectional(viewModel.outcomeFilterProperty());
        outcome.setCellFactory(list -> new NamedCell<>(f -> messages.get("reports.filter.outcome." + f.name())));
        outcome.setButtonCell(new NamedCell<>(f -> messages.get("reports.filter.outcome." + f.name())));
        showLabel.setLabelFor(outcome);

        Label typeLabel = new Label(messages.get("reports.filter.kind"));
        typeLabel.setMnemonicParsing(true);
        ComboBox<KindFilter> kind = new ComboBox<>();
        kind.setId("reports-kind");
        kind.getItems().setAll(KindFilter.values());
        kind.valueProperty().bindBidirectional(viewModel.kindFilterProperty());
        kind.setCellFactory(list -> new NamedCell<>(this::kindName));
        kind.setButtonCell(new NamedCell<>(this::kindName));
        typeLabel.setLabelFor(kind);

        Label searchLabel = new Label(messages.get("reports.filter.text"));
        searchLabel.setMnemonicParsing(true);
        TextField search = new TextField();
        search.setId("reports-search");
        search.setPromptText(messages.get("reports.filter.text.prompt"));
        search.setPrefColumnCount(22);
        searchLabel.setLabelFor(search);
        // Ask the store once typing pauses, not on every key.
        PauseTransition typing = new PauseTransition(Duration.millis(300));
        typing.setOnFinished(e -> viewModel.textFilterProperty().set(search.getText()));
        search.textProperty().addListener((obs, old, now) -> typing.playFromStart());
        search.setOnAction(e -> {
            typing.stop();
            viewModel.textFilterProperty().set(search.getText());
        });
        var filters = Controls.wrappingRow(
                10,
                Controls.together(10, showLabel, outcome),
                Controls.together(10, typeLabel, kind),
                Controls.together(10, searchLabel, search));

        TableView<ResultRecord> table = new TableView<>(viewModel.rows());
        table.setId("reports-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label(messages.get("reports.table.none")));
        table.getStyleClass().add(Styles.DENSE);
        table.getColumns().add(column(messages.get("reports.column.itemType"), ResultRecord::itemType, 100));
        TableColumn<ResultRecord, String> itemName =
                column(messages.get("reports.column.itemName"), ResultRecord::itemName, 250);
        itemName.setCellFactory(c -> new FullTextCell());
        table.getColumns().add(itemName);
        TableColumn<ResultRecord, String> diffResult =
                column(messages.get("reports.column.diffResult"), ResultRecord::diffResult, 110);
        diffResult.setCellFactory(c -> new BadgeCell());
        table.getColumns().add(diffResult);
        TableColumn<ResultRecord, String> success = column(
                messages.get("reports.column.isSuccess"),
                r -> r.isSuccess() ? messages.get("common.yes") : messages.get("common.no"),
                95);
        success.setCellFactory(c -> new SuccessCell());
        table.getColumns().add(success);
        TableColumn<ResultRecord, String> time =
                column(messages.get("reports.column.time"), r -> timeOfDay.format(r.time()), 125);
        table.getColumns().add(time);
        table.getColumns()
                .add(column(
                        messages.get("reports.column.durationMs"),
                        r -> messages.get("reports.table.duration", r.durationMs()),
                        115));
        TableColumn<ResultRecord, String> errorMsg =
                column(messages.get("reports.column.errorMsg"), ResultRecord::errorMsg, 220);
        errorMsg.setCellFactory(c -> new FullTextCell());
        table.getColumns().add(errorMsg);
        table.setPrefHeight(340);
        table.setMinHeight(240);

        Button previous = new Button();
        previous.setId("reports-previous");
        previous.setGraphic(Icons.of(Feather.CHEVRON_LEFT));
        previous.getStyleClass().add(Styles.BUTTON_ICON);
        previous.setTooltip(new Tooltip(messages.get("reports.table.previous")));
        previous.setAccessibleText(messages.get("reports.table.previous"));
        previous.disableProperty().bind(viewModel.canPreviousProperty().not());
        previous.setOnAction(e -> viewModel.previousPage());
        Button next = new Button();
        next.setId("reports-next");
        next.setGraphic(Icons.of(Feather.CHEVRON_RIGHT));
        next.getStyleClass().add(Styles.BUTTON_ICON);
        next.setTooltip(new Tooltip(messages.get("reports.table.next")));
        next.setAccessibleText(messages.get("reports.table.next"));
        next.disableProperty().bind(viewModel.canNextProperty().not());
        next.setOnAction(e -> viewModel.nextPage());
        Label pageText = new Label();
        pageText.setId("reports-page");
        pageText.textProperty().bind(viewModel.pageTextProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox pager = new HBox(8, spacer, pageText, previous, next);
        pager.setAlignment(Pos.CENTER_RIGHT);

        VBox box = new VBox(10, title, runRow, retryRow, filters, table, pager);
        box.getStyleClass().addAll("lp-card", "reports-section");
        return box;
    }

    private String summaryText(RunSummary s) {
        if (s == null) {
            return "";
        }
        RunSummary.Counts t = s.totals();
        String counts = messages.get(
                "reports.run.summary",
                t.created(),
                t.updated(),
                t.deleted(),
                t.failed(),
                t.skipped(),
                Durations.format(s.duration(), messages));
        if (s.dryRun()) {
            counts += " · " + messages.get("reports.run.dryRun");
        }
        if (s.cancelled()) {
            counts += " · " + messages.get("reports.run.cancelled");
        }
        return counts;
    }

    private String kindName(KindFilter k) {
        return k == KindFilter.ALL
                ? messages.get("reports.filter.kind.ALL")
                : k.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static TableColumn<ResultRecord, String> column(
            String title, Function<ResultRecord, String> value, double width) {
        TableColumn<ResultRecord, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        c.setMinWidth(Math.min(width, 100));
        return c;
    }

    private final class RunCell extends ListCell<ResultRunInfo> {
        @Override
        protected void updateItem(ResultRunInfo item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setText(null);
                return;
            }
            String text = messages.get("reports.run.item", item.runId(), timeFormat.format(item.startedAt()));
            if (item.dryRun()) {
                text += " · " + messages.get("reports.run.dryRun");
            }
            if (item.cancelled()) {
                text += " · " + messages.get("reports.run.cancelled");
            }
            setText(text);
        }
    }

    private static final class NamedCell<T> extends ListCell<T> {
        private final Function<T, String> name;

        NamedCell(Function<T, String> name) {
            this.name = name;
        }

        @Override
        protected void updateItem(T item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : name.apply(item));
        }
    }

    /** The seed's diff words as the shared badges. */
    private static final class BadgeCell extends TableCell<ResultRecord, String> {
        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            setText(null);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            Label badge = new Label(item);
            badge.getStyleClass().addAll("badge", "badge-" + item);
            setGraphic(badge);
        }
    }

    /** Long names and messages are cut to the column; the tooltip has them whole. */
    private static final class FullTextCell extends TableCell<ResultRecord, String> {
        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty ? null : item);
            setTooltip(empty || item == null || item.isEmpty() ? null : new Tooltip(item));
        }
    }

    private static final class SuccessCell extends TableCell<ResultRecord, String> {
        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeAll("reports-ok", "reports-failed");
            if (empty || item == null) {
                setText(null);
                return;
            }
            setText(item);
            ResultRecord r = getTableRow() == null ? null : getTableRow().getItem();
            if (r != null) {
                getStyleClass().add(r.isSuccess() ? "reports-ok" : "reports-failed");
            }
        }
    }

    // ---- exports

    private Node exports() {
        Label title = new Label(messages.get("reports.export.title"));
        title.getStyleClass().add(Styles.TITLE_4);

        Label diffLabel = new Label();
        diffLabel.setId("reports-export-diff-label");
        diffLabel.setWrapText(true);
        diffLabel
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> viewModel.verifyRunProperty().get() < 0
                                ? messages.get("reports.export.diff.none")
                                : messages.get(
                                        "reports.export.diff",
                                        viewModel.verifyRunProperty().get()),
                        viewModel.verifyRunProperty()));
        var diffButtons = exportButtons(
                "reports-diff", viewModel::exportDiff, viewModel::openDiffHtml, viewModel.diffHtmlProperty());
        diffButtons.disableProperty().bind(viewModel.verifyRunProperty().lessThan(0));

        Label resultLabel = new Label();
        resultLabel.setId("reports-export-results-label");
        resultLabel.setWrapText(true);
        resultLabel
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> viewModel.selectedRunProperty().get() == null
                                ? messages.get("reports.export.results.none")
                                : messages.get(
                                        "reports.export.results",
                                        viewModel.selectedRunProperty().get().runId()),
                        viewModel.selectedRunProperty()));
        var resultButtons = exportButtons(
                "reports-result", viewModel::exportResults, viewModel::openResultHtml, viewModel.resultHtmlProperty());
        resultButtons.disableProperty().bind(viewModel.selectedRunProperty().isNull());

        VBox diff = new VBox(6, diffLabel, diffButtons);
        VBox result = new VBox(6, resultLabel, resultButtons);
        // Side by side when there is room, one above the other when not: the buttons keep their labels whole.
        var both = Controls.wrappingRow(24, diff, result);
        diff.setPrefWidth(400);
        result.setPrefWidth(400);
        VBox box = new VBox(10, title, both);
        box.getStyleClass().addAll("lp-card", "reports-section");
        return box;
    }

    private javafx.scene.layout.FlowPane exportButtons(
            String id, Consumer<Format> export, Runnable open, ReadOnlyObjectProperty<java.nio.file.Path> html) {
        Button csv = new Button(messages.get("common.export.csv"));
        csv.setId(id + "-csv");
        csv.setGraphic(Icons.of(Feather.FILE_TEXT));
        csv.setOnAction(e -> export.accept(Format.CSV));
        Button json = new Button(messages.get("common.export.json"));
        json.setId(id + "-json");
        json.setGraphic(Icons.of(Feather.CODE));
        json.setOnAction(e -> export.accept(Format.JSON));
        Button htmlButton = new Button(messages.get("common.export.html"));
        htmlButton.setId(id + "-html");
        htmlButton.setGraphic(Icons.of(Feather.GLOBE));
        htmlButton.setOnAction(e -> export.accept(Format.HTML));
        Button openButton = new Button(messages.get("reports.export.open"));
        openButton.setId(id + "-open");
        openButton.setGraphic(Icons.of(Feather.EXTERNAL_LINK));
        openButton.disableProperty().bind(html.isNull());
        openButton.setTooltip(new Tooltip(messages.get("reports.export.open.tooltip")));
        openButton.setOnAction(e -> open.run());
        return Controls.wrappingRow(8, csv, json, htmlButton, openButton);
    }
}
