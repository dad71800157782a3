package dev.lakeport.mapping;

import static java.util.Objects.requireNonNull;

/** A mapping setting (such as {@code location.convertMap}) that cannot be used; the message names the key. */
public class InvalidMappingException extends IllegalArgumentException {
    private final String key;
    private final String problem;

    public InvalidMappingException(String key, String problem) {
        super(requireNonNull(key, "key is null") + ": " + requireNonNull(problem, "problem is null"));
        this.key = key;
        this.problem = problem;
    }

    /** The setting at fault, e.g. {@code location.convertMap}. */
    public String key() {
        return key;
    }

    /** What is wrong, without the key. */
    public String problem() {
        return problem;
    }
}
