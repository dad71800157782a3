package dev.lakeport.apply;

/**
 * Hears every record of a run as it is written, so a window can list failures while the run goes on instead of after
 * it. Called from the threads that record (many at once): implementations must be thread-safe and quick, and should
 * hand the record to another thread rather than work on it. An exception thrown here is logged and ignored: watching
 * a run never stops it.
 */
@FunctionalInterface
public interface ResultListener {
    ResultListener NONE = result -> {};

    void recorded(StoredResult result);
}
