package dev.lakeport.app.pages.load;

import static java.util.Objects.requireNonNull;

import dev.lakeport.app.i18n.Messages;
import dev.lakeport.app.task.TaskRunner;
import dev.lakeport.load.LoadListener;
import dev.lakeport.load.LoadSummary;
import dev.lakeport.progress.ProgressListener;
import dev.lakeport.snapshot.DatabaseSummary;
import dev.lakeport.snapshot.LoadInfo;
import dev.lakeport.snapshot.Side;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One side's load as the Load page shows it: what the snapshot holds, and while a load runs its phase, counts, rate,
 * time left, failures as they happen and a row per database. The loader reports from several worker threads into
 * counters ({@link Run}); the counters reach the properties on the FX thread at most ten times a second, so a million
 * partitions cost the window a few hundred refreshes, not a million.
 */
public final class SideLoad {
    /** Where the side stands. */
    public enum State {
        NOT_LOADED,
        RUNNING,
        COMPLETE,
        INCOMPLETE
    }

    /** How far one database is. */
    public enum RowStatus {
        /** Listed; none of its tables finished yet. */
        WAITING,
        LOADING,
        DONE,
        FAILED,
        /** The load was cancelled before this database was read whole; the next load resumes it. */
        CANCELLED,
        /** As the snapshot holds it, before any load in this window. */
        STORED
    }

    /** One database's line in the per-database table. */
    public record DatabaseRow(
            String name,
            long tablesDone,
            long tablesTotal,
            long partitions,
            long functions,
            long failed,
            RowStatus status) {
        public DatabaseRow {
            requireNonNull(name, "name is null");
            requireNonNull(status, "status is null");
        }
    }

    /** The page refreshes a side at most this often during a load: ten times a second reads as live. */
    static final long PUBLISH_INTERVAL_NANOS = 100_000_000L;

