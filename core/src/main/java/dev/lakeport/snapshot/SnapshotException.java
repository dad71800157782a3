package dev.lakeport.snapshot;

/** The snapshot file cannot be used: not an H2 database, locked by another process, newer schema, or an I/O error. */
public class SnapshotException extends RuntimeException {
    public SnapshotException(String message) {
        super(message);
    }

    public SnapshotException(String message, Throwable cause) {
        super(message, cause);
    }
}
