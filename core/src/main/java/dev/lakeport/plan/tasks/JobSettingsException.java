package dev.lakeport.plan.tasks;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Job settings that cannot be used. It lists every problem, each as {@code <key>: '<value>' <problem>}, so a user fixes
 * them in one go.
 */
public final class JobSettingsException extends IllegalArgumentException {
    /** One setting that is wrong: its key, the value as given and what is wrong with it. */
    public record Problem(String key, String value, String problem) {
        public Problem {
            requireNonNull(key, "key is null");
            requireNonNull(value, "value is null");
            requireNonNull(problem, "problem is null");
        }

        @Override
        public String toString() {
            return key + ": '" + value + "' " + problem;
        }
    }

    private final List<Problem> problems;

    public JobSettingsException(List<Problem> problems) {
        super(format(problems));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String format(List<Problem> problems) {
        StringBuilder sb = new StringBuilder("the job settings have ")
                .append(problems.size())
                .append(problems.size() == 1 ? " problem:" : " problems:");
        problems.forEach(p -> sb.append("\n  ").append(p));
        return sb.toString();
    }
}
