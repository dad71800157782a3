package dev.lakeport.app;

import static dev.lakeport.app.testing.ClickThrough.selectIn;
import static dev.lakeport.app.testing.ClickThrough.shot;
import static dev.lakeport.app.testing.ClickThrough.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.lakeport.app.pages.reports.ReportsViewModel;
import dev.lakeport.app.task.FxTaskRunner;
import dev.lakeport.app.testing.RecordingDialogService;
import dev.lakeport.app.testing.TestingWindow;
import dev.lakeport.app.wizard.Step;
import dev.lakeport.emulator.dlf.DlfEmulator;
import dev.lakeport.emulator.glue.GlueEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
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
 * The sample project clicked through from Project to Reports on the real emulators, with the real background runner:
 * open the sample, test both connections, load, diff, apply, verify (the re-diff must be empty) and export the HTML
 * report. With {@code -Dlakeport.screenshots=DIR} it also writes the user guide's screenshots of every page.
 */
@ExtendWith(ApplicationExtension.class)
class SampleClickThroughIT {
    private static final int SAMPLE_PARTITIONS = 2_000;

    @TempDir
    Path home;

    private final FxTaskRunner tasks = new FxTaskRunner();
    private final RecordingDialogService dialogs = new RecordingDialogService();
    private TestingWindow window;

