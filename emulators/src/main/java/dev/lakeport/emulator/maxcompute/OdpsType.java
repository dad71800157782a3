package dev.lakeport.emulator.maxcompute;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A MaxCompute column type parsed from its lower-case text ({@code decimal(10,2)}, {@code array<bigint>},
 * {@code map<string,struct<x:bigint,y:string>>}): the base name, the element types of a complex type (one for
 * {@code array}, key and value for {@code map}, one per field for {@code struct}) and a struct's field names.
 */
record OdpsType(String name, List<OdpsType> children, List<String> fieldNames, int precision, int scale) {
    OdpsType {
        requireNonNull(name, "name is null");
        children = List.copyOf(children);
        fieldNames = List.copyOf(fieldNames);
    }

    static OdpsType parse(String text) {
        Parser p = new Parser(requireNonNull(text, "type is null"));
        OdpsType type = p.type();
        p.skipSpaces();
        if (p.pos != text.length()) {
            throw new IllegalArgumentException("type '" + text + "' has unexpected text at " + p.pos);
        }
        return type;
    }

    boolean is(String base) {
        return name.equals(base);
    }

    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        void skipSpaces() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        String word() {
            skipSpaces();
            int start = pos;
            if (pos < s.length() && s.charAt(pos) == '`') {
                int end = s.indexOf('`', pos + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("type '" + s + "' has an unclosed `");
                }
                pos = end + 1;
                return s.substring(start + 1, end);
            }
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
                pos++;
            }
            if (start == pos) {
                throw new IllegalArgumentException("type '" + s + "' lacks a name at " + pos);
            }
            return s.substring(start, pos);
        }

        void expect(char c) {
            skipSpaces();
            if (pos >= s.length() || s.charAt(pos) != c) {
                throw new IllegalArgumentException("type '" + s + "' lacks '" + c + "' at " + pos);
            }
            pos++;
        }

        boolean accept(char c) {
            skipSpaces();
            if (pos < s.length() && s.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        OdpsType type() {
            String base = word().toLowerCase(Locale.ROOT);
            List<OdpsType> children = new ArrayList<>();
            List<String> names = new ArrayList<>();
            int precision = -1;
            int scale = -1;
            switch (base) {
                case "array" -> {
                    expect('<');
                    children.add(type());
                    expect('>');
                }
                case "map" -> {
                    expect('<');
                    children.add(type());
                    expect(',');
                    children.add(type());
                    expect('>');
                }
                case "struct" -> {
                    expect('<');
                    do {
                        names.add(word());
                        expect(':');
                        children.add(type());
                        // A field may carry a comment: struct<x:bigint comment 'the x'>.
                        skipSpaces();
                        if (s.regionMatches(true, pos, "comment", 0, 7)) {
                            pos += 7;
                            skipSpaces();
                            char q = s.charAt(pos);
                            int end = s.indexOf(q, pos + 1);
                            pos = end + 1;
                        }
                    } while (accept(','));
                    expect('>');
                }
                default -> {
                    if (accept('(')) {
                        precision = Integer.parseInt(word());
                        if (accept(',')) {
                            scale = Integer.parseInt(word());
                        }
                        expect(')');
                    }
                }
            }
            return new OdpsType(base, children, names, precision, scale);
        }
    }
}
