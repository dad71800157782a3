package dev.lakeport.app.pages.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.app.i18n.Messages;
import dev.lakeport.app.task.BackgroundTask;
import dev.lakeport.app.task.TaskInfo;
import dev.lakeport.app.task.TaskRunner;
import dev.lakeport.app.task.Work;
import dev.lakeport.load.LoadListener;
import dev.lakeport.load.LoadSummary;
import dev.lakeport.progress.ProgressListener;
import dev.lakeport.snapshot.DatabaseSummary;
import dev.lakeport.snapshot.LoadInfo;
import dev.lakeport.snapshot.LoadOrigin;
import dev.lakeport.snapshot.Side;
import java.time.Duration;
import java.time.Instant;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

/** One side's progress as the page shows it, fed the loader's events by hand; no screen, no catalog. */
class SideLoadTest {
    private final Messages messages = new Messages(Locale.ENGLISH);
    private final QueueRunner tasks = new QueueRunner();
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final SideLoad side = new SideLoad(Side.SOURCE, tasks, messages, clock::get);

    @Test
    void showsEachDatabaseTheFailuresAsTheyHappenAndTheFigures() {
        LoadListener run = side.begin().via(ProgressListener.NONE, false);
        assertThat(side.stateProperty().get()).isEqualTo(SideLoad.State.RUNNING);
        assertThat(side.progressProperty().get()).isEqualTo(-1);

        run.databaseListed("sales", 3, 1);
        run.databaseListed("web", 1, 0);
        tasks.runAll();
        assertThat(side.phaseProperty().get()).isEqualTo("Listing databases and tables: 2 databases so far");
        assertThat(side.databases())
                .extracting(SideLoad.DatabaseRow::name, SideLoad.DatabaseRow::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("sales", SideLoad.RowStatus.WAITING),
                        org.assertj.core.groups.Tuple.tuple("web", SideLoad.RowStatus.WAITING));

        clock.addAndGet(1_000_000_000L);
        run.phase("load source", 4);
        run.message("sales.orders");
        for (int i = 0; i < 40; i++) {
            run.partitionsRead("sales", "orders", 256);
        }
        run.tableLoaded("sales", "orders", 40 * 256, false);
        run.advance(1, 0);
        run.tableFailed("web", "clicks", "UNAVAILABLE: Internal service error.");
        run.advance(1, 1);
        // However many events arrive, one refresh waits for the FX thread at a time.
        assertThat(tasks.pending.size()).isEqualTo(1);
        clock.addAndGet(1_000_000_000L);
        tasks.runAll();

        assertThat(side.databases().get(0))
                .isEqualTo(new SideLoad.DatabaseRow("sales", 1, 3, 10_240, 1, 0, SideLoad.RowStatus.LOADING));
        assertThat(side.databases().get(1))
                .isEqualTo(new SideLoad.DatabaseRow("web", 1, 1, 0, 0, 1, SideLoad.RowStatus.FAILED));
        assertThat(side.failures())
                .containsExactly(new LoadSummary.LoadFailure("web.clicks", "UNAVAILABLE: Internal service error."));
        assertThat(side.phaseProperty().get()).isEqualTo("Reading partitions: 2 of 4 tables done");
        assertThat(side.currentProperty().get()).isEqualTo("sales.orders");
        // 2 databases + 4 tables + 1 function + 10,240 partitions in two seconds.
        assertThat(side.objectsProperty().get()).isEqualTo(10_247);
        assertThat(side.rateProperty().get()).isEqualTo(5_123.5);
        assertThat(side.progressProperty().get()).isEqualTo(0.5);
        // Two of four tables in the second since the tables began: about one more second.
        assertThat(side.etaSecondsProperty().get()).isEqualTo(1);
        assertThat(side.figuresProperty().get())
                .isEqualTo("10,247 objects stored, 10,240 of them partitions  ·  5,124 objects/s  ·  about 0:01 left");

        run.tableLoaded("sales", "refunds", 0, true);
        run.tableLoaded("sales", "currencies", 0, false);
        side.finish(new LoadSummary(
                2,
                4,
                10_240,
                1,
                1,
                Duration.ofSeconds(75),
                List.of(new LoadSummary.LoadFailure("web.clicks", "x")),
                false));
        assertThat(side.stateProperty().get()).isEqualTo(SideLoad.State.INCOMPLETE);
        assertThat(side.databases().get(0).status()).isEqualTo(SideLoad.RowStatus.DONE);
        assertThat(side.resultProperty().get())
                .isEqualTo("Incomplete: 1 table or database failed (listed below); read 2 databases, 4 tables,"
                        + " 10,240 partitions and 1 function in 1:15. Resume reads the failed ones again.");
        assertThat(side.etaSecondsProperty().get()).isEqualTo(-1);
    }

