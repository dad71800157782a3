package dev.lakeport.apply;

import static dev.lakeport.diff.TestingCatalog.database;
import static dev.lakeport.diff.TestingCatalog.function;
import static dev.lakeport.diff.TestingCatalog.partition;
import static dev.lakeport.diff.TestingCatalog.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.canonical.CanonicalForm;
import dev.lakeport.connector.Retries;
import dev.lakeport.diff.DiffOptions;
import dev.lakeport.diff.DiffStore;
import dev.lakeport.diff.TestingDatabase;
import dev.lakeport.diff.TestingSnapshotView;
import dev.lakeport.model.CatalogObject;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.plan.Plan;
import dev.lakeport.plan.PlanOptions;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import dev.lakeport.snapshot.Side;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** A source snapshot, a fake destination mirrored into the destination snapshot, and the steps diff → plan → apply. */
final class ApplyFixture {
    /** Fast retries for tests: ten attempts, 1 ms doubling to 20 ms. */
    static final Retries FAST = Retries.of(10, Duration.ofMillis(1), Duration.ofMillis(20));

    final TestingSnapshotView view = new TestingSnapshotView();
    final TestingDestination destination = new TestingDestination();
    final DataSource dataSource = TestingDatabase.migrated();
    final DiffStore diffs = new DiffStore(dataSource);
    final ResultStore results = new ResultStore(dataSource);
    final Path logDir;
    private int runs;

    ApplyFixture(Path logDir) {
        this.logDir = logDir;
    }

    /** Databases sales and hr, each with tables of {@code partitions} partitions and a function. */
    ApplyFixture sourceCatalog(int tables, int partitions) {
        for (String db : new String[] {"sales", "hr"}) {
            view.source(database(db), function(db, "f", "x." + db));
            for (int t = 0; t < tables; t++) {
                String name = "t" + t;
                view.source(table(db, name, "oss://b/" + db + "/" + name));
                for (int p = 0; p < partitions; p++) {
                    view.source(partition(db, name, String.format("%04d", p)));
                }
            }
        }
        return this;
    }

    /** Puts objects into the destination catalog and its snapshot alike. */
    ApplyFixture destination(CatalogObject... objects) {
        destination.put(objects);
        view.destination(objects);
        return this;
    }

    long diff() {
        return diffs.diff(view, DiffOptions.defaults(), "test", ProgressListener.NONE, CancellationToken.NONE)
                .runId();
    }

    Plan plan(PlanOptions options) {
        return Plan.of(diffs, diff(), options);
    }

    Plan plan() {
        return plan(PlanOptions.of(TestingDestination.GLUE));
    }

    ExecutorOptions options() {
        return ExecutorOptions.defaults().withRetries(FAST).withConcurrency(8);
    }

    RunSummary run(Plan plan, ExecutorOptions options, CancellationToken cancel, ProgressListener progress) {
        String runId = "run" + (++runs);
        try (ResultLog log = ResultLog.open(logDir.toString(), runId, options.dryRun(), Optional.of(results))) {
            new Executor(destination, destination, view, options).run(plan, log, progress, cancel);
        }
        return results.summary(runId);
    }

    RunSummary run(Plan plan) {
        return run(plan, options(), CancellationToken.NONE, ProgressListener.NONE);
    }

    Path failedFile(RunSummary summary) {
        return logDir.resolve(ResultLog.failedFileName(summary.runId()));
    }

    /** The destination holds exactly the source's objects, each equal in canonical form. */
    void assertDestinationEqualsSource() {
        Map<ObjectKey, CatalogObject> source = view.side(Side.SOURCE);
        assertThat(destination.objects().keySet()).containsExactlyElementsOf(source.keySet());
        source.forEach((key, object) -> assertThat(
                        CanonicalForm.toJson(destination.objects().get(key)))
                .as(key.toString())
                .isEqualTo(CanonicalForm.toJson(object)));
        assertThat(destination.maxCreatesOfOneKey()).isLessThanOrEqualTo(1);
    }
}
