package dev.lakeport.secret;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakeport.secret.VaultException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptedVaultTest {
    /** Small enough to keep the suite fast; the default is tested on its own. */
    private static final int FAST = 1_000;

    private static final String AWS_ACCOUNT = "proj-1/aws.secretAccessKey";
    private static final String ALIYUN_ACCOUNT = "proj-1/aliyun.secretAccessKey";
    private static final Secret AWS_SECRET = Secret.of("wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYEXAMPLEKEY");
    private static final Secret ALIYUN_SECRET = Secret.of("Zx9Qm2Lk" + "Vb7Np4Rt8Wc1Yd6Hs3Gf5J");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("vault.json");
    }

    private static char[] pass(String s) {
        return s.toCharArray();
    }

    private EncryptedVault newVault() {
        EncryptedVault vault = EncryptedVault.create(file(), pass("correct horse battery staple"), FAST);
        vault.put(AWS_ACCOUNT, AWS_SECRET);
        vault.put(ALIYUN_ACCOUNT, ALIYUN_SECRET);
        return vault;
    }

    @Test
    void roundTrip() {
        EncryptedVault vault = EncryptedVault.create(file(), pass("correct horse battery staple"), FAST);

        assertThat(vault.get(AWS_ACCOUNT)).isEmpty();
        vault.put(AWS_ACCOUNT, AWS_SECRET);
        vault.put(ALIYUN_ACCOUNT, ALIYUN_SECRET);
        assertThat(vault.get(AWS_ACCOUNT)).contains(AWS_SECRET);
        assertThat(vault.get(ALIYUN_ACCOUNT)).contains(ALIYUN_SECRET);

        vault.put(AWS_ACCOUNT, Secret.of("replaced"));
        assertThat(vault.get(AWS_ACCOUNT)).contains(Secret.of("replaced"));

        vault.delete(AWS_ACCOUNT);
        vault.delete(AWS_ACCOUNT);
        assertThat(vault.get(AWS_ACCOUNT)).isEmpty();
        assertThat(vault.get(ALIYUN_ACCOUNT)).contains(ALIYUN_SECRET);
        assertThat(vault.kind()).isEqualTo(SecretStore.Kind.ENCRYPTED_VAULT);
        assertThat(vault.describe()).isEqualTo("Encrypted vault at " + file());
    }

    @Test
    void reopensWithTheRightPassphrase() {
        newVault().close();
        assertThat(EncryptedVault.exists(file())).isTrue();

        EncryptedVault reopened = EncryptedVault.open(file(), pass("correct horse battery staple"));

        assertThat(reopened.get(AWS_ACCOUNT)).contains(AWS_SECRET);
        assertThat(reopened.get(ALIYUN_ACCOUNT)).contains(ALIYUN_SECRET);
        assertThat(reopened.iterations()).isEqualTo(FAST);
        // And it keeps working: a write after reopening is readable by the next open.
        reopened.put("proj-2/aws.accessKeyId", Secret.of("id-2"));
        assertThat(EncryptedVault.open(file(), pass("correct horse battery staple"))
                        .get("proj-2/aws.accessKeyId"))
                .contains(Secret.of("id-2"));
    }

    @Test
    void aWrongPassphraseIsRefusedAndChangesNothing() throws IOException {
        newVault();
        byte[] before = Files.readAllBytes(file());

        assertThatThrownBy(() -> EncryptedVault.open(file(), pass("correct horse battery stapler")))
                .isInstanceOfSatisfying(VaultException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.WRONG_PASSPHRASE);
                    assertThat(e.file()).isEqualTo(file());
                })
                .hasMessageContaining("passphrase")
                .hasMessageContaining(file().toString())
                .hasMessageNotContaining("stapler")
                .hasMessageNotContaining(AWS_SECRET.reveal());
        assertThat(Files.readAllBytes(file())).isEqualTo(before);
        assertThat(siblings()).containsExactly(file());
    }

    @Test
    void aFlippedByteInTheCiphertextIsDetected() throws IOException {
        newVault();
        ObjectNode root = (ObjectNode) JSON.readTree(file().toFile());
        byte[] ciphertext = Base64.getDecoder().decode(root.get("ciphertext").asText());
        ciphertext[ciphertext.length / 2] ^= 0x01;
        root.put("ciphertext", Base64.getEncoder().encodeToString(ciphertext));
        Files.write(file(), JSON.writeValueAsBytes(root));
        byte[] tampered = Files.readAllBytes(file());

        assertThatThrownBy(() -> EncryptedVault.open(file(), pass("correct horse battery staple")))
                .isInstanceOfSatisfying(
                        VaultException.class, e -> assertThat(e.reason()).isEqualTo(Reason.DAMAGED))
                .hasMessageContaining(file().toString())
                .hasMessageContaining("altered");
        assertThat(Files.readAllBytes(file())).isEqualTo(tampered);
    }

    @Test
    void aFlippedByteAnywhereInTheFileIsDetected() throws IOException {
        newVault();
        byte[] original = Files.readAllBytes(file());
        // Every position would take a while at 1,000 iterations each; a spread of them covers every field.
        for (int i = 0; i < original.length; i += Math.max(1, original.length / 40)) {
            byte[] copy = original.clone();
            copy[i] ^= 0x02;
            Files.write(file(), copy);
            int at = i;
            assertThatThrownBy(() -> EncryptedVault.open(file(), pass("correct horse battery staple")))
                    .as("byte %d flipped", at)
                    .isInstanceOf(VaultException.class);
        }
    }

    @Test
    void alteredHeaderFieldsAreDetected() throws IOException {
        newVault();
        ObjectNode root = (ObjectNode) JSON.readTree(file().toFile());
        ((ObjectNode) root.get("kdf")).put("iterations", FAST + 1);
        Files.write(file(), JSON.writeValueAsBytes(root));

        assertThatThrownBy(() -> EncryptedVault.open(file(), pass("correct horse battery staple")))
                .isInstanceOf(VaultException.class);
    }

    @Test
    void aCutShortOrForeignFileIsDamaged() throws IOException {
        newVault();
        byte[] whole = Files.readAllBytes(file());
        Files.write(file(), Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> EncryptedVault.open(file(), pass("x")))
                .isInstanceOfSatisfying(
                        VaultException.class, e -> assertThat(e.reason()).isEqualTo(Reason.DAMAGED))
                .hasMessageContaining(file().toString());

        Files.writeString(file(), "{\"hello\": \"world\"}");
        assertThatThrownBy(() -> EncryptedVault.open(file(), pass("x")))
                .isInstanceOfSatisfying(
                        VaultException.class, e -> assertThat(e.reason()).isEqualTo(Reason.DAMAGED))
                .hasMessage(file() + " is not a Lakeport vault");

        Files.write(file(), new byte[0]);
        assertThatThrownBy(() -> EncryptedVault.open(file(), pass("x")))
                .isInstanceOfSatisfying(
                        VaultException.class, e -> assertThat(e.reason()).isEqualTo(Reason.DAMAGED));
    }

    @Test
    void aNewerFormatVersionIsNamed() throws IOException {
        newVault();
        ObjectNode root = (ObjectNode) JSON.readTree(file().toFile());
        root.put("version", 2);
        Files.write(file(), JSON.writeValueAsBytes(root));

        assertThatThrownBy(() -> EncryptedVault.open(file(), pass("correct horse battery staple")))
                .isInstanceOf(VaultException.class)
                .hasMessageContaining("format version 2");
    }

    @Test
    void theFileHoldsNeitherSecretsNorAccountNames() throws IOException {
        newVault();
        String content = Files.readString(file(), UTF_8);

        for (String clear : new String[] {
            AWS_SECRET.reveal(), ALIYUN_SECRET.reveal(), AWS_ACCOUNT, ALIYUN_ACCOUNT, "proj-1", "secretAccessKey"
        }) {
            assertThat(content).doesNotContain(clear);
            assertThat(content).doesNotContain(Base64.getEncoder().encodeToString(clear.getBytes(UTF_8)));
        }
        assertThat(JSON.readTree(content).fieldNames())
                .toIterable()
                .containsExactly("format", "version", "kdf", "check", "cipher", "ciphertext");
    }

    @Test
    void eachWriteUsesAFreshIv() throws IOException {
        EncryptedVault vault = newVault();
        String first = JSON.readTree(file().toFile()).get("cipher").get("iv").asText();
        vault.put(AWS_ACCOUNT, AWS_SECRET);
        String second = JSON.readTree(file().toFile()).get("cipher").get("iv").asText();

        assertThat(Base64.getDecoder().decode(first)).hasSize(12);
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void theFileIsOwnerOnlyAndWritesLeaveNoTemporaryFiles() throws IOException {
        assumeThat(dir.getFileSystem().supportedFileAttributeViews()).contains("posix");
        Path nested = dir.resolve("a").resolve("b").resolve("vault.json");
        EncryptedVault vault = EncryptedVault.create(nested, pass("pw"), FAST);
        vault.put(AWS_ACCOUNT, AWS_SECRET);
        vault.delete(AWS_ACCOUNT);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(nested)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(nested.getParent())))
                .isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(nested.getParent())) {
            assertThat(files).containsExactly(nested);
        }
    }

    @Test
    void createRefusesToOverwriteAndOpenNeedsAFile() throws IOException {
        newVault();
        byte[] before = Files.readAllBytes(file());

        assertThatThrownBy(() -> EncryptedVault.create(file(), pass("other"), FAST))
                .isInstanceOfSatisfying(
                        VaultException.class, e -> assertThat(e.reason()).isEqualTo(Reason.ALREADY_EXISTS));
        assertThat(Files.readAllBytes(file())).isEqualTo(before);

        Path missing = dir.resolve("missing.json");
        assertThat(EncryptedVault.exists(missing)).isFalse();
        assertThatThrownBy(() -> EncryptedVault.open(missing, pass("pw")))
                .isInstanceOfSatisfying(
                        VaultException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
                .hasMessageContaining(missing.toString());
        assertThat(missing).doesNotExist();
    }

    @Test
    void passphrasesAreZeroedAfterUse() {
        char[] created = pass("correct horse battery staple");
        EncryptedVault.create(file(), created, FAST).close();
        char[] opened = pass("correct horse battery staple");
        EncryptedVault vault = EncryptedVault.open(file(), opened);
        char[] wrong = pass("wrong");
        assertThatThrownBy(() -> EncryptedVault.open(file(), wrong)).isInstanceOf(VaultException.class);
        char[] current = pass("correct horse battery staple");
        char[] replacement = pass("new passphrase");
        vault.changePassphrase(current, replacement);

        for (char[] used : new char[][] {created, opened, wrong, current, replacement}) {
            assertThat(used).containsOnly('\0');
        }
    }

    @Test
    void theDefaultIterationCountIsAtLeast210000() throws IOException {
        assertThat(EncryptedVault.DEFAULT_ITERATIONS).isGreaterThanOrEqualTo(210_000);

        EncryptedVault vault = EncryptedVault.create(file(), pass("pw"));

        assertThat(vault.iterations()).isEqualTo(EncryptedVault.DEFAULT_ITERATIONS);
        assertThat(JSON.readTree(file().toFile()).get("kdf").get("iterations").asInt())
                .isEqualTo(EncryptedVault.DEFAULT_ITERATIONS);
        assertThat(JSON.readTree(file().toFile()).get("kdf").get("algorithm").asText())
                .isEqualTo("PBKDF2WithHmacSHA256");
        assertThat(Base64.getDecoder()
                        .decode(JSON.readTree(file().toFile())
                                .get("kdf")
                                .get("salt")
                                .asText()))
                .hasSize(16);
    }

    @Test
    void changePassphraseReencryptsUnderANewSalt() throws IOException {
        EncryptedVault vault = newVault();
        String oldSalt = JSON.readTree(file().toFile()).get("kdf").get("salt").asText();

        vault.changePassphrase(pass("correct horse battery staple"), pass("tr0ub4dor&3"));

        assertThat(JSON.readTree(file().toFile()).get("kdf").get("salt").asText())
                .isNotEqualTo(oldSalt);
        assertThatThrownBy(() -> EncryptedVault.open(file(), pass("correct horse battery staple")))
                .isInstanceOfSatisfying(
                        VaultException.class, e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_PASSPHRASE));
        EncryptedVault reopened = EncryptedVault.open(file(), pass("tr0ub4dor&3"));
        assertThat(reopened.get(AWS_ACCOUNT)).contains(AWS_SECRET);
        assertThat(reopened.get(ALIYUN_ACCOUNT)).contains(ALIYUN_SECRET);
        // The open vault goes on writing under the new key.
        vault.put("proj-1/aws.accessKeyId", Secret.of("id"));
        assertThat(EncryptedVault.open(file(), pass("tr0ub4dor&3")).get("proj-1/aws.accessKeyId"))
                .contains(Secret.of("id"));
    }

    @Test
    void changePassphraseWithTheWrongCurrentOneChangesNothing() throws IOException {
        EncryptedVault vault = newVault();
        byte[] before = Files.readAllBytes(file());

        assertThatThrownBy(() -> vault.changePassphrase(pass("guess"), pass("mine now")))
                .isInstanceOfSatisfying(
                        VaultException.class, e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_PASSPHRASE));

        assertThat(Files.readAllBytes(file())).isEqualTo(before);
        assertThat(vault.get(AWS_ACCOUNT)).contains(AWS_SECRET);
    }

    @Test
    void emptyPassphrasesAndBlankAccountsAreRefused() {
        assertThatThrownBy(() -> EncryptedVault.create(file(), new char[0], FAST))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(file()).doesNotExist();

        EncryptedVault vault = newVault();
        assertThatThrownBy(() -> vault.put(" ", AWS_SECRET)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> vault.get(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> vault.changePassphrase(pass("correct horse battery staple"), new char[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClosedVaultRefusesAccess() {
        EncryptedVault vault = newVault();
        vault.close();

        assertThatThrownBy(() -> vault.get(AWS_ACCOUNT))
                .isInstanceOfSatisfying(
                        VaultException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CLOSED));
        assertThat(vault.toString()).doesNotContain(AWS_SECRET.reveal());
    }

    private Stream<Path> siblings() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList().stream();
        }
    }
}