    /** Delivers a refresh that came too soon after the last one, once the interval is over. */
    private static final ScheduledExecutorService LATER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "load-progress");
        t.setDaemon(true);
        return t;
    });

    private final Side side;
    private final TaskRunner tasks;
    private final Messages messages;
    private final LongSupplier nanoClock;

    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.NOT_LOADED);
    private final ReadOnlyStringWrapper phase = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper current = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper figures = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper snapshot = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyDoubleWrapper rate = new ReadOnlyDoubleWrapper();
    private final ReadOnlyLongWrapper etaSeconds = new ReadOnlyLongWrapper(-1);
    private final ReadOnlyLongWrapper objects = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper partitions = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper tablesDone = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper tablesTotal = new ReadOnlyLongWrapper(-1);
    private final ObservableList<DatabaseRow> databases = FXCollections.observableArrayList();
    private final ObservableList<LoadSummary.LoadFailure> failures = FXCollections.observableArrayList();
    private final Map<String, Integer> rowIndex = new HashMap<>();

    private Optional<LoadInfo> stored = Optional.empty();
    private Run run;
    private LoadMeter meter;

    SideLoad(Side side, TaskRunner tasks, Messages messages, LongSupplier nanoClock) {
        this.side = requireNonNull(side, "side is null");
        this.tasks = requireNonNull(tasks, "tasks is null");
        this.messages = requireNonNull(messages, "messages is null");
        this.nanoClock = requireNonNull(nanoClock, "nanoClock is null");
        snapshot.set(messages.get("load.snapshot.none"));
    }

    public Side side() {
        return side;
    }

    // ------------------------------------------------------------------ what the snapshot holds

    /** What the snapshot holds for this side; FX thread. A running load keeps its own state and rows. */
    void showSnapshot(Optional<LoadInfo> info, List<DatabaseSummary> summaries) {
        stored = requireNonNull(info, "info is null");
        snapshot.set(describe(info));
        if (state.get() == State.RUNNING) {
            return;
        }
        state.set(
                info.map(i -> i.complete() ? State.COMPLETE : State.INCOMPLETE).orElse(State.NOT_LOADED));
        if (run == null) {
            List<DatabaseRow> rows = new ArrayList<>();
            for (DatabaseSummary db : summaries) {
                rows.add(new DatabaseRow(
                        db.name(), db.tables(), db.tables(), db.partitions(), db.functions(), 0, RowStatus.STORED));
            }
            setRows(rows);
            progress.set(info.map(i -> i.complete() ? 1.0 : 0.0).orElse(0.0));
        }
    }

    private String describe(Optional<LoadInfo> info) {
        if (info.isEmpty()) {
            return messages.get("load.snapshot.none");
        }
        LoadInfo i = info.get();
        String counts = messages.get("load.counts", i.databases(), i.tables(), i.partitions(), i.functions());
        if (!i.complete()) {
            return messages.get("load.snapshot.incomplete", counts);
        }
        String when = i.finishedAt()
                .map(t -> DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
                        .withLocale(messages.locale())
                        .withZone(ZoneId.systemDefault())
                        .format(t))
                .orElse("");
        String from = i.origin().connector() + " " + i.origin().endpoint();
        return messages.get("load.snapshot.complete", counts, when, from);
    }

    /** Forgets the last load's outcome (another project was opened); FX thread. */
    void reset() {
        run = null;
        meter = null;
        stored = Optional.empty();
        state.set(State.NOT_LOADED);
        setRows(List.of());
        failures.clear();
        result.set("");
        phase.set("");
        current.set("");
        figures.set("");
        progress.set(0);
        rate.set(0);
        etaSeconds.set(-1);
        objects.set(0);
        partitions.set(0);
        tablesDone.set(0);
        tablesTotal.set(-1);
        snapshot.set(messages.get("load.snapshot.none"));
    }

    // ------------------------------------------------------------------ a load

    /**
     * A load of this side starts; FX thread. Returns the counters to report to (hand {@link Run#via} to core).
     */
    Run begin() {
        long expected = stored.filter(LoadInfo::complete)
                .map(i -> i.databases() + i.tables() + i.partitions() + i.functions())
                .orElse(0L);
        run = new Run();
        meter = new LoadMeter(expected, nanoClock.getAsLong());
        state.set(State.RUNNING);
        setRows(List.of());
        failures.clear();
        result.set("");
        current.set("");
        objects.set(0);
        partitions.set(0);
        tablesDone.set(0);
        tablesTotal.set(-1);
        rate.set(0);
        etaSeconds.set(-1);
        progress.set(-1);
        phase.set(messages.get("load.phase.listing", 0));
        figures.set("");
        return run;
    }

    /** Copies the counters into the properties; FX thread (the runner's {@code runOnFxThread}). */
    synchronized void publish() {
        Run r = run;
        if (r == null) {
            return;
        }
        r.lastPublishNanos = nanoClock.getAsLong();
        r.publishPending.set(false);
        String name;
        while ((name = r.newDatabases.poll()) != null) {
            rowIndex.put(name, databases.size());
            databases.add(r.counters.get(name).row(r.cancelled));
        }
        for (String db : r.takeDirty()) {
            Integer index = rowIndex.get(db);
            if (index != null) {
                databases.set(index, r.counters.get(db).row(r.cancelled));
            }
        }
        LoadSummary.LoadFailure failure;
        while ((failure = r.newFailures.poll()) != null) {
            failures.add(failure);
        }
        long o = r.objects();
        long done = r.tablesDone.get();
        long total = r.tablesTotal.get();
        objects.set(o);
        partitions.set(r.partitions.get());
        tablesDone.set(done);
        tablesTotal.set(total);
        if (state.get() != State.RUNNING) {
            return;
        }
        meter.sample(nanoClock.getAsLong(), o, done, total, r.phaseStartNanos);
        rate.set(meter.rate());
        etaSeconds.set(meter.etaSeconds());
        progress.set(meter.progress());
        if (total < 0) {
            phase.set(messages.get("load.phase.listing", r.databasesListed.get()));
        } else {
            phase.set(messages.get("load.phase.partitions", done, total));
            current.set(r.message.get());
        }
        figures.set(figures(o, r.partitions.get(), meter.rate(), meter.etaSeconds()));
    }

    private String figures(long objectCount, long partitionCount, double perSecond, long eta) {
        String counts = messages.get("load.figures.objects", objectCount, partitionCount);
        String speed = perSecond > 0 ? messages.get("load.figures.rate", Math.round(perSecond)) : "";
        String left = eta >= 0 ? messages.get("load.figures.eta", duration(eta)) : "";
        StringBuilder text = new StringBuilder(counts);
        for (String part : new String[] {speed, left}) {
            if (!part.isEmpty()) {
                text.append("  ·  ").append(part);
            }
        }
        return text.toString();
    }

    /** The load returned its summary; FX thread. */
    void finish(LoadSummary summary) {
        publish();
        state.set(summary.complete() ? State.COMPLETE : State.INCOMPLETE);
        etaSeconds.set(-1);
        current.set("");
        String counts = messages.get(
                "load.counts", summary.databases(), summary.tables(), summary.partitions(), summary.functions());
        String took = duration(Math.round(summary.duration().toMillis() / 1000.0));
        if (summary.complete()) {
            progress.set(1);
            phase.set(messages.get("load.phase.done"));
            String text = messages.get("load.result.complete", counts, took);
            if (summary.tablesResumed() > 0) {
                text += " " + messages.get("load.result.resumed", summary.tablesResumed());
            }
            result.set(text);
        } else if (summary.cancelled()) {
            markCancelled();
            phase.set(messages.get("load.phase.cancelled"));
            result.set(messages.get("load.result.cancelled", took, tablesDone.get(), summary.tables()));
        } else {
            phase.set(messages.get("load.phase.incomplete"));
            result.set(messages.get("load.result.incomplete", summary.failures().size(), counts, took));
        }
        figures.set(messages.get("load.figures.objects", objects.get(), partitions.get()));
    }

    /** The load stopped on the user's Cancel before the loader could return a summary; FX thread. */
    void finishCancelled() {
        publish();
        markCancelled();
        state.set(State.INCOMPLETE);
        etaSeconds.set(-1);
        current.set("");
        phase.set(messages.get("load.phase.cancelled"));
        long took = meter == null ? 0 : meter.elapsedNanos(nanoClock.getAsLong()) / 1_000_000_000L;
        result.set(messages.get(
                "load.result.cancelled", duration(took), tablesDone.get(), Math.max(0, tablesTotal.get())));
    }

    /** The load failed as a whole (the catalog could not be listed, say); FX thread. */
    void finishFailed(String why) {
        publish();
        state.set(State.INCOMPLETE);
        etaSeconds.set(-1);
        current.set("");
        phase.set(messages.get("load.phase.failed"));
        result.set(messages.get("load.result.failed", why));
    }

    /** Rows still waiting or loading say they were cancelled, now and in any refresh still on its way. */
    private synchronized void markCancelled() {
        Run r = run;
        if (r == null) {
            return;
        }
        r.cancelled = true;
        for (Map.Entry<String, Integer> e : rowIndex.entrySet()) {
            DatabaseCounters counters = r.counters.get(e.getKey());
            if (counters != null) {
                databases.set(e.getValue(), counters.row(true));
            }
        }
    }

    private void setRows(List<DatabaseRow> rows) {
        rowIndex.clear();
        for (int i = 0; i < rows.size(); i++) {
            rowIndex.put(rows.get(i).name(), i);
        }
        databases.setAll(rows);
    }

    /** {@code h:mm:ss}, or {@code m:ss} under an hour. */
    static String duration(long seconds) {
        Duration d = Duration.ofSeconds(Math.max(0, seconds));
        long h = d.toHours();
        int m = d.toMinutesPart();
        int s = d.toSecondsPart();
        return h > 0 ? String.format("%d:%02d:%02d", h, m, s) : String.format("%d:%02d", m, s);
    }

    // ------------------------------------------------------------------ properties

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** What the load is doing: listing databases, reading partitions (n of m tables), done, cancelled... */
    public ReadOnlyStringProperty phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    /** The table being read. */
    public ReadOnlyStringProperty currentProperty() {
        return current.getReadOnlyProperty();
    }

    /** Objects and partitions so far, objects per second, time left. */
    public ReadOnlyStringProperty figuresProperty() {
        return figures.getReadOnlyProperty();
    }

    /** The outcome of the last load in this window; empty before one. */
    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** What the snapshot holds for this side. */
    public ReadOnlyStringProperty snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    /** 0..1, or -1 while unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty rateProperty() {
        return rate.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty etaSecondsProperty() {
        return etaSeconds.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty objectsProperty() {
        return objects.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty partitionsProperty() {
        return partitions.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty tablesDoneProperty() {
        return tablesDone.getReadOnlyProperty();
    }

    /** Tables this load reads, or -1 while the databases are still being listed. */
    public ReadOnlyLongProperty tablesTotalProperty() {
        return tablesTotal.getReadOnlyProperty();
    }

    public ObservableList<DatabaseRow> databases() {
        return databases;
    }

    /** Tables and databases that could not be read, as the load meets them. */
    public ObservableList<LoadSummary.LoadFailure> failures() {
        return failures;
    }

    // ------------------------------------------------------------------ the counters

    /** One database's counters. */
    private static final class DatabaseCounters {
        final String name;
        final long tablesTotal;
        final long functions;
        final AtomicLong tablesDone = new AtomicLong();
        final AtomicLong partitions = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final boolean listingFailed;

        DatabaseCounters(String name, long tablesTotal, long functions, boolean listingFailed) {
            this.name = name;
            this.tablesTotal = tablesTotal;
            this.functions = functions;
            this.listingFailed = listingFailed;
        }

        DatabaseRow row(boolean cancelled) {
            long done = tablesDone.get();
            long f = failed.get();
            RowStatus status;
            if (listingFailed || f > 0) {
                status = RowStatus.FAILED;
            } else if (done >= tablesTotal) {
                status = RowStatus.DONE;
            } else if (cancelled) {
                status = RowStatus.CANCELLED;
            } else if (done > 0 || partitions.get() > 0) {
                status = RowStatus.LOADING;
            } else {
                status = RowStatus.WAITING;
            }
            return new DatabaseRow(name, done, tablesTotal, partitions.get(), functions, listingFailed ? 1 : f, status);
        }
    }

    /**
     * The counters of one load, written by the loader's threads. {@link #via} gives core a listener that counts here
     * and passes the plain progress calls on to the task.
     */
    final class Run implements LoadListener {
        private final AtomicLong databasesListed = new AtomicLong();
        private final AtomicLong tablesListed = new AtomicLong();
        private final AtomicLong functionsListed = new AtomicLong();
        private final AtomicLong partitions = new AtomicLong();
        private final AtomicLong tablesDone = new AtomicLong();
        private final AtomicLong tablesTotal = new AtomicLong(-1);
        private final AtomicReference<String> message = new AtomicReference<>("");
        private final Map<String, DatabaseCounters> counters = new ConcurrentHashMap<>();
        private final Queue<String> newDatabases = new ConcurrentLinkedQueue<>();
        private final Set<String> dirty = ConcurrentHashMap.newKeySet();
        private final Queue<LoadSummary.LoadFailure> newFailures = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean publishPending = new AtomicBoolean();
        private volatile long lastPublishNanos = Long.MIN_VALUE;
        private volatile long phaseStartNanos = -1;
        private volatile ProgressListener task = ProgressListener.NONE;
        private volatile boolean forwardCounts;
        /** Set once the load ended on Cancel: rows not done say so instead of "Loading". */
        private volatile boolean cancelled;

        /**
         * The listener to give core: counts here; passes the status line on to {@code taskProgress}, and with
         * {@code forwardCounts} also the phase and the tables done (when this side is the task's only load).
         */
        LoadListener via(ProgressListener taskProgress, boolean forwardCounts) {
            this.task = requireNonNull(taskProgress, "taskProgress is null");
            this.forwardCounts = forwardCounts;
            return this;
        }

        long objects() {
            return databasesListed.get() + tablesListed.get() + functionsListed.get() + partitions.get();
        }

        private List<String> takeDirty() {
            List<String> names = new ArrayList<>(dirty);
            dirty.removeAll(names);
            return names;
        }

        private void changed() {
            if (publishPending.compareAndSet(false, true)) {
                long wait = lastPublishNanos + PUBLISH_INTERVAL_NANOS - nanoClock.getAsLong();
                if (lastPublishNanos == Long.MIN_VALUE || wait <= 0) {
                    tasks.runOnFxThread(SideLoad.this::publish);
                } else {
                    LATER.schedule(() -> tasks.runOnFxThread(SideLoad.this::publish), wait, TimeUnit.NANOSECONDS);
                }
            }
        }

        private void changed(String database) {
            dirty.add(database);
            changed();
        }

        @Override
        public void phase(String name, long total) {
            phaseStartNanos = nanoClock.getAsLong();
            message.set(""); // the listing's last line is not a table being read
            tablesTotal.set(total);
            if (forwardCounts) {
                task.phase(name, total);
            }
            changed();
        }

        @Override
        public void advance(long done, long failed) {
            tablesDone.addAndGet(done);
            if (forwardCounts) {
                task.advance(done, failed);
            }
            changed();
        }

        @Override
        public void message(String text) {
            message.set(text == null ? "" : text);
            task.message(text);
            changed();
        }

        @Override
        public void databaseListed(String database, long tables, long functions) {
            counters.put(database, new DatabaseCounters(database, tables, functions, false));
            newDatabases.add(database);
            databasesListed.incrementAndGet();
            tablesListed.addAndGet(tables);
            functionsListed.addAndGet(functions);
            changed();
        }

        @Override
        public void databaseFailed(String database, String error) {
            counters.put(database, new DatabaseCounters(database, 0, 0, true));
            newDatabases.add(database);
            databasesListed.incrementAndGet();
            newFailures.add(new LoadSummary.LoadFailure(database, error));
            changed();
        }

        @Override
        public void partitionsRead(String database, String table, long count) {
            partitions.addAndGet(count);
            DatabaseCounters db = counters.get(database);
            if (db != null) {
                db.partitions.addAndGet(count);
            }
            changed(database);
        }

        @Override
        public void tableLoaded(String database, String table, long partitionCount, boolean resumed) {
            DatabaseCounters db = counters.get(database);
            if (db != null) {
                db.tablesDone.incrementAndGet();
            }
            changed(database);
        }

        @Override
        public void tableFailed(String database, String table, String error) {
            DatabaseCounters db = counters.get(database);
            if (db != null) {
                db.tablesDone.incrementAndGet();
                db.failed.incrementAndGet();
            }
            newFailures.add(new LoadSummary.LoadFailure(database + "." + table, error));
            changed(database);
        }
    }
}
