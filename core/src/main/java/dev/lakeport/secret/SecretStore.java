package dev.lakeport.secret;

import java.util.Optional;

/**
 * Where the desktop app keeps credentials, away from the project file: the OS keyring where one works
 * ({@link OsKeyringSecretStore}), else an {@link EncryptedVault} under a passphrase. {@link SecretStores} chooses.
 *
 * <p>An account names one secret, e.g. {@code <projectId>/aws.secretAccessKey} (see {@link dev.lakeport.config.ProjectCredentials}); the
 * store files it under the service {@value #SERVICE}. Account names are not secret (the OS keyring shows them to the
 * user), but the vault encrypts them along with the values. Failures throw {@link SecretStoreException}, whose
 * messages never hold a secret value.
 */
public interface SecretStore extends AutoCloseable {
    /** The service name under which every secret is filed in the OS keyring. */
    String SERVICE = "Lakeport";

    /** Where the secrets go, for the UI and for decisions that depend on it. */
    enum Kind {
        OS_KEYRING,
        ENCRYPTED_VAULT
    }

    /** The secret stored under {@code account}, or empty if there is none. */
    Optional<Secret> get(String account);

    /** Stores {@code value} under {@code account}, replacing any previous value. */
    void put(String account, Secret value);

    /** Removes the secret under {@code account}; nothing happens if there is none. */
    void delete(String account);

    Kind kind();

    /**
     * Where the secrets go, in words for the UI: {@code OS keyring (Secret Service)}, {@code Encrypted vault at
     * /home/me/.local/share/lakeport/vault.json}.
     */
    String describe();

    /** Releases what the store holds (a D-Bus connection, the vault's key); the store is unusable afterwards. */
    @Override
    default void close() {}
}
