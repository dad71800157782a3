package dev.lakeport.app.pages.copy;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.odps.Odps;
import com.aliyun.odps.PartitionSpec;
import com.aliyun.odps.account.AliyunAccount;
import com.aliyun.odps.tunnel.TableTunnel;
import dev.lakeport.app.session.ProjectSession;
import dev.lakeport.app.task.FxTaskRunner;
import dev.lakeport.app.testing.RecordingDialogService;
import dev.lakeport.app.testing.Screenshots;
import dev.lakeport.app.testing.TestingWindow;
import dev.lakeport.app.wizard.Step;
import dev.lakeport.apply.tasks.TaskCount;
import dev.lakeport.config.MigrationConfig;
import dev.lakeport.config.MigrationConfigLoader;
import dev.lakeport.connector.CatalogConnection;
import dev.lakeport.connector.CatalogWriter;
import dev.lakeport.diff.DiffRun;
import dev.lakeport.emulator.dlf.DlfEmulator;
import dev.lakeport.emulator.maxcompute.MaxComputeEmulator;
import dev.lakeport.model.Column;
import dev.lakeport.model.Database;
import dev.lakeport.model.Partition;
import dev.lakeport.model.SerDeInfo;
import dev.lakeport.model.StorageDescriptor;
import dev.lakeport.model.Table;
import dev.lakeport.plan.tasks.JobMode;
import dev.lakeport.plan.tasks.JobTask;
import dev.lakeport.plan.tasks.TaskLogEntry;
import dev.lakeport.plan.tasks.TaskState;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import dev.lakeport.report.VerificationReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
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
 * The Copy step in the whole window, with the real background runner, on a project whose source (the DLF emulator)
 * has tables whose JSON files the test writes on this computer, and whose destination is the MaxCompute emulator.
 * What reached MaxCompute is read back through the Tunnel with the SDK.
 */
@ExtendWith(ApplicationExtension.class)
class CopyPageTest {
    private static final String PROJECT = "lake";
    /** Rows of each partition of {@code sales.orders}, by its {@code dt}. */
    private static final Map<String, Integer> ORDERS = new LinkedHashMap<>();

    static {
        ORDERS.put("2024-01-01", 3);
        ORDERS.put("2024-01-02", 2);
        ORDERS.put("2024-01-03", 4);
        ORDERS.put("2024-01-04", 1);
        ORDERS.put("2024-01-05", 5);
        ORDERS.put("2024-01-06", 2);
    }

    @TempDir
    Path dir;

    private final RecordingDialogService dialogs = new RecordingDialogService();
    private FxTaskRunner tasks;
    private TestingWindow window;
    private DlfEmulator dlf;
    private MaxComputeEmulator maxCompute;

    @Start
    void start(Stage stage) {
        tasks = new FxTaskRunner();
        window = new TestingWindow(
                Path.of(System.getProperty("java.io.tmpdir")).resolve("lp-copy-" + System.nanoTime()),
                tasks,
                dialogs,
                Locale.ENGLISH);
        window.show(stage);
    }

    @AfterEach
    void close() {
        WaitForAsyncUtils.asyncFx(() -> {
            tasks.close();
            window.close();
        });
        WaitForAsyncUtils.waitForFxEvents();
        if (dlf != null) {
            dlf.close();
        }
        if (maxCompute != null) {
            maxCompute.close();
        }
    }

    private CopyViewModel vm() {
        return window.ui.viewModel(CopyViewModel.class);
    }

    private ProjectSession session() {
        return window.context.session();
    }

