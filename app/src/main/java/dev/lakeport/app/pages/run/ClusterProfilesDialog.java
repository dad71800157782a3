package dev.lakeport.app.pages.run;

import atlantafx.base.theme.Styles;
import dev.lakeport.app.i18n.Messages;
import dev.lakeport.app.ui.Controls;
import dev.lakeport.launch.ClusterProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;

/**
 * Edits the project's cluster profiles: a list on the left, the chosen profile's fields on the right (those of its
 * type only), what is wrong under them. OK is refused while any profile is wrong or two share a name.
 */
public final class ClusterProfilesDialog extends Dialog<List<ClusterProfile>> {
    private final Messages messages;
    private final ListView<ClusterProfileForm> list = new ListView<>();
    private final StringProperty problem = new SimpleStringProperty("");
    private final VBox formBox = new VBox(10);
    /** The form shown now, its grid, the first row of its type's fields, and its Spark settings box. */
    private ClusterProfileForm shown;

    private GridPane shownGrid;
    private int shownTypeRow;
    private TextArea shownConf;

    public ClusterProfilesDialog(Messages messages, List<ClusterProfile> profiles, Window owner) {
        this.messages = messages;
        setTitle(messages.get("run.profiles.title"));
        if (owner != null) {
            initOwner(owner);
        }
        setResizable(true);
        profiles.forEach(p -> list.getItems().add(watched(ClusterProfileForm.of(p))));
        list.setId("profiles-list");
        list.setPrefWidth(200);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(ClusterProfileForm item, boolean empty) {
                super.updateItem(item, empty);
                textProperty().unbind();
                if (empty || item == null) {
                    setText(null);
                } else {
                    textProperty().bind(item.nameProperty());
                }
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> showForm(now));

        Button add = Controls.button("profiles-add", messages.get("run.profiles.add"), Feather.PLUS, this::addProfile);
        Button remove = Controls.button(
                "profiles-remove", messages.get("run.profiles.remove"), Feather.TRASH_2, () -> list.getItems()
                        .remove(list.getSelectionModel().getSelectedItem()));
        remove.disableProperty()
                .bind(list.getSelectionModel().selectedItemProperty().isNull());
        add.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        remove.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        VBox left = new VBox(8, list, new HBox(6, add, remove));
        VBox.setVgrow(list, Priority.ALWAYS);

        Label error = new Label();
        error.setId("profiles-problem");
        error.getStyleClass().add("field-error");
        error.setWrapText(true);
        error.textProperty().bind(problem);
        Label hint = Controls.hint(messages.get("run.profiles.hint"));
        hint.setWrapText(true);
        hint.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        VBox right = new VBox(10, formBox, error, hint);
        right.setPrefWidth(480);
        HBox content = new HBox(16, left, right);
        content.setPadding(new Insets(8));
        HBox.setHgrow(right, Priority.ALWAYS);
        getDialogPane().setContent(content);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        getDialogPane().setPrefSize(820, 560);

        Node ok = getDialogPane().lookupButton(ButtonType.OK);
        ok.setId("profiles-ok");
        ok.addEventFilter(ActionEvent.ACTION, e -> {
            check();
            if (!problem.get().isEmpty()) {
                e.consume();
            }
        });
        setResultConverter(button -> button == ButtonType.OK ? built() : null);
        if (!list.getItems().isEmpty()) {
            list.getSelectionModel().selectFirst();
        } else {
            showForm(null);
        }
    }

    private void addProfile() {
        int n = list.getItems().size() + 1;
        String name = "cluster-" + n;
        while (nameTaken(name)) {
            name = "cluster-" + ++n;
        }
        ClusterProfileForm form = ClusterProfileForm.blank(name);
        list.getItems().add(watched(form));
        list.getSelectionModel().select(form);
    }

    private boolean nameTaken(String name) {
        return list.getItems().stream()
                .anyMatch(f -> f.nameProperty().get().trim().equals(name));
    }

    /** Puts the first problem of any profile in {@link #problem}, naming the profile. */
    private void check() {
        List<String> names = new ArrayList<>();
        for (ClusterProfileForm form : list.getItems()) {
            String name = form.nameProperty().get().trim();
            Optional<String> wrong = form.problem();
            if (wrong.isPresent()) {
                problem.set(messages.get("run.profiles.wrong", name, wrong.get()));
                list.getSelectionModel().select(form);
                return;
            }
            if (names.contains(name)) {
                problem.set(messages.get("run.profiles.duplicate", name));
                return;
            }
            names.add(name);
        }
        problem.set("");
    }

    private List<ClusterProfile> built() {
        return list.getItems().stream().map(ClusterProfileForm::build).toList();
    }

