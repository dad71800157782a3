package dev.lakeport.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.app.pages.diff.DiffViewModel;
import dev.lakeport.app.pages.load.LoadViewModel;
import dev.lakeport.app.pages.project.ProjectViewModel;
import dev.lakeport.app.pages.reports.ReportsViewModel;
import dev.lakeport.app.pages.run.RunViewModel;
import dev.lakeport.app.task.FxTaskRunner;
import dev.lakeport.app.testing.RecordingDialogService;
import dev.lakeport.app.testing.Screenshots;
import dev.lakeport.app.testing.TestingWindow;
import dev.lakeport.app.ui.Copying;
import dev.lakeport.app.ui.FullText;
import dev.lakeport.app.wizard.Step;
import dev.lakeport.snapshot.Side;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The sample project in a 1024×700 window, every page and every tab with content: no text is cut off without a tooltip
 * that shows it whole, and table cells copy. With {@code -Dlakeport.screenshots=DIR} it writes each page as
 * {@code small-<page>.png}.
 */
@ExtendWith(ApplicationExtension.class)
class SmallWindowTest {
    @TempDir
    static Path home;

    private TestingWindow window;
    private Stage stage;
    private final FxTaskRunner tasks = new FxTaskRunner();

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = new TestingWindow(
                home.resolve("h" + System.nanoTime()), tasks, new RecordingDialogService(), Locale.ENGLISH);
        window.show(stage);
        stage.setWidth(1024);
        stage.setHeight(700);
        stage.getScene().getRoot().resize(1024, 700);
    }

    @AfterEach
    void close() {
        WaitForAsyncUtils.asyncFx(window::close);
        WaitForAsyncUtils.waitForFxEvents();
        tasks.close();
    }

    /** Does {@code action} on the FX thread and waits, with a bound, until the work it started is over. */
    private void doAndWait(FxRobot robot, Runnable action) {
        robot.interact(action);
        settle();
    }

    private void settle() {
        try {
            WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(
                            () -> tasks.running().isEmpty())
                    .get());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the work did not end in 3 minutes", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void everyPageAt1024x700ShowsItsTextWholeOrInATooltip(FxRobot robot) {
        List<String> cut = new ArrayList<>();
        doAndWait(robot, () -> window.ui.viewModel(ProjectViewModel.class).openSample(300));
        check(robot, Step.PROJECT, cut);

        go(robot, Step.CONNECTIONS);
        robot.clickOn("#test-source");
        robot.clickOn("#test-destination");
        settle();
        check(robot, Step.CONNECTIONS, cut);

        go(robot, Step.SCOPE);
        go(robot, Step.LOAD);
        doAndWait(robot, () -> window.ui.viewModel(LoadViewModel.class).loadBoth());
        check(robot, Step.LOAD, cut);
        go(robot, Step.SCOPE);
        check(robot, Step.SCOPE, cut);

        go(robot, Step.BROWSE);
        openFirstTable(robot, "#browse-tree");
        check(robot, Step.BROWSE, cut);

        go(robot, Step.DIFF);
        doAndWait(robot, () -> window.ui.viewModel(DiffViewModel.class).runDiff());
        openFirstTable(robot, "#diff-tree");
        check(robot, Step.DIFF, cut);

        go(robot, Step.RUN);
        doAndWait(robot, () -> window.ui.viewModel(RunViewModel.class).apply());
        check(robot, Step.RUN, cut);

        go(robot, Step.COPY);
        check(robot, Step.COPY, cut);

        go(robot, Step.REPORTS);
        doAndWait(robot, () -> window.ui.viewModel(ReportsViewModel.class).verify());
        check(robot, Step.REPORTS, cut);

        assertThat(window.context
                        .session()
                        .store()
                        .loadInfo(Side.SOURCE)
                        .orElseThrow()
                        .complete())
                .isTrue();
        assertThat(cut).as("text cut off without a tooltip holding all of it").isEmpty();
    }

    @Test
    void aTableCellCopiesWholeFromItsContextMenuAndTheSelectedRowOnCtrlC(FxRobot robot) {
        doAndWait(robot, () -> window.ui.viewModel(ProjectViewModel.class).openSample(300));
        go(robot, Step.CONNECTIONS);
        go(robot, Step.SCOPE);
        go(robot, Step.LOAD);
        doAndWait(robot, () -> window.ui.viewModel(LoadViewModel.class).loadBoth());
        WaitForAsyncUtils.waitForFxEvents();
        TableView<?> databases = robot.lookup("#source-databases").queryTableView();
        TableCell<?, ?> first = robot.lookup("#source-databases .table-cell").queryAll().stream()
                .map(n -> (TableCell<?, ?>) n)
                .filter(c -> c.getIndex() == 0
                        && c.getTableColumn() == databases.getColumns().get(0))
                .findFirst()
                .orElseThrow();
        String name = first.getText();
        assertThat(name).isNotBlank();

        // The context menu as a right-click on the cell asks for it.
        robot.interact(() -> {
            javafx.geometry.Bounds b = first.localToScene(first.getLayoutBounds());
            first.fireEvent(new javafx.scene.input.ContextMenuEvent(
                    javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED,
                    2,
                    2,
                    b.getMinX() + 2,
                    b.getMinY() + 2,
                    false,
                    new javafx.scene.input.PickResult(first, b.getMinX() + 2, b.getMinY() + 2)));
            javafx.scene.control.MenuItem copy =
                    databases.getContextMenu().getItems().get(0);
            assertThat(copy.getText()).isEqualTo("Copy");
            copy.fire();
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(clipboard(robot)).isEqualTo(name);

        robot.clickOn(first);
        robot.press(KeyCode.CONTROL, KeyCode.C).release(KeyCode.C, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(clipboard(robot)).startsWith(name + "\t").endsWith("\tDone").doesNotContain("\n");
        assertThat(databases.getContextMenu()).isNotNull();
        robot.interact(() -> Copying.put(""));
    }

    private static String clipboard(FxRobot robot) {
        String[] text = new String[1];
        robot.interact(() -> text[0] = Clipboard.getSystemClipboard().getString());
        return text[0];
    }

    private void go(FxRobot robot, Step step) {
        robot.interact(() -> assertThat(window.ui.wizard().go(step))
                .as("%s can be reached", step)
                .isTrue());
        settle();
    }

    private void openFirstTable(FxRobot robot, String treeId) {
        robot.interact(() -> {
            TreeView<?> tree = robot.lookup(treeId).query();
            tree.getRoot().getChildren().get(0).setExpanded(true);
        });
        settle();
        robot.interact(() -> {
            TreeView<?> tree = robot.lookup(treeId).query();
            TreeItem<?> db = tree.getRoot().getChildren().get(0);
            TreeItem<?> table = db.getChildren().get(0);
            table.setExpanded(true);
            select(
                    tree,
                    table.getChildren().isEmpty() ? table : table.getChildren().get(0));
        });
        settle();
    }

    @SuppressWarnings("unchecked")
    private static <T> void select(TreeView<T> tree, TreeItem<?> item) {
        tree.getSelectionModel().select((TreeItem<T>) item);
    }

    /** Shows every tab of the page in turn and records each labeled that is cut off without the whole text near. */
    private void check(FxRobot robot, Step step, List<String> cut) {
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(stage.getScene().getWidth()).isEqualTo(1024);
        List<TabPane> tabPanes = new ArrayList<>();
        robot.interact(() -> collect(stage.getScene().getRoot(), TabPane.class, tabPanes));
        String page = step.name().toLowerCase(Locale.ROOT);
        inspect(robot, page, cut);
        for (TabPane tabs : tabPanes) {
            for (Tab tab : List.copyOf(tabs.getTabs())) {
                robot.interact(() -> tabs.getSelectionModel().select(tab));
                inspect(
                        robot,
                        page + "-" + (tab.getId() == null ? tabs.getTabs().indexOf(tab) : tab.getId()),
                        cut);
            }
            robot.interact(() -> tabs.getSelectionModel().select(0));
        }
    }

    private void inspect(FxRobot robot, String name, List<String> cut) {
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            List<Labeled> labeled = new ArrayList<>();
            collect(stage.getScene().getRoot(), Labeled.class, labeled);
            for (Labeled l : labeled) {
                boolean whole = l.getTooltip() != null
                        && l.getTooltip().getText() != null
                        && l.getTooltip().getText().contains(FullText.fullText(l));
                String what = name + ": " + l.getClass().getSimpleName() + (l.getId() == null ? "" : "#" + l.getId());
                if (FullText.isCut(l) && !whole) {
                    cut.add(what + " shows '" + FullText.shownText(l) + "' of '" + l.getText() + "'");
                }
                double overflow = overflow(l);
                if (overflow > 1 && !whole) {
                    cut.add(what + " '" + l.getText() + "' runs " + Math.round(overflow) + " px past the edge of "
                            + "what shows it");
                }
            }
            Screenshots.take(stage.getScene(), "small-" + name);
        });
    }

    /**
     * How far a node reaches past the right edge of the window or of the scroll pane around it (a page wider than the
     * window); 0 when it is inside. Lists and tables scroll their own cells sideways and are left out.
     */
    private static double overflow(Node node) {
        javafx.geometry.Bounds bounds = node.localToScene(node.getLayoutBounds());
        double right = node.getScene().getWidth();
        for (Node n = node.getParent(); n != null; n = n.getParent()) {
            if (n instanceof javafx.scene.control.skin.VirtualFlow<?>
                    || n instanceof javafx.scene.control.TableView<?>
                    || n instanceof javafx.scene.control.TreeTableView<?>) {
                return 0;
            }
            if (n instanceof javafx.scene.control.ScrollPane pane) {
                Node viewport = pane.lookup(".viewport");
                if (viewport != null) {
                    right = Math.min(
                            right,
                            viewport.localToScene(viewport.getLayoutBounds()).getMaxX());
                }
            }
        }
        return bounds.getWidth() <= 0 ? 0 : bounds.getMaxX() - right;
    }

    private static <T> void collect(Node node, Class<T> type, List<T> out) {
        if (!node.isVisible()) {
            return;
        }
        if (type.isInstance(node)) {
            out.add(type.cast(node));
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                collect(child, type, out);
            }
        }
    }
}
