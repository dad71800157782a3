package dev.lakeport.model;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * How a partition is named to a user: Hive's {@code key=value/key=value}, with Hive's path escaping (the rules of
 * Hive's {@code FileUtils.escapePathName}: control characters, DEL and <code>"#%'*&#47;:=?\{[]^</code> become
 * {@code %XX}),
 * so that a value holding {@code /} or {@code =} cannot be confused with the separators and every name parses back to
 * its values. An empty value is Hive's default partition, {@value #DEFAULT_PARTITION}. Everything that shows a
 * partition (result log, failed items, reports, the command line, the desktop) uses this one form.
 */
public final class PartitionName {
    /** Hive's name for a partition whose value is empty or null. */
    public static final String DEFAULT_PARTITION = "__HIVE_DEFAULT_PARTITION__";

    private static final boolean[] ESCAPE = new boolean[128];

    static {
        for (char c = 0; c < ' '; c++) {
            ESCAPE[c] = true;
        }
        for (char c : "\"#%'*/:=?\\\u007F{[]^".toCharArray()) {
            ESCAPE[c] = true;
        }
    }

    /** One {@code key=value} part; {@code key} is empty when the partition key's name is not known. */
    public record Part(String key, String value) {
        public Part {
            requireNonNull(key, "key is null");
            requireNonNull(value, "value is null");
        }
    }

    private PartitionName() {}

    /**
     * {@code k1=v1/k2=v2}: each value named by the partition key at its position. A value whose key is not known (fewer
     * names than values) is shown escaped on its own.
     */
    public static String of(List<String> keyNames, List<String> values) {
        requireNonNull(keyNames, "keyNames is null");
        requireNonNull(values, "values is null");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append('/');
            }
            if (i < keyNames.size()) {
                escape(keyNames.get(i), sb);
                sb.append('=');
            }
            String value = values.get(i);
            if (value == null || value.isEmpty()) {
                sb.append(DEFAULT_PARTITION);
            } else {
                escape(value, sb);
            }
        }
        return sb.toString();
    }

    /** The parts of a name made by {@link #of}, unescaped. */
    public static List<Part> parse(String name) {
        requireNonNull(name, "name is null");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a partition name is not empty");
        }
        List<Part> parts = new ArrayList<>();
        for (String part : name.split("/", -1)) {
            int eq = part.indexOf('=');
            String key = eq < 0 ? "" : unescape(part.substring(0, eq));
            String value = unescape(eq < 0 ? part : part.substring(eq + 1));
            parts.add(new Part(key, value.equals(DEFAULT_PARTITION) ? "" : value));
        }
        return parts;
    }

    /** The values of a name made by {@link #of}. */
    public static List<String> values(String name) {
        return parse(name).stream().map(Part::value).toList();
    }

    /** Hive's path escaping of one name or value. */
    public static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        escape(s, sb);
        return sb.toString();
    }

    private static void escape(String s, StringBuilder sb) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < ESCAPE.length && ESCAPE[c]) {
                sb.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
            } else {
                sb.append(c);
            }
        }
    }

    /** Undoes {@link #escape}; like Hive, a {@code %} not followed by two hex digits stays as it is. */
    public static String unescape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
                sb.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
    }
}
