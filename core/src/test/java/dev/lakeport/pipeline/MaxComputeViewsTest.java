package dev.lakeport.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.odps.Instance;
import com.aliyun.odps.Odps;
import com.aliyun.odps.account.AliyunAccount;
import com.aliyun.odps.task.SQLTask;
import dev.lakeport.apply.RunSummary;
import dev.lakeport.apply.tasks.JobProgressListener;
import dev.lakeport.config.MigrationConfig;
import dev.lakeport.config.MigrationConfigLoader;
import dev.lakeport.connector.CatalogConnection;
import dev.lakeport.connector.CatalogWriter;
import dev.lakeport.diff.DiffResult;
import dev.lakeport.diff.DiffRun;
import dev.lakeport.emulator.dlf.DlfEmulator;
import dev.lakeport.emulator.maxcompute.MaxComputeEmulator;
import dev.lakeport.model.Column;
import dev.lakeport.model.Database;
import dev.lakeport.model.ObjectKind;
import dev.lakeport.model.StorageDescriptor;
import dev.lakeport.model.Table;
import dev.lakeport.plan.tasks.JobSelection;
import dev.lakeport.plan.tasks.JobTask;
import dev.lakeport.plan.tasks.StateCounts;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import dev.lakeport.snapshot.Side;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Views from a Hive-typed catalog (DLF) into a MaxCompute project with schemas, each step a new opening of the project
 * as each command is its own process; what reached MaxCompute read with the real SDK. The emulator checks a view's
 * query when it is created, as the service does, so a view written before what it reads fails the run.
 */
class MaxComputeViewsTest {
    private static final ProgressListener QUIET = ProgressListener.NONE;
    private static final CancellationToken NEVER = CancellationToken.NONE;
    private static final String PROJECT = "proj_v";

    @TempDir
    Path dir;

    private DlfEmulator dlf;
    private MaxComputeEmulator maxCompute;
    private Odps odps;

    @BeforeEach
    void start() {
        dlf = DlfEmulator.start();
        maxCompute = MaxComputeEmulator.start();
        maxCompute.store().createProject(PROJECT);
        maxCompute.store().setProperty(PROJECT, "odps.schema.model.enabled", "true");
        maxCompute.store().setProperty(PROJECT, "odps.sql.decimal.odps2", "true");
        odps = new Odps(new AliyunAccount("test-access-id", "test-secret"));
        odps.setEndpoint(maxCompute.endpoint());
        odps.setDefaultProject(PROJECT);
        source(w -> {
            w.createDatabase(Database.of("sales"));
            // In key order the views come before the table they read, and a_top_v before the view it reads.
            w.createTable(Table.builder("sales", "z_orders")
                    .storageDescriptor(StorageDescriptor.builder()
                            .columns(List.of(
                                    Column.of("dt", "string"),
                                    Column.of("region", "string"),
                                    Column.of("amount", "decimal(10,2)")))
                            .location("oss://lake/sales/z_orders")
                            .build())
                    .tableType("EXTERNAL_TABLE")
                    .build());
            w.createTable(view(
                    "b_daily_v",
                    "Revenue per day",
                    List.of(Column.of("dt", "string", "the day"), Column.of("revenue", "decimal(20,2)")),
                    "SELECT `z_orders`.`dt`, sum(`z_orders`.`amount`) AS `revenue`\n  FROM `sales`.`z_orders`"
                            + " GROUP BY `z_orders`.`dt`"));
            w.createTable(view(
                    "a_top_v",
                    null,
                    List.of(Column.of("dt", "string")),
                    "SELECT `b_daily_v`.`dt` FROM `sales`.`b_daily_v` WHERE `b_daily_v`.`revenue` > 10"));
        });
    }

    @AfterEach
    void stop() {
        dlf.close();
        maxCompute.close();
    }

