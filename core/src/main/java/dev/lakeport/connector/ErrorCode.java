package dev.lakeport.connector;

/** What went wrong at a catalog, independent of the vendor's words for it. */
public enum ErrorCode {
    NOT_FOUND(ErrorKind.USER, false),
    ALREADY_EXISTS(ErrorKind.USER, false),
    INVALID_INPUT(ErrorKind.USER, false),
    ACCESS_DENIED(ErrorKind.USER, false),
    INVALID_CREDENTIALS(ErrorKind.USER, false),
    THROTTLED(ErrorKind.EXTERNAL, true),
    UNAVAILABLE(ErrorKind.EXTERNAL, true),
    TIMEOUT(ErrorKind.EXTERNAL, true),
    NETWORK(ErrorKind.EXTERNAL, true),
    /** The remote side refused for a reason that will not change on retry (e.g. a concurrent-modification verdict). */
    REMOTE_REJECTED(ErrorKind.EXTERNAL, false),
    INTERNAL(ErrorKind.INTERNAL, false);

    private final ErrorKind kind;
    private final boolean transientError;

    ErrorCode(ErrorKind kind, boolean transientError) {
        this.kind = kind;
        this.transientError = transientError;
    }

    public ErrorKind kind() {
        return kind;
    }

    /** Whether the same call may succeed if repeated later. */
    public boolean isTransient() {
        return transientError;
    }
}
