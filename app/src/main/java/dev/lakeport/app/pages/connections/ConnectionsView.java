package dev.lakeport.app.pages.connections;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import dev.lakeport.app.i18n.Messages;
import dev.lakeport.app.pages.connections.ConnectionsViewModel.AliyunCredentialMode;
import dev.lakeport.app.pages.connections.ConnectionsViewModel.AwsCredentialMode;
import dev.lakeport.app.ui.Controls;
import dev.lakeport.app.ui.Icons;
import dev.lakeport.config.ConfigKeys;
import dev.lakeport.snapshot.Side;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/** Step 2's view: the source and the destination side by side, each with its fields, its test and its answer. */
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

        HBox sides = new HBox(16, sourceCard(), destinationCard());
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

    private Node sourceCard() {
        GridPane grid = grid();
        int row = 0;
        ComboBox<ConnectionsViewModel.SourceType> type =
                new ComboBox<>(FXCollections.observableArrayList(ConnectionsViewModel.SourceType.values()));
        type.setId("source-type");
        type.setMaxWidth(Double.MAX_VALUE);
        type.valueProperty().bindBidirectional(viewModel.sourceTypeProperty());
        type.setConverter(Controls.converter(t -> messages.get("connections.source.type." + t.name())));
        type.setButtonCell(cell(t -> messages.get("connections.source.type." + t.name())));
        Label later = Controls.hint(messages.get("connections.source.later"));
        later.setId("source-later");
        row = addRow(grid, row, messages.get("connections.source.type"), type, later);
        row = addField(grid, row, ConfigKeys.AWS_REGION, new TextField(), null);
        row = addField(grid, row, ConfigKeys.AWS_CATALOG_ID, new TextField(), null);
        row = addField(grid, row, ConfigKeys.AWS_ENDPOINT, new TextField(), null);

        ComboBox<AwsCredentialMode> mode =
                new ComboBox<>(FXCollections.observableArrayList(AwsCredentialMode.values()));
        mode.setId("aws-credentials-mode");
        mode.setPromptText(messages.get("connections.mode.prompt"));
        mode.setConverter(Controls.converter(m -> messages.get("connections.aws.mode." + m.name())));
        mode.setButtonCell(
                cell(m -> messages.get("connections.aws.mode." + m.name()), messages.get("connections.mode.prompt")));
        mode.valueProperty().bindBidirectional(viewModel.awsModeProperty());
        Label chainHint = Controls.hint(messages.get("connections.aws.mode.DEFAULT_CHAIN.hint"));
        BooleanBinding chain = viewModel.awsModeProperty().isEqualTo(AwsCredentialMode.DEFAULT_CHAIN);
        Controls.showWhen(chainHint, chain);
        row = addRow(grid, row, messages.get("connections.aws.mode"), mode, chainHint);
        BooleanBinding keys = viewModel.awsModeProperty().isEqualTo(AwsCredentialMode.ACCESS_KEYS);
        row = addField(grid, row, ConfigKeys.AWS_ACCESS_KEY_ID, new TextField(), keys);
        row = addField(grid, row, ConfigKeys.AWS_SECRET_ACCESS_KEY, new PasswordField(), keys);
        row = addField(grid, row, ConfigKeys.AWS_SESSION_TOKEN, new PasswordField(), keys);
        addField(
                grid,
                row,
                ConfigKeys.AWS_PROFILE,
                new TextField(),
                viewModel.awsModeProperty().isEqualTo(AwsCredentialMode.PROFILE));
        return card(Side.SOURCE, messages.get("connections.source.title"), grid);
    }

    private Node destinationCard() {
        GridPane grid = grid();
        int row = 0;
        ComboBox<ConnectionsViewModel.DestinationType> type =
                new ComboBox<>(FXCollections.observableArrayList(ConnectionsViewModel.DestinationType.values()));
        type.setId("destination-type");
        type.setMaxWidth(Double.MAX_VALUE);
        type.valueProperty().bindBidirectional(viewModel.destinationTypeProperty());
        type.setConverter(Controls.converter(t -> messages.get("connections.destination.type." + t.name())));
        type.setButtonCell(cell(t -> messages.get("connections.destination.type." + t.name())));
        row = addRow(grid, row, messages.get("connections.destination.type"), type, null);
        row = addField(grid, row, ConfigKeys.ALIYUN_REGION, new TextField(), null);
        row = addField(grid, row, ConfigKeys.ALIYUN_CATALOG_ID, new TextField(), null);
        row = addField(grid, row, ConfigKeys.ALIYUN_ENDPOINT, new TextField(), null);
        row = addProtocol(grid, row);

        ComboBox<AliyunCredentialMode> mode =
                new ComboBox<>(FXCollections.observableArrayList(AliyunCredentialMode.values()));
        mode.setId("aliyun-credentials-mode");
        mode.setPromptText(messages.get("connections.mode.prompt"));
        mode.setConverter(Controls.converter(m -> messages.get("connections.aliyun.mode." + m.name())));
        mode.setButtonCell(cell(
                m -> messages.get("connections.aliyun.mode." + m.name()), messages.get("connections.mode.prompt")));
        mode.valueProperty().bindBidirectional(viewModel.aliyunModeProperty());
        Label chainHint = Controls.hint(messages.get("connections.aliyun.mode.DEFAULT_CHAIN.hint"));
        Controls.showWhen(chainHint, viewModel.aliyunModeProperty().isEqualTo(AliyunCredentialMode.DEFAULT_CHAIN));
        row = addRow(grid, row, messages.get("connections.aliyun.mode"), mode, chainHint);
        BooleanBinding keys = viewModel.aliyunModeProperty().isEqualTo(AliyunCredentialMode.ACCESS_KEYS);
        row = addField(grid, row, ConfigKeys.ALIYUN_ACCESS_KEY_ID, new TextField(), keys);
        row = addField(grid, row, ConfigKeys.ALIYUN_SECRET_ACCESS_KEY, new PasswordField(), keys);
        BooleanBinding file = viewModel.aliyunModeProperty().isEqualTo(AliyunCredentialMode.CREDENTIALS_FILE);
        Button browse = new Button(messages.get("connections.aliyun.file.browse"));
        browse.setId("aliyun-credentials-browse");
        browse.setMnemonicParsing(true);
        browse.setGraphic(Icons.of(Feather.FOLDER));
        browse.setOnAction(e -> viewModel.chooseAliyunCredentialsFile());
        row = addField(grid, row, ConfigKeys.ALIYUN_CREDENTIALS_FILE, new TextField(), file, browse);
        addField(grid, row, ConfigKeys.ALIYUN_PROFILE, new TextField(), file);
        return card(Side.DESTINATION, messages.get("connections.destination.title"), grid);
    }

    private int addProtocol(GridPane grid, int row) {
        ComboBox<String> protocol = new ComboBox<>(FXCollections.observableArrayList("HTTPS", "HTTP"));
        protocol.setId(fieldId(ConfigKeys.ALIYUN_PROTOCOL));
        var setting = viewModel.setting(ConfigKeys.ALIYUN_PROTOCOL);
        boolean[] syncing = {false};
        Runnable fromSetting = () -> {
            syncing[0] = true;
            try {
                String value = setting.get().trim().toUpperCase(java.util.Locale.ROOT);
                protocol.setValue(value.isEmpty() ? "HTTPS" : value);
            } finally {
                syncing[0] = false;
            }
        };
        fromSetting.run();
        setting.addListener((obs, old, now) -> fromSetting.run());
        protocol.valueProperty().addListener((obs, old, now) -> {
            if (!syncing[0] && now != null) {
                setting.set(now);
            }
        });
        return addRow(grid, row, ConfigKeys.ALIYUN_PROTOCOL, protocol, null, null);
    }

    private Node card(Side side, String title, GridPane grid) {
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

        VBox card = new VBox(12, header, missingCredentials(side, id), grid, actions, result);
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

    private int addField(GridPane grid, int row, String key, TextInputControl field, BooleanBinding visible) {
        return addField(grid, row, key, field, visible, null);
    }

    private int addField(
            GridPane grid, int row, String key, TextInputControl field, BooleanBinding visible, Node trailing) {
        field.setId(fieldId(key));
        field.textProperty().bindBidirectional(viewModel.setting(key));
        String prompt = "connections.prompt." + key;
        if (messages.has(prompt)) {
            field.setPromptText(messages.get(prompt));
        }
        Node control = field;
        if (trailing != null) {
            HBox box = new HBox(8, field, trailing);
            HBox.setHgrow(field, Priority.ALWAYS);
            box.setAlignment(Pos.CENTER_LEFT);
            control = box;
        }
        return addRow(grid, row, key, control, field, visible);
    }

    /** A row of a setting: label, control, and the setting's error and warning below the control. */
    private int addRow(GridPane grid, int row, String key, Node control, Node labelled, BooleanBinding visible) {
        Label error = new Label();
        error.setId("error-" + fieldId(key).substring("field-".length()));
        error.getStyleClass().add("field-error");
        error.setWrapText(true);
        error.textProperty().bind(viewModel.errorProperty(key));
        Controls.showWhen(error, Bindings.isNotEmpty(error.textProperty()));
        Label warning = new Label();
        warning.setId("warning-" + fieldId(key).substring("field-".length()));
        warning.getStyleClass().addAll(Styles.WARNING, Styles.TEXT_SMALL);
        warning.setWrapText(true);
        warning.textProperty().bind(viewModel.warningProperty(key));
        Controls.showWhen(warning, Bindings.isNotEmpty(warning.textProperty()));
        VBox cell = new VBox(3, control, error, warning);
        Label label =
                label(messages.get(ConnectionsViewModel.fieldLabelKey(key)), labelled == null ? control : labelled);
        place(grid, row, label, cell, visible);
        return row + 1;
    }

    private int addRow(GridPane grid, int row, String text, Node control, Label below) {
        VBox cell = below == null ? new VBox(control) : new VBox(3, control, below);
        place(grid, row, label(text, control), cell, null);
        return row + 1;
    }

    private static void place(GridPane grid, int row, Label label, VBox cell, BooleanBinding visible) {
        GridPane.setValignment(label, VPos.TOP);
        label.setPadding(new Insets(6, 0, 0, 0));
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
