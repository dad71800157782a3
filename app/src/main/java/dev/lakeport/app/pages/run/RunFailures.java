package dev.lakeport.app.pages.run;

import static java.util.Objects.requireNonNull;

import dev.lakeport.app.task.TaskRunner;
import dev.lakeport.apply.Outcome;
import dev.lakeport.apply.ResultRecord;
import dev.lakeport.apply.StoredResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The failed and not-run items of the running or last run. The run's recording threads hand each record over quickly
 * and thread-safely; the FX thread takes them in batches into a list of at most
 * {@link RunViewModel#MAX_LISTED_FAILURES}, while the counts keep counting.
 */
final class RunFailures {
    private final TaskRunner tasks;
    private final ObservableList<ResultRecord> failures = FXCollections.observableArrayList();
    private final ObservableList<ResultRecord> failuresView = FXCollections.unmodifiableObservableList(failures);
    private final ReadOnlyLongWrapper failureCount = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper notRunCount = new ReadOnlyLongWrapper();

    // Written by the run's recording threads, drained on the FX thread.
    private final ConcurrentLinkedQueue<ResultRecord> incomingFailures = new ConcurrentLinkedQueue<>();
    private final AtomicLong incomingFailed = new AtomicLong();
    private final AtomicLong incomingNotRun = new AtomicLong();
    private final AtomicBoolean drainPending = new AtomicBoolean();

    RunFailures(TaskRunner tasks) {
        this.tasks = requireNonNull(tasks, "tasks is null");
    }

    /** Called by the recording threads of the run: quick, thread-safe, hands the record to the FX thread. */
    void recorded(StoredResult result) {
        if (result.outcome() == Outcome.FAILED) {
            incomingFailed.incrementAndGet();
            incomingFailures.add(result.record());
        } else if (result.outcome() == Outcome.NOT_RUN) {
            incomingNotRun.incrementAndGet();
        } else {
            return;
        }
        if (drainPending.compareAndSet(false, true)) {
            tasks.runOnFxThread(this::drain);
        }
    }

    /** Moves the failures recorded so far into the list. FX thread (synchronized: test runners call it inline). */
    synchronized void drain() {
        drainPending.set(false);
        List<ResultRecord> batch = new ArrayList<>();
        for (ResultRecord r; (r = incomingFailures.poll()) != null; ) {
            if (failures.size() + batch.size() < RunViewModel.MAX_LISTED_FAILURES) {
                batch.add(r);
            }
        }
        if (!batch.isEmpty()) {
            failures.addAll(batch);
        }
        failureCount.set(incomingFailed.get());
        notRunCount.set(incomingNotRun.get());
    }

    /** Shows no failures (another diff was chosen). */
    void clearShown() {
        failures.clear();
        failureCount.set(0);
        notRunCount.set(0);
    }

    /** A new run: nothing recorded yet. */
    void clear() {
        clearShown();
        incomingFailures.clear();
        incomingFailed.set(0);
        incomingNotRun.set(0);
    }

    ObservableList<ResultRecord> failures() {
        return failuresView;
    }

    ReadOnlyLongProperty failureCountProperty() {
        return failureCount.getReadOnlyProperty();
    }

    ReadOnlyLongProperty notRunCountProperty() {
        return notRunCount.getReadOnlyProperty();
    }
}
