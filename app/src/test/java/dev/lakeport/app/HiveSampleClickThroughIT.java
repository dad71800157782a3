package dev.lakeport.app;

import static dev.lakeport.app.testing.ClickThrough.selectIn;
import static dev.lakeport.app.testing.ClickThrough.shot;
import static dev.lakeport.app.testing.ClickThrough.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.odps.Odps;
import com.aliyun.odps.PartitionSpec;
import com.aliyun.odps.account.AliyunAccount;
import com.aliyun.odps.tunnel.TableTunnel;
import dev.lakeport.app.pages.browse.BrowseItem;
import dev.lakeport.app.pages.browse.BrowseNode;
import dev.lakeport.app.pages.browse.BrowseViewModel;
import dev.lakeport.app.pages.connections.ConnectionsViewModel;
import dev.lakeport.app.pages.copy.CopyViewModel;
import dev.lakeport.app.pages.copy.TaskRow;
import dev.lakeport.app.pages.diff.DiffViewModel;
import dev.lakeport.app.pages.reports.ReportsViewModel;
import dev.lakeport.app.session.SampleRoute;
import dev.lakeport.app.task.FxTaskRunner;
import dev.lakeport.app.testing.RecordingDialogService;
import dev.lakeport.app.testing.TestingWindow;
import dev.lakeport.app.wizard.Step;
import dev.lakeport.connector.CallSettings;
import dev.lakeport.connector.CatalogConnection;
import dev.lakeport.connector.CatalogConnector;
import dev.lakeport.connector.CatalogReader;
import dev.lakeport.connector.ConnectorRegistry;
import dev.lakeport.connector.ConnectorSettings;
import dev.lakeport.connector.Retries;
import dev.lakeport.emulator.dlf.DlfEmulator;
import dev.lakeport.localcopy.SampleDataFiles;
import dev.lakeport.localcopy.SampleDataWriter;
import dev.lakeport.localcopy.SourceCount;
import dev.lakeport.localcopy.TableFiles;
import dev.lakeport.model.Column;
import dev.lakeport.model.Database;
import dev.lakeport.model.ObjectKind;
import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import dev.lakeport.plan.tasks.TaskLogEntry;
import dev.lakeport.plan.tasks.TaskState;
import dev.lakeport.report.VerificationReport;
import dev.lakeport.snapshot.Side;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The sample project on the route Hive Metastore -> DLF, clicked through as a user would with the real background
 * runner: choose the route, open the sample (a real Hive Metastore starts inside the app and Lakeport copies the
 * sample catalog into it), see the Hive source on Connections, load, diff (hiveNew), apply, then compare the DLF
 * emulator object by object with the metastore, and verify. The metastore starts once per JVM. With
 * {@code -Dlakeport.screenshots=DIR} it writes the user guide's pictures of the route chooser and the Hive diff.
 */
