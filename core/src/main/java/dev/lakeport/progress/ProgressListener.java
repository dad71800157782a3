package dev.lakeport.progress;

/**
 * Receives progress of long work. Implementations must be thread-safe and cheap: they are called from worker threads,
 * often. {@code total} is -1 when unknown.
 */
public interface ProgressListener {
    ProgressListener NONE = new ProgressListener() {};

    /** A named phase begins (e.g. "load source", "apply"). */
    default void phase(String name, long total) {}

    /** {@code done} more items finished ({@code failed} of them failed). */
    default void advance(long done, long failed) {}

    /** A human-readable status line (e.g. the table being read). */
    default void message(String text) {}
}
