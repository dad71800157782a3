package dev.lakeport.app.pages.assess;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import dev.lakeport.app.pages.project.ProjectViewModel;
import dev.lakeport.app.task.FxTaskRunner;
import dev.lakeport.app.testing.RecordingDialogService;
import dev.lakeport.app.testing.Screenshots;
import dev.lakeport.app.testing.TestingWindow;
import dev.lakeport.app.wizard.Step;
import dev.lakeport.assess.Assessment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.PieChart;
import javafx.scene.control.Labeled;
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
 * The Assess page in the whole window over the sample project with its 10,000 partitions, loaded from the Load page:
 * the figures, the charts and the decisions shown, and the HTML export.
 */
@ExtendWith(ApplicationExtension.class)
class AssessPageTest {
    private static final int PARTITIONS = 10_000;

    @TempDir
    static Path home;

    private TestingWindow window;
    private FxTaskRunner tasks;
    private final RecordingDialogService dialogs = new RecordingDialogService();

    @Start
    void start(Stage stage) {
        tasks = new FxTaskRunner();
        window = new TestingWindow(home.resolve("h" + System.nanoTime()), tasks, dialogs, Locale.ENGLISH, PARTITIONS);
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
    void theLoadedSampleIsAssessedWithChartsDecisionsAndTheSameHtmlAsTheCommandLine(FxRobot robot) throws Exception {
        robot.interact(() -> window.ui.viewModel(ProjectViewModel.class).openSample(PARTITIONS));
        waitUntil(
                120,
                () -> window.context.session().openProperty().get()
                        && tasks.running().isEmpty());
        robot.interact(() -> assertThat(window.ui.wizard().go(Step.LOAD)).isTrue());
        robot.clickOn("#load-both");
        waitUntil(
                180,
                () -> window.ui.wizard().page(Step.LOAD).completeProperty().get()
                        && tasks.running().isEmpty());

        robot.interact(() -> assertThat(window.ui.wizard().go(Step.ASSESS)).isTrue());
        AssessViewModel assess = window.ui.viewModel(AssessViewModel.class);
        waitUntil(
                120,
                () -> assess.assessmentProperty().get() != null
                        && !assess.busyProperty().get());
        Assessment a = assess.assessmentProperty().get();

        assertThat(tile(robot, "databases")).isEqualTo("5");
        assertThat(tile(robot, "tables")).isEqualTo("24");
        assertThat(tile(robot, "views")).isEqualTo("3");
        assertThat(tile(robot, "partitions")).isEqualTo("10,000");
        assertThat(tile(robot, "functions")).isEqualTo("6");
        assertThat(tile(robot, "calls"))
                .isEqualTo(String.format(Locale.ENGLISH, "%,d", a.estimate().totalCalls()));
        assertThat(robot.lookup("#assess-status").queryLabeled().getText())
                .startsWith("Glue \u2192 DLF: 10,038 objects");
        assertThat(robot.lookup("#assess-estimate").queryLabeled().getText())
                .contains("partitions in batches of 100")
                .contains("32 calls at a time")
                .contains("50 ms a call");

        PieChart formats = robot.lookup("#assess-chart-formats").queryAs(PieChart.class);
        assertThat(formats.getData())
                .extracting(PieChart.Data::getName)
                .contains("Parquet 6", "CSV 5", "ORC 4", "JSON 3", "Avro 3", "Iceberg 1", "Hudi 1", "Delta 1");
        BarChart<?, ?> kinds = robot.lookup("#assess-chart-kinds").queryAs(BarChart.class);
        assertThat(kinds.getData().get(0).getData())
                .extracting(d -> ((Number) d.getYValue()).longValue())
                .containsExactly(5L, 24L, 3L, 6L);
        BarChart<?, ?> calls = robot.lookup("#assess-chart-calls").queryAs(BarChart.class);
        assertThat(calls.getData().get(0).getData())
                .extracting(d -> ((Number) d.getXValue()).longValue())
                .containsExactly(5L, 27L, a.estimate().calls().get(dev.lakeport.model.ObjectKind.PARTITION), 6L);

        TableView<?> decisions = robot.lookup("#assess-decisions").queryAs(TableView.class);
        assertThat(decisions.getItems()).hasSameSizeAs(a.decisions()).isNotEmpty();
        List<String> topics =
                a.decisions().stream().map(Assessment.Decision::topic).toList();
        assertThat(topics).contains("location", "field");
        // the step list marks the step, but Next goes on to Diff
        assertThat(window.ui.wizard().page(Step.ASSESS).attentionProperty().get())
                .isEqualTo(a.decisions().size() + " things need a decision");
        assertThat(window.ui.wizard().canNextProperty().get()).isTrue();
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.asyncFx(() -> Screenshots.take(robot.window(0).getScene(), "desktop-5b-assess"));
        WaitForAsyncUtils.waitForFxEvents();

        Path html = home.resolve("exports/assessment.html");
        dialogs.fileAnswers.add(html);
        robot.clickOn("#assess-export-html");
        waitUntil(60, () -> Files.isRegularFile(html) && tasks.running().isEmpty());
        String page = Files.readString(html);
        assertThat(page)
                .contains("<title>Assessment: Glue \u2192 DLF</title>")
                .contains("<svg class=\"bars\" id=\"objects-by-kind\"")
                .contains(">10,000</text>")
                .contains("<table id=\"decisions\">")
                .doesNotContain("<script");
        assertThat(dialogs.notices).anySatisfy(n -> assertThat(n).contains(html.toString()));
        assertThat(dialogs.errors).isEmpty();
    }

    private static String tile(FxRobot robot, String what) {
        return robot.lookup("#assess-tile-" + what).queryAs(Labeled.class).getText();
    }

    /** Waits, with a bound, for a condition read on the FX thread. */
    private static void waitUntil(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition)
                .get());
    }
}
