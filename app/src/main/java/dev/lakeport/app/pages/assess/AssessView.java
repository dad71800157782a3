package dev.lakeport.app.pages.assess;

import atlantafx.base.theme.Styles;
import dev.lakeport.app.i18n.Messages;
import dev.lakeport.app.ui.Controls;
import dev.lakeport.assess.Assessment;
import dev.lakeport.assess.StorageFormat;
import dev.lakeport.model.ObjectKind;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.PieChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * Step Assess's view: figures as tiles, three charts (objects by kind, tables by format, calls of a first run), the
 * estimate, and the table of what needs a decision.
 */
public final class AssessView extends VBox {
    private final AssessViewModel viewModel;
    private final Messages messages;

    private final FlowPane tiles = new FlowPane(10, 10);
    private final BarChart<String, Number> kinds;
    private final PieChart formats = new PieChart();
    private final BarChart<Number, String> calls;

    public AssessView(AssessViewModel viewModel, Messages messages) {
        super(12);
        this.viewModel = viewModel;
        this.messages = messages;
        getStyleClass().add("lp-page");
        getStylesheets()
                .add(AssessView.class
                        .getResource("/dev/lakeport/app/pages/assess.css")
                        .toExternalForm());

        Label heading = Controls.heading(messages.get("step.assess"));
        Label intro = Controls.intro(messages.get("assess.intro"));

        Button refresh = Controls.button(
                "assess-refresh", messages.get("assess.refresh"), Feather.REFRESH_CW, viewModel::refresh);
        refresh.disableProperty().bind(viewModel.busyProperty());
        Button export = Controls.button(
                "assess-export-html", messages.get("assess.export"), Feather.DOWNLOAD, viewModel::exportHtml);
        export.disableProperty().bind(viewModel.assessmentProperty().isNull().or(viewModel.busyProperty()));
        Button open = Controls.button(
                "assess-open-html", messages.get("assess.open"), Feather.EXTERNAL_LINK, viewModel::openHtml);
        Controls.showWhen(open, viewModel.exportedProperty().isNotNull());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(16, 16);
        busy.setMaxSize(16, 16);
        busy.visibleProperty().bind(viewModel.busyProperty());
        Label status = new Label();
        status.setId("assess-status");
        status.getStyleClass().add(Styles.TEXT_MUTED);
        status.textProperty().bind(viewModel.statusProperty());
        HBox toolbar = new HBox(8, refresh, export, open, busy, status);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.setMinHeight(Region.USE_PREF_SIZE);

        tiles.setId("assess-tiles");

        kinds = barChart("assess-chart-kinds", messages.get("assess.chart.kinds"));
        formats.setId("assess-chart-formats");
        formats.setTitle(messages.get("assess.chart.formats"));
        formats.setAnimated(false);
        formats.setLegendVisible(false);
        formats.setLabelsVisible(true);
        formats.setMinHeight(200);
        formats.setPrefHeight(220);
        // across, so that the kinds' names stay readable in a narrow chart
        calls = new BarChart<>(new NumberAxis(), new CategoryAxis());
        calls.setId("assess-chart-calls");
        calls.setTitle(messages.get("assess.chart.calls"));
        calls.setAnimated(false);
        calls.setLegendVisible(false);
        calls.setMinHeight(200);
        calls.setPrefHeight(220);
        HBox charts = new HBox(12, kinds, formats, calls);
        charts.setId("assess-charts");
        for (Region chart : List.<Region>of(kinds, formats, calls)) {
            HBox.setHgrow(chart, Priority.ALWAYS);
            chart.setMaxWidth(Double.MAX_VALUE);
            chart.setPrefWidth(360);
        }

        Label estimate = new Label();
        estimate.setId("assess-estimate");
        estimate.setWrapText(true);
        estimate.setMinHeight(Region.USE_PREF_SIZE);
        estimate.textProperty().bind(viewModel.estimateProperty());
        Controls.hideWhenEmpty(estimate);

        Label decisionsHeading = new Label(messages.get("assess.decisions"));
        decisionsHeading.getStyleClass().add(Styles.TITLE_4);
        TableView<Assessment.Decision> decisions = decisionsTable();
        VBox.setVgrow(decisions, Priority.ALWAYS);

        Node[] content = {heading, intro, toolbar, tiles, charts, estimate, decisionsHeading, decisions};
        getChildren().addAll(content);
        viewModel.assessmentProperty().addListener((obs, old, now) -> fill(now));
        fill(viewModel.assessmentProperty().get());
    }

