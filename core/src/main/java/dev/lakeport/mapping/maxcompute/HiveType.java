package dev.lakeport.mapping.maxcompute;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Hive column type as a metastore writes it ({@code int}, {@code decimal(38,10)}, {@code varchar(20)},
 * {@code array<struct<a:int,b:map<string,double>>>}, {@code uniontype<int,string>}), parsed into its parts. Names are
 * lower case; {@code integer} is {@code int}, {@code double precision} is {@code double}, {@code numeric} is
 * {@code decimal}.
 */
sealed interface HiveType {
    String name();

    record Primitive(String name, List<Integer> parameters) implements HiveType {}

    record Array(HiveType element) implements HiveType {
        @Override
        public String name() {
            return "array";
        }
    }

    record MapType(HiveType key, HiveType value) implements HiveType {
        @Override
        public String name() {
            return "map";
        }
    }

    record Field(String name, HiveType type) {}

    record Struct(List<Field> fields) implements HiveType {
        @Override
        public String name() {
            return "struct";
        }
    }

    record Union(List<HiveType> members) implements HiveType {
        @Override
        public String name() {
            return "uniontype";
        }
    }

    /**
     * @throws IllegalArgumentException saying what was expected where
     */
    static HiveType parse(String text) {
        Parser p = new Parser(text);
        HiveType t = p.type();
        p.skipSpaces();
        if (!p.atEnd()) {
            throw p.error("end of type");
        }
        return t;
    }

    /** A recursive-descent reader of the type grammar. */
    final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        HiveType type() {
            String word = word();
            switch (word) {
                case "array" -> {
                    expect('<');
                    HiveType element = type();
                    expect('>');
                    return new Array(element);
                }
                case "map" -> {
                    expect('<');
                    HiveType key = type();
                    expect(',');
                    HiveType value = type();
                    expect('>');
                    return new MapType(key, value);
                }
                case "struct" -> {
                    expect('<');
                    List<Field> fields = new ArrayList<>();
                    if (!peek('>')) {
                        do {
                            String name = fieldName();
                            expect(':');
                            fields.add(new Field(name, type()));
                        } while (accept(','));
                    }
                    expect('>');
                    return new Struct(List.copyOf(fields));
                }
                case "uniontype" -> {
                    expect('<');
                    List<HiveType> members = new ArrayList<>();
                    do {
                        members.add(type());
                    } while (accept(','));
                    expect('>');
                    return new Union(List.copyOf(members));
                }
                default -> {
                    String name =
                            switch (word) {
                                case "integer" -> "int";
                                case "numeric" -> "decimal";
                                case "double" -> {
                                    int mark = pos;
                                    skipSpaces();
                                    if (pos > mark && text.regionMatches(true, pos, "precision", 0, 9)) {
                                        pos += 9;
                                    } else {
                                        pos = mark;
                                    }
                                    yield "double";
                                }
                                default -> word;
                            };
                    List<Integer> parameters = new ArrayList<>();
                    if (accept('(')) {
                        do {
                            parameters.add(number());
                        } while (accept(','));
                        expect(')');
                    }
                    if ((name.equals("varchar") || name.equals("char")) && parameters.size() != 1) {
                        throw error(name + "(length)");
                    }
                    if (name.equals("decimal") && parameters.size() > 2) {
                        throw error("decimal(precision[,scale])");
                    }
                    return new Primitive(name, List.copyOf(parameters));
                }
            }
        }

        private String word() {
            skipSpaces();
            int start = pos;
            while (!atEnd() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            if (start == pos) {
                throw error("a type name");
            }
            return text.substring(start, pos).toLowerCase(Locale.ROOT);
        }

        private String fieldName() {
            skipSpaces();
            if (accept('`')) {
                int start = pos;
                while (!atEnd() && text.charAt(pos) != '`') {
                    pos++;
                }
                String name = text.substring(start, pos);
                expect('`');
                return name;
            }
            int start = pos;
            while (!atEnd() && text.charAt(pos) != ':' && !Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
            if (start == pos) {
                throw error("a field name");
            }
            return text.substring(start, pos);
        }

        private int number() {
            skipSpaces();
            int start = pos;
            while (!atEnd() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            if (start == pos) {
                throw error("a number");
            }
            return Integer.parseInt(text.substring(start, pos));
        }

        private void expect(char c) {
            if (!accept(c)) {
                throw error("'" + c + "'");
            }
        }

        private boolean accept(char c) {
            skipSpaces();
            if (!atEnd() && text.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        private boolean peek(char c) {
            skipSpaces();
            return !atEnd() && text.charAt(pos) == c;
        }

        void skipSpaces() {
            while (!atEnd() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        boolean atEnd() {
            return pos >= text.length();
        }

        IllegalArgumentException error(String expected) {
            return new IllegalArgumentException("expected " + expected + " at position " + pos + " of '" + text + "'");
        }
    }
}
