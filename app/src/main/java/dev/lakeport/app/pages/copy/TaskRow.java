package dev.lakeport.app.pages.copy;

import static java.util.Objects.requireNonNull;

import dev.lakeport.apply.tasks.TaskCount;
import dev.lakeport.plan.tasks.JobTask;
import java.util.List;
import java.util.OptionalLong;

/**
 * A line of the task list: the stored task and what its last verification found (rows at the destination in the
 * partitions whose three counts agree, and how many partitions disagree).
 */
public record TaskRow(JobTask task, OptionalLong rowsVerified, long partitionsDisagreeing) {
    public TaskRow {
        requireNonNull(task, "task is null");
        requireNonNull(rowsVerified, "rowsVerified is null");
    }

    /** The task with its counts among {@code counts} (the job's, any task's). */
    public static TaskRow of(JobTask task, List<TaskCount> counts) {
        List<TaskCount> mine =
                counts.stream().filter(c -> c.taskId() == task.id()).toList();
        if (mine.isEmpty()) {
            return new TaskRow(task, OptionalLong.empty(), 0);
        }
        long verified = mine.stream()
                .filter(TaskCount::passed)
                .mapToLong(c -> c.counts().destination().orElse(0))
                .sum();
        return new TaskRow(
                task,
                OptionalLong.of(verified),
                mine.stream().filter(c -> !c.passed()).count());
    }

    /** The partitions the task covers, as the list shows them ({@code dt=...} values joined), or empty for a table. */
    public String partitions() {
        return String.join(
                ", ", task.partitions().stream().map(v -> String.join("/", v)).toList());
    }
}
