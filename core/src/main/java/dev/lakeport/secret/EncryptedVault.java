package dev.lakeport.secret;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakeport.secret.VaultException.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.TreeMap;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secrets in one file, encrypted under a passphrase, for machines without a working OS keyring. Only the JDK's
 * crypto is used.
 *
 * <ul>
 *   <li>The passphrase goes through PBKDF2WithHmacSHA256 ({@value #DEFAULT_ITERATIONS} iterations by default, a
 *       random 16-byte salt kept in the file) to a 256-bit master key. HMAC-SHA256 under the master key gives the
 *       AES key and a check value; the check value is kept in the file so that a wrong passphrase is told apart from
 *       a damaged file.
 *   <li>The whole map of accounts to secrets is one AES-256-GCM ciphertext (a fresh random 12-byte IV per write, a
 *       128-bit tag, the file's header as associated data): neither secrets nor account names are in clear text.
 *   <li>The file is JSON: {@code format}, {@code version}, {@code kdf} (algorithm, iterations, salt), {@code check},
 *       {@code cipher} (algorithm, key and tag bits, iv) and {@code ciphertext}, binary values in Base64.
 *   <li>Every write goes to a temporary file in the same folder, is forced to disk and moved over the vault
 *       atomically, so a crash leaves the old vault or the new one, never half of one. Where the file system has
 *       POSIX permissions the file is owner read/write only ({@code rw-------}) and missing folders are created
 *       {@code rwx------}; elsewhere (Windows) it inherits the folder's ACL, which under the user's profile is the
 *       user's alone.
 *   <li>Passphrases are taken as {@code char[]} and zeroed as soon as the key is derived.
 * </ul>
 *
 * <p>Opening with a wrong passphrase, or a file that is damaged or was altered, throws a {@link VaultException} naming
 * the file and the problem, and writes nothing. The vault keeps the derived key and the decrypted map in memory while
 * open; {@link #close()} drops them. One process at a time should have a vault open: the last writer wins.
 */
public final class EncryptedVault implements SecretStore {
    /** PBKDF2 iterations for new vaults: OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_ITERATIONS = 210_000;

    static final String FORMAT = "lakeport-vault";
    static final int VERSION = 1;
    static final String KDF = "PBKDF2WithHmacSHA256";
    static final String CIPHER = "AES/GCM/NoPadding";
    static final int SALT_BYTES = 16;
    static final int IV_BYTES = 12;
    static final int KEY_BITS = 256;
    static final int TAG_BITS = 128;
    /** A file asking for more would stall the app for minutes: it is treated as damaged. */
    static final int MAX_ITERATIONS = 10_000_000;
    /** A vault holds a handful of credentials; anything far larger is not one. */
    private static final long MAX_FILE_BYTES = 16L << 20;

    private static final byte[] ENCRYPTION_KEY_LABEL = "lakeport-vault/encryption-key".getBytes(UTF_8);
    private static final byte[] CHECK_LABEL = "lakeport-vault/passphrase-check".getBytes(UTF_8);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final TypeReference<TreeMap<String, String>> ENTRIES = new TypeReference<>() {};

    private final Path file;
    private final int iterations;
    private final TreeMap<String, String> entries;
    private byte[] salt;
    private Keys keys;

    private EncryptedVault(Path file, int iterations, byte[] salt, Keys keys, TreeMap<String, String> entries) {
        this.file = file;
        this.iterations = iterations;
        this.salt = salt;
        this.keys = keys;
        this.entries = entries;
    }

    /** Whether a file (a vault or anything else) is at {@code file}. */
    public static boolean exists(Path file) {
        return Files.exists(requireNonNull(file, "file is null"));
    }

    /**
     * Creates an empty vault at {@code file} under {@code passphrase}, which is zeroed. Missing folders are created.
     *
     * @throws VaultException {@link Reason#ALREADY_EXISTS} if a file is there (it is left alone), {@link Reason#IO} if
     *     it cannot be written
     * @throws IllegalArgumentException if the passphrase is empty
     */
    public static EncryptedVault create(Path file, char[] passphrase) {
        return create(file, passphrase, DEFAULT_ITERATIONS);
    }

    /** {@link #create(Path, char[])} with another iteration count: tests use a small one to stay fast. */
    static EncryptedVault create(Path file, char[] passphrase, int iterations) {
        requireNonNull(file, "file is null");
        requireNonNull(passphrase, "passphrase is null");
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            Arrays.fill(passphrase, '\0');
            throw new IllegalArgumentException("iterations must be between 1 and " + MAX_ITERATIONS);
        }
        requireNotEmpty(passphrase);
        if (Files.exists(file)) {
            Arrays.fill(passphrase, '\0');
            throw new VaultException(
                    Reason.ALREADY_EXISTS, file, "a file is already at " + file + "; open it or choose another path");
        }
        byte[] salt = randomBytes(SALT_BYTES);
        EncryptedVault vault =
                new EncryptedVault(file, iterations, salt, Keys.derive(passphrase, salt, iterations), new TreeMap<>());
        vault.write();
        return vault;
    }

    /**
     * Opens the vault at {@code file} with {@code passphrase}, which is zeroed. Nothing is written.
     *
     * @throws VaultException {@link Reason#NOT_FOUND}, {@link Reason#WRONG_PASSPHRASE}, {@link Reason#DAMAGED} (not a
     *     vault, cut short or altered), {@link Reason#IO}
     */
    public static EncryptedVault open(Path file, char[] passphrase) {
        requireNonNull(file, "file is null");
        requireNonNull(passphrase, "passphrase is null");
        Header header;
        try {
            header = Header.read(file);
        } catch (RuntimeException e) {
            Arrays.fill(passphrase, '\0');
            throw e;
        }
        Keys keys = Keys.derive(passphrase, header.salt, header.iterations);
        if (!keys.matches(header.check)) {
            keys.destroy();
            throw new VaultException(
                    Reason.WRONG_PASSPHRASE, file, "the passphrase does not unlock the vault " + file + "; try again");
        }
        byte[] plaintext = null;
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.DECRYPT_MODE, keys.encryption, new GCMParameterSpec(TAG_BITS, header.iv));
            cipher.updateAAD(header.associatedData());
            plaintext = cipher.doFinal(header.ciphertext);
            TreeMap<String, String> entries = JSON.readValue(plaintext, ENTRIES);
            if (entries == null || entries.containsValue(null)) {
                throw new VaultException(Reason.DAMAGED, file, "the vault " + file + " holds no valid secrets");
            }
            return new EncryptedVault(file, header.iterations, header.salt, keys, entries);
        } catch (AEADBadTagException e) {
            keys.destroy();
            throw new VaultException(
                    Reason.DAMAGED,
                    file,
                    "the vault " + file + " was altered or is damaged: the passphrase is right but the contents fail"
                            + " their integrity check");
        } catch (IOException e) {
            keys.destroy();
            // Jackson's message could quote the decrypted text: leave it out.
            throw new VaultException(
                    Reason.DAMAGED, file, "the vault " + file + " decrypts to something that is not a list of secrets");
        } catch (GeneralSecurityException e) {
            keys.destroy();
            throw new VaultException(
                    Reason.IO,
                    file,
                    "cannot decrypt the vault " + file + ": " + e.getClass().getSimpleName(),
                    e);
        } catch (RuntimeException e) {
            keys.destroy();
            throw e;
        } finally {
            if (plaintext != null) {
                Arrays.fill(plaintext, (byte) 0);
            }
        }
    }

    @Override
    public synchronized Optional<Secret> get(String account) {
        Accounts.require(account);
        requireOpen();
        return Optional.ofNullable(entries.get(account)).map(Secret::of);
    }

    /** Stores the secret and rewrites the file; if the write fails the vault is as it was, in memory and on disk. */
    @Override
    public synchronized void put(String account, Secret value) {
        Accounts.require(account);
        requireNonNull(value, "value is null");
        requireOpen();
        String previous = entries.put(account, value.reveal());
        try {
            write();
        } catch (RuntimeException e) {
            if (previous == null) {
                entries.remove(account);
            } else {
                entries.put(account, previous);
            }
            throw e;
        }
    }

    @Override
    public synchronized void delete(String account) {
        Accounts.require(account);
        requireOpen();
        String previous = entries.remove(account);
        if (previous == null) {
            return;
        }
        try {
            write();
        } catch (RuntimeException e) {
            entries.put(account, previous);
            throw e;
        }
    }

    /**
     * Re-encrypts the vault under {@code replacement}, with a new salt. {@code current} must be the passphrase the
     * vault was opened with, so that an unattended unlocked app cannot be re-keyed. Both arrays are zeroed.
     *
     * @throws VaultException {@link Reason#WRONG_PASSPHRASE} if {@code current} is wrong (nothing changes),
     *     {@link Reason#IO} if the file cannot be written (the old passphrase still opens it)
     * @throws IllegalArgumentException if {@code replacement} is empty
     */
    public synchronized void changePassphrase(char[] current, char[] replacement) {
        requireNonNull(current, "current is null");
        requireNonNull(replacement, "replacement is null");
        try {
            requireOpen();
            requireNotEmpty(replacement);
        } catch (RuntimeException e) {
            Arrays.fill(current, '\0');
            Arrays.fill(replacement, '\0');
            throw e;
        }
        Keys check = Keys.derive(current, salt, iterations);
        boolean right = check.matches(keys.check);
        check.destroy();
        if (!right) {
            Arrays.fill(replacement, '\0');
            throw new VaultException(
                    Reason.WRONG_PASSPHRASE,
                    file,
                    "the current passphrase does not unlock the vault " + file + "; nothing was changed");
        }
        byte[] oldSalt = salt;
        Keys oldKeys = keys;
        salt = randomBytes(SALT_BYTES);
        keys = Keys.derive(replacement, salt, iterations);
        try {
            write();
        } catch (RuntimeException e) {
            keys.destroy();
            salt = oldSalt;
            keys = oldKeys;
            throw e;
        }
        oldKeys.destroy();
    }

    /** The vault file. */
    public Path file() {
        return file;
    }

    /** The PBKDF2 iteration count this vault was created with. */
    public int iterations() {
        return iterations;
    }

    @Override
    public Kind kind() {
        return Kind.ENCRYPTED_VAULT;
    }

    @Override
    public String describe() {
        return "Encrypted vault at " + file;
    }

    /** Forgets the key and the decrypted secrets; the file stays. */
    @Override
    public synchronized void close() {
        if (keys != null) {
            keys.destroy();
            keys = null;
        }
        entries.clear();
    }

    @Override
    public String toString() {
        return "EncryptedVault[" + file + "]";
    }

    private void requireOpen() {
        if (keys == null) {
            throw new VaultException(Reason.CLOSED, file, "the vault " + file + " was closed; open it again");
        }
    }

    /** Encrypts the current map under a fresh IV and replaces the file atomically. */
    private void write() {
        byte[] iv = randomBytes(IV_BYTES);
        Header header = new Header(iterations, salt, keys.check, iv, null);
        byte[] plaintext = null;
        byte[] ciphertext;
        try {
            plaintext = JSON.writeValueAsBytes(entries);
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.ENCRYPT_MODE, keys.encryption, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(header.associatedData());
            ciphertext = cipher.doFinal(plaintext);
        } catch (JsonProcessingException | GeneralSecurityException e) {
            throw new VaultException(
                    Reason.IO,
                    file,
                    "cannot encrypt the vault " + file + ": " + e.getClass().getSimpleName(),
                    e);
        } finally {
            if (plaintext != null) {
                Arrays.fill(plaintext, (byte) 0);
            }
        }
        byte[] content = new Header(iterations, salt, keys.check, iv, ciphertext).toJson();
        try {
            writeAtomically(file, content);
        } catch (IOException e) {
            throw new VaultException(Reason.IO, file, "cannot write the vault " + file + ": " + e, e);
        }
    }

    private static void writeAtomically(Path file, byte[] content) throws IOException {
        Path target = file.toAbsolutePath();
        Path folder = target.getParent();
        boolean posix = folder.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(folder)) {
            if (posix) {
                Files.createDirectories(
                        folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(folder);
            }
        }
        FileAttribute<?>[] ownerOnly = posix
                ? new FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
                }
                : new FileAttribute<?>[0];
        Path temp = Files.createTempFile(folder, "." + target.getFileName() + ".", ".tmp", ownerOnly);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // Some network file systems cannot rename atomically; a plain replace is the best they offer.
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void requireNotEmpty(char[] passphrase) {
        if (passphrase.length == 0) {
            throw new IllegalArgumentException("the passphrase is empty");
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** The AES key and the passphrase check value derived from one passphrase. */
    private static final class Keys {
        final SecretKeySpec encryption;
        final byte[] check;
        private final byte[] encryptionBytes;

        private Keys(byte[] encryptionBytes, byte[] check) {
            this.encryptionBytes = encryptionBytes;
            this.encryption = new SecretKeySpec(encryptionBytes, "AES");
            this.check = check;
        }

        /** PBKDF2 to a master key, HMAC to the two subkeys. Zeroes the passphrase and the master key. */
        static Keys derive(char[] passphrase, byte[] salt, int iterations) {
            PBEKeySpec spec = new PBEKeySpec(passphrase, salt, iterations, KEY_BITS);
            Arrays.fill(passphrase, '\0');
            byte[] master = null;
            try {
                master = SecretKeyFactory.getInstance(KDF).generateSecret(spec).getEncoded();
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(master, "HmacSHA256"));
                byte[] encryption = mac.doFinal(ENCRYPTION_KEY_LABEL);
                byte[] check = mac.doFinal(CHECK_LABEL);
                return new Keys(encryption, check);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("this Java runtime lacks " + KDF + " or HmacSHA256", e);
            } finally {
                spec.clearPassword();
                if (master != null) {
                    Arrays.fill(master, (byte) 0);
                }
            }
        }

        boolean matches(byte[] storedCheck) {
            return MessageDigest.isEqual(check, storedCheck);
        }

        void destroy() {
            // SecretKeySpec keeps its own copy and cannot be wiped; this clears ours.
            Arrays.fill(encryptionBytes, (byte) 0);
        }
    }

    /** The file's fields. {@code ciphertext} is null while a write is being prepared. */
    private record Header(int iterations, byte[] salt, byte[] check, byte[] iv, byte[] ciphertext) {

        /** Binds the clear-text fields to the ciphertext: changing any of them fails decryption. */
        byte[] associatedData() {
            return (FORMAT + "\n" + VERSION + "\n" + KDF + "\n" + iterations + "\n" + b64(salt) + "\n" + CIPHER + "\n"
                            + KEY_BITS + "\n" + TAG_BITS)
                    .getBytes(UTF_8);
        }

        byte[] toJson() {
            ObjectNode root = JSON.createObjectNode();
            root.put("format", FORMAT);
            root.put("version", VERSION);
            ObjectNode kdf = root.putObject("kdf");
            kdf.put("algorithm", KDF);
            kdf.put("iterations", iterations);
            kdf.put("salt", b64(salt));
            root.put("check", b64(check));
            ObjectNode cipher = root.putObject("cipher");
            cipher.put("algorithm", CIPHER);
            cipher.put("keyBits", KEY_BITS);
            cipher.put("tagBits", TAG_BITS);
            cipher.put("iv", b64(iv));
            root.put("ciphertext", b64(ciphertext));
            try {
                return JSON.writeValueAsBytes(root);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        static Header read(Path file) {
            byte[] bytes;
            try {
                if (Files.size(file) > MAX_FILE_BYTES) {
                    throw damaged(file, "it is larger than any vault");
                }
                bytes = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                throw new VaultException(Reason.NOT_FOUND, file, "there is no vault at " + file);
            } catch (IOException e) {
                throw new VaultException(Reason.IO, file, "cannot read the vault " + file + ": " + e, e);
            }
            JsonNode root;
            try {
                root = JSON.readTree(bytes);
            } catch (IOException e) {
                throw damaged(file, "it is not JSON");
            }
            if (root == null
                    || !root.isObject()
                    || !FORMAT.equals(root.path("format").asText(null))) {
                throw new VaultException(Reason.DAMAGED, file, file + " is not a Lakeport vault");
            }
            JsonNode version = root.path("version");
            if (!version.isInt()) {
                throw damaged(file, "its version is missing");
            }
            if (version.intValue() != VERSION) {
                throw new VaultException(
                        Reason.DAMAGED,
                        file,
                        "the vault " + file + " has format version " + version.intValue() + "; this Lakeport reads "
                                + "version " + VERSION + " (was it written by a newer Lakeport?)");
            }
            JsonNode kdf = root.path("kdf");
            JsonNode cipher = root.path("cipher");
            expect(file, kdf, "algorithm", KDF);
            expect(file, cipher, "algorithm", CIPHER);
            expect(file, cipher, "keyBits", KEY_BITS);
            expect(file, cipher, "tagBits", TAG_BITS);
            JsonNode iterations = kdf.path("iterations");
            if (!iterations.isInt() || iterations.intValue() < 1 || iterations.intValue() > MAX_ITERATIONS) {
                throw damaged(file, "its iteration count is missing or out of range");
            }
            byte[] salt = bytes(file, kdf, "salt", SALT_BYTES);
            byte[] check = bytes(file, root, "check", 32);
            byte[] iv = bytes(file, cipher, "iv", IV_BYTES);
            byte[] ciphertext = bytes(file, root, "ciphertext", -1);
            if (ciphertext.length < TAG_BITS / 8) {
                throw damaged(file, "its ciphertext is cut short");
            }
            return new Header(iterations.intValue(), salt, check, iv, ciphertext);
        }

        private static void expect(Path file, JsonNode node, String field, Object expected) {
            JsonNode value = node.path(field);
            boolean ok = expected instanceof Integer i
                    ? value.isInt() && value.intValue() == i
                    : expected.equals(value.asText(null));
            if (!ok) {
                throw damaged(file, "its " + field + " is not " + expected);
            }
        }

        private static byte[] bytes(Path file, JsonNode node, String field, int length) {
            JsonNode value = node.path(field);
            if (!value.isTextual()) {
                throw damaged(file, "its " + field + " is missing");
            }
            byte[] decoded;
            try {
                decoded = Base64.getDecoder().decode(value.textValue());
            } catch (IllegalArgumentException e) {
                throw damaged(file, "its " + field + " is not Base64");
            }
            if (!b64(decoded).equals(value.textValue())) {
                // Base64 has spare bits and optional padding: only the one canonical spelling is accepted, so that
                // no change to the file goes unnoticed.
                throw damaged(file, "its " + field + " is not canonical Base64");
            }
            if (length >= 0 && decoded.length != length) {
                throw damaged(file, "its " + field + " has " + decoded.length + " bytes, not " + length);
            }
            return decoded;
        }

        private static VaultException damaged(Path file, String what) {
            return new VaultException(Reason.DAMAGED, file, "the vault " + file + " is damaged: " + what);
        }

        private static String b64(byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
    }
}
