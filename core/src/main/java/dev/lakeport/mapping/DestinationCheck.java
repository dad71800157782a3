package dev.lakeport.mapping;

import static java.util.Objects.requireNonNull;

import dev.lakeport.model.Table;
import java.util.List;

/**
 * What a destination cannot take, found over the whole source before anything runs: limits of one table (names,
 * columns, partition levels and counts, partition values) and clashes between tables (two names that become one). Fed
 * every source table in scope with its partition count and values; each problem names its object. A run does not
 * start while there are problems.
 */
public interface DestinationCheck {

    /** One object the destination cannot take as it is. */
    record Problem(String object, String message) {
        public Problem {
            requireNonNull(object, "object is null");
            requireNonNull(message, "message is null");
        }

        @Override
        public String toString() {
            return object + ": " + message;
        }
    }

    /**
     * @param source a table as the source holds it
     * @param partitions how many partitions it has in scope
     * @param values those partitions' values (all of them, or as many as the caller can afford to pass)
     */
    void table(Table source, long partitions, Iterable<List<String>> values);

    /** Every problem found so far, in the order the tables came. */
    List<Problem> problems();

    /**
     * What the mapping needs to know about the tables fed so far, added to its inputs' facts (see {@link
     * CatalogMapping#learnsFromSource()}); empty for most destinations.
     */
    default java.util.Map<String, String> mappingFacts() {
        return java.util.Map.of();
    }
}
