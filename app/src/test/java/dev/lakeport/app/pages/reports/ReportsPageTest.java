package dev.lakeport.app.pages.reports;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.PrimerDark;
import dev.lakeport.app.pages.project.ProjectViewModel;
import dev.lakeport.app.pages.reports.ReportsViewModel.OutcomeFilter;
import dev.lakeport.app.pages.reports.ReportsViewModel.VerifyState;
import dev.lakeport.app.pages.run.TestingSampleProject;
import dev.lakeport.app.session.ProjectSession;
import dev.lakeport.app.task.FxTaskRunner;
import dev.lakeport.app.testing.RecordingDialogService;
import dev.lakeport.app.testing.Screenshots;
import dev.lakeport.app.testing.TestingWindow;
import dev.lakeport.app.wizard.Step;
import dev.lakeport.apply.ResultRecord;
import dev.lakeport.diff.DiffQuery;
import dev.lakeport.diff.DiffRun;
import dev.lakeport.emulator.glue.GlueStore;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.pipeline.ApplyOutcome;
import dev.lakeport.pipeline.ApplyRequest;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.application.Application;
import javafx.scene.control.ComboBox;
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

/** The Verify and reports step in the whole window, after a run on the sample project's emulators. */
@ExtendWith(ApplicationExtension.class)
class ReportsPageTest {
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

    private ReportsViewModel vm() {
        return window.ui.viewModel(ReportsViewModel.class);
    }

    private ProjectSession session() {
        return window.context.session();
    }