    @Test
    void refreshesComeAtMostTenTimesASecondAndTheLastChangeStillArrives() throws InterruptedException {
        LoadListener run = side.begin().via(ProgressListener.NONE, false);
        run.databaseListed("sales", 3, 1);
        tasks.runAll();
        assertThat(side.databases()).hasSize(1);

        // Right after a refresh, a change waits for the interval to end instead of refreshing at once...
        run.databaseListed("web", 1, 0);
        assertThat(tasks.pending).isEmpty();
        // ...and then arrives.
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (tasks.pending.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        tasks.runAll();
        assertThat(side.databases()).extracting(SideLoad.DatabaseRow::name).containsExactly("sales", "web");
    }

    @Test
    void aCompleteLoadSaysWhatItReadAndWhatItKept() {
        side.begin();
        side.finish(new LoadSummary(5, 27, 2_000, 6, 3, Duration.ofMillis(12_400), List.of(), false));
        assertThat(side.stateProperty().get()).isEqualTo(SideLoad.State.COMPLETE);
        assertThat(side.progressProperty().get()).isEqualTo(1.0);
        assertThat(side.resultProperty().get())
                .isEqualTo("Loaded 5 databases, 27 tables, 2,000 partitions and 6 functions in 0:12."
                        + " 3 tables were already loaded by the interrupted load and kept.");
    }

    @Test
    void aCancelledLoadSaysHowFarItGotAndThatResumeContinues() {
        LoadListener run = side.begin().via(ProgressListener.NONE, false);
        run.databaseListed("sales", 3, 0);
        run.phase("load", 3);
        run.advance(1, 0);
        side.finish(new LoadSummary(1, 3, 100, 0, 0, Duration.ofSeconds(4), List.of(), true));
        assertThat(side.stateProperty().get()).isEqualTo(SideLoad.State.INCOMPLETE);
        assertThat(side.phaseProperty().get()).isEqualTo("Cancelled");
        assertThat(side.resultProperty().get())
                .isEqualTo("Cancelled after 0:04, with 1 of 3 tables done. What was read is kept; Resume continues.");
    }

    @Test
    void afterACancelNoRowSaysLoadingAndEachUnfinishedOneSaysHowFarItGot() {
        LoadListener run = side.begin().via(ProgressListener.NONE, false);
        run.databaseListed("finance", 2, 0);
        run.databaseListed("sales", 3, 0);
        run.databaseListed("web", 1, 0);
        run.phase("load", 6);
        run.tableLoaded("finance", "budgets", 10, false);
        run.tableLoaded("finance", "ledger", 10, false);
        run.partitionsRead("sales", "orders", 256);
        run.tableLoaded("sales", "orders", 256, false);
        tasks.runAll();
        assertThat(side.databases())
                .extracting(SideLoad.DatabaseRow::status)
                .containsExactly(SideLoad.RowStatus.DONE, SideLoad.RowStatus.LOADING, SideLoad.RowStatus.WAITING);

        side.finishCancelled();
        // A refresh the loader's threads asked for before the cancel arrives late: it must not bring "Loading" back.
        run.partitionsRead("sales", "items", 12);
        tasks.runAll();
        assertThat(side.databases())
                .extracting(SideLoad.DatabaseRow::name, SideLoad.DatabaseRow::status, SideLoad.DatabaseRow::tablesDone)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("finance", SideLoad.RowStatus.DONE, 2L),
                        org.assertj.core.groups.Tuple.tuple("sales", SideLoad.RowStatus.CANCELLED, 1L),
                        org.assertj.core.groups.Tuple.tuple("web", SideLoad.RowStatus.CANCELLED, 0L));
        assertThat(messages.get("load.row.CANCELLED", 1L, 3L))
                .isEqualTo("Cancelled (1 of 3 tables read, resumes on next load)");
    }

