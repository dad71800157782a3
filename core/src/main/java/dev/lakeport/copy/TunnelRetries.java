package dev.lakeport.copy;

import com.aliyun.odps.OdpsException;
import dev.failsafe.RetryPolicy;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Which Tunnel and SQL failures are worth another try: throttling (429), a service unavailable or failing (5xx), a
 * connection that broke. Anything else (a missing table, a refused value, bad credentials) fails at once.
 */
public final class TunnelRetries {
    /** Error codes of throttling and of a service that is busy or failing, as the Tunnel and the REST API name them. */
    private static final List<String> TRANSIENT_CODES = List.of(
            "flowexceeded",
            "serverbusy",
            "throttl",
            "slowdown",
            "internalservererror",
            "serviceunavailable",
            "unavailable");

    private TunnelRetries() {}

    /** Bounded attempts, exponential backoff with jitter; the earlier failures stay attached to the last. */
    public static RetryPolicy<Object> policy(int maxAttempts, Duration firstDelay, Duration maxDelay) {
        return RetryPolicy.builder()
                .handleIf(TunnelRetries::isTransient)
                .withMaxAttempts(maxAttempts)
                .withBackoff(firstDelay, maxDelay)
                .withJitter(0.2)
                .build();
    }

    public static RetryPolicy<Object> defaults() {
        return policy(6, Duration.ofSeconds(1), Duration.ofSeconds(60));
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof OdpsException odps) {
                Integer status = odps.getStatus();
                if (status != null && (status == 429 || status >= 500)) {
                    return true;
                }
                String code = String.valueOf(odps.getErrorCode()).toLowerCase(Locale.ROOT);
                if (TRANSIENT_CODES.stream().anyMatch(code::contains)) {
                    return true;
                }
                if (status != null) {
                    return false;
                }
            }
            if (t instanceof IOException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
