package dev.lakeport.apply;

import static dev.lakeport.diff.TestingCatalog.database;
import static dev.lakeport.diff.TestingCatalog.function;
import static dev.lakeport.diff.TestingCatalog.partition;
import static dev.lakeport.diff.TestingCatalog.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.diff.DiffResult;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.ObjectKind;
import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import dev.lakeport.plan.Plan;
import dev.lakeport.plan.PlanOptions;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import dev.lakeport.snapshot.CloseableIterator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutorTest {
    @TempDir
    Path logDir;

    private List<StoredResult> records(ApplyFixture f, RunSummary summary) {
        List<StoredResult> out = new ArrayList<>();
        try (CloseableIterator<StoredResult> it = f.results.stream(summary.runId())) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void createsEverythingDespiteThrottlingAndServerErrors() {
        ApplyFixture f = new ApplyFixture(logDir).sourceCatalog(3, 250);
        f.destination.throttling(0.10).serverErrors(0.01).lostResponses(0.01).entryThrottling(0.02);
        Map<String, AtomicLong> progress = new ConcurrentHashMap<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void advance(long done, long failed) {
                progress.computeIfAbsent("done", k -> new AtomicLong()).addAndGet(done);
                progress.computeIfAbsent("failed", k -> new AtomicLong()).addAndGet(failed);
            }
        };

        RunSummary summary = f.run(f.plan(), f.options(), CancellationToken.NONE, listener);

        f.assertDestinationEqualsSource();
        assertThat(summary.hasFailures()).isFalse();
        assertThat(summary.counts(ObjectKind.PARTITION).created()).isEqualTo(2 * 3 * 250);
        assertThat(summary.counts(ObjectKind.TABLE).created()).isEqualTo(6);
        assertThat(summary.counts(ObjectKind.DATABASE).created()).isEqualTo(2);
        assertThat(summary.counts(ObjectKind.FUNCTION).created()).isEqualTo(2);
        assertThat(progress.get("done")).hasValue(1510);
        assertThat(progress.get("failed")).hasValue(0);
        // A re-diff after the run finds nothing to do.
        f.view.side(dev.lakeport.snapshot.Side.DESTINATION).putAll(f.destination.objects());
        assertThat(f.plan().writeCount()).isZero();
    }

    @Test
    void alreadyExistsAndNotFoundAreResolvedNotFailed() {
        ApplyFixture f = new ApplyFixture(logDir).sourceCatalog(1, 4);
        f.destination(database("old"), table("old", "t", "oss://b/old"));
        Plan stale = f.plan(PlanOptions.of(TestingDestination.GLUE).withDeletesConfirmed(2));
        // Since the diff: someone created some objects (one equal, one different), deleted one we mean to update, and
        // deleted what we mean to delete.
        Table differs = table("sales", "t0", "oss://b/elsewhere");
        f.destination.put(database("sales"), differs, partition("sales", "t0", "0000"));
        f.destination.put(partition("hr", "t0", "0001").withParameters(Map.of("x", "y")));
        f.destination.put(database("hr"), table("hr", "t0", "oss://b/hr/t0"));
        f.destination.objects().remove(ObjectKey.table("old", "t"));
        f.destination.objects().remove(ObjectKey.database("old"));

        RunSummary summary = f.run(stale);

        assertThat(summary.hasFailures()).isFalse();
        f.assertDestinationEqualsSource();
        assertThat(summary.counts(ObjectKind.DATABASE).deleted()).isEqualTo(1);
        assertThat(summary.counts(ObjectKind.TABLE).deleted()).isEqualTo(1);
    }

    @Test
    void viewsWaitForWhatTheyReadAndViewsReadingEachOtherFailNamed() throws Exception {
        ApplyFixture f = new ApplyFixture(logDir);
        // In key order each view comes before what it reads.
        f.view.source(
                database("a"),
                view("a", "c1", "SELECT * FROM `a`.`c2`"),
                view("a", "c2", "SELECT * FROM `a`.`c1`"),
                view("a", "v1", "SELECT * FROM `a`.`v2` JOIN `a`.`z` ON true"),
                view("a", "v2", "SELECT * FROM `a`.`z`"),
                table("a", "z", "oss://b/a/z"));

        RunSummary summary = f.run(f.plan());

        assertThat(f.destination.objects())
                .containsKeys(ObjectKey.table("a", "z"), ObjectKey.table("a", "v1"), ObjectKey.table("a", "v2"))
                .doesNotContainKeys(ObjectKey.table("a", "c1"), ObjectKey.table("a", "c2"));
        assertThat(summary.counts(ObjectKind.TABLE).created()).isEqualTo(3);
        assertThat(summary.counts(ObjectKind.TABLE).failed()).isEqualTo(2);
        assertThat(java.nio.file.Files.readString(f.failedFile(summary)))
                .contains("a.c1")
                .contains("a.c2")
                .contains("cycle of views reading each other (a.c1, a.c2)");
    }

    private static Table view(String database, String name, String sql) {
        return Table.builder(database, name)
                .storageDescriptor(dev.lakeport.model.StorageDescriptor.builder()
                        .columns(List.of(dev.lakeport.model.Column.of("x", "string")))
                        .build())
                .tableType("VIRTUAL_VIEW")
                .viewOriginalText(sql)
                .viewExpandedText(sql)
                .build();
    }

    @Test
    void updateOfAMissingObjectCreatesIt() {
        ApplyFixture f = new ApplyFixture(logDir);
        f.view.source(database("a"), table("a", "t", "oss://b/new"), partition("a", "t", "1"));
        f.destination(
                database("a"),
                table("a", "t", "oss://b/old"),
                partition("a", "t", "1").withParameters(Map.of("k", "v")));
        Plan plan = f.plan();
        f.destination.objects().remove(ObjectKey.partition("a", "t", List.of("1")));

        RunSummary summary = f.run(plan);

        assertThat(summary.counts(ObjectKind.PARTITION).updated()).isEqualTo(1);
        assertThat(summary.counts(ObjectKind.TABLE).updated()).isEqualTo(1);
        f.assertDestinationEqualsSource();
    }

    @Test
    void aRefusedBatchEntryFailsAloneAndLandsInTheFailedFile() {
        ApplyFixture f = new ApplyFixture(logDir).sourceCatalog(1, 150);
        ObjectKey bad = ObjectKey.partition("sales", "t0", List.of("0042"));
        f.destination.refuse(bad);

        RunSummary summary = f.run(f.plan());

        assertThat(summary.counts(ObjectKind.PARTITION).failed()).isEqualTo(1);
        assertThat(summary.counts(ObjectKind.PARTITION).created()).isEqualTo(299);
        assertThat(summary.hasFailures()).isTrue();
        assertThat(f.destination.objects())
                .doesNotContainKey(bad)
                .hasSize(f.view.side(dev.lakeport.snapshot.Side.SOURCE).size() - 1);
        assertThat(records(f, summary))
                .filteredOn(r -> !r.record().isSuccess())
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.record().itemName()).isEqualTo("sales.t0/0042");
                    assertThat(r.record().errorMsg()).isEqualTo("INVALID_INPUT (InvalidInputException): refused");
                });
        assertThat(FailedItems.read(f.failedFile(summary))).containsExactly(bad);
    }

    @Test
    void childrenOfAFailedParentFailWithoutCallingTheCatalog() {
        ApplyFixture f = new ApplyFixture(logDir).sourceCatalog(2, 30);
        f.destination.refuse(ObjectKey.database("sales"));

        RunSummary summary = f.run(f.plan());

        assertThat(f.destination.objects().keySet()).allMatch(k -> k.database().equals("hr"));
        assertThat(summary.counts(ObjectKind.DATABASE).failed()).isEqualTo(1);
        assertThat(summary.counts(ObjectKind.TABLE).failed()).isEqualTo(2);
        assertThat(summary.counts(ObjectKind.PARTITION).failed()).isEqualTo(60);
        assertThat(summary.counts(ObjectKind.FUNCTION).failed()).isEqualTo(1);
        // One call for the database; the 2 tables, their partitions and the function never reached the catalog.
        long hrCalls = 1 + 2 + 2 + 1;
        assertThat(f.destination.writeCalls()).isEqualTo(1 + hrCalls);
        List<StoredResult> records = records(f, summary);
        assertThat(records)
                .filteredOn(r -> r.key().equals(ObjectKey.table("sales", "t1")))
                .singleElement()
                .satisfies(r -> assertThat(r.record().errorMsg())
                        .isEqualTo("parent database sales failed: INVALID_INPUT (InvalidInputException): refused"
                                + " database sales"));
        assertThat(records)
                .filteredOn(r -> r.key().equals(ObjectKey.partition("sales", "t1", List.of("0007"))))
                .singleElement()
                .satisfies(r -> assertThat(r.record().errorMsg())
                        .startsWith("parent table sales.t1 failed: parent database sales failed: INVALID_INPUT"));
    }

    @Test
    void cancelledMidRunThenReRunConverges() {
        ApplyFixture f = new ApplyFixture(logDir).sourceCatalog(4, 200);
        f.destination.throttling(0.05);
        CancellationToken cancel = new CancellationToken();
        AtomicLong writes = new AtomicLong();
        f.destination.onWrite(() -> {
            if (writes.incrementAndGet() == 12) {
                cancel.cancel();
            }
        });
        Plan plan = f.plan();

        RunSummary first = f.run(plan, f.options(), cancel, ProgressListener.NONE);

        assertThat(first.cancelled()).isTrue();
        long notDone = first.totals().notRun();
        assertThat(notDone).isPositive();
        assertThat(first.totals().created() + first.totals().failed() + notDone).isEqualTo(plan.writeCount());
        // Every item of the plan is in the log exactly once: what ran with its outcome, the rest as not run.
        List<StoredResult> logged = records(f, first);
        assertThat(logged).hasSize((int) plan.writeCount());
        assertThat(logged.stream().map(StoredResult::key).distinct().count()).isEqualTo(plan.writeCount());
        assertThat(logged.stream().filter(r -> r.outcome() == Outcome.NOT_RUN).count())
                .isEqualTo(notDone);
        // What was not run is no failure: the failed-items file holds only what was tried and failed.
        assertThat(FailedItems.read(f.failedFile(first)))
                .hasSize((int) first.totals().failed());
        assertThat(f.results.run(first.runId()).orElseThrow().finishedAt()).isPresent();
        assertThat(f.destination.objects().size())
                .isLessThan(f.view.side(dev.lakeport.snapshot.Side.SOURCE).size());

        f.destination.onWrite(() -> {});
        RunSummary second = f.run(plan);

        assertThat(second.hasFailures()).isFalse();
        f.assertDestinationEqualsSource();
    }

    @Test
    void aRecordThatCannotBeWrittenIsNotRecordedAgainAsFailed() {
        ApplyFixture f = new ApplyFixture(logDir).sourceCatalog(1, 50);
        Plan plan = f.plan();
        Map<ObjectKey, List<Outcome>> seen = new ConcurrentHashMap<>();
        AtomicLong successes = new AtomicLong();
        ResultSink sink = new ResultSink() {
            private final SummaryCounter counter = new SummaryCounter();

            @Override
            public synchronized void record(
                    ObjectKey key,
                    DiffResult diffResult,
                    Outcome outcome,
                    String errorMsg,
                    java.time.Instant time,
                    long durationMs) {
                seen.computeIfAbsent(key, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                        .add(outcome);
                counter.add(key.kind(), diffResult, outcome, 1);
                // The third success of a partition batch meets a log that cannot be written (a store closed under it)
                if (outcome == Outcome.SUCCEEDED
                        && key.kind() == ObjectKind.PARTITION
                        && successes.incrementAndGet() == 3) {
                    throw new IllegalStateException("cannot store result records: Database is already closed");
                }
            }

            @Override
            public void markCancelled() {}

            @Override
            public synchronized RunSummary summary() {
                return new RunSummary("r", counter.toMap(), java.time.Duration.ZERO, List.of(), false, false);
            }
        };

        new Executor(f.destination, f.destination, f.view, f.options())
                .run(plan, sink, ProgressListener.NONE, CancellationToken.NONE);

        // The partitions were created; none of them may be logged as failed, nor logged twice.
        assertThat(seen.values()).allSatisfy(outcomes -> assertThat(outcomes).hasSize(1));
        assertThat(seen.values().stream().flatMap(List::stream)).doesNotContain(Outcome.FAILED);
    }

    @Test
    void reRunOfTheFailedItemsOnlyFinishesTheJob() {
        ApplyFixture f = new ApplyFixture(logDir).sourceCatalog(1, 120);
        ObjectKey bad = ObjectKey.partition("hr", "t0", List.of("0100"));
        f.destination.refuse(bad);
        long diffRun = f.diff();
        RunSummary first = f.run(Plan.of(f.diffs, diffRun, PlanOptions.of(TestingDestination.GLUE)));
        assertThat(first.totals().failed()).isEqualTo(1);

        f.destination.allow(bad);
        java.util.Set<ObjectKey> failed = FailedItems.read(f.failedFile(first));
        Plan retry = Plan.of(
                f.diffs, diffRun, PlanOptions.of(TestingDestination.GLUE).withScope(failed::contains));
        long callsBefore = f.destination.writeCalls();
        RunSummary second = f.run(retry);

        assertThat(retry.writeCount()).isEqualTo(1);
        assertThat(second.counts(ObjectKind.PARTITION).created()).isEqualTo(1);
        assertThat(f.destination.writeCalls() - callsBefore).isEqualTo(1);
        f.assertDestinationEqualsSource();
    }

    @Test
    void deletesChildrenFirstWhenConfirmed() {
        ApplyFixture f = new ApplyFixture(logDir);
        f.view.source(database("keep"));
        f.destination(database("keep"), database("old"), table("old", "t", "oss://b/t"), function("old", "f", "x.F"));
        for (int i = 0; i < 60; i++) {
            f.destination(partition("old", "t", String.format("%03d", i)));
        }
        RunSummary summary =
                f.run(f.plan(PlanOptions.of(TestingDestination.GLUE).withDeletesConfirmed(63)));

        assertThat(summary.counts(ObjectKind.PARTITION).deleted()).isEqualTo(60);
        assertThat(summary.counts(ObjectKind.DATABASE).deleted()).isEqualTo(1);
        f.assertDestinationEqualsSource();
        List<String> journal = f.destination.deleteJournal();
        assertThat(journal).endsWith("database old");
        assertThat(journal.indexOf("table old.t")).isGreaterThan(journal.lastIndexOf("partitions old.t"));
        assertThat(journal).filteredOn(s -> s.startsWith("partitions")).hasSize(3);
    }

    @Test
    void deletionsOffAreSkippedNotFailed() {
        ApplyFixture f = new ApplyFixture(logDir);
        f.destination(database("old"), table("old", "t", "oss://b/t"));

        RunSummary summary = f.run(f.plan());

        assertThat(summary.totals().skipped()).isEqualTo(2);
        assertThat(summary.hasFailures()).isFalse();
        assertThat(f.destination.objects()).hasSize(2);
        assertThat(records(f, summary)).allSatisfy(r -> {
            assertThat(r.record().isSuccess()).isFalse();
            assertThat(r.record().diffResult()).isEqualTo("dlfNew");
            assertThat(r.record().errorMsg())
                    .isEqualTo("skipped: deletions are off; use --allow-deletes --confirm-deletes N");
        });
        assertThat(FailedItems.read(f.failedFile(summary))).isEmpty();
    }

    @Test
    void dryRunWritesNothingAndRecordsEveryItem() {
        ApplyFixture f = new ApplyFixture(logDir).sourceCatalog(2, 130);

        RunSummary summary =
                f.run(f.plan(), f.options().withDryRun(true), CancellationToken.NONE, ProgressListener.NONE);

        assertThat(f.destination.calls()).isZero();
        assertThat(f.destination.objects()).isEmpty();
        assertThat(summary.dryRun()).isTrue();
        List<StoredResult> records = records(f, summary);
        assertThat(records)
                .hasSize(f.view.side(dev.lakeport.snapshot.Side.SOURCE).size())
                .allSatisfy(r -> {
                    assertThat(r.record().isSuccess()).isTrue();
                    assertThat(r.record().errorMsg()).isEqualTo("dry-run");
                    assertThat(r.record().diffResult()).isEqualTo("glueNew");
                });
    }

    @Test
    void rateLimitHoldsInEveryOneSecondWindow() {
        ApplyFixture f = new ApplyFixture(logDir);
        f.view.source(database("a"));
        for (int i = 0; i < 99; i++) {
            f.view.source(table("a", "t" + i, "oss://b/" + i));
        }
        int rate = 40;

        f.run(f.plan(), f.options().withCallsPerSecond(rate), CancellationToken.NONE, ProgressListener.NONE);

        List<Long> times = new ArrayList<>(f.destination.callTimes());
        times.sort(null);
        assertThat(times).hasSize(100);
        int worst = 0;
        for (int i = 0; i < times.size(); i++) {
            int j = i;
            while (j < times.size() && times.get(j) - times.get(i) < 1_000_000_000L) {
                j++;
            }
            worst = Math.max(worst, j - i);
        }
        // Permits are spaced 1/rate apart; a busy machine can delay a granted call so that two land close together,
        // so a one-second window may hold a few more. Over the whole run the rate must hold exactly: 100 calls at 40/s
        // cannot finish in less than (100 - 1) / 40 s, however fast or slow the machine is.
        assertThat(worst).isLessThanOrEqualTo(rate + rate / 4);
        assertThat(times.get(times.size() - 1) - times.get(0)).isGreaterThanOrEqualTo((long) ((99.0 / rate) * 0.95e9));
        f.assertDestinationEqualsSource();
    }

    @Test
    void neverMoreCallsInFlightThanTheConcurrency() {
        ApplyFixture f = new ApplyFixture(logDir).sourceCatalog(10, 60);
        java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger peak = new java.util.concurrent.atomic.AtomicInteger();
        dev.lakeport.connector.CatalogWriter counting =
                (dev.lakeport.connector.CatalogWriter) java.lang.reflect.Proxy.newProxyInstance(
                        getClass().getClassLoader(),
                        new Class<?>[] {dev.lakeport.connector.CatalogWriter.class},
                        (proxy, method, args) -> {
                            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                            try {
                                return method.invoke(f.destination, args);
                            } catch (java.lang.reflect.InvocationTargetException e) {
                                throw e.getCause();
                            } finally {
                                inFlight.decrementAndGet();
                            }
                        });
        try (ResultLog log = ResultLog.open(logDir.toString(), "bounded", false, java.util.Optional.empty())) {
            RunSummary summary = new Executor(
                            counting, f.destination, f.view, f.options().withConcurrency(3))
                    .run(f.plan(), log, ProgressListener.NONE, CancellationToken.NONE);
            assertThat(summary.hasFailures()).isFalse();
        }
        assertThat(peak.get()).isBetween(1, 3);
        f.assertDestinationEqualsSource();
    }

    @Test
    void aPlanBatchedBeyondTheWritersLimitsIsRefused() {
        ApplyFixture f = new ApplyFixture(logDir).sourceCatalog(1, 1);
        Plan plan = f.plan(PlanOptions.of(new dev.lakeport.connector.WriterLimits(1000, 100, 25)));
        try (ResultLog log = ResultLog.open(logDir.toString(), "limits", false, java.util.Optional.empty())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> new Executor(f.destination, f.destination, f.view, f.options())
                                    .run(plan, log, ProgressListener.NONE, CancellationToken.NONE))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("exceed what the destination accepts");
        }
        assertThat(f.destination.calls()).isZero();
    }

    @Test
    void missingSourceObjectFailsOnlyThatItem() {
        ApplyFixture f = new ApplyFixture(logDir);
        f.view.source(database("a"), table("a", "t", "oss://b/t"));
        Plan plan = f.plan();
        f.view.side(dev.lakeport.snapshot.Side.SOURCE).remove(ObjectKey.table("a", "t"));

        RunSummary summary = f.run(plan);

        assertThat(summary.counts(ObjectKind.DATABASE).created()).isEqualTo(1);
        assertThat(summary.counts(ObjectKind.TABLE).failed()).isEqualTo(1);
        assertThat(f.destination.objects()).containsOnlyKeys(ObjectKey.database("a"));
        assertThat(f.destination.objects().get(ObjectKey.database("a"))).isNotInstanceOf(Partition.class);
    }
}
