package dev.lakeport.pipeline;

/**
 * A stored diff run no longer describes the project: the configuration's mapping changed or a side was loaded again
 * after it was made. Applying it would write results computed from another state; nothing is written.
 */
public final class StaleDiffException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    StaleDiffException(long diffRunId, String reason) {
        super("diff run " + diffRunId + " is older than the configuration/snapshot (" + reason
                + "); run diff again, then apply. Nothing was changed.");
    }
}
