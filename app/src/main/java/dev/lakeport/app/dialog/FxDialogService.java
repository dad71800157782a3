package dev.lakeport.app.dialog;

import static java.util.Objects.requireNonNull;

import dev.lakeport.app.i18n.Messages;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.HostServices;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The window's dialogs: JavaFX dialogs owned by the main window, Enter for the default button, Esc to cancel. */
public final class FxDialogService implements DialogService {
    private final Supplier<Window> owner;
    private final Messages messages;
    private final Optional<HostServices> hostServices;
    private final Consumer<String> notices;

    /**
     * @param notices shows a transient notice (the main window's notice bar)
     */
    public FxDialogService(
            Supplier<Window> owner, Messages messages, Optional<HostServices> hostServices, Consumer<String> notices) {
        this.owner = requireNonNull(owner, "owner is null");
        this.messages = requireNonNull(messages, "messages is null");
        this.hostServices = requireNonNull(hostServices, "hostServices is null");
        this.notices = requireNonNull(notices, "notices is null");
    }

    @Override
    public void showError(UserMessage message) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        prepare(alert, message.title());
        alert.setHeaderText(message.text());
        alert.setContentText(message.hint());
        message.details().ifPresent(error -> {
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            TextArea area = new TextArea(trace.toString());
            area.setEditable(false);
            area.setWrapText(false);
            area.setPrefRowCount(14);
            area.setId("error-details");
            alert.getDialogPane().setExpandableContent(area);
        });
        alert.showAndWait();
    }

    @Override
    public void showInformation(String title, String text) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        prepare(alert, title);
        alert.setHeaderText(null);
        alert.setContentText(text);
        alert.showAndWait();
    }

    @Override
    public boolean confirm(String title, String text, String confirmLabel) {
        ButtonType yes = new ButtonType(confirmLabel, ButtonBar.ButtonData.OK_DONE);
        ButtonType no = new ButtonType(messages.get("dialog.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, text, yes, no);
        prepare(alert, title);
        alert.setHeaderText(null);
        return alert.showAndWait().filter(yes::equals).isPresent();
    }

    @Override
    public Optional<String> prompt(String title, String text, String initialValue, TextValidator validator) {
        Dialog<String> dialog = new Dialog<>();
        prepare(dialog, title);
        TextField field = new TextField(initialValue);
        field.setId("prompt-field");
        Label error = new Label();
        error.getStyleClass().add("field-error");
        error.setId("prompt-error");
        error.managedProperty().bind(error.visibleProperty());
        error.visibleProperty().bind(error.textProperty().isNotEmpty());
        Label label = new Label(text);
        label.setWrapText(true);
        label.setLabelFor(field);
        dialog.getDialogPane().setContent(column(label, field, error));
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        Node ok = dialog.getDialogPane().lookupButton(ButtonType.OK);
        ok.disableProperty()
                .bind(Bindings.createBooleanBinding(
                        () -> validator.check(field.getText()).isPresent(), field.textProperty()));
        field.textProperty()
                .addListener(
                        (obs, old, now) -> error.setText(validator.check(now).orElse("")));
        error.setText(
                initialValue.isEmpty() ? "" : validator.check(initialValue).orElse(""));
        dialog.setOnShown(e -> field.requestFocus());
        dialog.setResultConverter(button -> button == ButtonType.OK ? field.getText() : null);
        return dialog.showAndWait();
    }

    @Override
    public Optional<char[]> promptPassphrase(String title, String text, boolean confirm) {
        Dialog<char[]> dialog = new Dialog<>();
        prepare(dialog, title);
        PasswordField first = new PasswordField();
        first.setId("passphrase");
        PasswordField second = new PasswordField();
        second.setId("passphrase-again");
        second.setPromptText(messages.get("dialog.passphrase.again"));
        Label label = new Label(text);
        label.setWrapText(true);
        label.setLabelFor(first);
        dialog.getDialogPane().setContent(confirm ? column(label, first, second) : column(label, first));
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        Node ok = dialog.getDialogPane().lookupButton(ButtonType.OK);
        ok.disableProperty()
                .bind(Bindings.createBooleanBinding(
                        () -> first.getText().isEmpty()
                                || (confirm && !first.getText().equals(second.getText())),
                        first.textProperty(),
                        second.textProperty()));
        dialog.setOnShown(e -> first.requestFocus());
        dialog.setResultConverter(button -> {
            if (button != ButtonType.OK) {
                return null;
            }
            char[] value = first.getText().toCharArray();
            first.clear();
            second.clear();
            return value;
        });
        return dialog.showAndWait();
    }

    @Override
    public Optional<Path> chooseFileToOpen(String title, List<FileFilter> filters, Optional<Path> initialDirectory) {
        FileChooser chooser = chooser(title, filters);
        initialDirectory.filter(Files::isDirectory).map(Path::toFile).ifPresent(chooser::setInitialDirectory);
        return Optional.ofNullable(chooser.showOpenDialog(owner.get())).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseFileToSave(String title, String initialName, List<FileFilter> filters) {
        FileChooser chooser = chooser(title, filters);
        chooser.setInitialFileName(initialName);
        return Optional.ofNullable(chooser.showSaveDialog(owner.get())).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseDirectory(String title, Optional<Path> initialDirectory) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        initialDirectory.filter(Files::isDirectory).map(Path::toFile).ifPresent(chooser::setInitialDirectory);
        return Optional.ofNullable(chooser.showDialog(owner.get())).map(File::toPath);
    }

    @Override
    public void notify(String text) {
        notices.accept(text);
    }

    @Override
    public void openExternally(Path file) {
        hostServices.ifPresent(h -> h.showDocument(file.toUri().toString()));
    }

    private static FileChooser chooser(String title, List<FileFilter> filters) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        for (FileFilter f : filters) {
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(f.description(), f.patterns()));
        }
        return chooser;
    }

    private void prepare(Dialog<?> dialog, String title) {
        dialog.setTitle(title);
        Window window = owner.get();
        if (window != null) {
            dialog.initOwner(window);
            dialog.getDialogPane().getStylesheets().setAll(window.getScene().getStylesheets());
        }
        dialog.setResizable(true);
    }

    private static VBox column(Node... nodes) {
        VBox box = new VBox(8);
        box.getChildren().addAll(Arrays.asList(nodes));
        box.setPrefWidth(460);
        return box;
    }
}