    private static void waitFor(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    // ---------------------------------------------------------------- the project

    private Map<String, String> settings() {
        Map<String, String> s = new HashMap<>();
        s.put("lakeport.source.type", "dlf");
        s.put("aliyun.accessKeyId", "test-dlf-id");
        s.put("aliyun.secretAccessKey", "test-secret");
        s.put("aliyun.region", "cn-hangzhou");
        s.put("aliyun.endpoint", dlf.endpoint());
        s.put("aliyun.catalogId", dlf.catalogId());
        s.put("lakeport.aliyun.protocol", "HTTP");
        s.put("lakeport.destination.type", "maxcompute");
        s.put("maxcompute.endpoint", maxCompute.endpoint());
        s.put("maxcompute.accessKeyId", "test-access-id");
        s.put("maxcompute.accessKeySecret", "test-secret");
        s.put("maxcompute.project", PROJECT);
        s.put("maxcompute.project.mapping", "{\"sales\": \"" + PROJECT + "\"}");
        s.put("location.convertMap", "{}");
        s.put("result.output.path", dir.resolve("results").toString());
        return s;
    }

    private static final List<Column> COLUMNS =
            List.of(Column.of("id", "bigint"), Column.of("name", "string"), Column.of("amount", "double"));

    private StorageDescriptor storage(Path location) {
        return StorageDescriptor.builder()
                .columns(COLUMNS)
                .location(location.toUri().toString())
                .inputFormat("org.apache.hadoop.mapred.TextInputFormat")
                .serDeInfo(SerDeInfo.of("org.apache.hive.hcatalog.data.JsonSerDe", Map.of()))
                .build();
    }

    private Table table(String name, Path location, List<Column> keys) {
        return new Table(
                "sales",
                name,
                Optional.of("test table " + name),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                0,
                Optional.of(storage(location)),
                keys,
                Optional.empty(),
                Optional.empty(),
                Optional.of("EXTERNAL_TABLE"),
                Map.of());
    }

    private static void writeRows(Path directory, int rows, int firstId) throws Exception {
        Files.createDirectories(directory);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            int id = firstId + i;
            lines.add("{\"id\": " + id + ", \"name\": \"row " + id + "\", \"amount\": " + (id * 1.5) + "}");
        }
        Files.write(directory.resolve("part-00000.json"), lines);
    }

    private Path customers() {
        return dir.resolve("lake").resolve("customers");
    }

