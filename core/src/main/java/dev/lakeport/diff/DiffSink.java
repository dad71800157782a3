package dev.lakeport.diff;

/**
 * Receives diff entries as the merge finds them, in key order, so that a diff never holds the catalog in memory.
 * Called from one thread.
 */
@FunctionalInterface
public interface DiffSink {
    void accept(DiffEntry entry);
}
