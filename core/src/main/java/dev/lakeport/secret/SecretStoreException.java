package dev.lakeport.secret;

/** A secret store could not do what was asked. The message names the account or file, never a secret value. */
public class SecretStoreException extends RuntimeException {
    public SecretStoreException(String message) {
        super(message);
    }

    public SecretStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
