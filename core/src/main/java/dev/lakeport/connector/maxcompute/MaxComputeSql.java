package dev.lakeport.connector.maxcompute;

import java.util.List;
import java.util.Locale;

/** How statements sent to MaxCompute quote what they name and the values they carry. */
final class MaxComputeSql {
    private MaxComputeSql() {}

    /** A name in backticks; a backtick inside is doubled. */
    static String name(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    /** A string literal in single quotes, with {@code \} and {@code '} escaped by a backslash. */
    static String literal(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\'' -> sb.append("\\'");
                default -> sb.append(c);
            }
        }
        return sb.append('\'').toString();
    }

    /** {@code PARTITION (`dt`='2024-01-01', `region`='eu')}. */
    static String partition(List<String> keys, List<String> values) {
        StringBuilder sb = new StringBuilder("PARTITION (");
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(name(keys.get(i))).append('=').append(literal(values.get(i)));
        }
        return sb.append(')').toString();
    }

    /** A type as MaxCompute writes it, lower-case and without spaces or backticks: {@code map<string,bigint>}. */
    static String type(String type) {
        return type.replace("`", "").replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    }
}
