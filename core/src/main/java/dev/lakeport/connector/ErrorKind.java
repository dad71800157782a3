package dev.lakeport.connector;

/** Who is to blame for a failure, which decides what the user is told and whether to retry. */
public enum ErrorKind {
    /** Bad input, bad credentials, missing permission: retrying cannot help; the user must act. */
    USER,
    /** The remote side: throttling, network, 5xx, timeouts. Transient ones are retried. */
    EXTERNAL,
    /** A defect of ours. */
    INTERNAL
}
