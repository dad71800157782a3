package dev.lakeport.config;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A configuration that cannot be used. It holds every problem found, not only the first, so a user fixes the file in
 * one go; the message lists each as {@code <key>: <problem>}.
 */
public class ConfigException extends RuntimeException {
    private final String source;
    private final List<ConfigProblem> problems;

    public ConfigException(String source, List<ConfigProblem> problems) {
        super(format(source, problems));
        this.source = requireNonNull(source, "source is null");
        this.problems = List.copyOf(problems);
    }

    /** Where the settings came from, e.g. the file name. */
    public String source() {
        return source;
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String format(String source, List<ConfigProblem> problems) {
        StringBuilder sb = new StringBuilder();
        sb.append(source)
                .append(" has ")
                .append(problems.size())
                .append(problems.size() == 1 ? " problem:" : " problems:");
        for (ConfigProblem p : problems) {
            sb.append("\n  ").append(p.key()).append(": ").append(p.problem().replace("\n", "\n    "));
        }
        return sb.toString();
    }
}
