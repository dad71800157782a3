package dev.lakeport.app.pages.run;

import static java.util.Objects.requireNonNull;

import dev.lakeport.app.i18n.Messages;
import dev.lakeport.app.task.TaskInfo;
import dev.lakeport.apply.Executor;
import dev.lakeport.apply.RunSummary;
import dev.lakeport.pipeline.ApplyOutcome;
import java.time.Duration;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The live figures of a run in the user's words: phase, counts, rate, time left and the progress bar while it runs,
 * a summary once it ended, and the throughput chart (objects finished per second, at most
 * {@link RunViewModel#MAX_SAMPLES} points).
 */
final class RunFigures {
    private final Messages messages;
    private final ReadOnlyStringWrapper phase = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper counts = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper rate = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper eta = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ObservableList<ThroughputSample> throughput = FXCollections.observableArrayList();
    private final ObservableList<ThroughputSample> throughputView =
            FXCollections.unmodifiableObservableList(throughput);

    private String samplePhase = "";
    private long sampleDone;
    private double sampleSeconds;

    RunFigures(Messages messages) {
        this.messages = requireNonNull(messages, "messages is null");
    }

    /** Shows a running task's figures; {@code busy} runs show an endless bar while the total is unknown. */
    void showProgress(TaskInfo info, boolean busy) {
        phase.set(phaseName(info.phaseProperty().get()));
        long done = info.doneProperty().get();
        long total = info.totalProperty().get();
        long failed = info.failedProperty().get();
        counts.set(
                total >= 0
                        ? messages.get("run.progress.counts", done, total, failed)
                        : messages.get("run.progress.countsOpen", done, failed));
        double p = info.progressProperty().get();
        progress.set(p < 0 ? (busy ? -1 : 0) : p);
        rate.set(
                messages.get("run.progress.rate", Math.round(info.rateProperty().get())));
        long seconds = info.etaSecondsProperty().get();
        eta.set(
                seconds < 0
                        ? messages.get("run.progress.etaUnknown")
                        : messages.get("run.progress.eta", Durations.format(Duration.ofSeconds(seconds), messages)));
    }

    /** Once a run ended, the progress line sums it up instead of showing its last phase. */
    void showFinalFigures(ApplyOutcome result) {
        RunSummary summary = result.summary();
        RunSummary.Counts totals = summary.totals();
        long all = totals.total();
        long done = totals.attempted();
        phase.set(summary.cancelled() ? messages.get("run.phase.cancelled") : messages.get("run.phase.finished"));
        counts.set(messages.get("run.progress.counts", done, all, totals.failed()));
        double seconds = Math.max(0.001, summary.duration().toMillis() / 1000.0);
        rate.set(messages.get("run.progress.average", Math.round(done / seconds)));
        eta.set(messages.get("run.progress.took", Durations.format(summary.duration(), messages)));
        progress.set(all == 0 ? 1 : (double) done / all);
    }

    /** No endless "working" bar on a run that stopped. */
    void stopEndlessBar() {
        if (progress.get() < 0) {
            progress.set(0);
        }
    }

    /** The engine's phase names in the user's words. */
    String phaseName(String engineName) {
        if (engineName == null || engineName.isEmpty()) {
            return "";
        }
        if (engineName.equals(Executor.PHASE_WRITE)) {
            return messages.get("run.phase.write");
        }
        if (engineName.equals(Executor.PHASE_DELETE)) {
            return messages.get("run.phase.delete");
        }
        if (engineName.equals("load destination")) {
            return messages.get("run.phase.load");
        }
        if (engineName.equals("diff")) {
            return messages.get("run.phase.diff");
        }
        if (engineName.startsWith("fingerprint")) {
            return messages.get("run.phase.fingerprint");
        }
        return engineName;
    }

    /** Adds a point to the throughput chart: objects finished per second since the last point. */
    void sampleThroughput(TaskInfo info) {
        double seconds = info.elapsedNanos() / 1e9;
        String currentPhase = info.phaseProperty().get();
        long done = info.doneProperty().get();
        // A new phase starts counting from zero.
        long finished = currentPhase.equals(samplePhase) ? done - sampleDone : done;
        double elapsed = seconds - sampleSeconds;
        if (elapsed <= 0) {
            return;
        }
        if (throughput.isEmpty()) {
            throughput.add(new ThroughputSample(0, 0)); // the line starts at the origin, however short the run
        }
        throughput.add(new ThroughputSample(seconds, Math.max(0, finished) / elapsed));
        if (throughput.size() > RunViewModel.MAX_SAMPLES) {
            throughput.remove(0, throughput.size() - RunViewModel.MAX_SAMPLES);
        }
        samplePhase = currentPhase;
        sampleDone = done;
        sampleSeconds = seconds;
    }

    /** Another diff was chosen: its chart starts empty. */
    void clearThroughput() {
        throughput.clear();
    }

    /** A new run: no figures yet. */
    void clear() {
        throughput.clear();
        phase.set("");
        counts.set("");
        rate.set("");
        eta.set("");
        progress.set(0);
        samplePhase = "";
        sampleDone = 0;
        sampleSeconds = 0;
    }

    ReadOnlyStringProperty phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    ReadOnlyStringProperty countsProperty() {
        return counts.getReadOnlyProperty();
    }

    ReadOnlyStringProperty rateProperty() {
        return rate.getReadOnlyProperty();
    }

    ReadOnlyStringProperty etaProperty() {
        return eta.getReadOnlyProperty();
    }

    ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    ObservableList<ThroughputSample> throughput() {
        return throughputView;
    }
}
