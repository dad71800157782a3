package dev.lakeport.apply;

/** What happened to one planned item; decides the counts of a run and what goes to the failed-items file. */
public enum Outcome {
    /** Done (or, in a dry run, would be done). */
    SUCCEEDED,
    /** The catalog refused or kept failing; listed in the failed-items file. */
    FAILED,
    /** Left alone on purpose (a deletion while deletions are off); not a failure, not retried. */
    SKIPPED,
    /**
     * Never dispatched because the run was cancelled: not a failure and not in the failed-items file; running the same
     * diff again (or resuming the run) does it.
     */
    NOT_RUN;

    public boolean isSuccess() {
        return this == SUCCEEDED;
    }

    /** Whether a later run that resumes this one should take it: what failed and what never ran. */
    public boolean isRetryable() {
        return this == FAILED || this == NOT_RUN;
    }

    /** Whether it goes to the failed-items file: only what was tried and failed. */
    public boolean isFailure() {
        return this == FAILED;
    }
}
