package dev.lakeport.secret;

import static java.util.Objects.requireNonNull;

/**
 * A credential value. It never prints itself: {@code toString()} is a mask, so a secret that slips into a log line,
 * an exception message or a report shows up as {@code ****}. Only {@link #reveal()} gives the value, for the one
 * call that hands it to an SDK.
 */
public final class Secret {
    public static final String MASK = "****";

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        requireNonNull(value, "value is null");
        return new Secret(value);
    }

    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public String toString() {
        return MASK;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other
                && java.security.MessageDigest.isEqual(
                        value.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        other.value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
