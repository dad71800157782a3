package dev.lakeport.diff;

import static dev.lakeport.diff.TestingCatalog.database;
import static dev.lakeport.diff.TestingCatalog.function;
import static dev.lakeport.diff.TestingCatalog.partition;
import static dev.lakeport.diff.TestingCatalog.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.ObjectKind;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import dev.lakeport.snapshot.CloseableIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DiffStoreTest {
    private DiffStore store;
    private long runId;

    @BeforeEach
    void diffASmallCatalog() {
        TestingSnapshotView view = new TestingSnapshotView()
                .source(
                        database("sales"),
                        table("sales", "orders", "oss://b/orders-new"),
                        partition("sales", "orders", "1"),
                        partition("sales", "orders", "2"),
                        function("sales", "f", "x.F"),
                        database("hr"),
                        table("hr", "people", "oss://b/people"))
                .destination(
                        database("sales"),
                        table("sales", "orders", "oss://b/orders-old"),
                        partition("sales", "orders", "9"),
                        table("sales", "gone", "oss://b/gone"),
                        database("hr"),
                        table("hr", "people", "oss://b/people"));
        store = new DiffStore(TestingDatabase.migrated());
        DiffRun run = store.diff(view, DiffOptions.defaults(), "test", ProgressListener.NONE, CancellationToken.NONE);
        runId = run.runId();
        assertThat(run.summary().total()).isEqualTo(6);
    }

    @Test
    void storedSummaryMatchesTheEngine() {
        DiffSummary summary = store.summary(runId);
        assertThat(summary.count(ObjectKind.PARTITION, DiffResult.CREATE)).isEqualTo(2);
        assertThat(summary.count(ObjectKind.PARTITION, DiffResult.DELETE)).isEqualTo(1);
        assertThat(summary.count(ObjectKind.TABLE, DiffResult.UPDATE)).isEqualTo(1);
        assertThat(summary.count(ObjectKind.TABLE, DiffResult.DELETE)).isEqualTo(1);
        assertThat(summary.count(ObjectKind.FUNCTION, DiffResult.CREATE)).isEqualTo(1);
        assertThat(store.run(runId))
                .hasValueSatisfying(r -> assertThat(r.status()).isEqualTo("COMPLETE"));
    }

    @Test
    void summariesPerDatabaseAndTable() {
        assertThat(store.databaseSummaries(runId))
                .containsExactly(new GroupSummary("sales", Optional.empty(), 3, 2, 1, 0));
        assertThat(store.tableSummaries(runId, Optional.of("sales")))
                .containsExactly(
                        new GroupSummary("sales", Optional.of("gone"), 0, 1, 0, 0),
                        new GroupSummary("sales", Optional.of("orders"), 2, 1, 1, 0));
    }

    @Test
    void streamsInKeyOrderAndBackwards() {
        List<String> forward = new ArrayList<>();
        try (CloseableIterator<StoredDiffEntry> it = store.stream(runId, DiffQuery.all())) {
            it.forEachRemaining(e -> forward.add(e.entry().key().itemName()));
        }
        assertThat(forward)
                .containsExactly(
                        "sales.gone", "sales.orders", "sales.orders/1", "sales.orders/2", "sales.orders/9", "sales.f");
        List<String> backward = new ArrayList<>();
        try (CloseableIterator<StoredDiffEntry> it = store.stream(runId, DiffQuery.all(), true)) {
            it.forEachRemaining(e -> backward.add(e.entry().key().itemName()));
        }
        List<String> reversed = new ArrayList<>(forward);
        java.util.Collections.reverse(reversed);
        assertThat(backward).containsExactlyElementsOf(reversed);
    }

    @Test
    void fieldChangesAreStored() {
        assertThat(store.entry(runId, ObjectKey.table("sales", "orders")))
                .hasValueSatisfying(e -> assertThat(e.entry().changes())
                        .containsExactly(new FieldChange(
                                "storageDescriptor.location", "oss://b/orders-old", "oss://b/orders-new")));
    }

    @Test
    void pagedAndFilteredQueries() {
        DiffQuery partitions = DiffQuery.all().withKind(ObjectKind.PARTITION);
        assertThat(store.count(runId, partitions)).isEqualTo(3);
        assertThat(store.page(runId, partitions, 1, 1))
                .singleElement()
                .satisfies(e -> assertThat(e.entry().key().partitionValues()).containsExactly("2"));
        assertThat(store.count(runId, DiffQuery.all().withResult(DiffResult.DELETE)))
                .isEqualTo(2);
        assertThat(store.count(runId, DiffQuery.all().withTable("sales", "orders")))
                .isEqualTo(4);
    }

    @Test
    void databaseGroupsCountWhatTheFilterSelectsAndTheirChildren() {
        assertThat(store.databaseGroups(runId, DiffQuery.all()))
                .containsExactly(new DiffGroup(
                        new GroupSummary("sales", Optional.empty(), 3, 2, 1, 0), Optional.empty(), false, 3));
        assertThat(store.databaseGroups(runId, DiffQuery.all().withResult(DiffResult.CREATE)))
                .containsExactly(new DiffGroup(
                        new GroupSummary("sales", Optional.empty(), 3, 0, 0, 0), Optional.empty(), false, 2));
        assertThat(store.databaseGroups(runId, DiffQuery.all().withKind(ObjectKind.DATABASE)))
                .isEmpty();
    }

    @Test
    void tableGroupsCarryTheTablesOwnEntryAndPage() {
        DiffQuery sales = DiffQuery.all().withDatabase("sales");
        assertThat(store.tableGroups(runId, sales, 0, 10))
                .containsExactly(
                        new DiffGroup(
                                new GroupSummary("sales", Optional.of("gone"), 0, 1, 0, 0),
                                Optional.of(DiffResult.DELETE),
                                true,
                                0),
                        new DiffGroup(
                                new GroupSummary("sales", Optional.of("orders"), 2, 1, 1, 0),
                                Optional.of(DiffResult.UPDATE),
                                true,
                                3));
        assertThat(store.tableGroups(runId, sales, 1, 1))
                .singleElement()
                .satisfies(g -> assertThat(g.summary().table()).contains("orders"));
        assertThat(store.tableGroups(runId, sales.withKind(ObjectKind.PARTITION), 0, 10))
                .containsExactly(new DiffGroup(
                        new GroupSummary("sales", Optional.of("orders"), 2, 1, 0, 0), Optional.empty(), false, 3));
        assertThat(store.tableGroups(runId, sales.withKind(ObjectKind.FUNCTION), 0, 10))
                .isEmpty();

        store.setSubtreeIncluded(runId, ObjectKey.table("sales", "orders"), false);
        assertThat(store.tableGroups(runId, DiffQuery.all().withTable("sales", "orders"), 0, 10))
                .containsExactly(new DiffGroup(
                        new GroupSummary("sales", Optional.of("orders"), 2, 1, 1, 4),
                        Optional.of(DiffResult.UPDATE),
                        false,
                        3));
    }

    @Test
    void pagesAfterAKey() {
        DiffQuery partitions = DiffQuery.all().withTable("sales", "orders").withKind(ObjectKind.PARTITION);
        List<StoredDiffEntry> first = store.pageAfter(runId, partitions, Optional.empty(), 2);
        assertThat(first)
                .extracting(e -> e.entry().key().itemName())
                .containsExactly("sales.orders/1", "sales.orders/2");
        assertThat(store.pageAfter(
                        runId, partitions, Optional.of(first.get(1).entry().key()), 2))
                .extracting(e -> e.entry().key().itemName())
                .containsExactly("sales.orders/9");
    }

    @Test
    void excludingASubtreeAndIncludingOneEntryBack() {
        assertThat(store.setSubtreeIncluded(runId, ObjectKey.table("sales", "orders"), false))
                .isEqualTo(4);
        assertThat(store.count(runId, DiffQuery.all().includedOnly())).isEqualTo(2);
        store.setIncluded(runId, ObjectKey.partition("sales", "orders", List.of("1")), true);
        assertThat(store.count(runId, DiffQuery.all().includedOnly())).isEqualTo(3);
        assertThat(store.tableSummaries(runId, Optional.empty()))
                .contains(new GroupSummary("sales", Optional.of("orders"), 2, 1, 1, 3));
        store.setSubtreeIncluded(runId, ObjectKey.database("sales"), false);
        assertThat(store.count(runId, DiffQuery.all().includedOnly())).isZero();
    }

    @Test
    void storedOrderIsObjectKeyOrderForAwkwardNames() {
        TestingSnapshotView view = new TestingSnapshotView();
        for (String db : List.of("a", "a_b", "a-b", "a.b", "ab", "a b", "é", "z", "A1", "a~")) {
            view.source(database(db), function(db, "f", "x.F"));
            view.source(table(db, "t", "oss://b/t"), table(db, "t_x", "oss://b/t"), table(db, "t.x", "oss://b/t"));
            for (String v : List.of("A", "a", "10", "9", "ä", "a b", "")) {
                view.source(partition(db, "t", v));
            }
        }
        long run = store.diff(view, DiffOptions.defaults(), "order", ProgressListener.NONE, CancellationToken.NONE)
                .runId();
        List<ObjectKey> stored = new ArrayList<>();
        try (CloseableIterator<StoredDiffEntry> it = store.stream(run, DiffQuery.all())) {
            it.forEachRemaining(e -> stored.add(e.entry().key()));
        }
        assertThat(stored)
                .containsExactlyElementsOf(
                        view.side(dev.lakeport.snapshot.Side.SOURCE).keySet());
        assertThat(stored).isSorted();
    }

    @Test
    void keysetStreamCrossesPageBoundaries() {
        TestingSnapshotView view = new TestingSnapshotView();
        for (int i = 0; i < DiffStore.BATCH * 2 + 7; i++) {
            view.source(partition("db", "t", String.format("%05d", i)));
        }
        long big = store.diff(view, DiffOptions.defaults(), "big", ProgressListener.NONE, CancellationToken.NONE)
                .runId();
        long n = 0;
        String last = "";
        try (CloseableIterator<StoredDiffEntry> it = store.stream(big, DiffQuery.all())) {
            while (it.hasNext()) {
                String v = it.next().entry().key().partitionValues().get(0);
                assertThat(v).isGreaterThan(last);
                last = v;
                n++;
            }
        }
        assertThat(n).isEqualTo(DiffStore.BATCH * 2 + 7);
    }
}
