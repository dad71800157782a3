package dev.lakeport.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeport.connector.WriterLimits;
import dev.lakeport.diff.DiffEntry;
import dev.lakeport.diff.DiffResult;
import dev.lakeport.diff.DiffWords;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.snapshot.CloseableIterator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Plans built from entries in memory (the Spark job's) follow the same order, batching and deletion rule. */
class InMemoryPlanTest {
    private static final WriterLimits LIMITS = new WriterLimits(100, 100, 25);

    private static List<String> describe(CloseableIterator<Operation> ops) {
        List<String> out = new ArrayList<>();
        try (ops) {
            ops.forEachRemaining(op -> out.add(DiffWords.SEED.word(op.result()) + " "
                    + op.kind().itemType() + " " + (op.size() == 1 ? op.key().itemName() : "x" + op.size())));
        }
        return out;
    }

    private static ObjectKey part(int i) {
        return ObjectKey.partition("sales", "orders", List.of(String.format("%04d", i)));
    }

    @Test
    void entriesInAnyOrderArePlannedParentsFirstAndChildrenFirstForDeletions() {
        List<DiffEntry> entries = new ArrayList<>();
        for (int i = 149; i >= 0; i--) {
            entries.add(DiffEntry.of(part(i), DiffResult.CREATE));
        }
        entries.add(DiffEntry.of(ObjectKey.table("sales", "orders"), DiffResult.CREATE));
        entries.add(DiffEntry.of(ObjectKey.database("sales"), DiffResult.UPDATE));
        entries.add(DiffEntry.of(ObjectKey.database("old"), DiffResult.DELETE));
        entries.add(DiffEntry.of(ObjectKey.function("old", "f"), DiffResult.DELETE));

        Plan plan = Plan.of(entries, PlanOptions.of(LIMITS).withDeletesConfirmed(2));

        assertThat(plan.writeCount()).isEqualTo(152);
        assertThat(describe(plan.writes()))
                .containsExactly(
                        "needUpdate database sales",
                        "glueNew table sales.orders",
                        "glueNew partition x100",
                        "glueNew partition x50");
        assertThat(describe(plan.deletes())).containsExactly("dlfNew function old.f", "dlfNew database old");
        assertThat(plan.skipped()).isEmpty();
    }

    @Test
    void deletionsOffAreSkippedAndAWrongCountStopsBeforeAnything() {
        List<DiffEntry> entries = List.of(
                DiffEntry.of(ObjectKey.table("sales", "gone"), DiffResult.DELETE),
                DiffEntry.of(part(1), DiffResult.DELETE));
        Plan off = Plan.of(entries, PlanOptions.of(LIMITS));
        assertThat(off.deleteCount()).isZero();
        assertThat(off.skipped()).extracting(SkippedEntry::reason).containsOnly(Plan.DELETES_OFF);
        assertThat(describe(off.deletes())).isEmpty();

        assertThatThrownBy(() -> Plan.of(entries, PlanOptions.of(LIMITS).withDeletesConfirmed(1)))
                .isInstanceOf(DeleteConfirmationException.class)
                .hasMessageContaining("confirmed 1 deletions but this plan deletes 2 objects")
                .extracting(e -> ((DeleteConfirmationException) e).actualDeletes())
                .isEqualTo(2L);
    }

    @Test
    void aStreamingPlanReadsItsWritesOnceAndRefusesDeletionsAmongThem() {
        List<DiffEntry> writes = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            writes.add(DiffEntry.of(part(i), DiffResult.UPDATE));
        }
        Plan plan = Plan.streaming(
                CloseableIterator.of(writes.iterator()),
                -1,
                List.of(part(40), part(41)),
                PlanOptions.of(new WriterLimits(10, 10, 1)).withDeletesConfirmed(2));
        assertThat(describe(plan.writes()))
                .containsExactly("needUpdate partition x10", "needUpdate partition x10", "needUpdate partition x10");
        assertThatThrownBy(plan::writes).isInstanceOf(IllegalStateException.class);
        // Children first, one key a batch at a delete limit of 1, in reverse key order.
        assertThat(describe(plan.deletes()))
                .containsExactly("dlfNew partition sales.orders/0041", "dlfNew partition sales.orders/0040");

        Plan wrong = Plan.streaming(
                CloseableIterator.of(
                        List.of(DiffEntry.of(part(1), DiffResult.DELETE)).iterator()),
                -1,
                List.of(),
                PlanOptions.of(LIMITS));
        assertThatThrownBy(() -> describe(wrong.writes()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("deletion among the writes");
    }

    @Test
    void checkDeletesIsTheRuleForARunSplitIntoSeveralPlans() {
        PlanOptions on = PlanOptions.of(LIMITS).withDeletesConfirmed(7);
        Plan.checkDeletes(on, 7);
        Plan.checkDeletes(PlanOptions.of(LIMITS), 1_000);
        assertThatThrownBy(() -> Plan.checkDeletes(on, 8))
                .isInstanceOf(DeleteConfirmationException.class)
                .hasMessageContaining("--confirm-deletes 8");
    }
}
