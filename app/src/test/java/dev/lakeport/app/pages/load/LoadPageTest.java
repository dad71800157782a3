package dev.lakeport.app.pages.load;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.lakeport.app.pages.project.ProjectViewModel;
import dev.lakeport.app.task.FxTaskRunner;
import dev.lakeport.app.testing.PartitionGate;
import dev.lakeport.app.testing.RecordingDialogService;
import dev.lakeport.app.testing.Screenshots;
import dev.lakeport.app.testing.TestingWindow;
import dev.lakeport.app.wizard.Step;
import dev.lakeport.config.ConfigKeys;
import dev.lakeport.model.Partition;
import dev.lakeport.pipeline.Migration;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import dev.lakeport.snapshot.DatabaseSummary;
import dev.lakeport.snapshot.LoadInfo;
import dev.lakeport.snapshot.Side;
import dev.lakeport.snapshot.SnapshotStore;
import dev.lakeport.snapshot.TableSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Load page in the whole window, on the sample project's emulators, with the real background runner. */
@ExtendWith(ApplicationExtension.class)
class LoadPageTest {
    private static final int PARTITIONS = 1_000;

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

    private final List<PartitionGate> gates = new ArrayList<>();

    @AfterEach
    void close() {
        gates.forEach(PartitionGate::close);
        WaitForAsyncUtils.asyncFx(() -> {
            window.close();
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        });
        WaitForAsyncUtils.waitForFxEvents();
        tasks.close();
    }

    @Test
    void loadBothFillsBothCardsAndEnablesNext(FxRobot robot) throws Exception {
        LoadViewModel load = openSampleOnLoadPage(robot);
        assertThat(robot.lookup("#next-button").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#next-problem").queryLabeled().getText()).isEqualTo("Load both catalogs to go on.");
        assertThat(robot.lookup("#source-state").queryLabeled().getText()).isEqualTo("Not loaded");

        robot.clickOn("#load-both");
        waitUntil(120, () -> !load.runningProperty().get());

        assertThat(dialogs.errors).isEmpty();
        assertThat(robot.lookup("#source-state").queryLabeled().getText()).isEqualTo("Complete");
        assertThat(robot.lookup("#destination-state").queryLabeled().getText()).isEqualTo("Complete");
        assertThat(robot.lookup("#source-result").queryLabeled().getText())
                .startsWith("Loaded 5 databases, ")
                .contains("1,000 partitions and 6 functions in ");
        assertThat(robot.lookup("#source-phase").queryLabeled().getText()).isEqualTo("Done");
        TableView<?> databases = robot.lookup("#source-databases").queryTableView();
        assertThat(databases.getItems()).hasSize(5);
        assertThat(robot.lookup("#source-progress")
                        .queryAs(javafx.scene.control.ProgressBar.class)
                        .getProgress())
                .isEqualTo(1.0);
        assertThat(robot.lookup("#next-button").queryButton().isDisabled()).isFalse();
        assertThat(window.ui.wizard().page(Step.LOAD).completeProperty().get()).isTrue();
        screenshot(robot, "load");

        robot.interact(() -> Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet()));
        screenshot(robot, "load-dark");
    }