    /**
     * The source: {@code sales.orders}, partitioned by {@code dt} ({@link #ORDERS}), and {@code sales.customers}, not
     * partitioned, two rows. Opens the project, loads both catalogs and diffs, and shows the Copy step.
     */
    private void openProject(FxRobot robot) throws Exception {
        dlf = DlfEmulator.start();
        maxCompute = MaxComputeEmulator.start();
        maxCompute.store().createProject(PROJECT);
        maxCompute.store().setProperty(PROJECT, "odps.sql.type.system.odps2", "true");
        MigrationConfig config =
                MigrationConfigLoader.fromMap(settings(), "test").config();
        try (CatalogConnection c =
                        config.source().connector().open(config.source().settings(), config.callSettings());
                CatalogWriter w = c.writer()) {
            w.createDatabase(Database.of("sales"));
            Path orders = dir.resolve("lake").resolve("orders");
            Table t = table("orders", orders, List.of(Column.of("dt", "string")));
            w.createTable(t);
            List<Partition> partitions = new ArrayList<>();
            int id = 1;
            for (var e : ORDERS.entrySet()) {
                Path location = orders.resolve("dt=" + e.getKey());
                writeRows(location, e.getValue(), id);
                id += e.getValue();
                partitions.add(new Partition(
                        "sales",
                        "orders",
                        List.of(e.getKey()),
                        Optional.of(storage(location)),
                        Map.of(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty()));
            }
            w.createPartitions(t, partitions);
            writeRows(customers(), 2, 100);
            w.createTable(table("customers", customers(), List.of()));
        }
        ProjectSession.OpenedProject opened = session().read(dir.resolve("copy.lakeport.mv.db"), settings(), false);
        robot.interact(() -> session().attach(opened));
        var migration = session().migration();
        migration.loadBoth(ProgressListener.NONE, ProgressListener.NONE, CancellationToken.NONE);
        DiffRun diff = migration.diff(List.of(), ProgressListener.NONE, CancellationToken.NONE);
        robot.interact(() -> {
            session()
                    .snapshotGenerationProperty()
                    .set(session().snapshotGenerationProperty().get() + 1);
            session().latestDiffRunProperty().set(diff.runId());
        });
        waitFor(30, () -> window.ui.wizard().reachableProperty(Step.COPY).get());
        robot.interact(() -> assertThat(window.ui.wizard().go(Step.COPY)).isTrue());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Rows at MaxCompute in a partition of {@code orders} (or in {@code customers}), through a download session. */
    private long rowsAtMaxCompute(String table, Optional<String> dt) throws Exception {
        Odps odps = new Odps(new AliyunAccount("test-access-id", "test-secret"));
        odps.setEndpoint(maxCompute.endpoint());
        odps.setDefaultProject(PROJECT);
        TableTunnel tunnel = new TableTunnel(odps);
        TableTunnel.DownloadSession session = dt.isPresent()
                ? tunnel.createDownloadSession(PROJECT, table, new PartitionSpec("dt='" + dt.get() + "'"))
                : tunnel.createDownloadSession(PROJECT, table);
        return session.getRecordCount();
    }

    private void assertEverythingReachedMaxComputeOnce() throws Exception {
        for (var e : ORDERS.entrySet()) {
            assertThat(rowsAtMaxCompute("orders", Optional.of(e.getKey())))
                    .as("rows of orders dt=%s at MaxCompute", e.getKey())
                    .isEqualTo(e.getValue().longValue());
        }
        assertThat(rowsAtMaxCompute("customers", Optional.empty())).isEqualTo(2L);
    }

    private TableView<TaskRow> taskTable(FxRobot robot) {
        return robot.lookup("#copy-tasks").queryTableView();
    }

    private Map<TaskState, Long> shownStates(FxRobot robot) {
        return taskTable(robot).getItems().stream()
                .collect(Collectors.groupingBy(r -> r.task().state(), Collectors.counting()));
    }

    private boolean jobEnded() {
        return !vm().runningProperty().get()
                && !vm().rows().isEmpty()
                && vm().rows().stream().noneMatch(r -> r.task().state() == TaskState.RUNNING);
    }

    private void setField(FxRobot robot, String id, String text) {
        robot.clickOn(id).eraseText(12).write(text);
    }

    private void screenshot(FxRobot robot, String name) throws Exception {
        waitFor(20, () -> tasks.running().isEmpty());
        WaitForAsyncUtils.asyncFx(() -> Screenshots.take(robot.window(0).getScene(), name));
        WaitForAsyncUtils.waitForFxEvents();
    }

    // ---------------------------------------------------------------- the tests

    @Test
    void runCopiesEveryPartitionAndTheTaskListTheLogAndTheVerificationReportShowTheThreeCounts(FxRobot robot)
            throws Exception {
        openProject(robot);
        setField(robot, "#copy-max-partitions", "2");
        robot.clickOn("#copy-run");

        waitFor(120, this::jobEnded);
        assertThat(dialogs.errors).isEmpty();
        // six partitions in tasks of at most two, and the table without partitions
        assertThat(taskTable(robot).getItems()).hasSize(4);
        assertThat(shownStates(robot)).isEqualTo(Map.of(TaskState.SUCCEEDED, 4L));
        assertThat(taskTable(robot).getItems())
                .allSatisfy(r -> assertThat(r.task().attempts()).isEqualTo(1))
                .extracting(r -> r.rowsVerified().orElse(-1))
                .containsExactlyInAnyOrder(5L, 5L, 7L, 2L);
        assertEverythingReachedMaxComputeOnce();
        ListView<?> jobs = robot.lookup("#copy-jobs").queryListView();
        assertThat(jobs.getItems()).hasSize(1);
        assertThat(robot.lookup("#copy-status").queryLabeled().getText())
                .isEqualTo("4 succeeded, 0 failed, 0 pending.");
        assertThat(window.ui.wizard().page(Step.COPY).completeProperty().get()).isTrue();

        // A task's log and its partitions' three counts.
        TaskRow orders = taskTable(robot).getItems().stream()
                .filter(r -> r.task().table().equals("orders"))
                .findFirst()
                .orElseThrow();
        robot.interact(() -> taskTable(robot).getSelectionModel().select(orders));
        waitFor(20, () -> !vm().log().isEmpty() && vm().taskCounts().size() == 2);
        assertThat(vm().log())
                .extracting(TaskLogEntry::message)
                .anySatisfy(l -> assertThat(l).startsWith("metadata: table lake.orders"))
                .anySatisfy(l ->
                        assertThat(l).startsWith("verification: source").endsWith("every partition's counts agree"))
                .anySatisfy(l -> assertThat(l).startsWith("succeeded"));
        ListView<?> log = robot.lookup("#copy-log").queryListView();
        assertThat(log.getItems()).hasSameSizeAs(vm().log());
        TableView<TaskCount> counts = robot.lookup("#copy-counts").queryTableView();
        assertThat(counts.getItems()).hasSize(2).allSatisfy(c -> {
            assertThat(c.passed()).isTrue();
            assertThat(c.counts().source()).isEqualTo(c.counts().written());
            assertThat(c.counts().written()).isEqualTo(c.counts().destination());
        });
        screenshot(robot, "desktop-7-copy-tasks");

        // The verification report joins the latest diff: the one taken before the copy still lists both tables as
        // to be created. After a re-diff (as Verify on the Reports step takes), both tables are verified.
        TabPane tabs = robot.lookup("#copy-tabs").query();
        robot.interact(() -> tabs.getSelectionModel().select(1));
        TableView<VerificationReport.TableVerdict> stale =
                robot.lookup("#copy-verdicts").queryTableView();
        waitFor(20, () -> stale.getItems().size() == 2);
        assertThat(stale.getItems())
                .hasSize(2)
                .allSatisfy(v -> assertThat(v.metadata()).isPresent())
                .allSatisfy(v -> assertThat(v.disagree()).isZero());
        var migration = session().migration();
        migration.load(dev.lakeport.snapshot.Side.DESTINATION, ProgressListener.NONE, CancellationToken.NONE);
        DiffRun rediff = migration.diff(List.of(), ProgressListener.NONE, CancellationToken.NONE);
        robot.interact(() -> {
            session().latestDiffRunProperty().set(rediff.runId());
            vm().refresh();
        });

        // The verification report: both tables verified, exported in the three formats.
        TableView<VerificationReport.TableVerdict> verdicts =
                robot.lookup("#copy-verdicts").queryTableView();
        waitFor(
                20,
                () -> verdicts.getItems().size() == 2
                        && verdicts.getItems().stream()
                                .allMatch(v -> v.metadata().isEmpty()));
        assertThat(verdicts.getItems()).allSatisfy(v -> assertThat(v.passed()).isTrue());
        var byTable =
                verdicts.getItems().stream().collect(Collectors.toMap(VerificationReport.TableVerdict::table, v -> v));
        assertThat(byTable.get("orders").partitions()).isEqualTo(6);
        assertThat(byTable.get("orders").destination()).isEqualTo(17);
        assertThat(byTable.get("orders").source()).isEqualTo(17);
        assertThat(byTable.get("customers").written()).isEqualTo(2);

        Path out = dir.resolve("exports");
        dialogs.fileAnswers.add(out.resolve("verification.html"));
        robot.clickOn("#copy-export-html");
        dialogs.fileAnswers.add(out.resolve("verification"));
        robot.clickOn("#copy-export-csv");
        dialogs.fileAnswers.add(out.resolve("verification.json"));
        robot.clickOn("#copy-export-json");
        waitFor(30, () -> dialogs.notices.size() == 3);
        assertThat(Files.readString(out.resolve("verification.html")))
                .contains("lake.orders")
                .contains("verified");
        List<String> csv = Files.readAllLines(out.resolve("verification.csv"));
        assertThat(csv.get(0)).isEqualTo(String.join(",", VerificationReport.CSV_HEADER));
        assertThat(csv)
                .filteredOn(l -> l.startsWith("lake,orders,dt=2024-01-03,"))
                .singleElement()
                .satisfies(l -> assertThat(l).contains(",4,4,4,true,"));
        var json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.resolve("verification.json").toFile());
        assertThat(json.at("/summary/passed").asBoolean()).isTrue();
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void cancelMidRunLeavesTasksPendingAndResumeConvergesWithNothingDuplicated(FxRobot robot) throws Exception {
        openProject(robot);
        setField(robot, "#copy-max-partitions", "1");
        setField(robot, "#copy-tasks-at-once", "1");
        // The reader holds every read after the first task's until Cancel has been pressed, so that the job is still
        // going then, however fast or slow this machine is.
        java.util.concurrent.CountDownLatch cancelled = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        robot.interact(() -> vm().useSourceData(() -> {
            dev.lakeport.localcopy.LocalFiles files = new dev.lakeport.localcopy.LocalFiles();
            return dev.lakeport.copy.SourceData.readBy(files, (table, partition) -> {
                if (reads.incrementAndGet() > 1) {
                    try {
                        cancelled.await(2, java.util.concurrent.TimeUnit.MINUTES);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return files.rows(table, partition);
            });
        }));
        robot.clickOn("#copy-run");
        waitFor(120, () -> vm().rows().stream().anyMatch(r -> r.task().state() == TaskState.SUCCEEDED));
        robot.clickOn("#copy-cancel");
        cancelled.countDown();
        waitFor(120, this::jobEnded);

        Map<TaskState, Long> stopped = shownStates(robot);
        assertThat(stopped.getOrDefault(TaskState.PENDING, 0L))
                .as(stopped.toString())
                .isPositive();
        assertThat(stopped.getOrDefault(TaskState.FAILED, 0L)).isZero();
        assertThat(robot.lookup("#copy-resume").queryButton().isDisabled()).isFalse();
        List<Long> doneBefore = taskTable(robot).getItems().stream()
                .filter(r -> r.task().state() == TaskState.SUCCEEDED)
                .map(r -> r.task().id())
                .toList();

        robot.clickOn("#copy-resume");
        waitFor(
                120,
                () -> jobEnded() && vm().rows().stream().allMatch(r -> r.task().state() == TaskState.SUCCEEDED));

        assertThat(dialogs.errors).isEmpty();
        assertThat(taskTable(robot).getItems()).hasSize(ORDERS.size() + 1);
        assertThat(taskTable(robot).getItems())
                .filteredOn(r -> doneBefore.contains(r.task().id()))
                .as("tasks done before the cancel do not run again")
                .allSatisfy(r -> assertThat(r.task().attempts()).isEqualTo(1));
        assertEverythingReachedMaxComputeOnce();
        assertThat(robot.lookup("#copy-resume").queryButton().isDisabled()).isTrue();
    }

    @Test
    void aCopyRunOnASavedClusterProfileCreatesTheTablesHereSendsTheDataPlanInlineAndListsTheImportedResult(
            FxRobot robot) throws Exception {
        openProject(robot);
        robot.interact(() -> {
            session().setting("lakeport.cluster.cluster1.type").set("local");
            session().setting("lakeport.cluster.cluster1.threads").set("2");
        });
        WaitForAsyncUtils.waitForFxEvents();
        java.util.concurrent.atomic.AtomicReference<dev.lakeport.launch.JobSubmission> submitted =
                new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicReference<dev.lakeport.copy.CopyPlan> received =
                new java.util.concurrent.atomic.AtomicReference<>();
        // The cluster: reads the plan as the job does, answers for every partition with the files' rows, and writes
        // the job's result file where the project's result.output.path says (a folder of this computer).
        dev.lakeport.launch.JobLauncher cluster = (submission, listener) -> {
            submitted.set(submission);
            List<String> args = submission.jobArgs();
            String inline = args.get(args.indexOf("--plan-base64") + 1);
            dev.lakeport.copy.CopyPlan plan = dev.lakeport.copy.CopyPlan.fromJson(
                    new String(
                            dev.lakeport.launch.CopyPlanArgs.decode(inline), java.nio.charset.StandardCharsets.UTF_8),
                    "--plan-base64");
            received.set(plan);
            List<dev.lakeport.copy.CopyResult.TaskResult> results = new ArrayList<>();
            for (dev.lakeport.copy.CopyPlan.Task t : plan.tasks()) {
                List<dev.lakeport.copy.CopyResult.PartitionResult> parts = new ArrayList<>();
                for (dev.lakeport.copy.CopyPlan.Part part : t.parts()) {
                    long rows = part.values().isEmpty()
                            ? 2
                            : ORDERS.get(part.values().get(0));
                    parts.add(new dev.lakeport.copy.CopyResult.PartitionResult(part.name(), rows, rows, rows, null));
                }
                results.add(new dev.lakeport.copy.CopyResult.TaskResult(
                        t.taskId(),
                        t.destination().database(),
                        t.destination().database() + "." + t.destination().table(),
                        dev.lakeport.copy.CopyResult.SUCCEEDED,
                        "copied on the cluster",
                        null,
                        parts,
                        List.of("copied on the cluster")));
            }
            Path file = dir.resolve("results").resolve(dev.lakeport.copy.CopyResult.fileName(submission.runId()));
            try {
                Files.createDirectories(file.getParent());
                try (var out = Files.newOutputStream(file)) {
                    dev.lakeport.copy.CopyResult.of(plan.jobId(), submission.runId(), results)
                            .write(out);
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return new FinishedCopy(submission.runId());
        };
        robot.interact(
                () -> vm().useSpark(p -> cluster, p -> Optional.empty(), () -> Optional.of(dir.resolve("job.jar"))));

        javafx.scene.control.ComboBox<?> runOn = robot.lookup("#copy-run-on").queryComboBox();
        assertThat(runOn.getItems()).hasSize(2);
        robot.clickOn("#copy-run-on");
        robot.clickOn("Spark job on cluster1");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm().runOnProperty().get())
                .hasValueSatisfying(p -> assertThat(p.name()).isEqualTo("cluster1"));
        setField(robot, "#copy-max-partitions", "2");
        robot.clickOn("#copy-run");
        waitFor(
                120,
                () -> !vm().runningProperty().get()
                        && vm().jobs().size() == 2
                        && !vm().rows().isEmpty()
                        && vm().rows().stream().allMatch(r -> r.task().state() == TaskState.SUCCEEDED));

        assertThat(dialogs.errors).isEmpty();
        assertThat(submitted.get().mainClass()).isEqualTo("dev.lakeport.sparkjob.copy.CopyJob");
        assertThat(submitted.get().settings().toString())
                .as("no credential in the job's settings")
                .doesNotContain("test-secret");
        assertThat(submitted.get().credentials().get("maxcompute.accessKeySecret"))
                .isPresent();
        assertThat(received.get().tasks()).hasSize(vm().rows().size());
        assertThat(vm().jobProperty().get().spec().mode()).isEqualTo(JobMode.DATA);
        assertThat(vm().statusProperty().get()).startsWith(vm().rows().size() + " succeeded, 0 failed, 0 pending");
        assertThat(taskTable(robot).getItems())
                .allSatisfy(r -> assertThat(r.task().state()).isEqualTo(TaskState.SUCCEEDED));
        long ordersRows = ORDERS.values().stream().mapToLong(Integer::longValue).sum();
        assertThat(session()
                        .migration()
                        .copies()
                        .jobs()
                        .verifications(vm().jobProperty().get().id()))
                .as("every partition's three counts, as the cluster reported them")
                .hasSize(ORDERS.size() + 1)
                .allSatisfy(c -> assertThat(c.passed()).isTrue());
        assertThat(session()
                        .migration()
                        .copies()
                        .jobs()
                        .verifications(vm().jobProperty().get().id())
                        .stream()
                        .filter(c -> c.counts().table().endsWith("orders"))
                        .mapToLong(c -> c.counts().destination().getAsLong())
                        .sum())
                .isEqualTo(ordersRows);
        assertThat(rowsAtMaxCompute(
                        "orders", Optional.of(ORDERS.keySet().iterator().next())))
                .as("the metadata job created the partitions here; the rows are the cluster's to write")
                .isZero();
    }

    /** A copy the cluster ran at once. */
    private record FinishedCopy(String runId) implements dev.lakeport.launch.JobHandle {
        @Override
        public dev.lakeport.launch.JobState state() {
            return dev.lakeport.launch.JobState.FINISHED;
        }

        @Override
        public Optional<String> applicationId() {
            return Optional.of("app-1");
        }

        @Override
        public Optional<dev.lakeport.launch.JobProgress> lastProgress() {
            return Optional.empty();
        }

        @Override
        public Optional<dev.lakeport.launch.JobSummary> summary() {
            return Optional.empty();
        }

        @Override
        public List<String> logTail(int lines) {
            return List.of();
        }

        @Override
        public void cancel() {}

        @Override
        public dev.lakeport.launch.JobState await(java.time.Duration timeout) {
            return state();
        }
    }

    @Test
    void retryFailedRunsTheFailedTaskAloneAndItSucceedsOnceItsFileIsFixed(FxRobot robot) throws Exception {
        openProject(robot);
        Files.writeString(customers().resolve("part-00000.json"), "{\"id\": 100, \"name\": \"ok\"}\n{not json\n");
        robot.clickOn("#copy-run");
        waitFor(120, this::jobEnded);

        assertThat(shownStates(robot)).isEqualTo(Map.of(TaskState.SUCCEEDED, 1L, TaskState.FAILED, 1L));
        TaskRow failed = taskTable(robot).getItems().stream()
                .filter(r -> r.task().state() == TaskState.FAILED)
                .findFirst()
                .orElseThrow();
        assertThat(failed.task().table()).isEqualTo("customers");
        assertThat(failed.task().lastError()).isPresent();
        assertThat(window.ui.wizard().page(Step.COPY).attentionProperty().get()).contains("1 task failed");
        assertThat(robot.lookup("#copy-retry").queryButton().isDisabled()).isFalse();
        JobTask ordersBefore = taskTable(robot).getItems().stream()
                .map(TaskRow::task)
                .filter(t -> t.table().equals("orders"))
                .findFirst()
                .orElseThrow();

        writeRows(customers(), 2, 100);
        robot.clickOn("#copy-retry");
        waitFor(
                120,
                () -> jobEnded() && vm().rows().stream().allMatch(r -> r.task().state() == TaskState.SUCCEEDED));

        JobTask customers = taskTable(robot).getItems().stream()
                .map(TaskRow::task)
                .filter(t -> t.table().equals("customers"))
                .findFirst()
                .orElseThrow();
        JobTask orders = taskTable(robot).getItems().stream()
                .map(TaskRow::task)
                .filter(t -> t.table().equals("orders"))
                .findFirst()
                .orElseThrow();
        assertThat(customers.attempts()).isEqualTo(2);
        assertThat(orders.attempts())
                .as("the task that succeeded is not run again")
                .isEqualTo(1);
        assertThat(orders.finishedAt()).isEqualTo(ordersBefore.finishedAt());
        assertEverythingReachedMaxComputeOnce();
        assertThat(window.ui.wizard().page(Step.COPY).attentionProperty().get()).isEmpty();
    }

    @Test
    void wrongSettingsAreNamedWithTheirValuesAndNoJobIsPlanned(FxRobot robot) throws Exception {
        openProject(robot);
        setField(robot, "#copy-max-partitions", "many");
        setField(robot, "#copy-window", "25:00-26:00");
        robot.clickOn("#copy-run");
        waitFor(60, () -> !vm().runningProperty().get() && !dialogs.errors.isEmpty());

        var message = dialogs.errors.get(0);
        String error = message.text() + " " + message.hint();
        assertThat(error)
                .contains("job.task.maxPartitions")
                .contains("many")
                .contains("job.window")
                .contains("25:00-26:00");
        assertThat(vm().jobs()).isEmpty();
        assertThat(session().migration().copies().jobs().jobs()).isEmpty();
        assertThat(maxCompute.store().table(PROJECT, "orders")).isEmpty();
    }

    @Test
    void aPartitionWhoseRowsTheReaderDropsIsListedFirstInTheVerificationReportWithItsThreeCounts(FxRobot robot)
            throws Exception {
        openProject(robot);
        // A reader that loses the last row of orders dt=2024-01-03 on every read: the separate count of the files
        // says 4, the writer wrote 3.
        robot.interact(() -> vm().useSourceData(() -> {
            dev.lakeport.localcopy.LocalFiles files = new dev.lakeport.localcopy.LocalFiles();
            return dev.lakeport.copy.SourceData.readBy(files, (table, partition) -> {
                List<Object[]> rows;
                try (java.util.stream.Stream<Object[]> all = files.rows(table, partition)) {
                    rows = new ArrayList<>(all.toList());
                }
                boolean lossy = partition
                        .map(p -> p.values().equals(List.of("2024-01-03")))
                        .orElse(false);
                return (lossy ? rows.subList(0, rows.size() - 1) : rows).stream();
            });
        }));
        robot.clickOn("#copy-run");
        waitFor(120, this::jobEnded);

        assertThat(shownStates(robot)).isEqualTo(Map.of(TaskState.SUCCEEDED, 1L, TaskState.FAILED, 1L));
        TaskRow failed = taskTable(robot).getItems().stream()
                .filter(r -> r.task().state() == TaskState.FAILED)
                .findFirst()
                .orElseThrow();
        assertThat(failed.task().lastError().orElseThrow())
                .contains("lake.orders dt=2024-01-03")
                .contains("source 4")
                .contains("written 3");
        assertThat(failed.partitionsDisagreeing()).isEqualTo(1);

        // Re-diff after the copy (as Verify on the Reports step does): the metadata is all there.
        var migration = session().migration();
        migration.load(dev.lakeport.snapshot.Side.DESTINATION, ProgressListener.NONE, CancellationToken.NONE);
        DiffRun rediff = migration.diff(List.of(), ProgressListener.NONE, CancellationToken.NONE);
        robot.interact(() -> {
            session().latestDiffRunProperty().set(rediff.runId());
            vm().refresh();
        });
        TabPane tabs = robot.lookup("#copy-tabs").query();
        robot.interact(() -> tabs.getSelectionModel().select(1));
        TableView<VerificationReport.TableVerdict> verdicts =
                robot.lookup("#copy-verdicts").queryTableView();
        waitFor(
                20,
                () -> verdicts.getItems().size() == 2
                        && verdicts.getItems().get(1).metadata().isEmpty());
        assertThat(verdicts.getItems().get(1).passed()).as("customers").isTrue();
        assertThat(verdicts.getItems().get(0).table())
                .as("the table that disagrees comes first")
                .isEqualTo("orders");
        assertThat(verdicts.getItems().get(0).passed()).isFalse();
        assertThat(verdicts.getItems().get(0).disagree()).isEqualTo(1);
        assertThat(verdicts.getItems().get(0).source()).isEqualTo(17);
        assertThat(verdicts.getItems().get(0).written()).isEqualTo(16);
        TableView<TaskCount> disagreeing = robot.lookup("#copy-disagreeing").queryTableView();
        assertThat(disagreeing.isVisible()).isTrue();
        assertThat(disagreeing.getItems()).singleElement().satisfies(c -> {
            assertThat(c.counts().partition()).isEqualTo("dt=2024-01-03");
            assertThat(c.counts().source()).hasValue(4);
            assertThat(c.counts().written()).hasValue(3);
            assertThat(c.counts().destination()).hasValue(3);
        });
        assertThat(robot.lookup("#copy-verification-summary").queryLabeled().getText())
                .isEqualTo("2 tables, 1 not verified; 7 partitions checked, 1 disagree.");
        screenshot(robot, "desktop-8-verification");
    }

    @Test
    void aTableChosenOnTheBrowsePageIsTheJobsScope(FxRobot robot) throws Exception {
        openProject(robot);
        var browse = window.ui.viewModel(dev.lakeport.app.pages.browse.BrowseViewModel.class);
        robot.interact(() -> assertThat(window.ui.wizard().go(Step.BROWSE)).isTrue());
        waitFor(
                30,
                () -> !browse.root().children().isEmpty()
                        && browse.root().children().get(0).item()
                                instanceof dev.lakeport.app.pages.browse.BrowseItem.DatabaseItem);
        robot.interact(() -> browse.expand(browse.root().children().get(0)));
        waitFor(30, () -> browse.root().children().get(0).children().stream()
                .anyMatch(n -> n.text().equals("customers")));
        robot.interact(() -> browse.select(browse.root().children().get(0).children().stream()
                .filter(n -> n.text().equals("customers"))
                .findFirst()
                .orElseThrow()));
        robot.interact(() -> assertThat(window.ui.wizard().go(Step.COPY)).isTrue());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#copy-scope-selection").queryAs(javafx.scene.control.RadioButton.class))
                .satisfies(r -> {
                    assertThat(r.isSelected()).isTrue();
                    assertThat(r.getText()).endsWith("lake.customers");
                });
        robot.clickOn("#copy-run");
        waitFor(120, this::jobEnded);

        assertThat(taskTable(robot).getItems())
                .singleElement()
                .satisfies(r -> assertThat(r.task().table()).isEqualTo("customers"))
                .satisfies(r -> assertThat(r.task().state()).isEqualTo(TaskState.SUCCEEDED));
        assertThat(rowsAtMaxCompute("customers", Optional.empty())).isEqualTo(2L);
        assertThat(maxCompute.store().table(PROJECT, "orders"))
                .as("not chosen, not copied")
                .isEmpty();
    }
}
