package dev.lakeport.app.pages.diff;

import static java.util.Objects.requireNonNull;

/**
 * One line of the side-by-side view: a field's path, its value in the mapped source and in the destination ({@code ""}
 * where the field is absent), and whether it is one of the fields the diff found different.
 */
public record FieldRow(String path, String source, String destination, boolean changed) {
    public FieldRow {
        requireNonNull(path, "path is null");
        requireNonNull(source, "source is null");
        requireNonNull(destination, "destination is null");
    }
}
