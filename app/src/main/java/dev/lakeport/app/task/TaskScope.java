package dev.lakeport.app.task;

import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;

/**
 * What running work sees of its task: a {@link ProgressListener} to hand to core (phase, items done and failed, a
 * status line) and the cancellation token the user's Cancel sets.
 */
public interface TaskScope extends ProgressListener {
    CancellationToken cancellation();
}
