package dev.lakeport.app.pages.run;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.PrimerDark;
import dev.lakeport.app.pages.project.ProjectViewModel;
import dev.lakeport.app.session.ProjectSession;
import dev.lakeport.app.task.FxTaskRunner;
import dev.lakeport.app.testing.RecordingDialogService;
import dev.lakeport.app.testing.Screenshots;
import dev.lakeport.app.testing.TestingWindow;
import dev.lakeport.app.wizard.Step;
import dev.lakeport.apply.ResultRecord;
import dev.lakeport.diff.DiffRun;
import dev.lakeport.emulator.dlf.DlfEmulator;
import dev.lakeport.emulator.dlf.DlfStore;
import dev.lakeport.emulator.glue.GlueStore;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.application.Application;
import javafx.scene.chart.LineChart;
import javafx.scene.control.CheckBox;
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

/**
 * The Run step in the whole window, on the sample project's emulators, with the real background runner: the run goes
 * on while the test watches, cancels and resumes it.
 */
@ExtendWith(ApplicationExtension.class)
class RunPageTest {
    @TempDir
    static Path home;

    private final RecordingDialogService dialogs = new RecordingDialogService();
    private FxTaskRunner tasks;
    private TestingWindow window;

    @Start
    void start(Stage stage) {
        tasks = new FxTaskRunner();
        window = new TestingWindow(home.resolve("h" + System.nanoTime()), tasks, dialogs, Locale.ENGLISH);
        window.show(stage);
    }

