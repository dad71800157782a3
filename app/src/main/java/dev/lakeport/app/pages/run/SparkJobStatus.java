package dev.lakeport.app.pages.run;

import static java.util.Objects.requireNonNull;

import dev.lakeport.app.task.TaskRunner;
import dev.lakeport.launch.JobState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Spark job of the running or last run, when it ran as one, as the Run page shows it: its state on the cluster,
 * the cluster's application id, the run id, and the last lines of the driver log. Hears the job from any thread and
 * moves what it hears to the FX thread.
 */
final class SparkJobStatus implements JobWatcher {
    static final int MAX_LOG_LINES = 500;

    private final TaskRunner tasks;
    private final ReadOnlyObjectWrapper<JobState> jobState = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper applicationId = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper jobRunId = new ReadOnlyStringWrapper("");
    private final ObservableList<String> jobLog = FXCollections.observableArrayList();
    private final ObservableList<String> jobLogView = FXCollections.unmodifiableObservableList(jobLog);
    private final ConcurrentLinkedQueue<String> incomingLog = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean logDrainPending = new AtomicBoolean();

    SparkJobStatus(TaskRunner tasks) {
        this.tasks = requireNonNull(tasks, "tasks is null");
    }

    @Override
    public void submitted(String runId) {
        tasks.runOnFxThread(() -> jobRunId.set(runId));
    }

    @Override
    public void stateChanged(JobState state, Optional<String> appId) {
        tasks.runOnFxThread(() -> {
            jobState.set(state);
            appId.ifPresent(applicationId::set);
        });
    }

    @Override
    public void logLine(String line) {
        incomingLog.add(line);
        if (logDrainPending.compareAndSet(false, true)) {
            tasks.runOnFxThread(this::drainLog);
        }
    }

    private synchronized void drainLog() {
        logDrainPending.set(false);
        List<String> batch = new ArrayList<>();
        for (String line; (line = incomingLog.poll()) != null; ) {
            batch.add(line);
        }
        if (batch.size() > MAX_LOG_LINES) {
            batch = batch.subList(batch.size() - MAX_LOG_LINES, batch.size());
        }
        jobLog.addAll(batch);
        if (jobLog.size() > MAX_LOG_LINES) {
            jobLog.remove(0, jobLog.size() - MAX_LOG_LINES);
        }
    }

    /** A new run: nothing heard yet. */
    void clear() {
        jobState.set(null);
        applicationId.set("");
        jobRunId.set("");
        jobLog.clear();
        incomingLog.clear();
    }

    ReadOnlyObjectProperty<JobState> jobStateProperty() {
        return jobState.getReadOnlyProperty();
    }

    ReadOnlyStringProperty applicationIdProperty() {
        return applicationId.getReadOnlyProperty();
    }

    ReadOnlyStringProperty jobRunIdProperty() {
        return jobRunId.getReadOnlyProperty();
    }

    ObservableList<String> jobLog() {
        return jobLogView;
    }
}
