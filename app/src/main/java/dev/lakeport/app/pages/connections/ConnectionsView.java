package dev.lakeport.app.pages.connections;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import dev.lakeport.app.i18n.Messages;
import dev.lakeport.app.pages.connections.ConnectionsViewModel.Field;
import dev.lakeport.app.pages.connections.ConnectionsViewModel.Form;
import dev.lakeport.app.session.CredentialChoice.Way;
import dev.lakeport.app.session.SideConnector;
import dev.lakeport.app.ui.Controls;
import dev.lakeport.app.ui.Icons;
import dev.lakeport.connector.CatalogConnector;
import dev.lakeport.connector.SettingSpec;
import dev.lakeport.snapshot.Side;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * Step 2's view: the source and the destination side by side, each with its kind, its connector's settings as fields
 * grouped as the connector groups them, its test and its answer. A side's fields are built again when its kind
 * changes; nothing here knows a system.
 */
public final class ConnectionsView extends VBox {
    private final ConnectionsViewModel viewModel;
    private final Messages messages;

    public ConnectionsView(ConnectionsViewModel viewModel, Messages messages) {
        super(12);
        this.viewModel = viewModel;
        this.messages = messages;
        getStyleClass().add("lp-page");
        Label heading = Controls.heading(messages.get("step.connections"));
        Label intro = Controls.intro(messages.get("connections.intro"));

        Label secrets = new Label();
        secrets.textProperty()
                .bind(javafx.beans.binding.Bindings.createStringBinding(
                        () -> messages.get(
                                        "connections.secrets.where",
                                        viewModel.credentialStorageProperty().get()) + " "
                                + messages.get("connections.secrets.never"),
                        viewModel.credentialStorageProperty()));
        secrets.setId("credential-storage");
        secrets.setGraphic(Icons.of(Feather.LOCK));
        secrets.setWrapText(true);
        secrets.setMinHeight(Region.USE_PREF_SIZE);
        secrets.getStyleClass().add(Styles.TEXT_SMALL);

        javafx.scene.control.Button unlock = new javafx.scene.control.Button(messages.get("connections.vault.unlock"));
        unlock.setId("unlock-vault");
        unlock.setGraphic(Icons.of(Feather.KEY));
        unlock.setMnemonicParsing(true);
        unlock.visibleProperty().bind(viewModel.vaultLockedProperty());
        unlock.managedProperty().bind(unlock.visibleProperty());
        unlock.setOnAction(e -> viewModel.unlockVault());
        HBox secretsRow = new HBox(10, secrets, unlock);
        secretsRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        HBox.setHgrow(secrets, Priority.ALWAYS);

        HBox sides = new HBox(16, sideCard(Side.SOURCE), sideCard(Side.DESTINATION));
        sides.getChildren().forEach(card -> HBox.setHgrow(card, Priority.ALWAYS));
        sides.setFillHeight(true);

        VBox body = new VBox(14, sides);
        body.setPadding(new Insets(0, 4, 8, 0));
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(heading, intro, secretsRow, scroll);
    }

    // ---- the two sides -------------------------------------------------------------------------------------

    private Node sideCard(Side side) {
        String id = side.name().toLowerCase(Locale.ROOT);
        GridPane kindGrid = grid();
        ComboBox<String> kind = new ComboBox<>(FXCollections.observableArrayList(
                viewModel.choices(side).stream().map(CatalogConnector::kind).toList()));
        kind.setId(id + "-type");
        kind.setMaxWidth(Double.MAX_VALUE);
        kind.setConverter(Controls.converter(viewModel::displayName));
        kind.setButtonCell(cell(viewModel::displayName));
        kind.valueProperty().bindBidirectional(viewModel.kindProperty(side));
        addRow(kindGrid, 0, SideConnector.typeKey(side), messages.get("connections.kind"), kind, kind, null);

        VBox fields = new VBox(8);
        fields.setId("fields-" + id);
        List<Runnable> unbind = new ArrayList<>();
        Runnable build = () -> {
            unbind.forEach(Runnable::run);
            unbind.clear();
            fields.getChildren().setAll(groups(viewModel.form(side), unbind));
        };
        build.run();
        viewModel.formProperty(side).addListener((obs, old, now) -> build.run());
        VBox grids = new VBox(7, kindGrid, fields);
        return card(
                side,
                messages.get(side == Side.SOURCE ? "connections.source.title" : "connections.destination.title"),
                grids);
    }

