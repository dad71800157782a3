package dev.lakeport.copy;

/**
 * A data copy that cannot go on: a value a destination column cannot hold, a session the Tunnel refused, a count
 * that could not be read. The message names the table, the partition and, for a value, the column and the value.
 */
public class CopyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CopyException(String message) {
        super(message);
    }

    public CopyException(String message, Throwable cause) {
        super(message, cause);
    }
}
