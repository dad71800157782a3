package dev.lakeport.app;

import static dev.lakeport.app.testing.ClickThrough.shot;
import static dev.lakeport.app.testing.ClickThrough.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.app.pages.diff.DiffTreeNode;
import dev.lakeport.app.pages.load.LoadViewModel;
import dev.lakeport.app.pages.project.ProjectViewModel;
import dev.lakeport.app.pages.reports.ReportsViewModel;
import dev.lakeport.app.pages.run.RunViewModel;
import dev.lakeport.app.task.FxTaskRunner;
import dev.lakeport.app.testing.RecordingDialogService;
import dev.lakeport.app.testing.TestingWindow;
import dev.lakeport.app.wizard.Step;
import dev.lakeport.diff.DiffQuery;
import dev.lakeport.diff.StoredDiffEntry;
import dev.lakeport.emulator.dlf.DlfEmulator;
import dev.lakeport.emulator.glue.GlueEmulator;
import dev.lakeport.mapping.ExclusionRule;
import dev.lakeport.model.ObjectKind;
import dev.lakeport.snapshot.CloseableIterator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.TabPane;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.Pane;
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
 * On the sample, with the real emulators and the real background runner, what reaches the destination is checked
 * object by object: an exclusion made on the Diff step holds through Apply, Cancel, Resume and Verify; a partition
 * filter narrowed on the Scope step after the load is what the diff compares and what the run writes.
 */
@ExtendWith(ApplicationExtension.class)
class ExclusionsAndScopeClickThroughIT {
    private static final int SAMPLE_PARTITIONS = 800;
    private static final String DB = "sales";
    private static final String EXCLUDED = "orders";
    private static final String FILTERED = "order_items";

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

    /** Opens the sample and loads both catalogs on the Load page. */
    private void sampleLoaded(FxRobot robot) throws Exception {
        robot.interact(() -> window.ui.viewModel(ProjectViewModel.class).openSample(SAMPLE_PARTITIONS));
        waitFor(
                120,
                () -> window.context.session().openProperty().get()
                        && tasks.running().isEmpty());
        go(robot, Step.LOAD);
        waitFor(60, () -> tasks.running().isEmpty());
        robot.clickOn("#load-both");
        waitFor(
                180,
                () -> window.ui.wizard().page(Step.LOAD).completeProperty().get()
                        && tasks.running().isEmpty());
        assertThat(dialogs.errors).isEmpty();
    }

    private GlueEmulator glue() {
        return window.context.sample().glue().orElseThrow();
    }

    private DlfEmulator dlf() {
        return window.context.sample().dlf().orElseThrow();
    }

    private List<List<String>> glueValues(String db, String table) {
        List<List<String>> values = new ArrayList<>();
        glue().store().forEachPartition(db, table, p -> {
            List<String> v = new ArrayList<>();
            p.get("Values").forEach(n -> v.add(n.asText()));
            values.add(v);
        });
        return values;
    }

