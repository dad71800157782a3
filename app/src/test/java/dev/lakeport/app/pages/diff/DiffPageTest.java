package dev.lakeport.app.pages.diff;

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
import dev.lakeport.diff.DiffQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.application.Application;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
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

@ExtendWith(ApplicationExtension.class)
class DiffPageTest {
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

    private ProjectSession session() {
        return window.context.session();
    }

    /** Opens the sample, migrates it once and changes both sides (off the FX thread), then shows the Diff page. */
    private ChangedSample openChangedSample(FxRobot robot) {
        robot.interact(() -> window.ui.viewModel(ProjectViewModel.class).openSample(300));
        assertThat(dialogs.errors).isEmpty();
        ChangedSample world = ChangedSample.prepare(session(), window.context.sample());
        robot.interact(() -> {
            session()
                    .snapshotGenerationProperty()
                    .set(session().snapshotGenerationProperty().get() + 1);
            assertThat(window.ui.wizard().go(Step.DIFF)).isTrue();
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dialogs.errors).isEmpty();
        return world;
    }

    @SuppressWarnings("unchecked")
    private static TreeView<DiffTreeNode> tree(FxRobot robot) {
        return (TreeView<DiffTreeNode>) robot.lookup("#diff-tree").query();
    }

    private static TreeItem<DiffTreeNode> item(TreeItem<DiffTreeNode> parent, String name) {
        return parent.getChildren().stream()
                .filter(i -> i.getValue().name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row " + name));
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Labeled.class).getText();
    }

    /** The badges a tree row shows, e.g. ["glueNew 4", "dlfNew 1"]. */
    private static List<String> badges(FxRobot robot, DiffTreeNode node) {
        TreeCell<?> cell = cell(robot, node);
        return cell.lookupAll(".badge").stream()
                .map(n -> ((Labeled) n).getText())
                .toList();
    }

    private static TreeCell<?> cell(FxRobot robot, DiffTreeNode node) {
        return robot.lookup(".tree-cell").queryAllAs(TreeCell.class).stream()
                .filter(c -> c.getItem() == node)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no cell shows " + node));
    }

    @Test
    void anotherRouteSpeaksItsOwnWords(FxRobot robot) {
        robot.interact(() -> window.ui.viewModel(ProjectViewModel.class).openSample(300));
        // The sample backwards: its empty DLF catalog is the source, its Glue catalog the destination.
        robot.interact(() -> {
            session().setting(dev.lakeport.config.ConfigKeys.SOURCE_TYPE).set("dlf");
            session().setting(dev.lakeport.config.ConfigKeys.DESTINATION_TYPE).set("glue");
        });
        var migration = session().migration();
        migration.loadBoth(ChangedSample.QUIET, ChangedSample.QUIET, ChangedSample.NEVER);
        robot.interact(() -> {
            session()
                    .snapshotGenerationProperty()
                    .set(session().snapshotGenerationProperty().get() + 1);
            assertThat(window.ui.wizard().go(Step.DIFF)).isTrue();
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#diff-intro"))
                .contains("dlfNew is created in the destination")
                .contains("glueNew is deleted only if")
                .doesNotContain("glueNew is created");

        robot.clickOn("#run-diff");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dialogs.errors).isEmpty();
        // Everything is only in the destination (Glue): to delete, in this route's word for it.
        assertThat(dialogs.notices)
                .anySatisfy(n -> assertThat(n).matches("Diff done: 0 dlfNew, \\d+ glueNew, 0 needUpdate\\."));
        assertThat(text(robot, "#total-glueNew")).startsWith("glueNew ").isNotEqualTo("glueNew 0");
        assertThat(robot.lookup("#total-dlfNew").tryQuery()).isPresent();
        robot.interact(() -> Screenshots.take(robot.window(0).getScene(), "diff-dlf-to-glue"));

        robot.interact(() -> assertThat(window.ui.wizard().go(Step.RUN)).isTrue());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#run-create").query().getParent().lookupAll(".label").stream()
                        .map(n -> ((Labeled) n).getText())
                        .toList())
                .contains("only in the source (dlfNew)");
    }

    @Test
    void theTreeShowsCountsAsBadgesFiltersRequeryAndExportsWriteReports(FxRobot robot) throws Exception {
        ChangedSample world = openChangedSample(robot);
        assertThat(text(robot, "#run-info")).startsWith("Diff #" + world.changedRun + " of ");

        robot.clickOn("#run-diff");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dialogs.errors).isEmpty();
        assertThat(dialogs.notices).contains("Diff done: 4 glueNew, 2 dlfNew, 3 needUpdate.");
        long run = session().latestDiffRunProperty().get();
        assertThat(run).isGreaterThan(world.changedRun);
        assertThat(text(robot, "#run-info")).startsWith("Diff #" + run + " of ");
        assertThat(text(robot, "#total-glueNew")).isEqualTo("glueNew 4");
        assertThat(text(robot, "#total-dlfNew")).isEqualTo("dlfNew 2");
        assertThat(text(robot, "#total-needUpdate")).isEqualTo("needUpdate 3");
        assertThat(text(robot, "#included-count")).isEqualTo("9 of 9 entries included in the run");
        assertThat(robot.lookup("#empty-state").query().isVisible()).isFalse();
        assertThat(robot.lookup("#no-diff-state").query().isVisible()).isFalse();
        assertThat(window.ui.wizard().page(Step.DIFF).completeProperty().get()).isTrue();

        TreeView<DiffTreeNode> tree = tree(robot);
        assertThat(tree.getRoot().getChildren()).hasSize(2);
        TreeItem<DiffTreeNode> db = item(tree.getRoot(), world.database);
        robot.interact(() -> db.setExpanded(true));
        assertThat(db.getChildren()).hasSize(3);
        assertThat(badges(robot, db.getValue())).containsExactly("glueNew 4", "dlfNew 1", "needUpdate 3");
        assertThat(badges(robot, item(db, world.updatedTable).getValue())).containsExactly("glueNew 3", "needUpdate 3");
        assertThat(badges(
                        robot, item(tree.getRoot(), ChangedSample.GONE_DATABASE).getValue()))
                .containsExactly("dlfNew 1");
        TreeItem<DiffTreeNode> updated = item(db, world.updatedTable);
        robot.interact(() -> updated.setExpanded(true));
        assertThat(updated.getChildren()).hasSize(5);
        robot.interact(() -> Screenshots.take(robot.window(0).getScene(), "diff"));

        robot.clickOn("#filter-partition");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(tree.getRoot().getChildren())
                .extracting(i -> i.getValue().name())
                .containsExactly(world.database);
        assertThat(badges(robot, tree.getRoot().getChildren().get(0).getValue()))
                .containsExactly("glueNew 3", "needUpdate 2");
        robot.clickOn("#filter-all");
        robot.clickOn("#filter-glueNew");
        robot.clickOn("#filter-needUpdate");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(tree.getRoot().getChildren()).hasSize(2);
        assertThat(badges(robot, item(tree.getRoot(), world.database).getValue()))
                .containsExactly("dlfNew 1");
        robot.clickOn("#filter-dlfNew");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(tree.getRoot().getChildren()).isEmpty();
        assertThat(text(robot, "#tree-placeholder")).isEqualTo("No differences match the filters.");
        assertThat(robot.lookup("#tree-placeholder").query().isVisible()).isTrue();

        Path csv = home.resolve("page-exports/diff.csv");
        Path json = home.resolve("page-exports/diff.json");
        Path html = home.resolve("page-exports/diff.html");
        assertThat(robot.lookup("#open-report").query().isVisible()).isFalse();
        dialogs.fileAnswers.add(csv);
        robot.clickOn("#export-csv");
        dialogs.fileAnswers.add(json);
        robot.clickOn("#export-json");
        dialogs.fileAnswers.add(html);
        robot.clickOn("#export-html");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dialogs.errors).isEmpty();
        // Filters change the view, not the report: every entry is exported.
        assertThat(Files.readAllLines(csv).get(0)).isEqualTo("itemType,itemName,diffResult,included,fieldChanges");
        assertThat(Files.readString(csv))
                .contains("table," + world.database + "." + world.newTable + ",glueNew,true")
                .contains("database," + ChangedSample.GONE_DATABASE + ",dlfNew,true");
        assertThat(Files.readString(json)).contains("\"diffRunId\":" + run);
        assertThat(Files.readString(html)).contains(world.database + "." + world.updatedTable);
        assertThat(dialogs.notices).contains("Saved " + html.toAbsolutePath());
        robot.clickOn("#open-report");
        assertThat(dialogs.opened).containsExactly(html);
    }

    @Test
    void anUpdateShowsItsFieldsSideBySideAndExcludingATableUpdatesTheCounts(FxRobot robot) {
        ChangedSample world = openChangedSample(robot);
        TreeView<DiffTreeNode> tree = tree(robot);
        TreeItem<DiffTreeNode> db = item(tree.getRoot(), world.database);
        robot.interact(() -> db.setExpanded(true));
        TreeItem<DiffTreeNode> updated = item(db, world.updatedTable);
        robot.interact(() -> tree.getSelectionModel().select(updated));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(text(robot, "#detail-title")).isEqualTo(world.database + "." + world.updatedTable);
        assertThat(text(robot, "#detail-note")).startsWith("1 field differs");
        @SuppressWarnings("unchecked")
        TableView<FieldRow> fields =
                (TableView<FieldRow>) robot.lookup("#detail-fields").query();
        assertThat(fields.getItems()).contains(new FieldRow("parameters.owner", "bi-team", "", true));
        assertThat(fields.getColumns())
                .extracting(c -> c.getText())
                .containsExactly("Field", "Source (mapped)", "Destination");
        robot.clickOn("#changed-only");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fields.getItems()).containsExactly(new FieldRow("parameters.owner", "bi-team", "", true));
        TableRow<?> changedRow = robot.lookup(".table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(r -> r.getItem() != null)
                .findFirst()
                .orElseThrow();
        assertThat(changedRow.getPseudoClassStates()).contains(PseudoClass.getPseudoClass("changed"));
        robot.clickOn("#changed-only");
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> Screenshots.take(robot.window(0).getScene(), "diff-update"));

        // Excluding the table (its own entry and 5 partitions) by its check box.
        CheckBox check = (CheckBox) cell(robot, updated.getValue()).lookup(".check-box");
        robot.clickOn(check);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dialogs.errors).isEmpty();
        assertThat(text(robot, "#included-count")).isEqualTo("3 of 9 included; 6 excluded by you");
        assertThat(updated.getValue().inclusion()).isEqualTo(DiffTreeNode.Inclusion.EXCLUDED);
        assertThat(check.isSelected()).isFalse();
        assertThat(((CheckBox) cell(robot, db.getValue()).lookup(".check-box")).isIndeterminate())
                .isTrue();
        assertThat(robot.lookup("#detail-included").queryAs(CheckBox.class).isSelected())
                .isFalse();

        // And the gone table with the keyboard.
        TreeItem<DiffTreeNode> gone = item(db, world.goneTable);
        robot.interact(() -> {
            tree.requestFocus();
            tree.getSelectionModel().select(gone);
        });
        robot.type(KeyCode.SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#included-count")).isEqualTo("2 of 9 included; 7 excluded by you");
        long stored = session()
                .diffs()
                .count(session().latestDiffRunProperty().get(), DiffQuery.all().includedOnly());
        assertThat(stored).isEqualTo(2);

        robot.interact(() -> {
            tree.getSelectionModel().select(updated);
            Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#detail-inclusion")).isEqualTo("6 of 6 excluded");
        robot.interact(() -> Screenshots.take(robot.window(0).getScene(), "diff-dark"));
        robot.interact(() -> tree.getSelectionModel().select(db));
        assertThat(text(robot, "#detail-inclusion")).isEqualTo("7 of 8 excluded");
        assertThat(text(robot, "#detail-note")).contains("8 of its tables, partitions or functions differ");

        // The diff right after the first migration: empty, and older than the last load.
        robot.interact(() -> session().latestDiffRunProperty().set(world.emptyRun));
        WaitForAsyncUtils.waitForFxEvents();
        Node empty = robot.lookup("#empty-state").query();
        assertThat(empty.isVisible()).isTrue();
        assertThat(text(robot, "#empty-diff")).isEqualTo("Source and destination match — nothing to do");
        assertThat(robot.lookup("#stale-warning").query().isVisible()).isTrue();
        assertThat(robot.lookup("#diff-split").query().isVisible()).isFalse();
        robot.interact(() -> Screenshots.take(robot.window(0).getScene(), "diff-empty-dark"));
    }

    @Test
    void theFirstDiffOfTheSampleReadsInChinese(FxRobot robot) throws Exception {
        RecordingDialogService chineseDialogs = new RecordingDialogService();
        TestingWindow chinese = new TestingWindow(
                home.resolve("zh" + System.nanoTime()),
                new ImmediateTaskRunner(),
                chineseDialogs,
                Locale.SIMPLIFIED_CHINESE);
        Stage[] stage = new Stage[1];
        try {
            robot.interact(() -> {
                stage[0] = new Stage();
                chinese.show(stage[0]);
                chinese.ui.viewModel(ProjectViewModel.class).openSample(300);
            });
            ProjectSession session = chinese.context.session();
            session.migration().loadBoth(ChangedSample.QUIET, ChangedSample.QUIET, ChangedSample.NEVER);
            robot.interact(() -> {
                session.snapshotGenerationProperty()
                        .set(session.snapshotGenerationProperty().get() + 1);
                assertThat(chinese.ui.wizard().go(Step.DIFF)).isTrue();
            });
            Node page = chinese.view.lookup(".lp-diff");
            javafx.scene.control.Button run = (javafx.scene.control.Button) page.lookup("#run-diff");
            assertThat(run.getText()).isEqualTo("运行差异比较(_R)");
            robot.interact(run::fire);
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(chineseDialogs.errors).isEmpty();
            long total = session.diffs()
                    .summary(session.latestDiffRunProperty().get())
                    .total();
            assertThat(((Labeled) page.lookup("#included-count")).getText())
                    .isEqualTo("运行将包含 " + String.format("%,d", total) + " / " + String.format("%,d", total) + " 个条目");
            assertThat(((Labeled) page.lookup("#total-glueNew")).getText())
                    .isEqualTo("glueNew " + String.format("%,d", total));
            robot.interact(() -> Screenshots.take(stage[0].getScene(), "diff-zh"));
        } finally {
            robot.interact(() -> {
                if (stage[0] != null) {
                    stage[0].close();
                }
                chinese.close();
            });
        }
    }

    @Test
    void withoutLoadedCatalogsThePagePointsToTheLoadStep(FxRobot robot) {
        robot.interact(() -> window.ui.viewModel(ProjectViewModel.class).openSample(300));
        // Without loaded catalogs the wizard stops at the Load step; the page itself says why when shown.
        robot.interact(() -> assertThat(window.ui.wizard().go(Step.DIFF)).isFalse());
        robot.interact(() -> {
            window.ui.wizard().page(Step.DIFF).onEnter();
            window.view.setCenter(window.ui.pages().get(Step.DIFF.ordinal()).view());
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dialogs.errors).isEmpty();
        assertThat(robot.lookup("#load-warning").query().isVisible()).isTrue();
        assertThat(robot.lookup("#run-diff").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#no-diff-state").query().isVisible()).isTrue();
        assertThat(robot.lookup("#export-csv").queryButton().isDisabled()).isTrue();
        assertThat(window.ui.wizard().page(Step.DIFF).validProperty().get()).isFalse();
        assertThat(window.ui.wizard().page(Step.DIFF).problemProperty().get()).contains("step 4, Load");
        robot.interact(() -> Screenshots.take(robot.window(0).getScene(), "diff-not-loaded"));
    }
}
