package dev.lakeport.emulator.dlf;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Parses the Hive-style partition filter DLF's ListPartitionsByFilter takes ({@code dt>='20220101' and hr in ('01',
 * '02')}): comparisons, IN, LIKE, BETWEEN, AND / OR / NOT and parentheses over partition keys. A comparison is numeric
 * when both sides are numbers, otherwise it compares strings, as Hive does for string-typed keys.
 */
final class PartitionFilter {
    private final List<String> keys;
    private final List<String> tokens;
    private int pos;

    private PartitionFilter(List<String> keys, String text) {
        this.keys = keys.stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
        this.tokens = tokenize(text);
    }

    /** A predicate over partition values; throws {@link DlfException} InvalidInput for a bad filter. */
    static Predicate<List<String>> parse(List<String> partitionKeys, String text) {
        if (text == null || text.isBlank()) {
            return v -> true;
        }
        PartitionFilter parser = new PartitionFilter(partitionKeys, text);
        Predicate<List<String>> p = parser.or();
        if (parser.pos != parser.tokens.size()) {
            throw DlfException.invalidInput("Filter: unexpected '" + parser.tokens.get(parser.pos) + "'");
        }
        return p;
    }

    private Predicate<List<String>> or() {
        Predicate<List<String>> left = and();
        while (acceptWord("or")) {
            left = left.or(and());
        }
        return left;
    }

    private Predicate<List<String>> and() {
        Predicate<List<String>> left = not();
        while (acceptWord("and")) {
            left = left.and(not());
        }
        return left;
    }

    private Predicate<List<String>> not() {
        if (acceptWord("not")) {
            return not().negate();
        }
        return primary();
    }

    private Predicate<List<String>> primary() {
        if (accept("(")) {
            Predicate<List<String>> inner = or();
            expect(")");
            return inner;
        }
        String column = next();
        int index = keys.indexOf(unquoteIdentifier(column).toLowerCase(Locale.ROOT));
        if (index < 0) {
            throw DlfException.invalidInput("Filter: '" + column + "' is not a partition key");
        }
        boolean negated = acceptWord("not");
        Predicate<List<String>> p;
        if (acceptWord("in")) {
            expect("(");
            List<String> literals = new ArrayList<>();
            do {
                literals.add(literal());
            } while (accept(","));
            expect(")");
            p = v -> literals.stream().anyMatch(l -> compare(v.get(index), l) == 0);
        } else if (acceptWord("like")) {
            Pattern pattern = likePattern(literal());
            p = v -> pattern.matcher(v.get(index)).matches();
        } else if (acceptWord("between")) {
            String low = literal();
            if (!acceptWord("and")) {
                throw DlfException.invalidInput("Filter: BETWEEN needs AND");
            }
            String high = literal();
            p = v -> compare(v.get(index), low) >= 0 && compare(v.get(index), high) <= 0;
        } else {
            if (negated) {
                throw DlfException.invalidInput("Filter: NOT must precede IN, LIKE or BETWEEN");
            }
            String op = next();
            String literal = literal();
            p = switch (op) {
                case "=", "==" -> v -> compare(v.get(index), literal) == 0;
                case "!=", "<>" -> v -> compare(v.get(index), literal) != 0;
                case "<" -> v -> compare(v.get(index), literal) < 0;
                case "<=" -> v -> compare(v.get(index), literal) <= 0;
                case ">" -> v -> compare(v.get(index), literal) > 0;
                case ">=" -> v -> compare(v.get(index), literal) >= 0;
                default -> throw DlfException.invalidInput("Filter: unknown operator '" + op + "'");
            };
        }
        return negated ? p.negate() : p;
    }

    private static int compare(String value, String literal) {
        if (value == null) {
            return -1;
        }
        BigDecimal a = number(value);
        BigDecimal b = number(literal);
        if (a != null && b != null) {
            return a.compareTo(b);
        }
        return value.compareTo(literal);
    }

    private static BigDecimal number(String s) {
        try {
            return new BigDecimal(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Pattern likePattern(String like) {
        StringBuilder regex = new StringBuilder();
        for (char c : like.toCharArray()) {
            if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private String literal() {
        String t = next();
        if (t.length() >= 2 && (t.charAt(0) == '\'' || t.charAt(0) == '"')) {
            return t.substring(1, t.length() - 1);
        }
        if (number(t) == null) {
            throw DlfException.invalidInput("Filter: expected a literal, got '" + t + "'");
        }
        return t;
    }

    private static String unquoteIdentifier(String t) {
        return t.length() >= 2 && t.startsWith("`") && t.endsWith("`") ? t.substring(1, t.length() - 1) : t;
    }

    private String next() {
        if (pos >= tokens.size()) {
            throw DlfException.invalidInput("Filter: unexpected end");
        }
        return tokens.get(pos++);
    }

    private boolean accept(String token) {
        if (pos < tokens.size() && tokens.get(pos).equals(token)) {
            pos++;
            return true;
        }
        return false;
    }

    private boolean acceptWord(String word) {
        if (pos < tokens.size() && tokens.get(pos).equalsIgnoreCase(word)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(String token) {
        if (!accept(token)) {
            throw DlfException.invalidInput("Filter: expected '" + token + "'");
        }
    }

    private static List<String> tokenize(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'' || c == '"' || c == '`') {
                int end = s.indexOf(c, i + 1);
                if (end < 0) {
                    throw DlfException.invalidInput("Filter: unterminated quote");
                }
                out.add(s.substring(i, end + 1));
                i = end + 1;
            } else if ("(),".indexOf(c) >= 0) {
                out.add(String.valueOf(c));
                i++;
            } else if ("=<>!".indexOf(c) >= 0) {
                int start = i;
                while (i < s.length() && "=<>!".indexOf(s.charAt(i)) >= 0) {
                    i++;
                }
                out.add(s.substring(start, i));
            } else {
                int start = i;
                while (i < s.length()
                        && !Character.isWhitespace(s.charAt(i))
                        && "()=<>!,'\"`".indexOf(s.charAt(i)) < 0) {
                    i++;
                }
                out.add(s.substring(start, i));
            }
        }
        return out;
    }
}
