package dev.lakeport.app.pages.project;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.app.session.SampleEnvironment;
import dev.lakeport.app.session.SampleRoute;
import dev.lakeport.app.testing.ImmediateTaskRunner;
import dev.lakeport.app.testing.RecordingDialogService;
import dev.lakeport.app.testing.TestingWindow;
import java.nio.file.Path;
import java.util.Locale;
import javafx.scene.control.RadioButton;
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
 * The sample's route chooser where the Hive Metastore is absent (a packaged install): Glue -> DLF still opens, the
 * Hive routes are disabled and say why, and asking for one anyway changes nothing.
 */
@ExtendWith(ApplicationExtension.class)
class SampleRoutesTest {
    @TempDir
    static Path home;

    private TestingWindow window;
    private final RecordingDialogService dialogs = new RecordingDialogService();

    @Start
    void start(Stage stage) {
        window = new TestingWindow(
                home.resolve("h" + System.nanoTime()),
                new ImmediateTaskRunner(),
                dialogs,
                Locale.ENGLISH,
                300,
                new SampleEnvironment(false));
        window.show(stage);
    }

    @AfterEach
    void close() {
        WaitForAsyncUtils.asyncFx(window::close);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void withoutTheHiveMetastoreTheHiveRoutesAreDisabledAndSayWhy(FxRobot robot) {
        RadioButton glueToDlf = robot.lookup("#sample-route-glue-to-dlf").query();
        assertThat(glueToDlf.isSelected()).isTrue();
        assertThat(glueToDlf.isDisabled()).isFalse();
        assertThat(robot.lookup("#sample-route-hive-to-dlf")
                        .queryAs(RadioButton.class)
                        .isDisabled())
                .isTrue();
        assertThat(robot.lookup("#sample-route-glue-to-hive")
                        .queryAs(RadioButton.class)
                        .isDisabled())
                .isTrue();
        assertThat(robot.lookup("#sample-route-unavailable").queryLabeled().getText())
                .contains("Hive Metastore routes are unavailable")
                .contains("source checkout");

        robot.interact(() -> window.ui.viewModel(ProjectViewModel.class).openSample(SampleRoute.HIVE_TO_DLF, 300));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dialogs.errors).hasSize(1);
        assertThat(dialogs.errors.get(0).text()).contains("Hive Metastore routes are unavailable");
        assertThat(window.context.sample().isRunning()).isFalse();
        assertThat(window.context.session().openProperty().get()).isFalse();

        // The default route still opens.
        robot.interact(() -> window.ui.viewModel(ProjectViewModel.class).openSample());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dialogs.errors).hasSize(1);
        assertThat(window.context.sample().route()).contains(SampleRoute.GLUE_TO_DLF);
        assertThat(window.context.session().openProperty().get()).isTrue();
        assertThat(window.context.session().settings()).doesNotContainKey("lakeport.source.type");
    }
}
