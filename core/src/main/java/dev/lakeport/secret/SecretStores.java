package dev.lakeport.secret;

import static java.util.Objects.requireNonNull;

import dev.lakeport.secret.VaultException.Reason;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Chooses where secrets go: "the OS keyring where one exists, else an encrypted vault under a passphrase; never the
 * project file in plain text."
 *
 * <p>The app calls {@link #choose(Path, PassphrasePrompt)} once at start-up, off the UI thread, with
 * {@link #defaultVaultFile()} (or a folder of its choosing) and a prompt that asks the user for the vault's
 * passphrase. The prompt is only called when there is no keyring. {@link SecretStore#describe()} then tells the user
 * where their secrets are.
 */
public final class SecretStores {
    private SecretStores() {}

    /** Asks the user for the vault's passphrase. */
    @FunctionalInterface
    public interface PassphrasePrompt {
        /**
         * @param vaultFile the vault to open or create
         * @param create {@code true} if there is no vault yet and the passphrase will create it (ask twice, say that
         *     it cannot be recovered), {@code false} to unlock an existing one
         * @return the passphrase, which the vault zeroes once the key is derived, or {@code null} if the user cancels
         */
        char[] ask(Path vaultFile, boolean create);
    }

    /** The OS keyring if one answers on this machine within {@link OsKeyringSecretStore#DEFAULT_PROBE_TIMEOUT}. */
    public static Optional<OsKeyringSecretStore> keyring() {
        return OsKeyringSecretStore.probe();
    }

    /** {@link #keyring()}, or {@code null} when there is none. */
    public static OsKeyringSecretStore keyringOrNull() {
        return keyring().orElse(null);
    }

    /**
     * The keyring if there is one, else the vault at {@code vaultFile}: opened if it exists, created if not, with the
     * passphrase {@code prompt} gives.
     *
     * @return empty if the user cancelled the prompt
     * @throws VaultException if the vault cannot be opened or created, e.g. {@link Reason#WRONG_PASSPHRASE} (call
     *     again to let the user retry)
     */
    public static Optional<SecretStore> choose(Path vaultFile, PassphrasePrompt prompt) {
        return choose(SecretStores::keyring, vaultFile, prompt);
    }

    static Optional<SecretStore> choose(
            Supplier<? extends Optional<? extends SecretStore>> keyring, Path vaultFile, PassphrasePrompt prompt) {
        requireNonNull(vaultFile, "vaultFile is null");
        requireNonNull(prompt, "prompt is null");
        Optional<? extends SecretStore> found = keyring.get();
        if (found.isPresent()) {
            return Optional.of(found.get());
        }
        return openOrCreateVault(vaultFile, prompt).map(SecretStore.class::cast);
    }

    /**
     * The vault at {@code vaultFile}, opened if it exists and created if not, with the passphrase {@code prompt}
     * gives; empty if the user cancelled.
     */
    public static Optional<EncryptedVault> openOrCreateVault(Path vaultFile, PassphrasePrompt prompt) {
        boolean create = !EncryptedVault.exists(vaultFile);
        char[] passphrase = prompt.ask(vaultFile, create);
        if (passphrase == null) {
            return Optional.empty();
        }
        return Optional.of(
                create ? EncryptedVault.create(vaultFile, passphrase) : EncryptedVault.open(vaultFile, passphrase));
    }

    /**
     * Where the vault goes by default: the per-user data folder of the OS. Linux {@code
     * $XDG_DATA_HOME/lakeport/vault.json} (default {@code ~/.local/share}), macOS {@code ~/Library/Application
     * Support/Lakeport/vault.json}, Windows {@code %LOCALAPPDATA%\Lakeport\vault.json}.
     */
    public static Path defaultVaultFile() {
        return defaultVaultFile(
                System.getProperty("os.name", ""), System.getenv(), Path.of(System.getProperty("user.home")));
    }

    static Path defaultVaultFile(String osName, Map<String, String> env, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String local = env.get("LOCALAPPDATA");
            Path base =
                    local == null || local.isBlank() ? home.resolve("AppData").resolve("Local") : Path.of(local);
            return base.resolve("Lakeport").resolve("vault.json");
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return home.resolve("Library")
                    .resolve("Application Support")
                    .resolve("Lakeport")
                    .resolve("vault.json");
        }
        String xdg = env.get("XDG_DATA_HOME");
        // The XDG spec ignores a relative path.
        Path base = xdg == null || xdg.isBlank() || !Path.of(xdg).isAbsolute()
                ? home.resolve(".local").resolve("share")
                : Path.of(xdg);
        return base.resolve("lakeport").resolve("vault.json");
    }
}
