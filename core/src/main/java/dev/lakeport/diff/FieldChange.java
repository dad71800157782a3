package dev.lakeport.diff;

import static java.util.Objects.requireNonNull;

/**
 * One field that differs in a {@code needUpdate}: a JSON path into the canonical form (e.g.
 * {@code storageDescriptor.location}, {@code parameters.classification}, {@code storageDescriptor.columns[2].type}),
 * the destination's value before the update and the source's value after it. Values are compact JSON (plain text for
 * strings), {@code ""} when the field is absent on that side, and cut at {@link #MAX_VALUE_LENGTH} characters.
 */
public record FieldChange(String path, String before, String after) {
    public static final int MAX_VALUE_LENGTH = 500;

    public FieldChange {
        requireNonNull(path, "path is null");
        requireNonNull(before, "before is null");
        requireNonNull(after, "after is null");
        before = truncate(before);
        after = truncate(after);
    }

    static String truncate(String value) {
        if (value.length() <= MAX_VALUE_LENGTH) {
            return value;
        }
        return value.substring(0, MAX_VALUE_LENGTH) + "… (" + value.length() + " chars)";
    }
}
