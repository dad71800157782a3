package dev.lakeport.app;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * The window's own settings (theme, language) and whether it has started before, in a small properties file in the
 * app's config folder.
 */
public final class AppPreferences {
    private static final String THEME = "theme";
    private static final String LANGUAGE = "language";
    private static final String STARTED = "started";

    private final Path file;
    private final Properties values = new Properties();

    public AppPreferences(Path file) {
        this.file = requireNonNull(file, "file is null");
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                values.load(reader);
            } catch (IOException | IllegalArgumentException e) {
                // Unreadable preferences fall back to the defaults; the file is rewritten on the next change.
                values.clear();
            }
        }
    }

    public boolean darkTheme() {
        return "dark".equals(values.getProperty(THEME));
    }

    public void setDarkTheme(boolean dark) {
        values.setProperty(THEME, dark ? "dark" : "light");
        write();
    }

    public Optional<Locale> language() {
        return Optional.ofNullable(values.getProperty(LANGUAGE)).map(Locale::forLanguageTag);
    }

    public void setLanguage(Locale locale) {
        values.setProperty(LANGUAGE, locale.toLanguageTag());
        write();
    }

    /** True until {@link #markStarted()}: the user has never started the desktop (with these preferences). */
    public boolean firstStart() {
        return !values.containsKey(STARTED);
    }

    public void markStarted() {
        values.setProperty(STARTED, "true");
        write();
    }

    private void write() {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                values.store(writer, "Lakeport desktop preferences");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
