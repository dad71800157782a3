package dev.lakeport.app.dialog;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A file type in an open or save dialog, e.g. ("Properties files", ["*.properties"]). */
public record FileFilter(String description, List<String> patterns) {
    public FileFilter {
        requireNonNull(description, "description is null");
        patterns = List.copyOf(patterns);
    }

    public static FileFilter of(String description, String... patterns) {
        return new FileFilter(description, List.of(patterns));
    }
}