    @Test
    void viewsAreCreatedAfterWhatTheyReadReadBackComparedUpdatedAndNeverDeletedWithoutDeletions() throws Exception {
        RunSummary first = apply(diff(), false);
        assertThat(first.totals().failed()).as(results()).isZero();

        com.aliyun.odps.Table daily = odps.tables().get(PROJECT, "sales", "b_daily_v");
        daily.reload();
        assertThat(daily.isVirtualView()).isTrue();
        assertThat(daily.getViewText())
                .as("the source's expanded text, its table named in MaxCompute, whitespace collapsed")
                .isEqualTo("SELECT `z_orders`.`dt`, sum(`z_orders`.`amount`) AS `revenue` FROM"
                        + " `proj_v`.`sales`.`z_orders` GROUP BY `z_orders`.`dt`");
        assertThat(daily.getSchema().getColumns())
                .extracting(com.aliyun.odps.Column::getName, com.aliyun.odps.Column::getComment)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("dt", "the day"),
                        org.assertj.core.groups.Tuple.tuple("revenue", ""));
        assertThat(odps.tables().get(PROJECT, "sales", "a_top_v").isVirtualView())
                .isTrue();
        assertThat(query("SELECT COUNT(*) FROM proj_v.sales.a_top_v"))
                .as("the view on a view runs")
                .isEqualTo("0");

        try (Migration m = open()) {
            assertThat(m.verify(QUIET, NEVER).summary().isEmpty())
                    .as("the views read back as written: nothing left to change")
                    .isTrue();
        }
        assertThat(diff().summary().isEmpty()).as("a second diff finds nothing").isTrue();

        // The source's view changes: the view is replaced, its new query read back.
        source(w -> w.updateTable(view(
                "b_daily_v",
                "Revenue per day",
                List.of(Column.of("dt", "string", "the day"), Column.of("revenue", "decimal(20,2)")),
                "SELECT `z_orders`.`dt`, sum(`z_orders`.`amount`) AS `revenue` FROM `sales`.`z_orders`"
                        + " WHERE `z_orders`.`region` = 'eu' GROUP BY `z_orders`.`dt`")));
        DiffRun changed = diff();
        assertThat(changed.summary().count(ObjectKind.TABLE, DiffResult.UPDATE)).isEqualTo(1);
        assertThat(apply(changed, false).totals().updated()).isEqualTo(1);
        daily.reload();
        assertThat(daily.getViewText()).contains("WHERE `z_orders`.`region` = 'eu'");
        assertThat(diff().summary().isEmpty()).isTrue();

