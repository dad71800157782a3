package dev.lakeport.plan;

import static dev.lakeport.diff.TestingCatalog.database;
import static dev.lakeport.diff.TestingCatalog.function;
import static dev.lakeport.diff.TestingCatalog.partition;
import static dev.lakeport.diff.TestingCatalog.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeport.connector.WriterLimits;
import dev.lakeport.diff.DiffOptions;
import dev.lakeport.diff.DiffStore;
import dev.lakeport.diff.DiffWords;
import dev.lakeport.diff.TestingDatabase;
import dev.lakeport.diff.TestingSnapshotView;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import dev.lakeport.snapshot.CloseableIterator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PlanTest {
    static final WriterLimits GLUE = new WriterLimits(100, 100, 25);

    private DiffStore store;

    @BeforeEach
    void setUp() {
        store = new DiffStore(TestingDatabase.migrated());
    }

    private long diff(TestingSnapshotView view) {
        return store.diff(view, DiffOptions.defaults(), "t", ProgressListener.NONE, CancellationToken.NONE)
                .runId();
    }

    private static List<String> describe(CloseableIterator<Operation> ops) {
        List<String> out = new ArrayList<>();
        try (ops) {
            ops.forEachRemaining(op -> out.add(DiffWords.SEED.word(op.result()) + " "
                    + op.kind().itemType() + " " + (op.size() == 1 ? op.key().itemName() : "x" + op.size())));
        }
        return out;
    }

    private static String value(int i) {
        return String.format("%04d", i);
    }

    @Test
    void createsParentsFirstAndBatchesPartitionsAtTheWriterLimit() {
        TestingSnapshotView view = new TestingSnapshotView()
                .source(database("sales"), table("sales", "orders", "oss://b/o"), function("sales", "f", "x.F"));
        for (int i = 0; i < 250; i++) {
            view.source(partition("sales", "orders", value(i)));
        }
        Plan plan = Plan.of(store, diff(view), PlanOptions.of(GLUE));

        assertThat(plan.writeCount()).isEqualTo(253);
        assertThat(describe(plan.writes()))
                .containsExactly(
                        "glueNew database sales",
                        "glueNew table sales.orders",
                        "glueNew partition x100",
                        "glueNew partition x100",
                        "glueNew partition x50",
                        "glueNew function sales.f");
    }

    @Test
    void createsAndUpdatesOfPartitionsAreSeparateBatches() {
        TestingSnapshotView view = new TestingSnapshotView().source(partition("s", "t", "1"), partition("s", "t", "3"));
        view.source(table("s", "t", "oss://b/new")).destination(table("s", "t", "oss://b/old"));
        view.source(partition("s", "t", "2"))
                .destination(partition("s", "t", "2").withParameters(java.util.Map.of("a", "b")));
        view.source(table("s", "u", "oss://b/u"));
        Plan plan = Plan.of(store, diff(view), PlanOptions.of(GLUE));
        assertThat(describe(plan.writes()))
                .containsExactly(
                        "needUpdate table s.t",
                        "glueNew partition x2",
                        "needUpdate partition s.t/2",
                        "glueNew table s.u");
    }

    private long sixtyDeletes() {
        TestingSnapshotView view = new TestingSnapshotView()
                .destination(database("old"), table("old", "t", "oss://b/t"), function("old", "f", "x.F"));
        for (int i = 0; i < 60; i++) {
            view.destination(partition("old", "t", value(i)));
        }
        return diff(view);
    }

    @Test
    void deletesChildrenFirstInBatchesOfTwentyFive() {
        Plan plan = Plan.of(store, sixtyDeletes(), PlanOptions.of(GLUE).withDeletesConfirmed(63));

        assertThat(plan.deleteCount()).isEqualTo(63);
        assertThat(plan.skipped()).isEmpty();
        assertThat(describe(plan.deletes()))
                .containsExactly(
                        "dlfNew function old.f",
                        "dlfNew partition x25",
                        "dlfNew partition x25",
                        "dlfNew partition x10",
                        "dlfNew table old.t",
                        "dlfNew database old");
    }

    @Test
    void wrongConfirmationSaysTheRealCount() {
        long run = sixtyDeletes();
        assertThatThrownBy(() -> Plan.of(store, run, PlanOptions.of(GLUE).withDeletesConfirmed(60)))
                .isInstanceOf(DeleteConfirmationException.class)
                .hasMessageContaining("confirmed 60 deletions but this plan deletes 63 objects")
                .hasMessageContaining("--confirm-deletes 63");
    }

    @Test
    void deletionsOnButUnconfirmedIsAnError() {
        long run = sixtyDeletes();
        PlanOptions unconfirmed =
                new PlanOptions(true, java.util.OptionalLong.empty(), GLUE, java.util.Optional.empty());
        assertThatThrownBy(() -> Plan.of(store, run, unconfirmed))
                .isInstanceOf(DeleteConfirmationException.class)
                .hasMessageContaining("deletes 63 objects");
    }

    @Test
    void deletionsOffReportsEachDlfNewAsSkipped() {
        Plan plan = Plan.of(store, sixtyDeletes(), PlanOptions.of(GLUE));
        assertThat(plan.deleteCount()).isZero();
        assertThat(describe(plan.deletes())).isEmpty();
        assertThat(plan.skipped()).hasSize(63).allSatisfy(s -> assertThat(s.reason())
                .isEqualTo("deletions are off; use --allow-deletes --confirm-deletes N"));
    }

    @Test
    void excludedEntriesAndKeysOutOfScopeAreNotPlanned() {
        TestingSnapshotView view = new TestingSnapshotView()
                .source(database("a"), table("a", "t", "oss://b/t"), partition("a", "t", "1"), database("b"))
                .destination(database("z"));
        long run = diff(view);
        store.setSubtreeIncluded(run, ObjectKey.table("a", "t"), false);
        store.setIncluded(run, ObjectKey.database("z"), false);
        Plan plan = Plan.of(store, run, PlanOptions.of(GLUE).withDeletesConfirmed(0));
        assertThat(describe(plan.writes())).containsExactly("glueNew database a", "glueNew database b");

        Plan scoped = Plan.of(
                store, run, PlanOptions.of(GLUE).withScope(k -> k.database().equals("b")));
        assertThat(scoped.writeCount()).isEqualTo(1);
        assertThat(describe(scoped.writes())).containsExactly("glueNew database b");
    }
}