    @Test
    void theSnapshotOfAnEarlierSessionShowsWithItsDatabasesAndState() {
        LoadInfo info = new LoadInfo(
                Side.SOURCE,
                3,
                LoadOrigin.of("glue", "http://127.0.0.1:4000", "123456789012"),
                Instant.parse("2024-05-01T10:00:00Z"),
                Optional.of(Instant.parse("2024-05-01T10:01:00Z")),
                true,
                Optional.of("m1"),
                2,
                5,
                1_000,
                1);
        side.showSnapshot(
                Optional.of(info),
                List.of(new DatabaseSummary("sales", 3, 900, 1), new DatabaseSummary("web", 2, 100, 0)));
        assertThat(side.stateProperty().get()).isEqualTo(SideLoad.State.COMPLETE);
        assertThat(side.snapshotProperty().get())
                .startsWith("The snapshot holds 2 databases, 5 tables, 1,000 partitions and 1 function, loaded ")
                .endsWith(" from glue http://127.0.0.1:4000.");
        assertThat(side.databases())
                .containsExactly(
                        new SideLoad.DatabaseRow("sales", 3, 3, 900, 1, 0, SideLoad.RowStatus.STORED),
                        new SideLoad.DatabaseRow("web", 2, 2, 100, 0, 0, SideLoad.RowStatus.STORED));

        // A reload of a side whose size is known measures progress in objects against it.
        LoadListener run = side.begin().via(ProgressListener.NONE, false);
        run.databaseListed("sales", 3, 1);
        run.databaseListed("web", 2, 0);
        run.phase("load", 5);
        run.partitionsRead("sales", "orders", 496);
        clock.addAndGet(1_000_000_000L);
        tasks.runAll();
        // 504 of the 1,008 objects the last load stored, at 504 a second.
        assertThat(side.progressProperty().get()).isEqualTo(0.5);
        assertThat(side.etaSecondsProperty().get()).isEqualTo(1);

        side.showSnapshot(Optional.of(info), List.of());
        assertThat(side.stateProperty().get())
                .as("a running load keeps its state")
                .isEqualTo(SideLoad.State.RUNNING);
    }

    @Test
    void nothingLoadedYetIsSaidPlainly() {
        side.showSnapshot(Optional.empty(), List.of());
        assertThat(side.stateProperty().get()).isEqualTo(SideLoad.State.NOT_LOADED);
        assertThat(side.snapshotProperty().get()).isEqualTo("The snapshot holds nothing of this catalog yet.");
    }

    @Test
    void durationsReadAsClockTimes() {
        assertThat(SideLoad.duration(0)).isEqualTo("0:00");
        assertThat(SideLoad.duration(75)).isEqualTo("1:15");
        assertThat(SideLoad.duration(3 * 3600 + 61)).isEqualTo("3:01:01");
    }

    /** Runs {@code runOnFxThread} actions when the test says, as the FX thread would between frames. */
    private static final class QueueRunner implements TaskRunner {
        final Deque<Runnable> pending = new java.util.concurrent.ConcurrentLinkedDeque<>();

        @Override
        public <T> BackgroundTask<T> task(String title, Work<T> work) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ObservableList<TaskInfo> running() {
            return FXCollections.observableArrayList();
        }

        @Override
        public void runOnFxThread(Runnable action) {
            pending.add(action);
        }

        void runAll() {
            Runnable r;
            while ((r = pending.poll()) != null) {
                r.run();
            }
        }
    }
}