    private static void waitFor(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Opens the sample, loads, diffs and applies through the engine (as earlier steps would), shows this step. */
    private ApplyOutcome runSample(FxRobot robot, Consumer<GlueStore> source) throws Exception {
        robot.interact(() -> window.ui.viewModel(ProjectViewModel.class).openSample(300));
        waitFor(60, () -> session().openProperty().get());
        source.accept(window.context.sample().glue().orElseThrow().store());
        var migration = session().migration();
        migration.loadBoth(ProgressListener.NONE, ProgressListener.NONE, CancellationToken.NONE);
        DiffRun diff = migration.diff(List.of(), ProgressListener.NONE, CancellationToken.NONE);
        ApplyOutcome outcome = migration.apply(
                diff.runId(),
                new ApplyRequest(8, 0, false, false, OptionalLong.empty()),
                ProgressListener.NONE,
                CancellationToken.NONE);
        robot.interact(() -> {
            // What the Load step does after a load: the pages that read the snapshot look again.
            session()
                    .snapshotGenerationProperty()
                    .set(session().snapshotGenerationProperty().get() + 1);
            session().latestDiffRunProperty().set(diff.runId());
            session().latestApplyProperty().set(outcome);
        });
        waitFor(30, () -> window.ui.wizard().reachableProperty(Step.REPORTS).get());
        robot.interact(() -> assertThat(window.ui.wizard().go(Step.REPORTS)).isTrue());
        waitFor(
                30,
                () -> vm().runSummaryProperty().get() != null && !vm().rows().isEmpty());
        return outcome;
    }

    private void screenshot(FxRobot robot, String name) {
        WaitForAsyncUtils.asyncFx(() -> Screenshots.take(robot.window(0).getScene(), name));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private TableView<ResultRecord> table(FxRobot robot) {
        return robot.lookup("#reports-table").queryAs(TableView.class);
    }

    @Test
    void verifyAfterTheRunIsEmptyAndSaysSo(FxRobot robot) throws Exception {
        ApplyOutcome outcome = runSample(robot, g -> {});
        assertThat(robot.lookup("#next-problem").queryLabeled().getText()).contains("Run Verify");
        assertThat(robot.lookup("#reports-run-summary").queryLabeled().getText())
                .startsWith("Created %,d, updated 0, deleted 0, failed 0, skipped 0 in "
                        .formatted(outcome.summary().totals().created()));

        robot.clickOn("#reports-verify");
        waitFor(60, () -> vm().verifyStateProperty().get() == VerifyState.MATCHES);
        Message result = robot.lookup("#reports-verify-result").queryAs(Message.class);
        assertThat(result.isVisible()).isTrue();
        assertThat(result.getTitle()).isEqualTo("Destination matches the source: the re-diff is empty");
        assertThat(window.ui.wizard().page(Step.REPORTS).completeProperty().get())
                .isTrue();
        assertThat(session().latestDiffRunProperty().get())
                .isEqualTo(vm().verifyRunProperty().get());
        assertThat(session().diffs().summary(vm().verifyRunProperty().get()).isEmpty())
                .isTrue();
        assertThat(robot.lookup("#next-problem").queryLabeled().getText()).isEmpty();
        screenshot(robot, "reports-verified");
    }

    @Test
    void theResultLogFiltersByOutcomeTypeAndTextAndPages(FxRobot robot) throws Exception {
        String[] database = new String[1];
        ApplyOutcome outcome = runSample(robot, g -> database[0] = TestingSampleProject.addTableDlfRefuses(g));
        long all = outcome.summary().totals().total();
        assertThat(table(robot).getItems()).hasSize(ReportsViewModel.PAGE_SIZE);
        assertThat(robot.lookup("#reports-page").queryLabeled().getText())
                .isEqualTo("Rows 1–100 of %,d".formatted(all));

        // The pager is under the table, below the fold of the page's scroll pane: fire it.
        robot.interact(() -> robot.lookup("#reports-next").queryButton().fire());
        waitFor(30, () -> robot.lookup("#reports-page").queryLabeled().getText().startsWith("Rows 101–"));
        assertThat(robot.lookup("#reports-previous").queryButton().isDisabled()).isFalse();

        @SuppressWarnings("unchecked")
        ComboBox<OutcomeFilter> outcomeFilter = robot.lookup("#reports-outcome").queryAs(ComboBox.class);
        robot.interact(() -> outcomeFilter.setValue(OutcomeFilter.FAILED));
        waitFor(30, () -> table(robot).getItems().size() == 1);
        ResultRecord failed = table(robot).getItems().get(0);
        assertThat(failed.itemType()).isEqualTo("table");
        assertThat(failed.itemName()).isEqualTo(database[0] + "." + TestingSampleProject.BAD_TABLE);
        assertThat(failed.isSuccess()).isFalse();
        assertThat(failed.errorMsg()).contains("failed the verification");
        assertThat(robot.lookup("#reports-page").queryLabeled().getText()).isEqualTo("Rows 1–1 of 1");
        screenshot(robot, "reports-failed-filter");

        robot.interact(() -> outcomeFilter.setValue(OutcomeFilter.ALL));
        robot.clickOn("#reports-search").write("orders");
        waitFor(
                30,
                () -> !table(robot).getItems().isEmpty()
                        && table(robot).getItems().stream()
                                .allMatch(r -> r.itemName().contains("orders")));
        assertThat(vm().totalRowsProperty().get()).isLessThan(all);
    }

    @Test
    void retryFailedItemsMakesADiffOfJustThoseForTheRunStep(FxRobot robot) throws Exception {
        String[] database = new String[1];
        runSample(robot, g -> database[0] = TestingSampleProject.addTableDlfRefuses(g));
        assertThat(robot.lookup("#reports-retry").queryButton().getText()).isEqualTo("Retry _failed items (1)");
        long before = session().latestDiffRunProperty().get();

        robot.clickOn("#reports-retry");
        waitFor(60, () -> !vm().retryMessageProperty().get().isEmpty());
        assertThat(dialogs.errors).isEmpty();
        long retry = session().latestDiffRunProperty().get();
        assertThat(retry)
                .isNotEqualTo(before)
                .isEqualTo(vm().retryDiffRunProperty().get());
        assertThat(session().diffs().page(retry, DiffQuery.all(), 0, 100).stream()
                        .map(e -> e.entry().key())
                        .collect(Collectors.toList()))
                .containsExactly(ObjectKey.table(database[0], TestingSampleProject.BAD_TABLE));
        assertThat(vm().retryMessageProperty().get())
                .startsWith("A diff of the 1 failed item is ready")
                .endsWith("Apply it on the Run step.");

        // The wizard moved on to the Run step, which offers exactly that diff.
        assertThat(window.ui.wizard().currentProperty().get()).isEqualTo(Step.RUN);
        assertThat(dialogs.notices).contains(vm().retryMessageProperty().get());
        screenshot(robot, "reports-retry");
        waitFor(30, () -> robot.lookup("#run-create").queryLabeled().getText().equals("1"));
    }

    @Test
    void everyReportExportsAndTheHtmlOpens(FxRobot robot) throws Exception {
        ApplyOutcome outcome = runSample(robot, g -> {});
        assertThat(robot.lookup("#reports-diff-csv").queryButton().getParent().isDisabled())
                .as("no verify yet, no diff report")
                .isTrue();
        robot.clickOn("#reports-verify");
        waitFor(60, () -> vm().verifyStateProperty().get() == VerifyState.MATCHES);

        Path out = home.resolve("exports-" + System.nanoTime());
        List<String> names = List.of("verify.csv", "verify.json", "verify.html", "run.csv", "run.json", "run.html");
        List<String> buttons = List.of(
                "#reports-diff-csv",
                "#reports-diff-json",
                "#reports-diff-html",
                "#reports-result-csv",
                "#reports-result-json",
                "#reports-result-html");
        for (int i = 0; i < names.size(); i++) {
            dialogs.fileAnswers.add(out.resolve(names.get(i)));
            String id = buttons.get(i);
            // The exports sit below the fold of the page's scroll pane: fire them rather than click off screen.
            robot.interact(() -> robot.lookup(id).queryButton().fire());
        }
        waitFor(
                60,
                () -> dialogs.notices.stream()
                                .filter(n -> n.startsWith("Saved "))
                                .count()
                        == 6);
        assertThat(dialogs.errors).isEmpty();
        for (String name : names) {
            assertThat(out.resolve(name)).isNotEmptyFile();
        }
        assertThat(Files.readAllLines(out.resolve("run.csv")))
                .hasSize((int) outcome.summary().totals().total() + 1);
        assertThat(Files.readString(out.resolve("verify.html"))).contains("<h1>Lakeport verify (diff run ");
        assertThat(Files.readString(out.resolve("run.json"))).contains(outcome.runId());

        robot.interact(() -> robot.lookup("#reports-result-open").queryButton().fire());
        robot.interact(() -> robot.lookup("#reports-diff-open").queryButton().fire());
        assertThat(dialogs.opened).containsExactly(out.resolve("run.html"), out.resolve("verify.html"));

        robot.interact(() -> Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet()));
        WaitForAsyncUtils.waitForFxEvents();
        screenshot(robot, "reports-dark");
    }
}