    /**
     * The form's settings by group, in the connector's order. A group in which every setting has a default (tuning)
     * starts folded: nothing in it needs the user.
     */
    private List<Node> groups(Form form, List<Runnable> unbind) {
        Map<String, List<Field>> byGroup = new LinkedHashMap<>();
        form.fields().forEach(f -> byGroup.computeIfAbsent(f.spec().group(), g -> new ArrayList<>())
                .add(f));
        List<Node> out = new ArrayList<>();
        String sideId = form.connector().side().name().toLowerCase(Locale.ROOT);
        byGroup.forEach((group, fields) -> {
            GridPane grid = grid();
            int row = 0;
            Side side = form.connector().side();
            if (!form.ways().isEmpty() && fields.stream().anyMatch(f -> f.way().isPresent())) {
                row = addWay(grid, row, side, form, fields, unbind);
            }
            for (Field field : fields) {
                if (field.way().orElse(null) == Way.DEFAULT_CHAIN) {
                    continue; // the way picker stands for it
                }
                BooleanBinding visible = field.way()
                        .map(w -> viewModel.wayProperty(side).isEqualTo(w))
                        .orElse(null);
                row = addField(grid, row, field, visible, unbind);
            }
            String groupId =
                    "group-" + sideId + "-" + group.toLowerCase(Locale.ROOT).replace(' ', '-');
            boolean folded =
                    fields.stream().allMatch(f -> f.spec().defaultValue().isPresent());
            if (folded) {
                TitledPane pane = new TitledPane(viewModel.groupTitle(group), grid);
                pane.setId(groupId);
                pane.setExpanded(false);
                pane.setAnimated(false);
                pane.getStyleClass().add(Styles.DENSE);
                out.add(pane);
            } else if (out.isEmpty()) {
                out.add(grid); // the first group goes on from the Catalog row above it
            } else {
                Label heading = new Label(viewModel.groupTitle(group));
                heading.setId(groupId);
                heading.getStyleClass().addAll(Styles.TEXT_CAPTION, Styles.TEXT_MUTED);
                out.add(new VBox(4, heading, grid));
            }
        });
        return out;
    }

    /** The way of signing in: keys, a profile or file, or the default chain, as the connector's settings offer. */
    private int addWay(GridPane grid, int row, Side side, Form form, List<Field> fields, List<Runnable> unbind) {
        String id = side.name().toLowerCase(Locale.ROOT);
        ComboBox<Way> way = new ComboBox<>(FXCollections.observableArrayList(form.ways()));
        way.setId("credentials-mode-" + id);
        way.setPromptText(messages.get("connections.mode.prompt"));
        way.setConverter(Controls.converter(w -> viewModel.wayName(side, w)));
        way.setButtonCell(cell(w -> viewModel.wayName(side, w), messages.get("connections.mode.prompt")));
        way.valueProperty().bindBidirectional(viewModel.wayProperty(side));
        unbind.add(() -> way.valueProperty().unbindBidirectional(viewModel.wayProperty(side)));
        Label chainHint = fields.stream()
                .filter(f -> f.way().orElse(null) == Way.DEFAULT_CHAIN)
                .findFirst()
                .map(f -> Controls.hint(viewModel.prompt(f)))
                .orElse(null);
        if (chainHint != null) {
            chainHint.setId("credentials-chain-hint-" + id);
            Controls.showWhen(chainHint, viewModel.wayProperty(side).isEqualTo(Way.DEFAULT_CHAIN));
        }
        VBox cell = chainHint == null ? new VBox(way) : new VBox(3, way, chainHint);
        place(grid, row, label(messages.get("connections.mode"), way), cell, null);
        return row + 1;
    }

