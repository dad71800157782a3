package dev.lakeport.copy;

import com.aliyun.odps.OdpsException;
import dev.failsafe.RetryPolicy;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;

/**
 * Which Tunnel and SQL failures are worth another try: throttling (429), a service unavailable or failing (5xx), a
 * connection that broke. Anything else (a missing table, a refused value, bad credentials) fails at once.
 */
public final class TunnelRetries {
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
                if (status != null) {
                    return status == 429 || status >= 500;
                }
                String code = String.valueOf(odps.getErrorCode()).toLowerCase(Locale.ROOT);
                if (code.contains("throttl") || code.contains("unavailable") || code.contains("slowdown")) {
                    return true;
                }
                String message = String.valueOf(odps.getMessage()).toLowerCase(Locale.ROOT);
                if (message.contains("throttl") || message.contains("unavailable") || message.contains(" 429")) {
                    return true;
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
