package dev.lakeport.plan.tasks;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What a job copies: the tables' metadata, their data, or both (metadata always first). */
public enum JobMode {
    METADATA(List.of(TaskStep.METADATA)),
    DATA(List.of(TaskStep.DATA)),
    BOTH(List.of(TaskStep.METADATA, TaskStep.DATA));

    private final List<TaskStep> steps;

    JobMode(List<TaskStep> steps) {
        this.steps = steps;
    }

    /** The steps each task of a job in this mode runs, in order. */
    public List<TaskStep> steps() {
        return steps;
    }

    /** The word a user writes in the settings ({@code metadata}, {@code data}, {@code both}). */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<JobMode> fromWord(String word) {
        for (JobMode m : values()) {
            if (m.word().equalsIgnoreCase(word.strip())) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
