package dev.lakeport.launch;

/** Where a submitted job is: submitted → running → finished, failed or killed. */
public enum JobState {
    /** Handed to the cluster, not running yet (queued, starting its driver). */
    SUBMITTED,
    RUNNING,
    /** The driver ended normally; the summary tells whether items failed. */
    FINISHED,
    /** The driver ended with an error, or the cluster lost it. */
    FAILED,
    /** Cancelled by the user or killed on the cluster. */
    KILLED;

    public boolean isFinal() {
        return this == FINISHED || this == FAILED || this == KILLED;
    }
}
