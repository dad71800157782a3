package dev.lakeport.app.pages.scope;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.lakeport.app.pages.project.ProjectViewModel;
import dev.lakeport.app.session.ProjectSession;
import dev.lakeport.app.testing.ImmediateTaskRunner;
import dev.lakeport.app.testing.RecordingDialogService;
import dev.lakeport.app.testing.Screenshots;
import dev.lakeport.app.testing.TestingWindow;
import dev.lakeport.app.wizard.Step;
import dev.lakeport.config.ConfigKeys;
import dev.lakeport.mapping.UncoveredLocations;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import dev.lakeport.snapshot.Side;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
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
class ScopePageTest {
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

    /** Opens the sample, loads its source through core (as the Load page would) and shows the Scope page. */
    private ScopeViewModel sampleOnScope(FxRobot robot, boolean load) {
        robot.interact(() -> window.ui.viewModel(ProjectViewModel.class).openSample(1000));
        ProjectSession session = window.context.session();
        if (load) {
            session.migration().load(Side.SOURCE, ProgressListener.NONE, new CancellationToken());
            robot.interact(() -> session.snapshotGenerationProperty()
                    .set(session.snapshotGenerationProperty().get() + 1));
        }
        robot.interact(() -> assertThat(window.ui.wizard().go(Step.SCOPE)).isTrue());
        WaitForAsyncUtils.waitForFxEvents();
        return window.ui.viewModel(ScopeViewModel.class);
    }

