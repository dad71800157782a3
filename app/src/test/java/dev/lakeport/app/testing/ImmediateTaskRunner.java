package dev.lakeport.app.testing;

import dev.lakeport.app.task.BackgroundTask;
import dev.lakeport.app.task.TaskInfo;
import dev.lakeport.app.task.TaskRunner;
import java.util.concurrent.CancellationException;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Runs work at once on the caller's thread, callbacks included: view-model tests need no FX thread and no waits. */
public final class ImmediateTaskRunner implements TaskRunner {
    private final ObservableList<TaskInfo> running = FXCollections.observableArrayList();
    private TaskInfo last;

    @Override
    public <T> BackgroundTask<T> task(String title, dev.lakeport.app.task.Work<T> work) {
        return new BackgroundTask<>(title, work, new BackgroundTask.Starter() {
            @Override
            public <V> TaskInfo start(BackgroundTask<V> task) {
                TaskInfo[] holder = new TaskInfo[1];
                TaskInfo info = new TaskInfo(task.title(), System::nanoTime, () -> {
                    if (holder[0] != null) {
                        holder[0].refresh();
                    }
                });
                holder[0] = info;
                last = info;
                running.add(info);
                task.fireRunning();
                try {
                    V value = task.work().run(info.scope());
                    running.remove(info);
                    info.finish(TaskInfo.State.SUCCEEDED);
                    task.fireSuccess(value);
                } catch (CancellationException e) {
                    running.remove(info);
                    info.finish(TaskInfo.State.CANCELLED);
                    task.fireCancelled();
                } catch (Exception e) {
                    running.remove(info);
                    info.finish(TaskInfo.State.FAILED);
                    task.fireFailure(e);
                } finally {
                    task.fireFinished();
                }
                return info;
            }
        });
    }

    @Override
    public ObservableList<TaskInfo> running() {
        return running;
    }

    @Override
    public void runOnFxThread(Runnable action) {
        action.run();
    }

    /** The task started last, to check its counts. */
    public TaskInfo last() {
        return last;
    }
}