    @AfterEach
    void close() {
        WaitForAsyncUtils.asyncFx(() -> {
            tasks.close();
            window.close();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private RunViewModel vm() {
        return window.ui.viewModel(RunViewModel.class);
    }

    private ProjectSession session() {
        return window.context.session();
    }

    private GlueStore glue() {
        return window.context.sample().glue().orElseThrow().store();
    }

    private DlfEmulator dlf() {
        return window.context.sample().dlf().orElseThrow();
    }

    private static void waitFor(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * Opens the sample project, lets the test change its catalogs, loads and diffs through the engine (as the Load
     * and Diff steps would) and shows the Run step with that diff.
     */
    private DiffRun openSampleAndDiff(FxRobot robot, Consumer<GlueStore> source, Consumer<DlfStore> destination)
            throws Exception {
        robot.interact(() -> window.ui.viewModel(ProjectViewModel.class).openSample(300));
        waitFor(60, () -> session().openProperty().get());
        source.accept(glue());
        destination.accept(dlf().store());
        var migration = session().migration();
        migration.loadBoth(ProgressListener.NONE, ProgressListener.NONE, CancellationToken.NONE);
        DiffRun diff = migration.diff(List.of(), ProgressListener.NONE, CancellationToken.NONE);
        robot.interact(() -> {
            session()
                    .snapshotGenerationProperty()
                    .set(session().snapshotGenerationProperty().get() + 1);
            session().latestDiffRunProperty().set(diff.runId());
        });
        waitFor(30, () -> window.ui.wizard().reachableProperty(Step.RUN).get());
        robot.interact(() -> assertThat(window.ui.wizard().go(Step.RUN)).isTrue());
        waitFor(30, () -> vm().canApplyProperty().get());
        return diff;
    }

    private void screenshot(FxRobot robot, String name) {
        WaitForAsyncUtils.asyncFx(() -> Screenshots.take(robot.window(0).getScene(), name));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void withoutADiffTheStepAsksForOneAndCannotRun(FxRobot robot) throws Exception {
        robot.interact(() -> window.ui.viewModel(ProjectViewModel.class).openSample(300));
        waitFor(60, () -> session().openProperty().get());
        // Without a diff the wizard does not even reach the step; the page itself says what is missing.
        robot.interact(() -> assertThat(window.ui.wizard().go(Step.RUN)).isFalse());
        robot.interact(() -> {
            vm().onEnter();
            javafx.scene.Node page = window.ui.pages().get(Step.RUN.ordinal()).view();
            window.view.setCenter(page);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#run-no-diff").queryAs(Message.class).isVisible())
                .isTrue();
        assertThat(robot.lookup("#run-apply").queryButton().isDisabled()).isTrue();
        assertThat(vm().validProperty().get()).isFalse();
        assertThat(vm().problemProperty().get()).isEqualTo("Run a diff first.");
    }

    @Test
    void deletionsAreOffUntilTheirNumberIsTyped(FxRobot robot) throws Exception {
        openSampleAndDiff(
                robot, g -> {}, d -> TestingSampleProject.addDatabasesOnlyInDestination(d, "legacy_a", "legacy_b"));
        CheckBox deletions = robot.lookup("#run-deletions").queryAs(CheckBox.class);
        assertThat(robot.lookup("#run-delete").queryLabeled().getText()).isEqualTo("2");
        assertThat(deletions.isSelected()).isFalse();

        dialogs.promptAnswers.add("20");
        robot.clickOn("#run-deletions");
        assertThat(deletions.isSelected()).as("a wrong number is refused").isFalse();
        robot.clickOn("#run-deletions");
        assertThat(deletions.isSelected()).as("cancel leaves deletions off").isFalse();
        assertThat(dialogs.prompts).hasSize(2).allSatisfy(p -> assertThat(p).contains("delete 2 objects"));

        dialogs.promptAnswers.add("2");
        robot.clickOn("#run-deletions");
        assertThat(deletions.isSelected()).isTrue();
        assertThat(robot.lookup("#run-deletions-note").queryLabeled().getText())
                .isEqualTo("2 objects will be deleted from the destination.");
        screenshot(robot, "run-deletions");

        robot.clickOn("#run-apply");
        waitFor(60, () -> vm().stateProperty().get() == RunViewModel.State.SUCCEEDED);
        assertThat(dialogs.errors).isEmpty();
        assertThat(dlf().store().database("legacy_a")).isEmpty();
        assertThat(dlf().store().database("legacy_b")).isEmpty();
        assertThat(dlf().store().databaseCount()).isEqualTo(glue().databaseCount());
        assertThat(robot.lookup("#run-summary").queryAs(Message.class).getDescription())
                .contains("deleted 2,");
    }

    @Test
    void aDryRunWritesNothingToTheDestination(FxRobot robot) throws Exception {
        DiffRun diff = openSampleAndDiff(robot, g -> {}, d -> {});
        robot.clickOn("#run-dry-run");
        assertThat(robot.lookup("#run-apply").queryButton().getText()).isEqualTo("_Apply (dry run)");
        robot.clickOn("#run-apply");
        waitFor(60, () -> vm().stateProperty().get() == RunViewModel.State.SUCCEEDED);
        assertThat(dlf().store().databaseCount()).isZero();
        assertThat(dlf().store().tableCount()).isZero();
        assertThat(dlf().store().partitionCount()).isZero();
        Message summary = robot.lookup("#run-summary").queryAs(Message.class);
        assertThat(summary.getTitle()).isEqualTo("Dry run finished: nothing was written");
        assertThat(summary.getDescription())
                .startsWith("Created %,d,".formatted(diff.summary().total()));
        assertThat(window.ui.wizard().page(Step.RUN).completeProperty().get()).isFalse();
    }

    @Test
    void aRunCancelledHalfWayResumesAndConverges(FxRobot robot) throws Exception {
        openSampleAndDiff(robot, g -> {}, d -> {});
        // Slow calls so that the cancel lands while the run is half done.
        dlf().faults().latency(Duration.ofMillis(250));
        robot.interact(() -> vm().concurrencyProperty().set(2));
        robot.clickOn("#run-apply");
        waitFor(60, () -> vm().throughput().size() >= 3); // the origin and two seconds of the run
        assertThat(vm().stateProperty().get()).isEqualTo(RunViewModel.State.RUNNING);
        assertThat(robot.lookup("#run-phase").queryLabeled().getText()).isEqualTo("Creating and updating");
        assertThat(robot.lookup("#run-counts").queryLabeled().getText()).matches("[\\d,]+ of [\\d,]+ · 0 failed");
        assertThat(robot.lookup("#run-rate-live").queryLabeled().getText()).endsWith("objects/s");
        @SuppressWarnings("unchecked")
        LineChart<Number, Number> chart = robot.lookup("#run-chart").queryAs(LineChart.class);
        assertThat(chart.getData().get(0).getData()).isNotEmpty();
        screenshot(robot, "run-running");

        robot.clickOn("#run-cancel");
        waitFor(60, () -> vm().stateProperty().get() == RunViewModel.State.CANCELLED);
        assertThat(dlf().store().partitionCount()).isLessThan(glue().partitionCount());
        assertThat(vm().notRunCountProperty().get()).isPositive();
        assertThat(robot.lookup("#run-summary").queryAs(Message.class).getTitle())
                .startsWith("Run cancelled: ");
        assertThat(robot.lookup("#run-resume").queryButton().isDisabled()).isFalse();
        assertThat(window.ui.wizard().page(Step.RUN).completeProperty().get()).isFalse();

        dlf().faults().reset();
        robot.clickOn("#run-resume");
        waitFor(120, () -> vm().stateProperty().get() == RunViewModel.State.SUCCEEDED);
        assertThat(dialogs.errors).isEmpty();
        assertThat(dlf().store().databaseCount()).isEqualTo(glue().databaseCount());
        assertThat((long) dlf().store().tableCount()).isEqualTo(glue().tableCount());
        assertThat(dlf().store().partitionCount()).isEqualTo(glue().partitionCount());
        assertThat((long) dlf().store().functionCount()).isEqualTo(glue().functionCount());
        assertThat(window.ui.wizard().page(Step.RUN).completeProperty().get()).isTrue();
        assertThat(session().latestApplyProperty().get())
                .isSameAs(vm().outcomeProperty().get());
        assertThat(robot.lookup("#run-summary").queryAs(Message.class).getTitle())
                .isEqualTo("Run finished");
        assertThat(robot.lookup("#run-files").queryLabeled().getText()).contains("result-", "failed-");
        screenshot(robot, "run-done");

        // Below the fold of the page's scroll pane: fire it rather than click where it is not shown.
        robot.interact(() -> robot.lookup("#run-open-folder").queryButton().fire());
        assertThat(dialogs.opened).containsExactly(vm().resultFiles().get(0).getParent());
        assertThat(session()
                        .migration()
                        .verify(ProgressListener.NONE, CancellationToken.NONE)
                        .summary()
                        .isEmpty())
                .isTrue();
    }

    @Test
    void failuresAreListedWhileTheRunGoesOn(FxRobot robot) throws Exception {
        String[] database = new String[1];
        openSampleAndDiff(robot, g -> database[0] = TestingSampleProject.addTableDlfRefuses(g), d -> {});
        dlf().faults().latency(Duration.ofMillis(100));
        robot.interact(() -> vm().concurrencyProperty().set(1));
        robot.clickOn("#run-apply");
        waitFor(60, () -> !vm().failures().isEmpty());
        assertThat(vm().stateProperty().get()).as("listed before the run ends").isEqualTo(RunViewModel.State.RUNNING);
        @SuppressWarnings("unchecked")
        TableView<ResultRecord> table = robot.lookup("#run-failures").queryAs(TableView.class);
        assertThat(table.getItems()).singleElement().satisfies(r -> {
            assertThat(r.itemType()).isEqualTo("table");
            assertThat(r.itemName()).isEqualTo(database[0] + "." + TestingSampleProject.BAD_TABLE);
            assertThat(r.errorMsg()).contains("failed the verification");
        });
        assertThat(robot.lookup("#run-failures-title").queryLabeled().getText()).isEqualTo("Failures (1)");
        screenshot(robot, "run-failures");

        dlf().faults().reset();
        waitFor(60, () -> vm().stateProperty().get() == RunViewModel.State.FINISHED_WITH_FAILURES);
        assertThat(robot.lookup("#run-summary").queryAs(Message.class).getTitle())
                .isEqualTo("Run finished with 1 failure");
        assertThat(robot.lookup("#run-status").queryLabeled().getText()).startsWith("1 item failed");
        assertThat(robot.lookup("#run-resume").queryButton().isDisabled()).isFalse();

        robot.interact(() -> Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet()));
        WaitForAsyncUtils.waitForFxEvents();
        screenshot(robot, "run-failures-dark");
    }

    @Test
    void withoutProfilesTheTargetIsThisComputerAndItsNoteSaysWhatItDoes(FxRobot robot) throws Exception {
        openSampleAndDiff(robot, g -> {}, d -> {});
        assertThat(robot.lookup("#run-target").queryComboBox().getItems()).hasSize(1);
        assertThat(robot.lookup("#run-target").queryComboBox().getButtonCell().getText())
                .isEqualTo("Direct (this computer)");
        assertThat(robot.lookup("#run-target-note").queryLabeled().getText())
                .isEqualTo("Applies the diff as the Diff step left it, from this computer: right for small and medium"
                        + " catalogs.");
        screenshot(robot, "run-ready");
    }

    @Test
    void clusterProfilesAreEditedInADialogAndBecomeTargets(FxRobot robot) throws Exception {
        // the job jar, as an installed copy has it
        Path jar = java.nio.file.Files.writeString(home.resolve("lakeport-spark-job.jar"), "jar");
        System.setProperty(dev.lakeport.launch.JobJar.PROPERTY, jar.toString());
        try {
            editProfiles(robot);
        } finally {
            System.clearProperty(dev.lakeport.launch.JobJar.PROPERTY);
        }
    }

    private void editProfiles(FxRobot robot) throws Exception {
        openSampleAndDiff(robot, g -> {}, d -> {});
        assertThat(robot.lookup("#run-target-note").queryLabeled().getText()).contains("as the Diff step left it");

        robot.clickOn("#run-profiles");
        robot.clickOn("#profiles-add");
        robot.interact(() -> {
            robot.lookup("#profile-name").queryTextInputControl().setText("laptop");
            robot.lookup("#profile-type").queryComboBox().getSelectionModel().select(ClusterProfileForm.Type.LOCAL);
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(
                () -> robot.lookup("#profile-threads").queryTextInputControl().setText("none"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#profiles-problem").queryLabeled().getText())
                .isEqualTo("Profile laptop: Threads: a whole number (got 'none')");
        robot.clickOn("#profiles-ok");
        assertThat(robot.lookup("#profiles-list").tryQuery())
                .as("a wrong profile keeps the dialog open")
                .isPresent();

        robot.interact(
                () -> robot.lookup("#profile-threads").queryTextInputControl().setText("2"));
        robot.clickOn("#profiles-add");
        robot.interact(() -> {
            robot.lookup("#profile-name").queryTextInputControl().setText("emr");
            robot.lookup("#profile-type").queryComboBox().getSelectionModel().select(ClusterProfileForm.Type.LIVY);
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            robot.lookup("#profile-livy-url").queryTextInputControl().setText("http://emr-master:8998");
            robot.lookup("#profile-job-jar")
                    .queryTextInputControl()
                    .setText("oss://lakeport-sample/jobs/lakeport-spark-job.jar");
        });
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.asyncFx(
                () -> Screenshots.take(robot.lookup("#profiles-list").query().getScene(), "run-profiles"));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#profiles-ok");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(vm().targets())
                .extracting(t -> t.displayName(vm().messages()))
                .containsExactly(
                        "Direct (this computer)",
                        "emr (Spark job, Apache Livy)",
                        "laptop (Spark job, Spark in this app)");
        assertThat(session().setting("lakeport.cluster.emr.url").get()).isEqualTo("http://emr-master:8998");

        robot.interact(() -> vm().targetProperty().set(vm().targets().get(2)));
        assertThat(robot.lookup("#run-target-note").queryLabeled().getText()).startsWith("Cannot run here:");
        assertThat(robot.lookup("#run-apply").queryButton().isDisabled()).isTrue();

        robot.interact(() -> vm().targetProperty().set(vm().targets().get(1)));
        assertThat(robot.lookup("#run-target-note").queryLabeled().getText())
                .contains("compares the catalogs again on the cluster");
        screenshot(robot, "run-job-target");
    }
}
