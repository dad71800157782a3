package dev.lakeport.progress;

import java.util.concurrent.CancellationException;

/** Checked by long-running work between pages and batches; the user's Cancel sets it. */
public final class CancellationToken {
    public static final CancellationToken NONE = new CancellationToken();

    private volatile boolean cancelled;

    public void cancel() {
        if (this == NONE) {
            throw new IllegalStateException("the NONE token cannot be cancelled");
        }
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Throws {@link CancellationException} if cancelled. */
    public void check() {
        if (cancelled) {
            throw new CancellationException("cancelled");
        }
    }
}
