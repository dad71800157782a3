package dev.lakeport.app.pages.project;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.app.testing.ImmediateTaskRunner;
import dev.lakeport.app.testing.RecordingDialogService;
import dev.lakeport.app.testing.Screenshots;
import dev.lakeport.app.testing.TestingWindow;
import dev.lakeport.app.wizard.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class ProjectPageTest {
    @TempDir
    static Path home;

    private TestingWindow window;
    private final RecordingDialogService dialogs = new RecordingDialogService();

    @Start
    void start(Stage stage) {
        window = new TestingWindow(
                home.resolve("h" + System.nanoTime()), new ImmediateTaskRunner(), dialogs, Locale.ENGLISH);
        window.show(stage);
    }

    @AfterEach
    void close() {
        WaitForAsyncUtils.asyncFx(window::close);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void nextIsDisabledAndSaysWhyUntilAProjectIsOpen(FxRobot robot) {
        assertThat(robot.lookup("#next-button").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#next-problem").queryLabeled().getText()).contains("Open or create a project");
        robot.interact(() -> assertThat(window.ui.wizard().go(Step.DIFF)).isFalse());
    }

    @Test
    void theSampleProjectOpensOnLocalEmulatorsAndEnablesNext(FxRobot robot) {
        robot.interact(() -> window.ui.viewModel(ProjectViewModel.class).openSample(300));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dialogs.errors).isEmpty();
        assertThat(window.context.sample().isRunning()).isTrue();
        assertThat(robot.lookup("#current-project").queryLabeled().getText()).contains("sample.lakeport.mv.db");
        assertThat(robot.lookup("#next-button").queryButton().isDisabled()).isFalse();
        assertThat(window.ui.wizard().page(Step.PROJECT).completeProperty().get())
                .isTrue();
        WaitForAsyncUtils.asyncFx(() -> Screenshots.take(robot.window(0).getScene(), "project"));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void anInvalidPropertiesFileIsRefusedWithItsProblemsAndChangesNothing(FxRobot robot) throws Exception {
        Path file = home.resolve("broken.properties");
        Files.writeString(file, "aws.region=eu-central-1\nlocation.convertMap={not json\n");
        robot.interact(() -> window.ui.viewModel(ProjectViewModel.class).importProperties(file));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dialogs.errors).hasSize(1);
        assertThat(dialogs.errors.get(0).text()).contains("location.convertMap");
        assertThat(window.context.session().openProperty().get()).isFalse();
        assertThat(home.resolve("broken.mv.db")).doesNotExist();
    }

    @Test
    void importingASeedFileCreatesAProjectBesideItAndExportLeavesCredentialsOut(FxRobot robot) throws Exception {
        Path file = home.resolve("seed.properties");
        String secret = "s3cr3t-" + "value-for-test";
        Files.writeString(
                file,
                String.join(
                        "\n",
                        "aws.accessKeyId=AKIDTESTIMPORT01",
                        "aws.secretAccessKey=" + secret,
                        "aws.region=eu-central-1",
                        "aliyun.accessKeyId=LTTESTIMPORT01",
                        "aliyun.secretAccessKey=" + secret,
                        "aliyun.region=cn-hangzhou",
                        "aliyun.endpoint=dlf.cn-hangzhou.aliyuncs.com",
                        "mode=increment",
                        "location.convertMap={\"s3://a/\":\"oss://b/\"}",
                        "result.output.path=/tmp/results",
                        ""));
        robot.interact(() -> window.ui.viewModel(ProjectViewModel.class).importProperties(file));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dialogs.errors).isEmpty();
        assertThat(window.context.session().openProperty().get()).isTrue();
        assertThat(window.context.session().setting("aws.region").get()).isEqualTo("eu-central-1");
        Path project = home.resolve("seed.mv.db");
        assertThat(project).exists();

        Path exported = home.resolve("exported.properties");
        dialogs.fileAnswers.add(exported);
        robot.clickOn("#export-properties");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dialogs.errors).isEmpty();
        String text = Files.readString(exported);
        assertThat(text).contains("aws.region=eu-central-1").contains("location.convertMap");
        assertThat(text).doesNotContain(secret).doesNotContain("AKIDTESTIMPORT01");

        WaitForAsyncUtils.asyncFx(() -> window.context.session().save());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(new String(Files.readAllBytes(project), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(secret);
    }

    @Test
    void aRecentProjectThatIsGoneIsExplainedAndDropped(FxRobot robot) {
        Path gone = home.resolve("gone.mv.db");
        robot.interact(() -> window.ui.viewModel(ProjectViewModel.class).openRecent(gone));
        assertThat(dialogs.errors).singleElement().satisfies(m -> assertThat(m.text())
                .contains("gone.mv.db"));
        Button next = robot.lookup("#next-button").queryButton();
        assertThat(next.isDisabled()).isTrue();
    }

    @Test
    void openingTheSampleAgainReplacesItCleanly(FxRobot robot) throws Exception {
        robot.interact(() -> window.ui.viewModel(ProjectViewModel.class).openSample(200));
        WaitForAsyncUtils.waitForFxEvents();
        Path first = window.context.session().projectFileProperty().get();
        robot.interact(
                () -> window.context.session().setting("lakeport.concurrency").set("7"));
        robot.interact(() -> window.ui.viewModel(ProjectViewModel.class).openSample(200));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dialogs.errors).isEmpty();
        assertThat(window.context.session().projectFileProperty().get()).isEqualTo(first);
        assertThat(window.context.session().setting("lakeport.concurrency").get())
                .isEmpty();
        assertThat(window.context.session().store().databases(dev.lakeport.snapshot.Side.SOURCE))
                .isEmpty();
    }

    @Test
    void aSeedFileWithAByteOrderMarkOrInUtf16KeepsItsFirstKey(FxRobot robot) throws Exception {
        String text = String.join(
                "\n",
                "aws.databases=sales",
                "aws.region=eu-central-1",
                "aliyun.region=cn-hangzhou",
                "aliyun.endpoint=dlf.cn-hangzhou.aliyuncs.com",
                "location.convertMap={\"s3://a/\":\"oss://b/\"}",
                "");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        bytes.write(new byte[] {(byte) 0xFF, (byte) 0xFE});
        bytes.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
        Path file = home.resolve("utf16.properties");
        Files.write(file, bytes.toByteArray());

        robot.interact(() -> window.ui.viewModel(ProjectViewModel.class).importProperties(file));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(dialogs.errors).isEmpty();
        assertThat(window.context.session().setting("aws.databases").get()).isEqualTo("sales");
        assertThat(window.context.session().setting("aws.region").get()).isEqualTo("eu-central-1");

        Path bom = home.resolve("bom.properties");
        bytes.reset();
        bytes.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        bytes.write(text.replace("sales", "web").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Files.write(bom, bytes.toByteArray());
        robot.interact(() -> window.ui.viewModel(ProjectViewModel.class).importProperties(bom));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(dialogs.errors).isEmpty();
        assertThat(window.context.session().setting("aws.databases").get()).isEqualTo("web");
    }
}
