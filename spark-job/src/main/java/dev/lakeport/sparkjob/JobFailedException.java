package dev.lakeport.sparkjob;

/** The run ended with an error (its summary says which); thrown from main so that Spark marks the application FAILED. */
public final class JobFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JobFailedException(String message) {
        super(message);
    }
}
