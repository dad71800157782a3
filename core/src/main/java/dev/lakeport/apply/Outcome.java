package dev.lakeport.apply;

/** What happened to one planned item; decides the counts of a run and what goes to the failed-items file. */
public enum Outcome {
    /** Done (or, in a dry run, would be done). */
    SUCCEEDED,
    /** The catalog refused or kept failing; listed in the failed-items file. */
    FAILED,
    /** Left alone on purpose (a deletion while deletions are off); not a failure, not retried. */
    SKIPPED,
    /** Never dispatched because the run was cancelled; listed in the failed-items file so a re-run picks it up. */
    NOT_RUN;

    public boolean isSuccess() {
        return this == SUCCEEDED;
    }

    /** Whether a later "retry the failed items" run should take it. */
    public boolean isRetryable() {
        return this == FAILED || this == NOT_RUN;
    }
}
