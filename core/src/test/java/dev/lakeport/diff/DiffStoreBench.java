package dev.lakeport.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.connector.WriterLimits;
import dev.lakeport.model.CatalogObject;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.plan.Operation;
import dev.lakeport.plan.Plan;
import dev.lakeport.plan.PlanOptions;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import dev.lakeport.snapshot.CloseableIterator;
import dev.lakeport.snapshot.ScanEntry;
import dev.lakeport.snapshot.Side;
import dev.lakeport.snapshot.SnapshotView;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Figures, not a test: a million new partitions diffed into an H2 file, then planned. Run with
 * {@code -Dlakeport.bench=true}.
 */
@EnabledIfSystemProperty(named = "lakeport.bench", matches = "true")
class DiffStoreBench {
    private static final int N = 1_000_000;

    @TempDir
    Path dir;

    @Test
    void millionNewPartitionsIntoH2ThenPlanned() {
        JdbcConnectionPool pool = JdbcConnectionPool.create("jdbc:h2:file:" + dir.resolve("bench"), "sa", "");
        Flyway.configure()
                .dataSource(pool)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        DiffStore store = new DiffStore(pool);
        SnapshotView view = new SnapshotView() {
            @Override
            public CloseableIterator<ScanEntry> scan(Side side) {
                int end = side == Side.SOURCE ? N : 0;
                return new CloseableIterator<>() {
                    int i = 0;

                    @Override
                    public boolean hasNext() {
                        return i < end;
                    }

                    @Override
                    public ScanEntry next() {
                        int v = i++;
                        return new ScanEntry(
                                ObjectKey.partition("db", "t" + (v / 100_000), List.of(String.format("%06d", v))), v);
                    }

                    @Override
                    public void close() {}
                };
            }

            @Override
            public Optional<CatalogObject> get(Side side, ObjectKey key) {
                return Optional.empty();
            }
        };
        Runtime rt = Runtime.getRuntime();
        long t0 = System.nanoTime();
        DiffRun run = store.diff(view, DiffOptions.defaults(), "bench", ProgressListener.NONE, CancellationToken.NONE);
        long diffMs = (System.nanoTime() - t0) / 1_000_000;
        System.gc();
        long heapAfterDiff = rt.totalMemory() - rt.freeMemory();

        long t1 = System.nanoTime();
        Plan plan = Plan.of(store, run.runId(), PlanOptions.of(new WriterLimits(100, 100, 25)));
        long ops = 0;
        long keys = 0;
        try (CloseableIterator<Operation> it = plan.writes()) {
            while (it.hasNext()) {
                keys += it.next().size();
                ops++;
            }
        }
        long planMs = (System.nanoTime() - t1) / 1_000_000;
        System.gc();
        long heapAfterPlan = rt.totalMemory() - rt.freeMemory();

        // What a tree of differences asks: the databases, a page of tables, a deep page of partitions, a table out.
        long t2 = System.nanoTime();
        List<DiffGroup> databases = store.databaseGroups(run.runId(), DiffQuery.all());
        long databasesMs = (System.nanoTime() - t2) / 1_000_000;
        long t3 = System.nanoTime();
        List<DiffGroup> tables = store.tableGroups(run.runId(), DiffQuery.all().withDatabase("db"), 0, 200);
        long tablesMs = (System.nanoTime() - t3) / 1_000_000;
        long t4 = System.nanoTime();
        List<StoredDiffEntry> deep = store.pageAfter(
                run.runId(),
                DiffQuery.all().withTable("db", "t9"),
                Optional.of(ObjectKey.partition("db", "t9", List.of("999000"))),
                500);
        long deepMs = (System.nanoTime() - t4) / 1_000_000;
        long t5 = System.nanoTime();
        int excluded = store.setSubtreeIncluded(run.runId(), ObjectKey.table("db", "t3"), false);
        long excludeMs = (System.nanoTime() - t5) / 1_000_000;
        pool.dispose();
        assertThat(databases).singleElement().satisfies(g -> assertThat(g.children())
                .isEqualTo(10));
        assertThat(tables).hasSize(10);
        assertThat(deep).hasSize(500);
        assertThat(excluded).isEqualTo(100_000);
        System.out.printf(
                "bench: tree queries over %,d entries: databases %,d ms, a page of tables %,d ms,"
                        + " 500 partitions after the 99,000th %,d ms, excluding a table of 100,000 %,d ms%n",
                N, databasesMs, tablesMs, deepMs, excludeMs);

        assertThat(keys).isEqualTo(N);
        assertThat(ops).isEqualTo(N / 100);
        System.out.printf(
                "bench: diff of %,d new partitions stored in H2 file: %,d ms (heap after gc %d MB);"
                        + " plan streamed %,d batches: %,d ms (heap after gc %d MB)%n",
                N, diffMs, heapAfterDiff >> 20, ops, planMs, heapAfterPlan >> 20);
    }
}
