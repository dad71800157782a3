package dev.lakeport.app.pages.scope;

import atlantafx.base.theme.Styles;
import dev.lakeport.app.i18n.Messages;
import dev.lakeport.app.pages.scope.ScopeViewModel.LocationPreview;
import dev.lakeport.app.pages.scope.ScopeViewModel.Section;
import dev.lakeport.app.ui.Controls;
import dev.lakeport.app.ui.Icons;
import dev.lakeport.config.ConfigKeys;
import dev.lakeport.config.Mode;
import dev.lakeport.mapping.UncoveredLocations;
import java.util.function.Function;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.FXCollections;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.CheckBoxListCell;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;

/**
 * Step 3's view: three tabs (databases and tables, partition filters, location map), each field with its problem
 * underneath. Counting a filter's matches waits until typing pauses, so a fast typist starts one count, not ten.
 */
public final class ScopeView extends VBox {
    /** How long typing must pause before a filter's matches are counted. */
    static final Duration COUNT_DELAY = Duration.millis(300);

    static final String STYLESHEET = "/dev/lakeport/app/pages/scope.css";

    private final ScopeViewModel viewModel;
    private final Messages messages;

    public ScopeView(ScopeViewModel viewModel, Messages messages) {
        super(10);
        this.viewModel = viewModel;
        this.messages = messages;
        getStyleClass().add("lp-page");
        getStylesheets().add(ScopeView.class.getResource(STYLESHEET).toExternalForm());
        Label heading = Controls.heading(messages.get("step.scope"));
        Label intro = Controls.intro(messages.get("scope.intro"));

        TabPane tabs = new TabPane(
                tab(Section.DATABASES, databasesTab()),
                tab(Section.PARTITIONS, filtersTab()),
                tab(Section.LOCATIONS, locationsTab()));
        tabs.setId("scope-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        getChildren().addAll(heading, intro, tabs);
    }

    private Tab tab(Section section, Node content) {
        Tab tab = new Tab(messages.get("scope.section." + section.name()), content);
        tab.setId("tab-" + section.name().toLowerCase(java.util.Locale.ROOT));
        Runnable mark = () -> tab.setGraphic(
                viewModel.sectionValidProperty(section).get() ? null : danger(Icons.of(Feather.ALERT_CIRCLE)));
        viewModel.sectionValidProperty(section).addListener((obs, old, now) -> mark.run());
        mark.run();
        return tab;
    }

    // ---- databases and tables ----------------------------------------------------------------------------

    private Node databasesTab() {
        Label title = new Label(messages.get("scope.databases.title"));
        title.getStyleClass().add(Styles.TITLE_4);
        ListView<DatabaseChoice> list = new ListView<>(viewModel.databases());
        list.setId("database-list");
        Label placeholder = new Label(messages.get("scope.databases.empty"));
        placeholder.setWrapText(true);
        placeholder.setPadding(new Insets(12));
        placeholder.getStyleClass().add(Styles.TEXT_MUTED);
        list.setPlaceholder(placeholder);
        list.setCellFactory(
                CheckBoxListCell.forListView(DatabaseChoice::checkedProperty, Controls.converter(this::databaseText)));
        list.setOnKeyPressed(e -> {
            DatabaseChoice chosen = list.getSelectionModel().getSelectedItem();
            if (e.getCode() == KeyCode.SPACE && chosen != null) {
                chosen.checkedProperty().set(!chosen.checkedProperty().get());
                e.consume();
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);
        title.setLabelFor(list);
        viewModel.setting(ConfigKeys.DATABASES_EXCLUDE).addListener((obs, old, now) -> list.refresh());

        Button all = new Button(messages.get("scope.databases.all"));
        all.setId("databases-all");
        all.setMnemonicParsing(true);
        all.setOnAction(e -> viewModel.checkAllDatabases(true));
        Button none = new Button(messages.get("scope.databases.none.button"));
        none.setId("databases-none");
        none.setMnemonicParsing(true);
        none.setOnAction(e -> viewModel.checkAllDatabases(false));
        for (Button b : new Button[] {all, none}) {
            b.disableProperty().bind(viewModel.databasesLoadedProperty().not());
        }
        Button refresh = new Button(messages.get("common.refresh"));
        refresh.setId("databases-refresh");
        refresh.setGraphic(Icons.of(Feather.REFRESH_CW));
        refresh.setOnAction(e -> viewModel.refreshDatabases());
        HBox buttons = new HBox(8, all, none, refresh);
        for (Button b : new Button[] {all, none, refresh}) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        Label summary = new Label();
        summary.setWrapText(true);
        summary.setMinHeight(Region.USE_PREF_SIZE);
        summary.setId("databases-summary");
        summary.textProperty().bind(viewModel.databasesSummaryProperty());
        summary.getStyleClass().add(Styles.TEXT_MUTED);
        Label none2 = errorLabel("databases-problem", viewModel.databasesProblemProperty());
        VBox left = new VBox(8, title, list, buttons, summary, none2);
        left.setPrefWidth(440);
        left.setMinWidth(380);

        GridPane grid = grid();
        int row = 0;
        row = textRow(grid, row, ConfigKeys.AWS_DATABASES);
        row = textRow(grid, row, ConfigKeys.DATABASES_EXCLUDE);
        row = textRow(grid, row, ConfigKeys.AWS_TABLE_FILTER_PREFIX);
        row = textRow(grid, row, ConfigKeys.TABLES_INCLUDE);
        row = textRow(grid, row, ConfigKeys.TABLES_EXCLUDE);

        ComboBox<Mode> mode = new ComboBox<>(FXCollections.observableArrayList(Mode.values()));
        mode.setId(fieldId(ConfigKeys.MODE));
        mode.setConverter(Controls.converter(Mode::value));
        mode.valueProperty().bindBidirectional(viewModel.modeProperty());
        row = addRow(grid, row, ConfigKeys.MODE, mode, mode, Controls.hint(messages.get("scope.mode.hint")));

        CheckBox compare = new CheckBox(messages.get("scope.comparePartition.text"));
        compare.setId(fieldId(ConfigKeys.COMPARE_PARTITION));
        compare.setMnemonicParsing(true);
        compare.setWrapText(true); // a narrow page wraps it rather than scrolling the form sideways
        compare.setMinHeight(Region.USE_PREF_SIZE);
        compare.selectedProperty().bindBidirectional(viewModel.comparePartitionProperty());
        row = addRow(grid, row, ConfigKeys.COMPARE_PARTITION, compare, compare, null);

        CheckBox functions = new CheckBox(messages.get("scope.functions.text"));
        functions.setId(fieldId(ConfigKeys.FUNCTIONS));
        functions.setMnemonicParsing(true);
        functions.setWrapText(true); // like the partitions box: a narrow page wraps it instead of widening the form
        functions.setMinHeight(Region.USE_PREF_SIZE);
        functions.selectedProperty().bindBidirectional(viewModel.functionsProperty());
        addRow(
                grid,
                row,
                ConfigKeys.FUNCTIONS,
                functions,
                functions,
                Controls.hint(messages.get("scope.functions.hint")));

        Label settingsTitle = new Label(messages.get("scope.tables.title"));
        settingsTitle.getStyleClass().add(Styles.TITLE_4);
        VBox right = new VBox(8, settingsTitle, grid);
        ScrollPane scroll = new ScrollPane(right);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        HBox.setHgrow(scroll, Priority.ALWAYS);

        HBox content = new HBox(20, left, scroll);
        content.setPadding(new Insets(14, 4, 4, 4));
        return content;
    }

    private String databaseText(DatabaseChoice d) {
        String counts = messages.get("scope.databases.counts", d.name(), d.tables(), d.partitions());
        return d.excludedProperty().get() ? counts + "  " + messages.get("scope.databases.excluded") : counts;
    }

    // ---- partition filters -------------------------------------------------------------------------------

    private Node filtersTab() {
        Label intro = Controls.hint("");
        intro.setId("filters-intro");
        intro.textProperty()
                .bind(javafx.beans.binding.Bindings.createStringBinding(
                        () -> messages.get(
                                "scope.filters.intro",
                                viewModel.sourceNameProperty().get()),
                        viewModel.sourceNameProperty()));
        TableView<PartitionFilterRow> table = new TableView<>(viewModel.filters());
        table.setId("filter-table");
        table.setPlaceholder(new Label(messages.get("scope.filters.empty")));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        TableColumn<PartitionFilterRow, String> tableColumn = new TableColumn<>(messages.get("scope.filters.table"));
        tableColumn.setCellValueFactory(c -> c.getValue().tableProperty());
        tableColumn.setPrefWidth(200);
        TableColumn<PartitionFilterRow, String> expressionColumn =
                new TableColumn<>(messages.get("scope.filters.expression"));
        expressionColumn.setCellValueFactory(c -> c.getValue().expressionProperty());
        expressionColumn.setPrefWidth(380);
        TableColumn<PartitionFilterRow, String> statusColumn = new TableColumn<>(messages.get("scope.filters.status"));
        statusColumn.setPrefWidth(400);
        statusColumn.setCellValueFactory(c -> {
            PartitionFilterRow r = c.getValue();
            return Bindings.createStringBinding(
                    () -> !r.errorProperty().get().isEmpty()
                            ? r.errorProperty().get()
                            : !r.bindErrorProperty().get().isEmpty()
                                    ? r.bindErrorProperty().get()
                                    : r.countingProperty().get()
                                            ? messages.get("scope.filter.counting")
                                            : r.matchesProperty().get(),
                    r.errorProperty(),
                    r.bindErrorProperty(),
                    r.matchesProperty(),
                    r.countingProperty());
        });
        statusColumn.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null || item.isEmpty() ? null : new Tooltip(item));
                getStyleClass().remove("field-error");
                PartitionFilterRow row =
                        empty || getTableRow() == null ? null : getTableRow().getItem();
                if (row != null
                        && (!row.errorProperty().get().isEmpty()
                                || !row.bindErrorProperty().get().isEmpty())) {
                    getStyleClass().add("field-error");
                }
            }
        });
        table.getColumns().addAll(java.util.List.of(tableColumn, expressionColumn, statusColumn));
        table.setPrefHeight(200);

