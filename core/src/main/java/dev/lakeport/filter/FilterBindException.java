package dev.lakeport.filter;

/**
 * A partition filter that parses but does not fit the table: it names a key the table lacks, or a literal is not a
 * value of the key's type (e.g. {@code year = 'abc'} for an {@code int} key).
 */
public class FilterBindException extends IllegalArgumentException {
    public FilterBindException(String message) {
        super(message);
    }
}