    private Node card(Side side, String title, Node grid) {
        String id = side.name().toLowerCase(java.util.Locale.ROOT);
        Label heading = new Label(title);
        heading.getStyleClass().add(Styles.TITLE_4);
        ConnectionTest test = viewModel.test(side);
        Label status = new Label();
        status.setId("test-status-" + id);
        status.getStyleClass().add("badge");
        status.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> messages.get("connections.status." + test.state().name()), test.stateProperty()));
        test.stateProperty().addListener((obs, old, now) -> styleStatus(status, now));
        styleStatus(status, test.state());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(8, heading, spacer, status);
        header.setAlignment(Pos.CENTER_LEFT);

        Button run = new Button(messages.get("connections.test.button." + id));
        run.setId("test-" + id);
        run.setMnemonicParsing(true);
        run.setGraphic(Icons.of(Feather.ZAP));
        run.getStyleClass().add(Styles.ACCENT);
        ObservableBooleanValue valid =
                side == Side.SOURCE ? viewModel.sourceValidProperty() : viewModel.destinationValidProperty();
        BooleanBinding running = test.stateProperty().isEqualTo(ConnectionTest.State.RUNNING);
        run.disableProperty().bind(running.or(Bindings.not(valid)));
        run.setOnAction(e -> viewModel.testConnection(side));
        Button cancel = new Button(messages.get("common.cancel"));
        cancel.setId("cancel-test-" + id);
        cancel.setOnAction(e -> viewModel.cancelTest(side));
        Controls.showWhen(cancel, running);
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(20, 20);
        Controls.showWhen(spinner, running);
        HBox actions = new HBox(10, run, cancel, spinner);
        actions.setAlignment(Pos.CENTER_LEFT);

        // The answer is a new Message each time: AtlantaFX 2.0.1's Message shows its description in place of a
        // title that changes after the skin is built.
        StackPane result = new StackPane();
        result.setId("test-result-" + id);
        Runnable showResult = () -> result.getChildren().setAll(answer(test));
        test.messageProperty().addListener((obs, old, now) -> showResult.run());
        test.detailProperty().addListener((obs, old, now) -> showResult.run());
        test.stateProperty().addListener((obs, old, now) -> showResult.run());
        showResult.run();
        Controls.showWhen(result, Bindings.isNotEmpty(test.messageProperty()));

        VBox card = new VBox(10, header, missingCredentials(side, id), grid, actions, result);
        card.setId("card-" + id);
        card.getStyleClass().add("lp-card");
        card.setPadding(new Insets(14, 16, 16, 16));
        card.setMinWidth(320); // two cards side by side fit a 1024-pixel window
        card.setPrefWidth(480);
        card.setMaxWidth(Double.MAX_VALUE);
        return card;
    }

    /** What the side lacks to sign in, with the one-click way out of choosing the default chain. */
    private Node missingCredentials(Side side, String id) {
        Label text = new Label();
        text.setId("credentials-missing-" + id);
        text.setWrapText(true);
        text.setMinHeight(Region.USE_PREF_SIZE);
        text.setGraphic(Icons.of(Feather.ALERT_TRIANGLE));
        text.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> viewModel.credentialsProblemProperty(side).get()
                                + (viewModel.vaultLockedProperty().get()
                                        ? " " + messages.get("connections.credentials.locked")
                                        : ""),
                        viewModel.credentialsProblemProperty(side),
                        viewModel.vaultLockedProperty()));
        Button chain = new Button(messages.get("connections.credentials.confirmChain"));
        chain.setId("confirm-default-chain-" + id);
        chain.setMinWidth(Region.USE_PREF_SIZE);
        chain.setOnAction(e -> viewModel.confirmDefaultChain(side));
        VBox box = new VBox(8, text, chain);
        box.getStyleClass().addAll("lp-attention", Styles.WARNING);
        box.setPadding(new Insets(10, 12, 10, 12));
        Controls.showWhen(box, Bindings.isNotEmpty(viewModel.credentialsProblemProperty(side)));
        return box;
    }

    private static void styleStatus(Label status, ConnectionTest.State state) {
        status.getStyleClass().removeAll("badge-create", "badge-delete", "badge-update");
        switch (state) {
            case SUCCEEDED -> status.getStyleClass().add("badge-create");
            case FAILED -> status.getStyleClass().add("badge-delete");
            case RUNNING -> status.getStyleClass().add("badge-update");
            default -> {
                // untested: the plain badge
            }
        }
    }

    private static Message answer(ConnectionTest test) {
        Message message = new Message(
                test.messageProperty().get(),
                test.detailProperty().get().isEmpty()
                        ? null
                        : test.detailProperty().get());
        message.setId("test-answer-" + test.side().name().toLowerCase(java.util.Locale.ROOT));
        Feather icon;
        switch (test.state()) {
            case SUCCEEDED -> {
                message.getStyleClass().add(Styles.SUCCESS);
                icon = Feather.CHECK_CIRCLE;
            }
            case FAILED -> {
                message.getStyleClass().add(Styles.DANGER);
                icon = Feather.ALERT_CIRCLE;
            }
            case RUNNING -> {
                message.getStyleClass().add(Styles.ACCENT);
                icon = Feather.LOADER;
            }
            default -> icon = Feather.INFO;
        }
        message.setGraphic(Icons.of(icon));
        return message;
    }

    // ---- rows ----------------------------------------------------------------------------------------------

    /** Labels take this much room in every group, so the fields of a card line up. */
    private static final double LABEL_WIDTH = 132;

    private static GridPane grid() {
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(6);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(LABEL_WIDTH);
        labels.setPrefWidth(LABEL_WIDTH);
        labels.setHalignment(HPos.LEFT);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setFillWidth(true);
        grid.getColumnConstraints().addAll(labels, fields);
        return grid;
    }

    /** A setting's control by its type: a credential masked, a switch, a choice, a path with Browse, or text. */
    private int addField(GridPane grid, int row, Field field, BooleanBinding visible, List<Runnable> unbind) {
        SettingSpec spec = field.spec();
        StringProperty setting = viewModel.setting(field.key());
        String id = fieldId(field.key());
        Node control;
        Node labelled;
        if (!spec.secret() && spec.type() == SettingSpec.Type.BOOLEAN) {
            CheckBox box = new CheckBox();
            box.setId(id);
            boolean fallback = Boolean.parseBoolean(spec.defaultValue().orElse("false"));
            ChangeListener<String> fromSetting = (obs, old, now) ->
                    box.setSelected(now == null || now.isBlank() ? fallback : Boolean.parseBoolean(now.strip()));
            fromSetting.changed(setting, null, setting.get());
            setting.addListener(fromSetting);
            unbind.add(() -> setting.removeListener(fromSetting));
            box.selectedProperty().addListener((obs, old, now) -> {
                String value = now == fallback ? "" : String.valueOf(now);
                if (!value.equals(setting.get())) {
                    setting.set(value);
                }
            });
            control = box;
            labelled = box;
        } else if (!spec.secret() && spec.type() == SettingSpec.Type.CHOICE) {
            ChoiceBox<String> choice = new ChoiceBox<>(FXCollections.observableArrayList(spec.choices()));
            choice.setId(id);
            boolean[] syncing = {false};
            ChangeListener<String> fromSetting = (obs, old, now) -> {
                syncing[0] = true;
                try {
                    String value = now == null ? "" : now.strip();
                    String shown = spec.choices().stream()
                            .filter(c -> c.equalsIgnoreCase(value))
                            .findFirst()
                            .orElse(value.isEmpty() ? spec.defaultValue().orElse(null) : value);
                    choice.setValue(shown);
                } finally {
                    syncing[0] = false;
                }
            };
            fromSetting.changed(setting, null, setting.get());
            setting.addListener(fromSetting);
            unbind.add(() -> setting.removeListener(fromSetting));
            choice.valueProperty().addListener((obs, old, now) -> {
                if (!syncing[0] && now != null) {
                    setting.set(now);
                }
            });
            control = choice;
            labelled = choice;
        } else {
            TextInputControl text = spec.secret() ? new PasswordField() : new TextField();
            text.setId(id);
            text.textProperty().bindBidirectional(setting);
            unbind.add(() -> text.textProperty().unbindBidirectional(setting));
            text.setPromptText(viewModel.prompt(field));
            labelled = text;
            control = text;
            if (spec.type() == SettingSpec.Type.PATH) {
                Button browse = new Button(messages.get("connections.file.browse"));
                browse.setId("browse-" + id.substring("field-".length()));
                browse.setMnemonicParsing(true);
                browse.setGraphic(Icons.of(Feather.FOLDER));
                browse.setMinWidth(Region.USE_PREF_SIZE);
                browse.setOnAction(e -> viewModel.chooseFile(field));
                HBox box = new HBox(8, text, browse);
                HBox.setHgrow(text, Priority.ALWAYS);
                box.setAlignment(Pos.CENTER_LEFT);
                control = box;
            }
        }
        if (labelled instanceof javafx.scene.control.Control c && !spec.help().isBlank()) {
            c.setTooltip(new Tooltip(spec.help()));
        }
        return addRow(grid, row, field.key(), viewModel.label(field), control, labelled, visible);
    }

    /** A row of a setting: label, control, and the setting's error and warning below the control. */
    private int addRow(
            GridPane grid, int row, String key, String text, Node control, Node labelled, BooleanBinding visible) {
        String suffix = fieldId(key).substring("field-".length());
        Label error = new Label();
        error.setId("error-" + suffix);
        error.getStyleClass().add("field-error");
        error.setWrapText(true);
        error.setMinHeight(Region.USE_PREF_SIZE);
        error.textProperty().bind(viewModel.errorProperty(key));
        Controls.showWhen(error, Bindings.isNotEmpty(error.textProperty()));
        Label warning = new Label();
        warning.setId("warning-" + suffix);
        warning.getStyleClass().addAll(Styles.WARNING, Styles.TEXT_SMALL);
        warning.setWrapText(true);
        warning.setMinHeight(Region.USE_PREF_SIZE);
        warning.textProperty().bind(viewModel.warningProperty(key));
        Controls.showWhen(warning, Bindings.isNotEmpty(warning.textProperty()));
        VBox cell = new VBox(3, control, error, warning);
        place(grid, row, label(text, labelled), cell, visible);
        return row + 1;
    }

    private static void place(GridPane grid, int row, Label label, VBox cell, BooleanBinding visible) {
        GridPane.setValignment(label, VPos.TOP);
        label.setPadding(new Insets(6, 0, 0, 0));
        label.setWrapText(true);
        grid.add(label, 0, row);
        grid.add(cell, 1, row);
        if (visible != null) {
            Controls.showWhen(label, visible);
            Controls.showWhen(cell, visible);
        }
    }

    private static Label label(String text, Node target) {
        Label label = new Label(text);
        label.setMnemonicParsing(true);
        label.setLabelFor(target);
        return label;
    }

    static String fieldId(String key) {
        return "field-" + key.replace('.', '-');
    }

    private static <T> ListCell<T> cell(Function<T, String> text) {
        return cell(text, null);
    }

    /** A combo box's cell; {@code none} is what it says while nothing is chosen (a custom cell hides the prompt). */
    private static <T> ListCell<T> cell(Function<T, String> text, String none) {
        return new ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? none : text.apply(item));
            }
        };
    }
}
