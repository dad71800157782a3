package dev.lakeport.app.wizard;

import static java.util.Objects.requireNonNull;

import atlantafx.base.theme.Styles;
import dev.lakeport.app.i18n.Messages;
import dev.lakeport.app.task.TaskInfo;
import dev.lakeport.app.task.TaskRunner;
import dev.lakeport.app.ui.Icons;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;

/**
 * The main window's content: a header (project, tasks, theme, language), the step list on the left, the current
 * page in the middle, and a footer with the notice line, the reason Next is disabled, and Back / Next.
 */
public final class WizardView extends BorderPane {
    private final WizardViewModel viewModel;
    private final Messages messages;
    private final Map<Step, Page> pages = new EnumMap<>(Step.class);
    private final StackPane content = new StackPane();
    private final Label notice = new Label();
    private final PauseTransition noticeTimer = new PauseTransition(Duration.seconds(6));

    /** Actions of the header that belong to the application, not the wizard. */
    public interface WindowActions {
        void toggleTheme();

        boolean isDark();

        void switchLanguage(java.util.Locale locale);
    }

    public WizardView(
            WizardViewModel viewModel,
            List<Page> pageList,
            TaskRunner tasks,
            Messages messages,
            WindowActions actions) {
        this.viewModel = requireNonNull(viewModel, "viewModel is null");
        this.messages = requireNonNull(messages, "messages is null");
        for (Page page : pageList) {
            pages.put(page.step(), page);
        }
        getStyleClass().add("lp-window");
        setTop(header(tasks, actions));
        setLeft(stepList());
        content.getStyleClass().add("lp-content");
        content.setPadding(new Insets(16, 20, 8, 20));
        setCenter(content);
        setBottom(footer());
        show(viewModel.currentProperty().get());
        viewModel.currentProperty().addListener((obs, old, now) -> show(now));
        sceneProperty().addListener((obs, old, scene) -> {
            if (scene == null) {
                return;
            }
            dev.lakeport.app.ui.FullText.watch(scene, messages);
            for (Step step : Step.values()) {
                if (step.ordinal() >= 9) {
                    break; // Ctrl+1 to Ctrl+9 reach the first nine steps; the rest by the list or Ctrl+PageDown
                }
                KeyCode digit = KeyCode.valueOf("DIGIT" + (step.ordinal() + 1));
                scene.getAccelerators()
                        .put(new KeyCodeCombination(digit, KeyCombination.SHORTCUT_DOWN), () -> viewModel.go(step));
            }
            scene.getAccelerators()
                    .put(new KeyCodeCombination(KeyCode.PAGE_DOWN, KeyCombination.SHORTCUT_DOWN), viewModel::next);
            scene.getAccelerators()
                    .put(new KeyCodeCombination(KeyCode.PAGE_UP, KeyCombination.SHORTCUT_DOWN), viewModel::back);
        });
    }

    /** Shows a notice in the footer for a few seconds (the dialog service's {@code notify}). */
    public void showNotice(String text) {
        notice.setText(text);
        noticeTimer.setOnFinished(e -> notice.setText(""));
        noticeTimer.playFromStart();
    }

    private void show(Step step) {
        Node view = pages.get(step).view();
        content.getChildren().setAll(view);
    }

