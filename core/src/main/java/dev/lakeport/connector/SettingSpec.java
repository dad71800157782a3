package dev.lakeport.connector;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One setting a connector reads, described well enough for the command line's properties, the project store and the
 * desktop's connection form to be generated from it: its key (as written in application.properties), its type, its
 * default, whether it is a credential (kept in the credential store, never in a file), whether it is required, and a
 * line of help.
 *
 * @param group settings shown together in a form, e.g. "Connection" or "Credentials"
 */
public record SettingSpec(
        String key,
        Type type,
        Optional<String> defaultValue,
        boolean secret,
        boolean required,
        String label,
        String help,
        String group,
        List<String> choices) {

    /** How a value is typed and checked as the user types. */
    public enum Type {
        TEXT,
        INTEGER,
        BOOLEAN,
        DURATION,
        URI,
        PATH,
        LIST,
        CHOICE
    }

    public SettingSpec {
        requireNonNull(key, "key is null");
        requireNonNull(type, "type is null");
        defaultValue = defaultValue == null ? Optional.empty() : defaultValue;
        requireNonNull(label, "label is null");
        requireNonNull(help, "help is null");
        requireNonNull(group, "group is null");
        choices = List.copyOf(choices);
        if (key.isBlank() || key.contains(" ")) {
            throw new IllegalArgumentException("a setting key must be one word, got '" + key + "'");
        }
    }

    /** A plain, optional setting without default. */
    public static SettingSpec text(String key, String label, String group, String help) {
        return new SettingSpec(key, Type.TEXT, Optional.empty(), false, false, label, help, group, List.of());
    }

    public SettingSpec asRequired() {
        return new SettingSpec(key, type, defaultValue, secret, true, label, help, group, choices);
    }

    public SettingSpec asSecret() {
        return new SettingSpec(key, type, defaultValue, true, required, label, help, group, choices);
    }

    public SettingSpec typed(Type t) {
        return new SettingSpec(key, t, defaultValue, secret, required, label, help, group, choices);
    }

    public SettingSpec withDefault(String value) {
        return new SettingSpec(key, type, Optional.of(value), secret, required, label, help, group, choices);
    }

    public SettingSpec choices(String... values) {
        return new SettingSpec(key, Type.CHOICE, defaultValue, secret, required, label, help, group, List.of(values));
    }

    /** The same setting under another key, e.g. a destination's copy of a source's key. */
    public SettingSpec rekeyed(String newKey) {
        return new SettingSpec(newKey, type, defaultValue, secret, required, label, help, group, choices);
    }
}
