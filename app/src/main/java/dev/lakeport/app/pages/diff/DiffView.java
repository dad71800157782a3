package dev.lakeport.app.pages.diff;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import dev.lakeport.app.i18n.Messages;
import dev.lakeport.app.task.TaskInfo;
import dev.lakeport.app.ui.Controls;
import dev.lakeport.app.ui.Icons;
import dev.lakeport.diff.DiffResult;
import dev.lakeport.diff.DiffSummary;
import dev.lakeport.mapping.ColumnTypeMapping;
import dev.lakeport.model.ObjectKind;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Toggle;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * Step Diff's view: the run bar (run, progress, export), the run's totals, the filters, and the tree of differences
 * beside the side-by-side view of the selected object.
 */
public final class DiffView extends VBox {
    private static final PseudoClass CHANGED = PseudoClass.getPseudoClass("changed");

    private final DiffViewModel viewModel;
    private final Messages messages;

    /** A result in the project's route's words. */
    private String word(DiffResult result) {
        return viewModel.words().word(result);
    }

    public DiffView(DiffViewModel viewModel, Messages messages) {
        super(10);
        this.viewModel = viewModel;
        this.messages = messages;
        getStyleClass().addAll("lp-page", "lp-diff");
        getStylesheets()
                .add(DiffView.class
                        .getResource("/dev/lakeport/app/pages/diff.css")
                        .toExternalForm());

        Label heading = Controls.heading(messages.get("step.diff"));
        Label intro = Controls.intro("");
        intro.setId("diff-intro");
        intro.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> {
                            var w = viewModel.wordsProperty().getValue();
                            return messages.get("diff.intro", w.create(), w.delete(), w.update());
                        },
                        viewModel.wordsProperty()));

        StackPane center = new StackPane(split(), emptyState(), noRunState());
        VBox.setVgrow(center, Priority.ALWAYS);

        getChildren()
                .addAll(
                        heading,
                        intro,
                        toolbar(),
                        loadWarning(),
                        staleWarning(),
                        runBar(),
                        new ExclusionRulesBar(viewModel.rules(), viewModel::removeRule, messages),
                        filters(),
                        center);
    }

    // ------------------------------------------------------------------ run and export

    private Node toolbar() {
        Button run = new Button(messages.get("diff.run"));
        run.setId("run-diff");
        run.setMnemonicParsing(true);
        run.setGraphic(Icons.of(Feather.PLAY));
        run.getStyleClass().add(Styles.ACCENT);
        run.disableProperty()
                .bind(viewModel
                        .runningProperty()
                        .or(viewModel.loadProblemProperty().isNotEmpty()));
        run.setOnAction(e -> viewModel.runDiff());

        ProgressBar progress = new ProgressBar();
        progress.setId("diff-progress");
        progress.setPrefWidth(180);
        Label phase = new Label();
        phase.setId("diff-phase");
        phase.getStyleClass().add(Styles.TEXT_MUTED);
        Button stop = new Button(messages.get("diff.stop"));
        stop.setId("stop-diff");
        stop.setMnemonicParsing(true);
        stop.setGraphic(Icons.of(Feather.X_CIRCLE));
        stop.setOnAction(e -> viewModel.cancelDiff());
        HBox running = new HBox(8, progress, phase, stop);
        running.setAlignment(Pos.CENTER_LEFT);
        running.visibleProperty().bind(viewModel.runningProperty());
        running.managedProperty().bind(running.visibleProperty());
        viewModel.diffTaskProperty().addListener((obs, old, task) -> bindProgress(task, progress, phase));

        Button csv = exportButton("export-csv", "diff.export.csv", Feather.FILE_TEXT, viewModel::exportCsv);
        Button json = exportButton("export-json", "diff.export.json", Feather.CODE, viewModel::exportJson);
        Button html = exportButton("export-html", "diff.export.html", Feather.GLOBE, viewModel::exportHtml);
        Button open = new Button(messages.get("diff.export.open"));
        open.setId("open-report");
        open.setMnemonicParsing(true);
        open.setGraphic(Icons.of(Feather.EXTERNAL_LINK));
        open.getStyleClass().add(Styles.FLAT);
        open.visibleProperty().bind(viewModel.htmlReportProperty().isNotNull());
        open.managedProperty().bind(open.visibleProperty());
        open.setOnAction(e -> viewModel.openHtmlReport());
        open.setTooltip(new Tooltip(messages.get("diff.export.open.tooltip")));

        // Wraps instead of squeezing the export buttons in a narrow window.
        return Controls.wrappingRow(8, Controls.together(8, run, running), Controls.together(8, csv, json, html, open));
    }

    private void bindProgress(TaskInfo task, ProgressBar progress, Label phase) {
        progress.progressProperty().unbind();
        phase.textProperty().unbind();
        if (task == null) {
            progress.setProgress(0);
            phase.setText("");
            return;
        }
        progress.progressProperty().bind(task.progressProperty());
        phase.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> task.totalProperty().get() > 0
                                ? messages.get(
                                        "diff.progress",
                                        task.phaseProperty().get(),
                                        task.doneProperty().get(),
                                        task.totalProperty().get())
                                : messages.get(
                                        "diff.progress.unknown",
                                        task.phaseProperty().get(),
                                        task.doneProperty().get()),
                        task.phaseProperty(),
                        task.doneProperty(),
                        task.totalProperty()));
    }

    private Button exportButton(String id, String key, Feather icon, Runnable action) {
        Button button = new Button(messages.get(key));
        button.setId(id);
        button.setMnemonicParsing(true);
        button.setGraphic(Icons.of(icon));
        button.disableProperty().bind(viewModel.runProperty().isNull().or(viewModel.exportingProperty()));
        button.setOnAction(e -> action.run());
        return button;
    }

    // ------------------------------------------------------------------ warnings and totals

    private Node loadWarning() {
        Message message = new Message(messages.get("diff.load.title"), "", Icons.of(Feather.ALERT_TRIANGLE));
        message.setId("load-warning");
        message.getStyleClass().add(Styles.WARNING);
        message.descriptionProperty().bind(viewModel.loadProblemProperty());
        message.visibleProperty().bind(viewModel.loadProblemProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        return message;
    }

    private Node staleWarning() {
        Message message =
                new Message(messages.get("diff.stale.title"), messages.get("diff.stale"), Icons.of(Feather.REFRESH_CW));
        message.setId("stale-warning");
        message.getStyleClass().add(Styles.WARNING);
        message.visibleProperty()
                .bind(viewModel
                        .staleProperty()
                        .and(viewModel.loadProblemProperty().isEmpty()));
        message.managedProperty().bind(message.visibleProperty());
        return message;
    }

    private Node runBar() {
        Label info = new Label();
        info.setId("run-info");
        info.textProperty().bind(viewModel.runTextProperty());
        info.getStyleClass().add(Styles.TEXT_BOLD);
        HBox totals = new HBox(6);
        totals.setId("run-totals");
        totals.setAlignment(Pos.CENTER_LEFT);
        Label included = new Label();
        included.setId("included-count");
        included.getStyleClass().add(Styles.TEXT_MUTED);
        Runnable update = () -> {
            DiffSummary s = viewModel.summaryProperty().get();
            totals.getChildren().clear();
            for (DiffResult result : DiffResult.values()) {
                Label badge =
                        DiffTreeCell.badge(result, messages.get("diff.badge.count", word(result), s.total(result)));
                badge.setId("total-" + word(result));
                badge.setTooltip(new Tooltip(messages.get("diff.result." + result.code(), word(result))));
                totals.getChildren().add(badge);
            }
        };
        included.textProperty().bind(viewModel.remainingTextProperty());
        viewModel.summaryProperty().addListener(obs -> update.run());
        viewModel.includedCountProperty().addListener(obs -> update.run());
        update.run();
        var bar = Controls.wrappingRow(12, info, totals, included);
        bar.setId("run-bar");
        bar.setPadding(new Insets(8, 12, 8, 12));
        bar.getStyleClass().add("lp-card");
        bar.visibleProperty().bind(viewModel.runProperty().isNotNull());
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }

    // ------------------------------------------------------------------ filters

    private Node filters() {
        Label kindLabel = new Label(messages.get("diff.filter.kind"));
        ToggleGroup kinds = new ToggleGroup();
        List<ToggleButton> kindButtons = List.of(
                kindToggle("filter-all", "diff.filter.all", null, kinds),
                kindToggle("filter-database", "diff.filter.database", ObjectKind.DATABASE, kinds),
                kindToggle("filter-table", "diff.filter.table", ObjectKind.TABLE, kinds),
                kindToggle("filter-partition", "diff.filter.partition", ObjectKind.PARTITION, kinds),
                kindToggle("filter-function", "diff.filter.function", ObjectKind.FUNCTION, kinds));
        kindButtons.get(0).getStyleClass().add(Styles.LEFT_PILL);
        for (int i = 1; i < kindButtons.size() - 1; i++) {
            kindButtons.get(i).getStyleClass().add(Styles.CENTER_PILL);
        }
        kindButtons.get(kindButtons.size() - 1).getStyleClass().add(Styles.RIGHT_PILL);
        selectKind(kinds, viewModel.kindFilterProperty().get());
        kinds.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                // A pressed toggle stays pressed: one kind (or all) is always shown.
                kinds.selectToggle(old);
                return;
            }
            viewModel.kindFilterProperty().set((ObjectKind) now.getUserData());
        });
        viewModel.kindFilterProperty().addListener((obs, old, now) -> selectKind(kinds, now));
        kindLabel.setLabelFor(kindButtons.get(0));
        HBox kindBox = new HBox(0);
        kindBox.getChildren().addAll(kindButtons);

        Label resultLabel = new Label(messages.get("diff.filter.result"));
        HBox resultBox = new HBox(6);
        for (DiffResult result : DiffResult.values()) {
            ToggleButton toggle = new ToggleButton(word(result));
            toggle.setId("filter-" + word(result));
            toggle.getStyleClass().addAll("lp-result-toggle", "lp-result-" + result.code());
            toggle.selectedProperty().bindBidirectional(viewModel.showProperty(result));
            toggle.setTooltip(new Tooltip(messages.get("diff.result." + result.code(), word(result))));
            resultBox.getChildren().add(toggle);
        }
        resultLabel.setLabelFor(resultBox.getChildren().get(0));

        var box = Controls.wrappingRow(
                24, Controls.together(10, kindLabel, kindBox), Controls.together(10, resultLabel, resultBox));
        box.visibleProperty().bind(viewModel.runProperty().isNotNull().and(summaryNotEmpty()));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private ToggleButton kindToggle(String id, String key, ObjectKind kind, ToggleGroup group) {
        ToggleButton toggle = new ToggleButton(messages.get(key));
        toggle.setId(id);
        toggle.setUserData(kind);
        toggle.setToggleGroup(group);
        return toggle;
    }

    private static void selectKind(ToggleGroup group, ObjectKind kind) {
        for (Toggle toggle : group.getToggles()) {
            if (toggle.getUserData() == kind) {
                group.selectToggle(toggle);
            }
        }
    }

    private javafx.beans.binding.BooleanBinding summaryNotEmpty() {
        return Bindings.createBooleanBinding(
                () -> !viewModel.summaryProperty().get().isEmpty(), viewModel.summaryProperty());
    }

    // ------------------------------------------------------------------ tree and detail

    private Node split() {
        SplitPane split = new SplitPane(treePane(), detailPane());
        split.setId("diff-split");
        split.setDividerPositions(0.42);
        split.visibleProperty().bind(viewModel.runProperty().isNotNull().and(summaryNotEmpty()));
        return split;
    }

    private Node treePane() {
        TreeItem<DiffTreeNode> root = new TreeItem<>();
        TreeView<DiffTreeNode> tree = new TreeView<>(root);
        tree.setId("diff-tree");
        tree.setShowRoot(false);
        tree.getStyleClass().add(Styles.DENSE);
        tree.setCellFactory(view -> new DiffTreeCell(viewModel, messages));
        Map<DiffTreeNode, NodeItem> top = new IdentityHashMap<>();
        Runnable sync = () -> {
            top.keySet().retainAll(viewModel.databases());
            root.getChildren()
                    .setAll(viewModel.databases().stream()
                            .map(n -> top.computeIfAbsent(n, NodeItem::new))
                            .toList());
        };
        viewModel.databases().addListener((ListChangeListener<DiffTreeNode>) c -> sync.run());
        sync.run();
        tree.getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> {
            DiffTreeNode node = item == null ? null : item.getValue();
            if (node != viewModel.selectedProperty().get()) {
                viewModel.select(node);
            }
        });
        // A filter, not a handler: the tree's own key bindings would take Space and Enter first.
        tree.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            TreeItem<DiffTreeNode> item = tree.getSelectionModel().getSelectedItem();
            if (item == null || item.getValue() == null) {
                return;
            }
            DiffTreeNode node = item.getValue();
            if (e.getCode() == KeyCode.SPACE && node.type() != DiffTreeNode.Type.MORE) {
                viewModel.setIncluded(node, node.inclusion() != DiffTreeNode.Inclusion.INCLUDED);
                e.consume();
            } else if (e.getCode() == KeyCode.ENTER && node.type() == DiffTreeNode.Type.MORE) {
                viewModel.loadMore(node);
                e.consume();
            }
        });

        Label placeholder = new Label();
        placeholder.setId("tree-placeholder");
        placeholder.getStyleClass().add(Styles.TEXT_MUTED);
        placeholder.setWrapText(true);
        placeholder
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> viewModel.treeLoadingProperty().get()
                                ? messages.get("diff.tree.loading")
                                : messages.get("diff.tree.nomatch"),
                        viewModel.treeLoadingProperty()));
        placeholder.visibleProperty().bind(Bindings.isEmpty(viewModel.databases()));
        StackPane pane = new StackPane(tree, placeholder);
        pane.setMinWidth(260);
        return pane;
    }

    /** A tree item over a node: its children follow the node's, loaded when it is first expanded. */
    private final class NodeItem extends TreeItem<DiffTreeNode> {
        private final Map<DiffTreeNode, NodeItem> items = new IdentityHashMap<>();

        NodeItem(DiffTreeNode node) {
            super(node);
            if (node.isGroup()) {
                expandedProperty().addListener((obs, was, now) -> {
                    if (now) {
                        viewModel.expand(node);
                    }
                });
                node.children().addListener((ListChangeListener<DiffTreeNode>) c -> sync());
                sync();
            }
        }

        private void sync() {
            List<DiffTreeNode> children = getValue().children();
            items.keySet().retainAll(children);
            getChildren()
                    .setAll(children.stream()
                            .map(n -> items.computeIfAbsent(n, NodeItem::new))
                            .toList());
        }

        @Override
        public boolean isLeaf() {
            return getValue().isLeaf();
        }
    }

    private Node detailPane() {
        Label title = new Label();
        title.setId("detail-title");
        title.getStyleClass().add(Styles.TITLE_4);
        HBox resultBox = new HBox();
        resultBox.setAlignment(Pos.CENTER_LEFT);
        Label kind = new Label();
        kind.getStyleClass().add(Styles.TEXT_MUTED);
        HBox head = new HBox(8, title, kind, resultBox);
        head.setAlignment(Pos.CENTER_LEFT);
        Label note = new Label();
        note.setId("detail-note");
        note.setWrapText(true);
        note.setMinHeight(Region.USE_PREF_SIZE);

        CheckBox included = new CheckBox(messages.get("diff.detail.included"));
        included.setId("detail-included");
        included.setMnemonicParsing(true);
        included.setOnAction(e -> viewModel.setSelectedIncluded(included.isSelected()));
        CheckBox changedOnly = new CheckBox(messages.get("diff.detail.changedOnly"));
        changedOnly.setId("changed-only");
        changedOnly.setMnemonicParsing(true);
        changedOnly.selectedProperty().bindBidirectional(viewModel.changedOnlyProperty());
        Label inclusion = new Label();
        inclusion.setId("detail-inclusion");
        inclusion.getStyleClass().add(Styles.TEXT_MUTED);
        HBox options = new HBox(16, included, inclusion, changedOnly);
        options.setAlignment(Pos.CENTER_LEFT);

        TableView<FieldRow> fields = new TableView<>(viewModel.rows());
        fields.setId("detail-fields");
        fields.getStyleClass().addAll("lp-fields", Styles.DENSE);
        fields.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        fields.getColumns().add(column(messages.get("diff.detail.field"), FieldRow::path, 230));
        fields.getColumns().add(column(messages.get("diff.detail.source"), FieldRow::source, 170));
        fields.getColumns().add(column(messages.get("diff.detail.destination"), FieldRow::destination, 170));
        fields.setRowFactory(view -> new TableRow<>() {
            @Override
            protected void updateItem(FieldRow row, boolean empty) {
                super.updateItem(row, empty);
                pseudoClassStateChanged(CHANGED, !empty && row != null && row.changed());
            }
        });
        Label fieldsPlaceholder = new Label();
        fieldsPlaceholder.getStyleClass().add(Styles.TEXT_MUTED);
        fieldsPlaceholder.setWrapText(true);
        fields.setPlaceholder(fieldsPlaceholder);
        VBox.setVgrow(fields, Priority.ALWAYS);

        Label typesTitle = new Label(messages.get("diff.detail.types.title"));
        typesTitle.getStyleClass().add(Styles.TEXT_BOLD);
        TableView<ColumnTypeMapping> types = new TableView<>(viewModel.types());
        types.setId("detail-types");
        types.getStyleClass().addAll("lp-fields", Styles.DENSE);
        types.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        types.getColumns()
                .add(typeColumn(
                        messages.get("diff.detail.types.column"),
                        t -> t.partitionKey() ? messages.get("diff.detail.types.key", t.column()) : t.column(),
                        110));
        types.getColumns()
                .add(typeColumn(messages.get("diff.detail.types.source"), ColumnTypeMapping::sourceType, 120));
        types.getColumns()
                .add(typeColumn(
                        messages.get("diff.detail.types.destination"),
                        t -> t.destinationType().orElse(messages.get("diff.detail.types.notHeld")),
                        120));
        types.getColumns().add(typeColumn(messages.get("diff.detail.types.because"), ColumnTypeMapping::because, 220));
        types.setRowFactory(view -> new TableRow<>() {
            @Override
            protected void updateItem(ColumnTypeMapping row, boolean empty) {
                super.updateItem(row, empty);
                pseudoClassStateChanged(CHANGED, !empty && row != null && !row.held());
            }
        });
        // Both tables share the pane: the fields keep what is left once the types have room for a few columns.
        types.setPrefHeight(200);
        types.setMinHeight(160);
        VBox typesBox = new VBox(4, typesTitle, types);
        typesBox.setId("detail-types-box");
        typesBox.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(viewModel.types()));
        typesBox.managedProperty().bind(typesBox.visibleProperty());

        Runnable update = () -> {
            EntryDetail d = viewModel.detailProperty().get();
            DiffTreeNode node = viewModel.selectedProperty().get();
            boolean hasNode = node != null && node.type() != DiffTreeNode.Type.MORE;
            resultBox.getChildren().clear();
            if (d == null) {
                title.setText(hasNode ? node.itemName() : "");
                kind.setText("");
                note.setText("");
                fieldsPlaceholder.setText(messages.get(
                        viewModel.detailLoadingProperty().get() ? "diff.detail.loading" : "diff.detail.none"));
            } else {
                title.setText(hasNode ? node.itemName() : d.key().itemName());
                kind.setText(messages.get("diff.kind." + d.key().kind().itemType()));
                d.result().ifPresent(r -> resultBox.getChildren().add(DiffTreeCell.badge(r, word(r))));
                note.setText(d.note());
                fieldsPlaceholder.setText(
                        messages.get(d.result().isPresent() ? "diff.detail.nofields" : "diff.detail.group"));
            }
            included.setVisible(hasNode);
            inclusion.setText("");
            if (hasNode) {
                included.setIndeterminate(node.inclusion() == DiffTreeNode.Inclusion.PARTLY);
                included.setSelected(node.inclusion() == DiffTreeNode.Inclusion.INCLUDED);
                DiffTreeNode.Counts counts = node.counts();
                if (node.isGroup() && counts.excluded() > 0) {
                    inclusion.setText(messages.get("diff.detail.inclusion", counts.excluded(), counts.total()));
                }
            }
            changedOnly.setVisible(
                    d != null && d.result().filter(r -> r == DiffResult.UPDATE).isPresent());
        };
        viewModel.detailProperty().addListener(obs -> update.run());
        viewModel.selectedProperty().addListener(obs -> update.run());
        viewModel.detailLoadingProperty().addListener(obs -> update.run());
        update.run();

        VBox pane = new VBox(8, head, note, options, fields, typesBox);
        pane.setId("detail-pane");
        pane.setPadding(new Insets(4, 0, 0, 12));
        pane.setMinWidth(320);
        return pane;
    }

    /** A type-mapping column: narrower cells, whose text (often a flag's name) shows whole on hover. */
    private static TableColumn<ColumnTypeMapping, String> typeColumn(
            String text, java.util.function.Function<ColumnTypeMapping, String> value, double width) {
        return textColumn(text, value, width, 60, 16);
    }

    private static TableColumn<FieldRow, String> column(
            String text, java.util.function.Function<FieldRow, String> value, double width) {
        return textColumn(text, value, width, 80, 40);
    }

    /** A read-only text column whose cells show their whole text on hover from {@code tooltipFrom} characters. */
    private static <T> TableColumn<T, String> textColumn(
            String text, java.util.function.Function<T, String> value, double width, double minWidth, int tooltipFrom) {
        TableColumn<T, String> column = new TableColumn<>(text);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null || item.length() < tooltipFrom ? null : new Tooltip(item));
            }
        });
        column.setPrefWidth(width);
        column.setMinWidth(minWidth);
        column.setSortable(false);
        return column;
    }

    // ------------------------------------------------------------------ empty states

    private Node emptyState() {
        Label icon = new Label(null, Icons.of(Feather.CHECK_CIRCLE));
        icon.getStyleClass().add("lp-empty-icon");
        Label title = new Label(messages.get("diff.empty"));
        title.setId("empty-diff");
        title.getStyleClass().add(Styles.TITLE_3);
        title.setWrapText(true);
        title.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        Label hint = new Label(messages.get("diff.empty.hint"));
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        hint.setWrapText(true);
        hint.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        VBox box = new VBox(8, icon, title, hint);
        box.setId("empty-state");
        box.setAlignment(Pos.CENTER);
        box.setMaxWidth(640);
        box.visibleProperty()
                .bind(viewModel.runProperty().isNotNull().and(summaryNotEmpty().not()));
        return box;
    }

    private Node noRunState() {
        Label title = new Label(messages.get("diff.none"));
        title.setId("no-diff");
        title.getStyleClass().add(Styles.TITLE_4);
        Label hint = new Label(messages.get("diff.none.hint"));
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        hint.setWrapText(true);
        hint.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        VBox box = new VBox(8, title, hint);
        box.setId("no-diff-state");
        box.setAlignment(Pos.CENTER);
        box.setMaxWidth(520);
        box.visibleProperty()
                .bind(viewModel
                        .runProperty()
                        .isNull()
                        .and(viewModel.runningProperty().not()));
        return box;
    }
}
