package dev.lakeport.app.pages.browse;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.lakeport.app.i18n.Messages;
import dev.lakeport.app.pages.browse.BrowseItem.DatabaseItem;
import dev.lakeport.app.pages.browse.BrowseItem.FunctionItem;
import dev.lakeport.app.pages.browse.BrowseItem.FunctionsItem;
import dev.lakeport.app.pages.browse.BrowseItem.MessageItem;
import dev.lakeport.app.pages.browse.BrowseItem.MoreItem;
import dev.lakeport.app.pages.browse.BrowseItem.PartitionItem;
import dev.lakeport.app.pages.browse.BrowseItem.TableItem;
import dev.lakeport.app.ui.Controls;
import dev.lakeport.app.ui.Icons;
import dev.lakeport.model.TableFormat;
import dev.lakeport.snapshot.DatabaseSummary;
import dev.lakeport.snapshot.Side;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Step Browse's view: side and search above, the tree on the left, details and charts on the right. */
public final class BrowseView extends VBox {
    private static final double ROW_HEIGHT = 28;
    private static final int MAX_TABLE_ROWS = 12;

    private final BrowseViewModel viewModel;
    private final Messages messages;
    private final VBox details = new VBox(10);

    public BrowseView(BrowseViewModel viewModel, Messages messages) {
        super(12);
        this.viewModel = viewModel;
        this.messages = messages;
        getStyleClass().add("lp-page");
        getStylesheets()
                .add(BrowseView.class
                        .getResource("/dev/lakeport/app/pages/browse.css")
                        .toExternalForm());

        Label heading = Controls.heading(messages.get("step.browse"));
        Label intro = Controls.intro(messages.get("browse.intro"));

        TreeView<BrowseNode> tree = tree();
        TabPane tabs = new TabPane(detailsTab(), chartTab());
        tabs.setId("browse-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        SplitPane split = new SplitPane(tree, tabs);
        split.setId("browse-split");
        split.setDividerPositions(0.42);
        VBox.setVgrow(split, Priority.ALWAYS);

        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(16, 16);
        busy.setMaxSize(16, 16);
        busy.visibleProperty().bind(viewModel.busyProperty());
        Label status = new Label();
        status.setId("browse-status");
        status.getStyleClass().add(Styles.TEXT_MUTED);
        status.textProperty().bind(viewModel.statusProperty());
        HBox statusLine = new HBox(8, status, busy);
        statusLine.setAlignment(Pos.CENTER_LEFT);
        statusLine.setMinHeight(Region.USE_PREF_SIZE);

        getChildren().addAll(heading, intro, toolbar(), statusLine, split);
    }

    // ------------------------------------------------------------------ toolbar

    private Node toolbar() {
        ToggleGroup sides = new ToggleGroup();
        ToggleButton source = new ToggleButton(messages.get("browse.side.source"));
        source.setId("browse-source");
        source.getStyleClass().add(Styles.LEFT_PILL);
        source.setMnemonicParsing(true);
        ToggleButton destination = new ToggleButton(messages.get("browse.side.destination"));
        destination.setId("browse-destination");
        destination.getStyleClass().add(Styles.RIGHT_PILL);
        destination.setMnemonicParsing(true);
        source.setToggleGroup(sides);
        destination.setToggleGroup(sides);
        sides.selectToggle(viewModel.sideProperty().get() == Side.SOURCE ? source : destination);
        sides.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                sides.selectToggle(old); // one side is always shown
            } else {
                viewModel.sideProperty().set(now == source ? Side.SOURCE : Side.DESTINATION);
            }
        });
        viewModel
                .sideProperty()
                .addListener((obs, old, now) -> sides.selectToggle(now == Side.SOURCE ? source : destination));
        HBox sideBox = new HBox(0, source, destination);

        Label searchLabel = new Label(messages.get("browse.search"));
        searchLabel.setMnemonicParsing(true);
        CustomTextField search = new CustomTextField();
        search.setId("browse-search");
        search.setLeft(Icons.of(Feather.SEARCH));
        search.setPromptText(messages.get("browse.search.prompt"));
        search.setPrefColumnCount(16);
        search.textProperty().bindBidirectional(viewModel.searchProperty());
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                search.clear();
            }
        });
        searchLabel.setLabelFor(search);

        Button refresh = new Button(messages.get("browse.refresh"));
        refresh.setId("browse-refresh");
        refresh.setMnemonicParsing(true);
        refresh.setGraphic(Icons.of(Feather.REFRESH_CW));
        refresh.setOnAction(e -> viewModel.reload());

        for (javafx.scene.control.Control c :
                new javafx.scene.control.Control[] {source, destination, searchLabel, refresh}) {
            c.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox bar = new HBox(10, sideBox, searchLabel, search, refresh);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setMinHeight(Region.USE_PREF_SIZE);
        return bar;
    }

    // ------------------------------------------------------------------ tree

    private TreeView<BrowseNode> tree() {
        TreeView<BrowseNode> tree = new TreeView<>(new NodeItem(viewModel.root()));
        tree.setId("browse-tree");
        tree.setShowRoot(false);
        tree.setMinWidth(260);
        tree.getStyleClass().add(Styles.DENSE);
        tree.setCellFactory(view -> new NodeCell());
        tree.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                viewModel.select(now.getValue());
            }
        });
        tree.setOnKeyPressed(e -> {
            TreeItem<BrowseNode> item = tree.getSelectionModel().getSelectedItem();
            if (e.getCode() == KeyCode.ENTER && item != null && item.getValue().item() instanceof MoreItem) {
                viewModel.loadMore(item.getValue());
            }
        });
        return tree;
    }

    /** A tree item that mirrors a {@link BrowseNode}: its expanded state and its children as they load. */
    static final class NodeItem extends TreeItem<BrowseNode> {
        NodeItem(BrowseNode node) {
            super(node);
            expandedProperty().bindBidirectional(node.expandedProperty());
            getChildren().setAll(node.children().stream().map(NodeItem::new).toList());
            node.children().addListener((ListChangeListener<BrowseNode>) change -> {
                while (change.next()) {
                    if (change.wasPermutated()) {
                        getChildren()
                                .setAll(node.children().stream()
                                        .map(NodeItem::new)
                                        .toList());
                        return;
                    }
                    if (change.wasRemoved()) {
                        getChildren().remove(change.getFrom(), change.getFrom() + change.getRemovedSize());
                    }
                    if (change.wasAdded()) {
                        getChildren()
                                .addAll(
                                        change.getFrom(),
                                        change.getAddedSubList().stream()
                                                .map(NodeItem::new)
                                                .toList());
                    }
                }
            });
        }

        @Override
        public boolean isLeaf() {
            return getValue().isLeaf();
        }
    }

    private final class NodeCell extends TreeCell<BrowseNode> {
        private final FontIcon icon = Icons.of(Feather.INFO);
        private final Label text = new Label();
        private final Label detail = new Label();
        private final HBox box = new HBox(6, text, detail);

        NodeCell() {
            // One icon per cell whose glyph changes: cells are reused while scrolling, icons are not cheap to make.
            text.setGraphic(icon);
            detail.getStyleClass().add("lp-browse-detail");
            box.setAlignment(Pos.CENTER_LEFT);
            setOnMouseClicked(e -> {
                if (getItem() != null && getItem().item() instanceof MoreItem && e.getClickCount() == 1) {
                    viewModel.loadMore(getItem());
                }
            });
        }

        @Override
        protected void updateItem(BrowseNode node, boolean empty) {
            super.updateItem(node, empty);
            text.getStyleClass().removeAll("lp-browse-more", "lp-browse-message");
            if (empty || node == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            setText(null);
            text.setText(node.text());
            detail.setText(node.detail());
            icon.setIconCode(icon(node.item()));
            if (node.item() instanceof MoreItem) {
                text.getStyleClass().add("lp-browse-more");
            } else if (node.item() instanceof MessageItem) {
                text.getStyleClass().add("lp-browse-message");
            }
            setGraphic(box);
        }
    }

    private static Feather icon(BrowseItem item) {
        if (item instanceof DatabaseItem) {
            return Feather.DATABASE;
        } else if (item instanceof TableItem t) {
            return t.table().format() == TableFormat.VIEW ? Feather.EYE : Feather.GRID;
        } else if (item instanceof PartitionItem) {
            return Feather.FOLDER;
        } else if (item instanceof FunctionsItem) {
            return Feather.PACKAGE;
        } else if (item instanceof FunctionItem) {
            return Feather.CODE;
        } else if (item instanceof MoreItem) {
            return Feather.CHEVRONS_DOWN;
        } else if (item instanceof MessageItem m && m.loading()) {
            return Feather.LOADER;
        }
        return Feather.INFO;
    }

    // ------------------------------------------------------------------ details

    private Tab detailsTab() {
        details.setId("browse-details");
        details.getStyleClass().add("lp-browse-details");
        ScrollPane scroll = new ScrollPane(details);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add(Tweaks.EDGE_TO_EDGE);
        viewModel.detailsProperty().addListener((obs, old, now) -> showDetails(now));
        showDetails(viewModel.detailsProperty().get());
        Tab tab = new Tab(messages.get("browse.tab.details"), scroll);
        tab.setId("browse-details-tab");
        return tab;
    }

    private void showDetails(Details d) {
        if (d == null) {
            Label empty = new Label(messages.get("browse.details.empty"));
            empty.getStyleClass().add(Styles.TEXT_MUTED);
            empty.setWrapText(true);
            details.getChildren().setAll(empty);
            return;
        }
        Label title = new Label(d.title());
        title.setId("browse-details-title");
        title.getStyleClass().add(Styles.TITLE_3);
        title.setWrapText(true);
        title.setMinHeight(Region.USE_PREF_SIZE);
        Label kind = new Label(d.kind());
        kind.getStyleClass().add(Styles.TEXT_MUTED);
        details.getChildren().setAll(new VBox(0, title, kind));
        for (Details.Section section : d.sections()) {
            Label sectionTitle = new Label(section.title());
            sectionTitle.getStyleClass().addAll(Styles.TITLE_4, "lp-browse-section");
            Node body =
                    switch (section.layout()) {
                        case FIELDS -> fields(section.fields());
                        case KEY_VALUES -> keyValues(section.fields());
                        case COLUMNS -> columns(section.columns());
                    };
            sectionTitle.setLabelFor(body);
            details.getChildren().addAll(sectionTitle, body);
        }
    }

    private Node fields(List<Details.Field> fields) {
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(4);
        ColumnConstraints names = new ColumnConstraints();
        names.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        values.setFillWidth(true);
        grid.getColumnConstraints().addAll(names, values);
        int row = 0;
        for (Details.Field f : fields) {
            Label name = new Label(f.name());
            name.getStyleClass().add(Styles.TEXT_MUTED);
            name.setAlignment(Pos.TOP_LEFT);
            // Selectable, so a location or a parameter can be copied out of the details.
            var value = Controls.selectableValue(f.value());
            value.setMinHeight(Region.USE_PREF_SIZE);
            if (f.tone() == Details.Tone.CODE) {
                value.getStyleClass().add("lp-mono");
            } else if (f.tone() == Details.Tone.WARNING) {
                value.getStyleClass().add(Styles.WARNING);
            }
            GridPane.setValignment(name, javafx.geometry.VPos.TOP);
            grid.addRow(row++, name, value);
        }
        return grid;
    }

    private Node keyValues(List<Details.Field> rows) {
        TableView<Details.Field> table = smallTable(rows.size());
        table.getItems().setAll(rows);
        table.getColumns().add(column(messages.get("browse.column.key"), 0.4, Details.Field::name));
        table.getColumns().add(column(messages.get("browse.column.value"), 0.6, Details.Field::value));
        return table;
    }

    private Node columns(List<Details.ColumnRow> rows) {
        TableView<Details.ColumnRow> table = smallTable(rows.size());
        table.getItems().setAll(rows);
        table.getColumns().add(column(messages.get("browse.column.name"), 0.3, Details.ColumnRow::name));
        table.getColumns().add(column(messages.get("browse.column.type"), 0.35, Details.ColumnRow::type));
        table.getColumns().add(column(messages.get("browse.column.comment"), 0.35, Details.ColumnRow::comment));
        return table;
    }

    private <T> TableView<T> smallTable(int rows) {
        TableView<T> table = new TableView<>();
        table.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE, "lp-browse-table");
        table.setFixedCellSize(ROW_HEIGHT);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        double height = ROW_HEIGHT * (Math.min(Math.max(rows, 1), MAX_TABLE_ROWS) + 1) + 6;
        table.setPrefHeight(height);
        table.setMinHeight(height);
        table.setMaxHeight(height);
        return table;
    }

    private static <T> TableColumn<T, String> column(String title, double share, Function<T, String> value) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setPrefWidth(1000 * share);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        return column;
    }

    // ------------------------------------------------------------------ charts

    private Tab chartTab() {
        CategoryAxis tablesX = new CategoryAxis();
        NumberAxis tablesY = new NumberAxis();
        tablesY.setLabel(messages.get("browse.chart.count"));
        BarChart<String, Number> tables = new BarChart<>(tablesX, tablesY);
        tables.setId("browse-chart-tables");
        tables.setTitle(messages.get("browse.chart.tables"));
        tables.setAnimated(false);
        tables.setMinHeight(200);

        CategoryAxis partitionsX = new CategoryAxis();
        NumberAxis partitionsY = new NumberAxis();
        partitionsY.setLabel(messages.get("browse.chart.count"));
        BarChart<String, Number> partitions = new BarChart<>(partitionsX, partitionsY);
        partitions.setId("browse-chart-partitions");
        partitions.setTitle(messages.get("browse.chart.partitions"));
        partitions.setAnimated(false);
        partitions.setLegendVisible(false);
        partitions.setMinHeight(200);

        Runnable fill = () -> {
            List<DatabaseSummary> dbs = viewModel.chart();
            tables.getData()
                    .setAll(List.of(
                            series(messages.get("browse.chart.series.tables"), dbs, DatabaseSummary::tables),
                            series(messages.get("browse.chart.series.functions"), dbs, DatabaseSummary::functions)));
            partitions
                    .getData()
                    .setAll(List.of(
                            series(messages.get("browse.chart.series.partitions"), dbs, DatabaseSummary::partitions)));
        };
        viewModel.chart().addListener((ListChangeListener<DatabaseSummary>) c -> fill.run());
        fill.run();

        Label note = new Label();
        note.getStyleClass().add(Styles.TEXT_MUTED);
        note.textProperty().bind(viewModel.chartNoteProperty());
        note.visibleProperty().bind(note.textProperty().isNotEmpty());
        note.managedProperty().bind(note.visibleProperty());
        VBox box = new VBox(8, note, tables, partitions);
        box.getStyleClass().add("lp-browse-charts");
        VBox.setVgrow(tables, Priority.ALWAYS);
        VBox.setVgrow(partitions, Priority.ALWAYS);
        Tab tab = new Tab(messages.get("browse.tab.chart"), box);
        tab.setId("browse-chart-tab");
        return tab;
    }

    private static XYChart.Series<String, Number> series(
            String name, List<DatabaseSummary> dbs, java.util.function.ToLongFunction<DatabaseSummary> value) {
        XYChart.Series<String, Number> series = new XYChart.Series<>();
        series.setName(name);
        for (DatabaseSummary db : dbs) {
            series.getData().add(new XYChart.Data<>(db.name(), value.applyAsLong(db)));
        }
        return series;
    }
}
