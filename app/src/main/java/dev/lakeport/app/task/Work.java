package dev.lakeport.app.task;

/** Blocking work that runs off the FX thread; it reports progress to, and checks cancellation on, its scope. */
@FunctionalInterface
public interface Work<T> {
    T run(TaskScope scope) throws Exception;
}
