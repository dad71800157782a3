package dev.lakeport.config;

import java.util.Locale;
import java.util.Optional;

/**
 * The seed's {@code mode}. The seed's tool takes the fixed value {@code increment}: compare Glue with DLF and apply
 * only the differences. That is the only way Lakeport works, so it is the only value; whether objects missing from
 * Glue are deleted from DLF is a separate choice ({@code lakeport.allowDeletes}).
 */
public enum Mode {
    INCREMENT("increment");

    private final String value;

    Mode(String value) {
        this.value = value;
    }

    /** The word written in application.properties. */
    public String value() {
        return value;
    }

    public static Optional<Mode> parse(String text) {
        for (Mode m : values()) {
            if (m.value.equals(text.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
