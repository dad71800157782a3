package dev.lakeport.secret;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * The encrypted vault could not be created, opened or written. The message says what is wrong and which file; it
 * never holds a passphrase or a secret. {@link #reason()} lets the app react, e.g. ask again after
 * {@link Reason#WRONG_PASSPHRASE}.
 */
public final class VaultException extends SecretStoreException {
    public enum Reason {
        /** {@code open} found no file. */
        NOT_FOUND,
        /** {@code create} found a file already there. */
        ALREADY_EXISTS,
        /** The passphrase does not unlock the vault. */
        WRONG_PASSPHRASE,
        /** The file is not a vault, was cut short, or was altered. */
        DAMAGED,
        /** The file system refused (permissions, disk full, ...). */
        IO,
        /** The user gave no passphrase. */
        CANCELLED,
        /** The vault was closed. */
        CLOSED
    }

    private final Reason reason;
    private final Path file;

    public VaultException(Reason reason, Path file, String message) {
        this(reason, file, message, null);
    }

    public VaultException(Reason reason, Path file, String message, Throwable cause) {
        super(message, cause);
        this.reason = requireNonNull(reason, "reason is null");
        this.file = file;
    }

    public Reason reason() {
        return reason;
    }

    /** The vault file concerned. */
    public Path file() {
        return file;
    }
}