    private void runDiff(FxRobot robot) throws Exception {
        go(robot, Step.DIFF);
        waitFor(60, () -> tasks.running().isEmpty());
        long before = window.context.session().latestDiffRunProperty().get();
        robot.clickOn("#run-diff");
        waitFor(
                120,
                () -> window.context.session().latestDiffRunProperty().get() > before
                        && tasks.running().isEmpty());
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void anExclusionHoldsThroughApplyCancelResumeAndVerify(FxRobot robot) throws Exception {
        sampleLoaded(robot);
        runDiff(robot);

        // Exclude sales.orders by its check box in the tree
        robot.interact(() -> item(tree(robot).getRoot(), DB).setExpanded(true));
        waitFor(60, () -> tasks.running().isEmpty());
        TreeItem<DiffTreeNode> orders = item(item(tree(robot).getRoot(), DB), EXCLUDED);
        robot.interact(() -> tree(robot).scrollTo(tree(robot).getRow(orders)));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn((CheckBox) cell(robot, orders.getValue()).lookup(".check-box"));
        waitFor(
                60,
                () -> tasks.running().isEmpty()
                        && window.context.session().exclusions().rules().size() == 1);
        assertThat(window.context.session().exclusions().rules().rules())
                .containsExactly(ExclusionRule.table(DB, EXCLUDED));
        assertThat(ruleNames(robot, "#exclusion-rules")).containsExactly("table sales.orders");

        // "Run diff" again: the rule holds, the entries are recorded as excluded
        runDiff(robot);
        long excludedEntries = 1 + glueValues(DB, EXCLUDED).size();
        long run = window.context.session().latestDiffRunProperty().get();
        assertThat(window.context.session().diffs().count(run, DiffQuery.all()))
                .isEqualTo(window.context
                                .session()
                                .diffs()
                                .count(run, DiffQuery.all().includedOnly())
                        + excludedEntries);
        assertThat(text(robot, "#included-count")).endsWith(String.format("%,d excluded by you", excludedEntries));

        // Run: slowly, so that Cancel stops it half-way
        go(robot, Step.RUN);
        waitFor(60, () -> tasks.running().isEmpty());
        assertThat(ruleNames(robot, "#exclusion-rules")).containsExactly("table sales.orders");
        RunViewModel runPage = window.ui.viewModel(RunViewModel.class);
        robot.interact(() -> runPage.rateTextProperty().set("2"));
        robot.clickOn("#run-apply");
        waitFor(120, () -> dlf().store().tableCount() >= 2);
        robot.clickOn("#run-cancel");
        waitFor(
                120,
                () -> runPage.stateProperty().get() == RunViewModel.State.CANCELLED
                        && tasks.running().isEmpty());
        assertThat(dlf().store().partitionCount()).isLessThan(glue().store().partitionCount() - excludedEntries + 1);

        // Resume at full speed
        robot.interact(() -> runPage.rateTextProperty().set("0"));
        robot.clickOn("#run-resume");
        waitFor(
                300,
                () -> (runPage.stateProperty().get() == RunViewModel.State.SUCCEEDED
                                || runPage.stateProperty().get() == RunViewModel.State.FAILED
                                || runPage.stateProperty().get() == RunViewModel.State.FINISHED_WITH_FAILURES)
                        && tasks.running().isEmpty());
        assertThat(dialogs.errors).isEmpty();
        assertThat(runPage.stateProperty().get()).isEqualTo(RunViewModel.State.SUCCEEDED);

        // Verify on the Reports page: only the excluded differences remain, and that is a match
        go(robot, Step.REPORTS);
        robot.interact(() -> robot.lookup("#reports-verify").queryButton().fire());
        ReportsViewModel reports = window.ui.viewModel(ReportsViewModel.class);
        waitFor(
                180,
                () -> reports.verifyStateProperty().get() != ReportsViewModel.VerifyState.RUNNING
                        && reports.verifyStateProperty().get() != ReportsViewModel.VerifyState.NOT_RUN
                        && tasks.running().isEmpty());
        assertThat(reports.verifyStateProperty().get()).isEqualTo(ReportsViewModel.VerifyState.MATCHES);
        assertThat(reports.verifyExcludedProperty().get()).isEqualTo(excludedEntries);

        // Object by object at the destination: the excluded table and its partitions are absent, the rest arrived
        assertThat(dlf().store().table(DB, EXCLUDED)).isEmpty();
        for (List<String> v : glueValues(DB, EXCLUDED)) {
            assertThat(dlf().store().partition(DB, EXCLUDED, v))
                    .as("partition %s", v)
                    .isEmpty();
        }
        for (String db : glue().store().databaseNames()) {
            assertThat(dlf().store().database(db)).as("database %s", db).isPresent();
            for (String t : glue().store().tableNames(db)) {
                if (db.equals(DB) && t.equals(EXCLUDED)) {
                    continue;
                }
                assertThat(dlf().store().table(db, t)).as("table %s.%s", db, t).isPresent();
                for (List<String> v : glueValues(db, t)) {
                    assertThat(dlf().store().partition(db, t, v))
                            .as("partition %s.%s %s", db, t, v)
                            .isPresent();
                }
            }
            for (String f : glue().store().functionNames(db)) {
                assertThat(dlf().store().function(db, f))
                        .as("function %s.%s", db, f)
                        .isPresent();
            }
        }

        // The Diff page shows the verify's diff: the rule, and that what remains is all excluded
        go(robot, Step.DIFF);
        waitFor(60, () -> tasks.running().isEmpty());
        assertThat(ruleNames(robot, "#exclusion-rules")).containsExactly("table sales.orders");
        assertThat(text(robot, "#included-count"))
                .isEqualTo(String.format("Differences remain: %,d, all excluded by you", excludedEntries));
        robot.interact(() -> item(tree(robot).getRoot(), DB).setExpanded(true));
        waitFor(60, () -> tasks.running().isEmpty());
        shot(robot, "desktop-6-diff-exclusions");
    }

    @Test
    void aPartitionFilterNarrowedAfterTheLoadIsWhatTheDiffComparesAndTheRunWrites(FxRobot robot) throws Exception {
        sampleLoaded(robot);
        List<List<String>> all = glueValues(DB, FILTERED);
        TreeSet<String> dts = new TreeSet<>();
        all.forEach(v -> dts.add(v.get(0)));
        String from = new ArrayList<>(dts).get(dts.size() * 3 / 4);
        Set<List<String>> matching = new HashSet<>();
        all.stream().filter(v -> v.get(0).compareTo(from) >= 0).forEach(matching::add);
        assertThat(matching).isNotEmpty().hasSizeLessThan(all.size());

        // Scope: a filter on the table's partitions, after the load
        go(robot, Step.SCOPE);
        waitFor(60, () -> tasks.running().isEmpty());
        robot.interact(() -> {
            TabPane tabs = robot.lookup("#scope-tabs").queryAs(TabPane.class);
            tabs.getTabs().stream()
                    .filter(t -> "tab-partitions".equals(t.getId()))
                    .findFirst()
                    .ifPresent(t -> tabs.getSelectionModel().select(t));
        });
        robot.clickOn("#filter-add");
        robot.clickOn("#filter-table-field").write(DB + "." + FILTERED);
        robot.clickOn("#filter-expression-field").write("dt >= '" + from + "'");
        waitFor(
                30,
                () -> robot.lookup("#filter-matches").queryLabeled().getText().endsWith("loaded partitions match."));
        assertThat(robot.lookup("#filter-matches").queryLabeled().getText())
                .startsWith(String.format("%,d of %,d", matching.size(), all.size()));
        // Narrower than the load: no new load needed
        waitFor(60, () -> tasks.running().isEmpty());
        assertThat(window.ui
                        .viewModel(LoadViewModel.class)
                        .scopeWidenedProperty()
                        .get())
                .isEmpty();

        // Diff: only the matching partitions of the table
        runDiff(robot);
        long run = window.context.session().latestDiffRunProperty().get();
        Set<List<String>> diffed = new HashSet<>();
        try (CloseableIterator<StoredDiffEntry> it = window.context.session().diffs().stream(
                run, DiffQuery.all().withTable(DB, FILTERED).withKind(ObjectKind.PARTITION))) {
            it.forEachRemaining(e -> diffed.add(e.entry().key().partitionValues()));
        }
        assertThat(diffed).isEqualTo(matching);

        // Run: the destination's partitions of that table are exactly the matching set
        go(robot, Step.RUN);
        waitFor(60, () -> tasks.running().isEmpty());
        RunViewModel runPage = window.ui.viewModel(RunViewModel.class);
        robot.clickOn("#run-apply");
        waitFor(
                300,
                () -> runPage.stateProperty().get() == RunViewModel.State.SUCCEEDED
                        && tasks.running().isEmpty());
        Set<List<String>> arrived = new HashSet<>();
        for (List<String> v : all) {
            if (dlf().store().partition(DB, FILTERED, v).isPresent()) {
                arrived.add(v);
            }
        }
        assertThat(arrived).isEqualTo(matching);

        // Removing the filter widens the scope beyond the load? No: the load read everything. A new database is not
        // loaded yet only when the load was narrower; the Load step stays complete here.
        assertThat(window.ui.wizard().page(Step.LOAD).completeProperty().get()).isTrue();
    }

    @Test
    void aScopeWidenedAfterTheLoadMarksTheLoadStepStaleWithTheReason(FxRobot robot) throws Exception {
        robot.interact(() -> window.ui.viewModel(ProjectViewModel.class).openSample(200));
        waitFor(
                120,
                () -> window.context.session().openProperty().get()
                        && tasks.running().isEmpty());
        robot.interact(() -> window.context.session().setting("aws.databases").set("sales"));
        go(robot, Step.LOAD);
        waitFor(60, () -> tasks.running().isEmpty());
        robot.clickOn("#load-both");
        waitFor(
                180,
                () -> window.ui.wizard().page(Step.LOAD).completeProperty().get()
                        && tasks.running().isEmpty());

        robot.interact(() -> window.context.session().setting("aws.databases").set("sales,finance"));
        waitFor(
                60,
                () -> !window.ui.wizard().page(Step.LOAD).completeProperty().get()
                        && tasks.running().isEmpty());
        assertThat(window.ui.wizard().page(Step.LOAD).problemProperty().get())
                .isEqualTo("Scope widened: database finance added; load again.");
        go(robot, Step.LOAD);
        assertThat(robot.lookup("#load-scope-widened").query().isVisible()).isTrue();
    }

    // ---- helpers

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

    private static TreeCell<?> cell(FxRobot robot, DiffTreeNode node) {
        return robot.lookup(".tree-cell").queryAllAs(TreeCell.class).stream()
                .filter(c -> c.getItem() == node)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no cell shows " + node));
    }

    /** The rules a page's rule bar lists (the page shown now). */
    private static List<String> ruleNames(FxRobot robot, String id) {
        Pane bar = robot.lookup(id).match(Node::isVisible).queryAs(Pane.class);
        return bar.getChildren().stream()
                .filter(n -> n.getUserData() instanceof ExclusionRule)
                .map(n -> ((ExclusionRule) n.getUserData()).describe())
                .toList();
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Labeled.class).getText();
    }

    private void go(FxRobot robot, Step step) {
        robot.interact(() -> assertThat(window.ui.wizard().go(step)).isTrue());
        WaitForAsyncUtils.waitForFxEvents();
    }
}
