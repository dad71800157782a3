package dev.lakeport.app.session;

import java.util.Map;

/**
 * Where a project's credentials live between sessions: never in the project file. The desktop uses the OS keyring
 * when there is one, else an encrypted vault; {@link #MEMORY} keeps them for the session only.
 */
public interface CredentialStore {
    /** Keeps nothing: credentials live as long as the window. */
    CredentialStore MEMORY = new CredentialStore() {
        @Override
        public Map<String, String> load(String projectId) {
            return Map.of();
        }

        @Override
        public void save(String projectId, Map<String, String> credentials) {}

        @Override
        public String describe() {
            return "memory";
        }
    };

    /** The credential settings ({@code aws.secretAccessKey=...}) stored for a project; empty if none. */
    Map<String, String> load(String projectId);

    /** Replaces the project's stored credentials with {@code credentials} (credential keys only). */
    void save(String projectId, Map<String, String> credentials);

    /** Where credentials go, in words for the Connections page. */
    String describe();

    /** Whether credentials wait in memory until the user unlocks an encrypted vault with a passphrase. */
    default boolean isLocked() {
        return false;
    }

    /** Whether the vault file exists already (unlocking opens it) or unlocking creates it. */
    default boolean vaultExists() {
        return false;
    }

    /** Opens or creates the vault; the passphrase is zeroed. Blocking. */
    default void unlock(char[] passphrase) {
        throw new UnsupportedOperationException("these credentials are not kept in a vault");
    }
}
