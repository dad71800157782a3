package dev.lakeport.connector;

import static java.util.Objects.requireNonNull;

import dev.lakeport.secret.Secret;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The settings of one side of a migration, by the connector's own keys (as written in application.properties).
 * Credentials are held as {@link Secret}s apart from the rest, so that {@link #toString()}, logs and exported files
 * never see them. Blank values count as absent.
 */
public final class ConnectorSettings {
    private final Map<String, String> values;
    private final Map<String, Secret> secrets;

    private ConnectorSettings(Map<String, String> values, Map<String, Secret> secrets) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
        this.secrets = Collections.unmodifiableMap(new TreeMap<>(secrets));
    }

    /** Cuts {@code all} into plain values and credentials by the connector's description; other keys are dropped. */
    public static ConnectorSettings of(CatalogConnector connector, Map<String, String> all) {
        requireNonNull(connector, "connector is null");
        Map<String, String> values = new TreeMap<>();
        Map<String, Secret> secrets = new TreeMap<>();
        all.forEach((key, value) -> {
            if (value == null || value.isBlank()) {
                return;
            }
            connector.setting(key).ifPresent(spec -> {
                if (spec.secret()) {
                    secrets.put(spec.key(), Secret.of(value.strip()));
                } else {
                    values.put(spec.key(), value.strip());
                }
            });
        });
        return new ConnectorSettings(values, secrets);
    }

    /** Settings from plain values and credentials already apart. */
    public static ConnectorSettings of(Map<String, String> values, Map<String, Secret> secrets) {
        Map<String, String> v = new TreeMap<>();
        values.forEach((k, x) -> {
            if (x != null && !x.isBlank()) {
                v.put(k, x.strip());
            }
        });
        return new ConnectorSettings(v, secrets);
    }

    public static ConnectorSettings empty() {
        return new ConnectorSettings(Map.of(), Map.of());
    }

    /** A plain setting's value, if set. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** A credential, if set. */
    public Optional<Secret> secret(String key) {
        return Optional.ofNullable(secrets.get(key));
    }

    /** Whether the key is set, as a value or a credential. */
    public boolean has(String key) {
        return values.containsKey(key) || secrets.containsKey(key);
    }

    public Map<String, String> values() {
        return values;
    }

    public Map<String, Secret> secrets() {
        return secrets;
    }

    /** These settings with one more plain value (or one replaced). */
    public ConnectorSettings with(String key, String value) {
        Map<String, String> v = new TreeMap<>(values);
        v.put(key, value);
        return new ConnectorSettings(v, secrets);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectorSettings s && s.values.equals(values) && s.secrets.equals(secrets);
    }

    @Override
    public int hashCode() {
        return values.hashCode() * 31 + secrets.hashCode();
    }

    /** The plain values and the credentials' keys, each credential masked. */
    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>(values);
        secrets.keySet().forEach(k -> shown.put(k, Secret.MASK));
        return shown.toString();
    }
}
