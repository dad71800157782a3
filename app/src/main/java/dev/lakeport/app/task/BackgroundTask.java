package dev.lakeport.app.task;

import static java.util.Objects.requireNonNull;

import java.util.function.Consumer;

/**
 * A piece of background work with its callbacks, built fluently:
 *
 * <pre>{@code
 * tasks.task("Load", scope -> migration.load(side, scope, scope.cancellation()))
 *      .onSuccess(summary -> ...)
 *      .onFailure(error -> dialogs.showError(...))
 *      .start();
 * }</pre>
 *
 * Every callback runs on the FX thread. {@code onFinished} runs last, whatever the outcome.
 */
public final class BackgroundTask<T> {
    private final String title;
    private final Work<T> work;
    private final Starter starter;
    private Runnable onRunning = () -> {};
    private Consumer<? super T> onSuccess = value -> {};
    private Consumer<Throwable> onFailure = error -> {};
    private Runnable onCancelled = () -> {};
    private Runnable onFinished = () -> {};

    /** How a runner starts a task; lets the runners share this builder. */
    public interface Starter {
        <T> TaskInfo start(BackgroundTask<T> task);
    }

    public BackgroundTask(String title, Work<T> work, Starter starter) {
        this.title = requireNonNull(title, "title is null");
        this.work = requireNonNull(work, "work is null");
        this.starter = requireNonNull(starter, "starter is null");
    }

    public BackgroundTask<T> onRunning(Runnable callback) {
        this.onRunning = requireNonNull(callback, "callback is null");
        return this;
    }

    public BackgroundTask<T> onSuccess(Consumer<? super T> callback) {
        this.onSuccess = requireNonNull(callback, "callback is null");
        return this;
    }

    /** Called for any failure except cancellation (see {@link #onCancelled}). */
    public BackgroundTask<T> onFailure(Consumer<Throwable> callback) {
        this.onFailure = requireNonNull(callback, "callback is null");
        return this;
    }

    public BackgroundTask<T> onCancelled(Runnable callback) {
        this.onCancelled = requireNonNull(callback, "callback is null");
        return this;
    }

    public BackgroundTask<T> onFinished(Runnable callback) {
        this.onFinished = requireNonNull(callback, "callback is null");
        return this;
    }

    /** Starts the work; the returned handle shows its progress and cancels it. */
    public TaskInfo start() {
        return starter.start(this);
    }

    public String title() {
        return title;
    }

    public Work<T> work() {
        return work;
    }

    public void fireRunning() {
        onRunning.run();
    }

    public void fireSuccess(T value) {
        onSuccess.accept(value);
    }

    public void fireFailure(Throwable error) {
        onFailure.accept(error);
    }

    public void fireCancelled() {
        onCancelled.run();
    }

    public void fireFinished() {
        onFinished.run();
    }
}
