package dev.lakeport.plan.tasks;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** One line of a task's log. */
public record TaskLogEntry(long taskId, Instant at, Level level, String message) {
    public enum Level {
        INFO,
        WARN,
        ERROR
    }

    public TaskLogEntry {
        requireNonNull(at, "at is null");
        requireNonNull(level, "level is null");
        requireNonNull(message, "message is null");
    }

    @Override
    public String toString() {
        return at + " " + level + " " + message;
    }
}
