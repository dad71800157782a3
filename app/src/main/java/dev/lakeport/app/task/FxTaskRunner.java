package dev.lakeport.app.task;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work on daemon worker threads through {@link javafx.concurrent.Task}, which delivers the outcome on the FX
 * thread. Progress is coalesced: however often workers report, the window refreshes a task at most once per pulse.
 * The only class of the app that calls {@link Platform#runLater}.
 */
public final class FxTaskRunner implements TaskRunner, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FxTaskRunner.class);

    private final ObservableList<TaskInfo> running = FXCollections.observableArrayList();
    private final ObservableList<TaskInfo> runningView = FXCollections.unmodifiableObservableList(running);
    private final ExecutorService workers;

    public FxTaskRunner() {
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "lakeport-task-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public <T> BackgroundTask<T> task(String title, Work<T> work) {
        return new BackgroundTask<>(title, work, this::start);
    }

    @Override
    public ObservableList<TaskInfo> running() {
        return runningView;
    }

    private <T> TaskInfo start(BackgroundTask<T> task) {
        AtomicBoolean refreshPending = new AtomicBoolean();
        TaskInfo[] holder = new TaskInfo[1];
        TaskInfo info = new TaskInfo(task.title(), System::nanoTime, () -> {
            if (refreshPending.compareAndSet(false, true)) {
                Platform.runLater(() -> {
                    refreshPending.set(false);
                    holder[0].refresh();
                });
            }
        });
        holder[0] = info;
        Task<T> fxTask = new Task<>() {
            @Override
            protected T call() throws Exception {
                return task.work().run(info.scope());
            }
        };
        fxTask.setOnRunning(e -> task.fireRunning());
        fxTask.setOnSucceeded(e -> {
            running.remove(info);
            info.finish(TaskInfo.State.SUCCEEDED);
            try {
                task.fireSuccess(fxTask.getValue());
            } finally {
                task.fireFinished();
            }
        });
        fxTask.setOnFailed(e -> {
            running.remove(info);
            Throwable error = fxTask.getException();
            boolean cancelled = isCancellation(error);
            info.finish(cancelled ? TaskInfo.State.CANCELLED : TaskInfo.State.FAILED);
            try {
                if (cancelled) {
                    task.fireCancelled();
                } else {
                    LOG.warn("task '{}' failed", task.title(), error);
                    task.fireFailure(error);
                }
            } finally {
                task.fireFinished();
            }
        });
        runOnFx(() -> running.add(info));
        workers.execute(fxTask);
        return info;
    }

    static boolean isCancellation(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (e instanceof CancellationException || e instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void runOnFxThread(Runnable action) {
        runOnFx(action);
    }

    private static void runOnFx(Runnable action) {
        if (Platform.isFxApplicationThread()) {
            action.run();
        } else {
            Platform.runLater(action);
        }
    }

    @Override
    public void close() {
        running.forEach(TaskInfo::cancel);
        workers.shutdownNow();
    }
}