        Button add = new Button(messages.get("scope.filters.add"));
        add.setId("filter-add");
        add.setMnemonicParsing(true);
        add.setGraphic(Icons.of(Feather.PLUS));
        Button remove = new Button(messages.get("scope.filters.remove"));
        remove.setId("filter-remove");
        remove.setMnemonicParsing(true);
        remove.setGraphic(Icons.of(Feather.TRASH_2));
        remove.disableProperty()
                .bind(table.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> viewModel.removeFilter(table.getSelectionModel().getSelectedItem()));
        HBox buttons = new HBox(8, add, remove);

        // The editor of the selected row.
        TextField tableField = new TextField();
        tableField.setId("filter-table-field");
        tableField.setPromptText(messages.get("scope.filters.table.prompt"));
        TextField expressionField = new TextField();
        expressionField.setId("filter-expression-field");
        expressionField.setPromptText(messages.get("scope.filters.expression.prompt"));
        expressionField.getStyleClass().add("lp-mono");
        ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
        ReadOnlyStringWrapper caret = new ReadOnlyStringWrapper("");
        ReadOnlyStringWrapper bindError = new ReadOnlyStringWrapper("");
        ReadOnlyStringWrapper warning = new ReadOnlyStringWrapper("");
        ReadOnlyStringWrapper matches = new ReadOnlyStringWrapper("");
        javafx.beans.property.BooleanProperty counting = new javafx.beans.property.SimpleBooleanProperty();
        Label errorLabel = errorLabel("filter-error", error);
        Label caretLabel = errorLabel("filter-caret", caret);
        caretLabel.getStyleClass().add("lp-mono");
        Label bindLabel = errorLabel("filter-bind-error", bindError);
        Label warningLabel = warningLabel("filter-warning", warning);
        Label matchesLabel = new Label();
        matchesLabel.setId("filter-matches");
        matchesLabel.textProperty().bind(matches);
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(16, 16);
        Controls.showWhen(spinner, counting);
        HBox matchesBox = new HBox(8, spinner, matchesLabel);
        matchesBox.setAlignment(Pos.CENTER_LEFT);

