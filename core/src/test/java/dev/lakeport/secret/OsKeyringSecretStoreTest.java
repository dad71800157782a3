package dev.lakeport.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.github.javakeyring.KeyringStorageType;
import com.github.javakeyring.PasswordAccessException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OsKeyringSecretStoreTest {
    @TempDir
    Path dir;

    @Test
    void theProbeAnswersQuicklyAndNeverThrows() {
        // Loading the class starts logging; the bound is on the probe itself.
        assertThat(OsKeyringSecretStore.DEFAULT_PROBE_TIMEOUT).isLessThan(Duration.ofSeconds(2));
        long start = System.nanoTime();
        Optional<OsKeyringSecretStore> keyring = OsKeyringSecretStore.probe();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isLessThan(Duration.ofSeconds(2));
        keyring.ifPresent(store -> {
            assertThat(store.kind()).isEqualTo(SecretStore.Kind.OS_KEYRING);
            assertThat(store.describe()).startsWith("OS keyring (");
            store.close();
        });
    }

    @Test
    void aProbeThatRunsOutOfTimeIsEmptyAtOnce() {
        assertThat(OsKeyringSecretStore.OPERATION_TIMEOUT).isPositive();
        long start = System.nanoTime();
        Optional<OsKeyringSecretStore> keyring = OsKeyringSecretStore.probe(Duration.ZERO);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isLessThan(Duration.ofSeconds(1));
        keyring.ifPresent(OsKeyringSecretStore::close);
    }

    @Test
    void withoutAKeyringTheVaultIsChosen() {
        Optional<OsKeyringSecretStore> keyring = OsKeyringSecretStore.probe();
        keyring.ifPresent(OsKeyringSecretStore::close);
        Path vaultFile = dir.resolve("lakeport").resolve("vault.json");
        List<Boolean> asked = new ArrayList<>();

        Optional<SecretStore> chosen = SecretStores.choose(Optional::empty, vaultFile, (file, create) -> {
            assertThat(file).isEqualTo(vaultFile);
            asked.add(create);
            return "a passphrase".toCharArray();
        });

        assertThat(chosen).get().isInstanceOfSatisfying(EncryptedVault.class, vault -> {
            assertThat(vault.file()).isEqualTo(vaultFile);
            assertThat(vault.describe()).isEqualTo("Encrypted vault at " + vaultFile);
        });
        assertThat(asked).containsExactly(true);
        if (keyring.isEmpty()) {
            // What the app gets on this machine: the vault, at the path it gave.
            Optional<SecretStore> real = SecretStores.choose(vaultFile, (file, create) -> {
                asked.add(create);
                return "a passphrase".toCharArray();
            });
            assertThat(real).get().isInstanceOf(EncryptedVault.class);
            assertThat(((EncryptedVault) real.get()).file()).isEqualTo(vaultFile);
            assertThat(asked).containsExactly(true, false);
        }
    }

    @Test
    void aKeyringIsPreferredAndThePromptIsNotCalled() {
        SecretStore keyring = new InMemorySecretStore();

        Optional<SecretStore> chosen =
                SecretStores.choose(() -> Optional.of(keyring), dir.resolve("v.json"), (f, c) -> {
                    throw new AssertionError("no passphrase is needed with a keyring");
                });

        assertThat(chosen).containsSame(keyring);
        assertThat(dir.resolve("v.json")).doesNotExist();
    }

    @Test
    void aCancelledPromptChoosesNothing() {
        Path vaultFile = dir.resolve("v.json");

        assertThat(SecretStores.choose(Optional::empty, vaultFile, (f, c) -> null))
                .isEmpty();
        assertThat(vaultFile).doesNotExist();
    }

    @Test
    void theDefaultVaultFileIsThePerUserDataFolder() {
        Path home = Path.of("/home/ann");
        assertThat(SecretStores.defaultVaultFile("Linux", java.util.Map.of(), home))
                .isEqualTo(Path.of("/home/ann/.local/share/lakeport/vault.json"));
        assertThat(SecretStores.defaultVaultFile("Linux", java.util.Map.of("XDG_DATA_HOME", "/data/ann"), home))
                .isEqualTo(Path.of("/data/ann/lakeport/vault.json"));
        assertThat(SecretStores.defaultVaultFile("Linux", java.util.Map.of("XDG_DATA_HOME", "relative"), home))
                .isEqualTo(Path.of("/home/ann/.local/share/lakeport/vault.json"));
        assertThat(SecretStores.defaultVaultFile("Mac OS X", java.util.Map.of(), home))
                .isEqualTo(Path.of("/home/ann/Library/Application Support/Lakeport/vault.json"));
        assertThat(SecretStores.defaultVaultFile()).isAbsolute().hasFileName("vault.json");
    }

    @Test
    void eachOsTriesItsOwnKeyrings() {
        assertThat(OsKeyringSecretStore.candidates("Windows 11"))
                .containsExactly(KeyringStorageType.WINDOWS_CREDENTIAL_STORE);
        assertThat(OsKeyringSecretStore.candidates("Mac OS X"))
                .containsExactly(KeyringStorageType.OSX_KEYCHAIN, KeyringStorageType.LEGACY_OSX_KEYCHAIN);
        assertThat(OsKeyringSecretStore.candidates("Linux")).containsExactly(KeyringStorageType.GNOME_KEYRING);
        assertThat(OsKeyringSecretStore.label(KeyringStorageType.GNOME_KEYRING)).isEqualTo("Secret Service");
    }

    @Test
    void aMissingEntryIsToldApartFromAFailure() {
        assertThat(OsKeyringSecretStore.isAbsent(
                        new PasswordAccessException("No stored credentials match Lakeport account: p/k")))
                .isTrue();
        assertThat(OsKeyringSecretStore.isAbsent(new PasswordAccessException("Password is not in wallet")))
                .isTrue();
        assertThat(OsKeyringSecretStore.isAbsent(new PasswordAccessException("Error code 1168")))
                .isTrue();
        assertThat(OsKeyringSecretStore.isAbsent(
                        new PasswordAccessException("The specified item could not be found in the keychain.")))
                .isTrue();
        assertThat(OsKeyringSecretStore.isAbsent(new PasswordAccessException("Error code 5")))
                .isFalse();
        assertThat(OsKeyringSecretStore.isAbsent(new PasswordAccessException(null)))
                .isFalse();
    }

    /** Runs only where a keyring answers (a desktop); on a headless box the probe is empty and this is skipped. */
    @Test
    void whereAKeyringAnswersSecretsRoundTrip() {
        Optional<OsKeyringSecretStore> found = OsKeyringSecretStore.probe(Duration.ofSeconds(5));
        org.junit.jupiter.api.Assumptions.assumeTrue(found.isPresent(), "no OS keyring on this machine");
        String account = "test-" + UUID.randomUUID() + "/aws.secretAccessKey";
        try (OsKeyringSecretStore store = found.get()) {
            try {
                assertThat(store.get(account)).isEmpty();
                store.put(account, Secret.of("first"));
                store.put(account, Secret.of("second"));
                assertThat(store.get(account)).contains(Secret.of("second"));
            } finally {
                store.delete(account);
            }
            assertThat(store.get(account)).isEmpty();
            assertThatCode(() -> store.delete(account)).doesNotThrowAnyException();
        }
    }
}