    private static BarChart<String, Number> barChart(String id, String title) {
        BarChart<String, Number> chart = new BarChart<>(new CategoryAxis(), new NumberAxis());
        chart.setId(id);
        chart.setTitle(title);
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.setMinHeight(200);
        chart.setPrefHeight(220);
        return chart;
    }

    private void fill(Assessment a) {
        tiles.getChildren().clear();
        kinds.getData().clear();
        calls.getData().clear();
        formats.getData().clear();
        if (a == null) {
            return;
        }
        Assessment.Counts c = a.counts();
        Assessment.Estimate e = a.estimate();
        tiles.getChildren()
                .addAll(
                        tile("databases", c.databases()),
                        tile("tables", c.tables()),
                        tile("views", c.views()),
                        tile("partitions", c.partitions()),
                        tile("functions", c.functions()),
                        tile("calls", e.totalCalls()),
                        tile("time", dev.lakeport.report.AssessmentReport.duration(e.time())),
                        tile("decisions", a.decisions().size()));

        XYChart.Series<String, Number> kindSeries = new XYChart.Series<>();
        // Partitions outnumber everything else by far: they have their tile, and their calls are charted beside.
        kindSeries.getData().add(new XYChart.Data<>(messages.get("assess.kind.databases"), c.databases()));
        kindSeries.getData().add(new XYChart.Data<>(messages.get("assess.kind.tables"), c.tables()));
        kindSeries.getData().add(new XYChart.Data<>(messages.get("assess.kind.views"), c.views()));
        kindSeries.getData().add(new XYChart.Data<>(messages.get("assess.kind.functions"), c.functions()));
        kinds.getData().add(kindSeries);

        for (Map.Entry<StorageFormat, Long> f : a.tablesByFormat().entrySet()) {
            formats.getData().add(new PieChart.Data(f.getKey().label() + " " + f.getValue(), f.getValue()));
        }

        XYChart.Series<Number, String> callSeries = new XYChart.Series<>();
        for (Map.Entry<ObjectKind, Long> k : e.calls().entrySet()) {
            callSeries
                    .getData()
                    .add(new XYChart.Data<>(
                            k.getValue(),
                            messages.get("assess.calls." + k.getKey().itemType())));
        }
        calls.getData().add(callSeries);
    }

    private Node tile(String what, long value) {
        return tile(what, String.format(messages.locale(), "%,d", value));
    }

    private Node tile(String what, String value) {
        Label figure = new Label(value);
        figure.setId("assess-tile-" + what);
        figure.getStyleClass().addAll(Styles.TITLE_2, "lp-assess-figure");
        Label label = new Label(messages.get("assess.tile." + what));
        label.getStyleClass().add(Styles.TEXT_MUTED);
        VBox box = new VBox(2, figure, label);
        box.getStyleClass().add("lp-assess-tile");
        return box;
    }

    /** A cell that shows its whole text on hover: decisions are longer than a row is wide. */
    private static javafx.scene.control.TableCell<Assessment.Decision, String> withTooltip() {
        return new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item);
                setTooltip(empty || item == null ? null : new javafx.scene.control.Tooltip(item));
            }
        };
    }

    private TableView<Assessment.Decision> decisionsTable() {
        TableView<Assessment.Decision> table = new TableView<>(viewModel.decisions());
        table.setId("assess-decisions");
        table.setPlaceholder(new Label(messages.get("assess.decisions.none")));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<Assessment.Decision, String> topic = new TableColumn<>(messages.get("assess.column.topic"));
        topic.setCellValueFactory(d -> new ReadOnlyStringWrapper(d.getValue().topic()));
        topic.setPrefWidth(90);
        topic.setMinWidth(90);
        TableColumn<Assessment.Decision, String> what = new TableColumn<>(messages.get("assess.column.what"));
        what.setCellValueFactory(d -> new ReadOnlyStringWrapper(d.getValue().what()));
        what.setPrefWidth(540);
        TableColumn<Assessment.Decision, Long> objects = new TableColumn<>(messages.get("assess.column.objects"));
        objects.setCellValueFactory(
                d -> new ReadOnlyObjectWrapper<>(d.getValue().objects()));
        objects.setPrefWidth(80);
        objects.setMinWidth(80);
        objects.getStyleClass().add("lp-assess-number");
        TableColumn<Assessment.Decision, String> todo = new TableColumn<>(messages.get("assess.column.todo"));
        todo.setCellValueFactory(d -> new ReadOnlyStringWrapper(d.getValue().whatToDo()));
        todo.setPrefWidth(420);
        what.setCellFactory(c -> withTooltip());
        todo.setCellFactory(c -> withTooltip());
        table.getColumns().addAll(List.of(topic, what, objects, todo));
        table.setMinHeight(160);
        return table;
    }
}
