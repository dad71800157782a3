package dev.lakeport.launch;

/** A job could not be submitted or followed; the message says what is wrong and where. */
public class JobException extends RuntimeException {
    public JobException(String message) {
        super(message);
    }

    public JobException(String message, Throwable cause) {
        super(message, cause);
    }
}