@ExtendWith(ApplicationExtension.class)
// The metastore outlives a sample (it runs until the app closes); each sample gives it exactly its own catalog, which
// the scenario opening Hive -> MaxCompute after Hive -> DLF checks.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HiveSampleClickThroughIT {
    private static final int SAMPLE_PARTITIONS = 2_000;

    @TempDir
    Path home;

    private final FxTaskRunner tasks = new FxTaskRunner();
    private final RecordingDialogService dialogs = new RecordingDialogService();
    private TestingWindow window;

    @Start
    void start(Stage stage) {
        window = new TestingWindow(home, tasks, dialogs, Locale.ENGLISH, SAMPLE_PARTITIONS);
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
    void theHiveToDlfSampleFromProjectToVerify(FxRobot robot) throws Exception {
        // 1. Project: Glue -> DLF is chosen at first; pick Hive Metastore -> DLF and open the sample.
        RadioButton glueToDlf = robot.lookup("#sample-route-glue-to-dlf").query();
        RadioButton hiveToDlf = robot.lookup("#sample-route-hive-to-dlf").query();
        assertThat(glueToDlf.isSelected()).isTrue();
        assertThat(hiveToDlf.isDisabled()).isFalse();
        assertThat(robot.lookup("#sample-route-glue-to-hive")
                        .queryAs(RadioButton.class)
                        .getText())
                .isEqualTo("AWS Glue → Hive Metastore");
        robot.clickOn(hiveToDlf);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(hiveToDlf.isSelected()).isTrue();
        assertThat(robot.lookup("#sample-route-note").queryLabeled().getText()).contains("real Hive Metastore");
        shot(robot, "desktop-sample-routes");

        robot.clickOn("#open-sample");
        waitFor(
                300,
                () -> window.context.session().openProperty().get()
                        && tasks.running().isEmpty());
        assertThat(dialogs.errors).isEmpty();
        assertThat(window.context.sample().route()).contains(SampleRoute.HIVE_TO_DLF);
        String hiveUri = window.context.sample().hiveUri().orElseThrow().toString();
        assertThat(hiveUri).startsWith("thrift://127.0.0.1:");

        // 2. Connections: the source card is a Hive Metastore at the metastore's URI, and it answers.
        next(robot, Step.CONNECTIONS);
        Node sourceCard = robot.lookup("#card-source").query();
        ComboBox<?> sourceType = robot.from(sourceCard).lookup("#source-type").queryComboBox();
        assertThat(sourceType.getValue()).isEqualTo("hive");
        assertThat(((Labeled) sourceType.getButtonCell()).getText()).isEqualTo("Hive Metastore");
        TextField uri =
                robot.from(sourceCard).lookup("#field-hive-metastore-uris").queryAs(TextField.class);
        assertThat(uri.getText()).isEqualTo(hiveUri);
        robot.clickOn("#test-source");
        robot.clickOn("#test-destination");
        waitFor(60, () -> window.ui
                .wizard()
                .page(Step.CONNECTIONS)
                .completeProperty()
                .get());
        assertThat(window.ui
                        .viewModel(ConnectionsViewModel.class)
                        .test(Side.SOURCE)
                        .messageProperty()
                        .get())
                .contains("5 databases");

        // 3. Scope as the sample ships; 4. load both catalogs.
        loadBoth(robot);
        assertThat(window.context.session().store().count(Side.SOURCE, ObjectKind.PARTITION))
                .isEqualTo(SAMPLE_PARTITIONS);
        assertThat(window.context.session().store().count(Side.DESTINATION, ObjectKind.DATABASE))
                .isZero();

        next(robot, Step.BROWSE);
        waitFor(60, () -> tasks.running().isEmpty());
        next(robot, Step.ASSESS);
        waitFor(
                180,
                () -> window.ui.wizard().page(Step.ASSESS).completeProperty().get()
                        && tasks.running().isEmpty());
        assertThat(dialogs.errors).isEmpty();

        // 5. Diff: everything is new in DLF, in the route's words.
        next(robot, Step.DIFF);
        robot.clickOn("#run-diff");
        waitFor(
                180,
                () -> window.context.session().latestDiffRunProperty().get() >= 0
                        && tasks.running().isEmpty());
        assertThat(window.ui.wizard().page(Step.DIFF).validProperty().get()).isTrue();
        assertThat(robot.lookup("#total-hiveNew").queryLabeled().getText()).startsWith("hiveNew");
        assertThat(robot.lookup("#total-dlfNew").tryQuery()).isPresent();
        assertThat(robot.lookup("#filter-hiveNew").tryQuery()).isPresent();
        assertThat(robot.lookup("#total-glueNew").tryQuery()).isEmpty();
        openInTree(robot, "#diff-tree", 2, 0);
        assertThat(treeText(robot.lookup("#diff-tree").query())).contains("hiveNew");
        shot(robot, "desktop-6-diff-hive");

        // 6. Run: apply; deletions stay off.
        next(robot, Step.RUN);
        robot.clickOn("#run-apply");
        waitFor(
                600,
                () -> window.ui.wizard().page(Step.RUN).completeProperty().get()
                        && tasks.running().isEmpty());
        assertThat(dialogs.errors).isEmpty();

        // What reached DLF, object by object, against what the metastore holds.
        Map<String, String> settings = window.context.session().settings();
        DlfEmulator dlf = window.context.sample().dlf().orElseThrow();
        Catalog hive = Catalog.read("hive", settings);
        Catalog inDlf = Catalog.read("dlf", settings);
        assertThat(hive.databases()).hasSize(5);
        assertThat(hive.tables().size()).isGreaterThanOrEqualTo(20);
        assertThat(hive.partitions().values().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(SAMPLE_PARTITIONS);
        assertThat(inDlf.databases()).isEqualTo(hive.databases());
        assertThat(inDlf.tables()).isEqualTo(hive.tables());
        assertThat(inDlf.partitions()).isEqualTo(hive.partitions());
        assertThat(inDlf.functions()).isEqualTo(hive.functions());
        assertThat(hive.functions()).isNotEmpty();
        // The emulator's own counts agree with what the connector read.
        assertThat(dlf.store().databaseCount()).isEqualTo(5);
        assertThat(dlf.store().tableCount()).isEqualTo(hive.tables().size());
        assertThat(dlf.store().partitionCount()).isEqualTo(SAMPLE_PARTITIONS);
        assertThat(dlf.store().functionCount()).isEqualTo(hive.functions().size());

        // The Copy step copies data into MaxCompute; the route to DLF passes it.
        next(robot, Step.COPY);

        // 7. Verify: the re-diff is empty.
        next(robot, Step.REPORTS);
        robot.clickOn("#reports-verify");
        ReportsViewModel reports = window.ui.viewModel(ReportsViewModel.class);
        waitFor(
                300,
                () -> reports.verifyStateProperty().get() == ReportsViewModel.VerifyState.MATCHES
                        || reports.verifyStateProperty().get() == ReportsViewModel.VerifyState.DIFFERENCES
                        || reports.verifyStateProperty().get() == ReportsViewModel.VerifyState.FAILED);
        assertThat(reports.verifyStateProperty().get()).isEqualTo(ReportsViewModel.VerifyState.MATCHES);
        assertThat(reports.verifySummaryProperty().get().isEmpty()).isTrue();
        waitFor(60, () -> tasks.running().isEmpty());
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void theGlueToHiveSampleHasTheMetastoreAsItsDestination(FxRobot robot) throws Exception {
        robot.clickOn("#sample-route-glue-to-hive");
        robot.clickOn("#open-sample");
        waitFor(
                300,
                () -> window.context.session().openProperty().get()
                        && tasks.running().isEmpty());
        assertThat(dialogs.errors).isEmpty();
        assertThat(window.context.sample().route()).contains(SampleRoute.GLUE_TO_HIVE);
        String hiveUri = window.context.sample().hiveUri().orElseThrow().toString();

        next(robot, Step.CONNECTIONS);
        Node destinationCard = robot.lookup("#card-destination").query();
        ComboBox<?> destinationType =
                robot.from(destinationCard).lookup("#destination-type").queryComboBox();
        assertThat(destinationType.getValue()).isEqualTo("hive");
        assertThat(((Labeled) destinationType.getButtonCell()).getText()).isEqualTo("Hive Metastore");
        assertThat(robot.from(destinationCard)
                        .lookup("#field-hive-metastore-uris")
                        .queryAs(TextField.class)
                        .getText())
                .isEqualTo(hiveUri);
        robot.clickOn("#test-source");
        robot.clickOn("#test-destination");
        connectionsTested();

        // The diff speaks Glue -> Hive: glueNew to create in the metastore, hiveNew only in it.
        loadBoth(robot);
        robot.interact(() -> window.ui.wizard().go(Step.DIFF));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#run-diff");
        waitFor(
                180,
                () -> window.context.session().latestDiffRunProperty().get() >= 0
                        && tasks.running().isEmpty());
        assertThat(dialogs.errors).isEmpty();
        assertThat(robot.lookup("#total-glueNew").tryQuery()).isPresent();
        assertThat(robot.lookup("#total-hiveNew").tryQuery()).isPresent();
        assertThat(robot.lookup("#total-dlfNew").tryQuery()).isEmpty();
    }

    /**
     * One catalog as read through its connector (found by kind, as the app finds it): database names with their
     * locations, tables with their locations, partition count per table, and functions with their classes.
     */
    private record Catalog(
            Map<String, String> databases,
            Map<String, String> tables,
            Map<String, Long> partitions,
            Map<String, String> functions) {
        static Catalog read(String kind, Map<String, String> settings) {
            CatalogConnector connector = ConnectorRegistry.standard().require(kind);
            Map<String, String> databases = new TreeMap<>();
            Map<String, String> tables = new TreeMap<>();
            Map<String, Long> partitions = new TreeMap<>();
            Map<String, String> functions = new TreeMap<>();
            try (CatalogConnection connection =
                            connector.open(ConnectorSettings.of(connector, settings), CallSettings.defaults());
                    CatalogReader reader = connection.reader(Retries.none());
                    Stream<Database> all = reader.databases()) {
                for (Database database : all.toList()) {
                    databases.put(database.name(), oss(database.locationUri().orElse("")));
                    try (Stream<Table> inDatabase = reader.tables(database.name())) {
                        for (Table table : inDatabase.toList()) {
                            String key = database.name() + "." + table.name();
                            tables.put(
                                    key,
                                    oss(table.storageDescriptor()
                                            .flatMap(sd -> sd.location())
                                            .orElse("")));
                            try (var parts = reader.partitions(table, Optional.empty())) {
                                partitions.put(key, parts.count());
                            }
                        }
                    }
                    try (var inDatabase = reader.functions(database.name())) {
                        inDatabase.forEach(f -> functions.put(database.name() + "." + f.name(), f.className()));
                    }
                }
            }
            return new Catalog(databases, tables, partitions, functions);
        }

        /** The sample's location rewrite, s3:// to oss://, so that both sides compare; a trailing slash aside. */
        private static String oss(String location) {
            String rewritten = location.replace("s3://", "oss://");
            return rewritten.endsWith("/") ? rewritten.substring(0, rewritten.length() - 1) : rewritten;
        }
    }

    @Test
    @Order(1)
    void theHiveToMaxComputeSampleShowsTypesAndCreatesEveryTableInMaxCompute(FxRobot robot) throws Exception {
        openAndLoadTheMaxComputeSample(robot);

        // Diff: hiveNew in MaxCompute's names, and a table's columns with the types MaxCompute will hold.
        robot.interact(() -> window.ui.wizard().go(Step.DIFF));
        robot.clickOn("#run-diff");
        waitFor(
                180,
                () -> window.context.session().latestDiffRunProperty().get() >= 0
                        && tasks.running().isEmpty());
        assertThat(robot.lookup("#total-hiveNew").queryLabeled().getText()).startsWith("hiveNew");
        assertThat(robot.lookup("#total-maxcomputeNew").tryQuery()).isPresent();
        openInTree(robot, "#diff-tree", 2, 3); // lakeport_sample.sales.orders
        DiffViewModel diff = window.ui.viewModel(DiffViewModel.class);
        waitFor(60, () -> !diff.types().isEmpty());
        assertThat(treeText(robot.lookup("#diff-tree").query())).contains("lakeport_sample.sales");
        assertThat(robot.lookup("#detail-types-box").query().isVisible()).isTrue();
        assertThat(diff.types()).allSatisfy(t -> assertThat(t.held()).isTrue()).anySatisfy(t -> assertThat(t.because())
                .contains("odps"));
        shot(robot, "desktop-6-diff-maxcompute-types");

        // Run, then what reached MaxCompute against what the metastore holds: every table and view, in the schema
        // named as its database, with all its partitions.
        next(robot, Step.RUN);
        robot.clickOn("#run-apply");
        waitFor(
                600,
                () -> window.ui.wizard().page(Step.RUN).completeProperty().get()
                        && tasks.running().isEmpty());
        assertThat(dialogs.errors).isEmpty();
        Map<String, String> settings = window.context.session().settings();
        Catalog hive = Catalog.read("hive", settings);
        Catalog inMaxCompute = Catalog.read("maxcompute", settings);
        Map<String, Long> expected = new TreeMap<>();
        hive.partitions().forEach((table, count) -> {
            if (!table.startsWith("default.")) {
                expected.put("lakeport_sample." + table, count);
            }
        });
        assertThat(expected).hasSizeGreaterThanOrEqualTo(20);
        assertThat(inMaxCompute.partitions()).isEqualTo(expected);
        assertThat(window.context.sample().maxCompute().orElseThrow().store().hasProject("lakeport_sample"))
                .isTrue();

        // Copy data: the database sales, chosen on Browse, is the job's scope; Run new job, and every task succeeds.
        BrowseViewModel browse = window.ui.viewModel(BrowseViewModel.class);
        robot.interact(() -> {
            assertThat(window.ui.wizard().go(Step.BROWSE)).isTrue();
            browse.sideProperty().set(Side.SOURCE);
        });
        waitFor(
                120,
                () -> !browse.root().children().isEmpty()
                        && browse.root().children().stream().allMatch(n -> n.item() instanceof BrowseItem.DatabaseItem)
                        && tasks.running().isEmpty());
        assertThat(salesNode(browse))
                .as(
                        "the database sales among %s",
                        browse.root().children().stream()
                                .map(n -> n.text() + " " + n.item())
                                .toList())
                .isPresent();
        robot.interact(() -> browse.select(salesNode(browse).orElseThrow()));
        robot.interact(() -> assertThat(window.ui.wizard().go(Step.COPY)).isTrue());
        waitFor(60, () -> tasks.running().isEmpty());
        RadioButton scope = robot.lookup("#copy-scope-selection").query();
        assertThat(scope.isSelected()).isTrue();
        assertThat(scope.getText()).endsWith("sales");
        CopyViewModel copy = window.ui.viewModel(CopyViewModel.class);
        robot.interact(() -> robot.lookup("#copy-run").queryButton().fire());
        waitFor(
                240,
                () -> !copy.runningProperty().get()
                        && !copy.rows().isEmpty()
                        && copy.rows().stream().noneMatch(r -> r.task().state() == TaskState.RUNNING)
                        && tasks.running().isEmpty());
        assertThat(dialogs.errors).isEmpty();
        TableView<TaskRow> taskList = robot.lookup("#copy-tasks").queryTableView();
        assertThat(taskList.getItems()).isNotEmpty().allSatisfy(r -> assertThat(
                        r.task().state())
                .as("task %s of %s", r.task().id(), r.task().table())
                .isEqualTo(TaskState.SUCCEEDED));
        assertThat(window.ui.wizard().page(Step.COPY).completeProperty().get()).isTrue();

        // Each partition's rows at MaxCompute, read through a download session, equal a count of its source files;
        // the partitions of orders whose region is null are among them.
        SampleDataWriter withFiles = SampleDataWriter.of(0, SampleDataFiles.ROWS_PER_FILE);
        Map<String, Long> inFiles = new TreeMap<>();
        Map<String, Long> atMaxCompute = new TreeMap<>();
        TableTunnel tunnel = tunnel(settings);
        for (Table table : readHive(settings, r -> {
            try (Stream<Table> all = r.tables("sales")) {
                return all.filter(withFiles::writes).toList();
            }
        })) {
            SourceCount count = SourceCount.of(TableFiles.of(table));
            if (table.partitionKeys().isEmpty()) {
                inFiles.put(table.name(), count.count());
                atMaxCompute.put(
                        table.name(),
                        tunnel.createDownloadSession("lakeport_sample", "sales", table.name(), false)
                                .getRecordCount());
                continue;
            }
            List<String> keys = table.partitionKeys().stream().map(Column::name).toList();
            for (Partition partition : readHive(settings, r -> {
                try (Stream<Partition> all = r.partitions(table, Optional.empty())) {
                    return all.toList();
                }
            })) {
                PartitionSpec spec = new PartitionSpec();
                for (int i = 0; i < keys.size(); i++) {
                    spec.set(keys.get(i), partition.values().get(i));
                }
                String where = table.name() + " " + spec;
                inFiles.put(where, count.count(partition));
                atMaxCompute.put(
                        where,
                        tunnel.createDownloadSession("lakeport_sample", "sales", table.name(), spec, false)
                                .getRecordCount());
            }
        }
        assertThat(inFiles.keySet())
                .anySatisfy(k -> assertThat(k).startsWith("orders ").contains("__HIVE_DEFAULT_PARTITION__"))
                .anySatisfy(k -> assertThat(k).isEqualTo("customers"));
        assertThat(inFiles.values().stream().mapToLong(Long::longValue).sum()).isPositive();
        assertThat(atMaxCompute).isEqualTo(inFiles);

        // A task's log, for the user guide.
        TaskRow orders = taskList.getItems().stream()
                .filter(r -> r.task().table().equals("orders"))
                .findFirst()
                .orElseThrow();
        robot.interact(() -> {
            taskList.getSelectionModel().select(orders);
            taskList.scrollTo(orders);
        });
        waitFor(60, () -> !copy.log().isEmpty() && tasks.running().isEmpty());
        assertThat(copy.log()).extracting(TaskLogEntry::message).anySatisfy(l -> assertThat(l)
                .startsWith("succeeded"));
        // The guide's picture is wider than the window, and the table's name column is widened as a user drags it.
        robot.interact(() -> {
            robot.window(0).setWidth(1600);
            robot.window(0).setHeight(900);
        });
        robot.interact(() -> {
            taskList.resizeColumn(taskList.getColumns().get(1), 110);
            taskList.resizeColumn(taskList.getColumns().get(2), 60);
        });
        shot(robot, "desktop-7-copy-tasks");

        // Verify on the Reports step diffs again; then the Copy page's verification report has every table verified.
        robot.interact(() -> assertThat(window.ui.wizard().go(Step.REPORTS)).isTrue());
        WaitForAsyncUtils.waitForFxEvents();
        long diffBefore = window.context.session().latestDiffRunProperty().get();
        robot.interact(() -> robot.lookup("#reports-verify").queryButton().fire());
        ReportsViewModel reports = window.ui.viewModel(ReportsViewModel.class);
        waitFor(
                300,
                () -> window.context.session().latestDiffRunProperty().get() != diffBefore
                        && reports.verifyStateProperty().get() != ReportsViewModel.VerifyState.RUNNING
                        && tasks.running().isEmpty());
        assertThat(reports.verifyStateProperty().get()).isEqualTo(ReportsViewModel.VerifyState.MATCHES);
        robot.interact(() -> assertThat(window.ui.wizard().go(Step.COPY)).isTrue());
        TabPane copyTabs = robot.lookup("#copy-tabs").query();
        robot.interact(() -> copyTabs.getSelectionModel().select(1));
        TableView<VerificationReport.TableVerdict> verdicts =
                robot.lookup("#copy-verdicts").queryTableView();
        waitFor(
                60,
                () -> !verdicts.getItems().isEmpty()
                        && verdicts.getItems().stream()
                                .allMatch(v -> v.metadata().isEmpty())
                        && tasks.running().isEmpty());
        assertThat(verdicts.getItems())
                .extracting(VerificationReport.TableVerdict::table)
                .containsExactlyInAnyOrderElementsOf(readHive(settings, r -> {
                    try (Stream<Table> all = r.tables("sales")) {
                        return all.filter(withFiles::writes).map(Table::name).toList();
                    }
                }));
        assertThat(verdicts.getItems())
                .allSatisfy(v -> assertThat(v.passed()).as(v.table()).isTrue())
                .allSatisfy(v -> assertThat(v.disagree()).as(v.table()).isZero());
        assertThat(robot.lookup("#copy-verification-summary").queryLabeled().getText())
                .contains(verdicts.getItems().size() + " tables, 0 not verified");
        robot.interact(() -> verdicts.resizeColumn(verdicts.getColumns().get(0), 70));
        shot(robot, "desktop-8-verification");
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void theCopyPageShowsTheChosenDatabaseWithTheUnderscoreOfItsName(FxRobot robot) throws Exception {
        openAndLoadTheMaxComputeSample(robot);
        robot.interact(() -> window.ui.wizard().go(Step.DIFF));
        robot.clickOn("#run-diff");
        waitFor(
                180,
                () -> window.context.session().latestDiffRunProperty().get() >= 0
                        && tasks.running().isEmpty());
        BrowseViewModel browse = window.ui.viewModel(BrowseViewModel.class);
        robot.interact(() -> {
            assertThat(window.ui.wizard().go(Step.BROWSE)).isTrue();
            browse.sideProperty().set(Side.SOURCE);
        });
        waitFor(120, () -> salesNode(browse).isPresent() && tasks.running().isEmpty());
        robot.interact(() -> browse.select(salesNode(browse).orElseThrow()));
        robot.interact(() -> assertThat(window.ui.wizard().go(Step.COPY)).isTrue());
        waitFor(60, () -> tasks.running().isEmpty());

        // What the radio button draws, not only the text it holds: "lakeport_sample.sales", not "lakeportsample.sales".
        RadioButton scope = robot.lookup("#copy-scope-selection").query();
        assertThat(scope.getText()).endsWith("lakeport_sample.sales");
        javafx.scene.text.Text drawn = (javafx.scene.text.Text) scope.lookup(".text");
        assertThat(drawn.getText()).endsWith("lakeport_sample.sales");
    }

    @Test
    void theHiveToMaxComputeSampleOpenedAfterTheHiveToDlfSampleHasEveryPartitionOnThisComputer(FxRobot robot)
            throws Exception {
        robot.clickOn("#sample-route-hive-to-dlf");
        robot.clickOn("#open-sample");
        waitFor(
                300,
                () -> window.context.sample().route().orElse(null) == SampleRoute.HIVE_TO_DLF
                        && window.context.session().openProperty().get()
                        && tasks.running().isEmpty());
        robot.clickOn("#sample-route-hive-to-maxcompute");
        robot.clickOn("#open-sample");
        waitFor(
                300,
                () -> window.context.sample().route().orElse(null) == SampleRoute.HIVE_TO_MAXCOMPUTE
                        && window.context.session().openProperty().get()
                        && tasks.running().isEmpty());
        Map<String, String> settings = window.context.session().settings();
        List<String> elsewhere = readHive(settings, r -> {
            Table orders = r.table("sales", "orders").orElseThrow();
            try (Stream<Partition> all = r.partitions(orders, Optional.empty())) {
                return all.filter(p -> !p.storageDescriptor()
                                .flatMap(sd -> sd.location())
                                .orElse("")
                                .startsWith("file:"))
                        .map(p -> String.join("/", p.values()))
                        .toList();
            }
        });
        assertThat(elsewhere)
                .as("partitions of sales.orders not on this computer")
                .isEmpty();
    }

    /** The Browse page's node of the database sales, once the page lists it. */
    private static Optional<BrowseNode> salesNode(BrowseViewModel browse) {
        return browse.root().children().stream()
                .filter(n -> n.item() instanceof BrowseItem.DatabaseItem d
                        && (d.summary().name().equals("sales")
                                || d.summary().name().endsWith(".sales")))
                .findFirst();
    }

    /** The sample MaxCompute's Tunnel, through the SDK, with the project's keys. */
    private static TableTunnel tunnel(Map<String, String> settings) {
        Odps odps = new Odps(
                new AliyunAccount(settings.get("maxcompute.accessKeyId"), settings.get("maxcompute.accessKeySecret")));
        odps.setEndpoint(settings.get("maxcompute.endpoint"));
        odps.setDefaultProject("lakeport_sample");
        return new TableTunnel(odps);
    }

    /** What a read of the metastore through the Hive connector answers. */
    private static <T> T readHive(Map<String, String> settings, Function<CatalogReader, T> read) {
        CatalogConnector connector = ConnectorRegistry.standard().require("hive");
        try (CatalogConnection connection =
                        connector.open(ConnectorSettings.of(connector, settings), CallSettings.defaults());
                CatalogReader reader = connection.reader(Retries.none())) {
            return read.apply(reader);
        }
    }

    /** Chooses the route Hive Metastore -> MaxCompute, opens its sample, tests both connections and loads both sides. */
    private void openAndLoadTheMaxComputeSample(FxRobot robot) throws Exception {
        robot.clickOn("#sample-route-hive-to-maxcompute");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#sample-route-note").queryLabeled().getText()).contains("MaxCompute");
        robot.clickOn("#open-sample");
        waitFor(
                300,
                () -> window.context.session().openProperty().get()
                        && tasks.running().isEmpty());
        assertThat(dialogs.errors).isEmpty();
        assertThat(window.context.sample().route()).contains(SampleRoute.HIVE_TO_MAXCOMPUTE);

        // Connections: MaxCompute is the destination, with its own keys, and both sides answer.
        next(robot, Step.CONNECTIONS);
        Node destinationCard = robot.lookup("#card-destination").query();
        ComboBox<?> destinationType =
                robot.from(destinationCard).lookup("#destination-type").queryComboBox();
        assertThat(destinationType.getValue()).isEqualTo("maxcompute");
        // The MaxCompute card is tall: its buttons are fired where they are, scrolled out of view or not.
        robot.interact(() -> robot.lookup("#test-source").queryButton().fire());
        robot.interact(() -> robot.lookup("#test-destination").queryButton().fire());
        connectionsTested();

        loadBoth(robot);
    }

    /** Both connections' tests passed: the Connections step is complete and no error was shown. */
    private void connectionsTested() throws Exception {
        waitFor(60, () -> window.ui
                .wizard()
                .page(Step.CONNECTIONS)
                .completeProperty()
                .get());
        assertThat(dialogs.errors).isEmpty();
    }

    /** From Connections through Scope to Load, both catalogs loaded with no error shown. */
    private void loadBoth(FxRobot robot) throws Exception {
        next(robot, Step.SCOPE);
        next(robot, Step.LOAD);
        robot.clickOn("#load-both");
        waitFor(
                300,
                () -> window.ui.wizard().page(Step.LOAD).completeProperty().get()
                        && tasks.running().isEmpty());
        assertThat(dialogs.errors).isEmpty();
    }

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

    /** The texts of the tree's visible cells. */
    private static String treeText(TreeView<?> tree) {
        StringBuilder text = new StringBuilder();
        tree.lookupAll(".tree-cell").forEach(n -> {
            if (n instanceof Labeled cell && cell.getText() != null) {
                text.append(cell.getText()).append('\n');
            }
            if (n instanceof javafx.scene.Parent parent) {
                parent.lookupAll(".label")
                        .forEach(l -> text.append(((Labeled) l).getText()).append('\n'));
            }
        });
        return text.toString();
    }

    private void next(FxRobot robot, Step expected) {
        robot.clickOn("#next-button");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.ui.wizard().currentProperty().get()).isEqualTo(expected);
    }
}
