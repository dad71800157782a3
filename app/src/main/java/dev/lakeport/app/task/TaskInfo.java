package dev.lakeport.app.task;

import static java.util.Objects.requireNonNull;

import dev.lakeport.progress.CancellationToken;
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

/**
 * One running task as the window sees it: title, phase, counts, rate, ETA and state, as read-only properties that
 * change on the FX thread only. Worker threads report through {@link #scope()}, which only bumps counters; the
 * runner copies them into the properties at most once per FX pulse, so a million progress calls cost the window
 * nothing.
 */
public final class TaskInfo {
    public enum State {
        RUNNING,
        SUCCEEDED,
        FAILED,
        CANCELLED
    }

    /** Rate is measured over at least this long, so one fast batch does not make the figure jump. */
    private static final long RATE_WINDOW_NANOS = 500_000_000L;

    private final CancellationToken cancellation = new CancellationToken();
    private final LongSupplier nanoClock;
    private final Runnable requestRefresh;

    // Written by workers.
    private final AtomicReference<String> phaseValue = new AtomicReference<>("");
    private final AtomicReference<String> messageValue = new AtomicReference<>("");
    private final AtomicLong doneValue = new AtomicLong();
    private final AtomicLong failedValue = new AtomicLong();
    private final AtomicLong totalValue = new AtomicLong(-1);

    // Read by the window.
    private final ReadOnlyStringWrapper title;
    private final ReadOnlyStringWrapper phase = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyLongWrapper done = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper failed = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper total = new ReadOnlyLongWrapper(-1);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(-1);
    private final ReadOnlyDoubleWrapper rate = new ReadOnlyDoubleWrapper();
    private final ReadOnlyLongWrapper etaSeconds = new ReadOnlyLongWrapper(-1);
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.RUNNING);

    private long windowStartNanos;
    private long windowStartDone;
    private final long startNanos;

    private final TaskScope scope = new TaskScope() {
        @Override
        public CancellationToken cancellation() {
            return cancellation;
        }

        @Override
        public void phase(String name, long phaseTotal) {
            phaseValue.set(name);
            totalValue.set(phaseTotal);
            doneValue.set(0);
            failedValue.set(0);
            requestRefresh.run();
        }

        @Override
        public void advance(long doneCount, long failedCount) {
            doneValue.addAndGet(doneCount);
            failedValue.addAndGet(failedCount);
            requestRefresh.run();
        }

        @Override
        public void message(String text) {
            messageValue.set(text == null ? "" : text);
            requestRefresh.run();
        }
    };

    /**
     * @param requestRefresh asks the runner to call {@link #refresh()} on the FX thread soon; called from any thread
     */
    public TaskInfo(String title, LongSupplier nanoClock, Runnable requestRefresh) {
        this.title = new ReadOnlyStringWrapper(requireNonNull(title, "title is null"));
        this.nanoClock = requireNonNull(nanoClock, "nanoClock is null");
        this.requestRefresh = requireNonNull(requestRefresh, "requestRefresh is null");
        this.startNanos = nanoClock.getAsLong();
        this.windowStartNanos = startNanos;
    }

    /** What the work reports to. */
    public TaskScope scope() {
        return scope;
    }

    /** Asks the work to stop at its next check; the task then ends as {@link State#CANCELLED}. */
    public void cancel() {
        cancellation.cancel();
    }

    public boolean isCancelRequested() {
        return cancellation.isCancelled();
    }

    /** Copies the workers' counters into the properties and updates rate and ETA. FX thread only. */
    public void refresh() {
        String newPhase = phaseValue.get();
        if (!newPhase.equals(phase.get())) {
            phase.set(newPhase);
            windowStartNanos = nanoClock.getAsLong();
            windowStartDone = 0;
            rate.set(0);
        }
        message.set(messageValue.get());
        long d = doneValue.get();
        long t = totalValue.get();
        done.set(d);
        failed.set(failedValue.get());
        total.set(t);
        progress.set(t > 0 ? Math.min(1.0, (double) d / t) : -1);
        long now = nanoClock.getAsLong();
        long elapsed = now - windowStartNanos;
        if (elapsed >= RATE_WINDOW_NANOS) {
            double current = (d - windowStartDone) * 1e9 / elapsed;
            // Smooth the figure a little: the rate of one half second alone jumps with batch boundaries.
            rate.set(rate.get() == 0 ? current : 0.6 * current + 0.4 * rate.get());
            windowStartNanos = now;
            windowStartDone = d;
        }
        etaSeconds.set(t > 0 && rate.get() > 0 ? (long) Math.ceil((t - d) / rate.get()) : -1);
    }

    /** Marks the end of the task. FX thread only. */
    public void finish(State end) {
        refresh();
        state.set(requireNonNull(end, "end is null"));
        if (end == State.SUCCEEDED && total.get() > 0) {
            progress.set(1.0);
        }
        etaSeconds.set(-1);
    }

    public long elapsedNanos() {
        return nanoClock.getAsLong() - startNanos;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty doneProperty() {
        return done.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    /** 0..1, or -1 while the total is unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** Items per second in the current phase. */
    public ReadOnlyDoubleProperty rateProperty() {
        return rate.getReadOnlyProperty();
    }

    /** Seconds left in the current phase, or -1 when unknown. */
    public ReadOnlyLongProperty etaSecondsProperty() {
        return etaSeconds.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }
}
