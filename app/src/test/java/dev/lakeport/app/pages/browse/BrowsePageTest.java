package dev.lakeport.app.pages.browse;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.lakeport.app.pages.browse.BrowseItem.DatabaseItem;
import dev.lakeport.app.pages.browse.BrowseItem.MoreItem;
import dev.lakeport.app.pages.browse.BrowseItem.PartitionItem;
import dev.lakeport.app.pages.browse.BrowseItem.TableItem;
import dev.lakeport.app.pages.project.ProjectViewModel;
import dev.lakeport.app.session.ProjectSession;
import dev.lakeport.app.task.FxTaskRunner;
import dev.lakeport.app.testing.RecordingDialogService;
import dev.lakeport.app.testing.Screenshots;
import dev.lakeport.app.testing.TestingWindow;
import dev.lakeport.app.wizard.Step;
import dev.lakeport.pipeline.Migration;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.chart.BarChart;
import javafx.scene.control.Label;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeView;
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

/** The Browse page in the whole window over the loaded sample project, with the real background runner. */
@ExtendWith(ApplicationExtension.class)
class BrowsePageTest {
    private static final int PARTITIONS = 2_000;

    @TempDir
    static Path home;

    private TestingWindow window;
    private FxTaskRunner tasks;
    private final RecordingDialogService dialogs = new RecordingDialogService();

    @Start
    void start(Stage stage) {
        tasks = new FxTaskRunner();
        window = new TestingWindow(home.resolve("h" + System.nanoTime()), tasks, dialogs, Locale.ENGLISH);
        window.show(stage);
    }

    @AfterEach
    void close() {
        WaitForAsyncUtils.asyncFx(() -> {
            window.close();
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        });
        WaitForAsyncUtils.waitForFxEvents();
        tasks.close();
    }

    @Test
    void theTreeOpensOnDemandAndTheDetailsFollowTheSelection(FxRobot robot) throws Exception {
        BrowseViewModel browse = openLoadedSampleOnBrowsePage(robot);
        assertThat(robot.lookup("#browse-status").queryLabeled().getText())
                .startsWith("5 databases, ")
                .contains("2,000 partitions");
        BrowseNode webLogs = node(browse.root(), "web_logs");
        assertThat(webLogs.children()).as("not read before it is opened").isEmpty();

        // Keyboard: select the database, open it with the right arrow.
        robot.clickOn(cell(robot, webLogs));
        robot.type(KeyCode.RIGHT);
        waitUntil(30, () -> webLogs.children().stream().anyMatch(n -> n.item() instanceof TableItem));
        assertThat(detailsTitle(robot)).isEqualTo("web_logs");

        BrowseNode largest = webLogs.children().stream()
                .filter(n -> n.item() instanceof TableItem)
                .max(java.util.Comparator.comparingLong(
                        n -> ((TableItem) n.item()).summary().partitionCount()))
                .orElseThrow();
        long partitions = ((TableItem) largest.item()).summary().partitionCount();
        assertThat(partitions)
                .as("the sample's largest table needs more than a page")
                .isGreaterThan(200);
        robot.clickOn(cell(robot, largest));
        waitUntil(30, () -> largest.text().equals(detailsTitle(robot)));
        robot.type(KeyCode.RIGHT);
        waitUntil(30, () -> largest.children().size() == BrowseViewModel.PARTITION_PAGE + 1);
        screenshot(robot, "browse");

        // "Load more…" brings the next page under the same table.
        BrowseNode more = largest.children().get(BrowseViewModel.PARTITION_PAGE);
        assertThat(more.item()).isInstanceOf(MoreItem.class);
        robot.interact(() -> {
            TreeView<BrowseNode> tree = robot.lookup("#browse-tree").query();
            tree.scrollTo(tree.getRow(itemOf(tree, more)));
        });
        robot.clickOn(cell(robot, more));
        waitUntil(
                30,
                () -> largest.children().stream()
                                .filter(n -> n.item() instanceof PartitionItem)
                                .count()
                        == Math.min(partitions, 2L * BrowseViewModel.PARTITION_PAGE));

        // A partition's details: its values and where its data lands after the mapping.
        BrowseNode first = largest.children().get(0);
        robot.interact(() -> {
            TreeView<BrowseNode> tree = robot.lookup("#browse-tree").query();
            tree.scrollTo(tree.getRow(itemOf(tree, first)));
        });
        robot.clickOn(cell(robot, first));
        waitUntil(30, () -> first.text().equals(detailsTitle(robot)));
        assertThat(robot.lookup("Partition").tryQuery()).isPresent();
        // A value is read-only text the user can select and copy, not a label.
        javafx.scene.control.TextInputControl location = robot.lookup(
                        n -> n instanceof javafx.scene.control.TextInputControl t
                                && t.getText().startsWith("oss://lakeport-sample-"))
                .query();
        assertThat(location.isEditable()).isFalse();
        robot.interact(() -> {
            location.selectAll();
            location.copy();
        });
        robot.interact(() -> assertThat(
                        javafx.scene.input.Clipboard.getSystemClipboard().getString())
                .isEqualTo(location.getText()));
        screenshot(robot, "browse-partition");

        robot.interact(() -> Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet()));
        screenshot(robot, "browse-dark");
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void theChartShowsTablesAndPartitionsPerDatabase(FxRobot robot) throws Exception {
        BrowseViewModel browse = openLoadedSampleOnBrowsePage(robot);
        robot.clickOn("Objects per database");
        WaitForAsyncUtils.waitForFxEvents();
        BarChart<?, ?> partitions = robot.lookup("#browse-chart-partitions").queryAs(BarChart.class);
        assertThat(partitions.getData()).hasSize(1);
        assertThat(partitions.getData().get(0).getData()).hasSize(5);
        long charted = partitions.getData().get(0).getData().stream()
                .mapToLong(d -> ((Number) d.getYValue()).longValue())
                .sum();
        assertThat(charted).isEqualTo(PARTITIONS);
        BarChart<?, ?> tables = robot.lookup("#browse-chart-tables").queryAs(BarChart.class);
        assertThat(tables.getData()).hasSize(2);
        assertThat(browse.chart()).hasSize(5);
        screenshot(robot, "browse-chart");
    }

