package dev.lakeport.app.session;

import static java.util.Objects.requireNonNull;

import dev.lakeport.config.ProjectCredentials;
import dev.lakeport.secret.EncryptedVault;
import dev.lakeport.secret.Secret;
import dev.lakeport.secret.SecretStore;
import dev.lakeport.secret.SecretStores;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Credentials in the OS keyring when one works, else in an encrypted vault the user unlocks with a passphrase.
 * Until the vault is unlocked, credentials live in memory only (for this window) and are written to the vault on
 * unlock; nothing ever goes to disk in plain text. Thread-safe: the session calls it from background tasks.
 */
public final class SecureCredentialStore implements CredentialStore, AutoCloseable {
    private final Path vaultFile;
    private final Map<String, Map<String, String>> pending = new ConcurrentHashMap<>();
    private volatile SecretStore store;

    public SecureCredentialStore(Path vaultFile) {
        this.vaultFile = requireNonNull(vaultFile, "vaultFile is null");
    }

    /** Looks for an OS keyring (bounded: about a second and a half) and uses it if one works. Blocking. */
    public boolean useKeyringIfAvailable() {
        Optional<? extends SecretStore> keyring = SecretStores.keyring();
        keyring.ifPresent(this::use);
        return keyring.isPresent();
    }

    /** Whether credentials are kept only in memory until the user unlocks the vault. */
    @Override
    public boolean isLocked() {
        return store == null;
    }

    @Override
    public boolean vaultExists() {
        return EncryptedVault.exists(vaultFile);
    }

    public Path vaultFile() {
        return vaultFile;
    }

    /**
     * Opens the vault (creating it when there is none) with {@code passphrase}, which is zeroed afterwards, and
     * writes the credentials held in memory so far into it. Blocking; throws {@code VaultException} on a wrong
     * passphrase or a damaged file, changing nothing.
     */
    @Override
    public void unlock(char[] passphrase) {
        EncryptedVault vault = vaultExists()
                ? EncryptedVault.open(vaultFile, passphrase)
                : EncryptedVault.create(vaultFile, passphrase);
        use(vault);
    }

    private synchronized void use(SecretStore opened) {
        SecretStore previous = store;
        store = opened;
        if (previous != null && previous != opened) {
            previous.close();
        }
        ProjectCredentials credentials = new ProjectCredentials(opened);
        pending.forEach(credentials::save);
        pending.clear();
    }

    @Override
    public Map<String, String> load(String projectId) {
        SecretStore s = store;
        if (s == null) {
            return pending.getOrDefault(projectId, Map.of());
        }
        Map<String, String> values = new TreeMap<>();
        for (Map.Entry<String, Secret> e :
                new ProjectCredentials(s).load(projectId).entrySet()) {
            values.put(e.getKey(), e.getValue().reveal());
        }
        return values;
    }

    @Override
    public synchronized void save(String projectId, Map<String, String> credentials) {
        SecretStore s = store;
        if (s == null) {
            pending.put(projectId, Map.copyOf(credentials));
            return;
        }
        new ProjectCredentials(s).save(projectId, credentials);
    }

    @Override
    public String describe() {
        SecretStore s = store;
        return s != null ? s.describe() : "Encrypted vault at " + vaultFile + " (locked)";
    }

    /** Where credentials go now: the keyring, the unlocked vault, or memory until unlocked. */
    public Optional<SecretStore.Kind> kind() {
        SecretStore s = store;
        return s == null ? Optional.empty() : Optional.of(s.kind());
    }

    @Override
    public synchronized void close() {
        if (store != null) {
            store.close();
            store = null;
        }
    }
}