    @Start
    void start(Stage stage) {
        window = new TestingWindow(home, tasks, dialogs, Locale.ENGLISH);
        window.show(stage);
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, WaitForAsyncUtils.asyncFx(() -> {
            window.close();
            return true;
        }));
        tasks.close();
    }

    @Test
    void theSampleProjectFromProjectToReports(FxRobot robot) throws Exception {
        // 1. Project: the sample starts the emulators inside the app.
        robot.clickOn("#open-sample");
        waitFor(
                120,
                () -> window.context.session().openProperty().get()
                        && tasks.running().isEmpty());
        assertThat(dialogs.errors).isEmpty();
        shot(robot, "desktop-1-project");

        // 2. Connections: both catalogs answer with their database counts.
        next(robot, Step.CONNECTIONS);
        robot.clickOn("#test-source");
        robot.clickOn("#test-destination");
        waitFor(60, () -> window.ui
                .wizard()
                .page(Step.CONNECTIONS)
                .completeProperty()
                .get());
        assertThat(window.ui
                        .viewModel(dev.lakeport.app.pages.connections.ConnectionsViewModel.class)
                        .test(dev.lakeport.snapshot.Side.SOURCE)
                        .messageProperty()
                        .get())
                .contains("5 databases");
        shot(robot, "desktop-2-connections");

        // 3. Scope and mapping: valid as the sample ships.
        next(robot, Step.SCOPE);

        // 4. Load both catalogs into the snapshot.
        next(robot, Step.LOAD);
        robot.clickOn("#load-both");
        waitFor(
                180,
                () -> window.ui.wizard().page(Step.LOAD).completeProperty().get()
                        && tasks.running().isEmpty());
        assertThat(dialogs.errors).isEmpty();
        assertThat(window.context
                        .session()
                        .store()
                        .count(dev.lakeport.snapshot.Side.SOURCE, dev.lakeport.model.ObjectKind.PARTITION))
                .isEqualTo(SAMPLE_PARTITIONS);
        shot(robot, "desktop-4-load");

        // Back to Scope now that the snapshot is there: databases with counts, uncovered locations.
        robot.interact(() -> window.ui.wizard().go(Step.SCOPE));
        waitFor(60, () -> tasks.running().isEmpty());
        shot(robot, "desktop-3-scope");
        robot.interact(() -> window.ui.wizard().go(Step.LOAD));

        // 5. Browse the loaded catalogs.
        next(robot, Step.BROWSE);
        waitFor(60, () -> tasks.running().isEmpty());
        openInTree(robot, "#browse-tree", 2, 2);
        shot(robot, "desktop-5-browse");

        // Assess: what the run will do before it runs (its own page test shoots and checks it in full).
        next(robot, Step.ASSESS);
        waitFor(
                120,
                () -> window.ui.wizard().page(Step.ASSESS).completeProperty().get()
                        && tasks.running().isEmpty());
        assertThat(dialogs.errors).isEmpty();

        // 6. Diff: everything is new in DLF.
        next(robot, Step.DIFF);
        robot.clickOn("#run-diff");
        waitFor(
                120,
                () -> window.context.session().latestDiffRunProperty().get() >= 0
                        && tasks.running().isEmpty());
        assertThat(window.ui.wizard().page(Step.DIFF).validProperty().get()).isTrue();
        openInTree(robot, "#diff-tree", 2, 0);
        shot(robot, "desktop-6-diff");
        dark(robot, "desktop-6-diff-dark");

        // 7. Run: apply directly; deletions stay off.
        next(robot, Step.RUN);
        robot.clickOn("#run-apply");
        waitFor(
                300,
                () -> window.ui.wizard().page(Step.RUN).completeProperty().get()
                        && tasks.running().isEmpty());
        assertThat(dialogs.errors).isEmpty();
        DlfEmulator dlf = window.context.sample().dlf().orElseThrow();
        GlueEmulator glue = window.context.sample().glue().orElseThrow();
        assertThat(dlf.store()).isNotNull();
        assertThat(glue.store()).isNotNull();
        shot(robot, "desktop-7-run");

        // The Copy step copies data into MaxCompute; the route to DLF passes it.
        next(robot, Step.COPY);

        // 8. Verify: the re-diff is empty; export the standalone HTML report.
        next(robot, Step.REPORTS);
        robot.clickOn("#reports-verify");
        ReportsViewModel reports = window.ui.viewModel(ReportsViewModel.class);
        waitFor(
                180,
                () -> reports.verifyStateProperty().get() == ReportsViewModel.VerifyState.MATCHES
                        || reports.verifyStateProperty().get() == ReportsViewModel.VerifyState.DIFFERENCES
                        || reports.verifyStateProperty().get() == ReportsViewModel.VerifyState.FAILED);
        assertThat(reports.verifyStateProperty().get()).isEqualTo(ReportsViewModel.VerifyState.MATCHES);
        assertThat(reports.verifySummaryProperty().get().isEmpty()).isTrue();
        waitFor(60, () -> tasks.running().isEmpty());
        Path html = home.resolve("reports/verify.html");
        Files.createDirectories(html.getParent());
        dialogs.fileAnswers.add(html);
        // The export buttons sit below the fold of the page's scroll pane: press the button itself.
        robot.interact(() -> robot.lookup("#reports-diff-html").queryButton().fire());
        waitFor(60, () -> Files.isRegularFile(html) && tasks.running().isEmpty());
        assertThat(Files.readString(html)).contains("<html").contains("glueNew");
        assertThat(window.ui.wizard().page(Step.REPORTS).completeProperty().get())
                .isTrue();
        assertThat(dialogs.errors).isEmpty();
        shot(robot, "desktop-8-reports");
        dark(robot, "desktop-8-reports-dark");

        // Nothing the window wrote holds a credential: project file, results, reports, recent list, preferences.
        robot.interact(() -> window.context.session().save());
        String secret = window.context.session().settings().get(dev.lakeport.config.ConfigKeys.AWS_SECRET_ACCESS_KEY);
        String keyId = window.context.session().settings().get(dev.lakeport.config.ConfigKeys.AWS_ACCESS_KEY_ID);
        assertThat(secret).isNotBlank();
        try (var files = Files.walk(home)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String bytes = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertThat(bytes).as(file.toString()).doesNotContain(secret).doesNotContain(keyId);
            }
        }
    }

    /**
     * Opens a database of a lazy tree, then one of its children, and selects that child, as a user would before a
     * screenshot; each level loads in a task.
     */
    private void openInTree(FxRobot robot, String treeId, int database, int child) throws Exception {
        robot.interact(() -> {
            TreeView<?> tree = robot.lookup(treeId).query();
            tree.getRoot().getChildren().get(database).setExpanded(true);
        });
        waitFor(60, () -> tasks.running().isEmpty());
        robot.interact(() -> {
            TreeView<?> tree = robot.lookup(treeId).query();
            TreeItem<?> parent = tree.getRoot().getChildren().get(database);
            TreeItem<?> item = parent.getChildren()
                    .get(Math.min(child, parent.getChildren().size() - 1));
            item.setExpanded(true);
            selectIn(tree, item);
        });
        waitFor(60, () -> tasks.running().isEmpty());
    }

    private void next(FxRobot robot, Step expected) {
        robot.clickOn("#next-button");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.ui.wizard().currentProperty().get()).isEqualTo(expected);
    }

    private static void dark(FxRobot robot, String name) {
        robot.interact(() -> Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet()));
        shot(robot, name);
        robot.interact(() -> Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet()));
    }
}