    private void showTab(FxRobot robot, String id) {
        robot.interact(() -> {
            TabPane tabs = robot.lookup("#scope-tabs").queryAs(TabPane.class);
            tabs.getTabs().stream()
                    .filter(t -> t.getId().equals(id))
                    .findFirst()
                    .ifPresent(t -> tabs.getSelectionModel().select(t));
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void beforeALoadTheDatabasesAreTypedAndTheListSaysHowToFillIt(FxRobot robot) {
        sampleOnScope(robot, false);
        ListView<?> list = robot.lookup("#database-list").queryAs(ListView.class);
        assertThat(list.getItems()).isEmpty();
        assertThat(((Label) list.getPlaceholder()).getText()).contains("Load the catalogs");
        TextField databases = robot.lookup("#field-aws-databases").queryAs(TextField.class);
        robot.clickOn(databases).write("sales,web_logs");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.context.session().setting(ConfigKeys.AWS_DATABASES).get())
                .isEqualTo("sales,web_logs");
        assertThat(robot.lookup("#next-button").queryButton().isDisabled()).isFalse();
        showTab(robot, "tab-locations");
        assertThat(robot.lookup("#uncovered-status").queryLabeled().getText()).contains("Load the source catalog");
        WaitForAsyncUtils.asyncFx(() -> Screenshots.take(robot.window(0).getScene(), "scope-before-load"));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theLoadedDatabasesAreCheckedAndUncheckingOneWritesTheOthers(FxRobot robot) {
        sampleOnScope(robot, true);
        ListView<DatabaseChoice> list = robot.lookup("#database-list").queryAs(ListView.class);
        assertThat(list.getItems()).hasSize(5);
        assertThat(robot.lookup("#databases-summary").queryLabeled().getText()).startsWith("5 of 5 databases");

        robot.interact(() -> {
            list.requestFocus();
            list.getSelectionModel().select(3); // staging
        });
        robot.type(KeyCode.SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.context.session().setting(ConfigKeys.AWS_DATABASES).get())
                .isEqualTo("finance,ml_features,sales,web_logs");
        assertThat(robot.lookup("#databases-summary").queryLabeled().getText()).startsWith("4 of 5 databases");

        TextField include = robot.lookup("#field-lakeport-tables-include").queryAs(TextField.class);
        robot.clickOn(include).write(".orders");
        WaitForAsyncUtils.waitForFxEvents();
        Label error = robot.lookup("#error-lakeport-tables-include").queryAs(Label.class);
        assertThat(shown(error)).isTrue();
        assertThat(error.getText()).contains("must be db.table or table");
        assertThat(robot.lookup("#next-button").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#next-problem").queryLabeled().getText())
                .startsWith("Databases and tables, Tables to migrate:");
        WaitForAsyncUtils.asyncFx(() -> Screenshots.take(robot.window(0).getScene(), "scope-databases"));
        WaitForAsyncUtils.waitForFxEvents();

        robot.interact(() -> include.setText("sales.orders"));
        assertThat(shown(error)).isFalse();
        assertThat(robot.lookup("#next-button").queryButton().isDisabled()).isFalse();
    }

    @Test
    void aFilterShowsItsSyntaxErrorWithThePositionThenItsLiveCount(FxRobot robot) throws Exception {
        sampleOnScope(robot, true);
        showTab(robot, "tab-partitions");
        robot.clickOn("#filter-add");
        robot.clickOn("#filter-table-field").write("sales.orders");
        robot.clickOn("#filter-expression-field").write("dt >= '20200110' AND region IN ('emea',");
        WaitForAsyncUtils.waitForFxEvents();
        Label error = robot.lookup("#filter-error").queryAs(Label.class);
        assertThat(error.getText()).matches("Column 40: expected .* found end of input\\.");
        assertThat(robot.lookup("#filter-caret").queryLabeled().getText()).endsWith("^");
        assertThat(robot.lookup("#next-button").queryButton().isDisabled()).isTrue();
        WaitForAsyncUtils.asyncFx(() -> Screenshots.take(robot.window(0).getScene(), "scope-filter-error"));
        WaitForAsyncUtils.waitForFxEvents();

        robot.write(" 'na')");
        WaitForAsyncUtils.waitFor(
                5,
                TimeUnit.SECONDS,
                () -> robot.lookup("#filter-matches").queryLabeled().getText().endsWith("loaded partitions match."));
        assertThat(shown(error)).isFalse();
        assertThat(window.context
                        .session()
                        .setting("aws.partition.filter.sales.orders")
                        .get())
                .isEqualTo("dt >= '20200110' AND region IN ('emea', 'na')");
        String matches = robot.lookup("#filter-matches").queryLabeled().getText();
        assertThat(Long.parseLong(matches.substring(0, matches.indexOf(' ')).replace(",", "")))
                .isPositive();
        assertThat(robot.lookup("#next-button").queryButton().isDisabled()).isFalse();
        TableView<?> filters = robot.lookup("#filter-table").queryAs(TableView.class);
        assertThat(filters.getItems()).hasSize(1);
        WaitForAsyncUtils.asyncFx(() -> Screenshots.take(robot.window(0).getScene(), "scope-filters"));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theArchiveBucketIsListedAsUncoveredAndOneClickMapsIt(FxRobot robot) {
        ScopeViewModel viewModel = sampleOnScope(robot, true);
        showTab(robot, "tab-locations");
        ListView<UncoveredLocations.Group> uncovered =
                robot.lookup("#uncovered-list").queryAs(ListView.class);
        assertThat(uncovered.getItems())
                .extracting(UncoveredLocations.Group::prefix)
                .anyMatch(p -> p.startsWith("s3://lakeport-sample-eu-central-1-archive/"));
        robot.interact(() -> {
            viewModel.previewDatabaseProperty().set("sales");
            viewModel.previewTableProperty().set("orders");
        });
        WaitForAsyncUtils.waitForFxEvents();
        ListView<ScopeViewModel.LocationPreview> preview =
                robot.lookup("#preview-list").queryAs(ListView.class);
        assertThat(preview.getItems()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(preview.getItems().get(1).mapped())
                .hasValueSatisfying(m -> assertThat(m).startsWith("oss://"));
        WaitForAsyncUtils.asyncFx(() -> Screenshots.take(robot.window(0).getScene(), "scope-locations"));
        WaitForAsyncUtils.waitForFxEvents();

        int rows = viewModel.mappings().size();
        UncoveredLocations.Group archive = uncovered.getItems().stream()
                .filter(g -> g.prefix().contains("-archive/"))
                .findFirst()
                .orElseThrow();
        robot.interact(() -> {
            uncovered.requestFocus();
            uncovered.getSelectionModel().select(archive);
        });
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(viewModel.mappings()).hasSize(rows + 1);
        assertThat(window.context
                        .session()
                        .setting(ConfigKeys.LOCATION_CONVERT_MAP)
                        .get())
                .contains("\"s3://lakeport-sample-eu-central-1-archive/");
        assertThat(shown(robot.lookup("#uncovered-stale").query())).isTrue();
        robot.clickOn("#uncovered-refresh");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(uncovered.getItems())
                .extracting(UncoveredLocations.Group::prefix)
                .isNotEmpty()
                .doesNotContain(archive.prefix());

        robot.interact(() -> Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet()));
        robot.interact(() -> viewModel.addMapping("s3://lakeport-sample-eu-central-1/sales/", "sales/"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#next-button").queryButton().isDisabled()).isTrue();
        WaitForAsyncUtils.asyncFx(() -> Screenshots.take(robot.window(0).getScene(), "scope-locations-dark"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void bothPagesReadInChinese(FxRobot robot) {
        TestingWindow chinese = new TestingWindow(
                home.resolve("zh" + System.nanoTime()),
                new ImmediateTaskRunner(),
                new RecordingDialogService(),
                Locale.SIMPLIFIED_CHINESE);
        Stage[] stage = new Stage[1];
        try {
            robot.interact(() -> {
                stage[0] = new Stage();
                chinese.show(stage[0]);
                chinese.ui.viewModel(ProjectViewModel.class).openSample(300);
            });
            ProjectSession session = chinese.context.session();
            session.migration().load(Side.SOURCE, ProgressListener.NONE, new CancellationToken());
            robot.interact(() -> {
                session.snapshotGenerationProperty()
                        .set(session.snapshotGenerationProperty().get() + 1);
                assertThat(chinese.ui.wizard().go(Step.CONNECTIONS)).isTrue();
            });
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(robot.from(stage[0].getScene().getRoot())
                            .lookup("#test-source")
                            .queryButton()
                            .getText())
                    .isEqualTo("测试源(_T)");
            WaitForAsyncUtils.asyncFx(() -> Screenshots.take(stage[0].getScene(), "connections-zh"));
            WaitForAsyncUtils.waitForFxEvents();
            robot.interact(() -> assertThat(chinese.ui.wizard().go(Step.SCOPE)).isTrue());
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(robot.from(stage[0].getScene().getRoot())
                            .lookup("#databases-summary")
                            .queryLabeled()
                            .getText())
                    .startsWith("迁移 5 个数据库中的 5 个");
            WaitForAsyncUtils.asyncFx(() -> Screenshots.take(stage[0].getScene(), "scope-zh"));
            WaitForAsyncUtils.waitForFxEvents();
        } finally {
            WaitForAsyncUtils.asyncFx(() -> {
                chinese.close();
                if (stage[0] != null) {
                    stage[0].close();
                }
            });
            WaitForAsyncUtils.waitForFxEvents();
        }
    }

    static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return node.getScene() != null;
    }
}
