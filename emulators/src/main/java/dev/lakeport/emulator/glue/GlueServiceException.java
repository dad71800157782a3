package dev.lakeport.emulator.glue;

import static java.util.Objects.requireNonNull;

/**
 * A Glue service error as the wire reports it: the {@code __type} code, the message and the HTTP status. Thrown by
 * {@link GlueStore} and turned into an error response by {@link GlueEmulator}.
 */
public final class GlueServiceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String errorCode;
    private final int httpStatus;

    public GlueServiceException(String errorCode, int httpStatus, String message) {
        super(requireNonNull(message, "message is null"), null, false, false);
        this.errorCode = requireNonNull(errorCode, "errorCode is null");
        this.httpStatus = httpStatus;
    }

    public String errorCode() {
        return errorCode;
    }

    public int httpStatus() {
        return httpStatus;
    }

    static GlueServiceException notFound(String message) {
        return new GlueServiceException("EntityNotFoundException", 400, message);
    }

    static GlueServiceException alreadyExists(String message) {
        return new GlueServiceException("AlreadyExistsException", 400, message);
    }

    static GlueServiceException invalidInput(String message) {
        return new GlueServiceException("InvalidInputException", 400, message);
    }

    static GlueServiceException validation(String message) {
        return new GlueServiceException("ValidationException", 400, "1 validation error detected: " + message);
    }

    static GlueServiceException concurrentModification(String message) {
        return new GlueServiceException("ConcurrentModificationException", 400, message);
    }
}
