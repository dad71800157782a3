package dev.lakeport.connector;

import static java.util.Objects.requireNonNull;

import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A page or batch size that a server may hold lower than the API allows. It starts at the configured size; when a
 * call is refused because the size is too large ({@link ErrorCode#INVALID_INPUT} with a message about a size or a
 * limit), it drops to the limit the message names, or else to half of what was tried, never below 1. The lowered
 * value holds for the rest of the connection's life (shared by its readers and writers, across threads) and each
 * change is logged once.
 */
public final class AdaptiveSize {
    private static final Logger LOG = LoggerFactory.getLogger(AdaptiveSize.class);

    /** Words servers use when a request is larger than they accept. */
    private static final Pattern SIZE_ERROR = Pattern.compile(
            "(?i)page ?size|maxresults|max_results|batch|at most|less than or equal|too (many|large)|exceed|maximum"
                    + "|limit|length");
    /** A number the message names as the limit. */
    private static final Pattern NAMED_LIMIT = Pattern.compile(
            "(?i)(?:at most|less than or equal to|no more than|not exceed(?:ing)?|maximum(?: is| of)?|max(?:imum)?"
                    + " ?[:=]|limit(?: is| of)?|up to|between \\d+ and)\\s*(\\d{1,9})");

    private final String what;
    private final AtomicInteger size;

    /**
     * @param what names the size in the log, e.g. {@code "DLF partition batch size"}
     * @param initial the configured size
     */
    public AdaptiveSize(String what, int initial) {
        this.what = requireNonNull(what, "what is null");
        if (initial < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, got " + initial);
        }
        this.size = new AtomicInteger(initial);
    }

    public int get() {
        return size.get();
    }

    /** The current size, but no more than {@code apiMaximum} (an operation whose own limit is lower). */
    public int atMost(int apiMaximum) {
        return Math.min(size.get(), apiMaximum);
    }

    /**
     * Lowers the size if {@code error} says that {@code tried} was too large.
     *
     * @return true if the call should be made again with {@link #get()} (now lower than {@code tried})
     */
    public boolean lowerAfter(ConnectorException error, int tried) {
        requireNonNull(error, "error is null");
        if (!isSizeError(error) || tried <= 1) {
            return false;
        }
        int named = namedLimit(error.getMessage(), tried).orElse(Math.max(1, tried / 2));
        int before = size.getAndAccumulate(named, Math::min);
        if (named < before) {
            LOG.warn("{}: the server refused {} ({}); using {} from now on", what, tried, error.getMessage(), named);
        }
        return size.get() < tried;
    }

    static boolean isSizeError(ConnectorException error) {
        return error.code() == ErrorCode.INVALID_INPUT
                && SIZE_ERROR.matcher(error.getMessage()).find();
    }

    /** The smallest positive number below {@code tried} that the message names as a limit. */
    static OptionalInt namedLimit(String message, int tried) {
        Matcher m = NAMED_LIMIT.matcher(message);
        int best = Integer.MAX_VALUE;
        while (m.find()) {
            try {
                int n = Integer.parseInt(m.group(1));
                if (n >= 1 && n < tried) {
                    best = Math.min(best, n);
                }
            } catch (NumberFormatException e) {
                // not a size
            }
        }
        return best == Integer.MAX_VALUE ? OptionalInt.empty() : OptionalInt.of(best);
    }

    @Override
    public String toString() {
        return what + "=" + size.get();
    }
}
