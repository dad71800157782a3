package dev.lakeport.localcopy;

/** A table's files cannot be read on this computer: an unknown format, a location that is not local, a bad file. */
public class UnreadableTableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnreadableTableException(String message) {
        super(message);
    }

    public UnreadableTableException(String message, Throwable cause) {
        super(message, cause);
    }
}
