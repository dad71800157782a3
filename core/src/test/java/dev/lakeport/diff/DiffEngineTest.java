package dev.lakeport.diff;

import static dev.lakeport.diff.TestingCatalog.database;
import static dev.lakeport.diff.TestingCatalog.function;
import static dev.lakeport.diff.TestingCatalog.partition;
import static dev.lakeport.diff.TestingCatalog.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeport.model.CatalogObject;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.ObjectKind;
import dev.lakeport.model.Table;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import dev.lakeport.snapshot.CloseableIterator;
import dev.lakeport.snapshot.ScanEntry;
import dev.lakeport.snapshot.Side;
import dev.lakeport.snapshot.SnapshotView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class DiffEngineTest {

    private static List<DiffEntry> diff(TestingSnapshotView view, DiffOptions options) {
        List<DiffEntry> out = new ArrayList<>();
        new DiffEngine(view).run(options, out::add, ProgressListener.NONE, CancellationToken.NONE);
        return out;
    }

    private static List<String> words(List<DiffEntry> entries) {
        return entries.stream()
                .map(e -> DiffWords.SEED.word(e.result()) + " " + e.key())
                .toList();
    }

    @Test
    void bothSidesEmptyFindsNothing() {
        assertThat(diff(new TestingSnapshotView(), DiffOptions.defaults())).isEmpty();
    }

    @Test
    void emptyDestinationMakesEverythingGlueNewInKeyOrder() {
        TestingSnapshotView view = new TestingSnapshotView()
                .source(
                        function("sales", "f", "x.F"),
                        partition("sales", "orders", "2024"),
                        database("sales"),
                        table("sales", "orders", "oss://b/o"));
        assertThat(words(diff(view, DiffOptions.defaults())))
                .containsExactly(
                        "glueNew database sales",
                        "glueNew table sales.orders",
                        "glueNew partition sales.orders/2024",
                        "glueNew function sales.f");
    }

    @Test
    void emptySourceMakesEverythingDlfNew() {
        TestingSnapshotView view =
                new TestingSnapshotView().destination(database("old"), table("old", "t", "oss://b/t"));
        assertThat(words(diff(view, DiffOptions.defaults())))
                .containsExactly("dlfNew database old", "dlfNew table old.t");
    }

    @Test
    void equalObjectsAreNotListedAndDifferentOnesAreNeedUpdate() {
        Table same = table("sales", "same", "oss://b/same");
        TestingSnapshotView view = new TestingSnapshotView()
                .source(database("sales"), same, table("sales", "moved", "oss://b/new"))
                .destination(database("sales"), same, table("sales", "moved", "oss://b/old"));
        assertThat(words(diff(view, DiffOptions.defaults()))).containsExactly("needUpdate table sales.moved");
    }

    @Test
    void interleavesAcrossDatabasesTablesPartitionsAndFunctions() {
        TestingSnapshotView view = new TestingSnapshotView()
                .source(
                        database("a"),
                        table("a", "t1", "oss://b/t1"),
                        partition("a", "t1", "1"),
                        partition("a", "t1", "3"),
                        function("a", "f1", "x.F1"),
                        database("c"),
                        table("c", "t", "oss://b/ct"))
                .destination(
                        database("a"),
                        table("a", "t1", "oss://b/t1"),
                        partition("a", "t1", "2"),
                        partition("a", "t1", "3"),
                        table("a", "t2", "oss://b/t2"),
                        function("a", "f1", "x.Changed"),
                        function("a", "f2", "x.F2"),
                        database("b"));
        assertThat(words(diff(view, DiffOptions.defaults())))
                .containsExactly(
                        "glueNew partition a.t1/1",
                        "dlfNew partition a.t1/2",
                        "dlfNew table a.t2",
                        "needUpdate function a.f1",
                        "dlfNew function a.f2",
                        "dlfNew database b",
                        "glueNew database c",
                        "glueNew table c.t");
    }

    @Test
    void needUpdateListsTheFieldsThatDiffer() {
        Table before = table("sales", "orders", "oss://b/old");
        Table after = before.toBuilder()
                .storageDescriptor(before.storageDescriptor().get().toBuilder()
                        .location("oss://b/new")
                        .build())
                .parameters(Map.of("classification", "orc", "owner_team", "bi"))
                .build();
        TestingSnapshotView view = new TestingSnapshotView().source(after).destination(before);

        List<DiffEntry> entries = diff(view, DiffOptions.defaults());

        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.result()).isEqualTo(DiffResult.UPDATE);
            assertThat(e.changes())
                    .containsExactly(
                            new FieldChange("parameters.classification", "parquet", "orc"),
                            new FieldChange("parameters.owner_team", "", "bi"),
                            new FieldChange("storageDescriptor.location", "oss://b/old", "oss://b/new"));
        });
    }

    @Test
    void volatileFieldsDoNotMakeAnUpdate() {
        Table before = table("sales", "orders", "oss://b/o");
        Table after = before.toBuilder()
                .createTime(java.time.Instant.parse("2024-01-01T00:00:00Z"))
                .parameters(Map.of("classification", "parquet", "transient_lastDdlTime", "1700000000"))
                .build();
        assertThat(diff(new TestingSnapshotView().source(after).destination(before), DiffOptions.defaults()))
                .isEmpty();
    }

    @Test
    void comparePartitionFalseLeavesPartitionsOut() {
        TestingSnapshotView view = new TestingSnapshotView()
                .source(database("a"), table("a", "t", "oss://b/t"), partition("a", "t", "1"))
                .destination(partition("a", "t", "2"));
        assertThat(words(diff(view, DiffOptions.defaults().withComparePartition(false))))
                .containsExactly("glueNew database a", "glueNew table a.t");
    }

    @Test
    void scopeRestrictsTheKeys() {
        TestingSnapshotView view = new TestingSnapshotView()
                .source(database("a"), database("b"), table("b", "t", "oss://b/t"))
                .destination(database("z"));
        List<DiffEntry> entries =
                diff(view, DiffOptions.defaults().withScope(k -> k.database().equals("b")));
        assertThat(words(entries)).containsExactly("glueNew database b", "glueNew table b.t");
    }

    @Test
    void summaryCountsPerKindAndResult() {
        TestingSnapshotView view = new TestingSnapshotView()
                .source(database("a"), partition("a", "t", "1"), partition("a", "t", "2"))
                .destination(database("b"));
        DiffSummary summary = new DiffEngine(view)
                .run(DiffOptions.defaults(), e -> {}, ProgressListener.NONE, CancellationToken.NONE);
        assertThat(summary.count(ObjectKind.PARTITION, DiffResult.CREATE)).isEqualTo(2);
        assertThat(summary.count(ObjectKind.DATABASE, DiffResult.CREATE)).isEqualTo(1);
        assertThat(summary.count(ObjectKind.DATABASE, DiffResult.DELETE)).isEqualTo(1);
        assertThat(summary.total()).isEqualTo(4);
    }

    @Test
    void cancellationStopsTheMerge() {
        TestingSnapshotView view = new TestingSnapshotView();
        for (int i = 0; i < DiffEngine.CHECK_EVERY * 2; i++) {
            view.source(partition("a", "t", String.format("%06d", i)));
        }
        CancellationToken cancel = new CancellationToken();
        List<DiffEntry> seen = new ArrayList<>();
        assertThatThrownBy(() -> new DiffEngine(view)
                        .run(
                                DiffOptions.defaults(),
                                e -> {
                                    seen.add(e);
                                    if (seen.size() == 100) {
                                        cancel.cancel();
                                    }
                                },
                                ProgressListener.NONE,
                                cancel))
                .isInstanceOf(CancellationException.class);
        assertThat(seen.size()).isLessThan(DiffEngine.CHECK_EVERY * 2);
    }

    @Test
    void aScanOutOfKeyOrderIsAnErrorNotAWrongDiff() {
        dev.lakeport.snapshot.SnapshotView unordered = new dev.lakeport.snapshot.SnapshotView() {
            @Override
            public dev.lakeport.snapshot.CloseableIterator<dev.lakeport.snapshot.ScanEntry> scan(
                    dev.lakeport.snapshot.Side side) {
                java.util.Iterator<dev.lakeport.snapshot.ScanEntry> it = side == dev.lakeport.snapshot.Side.SOURCE
                        ? List.of(
                                        new dev.lakeport.snapshot.ScanEntry(ObjectKey.database("b"), 1),
                                        new dev.lakeport.snapshot.ScanEntry(ObjectKey.database("a"), 1))
                                .iterator()
                        : java.util.Collections.emptyIterator();
                return new dev.lakeport.snapshot.CloseableIterator<>() {
                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public dev.lakeport.snapshot.ScanEntry next() {
                        return it.next();
                    }

                    @Override
                    public void close() {}
                };
            }

            @Override
            public java.util.Optional<dev.lakeport.model.CatalogObject> get(
                    dev.lakeport.snapshot.Side side, ObjectKey key) {
                return java.util.Optional.empty();
            }
        };
        assertThatThrownBy(() -> new DiffEngine(unordered)
                        .run(DiffOptions.defaults(), e -> {}, ProgressListener.NONE, CancellationToken.NONE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SOURCE scan is not in key order");
    }

    @Test
    void longValuesAreCut() {
        String longText = "x".repeat(FieldChange.MAX_VALUE_LENGTH * 3);
        FieldChange change = new FieldChange("viewOriginalText", "", longText);
        assertThat(change.after())
                .hasSizeLessThan(FieldChange.MAX_VALUE_LENGTH + 40)
                .endsWith("(1500 chars)");
        assertThat(ObjectKey.database("a").itemName()).isEqualTo("a");
    }

    /**
     * A pair whose stored fingerprints differ while the objects are equal field by field (fingerprints computed by an
     * older canonical form and never recomputed) must not show as an update with an empty list of changes.
     */
    @Test
    void staleFingerprintsStopTheDiffInsteadOfReportingAnEmptyUpdate() {
        Table t = table("sales", "orders", "oss://b/orders/");
        TestingSnapshotView equal =
                new TestingSnapshotView().source(database("sales"), t).destination(database("sales"), t);
        SnapshotView stale = new SnapshotView() {
            @Override
            public CloseableIterator<ScanEntry> scan(Side side) {
                CloseableIterator<ScanEntry> inner = equal.scan(side);
                return new CloseableIterator<>() {
                    @Override
                    public boolean hasNext() {
                        return inner.hasNext();
                    }

                    @Override
                    public ScanEntry next() {
                        ScanEntry e = inner.next();
                        return side == Side.SOURCE && e.key().equals(t.key())
                                ? new ScanEntry(e.key(), e.fingerprint() ^ 1)
                                : e;
                    }

                    @Override
                    public void close() {
                        inner.close();
                    }
                };
            }

            @Override
            public Optional<CatalogObject> get(Side side, ObjectKey key) {
                return equal.get(side, key);
            }
        };
        assertThatThrownBy(() -> new DiffEngine(stale)
                        .run(DiffOptions.defaults(), e -> {}, ProgressListener.NONE, CancellationToken.NONE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sales.orders")
                .hasMessageContaining("stale");
    }

    @Test
    void everyPairWithDifferentFingerprintsNamesAChangedField() {
        Table a = table("sales", "orders", "oss://b/orders/");
        List<Table> variants = List.of(
                a.toBuilder().owner("someone").build(),
                a.toBuilder().parameters(Map.of("k", "v")).build(),
                a.toBuilder().tableType("VIRTUAL_VIEW").build(),
                a.toBuilder().partitionKeys(List.of()).build(),
                a.toBuilder().retention(1).build());
        for (Table b : variants) {
            assertThat(dev.lakeport.canonical.Fingerprint.of(b)).isNotEqualTo(dev.lakeport.canonical.Fingerprint.of(a));
            assertThat(FieldChanges.between(a, b)).as(b.toString()).isNotEmpty();
        }
        assertThat(FieldChanges.between(a, a.toBuilder().build())).isEmpty();
    }
}
