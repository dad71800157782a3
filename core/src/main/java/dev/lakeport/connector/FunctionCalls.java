package dev.lakeport.connector;

import java.util.Set;

/**
 * Some catalogs that speak an API lack its user-defined functions and fail every function call. When a function call
 * fails for a reason other than credentials, throttling or the network, the message says how to leave functions out.
 */
public final class FunctionCalls {
    private static final Set<ErrorCode> NOT_ABOUT_FUNCTIONS = Set.of(
            ErrorCode.INVALID_CREDENTIALS,
            ErrorCode.THROTTLED,
            ErrorCode.TIMEOUT,
            ErrorCode.NETWORK,
            ErrorCode.NOT_FOUND);

    static final String HINT = " (if this catalog has no user-defined functions, set lakeport.functions=false)";

    private FunctionCalls() {}

    /** {@code failure} of a function call, with the hint added where it may help. */
    public static ConnectorException explain(ConnectorException failure) {
        if (NOT_ABOUT_FUNCTIONS.contains(failure.code()) || failure.getMessage().endsWith(HINT)) {
            return failure;
        }
        return new ConnectorException(
                failure.code(), failure.vendorCode().orElse(null), failure.getMessage() + HINT, failure);
    }
}
