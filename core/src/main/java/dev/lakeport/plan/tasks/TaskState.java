package dev.lakeport.plan.tasks;

/** Where a task stands. A task runs only from PENDING; a FAILED one goes back to PENDING when retried. */
public enum TaskState {
    PENDING,
    RUNNING,
    SUCCEEDED,
    FAILED;

    public boolean isFinished() {
        return this == SUCCEEDED || this == FAILED;
    }
}
