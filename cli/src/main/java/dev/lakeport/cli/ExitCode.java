package dev.lakeport.cli;

/** Exit codes of the command line, documented in the README. */
final class ExitCode {
    static final int OK = 0;
    /** The run finished but some objects failed; the result log lists them. */
    static final int ITEMS_FAILED = 1;
    /** Bad input: configuration, options, filters, a corrupt project. Nothing was changed. */
    static final int BAD_INPUT = 2;
    /** A catalog refused us: wrong credentials, missing permission, unknown object. */
    static final int CATALOG_REFUSED = 3;
    /** A catalog, or another server the user named (Livy), could not be reached or kept failing: network, throttling, 5xx. */
    static final int CATALOG_UNAVAILABLE = 4;
    /** The Spark job could not be submitted or failed on the cluster (its error is printed). */
    static final int JOB_FAILED = 5;
    /** The disk holding the project is full; the project is kept as of the last completed step (sysexits EX_IOERR). */
    static final int DISK_FULL = 74;
    /** Cancelled by the user (Ctrl-C). */
    static final int CANCELLED = 130;
    /** A defect in Lakeport. */
    static final int INTERNAL = 70;

    private ExitCode() {}

    /**
     * The exit code of a load that could not read everything: 3 when a catalog refused (credentials, permission), 4
     * when it was unreachable or kept failing (network, throttling, 5xx), else 1.
     */
    static int ofLoadFailures(java.util.List<dev.lakeport.load.LoadSummary.LoadFailure> failures) {
        boolean refused = failures.stream().anyMatch(f -> f.code()
                .filter(c -> c == dev.lakeport.connector.ErrorCode.INVALID_CREDENTIALS
                        || c == dev.lakeport.connector.ErrorCode.ACCESS_DENIED)
                .isPresent());
        if (refused) {
            return CATALOG_REFUSED;
        }
        boolean unavailable = failures.stream().anyMatch(f -> f.code()
                .filter(c -> c.kind() == dev.lakeport.connector.ErrorKind.EXTERNAL)
                .isPresent());
        return unavailable ? CATALOG_UNAVAILABLE : ITEMS_FAILED;
    }
}
