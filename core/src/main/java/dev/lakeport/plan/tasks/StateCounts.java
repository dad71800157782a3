package dev.lakeport.plan.tasks;

import java.util.Map;

/** How many of a job's tasks are in each state. */
public record StateCounts(long pending, long running, long succeeded, long failed) {
    public static final StateCounts NONE = new StateCounts(0, 0, 0, 0);

    public StateCounts {
        if (pending < 0 || running < 0 || succeeded < 0 || failed < 0) {
            throw new IllegalArgumentException("a count of tasks cannot be negative");
        }
    }

    public static StateCounts of(Map<TaskState, Long> counts) {
        return new StateCounts(
                counts.getOrDefault(TaskState.PENDING, 0L),
                counts.getOrDefault(TaskState.RUNNING, 0L),
                counts.getOrDefault(TaskState.SUCCEEDED, 0L),
                counts.getOrDefault(TaskState.FAILED, 0L));
    }

    public long get(TaskState state) {
        return switch (state) {
            case PENDING -> pending;
            case RUNNING -> running;
            case SUCCEEDED -> succeeded;
            case FAILED -> failed;
        };
    }

    public long total() {
        return pending + running + succeeded + failed;
    }

    /** Whether every task has run to its end, successfully or not. */
    public boolean isFinished() {
        return pending == 0 && running == 0;
    }

    @Override
    public String toString() {
        return pending + " pending, " + running + " running, " + succeeded + " succeeded, " + failed + " failed";
    }
}