    /**
     * Listens to a form once, for its life in the list: an edit of the form shown rechecks it, and another type lays
     * out the rows below the type again (the type's box stays).
     */
    private ClusterProfileForm watched(ClusterProfileForm form) {
        for (var property : List.of(
                form.nameProperty(),
                form.sparkHomeProperty(),
                form.hadoopConfDirProperty(),
                form.masterProperty(),
                form.deployModeProperty(),
                form.livyUrlProperty(),
                form.jobJarProperty(),
                form.proxyUserProperty(),
                form.threadsProperty(),
                form.clientHomeProperty(),
                form.odpsSparkVersionProperty(),
                form.odpsProjectProperty(),
                form.odpsEndpointProperty(),
                form.odpsRuntimeEndpointProperty(),
                form.sparkConfProperty())) {
            property.addListener((obs, old, now) -> recheck(form));
        }
        form.typeProperty().addListener((obs, old, now) -> {
            if (form == shown) {
                typeFields(shownGrid, shownTypeRow, form, shownConf);
                recheck(form);
            }
        });
        return form;
    }

    private void recheck(ClusterProfileForm form) {
        if (form == shown) {
            problem.set(form.problem()
                    .map(p -> messages.get(
                            "run.profiles.wrong", form.nameProperty().get(), p))
                    .orElse(""));
        }
    }

    private void showForm(ClusterProfileForm form) {
        formBox.getChildren().clear();
        shown = form;
        if (form == null) {
            formBox.getChildren().add(Controls.hint(messages.get("run.profiles.empty")));
            return;
        }
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        ComboBox<ClusterProfileForm.Type> type = new ComboBox<>();
        type.setId("profile-type");
        type.getItems().setAll(ClusterProfileForm.Type.values());
        type.setConverter(Controls.converter(t -> messages.get(t.messageKey())));
        type.valueProperty().bindBidirectional(form.typeProperty());
        int row = 0;
        row = field(grid, row, "run.profiles.name", text("profile-name", form.nameProperty()));
        row = field(grid, row, "run.profiles.type", type);
        TextArea conf = new TextArea();
        conf.setId("profile-conf");
        conf.setPrefRowCount(5);
        conf.textProperty().bindBidirectional(form.sparkConfProperty());
        conf.setPromptText("spark.executor.instances=10");
        int typeRow = row;
        typeFields(grid, typeRow, form, conf);
        formBox.getChildren().add(grid);
        shown = form;
        shownGrid = grid;
        shownTypeRow = typeRow;
        shownConf = conf;
        recheck(form);
    }

    /** The rows of the form's type from {@code firstRow} on, then the Spark settings; replaces earlier ones. */
    private void typeFields(GridPane grid, int firstRow, ClusterProfileForm form, TextArea conf) {
        grid.getChildren().removeIf(n -> GridPane.getRowIndex(n) != null && GridPane.getRowIndex(n) >= firstRow);
        int row = firstRow;
        switch (form.typeProperty().get()) {
            case SPARK_SUBMIT -> {
                row = field(grid, row, "run.profiles.sparkHome", text("profile-spark-home", form.sparkHomeProperty()));
                row = field(
                        grid,
                        row,
                        "run.profiles.hadoopConfDir",
                        text("profile-hadoop-conf", form.hadoopConfDirProperty()));
                row = field(grid, row, "run.profiles.master", text("profile-master", form.masterProperty()));
                row = field(
                        grid, row, "run.profiles.deployMode", text("profile-deploy-mode", form.deployModeProperty()));
            }
            case LIVY -> {
                row = field(grid, row, "run.profiles.livyUrl", text("profile-livy-url", form.livyUrlProperty()));
                row = field(grid, row, "run.profiles.jobJar", text("profile-job-jar", form.jobJarProperty()));
                row = field(grid, row, "run.profiles.proxyUser", text("profile-proxy-user", form.proxyUserProperty()));
            }
            case LOCAL -> row =
                    field(grid, row, "run.profiles.threads", text("profile-threads", form.threadsProperty()));
            case MAXCOMPUTE_SPARK -> {
                row = field(
                        grid, row, "run.profiles.clientHome", text("profile-client-home", form.clientHomeProperty()));
                row = field(
                        grid,
                        row,
                        "run.profiles.odpsSparkVersion",
                        text("profile-odps-spark-version", form.odpsSparkVersionProperty()));
                row = field(
                        grid,
                        row,
                        "run.profiles.odpsProject",
                        text("profile-odps-project", form.odpsProjectProperty()));
                row = field(
                        grid,
                        row,
                        "run.profiles.odpsEndpoint",
                        text("profile-odps-endpoint", form.odpsEndpointProperty()));
                row = field(
                        grid,
                        row,
                        "run.profiles.odpsRuntimeEndpoint",
                        text("profile-odps-runtime-endpoint", form.odpsRuntimeEndpointProperty()));
            }
        }
        field(grid, row, "run.profiles.conf", conf);
    }

    private static TextField text(String id, StringProperty property) {
        TextField field = new TextField();
        field.setId(id);
        field.textProperty().bindBidirectional(property);
        return field;
    }

    private int field(GridPane grid, int row, String key, Node input) {
        Label label = new Label(messages.get(key));
        label.setLabelFor(input);
        label.getStyleClass().add(Styles.TEXT_BOLD);
        label.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        grid.add(label, 0, row);
        grid.add(input, 1, row);
        GridPane.setHgrow(input, Priority.ALWAYS);
        return row + 1;
    }
}