        GridPane editor = grid();
        Label tableLabel = label(messages.get("scope.filters.table.label"), tableField);
        Label expressionLabel = label(messages.get("scope.filters.expression.label"), expressionField);
        editor.addRow(0, tableLabel, tableField);
        VBox expressionCell = new VBox(3, expressionField, errorLabel, caretLabel, bindLabel, warningLabel, matchesBox);
        editor.addRow(1, expressionLabel, expressionCell);
        GridPane.setValignment(expressionLabel, VPos.TOP);
        expressionLabel.setPadding(new Insets(6, 0, 0, 0));
        Label syntax = Controls.hint(messages.get("scope.filters.syntax"));
        editor.add(syntax, 1, 2);
        editor.disableProperty()
                .bind(table.getSelectionModel().selectedItemProperty().isNull());

        PauseTransition debounce = new PauseTransition(COUNT_DELAY);
        PartitionFilterRow[] shown = {null};
        ChangeListener<String> recount = (obs, old, now) -> {
            PartitionFilterRow row = shown[0];
            if (row != null) {
                debounce.setOnFinished(e -> viewModel.countMatches(row));
                debounce.playFromStart();
            }
        };
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            debounce.stop();
            if (old != null) {
                tableField.textProperty().unbindBidirectional(old.tableProperty());
                expressionField.textProperty().unbindBidirectional(old.expressionProperty());
                old.tableProperty().removeListener(recount);
                old.expressionProperty().removeListener(recount);
            }
            error.unbind();
            caret.unbind();
            bindError.unbind();
            warning.unbind();
            matches.unbind();
            counting.unbind();
            shown[0] = row;
            if (row == null) {
                tableField.setText("");
                expressionField.setText("");
                error.set("");
                caret.set("");
                bindError.set("");
                warning.set("");
                matches.set("");
                counting.set(false);
                return;
            }
            tableField.textProperty().bindBidirectional(row.tableProperty());
            expressionField.textProperty().bindBidirectional(row.expressionProperty());
            error.bind(row.errorProperty());
            caret.bind(row.caretProperty());
            bindError.bind(row.bindErrorProperty());
            warning.bind(row.warningProperty());
            matches.bind(row.matchesProperty());
            counting.bind(row.countingProperty());
            row.tableProperty().addListener(recount);
            row.expressionProperty().addListener(recount);
            if (row.matchesProperty().get().isEmpty()) {
                viewModel.countMatches(row);
            }
        });
        add.setOnAction(e -> {
            PartitionFilterRow row = viewModel.addFilter("");
            table.getSelectionModel().select(row);
            tableField.requestFocus();
        });

        VBox content = new VBox(10, intro, table, buttons, editor);
        content.setPadding(new Insets(14, 4, 4, 4));
        VBox.setVgrow(table, Priority.ALWAYS);
        return content;
    }

    // ---- location map ------------------------------------------------------------------------------------

    private Node locationsTab() {
        Label intro = Controls.hint(messages.get("scope.map.intro"));
        TableView<LocationMappingRow> table = new TableView<>(viewModel.mappings());
        table.setId("map-table");
        table.setPlaceholder(new Label(messages.get("scope.map.empty")));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        TableColumn<LocationMappingRow, LocationMappingRow> source =
                editColumn(messages.get("scope.map.source"), "map-source", LocationMappingRow::sourceProperty);
        TableColumn<LocationMappingRow, LocationMappingRow> destination = editColumn(
                messages.get("scope.map.destination"), "map-destination", LocationMappingRow::destinationProperty);
        TableColumn<LocationMappingRow, String> problem = new TableColumn<>(messages.get("scope.map.problem"));
        problem.setCellValueFactory(c -> Bindings.createStringBinding(
                () -> c.getValue().errorProperty().get().isEmpty()
                        ? c.getValue().warningProperty().get()
                        : c.getValue().errorProperty().get(),
                c.getValue().errorProperty(),
                c.getValue().warningProperty()));
        problem.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null || item.isEmpty() ? null : new Tooltip(item));
                getStyleClass().removeAll("field-error", Styles.WARNING);
                LocationMappingRow row =
                        empty || getTableRow() == null ? null : getTableRow().getItem();
                if (row != null && !row.errorProperty().get().isEmpty()) {
                    getStyleClass().add("field-error");
                } else if (row != null && !row.warningProperty().get().isEmpty()) {
                    getStyleClass().add(Styles.WARNING);
                }
            }
        });
        source.setPrefWidth(340);
        destination.setPrefWidth(340);
        problem.setPrefWidth(300);
        table.getColumns().addAll(java.util.List.of(source, destination, problem));
        table.setPrefHeight(170);
        table.setMinHeight(160);

        Button add = new Button(messages.get("scope.map.add"));
        add.setId("map-add");
        add.setMnemonicParsing(true);
        add.setGraphic(Icons.of(Feather.PLUS));
        add.setOnAction(e -> {
            LocationMappingRow row = viewModel.addMapping("", "");
            table.getSelectionModel().select(row);
            table.scrollTo(row);
        });
        Button remove = new Button(messages.get("scope.map.remove"));
        remove.setId("map-remove");
        remove.setMnemonicParsing(true);
        remove.setGraphic(Icons.of(Feather.TRASH_2));
        remove.disableProperty()
                .bind(table.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(
                e -> viewModel.removeMapping(table.getSelectionModel().getSelectedItem()));
        Label mapProblem = errorLabel("map-problem", viewModel.mappingProblemProperty());
        Label mapError = errorLabel("map-error", viewModel.errorProperty(ConfigKeys.LOCATION_CONVERT_MAP));
        HBox buttons = new HBox(8, add, remove);
        buttons.setAlignment(Pos.CENTER_LEFT);

        HBox lower = new HBox(16, uncoveredPane(table), previewPane());
        lower.getChildren().forEach(n -> HBox.setHgrow(n, Priority.ALWAYS));
        VBox.setVgrow(lower, Priority.ALWAYS);

        VBox content = new VBox(8, intro, table, buttons, mapProblem, mapError, lower);
        content.setPadding(new Insets(14, 4, 4, 4));
        return content;
    }

    private Node uncoveredPane(TableView<LocationMappingRow> mapTable) {
        Label title = new Label(messages.get("scope.uncovered.title"));
        title.getStyleClass().add(Styles.TITLE_4);
        title.setWrapText(true);
        title.setMinHeight(Region.USE_PREF_SIZE);
        HBox.setHgrow(title, Priority.ALWAYS);
        Button refresh = new Button(messages.get("scope.uncovered.refresh"));
        refresh.setId("uncovered-refresh");
        refresh.setMnemonicParsing(true);
        refresh.setGraphic(Icons.of(Feather.REFRESH_CW));
        refresh.disableProperty().bind(viewModel.checkingMappingProperty());
        refresh.setOnAction(e -> viewModel.checkMapping());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(16, 16);
        Controls.showWhen(spinner, viewModel.checkingMappingProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(8, title, spacer, spinner, refresh);
        header.setAlignment(Pos.CENTER_LEFT);

        Label status = new Label();
        status.setId("uncovered-status");
        status.setWrapText(true);
        status.setMinHeight(Region.USE_PREF_SIZE);
        status.textProperty().bind(viewModel.uncoveredStatusProperty());
        Label stale = warningLabel(
                "uncovered-stale",
                Bindings.when(viewModel.mappingCheckStaleProperty())
                        .then(messages.get("scope.uncovered.stale"))
                        .otherwise(""));

        ListView<UncoveredLocations.Group> list = new ListView<>(viewModel.uncovered());
        list.setId("uncovered-list");
        list.setPlaceholder(new Label(""));
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(UncoveredLocations.Group group, boolean empty) {
                super.updateItem(group, empty);
                if (empty || group == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                Label prefix = new Label(group.prefix());
                prefix.getStyleClass().addAll("lp-mono", Styles.TEXT_BOLD);
                prefix.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
                prefix.setMinWidth(0);
                Label detail = new Label(messages.get("scope.uncovered.group", group.count(), group.example()));
                detail.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
                detail.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
                detail.setMinWidth(0);
                VBox text = new VBox(2, prefix, detail);
                text.setMinWidth(0);
                HBox.setHgrow(text, Priority.ALWAYS);
                Button map = new Button(messages.get("scope.uncovered.map"));
                map.getStyleClass().add(Styles.SMALL);
                map.setMinWidth(Region.USE_PREF_SIZE);
                map.setOnAction(e -> {
                    LocationMappingRow row = viewModel.mapUncovered(group);
                    mapTable.getSelectionModel().select(row);
                    mapTable.scrollTo(row);
                });
                HBox box = new HBox(8, text, map);
                box.setAlignment(Pos.CENTER_LEFT);
                box.setMinWidth(0);
                box.prefWidthProperty().bind(getListView().widthProperty().subtract(28));
                box.maxWidthProperty().bind(box.prefWidthProperty());
                setTooltip(new Tooltip(group.prefix() + "\n" + group.example()));
                setText(null);
                setGraphic(box);
            }
        });
        list.setOnKeyPressed(e -> {
            UncoveredLocations.Group chosen = list.getSelectionModel().getSelectedItem();
            if (e.getCode() == KeyCode.ENTER && chosen != null) {
                LocationMappingRow row = viewModel.mapUncovered(chosen);
                mapTable.getSelectionModel().select(row);
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);
        ListView<String> warnings = new ListView<>(viewModel.mappingWarnings());
        warnings.setId("mapping-warnings");
        warnings.setPrefHeight(70);
        warnings.setMinHeight(0);
        Controls.showWhen(warnings, Bindings.isNotEmpty(viewModel.mappingWarnings()));
        VBox pane = new VBox(6, header, status, stale, list, warnings);
        pane.setPrefWidth(480);
        return pane;
    }

    private Node previewPane() {
        Label title = new Label(messages.get("scope.preview.title"));
        title.getStyleClass().add(Styles.TITLE_4);
        ComboBox<String> database = new ComboBox<>(viewModel.previewDatabases());
        database.setId("preview-database");
        database.valueProperty().bindBidirectional(viewModel.previewDatabaseProperty());
        database.setMaxWidth(Double.MAX_VALUE);
        TextField filter = new TextField();
        filter.setId("preview-table-filter");
        filter.setPromptText(messages.get("scope.preview.filter"));
        filter.textProperty().bindBidirectional(viewModel.previewTableFilterProperty());
        ComboBox<String> table = new ComboBox<>(viewModel.previewTables());
        table.setId("preview-table");
        table.valueProperty().bindBidirectional(viewModel.previewTableProperty());
        table.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(table, Priority.ALWAYS);
        HBox tableBox = new HBox(8, filter, table);
        GridPane grid = grid();
        grid.addRow(0, label(messages.get("scope.preview.databaseLabel"), database), database);
        grid.addRow(1, label(messages.get("scope.preview.tableLabel"), table), tableBox);

        ListView<LocationPreview> locations = new ListView<>(viewModel.preview());
        locations.setId("preview-list");
        Label empty = new Label();
        empty.textProperty().bind(viewModel.previewStatusProperty());
        empty.setWrapText(true);
        empty.setPadding(new Insets(8));
        locations.setPlaceholder(empty);
        locations.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(LocationPreview item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setGraphic(null);
                    setText(null);
                    setTooltip(null);
                    return;
                }
                Label object = new Label(item.object());
                object.getStyleClass().add(Styles.TEXT_BOLD);
                Label before = new Label(item.location());
                before.getStyleClass().addAll("lp-mono", Styles.TEXT_SMALL, Styles.TEXT_MUTED);
                Label after = new Label(
                        item.mapped().map(m -> "→ " + m).orElse("→ " + messages.get("scope.preview.uncovered")));
                after.getStyleClass().addAll("lp-mono", Styles.TEXT_SMALL);
                after.getStyleClass().add(item.mapped().isPresent() ? Styles.SUCCESS : Styles.WARNING);
                for (Label label : new Label[] {object, before, after}) {
                    label.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
                    label.setMinWidth(0);
                }
                VBox box = new VBox(1, object, before, after);
                box.setMinWidth(0);
                box.prefWidthProperty().bind(getListView().widthProperty().subtract(28));
                box.maxWidthProperty().bind(box.prefWidthProperty());
                setTooltip(new Tooltip(
                        item.location() + "\n→ " + item.mapped().orElse(messages.get("scope.preview.uncovered"))));
                setText(null);
                setGraphic(box);
            }
        });
        VBox.setVgrow(locations, Priority.ALWAYS);
        VBox pane = new VBox(6, title, grid, locations);
        pane.setPrefWidth(480);
        return pane;
    }

    private TableColumn<LocationMappingRow, LocationMappingRow> editColumn(
            String title, String idPrefix, Function<LocationMappingRow, StringProperty> property) {
        TableColumn<LocationMappingRow, LocationMappingRow> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new javafx.beans.property.SimpleObjectProperty<>(c.getValue()));
        column.setSortable(false);
        column.setCellFactory(c -> new TableCell<>() {
            private final TextField field = new TextField();
            private StringProperty bound;

            {
                field.getStyleClass().add("lp-mono");
                field.setPromptText(messages.get("scope." + idPrefix.replace('-', '.') + ".prompt"));
                field.focusedProperty().addListener((obs, was, is) -> {
                    if (is && getTableRow() != null && getTableRow().getItem() != null) {
                        getTableView().getSelectionModel().select(getTableRow().getItem());
                    }
                });
            }

            @Override
            protected void updateItem(LocationMappingRow row, boolean empty) {
                super.updateItem(row, empty);
                if (bound != null) {
                    field.textProperty().unbindBidirectional(bound);
                    bound = null;
                }
                if (empty || row == null) {
                    setGraphic(null);
                    return;
                }
                bound = property.apply(row);
                field.textProperty().bindBidirectional(bound);
                field.setId(idPrefix + "-" + getIndex());
                setGraphic(field);
            }
        });
        return column;
    }

    // ---- fields ------------------------------------------------------------------------------------------

    private static GridPane grid() {
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(8);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        labels.setHalignment(HPos.LEFT);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setFillWidth(true);
        grid.getColumnConstraints().addAll(labels, fields);
        return grid;
    }

    private int textRow(GridPane grid, int row, String key) {
        TextField field = new TextField();
        field.setId(fieldId(key));
        field.textProperty().bindBidirectional(viewModel.setting(key));
        field.setPromptText(messages.get("scope.prompt." + key));
        return addRow(grid, row, key, field, field, null);
    }

    private int addRow(GridPane grid, int row, String key, Node control, Node labelled, Label below) {
        Label error = errorLabel("error-" + fieldId(key).substring("field-".length()), viewModel.errorProperty(key));
        Label warning =
                warningLabel("warning-" + fieldId(key).substring("field-".length()), viewModel.warningProperty(key));
        VBox cell = below == null ? new VBox(3, control, error, warning) : new VBox(3, control, below, error, warning);
        Label label = label(messages.get(ScopeViewModel.fieldLabelKey(key)), labelled);
        GridPane.setValignment(label, VPos.TOP);
        label.setPadding(new Insets(6, 0, 0, 0));
        grid.add(label, 0, row);
        grid.add(cell, 1, row);
        return row + 1;
    }

    private static Label label(String text, Node target) {
        Label label = new Label(text);
        label.setMnemonicParsing(true);
        label.setLabelFor(target);
        return label;
    }

    private static Label errorLabel(String id, ObservableStringValue text) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add("field-error");
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        label.textProperty().bind(text);
        Controls.showWhen(label, Bindings.isNotEmpty(label.textProperty()));
        return label;
    }

    private static Label warningLabel(String id, ObservableStringValue text) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().addAll(Styles.WARNING, Styles.TEXT_SMALL);
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        label.textProperty().bind(text);
        Controls.showWhen(label, Bindings.isNotEmpty(label.textProperty()));
        return label;
    }

    private static Node danger(Node icon) {
        icon.getStyleClass().add("lp-tab-problem");
        return icon;
    }

    static String fieldId(String key) {
        return "field-" + key.replace('.', '-');
    }
}
