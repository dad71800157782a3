package dev.lakeport.emulator.dlf;

import static java.util.Objects.requireNonNull;

/** A DLF error as the service reports it: an HTTP status, an error code and a message. */
final class DlfException extends RuntimeException {
    /**
     * Metastore business errors (NoSuchObject, AlreadyExists, InvalidInput, InvalidObject) come back from DLF as HTTP
     * 200 with {@code Success=false}: DLF's API examples show these codes in the body, and the SDK then throws
     * nothing, which is why every caller must check {@code Success}.
     */
    static final int BUSINESS_STATUS = 200;

    private final int status;
    private final String code;

    DlfException(int status, String code, String message) {
        super(requireNonNull(message, "message is null"));
        this.status = status;
        this.code = requireNonNull(code, "code is null");
    }

    static DlfException noSuchObject(String message) {
        return new DlfException(BUSINESS_STATUS, "NoSuchObject", message);
    }

    static DlfException alreadyExists(String message) {
        return new DlfException(BUSINESS_STATUS, "AlreadyExists", message);
    }

    static DlfException invalidInput(String message) {
        return new DlfException(BUSINESS_STATUS, "InvalidInput", message);
    }

    static DlfException invalidObject(String message) {
        return new DlfException(BUSINESS_STATUS, "InvalidObject", message);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