    private Node header(TaskRunner tasks, WindowActions actions) {
        Label title = new Label();
        title.textProperty().bind(viewModel.titleProperty());
        title.getStyleClass().addAll(Styles.TITLE_3, "lp-title");
        title.setId("window-title");

        MenuButton running = new MenuButton();
        running.setId("tasks-button");
        running.setGraphic(Icons.of(Feather.ACTIVITY));
        running.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> messages.get("tasks.running", tasks.running().size()), tasks.running()));
        running.visibleProperty().bind(Bindings.isNotEmpty(tasks.running()));
        running.managedProperty().bind(running.visibleProperty());
        tasks.running().addListener((ListChangeListener<TaskInfo>) change -> {
            running.getItems().clear();
            for (TaskInfo task : tasks.running()) {
                running.getItems().add(taskItem(task));
            }
        });

        Button theme = new Button();
        theme.setId("theme-button");
        theme.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        theme.setGraphic(Icons.of(actions.isDark() ? Feather.SUN : Feather.MOON));
        theme.setTooltip(new Tooltip(messages.get("header.theme")));
        theme.setAccessibleText(messages.get("header.theme"));
        theme.setOnAction(e -> {
            actions.toggleTheme();
            theme.setGraphic(Icons.of(actions.isDark() ? Feather.SUN : Feather.MOON));
        });

        MenuButton language = new MenuButton();
        language.setId("language-button");
        language.setGraphic(Icons.of(Feather.GLOBE));
        language.getStyleClass().add(Styles.FLAT);
        language.setTooltip(new Tooltip(messages.get("header.language")));
        for (java.util.Locale locale : Messages.LOCALES) {
            MenuItem item = new MenuItem(locale.getDisplayName(locale));
            item.setOnAction(e -> actions.switchLanguage(locale));
            language.getItems().add(item);
        }

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(10, Icons.of(Feather.ANCHOR), title, spacer, running, language, theme);
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(8, 14, 8, 14));
        header.getStyleClass().add("lp-header");
        return header;
    }

    private MenuItem taskItem(TaskInfo task) {
        Label name = new Label();
        name.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> task.phaseProperty().get().isEmpty()
                                ? task.titleProperty().get()
                                : task.titleProperty().get() + " · "
                                        + task.phaseProperty().get(),
                        task.titleProperty(),
                        task.phaseProperty()));
        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(task.progressProperty());
        bar.setPrefWidth(220);
        Button cancel = new Button(messages.get("tasks.cancel"));
        cancel.getStyleClass().add(Styles.SMALL);
        cancel.setOnAction(e -> task.cancel());
        HBox row = new HBox(8, name, bar, cancel);
        row.setAlignment(Pos.CENTER_LEFT);
        MenuItem item = new MenuItem();
        item.setGraphic(row);
        return item;
    }

    private Node stepList() {
        ListView<Step> list = new ListView<>();
        list.setId("step-list");
        list.getItems().setAll(Step.values());
        list.getStyleClass().addAll("lp-steps", Styles.DENSE);
        list.setPrefWidth(236);
        list.setCellFactory(view -> new StepCell());
        list.getSelectionModel().select(viewModel.currentProperty().get());
        viewModel.currentProperty().addListener((obs, old, now) -> list.getSelectionModel()
                .select(now));
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null && !viewModel.go(now)) {
                list.getSelectionModel().select(viewModel.currentProperty().get());
            }
        });
        VBox box = new VBox(list);
        VBox.setVgrow(list, Priority.ALWAYS);
        box.getStyleClass().add("lp-sidebar");
        return box;
    }

    private final class StepCell extends ListCell<Step> {
        StepCell() {
            // Cells take the list's width instead of their content's, so the list never scrolls sideways.
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(Step step, boolean empty) {
            super.updateItem(step, empty);
            disableProperty().unbind();
            if (empty || step == null) {
                setText(null);
                setGraphic(null);
                setTooltip(null);
                return;
            }
            PageViewModel page = viewModel.page(step);
            Label number = new Label(String.valueOf(step.ordinal() + 1));
            number.getStyleClass().add("lp-step-number");
            var check = Icons.of(Feather.CHECK_CIRCLE);
            check.getStyleClass().add("lp-step-done");
            check.visibleProperty().bind(page.completeProperty());
            Label name = new Label(messages.get(step.titleKey()));
            name.setId("step-" + step.name().toLowerCase(java.util.Locale.ROOT));
            var attention = Icons.of(Feather.ALERT_TRIANGLE);
            attention.setId("step-attention-" + step.name().toLowerCase(java.util.Locale.ROOT));
            attention.getStyleClass().add("lp-step-attention");
            attention.visibleProperty().bind(Bindings.isNotEmpty(page.attentionProperty()));
            attention.managedProperty().bind(attention.visibleProperty());
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            HBox row = new HBox(8, number, name, spacer, attention, check);
            row.setAlignment(Pos.CENTER_LEFT);
            setText(null);
            setGraphic(row);
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
            Tooltip tooltip = new Tooltip();
            tooltip.textProperty()
                    .bind(Bindings.createStringBinding(
                            () -> page.attentionProperty().get().isEmpty()
                                    ? messages.get(step.descriptionKey())
                                    : messages.get(step.descriptionKey()) + "\n\n"
                                            + page.attentionProperty().get(),
                            page.attentionProperty()));
            setTooltip(tooltip);
            disableProperty().bind(viewModel.reachableProperty(step).not());
        }
    }

    private Node footer() {
        notice.setId("notice");
        notice.getStyleClass().add("lp-notice");
        Label problem = new Label();
        problem.setId("next-problem");
        problem.getStyleClass().addAll(Styles.TEXT_MUTED, "lp-problem");
        problem.textProperty().bind(viewModel.problemProperty());
        problem.setWrapText(true);
        Button back = new Button(messages.get("wizard.back"));
        back.setId("back-button");
        back.setGraphic(Icons.of(Feather.ARROW_LEFT));
        back.setMnemonicParsing(true);
        back.disableProperty().bind(viewModel.canBackProperty().not());
        back.setOnAction(e -> viewModel.back());
        Button next = new Button(messages.get("wizard.next"));
        next.setId("next-button");
        next.setGraphic(Icons.of(Feather.ARROW_RIGHT));
        next.setContentDisplay(ContentDisplay.RIGHT);
        next.setMnemonicParsing(true);
        next.getStyleClass().add(Styles.ACCENT);
        next.disableProperty().bind(viewModel.canNextProperty().not());
        next.setOnAction(e -> viewModel.next());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox footer = new HBox(12, notice, spacer, problem, back, next);
        footer.setAlignment(Pos.CENTER_RIGHT);
        footer.setPadding(new Insets(10, 20, 12, 20));
        footer.getStyleClass().add("lp-footer");
        return footer;
    }
}
