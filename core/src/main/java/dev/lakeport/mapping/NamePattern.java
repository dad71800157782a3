package dev.lakeport.mapping;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A white- or blacklist entry as MMS writes them: {@code db.table} or {@code table}, where {@code *} stands for any
 * run of characters. Matching ignores case. An entry with a dot is matched against {@code db.table}, one without
 * against the table name alone (in any database), so a table whose name itself contains a dot can only be named by
 * a {@code db.table} entry.
 */
public final class NamePattern {
    private final String text;
    private final Pattern regex;

    private NamePattern(String text) {
        this.text = text;
        this.regex = compile(text);
    }

    /** An entry, trimmed; blank entries are refused. */
    public static NamePattern of(String text) {
        requireNonNull(text, "text is null");
        if (text.isBlank()) {
            throw new IllegalArgumentException("empty name pattern");
        }
        return new NamePattern(text.trim());
    }

    /** The entry as given (trimmed). */
    public String text() {
        return text;
    }

    /** Whether the entry names a table in a given database ({@code db.table}) rather than a table anywhere. */
    public boolean qualified() {
        return text.indexOf('.') >= 0;
    }

    /** Matches a single name (a database name in a database list). */
    public boolean matches(String name) {
        return regex.matcher(name.toLowerCase(Locale.ROOT)).matches();
    }

    /** Matches a table, by {@code db.table} when the entry is qualified, else by the table name. */
    public boolean matchesTable(String database, String table) {
        return qualified() ? matches(database + "." + table) : matches(table);
    }

    private static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        String[] parts = glob.toLowerCase(Locale.ROOT).split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            if (!parts[i].isEmpty()) {
                regex.append(Pattern.quote(parts[i]));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NamePattern other && text.equalsIgnoreCase(other.text);
    }

    @Override
    public int hashCode() {
        return text.toLowerCase(Locale.ROOT).hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
