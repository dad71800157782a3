package dev.lakeport.pipeline;

import dev.lakeport.mapping.DestinationCheck;
import java.util.List;

/**
 * The destination cannot take part of the source as it is (a name, a type, a limit, two names that become one): the
 * run does not start, and every problem names its object.
 */
public final class DestinationProblemsException extends RuntimeException {
    private static final int SHOWN = 20;
    private final transient List<DestinationCheck.Problem> problems;

    public DestinationProblemsException(String destination, List<DestinationCheck.Problem> problems) {
        super(message(destination, problems));
        this.problems = List.copyOf(problems);
    }

    public List<DestinationCheck.Problem> problems() {
        return problems;
    }

    private static String message(String destination, List<DestinationCheck.Problem> problems) {
        StringBuilder sb = new StringBuilder()
                .append(problems.size())
                .append(problems.size() == 1 ? " object" : " objects")
                .append(" cannot be created in ")
                .append(destination)
                .append(" as they are; nothing was written:");
        problems.stream()
                .limit(SHOWN)
                .forEach(p -> sb.append(System.lineSeparator()).append("  ").append(p));
        if (problems.size() > SHOWN) {
            sb.append(System.lineSeparator())
                    .append("  … and ")
                    .append(problems.size() - SHOWN)
                    .append(" more");
        }
        return sb.toString();
    }
}
