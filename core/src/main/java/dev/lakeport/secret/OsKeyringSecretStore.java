package dev.lakeport.secret;

import static java.util.Objects.requireNonNull;

import com.github.javakeyring.Keyring;
import com.github.javakeyring.KeyringStorageType;
import com.github.javakeyring.PasswordAccessException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.interfaces.DBus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Secrets in the operating system's keyring, through <a href="https://github.com/javakeyring/java-keyring">java-keyring</a>:
 * the Windows Credential Manager, the macOS Keychain, or on Linux the freedesktop Secret Service over the D-Bus
 * session bus (GNOME Keyring, KWallet of Plasma 6, KeePassXC, ...). Each secret is filed under the service {@value
 * SecretStore#SERVICE} and its account name.
 *
 * <p>Get one with {@link #probe()}, which answers within a bound and is empty where no keyring works: a headless Linux
 * box has no D-Bus session, a locked keyring may wait for its unlock prompt. Every call runs on one daemon thread of
 * the store's own (the Secret Service client is not safe for concurrent use, and a keyring waiting on a prompt must
 * not hang the caller for ever); a call that gets no answer within {@link #OPERATION_TIMEOUT} fails with a {@link
 * SecretStoreException}. Call from a background thread: the OS may show a prompt (unlock the keyring, allow access)
 * and the call waits for it.
 *
 * <p>java-keyring reports a missing entry and a real failure with the same exception; this class tells them apart by
 * the backends' messages (see {@link #isAbsent}).
 */
public final class OsKeyringSecretStore implements SecretStore {
    private static final Logger LOG = LoggerFactory.getLogger(OsKeyringSecretStore.class);

    /** How long {@link #probe()} waits for a keyring to answer. */
    public static final Duration DEFAULT_PROBE_TIMEOUT = Duration.ofMillis(1500);
    /** How long one get, put or delete may take, a prompt for the user included. */
    public static final Duration OPERATION_TIMEOUT = Duration.ofMinutes(2);
    /** The account of the probe's throwaway entry, deleted again at once. */
    static final String PROBE_ACCOUNT = "keyring-probe";

    private static final String SECRET_SERVICE_NAME = "org.freedesktop.secrets";

    private final Keyring keyring;
    private final KeyringStorageType type;
    private final ExecutorService worker;
    private volatile boolean closed;

    private OsKeyringSecretStore(Keyring keyring, KeyringStorageType type, ExecutorService worker) {
        this.keyring = keyring;
        this.type = type;
        this.worker = worker;
    }

    /** {@link #probe(Duration)} with {@link #DEFAULT_PROBE_TIMEOUT}. */
    public static Optional<OsKeyringSecretStore> probe() {
        return probe(DEFAULT_PROBE_TIMEOUT);
    }

    /**
     * Connects to this machine's keyring and proves that it works by storing, reading back and deleting a throwaway
     * entry (account {@value #PROBE_ACCOUNT}). Empty when there is none, it fails, or it does not answer within {@code
     * timeout}. Never throws, never waits longer than {@code timeout}.
     *
     * <p>A keyring that answers too late (e.g. a locked one whose unlock prompt is up) is closed when it does; until
     * then, up to the Secret Service's two-minute prompt timeout, its D-Bus thread keeps a JVM that ends without {@code
     * System.exit} alive.
     */
    public static Optional<OsKeyringSecretStore> probe(Duration timeout) {
        requireNonNull(timeout, "timeout is null");
        ExecutorService worker = newWorker();
        Handoff handoff = new Handoff();
        Future<?> task;
        try {
            task = worker.submit(() -> handoff.offer(connect(candidates(System.getProperty("os.name", "")))));
        } catch (RejectedExecutionException e) {
            worker.shutdownNow();
            return Optional.empty();
        }
        try {
            task.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            LOG.debug("no keyring answered within {} ms", timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | RuntimeException e) {
            LOG.debug("the keyring probe failed: {}", e.toString());
        }
        Connected connected = handoff.take();
        if (connected == null) {
            // Not interrupted: java-keyring leaks its D-Bus connection (and a non-daemon thread with it) when cut off
            // while connecting. Left alone, a late connection reaches the handoff, which closes it.
            worker.shutdown();
            return Optional.empty();
        }
        LOG.debug("secrets go to the OS keyring ({})", label(connected.type));
        return Optional.of(new OsKeyringSecretStore(connected.keyring, connected.type, worker));
    }

    @Override
    public Optional<Secret> get(String account) {
        Accounts.require(account);
        String value = call("read", account, () -> {
            try {
                return keyring.getPassword(SERVICE, account);
            } catch (PasswordAccessException e) {
                if (isAbsent(e)) {
                    return null;
                }
                throw e;
            }
        });
        return Optional.ofNullable(value).map(Secret::of);
    }

    @Override
    public void put(String account, Secret value) {
        Accounts.require(account);
        requireNonNull(value, "value is null");
        call("store", account, () -> {
            keyring.setPassword(SERVICE, account, value.reveal());
            return null;
        });
    }

    @Override
    public void delete(String account) {
        Accounts.require(account);
        call("delete", account, () -> {
            try {
                keyring.deletePassword(SERVICE, account);
            } catch (PasswordAccessException e) {
                // Every backend fails on a missing entry: that is success here, anything else is not.
                try {
                    keyring.getPassword(SERVICE, account);
                } catch (PasswordAccessException missing) {
                    if (isAbsent(missing)) {
                        return null;
                    }
                }
                throw e;
            }
            return null;
        });
    }

    @Override
    public Kind kind() {
        return Kind.OS_KEYRING;
    }

    /** {@code OS keyring (Secret Service)}, {@code OS keyring (macOS Keychain)}, ... */
    @Override
    public String describe() {
        return "OS keyring (" + label(type) + ")";
    }

    /** Which of java-keyring's backends answered. */
    public KeyringStorageType backend() {
        return type;
    }

    /** Closes the D-Bus connection (Linux) and stops the store's thread. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            worker.submit(() -> closeQuietly(keyring)).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            LOG.debug("closing the keyring: {}", e.toString());
        } finally {
            worker.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "OsKeyringSecretStore[" + label(type) + "]";
    }

    /** The backends to try on an OS, best first. */
    static List<KeyringStorageType> candidates(String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return List.of(KeyringStorageType.WINDOWS_CREDENTIAL_STORE);
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return List.of(KeyringStorageType.OSX_KEYCHAIN, KeyringStorageType.LEGACY_OSX_KEYCHAIN);
        }
        // Not KWALLET: java-keyring 1.0.4 leaves its D-Bus connection open when KWallet is missing, and that
        // connection's non-daemon thread keeps the JVM from ending. KWallet of Plasma 6 serves the Secret Service API.
        return List.of(KeyringStorageType.GNOME_KEYRING);
    }

    static String label(KeyringStorageType type) {
        return switch (type) {
            case OSX_KEYCHAIN, LEGACY_OSX_KEYCHAIN -> "macOS Keychain";
            case GNOME_KEYRING -> "Secret Service";
            case WINDOWS_CREDENTIAL_STORE -> "Windows Credential Manager";
            case KWALLET -> "KWallet";
        };
    }

    /**
     * Whether the exception only says that no entry exists. java-keyring 1.0.x has no type for it, so the backends'
     * messages are matched: Secret Service and the macOS Keychain say "No stored credentials match", the legacy
     * Keychain backend "could not be found", KWallet "not in wallet", Windows the error code 1168 (ERROR_NOT_FOUND).
     */
    static boolean isAbsent(PasswordAccessException e) {
        String message = e.getMessage();
        if (message == null) {
            return false;
        }
        return message.startsWith("No stored credentials match")
                || message.contains("could not be found")
                || message.contains("not in wallet")
                || message.equals("Error code 1168");
    }

    /** Tries each backend in turn; the first that connects and answers a read wins. Runs on the worker thread. */
    private static Connected connect(List<KeyringStorageType> candidates) {
        for (KeyringStorageType type : candidates) {
            if (type == KeyringStorageType.GNOME_KEYRING && !secretServiceOnSessionBus()) {
                continue;
            }
            Keyring keyring = null;
            try {
                keyring = Keyring.create(type);
                proveWritable(keyring);
                return new Connected(keyring, type);
            } catch (Exception | LinkageError e) {
                // LinkageError: a native library that does not load on this OS or architecture.
                LOG.debug("keyring backend {} is unavailable: {}", type, chain(e));
                closeQuietly(keyring);
            }
        }
        return null;
    }

    /**
     * Whether a Secret Service runs, or can be started, on the D-Bus session bus. java-keyring 1.0.4 leaves its
     * connection open when the service is missing, and that connection's non-daemon thread keeps the JVM from ending;
     * so the bus is asked first, over a connection of our own that is closed again.
     */
    static boolean secretServiceOnSessionBus() {
        try (DBusConnection bus =
                DBusConnectionBuilder.forSessionBus().withShared(false).build()) {
            DBus dbus = bus.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
            boolean found = dbus.NameHasOwner(SECRET_SERVICE_NAME)
                    || Arrays.asList(dbus.ListActivatableNames()).contains(SECRET_SERVICE_NAME);
            if (!found) {
                LOG.debug("no Secret Service ({}) on the session bus", SECRET_SERVICE_NAME);
            }
            return found;
        } catch (Exception | LinkageError e) {
            LOG.debug("no D-Bus session bus: {}", e.toString());
            return false;
        }
    }

    /**
     * Writes, reads back and deletes a throwaway entry. Connecting is not proof enough: a locked Secret Service
     * collection whose unlock prompt cannot be shown (no display) connects and answers searches, but refuses to store.
     */
    private static void proveWritable(Keyring keyring) throws PasswordAccessException {
        String value = "probe-" + UUID.randomUUID();
        keyring.setPassword(SERVICE, PROBE_ACCOUNT, value);
        try {
            if (!value.equals(keyring.getPassword(SERVICE, PROBE_ACCOUNT))) {
                throw new PasswordAccessException("the keyring returned another value than it was given");
            }
        } finally {
            keyring.deletePassword(SERVICE, PROBE_ACCOUNT);
        }
    }

    private static String chain(Throwable e) {
        StringBuilder text = new StringBuilder(e.toString());
        for (Throwable cause = e.getCause(); cause != null && cause != e; cause = cause.getCause()) {
            text.append(" <- ").append(cause);
        }
        return text.toString();
    }

    private <T> T call(String what, String account, KeyringCall<T> call) {
        if (closed) {
            throw new SecretStoreException("the OS keyring store is closed; cannot " + what + " " + account);
        }
        Future<T> future;
        try {
            future = worker.submit(call::run);
        } catch (RejectedExecutionException e) {
            throw new SecretStoreException("the OS keyring store is closed; cannot " + what + " " + account, e);
        }
        try {
            return future.get(OPERATION_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new SecretStoreException("the " + describe() + " did not answer within "
                    + OPERATION_TIMEOUT.toSeconds() + " s to " + what + " " + account
                    + " (is it locked and waiting for its password?)");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new SecretStoreException(
                    "interrupted while the " + describe() + " was asked to " + what + " " + account);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new SecretStoreException(
                    "cannot " + what + " " + account + " in the " + describe() + ": " + cause, cause);
        }
    }

    private static void closeQuietly(Keyring keyring) {
        if (keyring == null) {
            return;
        }
        try {
            keyring.close();
        } catch (Exception | LinkageError e) {
            LOG.debug("closing the keyring: {}", e.toString());
        }
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "lakeport-keyring");
            thread.setDaemon(true);
            return thread;
        });
    }

    @FunctionalInterface
    private interface KeyringCall<T> {
        T run() throws Exception;
    }

    private record Connected(Keyring keyring, KeyringStorageType type) {}

    /**
     * Passes the probe's result from the worker to the caller exactly once: a keyring that connects after the caller
     * gave up is closed, not leaked.
     */
    private static final class Handoff {
        private Connected connected;
        private boolean taken;

        void offer(Connected result) {
            if (result == null) {
                return;
            }
            boolean late;
            synchronized (this) {
                late = taken;
                if (!late) {
                    connected = result;
                }
            }
            if (late) {
                closeQuietly(result.keyring);
            }
        }

        synchronized Connected take() {
            taken = true;
            Connected result = connected;
            connected = null;
            return result;
        }
    }
}