        // Gone at the source: kept at MaxCompute until deletions are on.
        source(w -> w.deleteTable("sales", "a_top_v"));
        DiffRun gone = diff();
        assertThat(gone.summary().count(ObjectKind.TABLE, DiffResult.DELETE)).isEqualTo(1);
        assertThat(apply(gone, false).totals().deleted()).isZero();
        assertThat(odps.tables().exists(PROJECT, "sales", "a_top_v")).isTrue();
        assertThat(apply(diff(), true).totals().deleted()).isEqualTo(1);
        assertThat(odps.tables().exists(PROJECT, "sales", "a_top_v")).isFalse();
        assertThat(odps.tables().exists(PROJECT, "sales", "b_daily_v")).isTrue();
    }

    @Test
    void aViewReadingADatabaseOutsideTheMigrationIsAProblemBeforeAnythingRuns() {
        source(w -> w.createTable(view(
                "c_foreign_v", null, List.of(Column.of("id", "bigint")), "SELECT `staff`.`id` FROM `hr`.`staff`")));
        try (Migration m = open()) {
            m.load(Side.SOURCE, QUIET, NEVER);
            assertThat(m.destinationProblems(NEVER))
                    .extracting(Object::toString)
                    .singleElement()
                    .satisfies(p -> assertThat(p)
                            .startsWith("proj_v.sales.c_foreign_v: a view reading hr.staff")
                            .contains("which this migration does not create"));
        }
    }

    @Test
    void aMetadataJobCreatesTheViewsInTasksOfTheirOwnAndADataJobLeavesThemOut() throws Exception {
        try (Migration m = open()) {
            m.load(Side.SOURCE, QUIET, NEVER);
            m.load(Side.DESTINATION, QUIET, NEVER);
        }
        DataCopy.PlannedJob dataOnly;
        try (Migration m = open()) {
            dataOnly = m.copies()
                    .planJob("data", JobSelection.databases(PROJECT + ".sales"), Map.of("job.mode", "data"), NEVER);
        }
        assertThat(dataOnly.leftOut())
                .extracting(DataCopy.LeftOut::table, DataCopy.LeftOut::reason)
                .contains(
                        org.assertj.core.groups.Tuple.tuple(
                                PROJECT + ".sales.a_top_v", "a view: it holds no data (a metadata job creates it)"),
                        org.assertj.core.groups.Tuple.tuple(
                                PROJECT + ".sales.b_daily_v", "a view: it holds no data (a metadata job creates it)"));

        long job;
        try (Migration m = open()) {
            DataCopy.PlannedJob planned = m.copies()
                    .planJob(
                            "metadata",
                            JobSelection.databases(PROJECT + ".sales"),
                            Map.of("job.mode", "metadata"),
                            NEVER);
            assertThat(planned.leftOut()).isEmpty();
            job = planned.jobId();
            assertThat(m.copies().jobs().tasks(job))
                    .extracting(JobTask::table)
                    .as("the views after the table")
                    .containsExactly("z_orders", "a_top_v", "b_daily_v");
        }
        StateCounts counts;
        try (Migration m = open()) {
            counts = m.copies().run(job, NO_ROWS, false, NEVER, JobProgressListener.NONE);
        }
        assertThat(counts.succeeded()).isEqualTo(3);
        assertThat(counts.failed()).isZero();
        // a_top_v's task ran before b_daily_v's and created the view it reads first
        assertThat(odps.tables().get(PROJECT, "sales", "a_top_v").isVirtualView())
                .isTrue();
        com.aliyun.odps.Table daily = odps.tables().get(PROJECT, "sales", "b_daily_v");
        daily.reload();
        assertThat(daily.isVirtualView()).isTrue();
        assertThat(daily.getViewText()).contains("FROM `proj_v`.`sales`.`z_orders`");
        assertThat(diff().summary().isEmpty()).as("nothing left to create").isTrue();
    }

    /** A metadata job reads no rows. */
    private static final dev.lakeport.copy.SourceData NO_ROWS = new dev.lakeport.copy.SourceData() {
        @Override
        public Stream<Object[]> rows(Table table, java.util.Optional<dev.lakeport.model.Partition> partition) {
            throw new AssertionError("a metadata job read rows of " + table.name());
        }

        @Override
        public long count(Table table, java.util.Optional<dev.lakeport.model.Partition> partition) {
            throw new AssertionError("a metadata job counted rows of " + table.name());
        }

        @Override
        public String countedBy() {
            return "nothing";
        }
    };

    // ---- helpers ----

    private static Table view(String name, String comment, List<Column> columns, String expanded) {
        return Table.builder("sales", name)
                .description(comment)
                .storageDescriptor(StorageDescriptor.builder().columns(columns).build())
                .tableType("VIRTUAL_VIEW")
                .viewOriginalText("select ... (as written)")
                .viewExpandedText(expanded)
                .build();
    }

    private MigrationConfig config() {
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
        s.put("location.convertMap", "{}");
        s.put("result.output.path", dir.resolve("results").toString());
        return MigrationConfigLoader.fromMap(s, "test").config();
    }

    private Migration open() {
        return Migration.open(config(), dir.resolve("views.lakeport.mv.db"), new Properties());
    }

    private void source(Consumer<CatalogWriter> change) {
        MigrationConfig.Side source = config().source();
        try (CatalogConnection c = source.connector().open(source.settings(), config().callSettings());
                CatalogWriter w = c.writer()) {
            change.accept(w);
        }
    }

    private DiffRun diff() {
        try (Migration m = open()) {
            m.load(Side.SOURCE, QUIET, NEVER);
            m.load(Side.DESTINATION, QUIET, NEVER);
        }
        try (Migration m = open()) {
            return m.diff(Set.of(), QUIET, NEVER);
        }
    }

    private RunSummary apply(DiffRun diff, boolean deletes) {
        long n = diff.summary().total(DiffResult.DELETE);
        try (Migration m = open()) {
            return m.apply(
                            diff.runId(),
                            new ApplyRequest(4, 0, false, deletes, deletes ? OptionalLong.of(n) : OptionalLong.empty()),
                            QUIET,
                            NEVER)
                    .summary();
        }
    }

    private String query(String sql) throws Exception {
        Instance i = SQLTask.run(odps, PROJECT, sql, Map.of("odps.namespace.schema", "true"), null);
        i.waitForSuccess();
        return SQLTask.getResult(i).get(0).getString(0);
    }

    /** The run's result files, for an assertion's message. */
    private String results() {
        try (Stream<Path> files = Files.walk(dir.resolve("results"))) {
            return files.filter(Files::isRegularFile)
                    .map(f -> {
                        try {
                            return Files.readString(f);
                        } catch (java.io.IOException e) {
                            return f + ": " + e;
                        }
                    })
                    .collect(Collectors.joining("\n"));
        } catch (java.io.IOException e) {
            return "no results: " + e;
        }
    }
}
