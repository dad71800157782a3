package dev.lakeport.app.pages.run;

import dev.lakeport.launch.JobState;
import java.util.Optional;

/**
 * What the Run page shows of a Spark job beyond the progress every run has: its state on the cluster, the cluster's
 * application id and the driver's log. Called from the launcher's threads; implementations hand over to the FX thread.
 */
public interface JobWatcher {
    JobWatcher NONE = new JobWatcher() {};

    default void submitted(String runId) {}

    default void stateChanged(JobState state, Optional<String> applicationId) {}

    default void logLine(String line) {}
}