    @Test
    void searchNarrowsTheTreeToTheTablesWhoseNamesMatch(FxRobot robot) throws Exception {
        BrowseViewModel browse = openLoadedSampleOnBrowsePage(robot);
        robot.clickOn("#browse-search").write("orders");
        waitUntil(
                30,
                () -> browse.root().children().size() == 1
                        && browse.root().children().get(0).children().stream()
                                .map(BrowseNode::text)
                                .toList()
                                .equals(java.util.List.of("orders", "orders_iceberg")));
        BrowseNode sales = browse.root().children().get(0);
        assertThat(sales.text()).isEqualTo("sales");
        assertThat(((DatabaseItem) sales.item()).matchingTables()).isEqualTo(2);
        assertThat(sales.children()).extracting(BrowseNode::text).containsExactly("orders", "orders_iceberg");
        screenshot(robot, "browse-search");

        robot.type(KeyCode.ESCAPE);
        waitUntil(30, () -> browse.root().children().size() == 5);
    }

    @Test
    void theDestinationSideShowsWhatItHolds(FxRobot robot) throws Exception {
        BrowseViewModel browse = openLoadedSampleOnBrowsePage(robot);
        robot.clickOn("#browse-destination");
        waitUntil(
                30,
                () -> robot.lookup("#browse-status").queryLabeled().getText().equals("Nothing loaded for this side"));
        assertThat(browse.root().children()).singleElement().satisfies(n -> assertThat(n.text())
                .isEqualTo("Nothing is loaded for this side: load it on the Load page."));
        robot.clickOn("#browse-source");
        waitUntil(30, () -> browse.root().children().size() == 5);
    }

    private BrowseViewModel openLoadedSampleOnBrowsePage(FxRobot robot) throws Exception {
        robot.interact(() -> window.ui.viewModel(ProjectViewModel.class).openSample(PARTITIONS));
        waitUntil(120, () -> window.context.session().openProperty().get());
        // The Load step is tested on its own page; here the snapshot is filled through the engine.
        ProjectSession session = window.context.session();
        Migration.BothLoads loads =
                session.migration().loadBoth(ProgressListener.NONE, ProgressListener.NONE, CancellationToken.NONE);
        assertThat(loads.complete()).isTrue();
        robot.interact(() -> session.snapshotGenerationProperty()
                .set(session.snapshotGenerationProperty().get() + 1));
        waitUntil(30, () -> window.ui.wizard().page(Step.LOAD).validProperty().get());
        robot.interact(() -> assertThat(window.ui.wizard().go(Step.BROWSE)).isTrue());
        BrowseViewModel browse = window.ui.viewModel(BrowseViewModel.class);
        waitUntil(30, () -> browse.root().children().size() == 5);
        return browse;
    }

    private static BrowseNode node(BrowseNode parent, String text) {
        return parent.children().stream()
                .filter(n -> n.text().equals(text))
                .findFirst()
                .orElseThrow();
    }

    private static javafx.scene.control.TreeItem<BrowseNode> itemOf(TreeView<BrowseNode> tree, BrowseNode node) {
        for (int row = 0; row < tree.getExpandedItemCount(); row++) {
            if (tree.getTreeItem(row).getValue() == node) {
                return tree.getTreeItem(row);
            }
        }
        throw new AssertionError(node + " is not in the tree");
    }

    @SuppressWarnings("unchecked")
    private static TreeCell<BrowseNode> cell(FxRobot robot, BrowseNode node) {
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup(".tree-cell")
                .match(c -> ((TreeCell<BrowseNode>) c).getItem() == node)
                .queryAs(TreeCell.class);
    }

    private static String detailsTitle(FxRobot robot) {
        return robot.lookup("#browse-details-title")
                .tryQuery()
                .map(n -> ((Label) n).getText())
                .orElse("");
    }

    private static void screenshot(FxRobot robot, String name) {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.asyncFx(() -> Screenshots.take(robot.window(0).getScene(), name));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Waits, with a bound, for a condition read on the FX thread. */
    private static void waitUntil(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition)
                .get());
    }
}
