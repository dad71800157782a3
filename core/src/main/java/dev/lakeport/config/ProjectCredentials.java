package dev.lakeport.config;

import static java.util.Objects.requireNonNull;

import dev.lakeport.secret.Secret;
import dev.lakeport.secret.SecretStore;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps a project's credentials in a {@link SecretStore} and the rest of its settings for the project file. The
 * credentials are the {@link ConfigKeys#SECRET_KEYS} (access key ids, secrets, the session token); each is stored
 * under the account {@code <projectId>/<key>}, e.g. {@code 3f2c.../aws.secretAccessKey}.
 *
 * <p>Keys are matched regardless of case, so a mistyped {@code AWS.SecretAccessKey} is kept out of the project file
 * too; it is stored under the key's proper spelling.
 */
public final class ProjectCredentials {
    private final SecretStore store;

    public ProjectCredentials(SecretStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    /** A settings map cut in two: what may go to the project file, and the credentials (by their proper key). */
    public record Split(Map<String, String> settings, Map<String, Secret> secrets) {
        public Split {
            settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
            secrets = Collections.unmodifiableMap(new LinkedHashMap<>(secrets));
        }
    }

    /** The account under which a project's credential is stored. */
    public static String account(String projectId, String key) {
        if (projectId == null || projectId.isBlank() || projectId.contains("/")) {
            throw new IllegalArgumentException("the project id is blank or holds a '/'");
        }
        return projectId + "/" + requireNonNull(key, "key is null");
    }

    /**
     * Cuts {@code settings} (application.properties keys) into the settings without any credential and the
     * credentials. Blank credentials count as absent and are in neither part. Nothing is stored.
     */
    public static Split split(Map<String, String> settings) {
        requireNonNull(settings, "settings is null");
        Map<String, String> rest = new LinkedHashMap<>();
        Map<String, Secret> secrets = new LinkedHashMap<>();
        settings.forEach((key, value) -> {
            Optional<String> secretKey = secretKey(key);
            if (secretKey.isEmpty()) {
                rest.put(key, value);
            } else if (value != null && !value.isBlank()) {
                secrets.put(secretKey.get(), Secret.of(value.strip()));
            }
        });
        return new Split(rest, secrets);
    }

    /**
     * Stores the project's credentials from {@code settings} and returns the other settings, for the project file.
     * The store ends up holding exactly the credentials in {@code settings}: one that is absent or blank there is
     * deleted from the store (the user cleared the field).
     */
    public Map<String, String> save(String projectId, Map<String, String> settings) {
        Split split = split(settings);
        for (String key : ConfigKeys.SECRET_KEYS) {
            String account = account(projectId, key);
            Secret secret = split.secrets().get(key);
            if (secret == null) {
                store.delete(account);
            } else {
                store.put(account, secret);
            }
        }
        return split.settings();
    }

    /**
     * {@code settings} (read from the project file) with the project's credentials filled back in from the store. A
     * credential that {@code settings} already holds, not blank, is kept: what the user gave wins over what was
     * stored.
     */
    public Map<String, String> restore(String projectId, Map<String, String> settings) {
        requireNonNull(settings, "settings is null");
        Map<String, String> restored = new LinkedHashMap<>(settings);
        for (String key : ConfigKeys.SECRET_KEYS) {
            String given = restored.get(key);
            if (given != null && !given.isBlank()) {
                continue;
            }
            store.get(account(projectId, key)).ifPresent(secret -> restored.put(key, secret.reveal()));
        }
        return restored;
    }

    /** The project's stored credentials, by key; none is revealed. */
    public Map<String, Secret> load(String projectId) {
        Map<String, Secret> secrets = new LinkedHashMap<>();
        for (String key : ConfigKeys.SECRET_KEYS) {
            store.get(account(projectId, key)).ifPresent(secret -> secrets.put(key, secret));
        }
        return secrets;
    }

    /** Removes every credential of the project from the store (the project was deleted). */
    public void delete(String projectId) {
        for (String key : ConfigKeys.SECRET_KEYS) {
            store.delete(account(projectId, key));
        }
    }

    /** Whether {@code key} is a credential key, and its proper spelling. */
    static Optional<String> secretKey(String key) {
        if (key == null) {
            return Optional.empty();
        }
        String k = key.strip().toLowerCase(Locale.ROOT);
        return ConfigKeys.SECRET_KEYS.stream()
                .filter(s -> s.toLowerCase(Locale.ROOT).equals(k))
                .findFirst();
    }
}
