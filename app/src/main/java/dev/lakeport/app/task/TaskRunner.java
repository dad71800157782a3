package dev.lakeport.app.task;

import javafx.collections.ObservableList;

/**
 * The one way the app runs work in the background. View models describe the work and what to do with its outcome;
 * the runner runs it off the FX thread and delivers every callback on the FX thread. Tests use a runner that runs
 * the work at once on the caller's thread.
 */
public interface TaskRunner {
    /** A task not started yet; add callbacks, then {@link BackgroundTask#start()}. */
    <T> BackgroundTask<T> task(String title, Work<T> work);

    /** The tasks running now, for the global task list. Changed on the FX thread only. */
    ObservableList<TaskInfo> running();

    /** Runs {@code action} on the FX thread (at once when already on it): for events that arrive from elsewhere. */
    void runOnFxThread(Runnable action);
}