    @Test
    void cancelKeepsWhatWasReadAndResumeEndsWithWhatACleanLoadHolds(FxRobot robot) throws Exception {
        LoadViewModel load = openSampleOnLoadPage(robot);
        // The source answers through a gate: one table's partitions pass, every other table's calls wait until the
        // test has cancelled. The load cannot finish before the cancel, however busy the machine.
        // It stays in front of Glue to the end: a resume reads the same endpoint as the load it continues.
        PartitionGate gate =
                new PartitionGate(window.context.sample().glue().orElseThrow().endpoint());
        gates.add(gate);
        robot.interact(() -> window.context
                .session()
                .setting(ConfigKeys.AWS_ENDPOINT)
                .set(gate.endpoint().toString()));
        gate.hold();
        robot.clickOn("#load-both");
        waitUntil(
                60, () -> gate.held() > 0 && load.source().partitionsProperty().get() > 0);
        Button cancel = robot.lookup("#load-cancel").queryButton();
        assertThat(cancel.isDisabled()).isFalse();
        screenshot(robot, "load-running");
        robot.clickOn(cancel); // the click asks the load to stop before it returns
        gate.release();
        waitUntil(60, () -> !load.runningProperty().get());

        assertThat(robot.lookup("#source-state").queryLabeled().getText()).isEqualTo("Incomplete");
        assertThat(robot.lookup("#source-result").queryLabeled().getText()).startsWith("Cancelled after ");
        Button resume = robot.lookup("#load-resume").queryButton();
        assertThat(resume.isVisible()).isTrue();
        assertThat(resume.isDisabled()).isFalse();
        assertThat(robot.lookup("#next-button").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#next-problem").queryLabeled().getText())
                .isEqualTo("A load is unfinished: resume it to go on.");
        SnapshotStore store = window.context.session().store();
        LoadInfo interrupted = store.loadInfo(Side.SOURCE).orElseThrow();
        assertThat(interrupted.complete()).isFalse();
        assertThat(interrupted.partitions()).isPositive().isLessThan(PARTITIONS);
        // No row still says "Loading": those not read whole say they were cancelled and resume on the next load.
        TableView<SideLoad.DatabaseRow> rows = robot.lookup("#source-databases").queryTableView();
        assertThat(rows.getItems())
                .extracting(SideLoad.DatabaseRow::status)
                .doesNotContain(SideLoad.RowStatus.LOADING, SideLoad.RowStatus.WAITING)
                .contains(SideLoad.RowStatus.CANCELLED);
        assertThat(statusTexts(robot, "#source-databases"))
                .noneMatch(t -> t.startsWith("Loading"))
                .anyMatch(t -> t.matches("Cancelled \\(\\d+ of \\d+ tables read, resumes on next load\\)"));
        screenshot(robot, "load-cancelled");

        robot.clickOn("#load-resume");
        waitUntil(120, () -> !load.runningProperty().get());

        assertThat(dialogs.errors).isEmpty();
        assertThat(robot.lookup("#source-state").queryLabeled().getText()).isEqualTo("Complete");
        assertThat(robot.lookup("#next-button").queryButton().isDisabled()).isFalse();
        LoadInfo resumed = store.loadInfo(Side.SOURCE).orElseThrow();
        assertThat(resumed.generation())
                .as("the resume continued the interrupted load")
                .isEqualTo(interrupted.generation());

        // A clean load of the same catalog into another project holds exactly the same objects.
        Path cleanFile = home.resolve("clean-" + System.nanoTime() + ".mv.db");
        try (Migration clean = Migration.open(window.context.session().config(), cleanFile, new Properties())) {
            clean.load(Side.SOURCE, ProgressListener.NONE, CancellationToken.NONE);
            LoadInfo expected = clean.snapshot().loadInfo(Side.SOURCE).orElseThrow();
            assertThat(List.of(resumed.databases(), resumed.tables(), resumed.partitions(), resumed.functions()))
                    .isEqualTo(List.of(
                            expected.databases(), expected.tables(), expected.partitions(), expected.functions()));
            assertThat(resumed.partitions()).isEqualTo(PARTITIONS);
            Map<String, List<List<String>>> resumedPartitions = partitionValues(store);
            Map<String, List<List<String>>> cleanPartitions = partitionValues(clean.snapshot());
            assertThat(resumedPartitions).isEqualTo(cleanPartitions);
            resumedPartitions.forEach((table, values) -> assertThat(new HashSet<>(values))
                    .as("no partition of %s twice", table)
                    .hasSameSizeAs(values));
        }
    }

    @Test
    void invalidSettingsAreShownInlineAndTheLoadButtonsStayDisabled(FxRobot robot) throws Exception {
        LoadViewModel load = openSampleOnLoadPage(robot);
        robot.interact(() -> {
            window.context.session().setting("location.convertMap").set("{not json");
            load.refresh();
        });
        waitUntil(20, () -> !load.configValidProperty().get());

        Message problems = robot.lookup("#load-config-problems").queryAs(Message.class);
        assertThat(problems.isVisible()).isTrue();
        assertThat(problems.getDescription()).contains("location.convertMap");
        assertThat(robot.lookup("#load-both").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#load-source").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#next-problem").queryLabeled().getText())
                .isEqualTo("The settings have problems; correct them first.");
        screenshot(robot, "load-invalid");
    }

    @Test
    void theChineseWindowShowsTheSameCards(FxRobot robot) throws Exception {
        robot.interact(() -> {
            window.close();
            window = new TestingWindow(
                    home.resolve("zh" + System.nanoTime()), tasks, dialogs, Locale.SIMPLIFIED_CHINESE);
            window.show((Stage) robot.listWindows().get(0));
        });
        LoadViewModel load = openSampleOnLoadPage(robot);
        robot.interact(load::loadBoth);
        waitUntil(120, () -> !load.runningProperty().get());
        assertThat(robot.lookup("#source-state").queryLabeled().getText()).isEqualTo("已完成");
        assertThat(robot.lookup("#source-result").queryLabeled().getText()).startsWith("已加载 5 个数据库");
        screenshot(robot, "load-zh");
    }

    private LoadViewModel openSampleOnLoadPage(FxRobot robot) throws Exception {
        robot.interact(() -> window.ui.viewModel(ProjectViewModel.class).openSample(PARTITIONS));
        waitUntil(120, () -> window.context.session().openProperty().get());
        robot.interact(() -> assertThat(window.ui.wizard().go(Step.LOAD)).isTrue());
        LoadViewModel load = window.ui.viewModel(LoadViewModel.class);
        waitUntil(30, () -> load.checkedProperty().get());
        return load;
    }

    /** Every table's partition values in key order, read page by page as the Browse page does. */
    private static Map<String, List<List<String>>> partitionValues(SnapshotStore store) {
        Map<String, List<List<String>>> result = new TreeMap<>();
        for (DatabaseSummary db : store.databases(Side.SOURCE)) {
            for (TableSummary t : store.tables(Side.SOURCE, db.name(), "", 0, 1_000)) {
                List<List<String>> values = new ArrayList<>();
                Optional<List<String>> after = Optional.empty();
                List<Partition> page;
                do {
                    page = store.partitions(Side.SOURCE, db.name(), t.table().name(), after, 100);
                    page.forEach(p -> values.add(p.values()));
                    if (!page.isEmpty()) {
                        after = Optional.of(page.get(page.size() - 1).values());
                    }
                } while (page.size() == 100);
                assertThat((long) values.size())
                        .isEqualTo(store.countPartitions(
                                Side.SOURCE, db.name(), t.table().name()));
                result.put(db.name() + "." + t.table().name(), values);
            }
        }
        return result;
    }

    /** The texts the status column shows, as rendered. */
    /** The texts the status column shows, as rendered once the page has caught up, read on the FX thread. */
    private static List<String> statusTexts(FxRobot robot, String table) {
        WaitForAsyncUtils.waitForFxEvents();
        List<String> texts = new ArrayList<>();
        robot.interact(() -> {
            TableView<?> view = robot.lookup(table).queryTableView();
            view.layout();
            robot.from(view).lookup(".lp-load-status").queryAllAs(javafx.scene.control.TableCell.class).stream()
                    // cells kept aside for reuse are hidden and may still hold an old text
                    .filter(c -> c.isVisible()
                            && !c.isEmpty()
                            && c.getIndex() < view.getItems().size())
                    .map(javafx.scene.control.Labeled::getText)
                    .filter(t -> t != null && !t.isEmpty())
                    .forEach(texts::add);
        });
        return texts;
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
