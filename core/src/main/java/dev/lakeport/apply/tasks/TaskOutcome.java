package dev.lakeport.apply.tasks;

import static java.util.Objects.requireNonNull;

/** How a task's attempt ended, with a line for its log (e.g. "copied 1,204 rows in 3 partitions"). */
public record TaskOutcome(boolean succeeded, String summary) {
    public TaskOutcome {
        requireNonNull(summary, "summary is null");
    }

    public static TaskOutcome succeeded(String summary) {
        return new TaskOutcome(true, summary);
    }

    public static TaskOutcome failed(String error) {
        return new TaskOutcome(false, error);
    }
}
