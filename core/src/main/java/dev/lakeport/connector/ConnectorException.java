package dev.lakeport.connector;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The only exception that leaves a connector. Vendor exceptions stop at the connector and become one of these, with
 * the vendor's own error code kept for the report.
 */
public class ConnectorException extends RuntimeException {
    private final ErrorCode code;
    private final String vendorCode;

    public ConnectorException(ErrorCode code, String message) {
        this(code, null, message, null);
    }

    public ConnectorException(ErrorCode code, String vendorCode, String message, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.code = requireNonNull(code, "code is null");
        this.vendorCode = vendorCode;
    }

    public ErrorCode code() {
        return code;
    }

    public ErrorKind kind() {
        return code.kind();
    }

    public boolean isTransient() {
        return code.isTransient();
    }

    /** The vendor's error code, e.g. {@code EntityNotFoundException} or {@code NoSuchObject}. */
    public Optional<String> vendorCode() {
        return Optional.ofNullable(vendorCode);
    }

    /** One line for a result log: {@code CODE (vendorCode): message}. */
    public String summary() {
        return code + vendorCode().map(v -> " (" + v + ")").orElse("") + ": " + getMessage();
    }
}
