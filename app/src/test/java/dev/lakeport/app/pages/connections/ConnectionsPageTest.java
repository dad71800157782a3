package dev.lakeport.app.pages.connections;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.lakeport.app.pages.project.ProjectViewModel;
import dev.lakeport.app.session.CredentialChoice.Way;
import dev.lakeport.app.testing.ImmediateTaskRunner;
import dev.lakeport.app.testing.RecordingDialogService;
import dev.lakeport.app.testing.Screenshots;
import dev.lakeport.app.testing.TestingWindow;
import dev.lakeport.app.wizard.Step;
import dev.lakeport.config.ConfigKeys;
import dev.lakeport.config.MigrationConfigLoader;
import dev.lakeport.emulator.glue.GlueEmulator;
import dev.lakeport.pipeline.Migration;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
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

@ExtendWith(ApplicationExtension.class)
class ConnectionsPageTest {
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
        WaitForAsyncUtils.asyncFx(() -> Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet()));
        WaitForAsyncUtils.asyncFx(window::close);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private ConnectionsViewModel openSampleOnConnections(FxRobot robot) {
        robot.interact(() -> window.ui.viewModel(ProjectViewModel.class).openSample(300));
        robot.interact(() -> assertThat(window.ui.wizard().go(Step.CONNECTIONS)).isTrue());
        WaitForAsyncUtils.waitForFxEvents();
        return window.ui.viewModel(ConnectionsViewModel.class);
    }

    @Test
    void theSampleConnectsOnBothSidesAndTheStepIsDone(FxRobot robot) {
        ConnectionsViewModel viewModel = openSampleOnConnections(robot);
        assertThat(robot.lookup("#field-aws-region").queryAs(TextField.class).getText())
                .isEqualTo("eu-central-1");
        Node secret = robot.lookup("#field-aws-secretAccessKey").query();
        assertThat(secret).isInstanceOf(PasswordField.class);
        @SuppressWarnings("unchecked")
        ComboBox<String> kind = robot.lookup("#source-type").queryAs(ComboBox.class);
        assertThat(kind.getItems()).contains("glue", "dlf");
        assertThat(kind.getButtonCell().getText()).isEqualTo("AWS Glue Data Catalog");
        // Tuning has a default for everything: folded, but there.
        assertThat(robot.lookup("#group-source-tuning")
                        .queryAs(javafx.scene.control.TitledPane.class)
                        .isExpanded())
                .isFalse();
        assertThat(robot.lookup("#credential-storage").queryLabeled().getText())
                .contains("memory")
                .contains("never go into the project file");
        assertThat(robot.lookup("#next-button").queryButton().isDisabled()).isFalse();

        robot.clickOn("#test-source");
        robot.clickOn("#test-destination");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#test-answer-source").queryAs(Message.class).getTitle())
                .startsWith("Connected: 5 databases");
        assertThat(robot.lookup("#test-answer-destination")
                        .queryAs(Message.class)
                        .getTitle())
                .startsWith("Connected: no databases");
        assertThat(robot.lookup("#test-status-source").queryLabeled().getText()).isEqualTo("Connected");
        assertThat(viewModel.completeProperty().get()).isTrue();
        assertThat(dialogs.errors).isEmpty();
        WaitForAsyncUtils.asyncFx(() -> Screenshots.take(robot.window(0).getScene(), "connections"));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aWrongRegionIsExplainedUnderTheFieldAndBlocksNext(FxRobot robot) {
        openSampleOnConnections(robot);
        TextField region = robot.lookup("#field-aws-region").queryAs(TextField.class);
        robot.clickOn(region);
        robot.press(KeyCode.END).release(KeyCode.END);
        robot.write("x");
        WaitForAsyncUtils.waitForFxEvents();

        Label error = robot.lookup("#error-aws-region").queryAs(Label.class);
        assertThat(shown(error)).isTrue();
        assertThat(error.getText()).contains("'eu-central-1x' is not an AWS region");
        assertThat(robot.lookup("#next-button").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#next-problem").queryLabeled().getText()).startsWith("Source, Region:");
        assertThat(robot.lookup("#test-source").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#test-destination").queryButton().isDisabled()).isFalse();

        robot.press(KeyCode.BACK_SPACE).release(KeyCode.BACK_SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shown(error)).isFalse();
        assertThat(robot.lookup("#next-button").queryButton().isDisabled()).isFalse();
    }

    @Test
    void wrongKeysAnswerInvalidCredentialsOnThePage(FxRobot robot) {
        openSampleOnConnections(robot);
        GlueEmulator glue = window.context.sample().glue().orElseThrow();
        glue.allowAccessKeys("AKID" + "SOMEBODYELSE001");
        try {
            robot.clickOn("#test-source");
            WaitForAsyncUtils.waitForFxEvents();
        } finally {
            glue.allowAccessKeys();
        }
        Message result = robot.lookup("#test-answer-source").queryAs(Message.class);
        assertThat(result.getTitle()).startsWith("Invalid credentials");
        assertThat(result.getDescription()).contains("UnrecognizedClientException");
        assertThat(result.getStyleClass()).contains("danger");
        assertThat(robot.lookup("#test-status-source").queryLabeled().getText()).isEqualTo("Failed");
        assertThat(dialogs.errors).isEmpty();

        robot.interact(() ->
                window.context.session().setting(ConfigKeys.ALIYUN_ENDPOINT).set("127.0.0.1:1"));
        robot.clickOn("#test-destination");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#test-answer-destination")
                        .queryAs(Message.class)
                        .getTitle())
                .startsWith("Endpoint unreachable");
        WaitForAsyncUtils.asyncFx(() -> Screenshots.take(robot.window(0).getScene(), "connections-failed"));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aProjectTheCommandLineMadeWithoutCredentialsCannotRunUntilTheUserSaysHowToSignIn(FxRobot robot)
            throws Exception {
        // The sample's emulators answer; the project is made as `lakeport-cli load` and `diff` make one: credentials
        // are read from the configuration, never stored in the project file.
        openSampleOnConnections(robot);
        Map<String, String> settings = window.context.session().settings();
        settings.remove(ConfigKeys.PROJECT_ID);
        Path file = home.resolve("cli-" + System.nanoTime() + ".lakeport.mv.db");
        Properties stored = new Properties();
        stored.putAll(settings);
        try (Migration cli =
                Migration.open(MigrationConfigLoader.fromMap(settings, "cli").config(), file, stored)) {
            cli.loadBoth(ProgressListener.NONE, ProgressListener.NONE, CancellationToken.NONE);
            cli.diff(List.of(), ProgressListener.NONE, CancellationToken.NONE);
        }

        robot.interact(() -> window.ui.viewModel(ProjectViewModel.class).openRecent(file));
        robot.interact(() -> assertThat(window.ui.wizard().go(Step.CONNECTIONS)).isTrue());
        WaitForAsyncUtils.waitForFxEvents();
        Label missing = robot.lookup("#credentials-missing-destination").queryAs(Label.class);
        assertThat(shown(missing)).isTrue();
        assertThat(missing.getText())
                .startsWith("No DLF credentials: enter keys, name a profile or credentials file, or confirm the"
                        + " default chain");
        assertThat(robot.lookup("#credentials-missing-source").queryLabeled().getText())
                .startsWith("No Glue credentials");
        assertThat(shown(robot.lookup("#step-attention-connections").query())).isTrue();
        assertThat(robot.lookup("#credentials-mode-source")
                        .queryAs(ComboBox.class)
                        .getValue())
                .isNull();
        WaitForAsyncUtils.asyncFx(() -> Screenshots.take(robot.window(0).getScene(), "connections-no-credentials"));
        WaitForAsyncUtils.waitForFxEvents();

        // Each step on the way reads what the command line left in the project (the loads, the diff).
        for (Step step : List.of(Step.SCOPE, Step.LOAD, Step.BROWSE, Step.ASSESS, Step.DIFF, Step.RUN)) {
            robot.interact(() -> assertThat(window.ui.wizard().go(step))
                    .as("%s can be reached", step)
                    .isTrue());
            WaitForAsyncUtils.waitForFxEvents();
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#run-apply").queryButton().isDisabled()).isTrue();
        Label blocked = robot.lookup("#run-blocked").queryAs(Label.class);
        assertThat(shown(blocked)).isTrue();
        assertThat(blocked.getText()).contains("No Glue credentials").contains("No DLF credentials");
        WaitForAsyncUtils.asyncFx(() -> Screenshots.take(robot.window(0).getScene(), "run-no-credentials"));
        WaitForAsyncUtils.waitForFxEvents();

        // The source on the default chain, the destination with keys typed in: runs may start.
        robot.interact(() -> assertThat(window.ui.wizard().go(Step.CONNECTIONS)).isTrue());
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#confirm-default-chain-source");
        @SuppressWarnings("unchecked")
        ComboBox<Way> aliyun = robot.lookup("#credentials-mode-destination").queryAs(ComboBox.class);
        robot.interact(() -> aliyun.setValue(Way.KEYS));
        robot.clickOn("#field-aliyun-accessKeyId").write("LTSAMPLEEMULATOR01");
        robot.clickOn("#field-aliyun-secretAccessKey").write("sample-secret-not-used");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shown(robot.lookup("#credentials-missing-source").query())).isFalse();
        assertThat(shown(robot.lookup("#credentials-missing-destination").query()))
                .isFalse();
        assertThat(shown(robot.lookup("#step-attention-connections").query())).isFalse();
        assertThat(window.context.session().settings()).containsEntry(ConfigKeys.AWS_DEFAULT_CHAIN, "true");

        robot.interact(() -> assertThat(window.ui.wizard().go(Step.RUN)).isTrue());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shown(robot.lookup("#run-blocked").query())).isFalse();
        assertThat(robot.lookup("#run-apply").queryButton().isDisabled()).isFalse();
    }

    @Test
    void aProfileHidesTheKeysAndClearsThem(FxRobot robot) {
        openSampleOnConnections(robot);
        @SuppressWarnings("unchecked")
        ComboBox<Way> mode = robot.lookup("#credentials-mode-source").queryAs(ComboBox.class);
        robot.interact(() -> mode.setValue(Way.PROFILE));
        WaitForAsyncUtils.waitForFxEvents();
        Node keyId = robot.lookup("#field-aws-accessKeyId").query();
        TextField profile = robot.lookup("#field-lakeport-aws-profile").queryAs(TextField.class);
        assertThat(shown(keyId)).isFalse();
        assertThat(shown(profile)).isTrue();
        assertThat(window.context.session().settings())
                .doesNotContainKeys(ConfigKeys.AWS_ACCESS_KEY_ID, ConfigKeys.AWS_SECRET_ACCESS_KEY);
        assertThat(robot.lookup("#error-lakeport-aws-profile").queryLabeled().getText())
                .startsWith("Profile is needed");
        robot.clickOn(profile).write("migration");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.context.session().setting(ConfigKeys.AWS_PROFILE).get())
                .isEqualTo("migration");
        assertThat(robot.lookup("#next-button").queryButton().isDisabled()).isFalse();
    }

    @Test
    void anotherSourceKindBringsItsOwnFieldsAndADestinationOfTheSameKindItsOwnKeys(FxRobot robot) {
        openSampleOnConnections(robot);
        @SuppressWarnings("unchecked")
        ComboBox<String> source = robot.lookup("#source-type").queryAs(ComboBox.class);
        robot.interact(() -> source.setValue("dlf"));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(window.context.session().settings()).containsEntry(ConfigKeys.SOURCE_TYPE, "dlf");
        assertThat(robot.lookup("#card-source #field-aliyun-region").tryQuery()).isPresent();
        assertThat(robot.lookup("#card-source #field-aws-region").tryQuery()).isEmpty();
        assertThat((Node) robot.lookup("#card-source #field-lakeport-aliyun-protocol")
                        .query())
                .isInstanceOf(javafx.scene.control.ChoiceBox.class);
        Label region = robot.lookup("#error-lakeport-destination-aliyun-region").queryAs(Label.class);
        assertThat(shown(region)).isTrue();
        assertThat(region.getText()).startsWith("missing");
        assertThat(robot.lookup("#test-destination").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#test-source").queryButton().isDisabled()).isFalse();
        // The destination's own keys say nothing about signing in yet: nothing is chosen for it.
        assertThat(robot.lookup("#credentials-mode-destination")
                        .queryAs(ComboBox.class)
                        .getValue())
                .isNull();
        assertThat(shown(robot.lookup("#credentials-missing-destination").query()))
                .isTrue();
        // Tuning starts folded (everything in it has a default) and unfolds to the connector's own settings.
        robot.clickOn("#group-source-tuning");
        WaitForAsyncUtils.waitForFxEvents();
        TextField page = robot.lookup("#field-lakeport-dlf-pageSize").queryAs(TextField.class);
        assertThat(shown(page)).isTrue();
        assertThat(page.getPromptText()).matches("default \\d+: largest page a server is asked for");
        WaitForAsyncUtils.asyncFx(() -> Screenshots.take(robot.window(0).getScene(), "connections-dlf-to-dlf"));
        WaitForAsyncUtils.waitForFxEvents();

        robot.clickOn("#field-lakeport-destination-aliyun-region").write("cn-hangzhou");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shown(region)).isFalse();
        assertThat(window.context.session().settings())
                .containsEntry(ConfigKeys.DESTINATION_PREFIX + ConfigKeys.ALIYUN_REGION, "cn-hangzhou");
    }

    @Test
    void theDarkThemeReadsWell(FxRobot robot) {
        openSampleOnConnections(robot);
        robot.interact(() ->
                window.context.session().setting(ConfigKeys.AWS_CATALOG_ID).set("12ab"));
        robot.clickOn("#test-destination");
        WaitForAsyncUtils.asyncFx(() -> Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#error-aws-catalogId").queryLabeled().getText())
                .contains("12-digit");
        WaitForAsyncUtils.asyncFx(() -> Screenshots.take(robot.window(0).getScene(), "connections-dark"));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Whether a node is on screen: it and every parent visible. */
    static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return node.getScene() != null;
    }
}
