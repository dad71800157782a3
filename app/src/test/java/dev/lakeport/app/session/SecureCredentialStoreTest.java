package dev.lakeport.app.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeport.config.ConfigKeys;
import dev.lakeport.secret.VaultException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecureCredentialStoreTest {
    @TempDir
    Path dir;

    private final String secret = "vault-" + "held-secret";

    @Test
    void lockedKeepsCredentialsInMemoryAndUnlockWritesThemEncrypted() throws Exception {
        Path vault = dir.resolve("vault.json");
        try (SecureCredentialStore store = new SecureCredentialStore(vault)) {
            assertThat(store.isLocked()).isTrue();
            assertThat(store.describe()).contains("locked");
            store.save("p1", Map.of(ConfigKeys.AWS_SECRET_ACCESS_KEY, secret));
            assertThat(store.load("p1")).containsEntry(ConfigKeys.AWS_SECRET_ACCESS_KEY, secret);
            assertThat(vault).doesNotExist();

            store.unlock("correct horse".toCharArray());
            assertThat(store.isLocked()).isFalse();
            assertThat(vault).exists();
            assertThat(new String(Files.readAllBytes(vault), StandardCharsets.ISO_8859_1))
                    .doesNotContain(secret);
        }
        try (SecureCredentialStore reopened = new SecureCredentialStore(vault)) {
            assertThat(reopened.load("p1")).isEmpty();
            byte[] before = Files.readAllBytes(vault);
            assertThatThrownBy(() -> reopened.unlock("wrong".toCharArray())).isInstanceOf(VaultException.class);
            assertThat(Files.readAllBytes(vault)).isEqualTo(before);
            reopened.unlock("correct horse".toCharArray());
            assertThat(reopened.load("p1")).containsEntry(ConfigKeys.AWS_SECRET_ACCESS_KEY, secret);
        }
    }
}
