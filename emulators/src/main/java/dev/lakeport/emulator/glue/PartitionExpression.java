package dev.lakeport.emulator.glue;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The partition filter of GetPartitions ({@code Expression}): a parser for Glue's SQL-like predicate grammar and a
 * compiled predicate over a partition's values. Comparisons follow the partition key's declared type: numbers for
 * the integral and decimal types, dates for {@code date}, strings otherwise.
 */
final class PartitionExpression {
    /** How a partition key's values compare. */
    enum KeyType {
        STRING,
        NUMBER,
        DATE;

        static KeyType of(String hiveType) {
            String t = hiveType == null ? "" : hiveType.trim().toLowerCase(Locale.ROOT);
            if (t.startsWith("tinyint")
                    || t.startsWith("smallint")
                    || t.equals("int")
                    || t.startsWith("integer")
                    || t.startsWith("bigint")
                    || t.startsWith("decimal")
                    || t.startsWith("numeric")
                    || t.startsWith("float")
                    || t.startsWith("double")
                    || t.startsWith("real")) {
                return NUMBER;
            }
            if (t.equals("date")) {
                return DATE;
            }
            return STRING;
        }
    }

    /** A compiled filter over one partition's values (in partition-key order). */
    interface Predicate {
        boolean test(String[] values);
    }

    private PartitionExpression() {}

    /**
     * Parses {@code text} against the table's partition keys.
     *
     * @throws GlueServiceException InvalidInputException naming the position of a syntax error or an unknown key
     */
    static Predicate compile(String text, List<String> keyNames, List<KeyType> keyTypes) {
        requireNonNull(text, "text is null");
        Parser parser = new Parser(new Lexer(text).tokens(), keyNames, keyTypes);
        Predicate predicate = parser.parseExpression();
        parser.expectEnd();
        return predicate;
    }

    // ---------------------------------------------------------------- lexer

    private enum Kind {
        IDENT,
        STRING,
        NUMBER,
        OP,
        LPAREN,
        RPAREN,
        COMMA,
        END
    }

    private record Token(Kind kind, String text, int position) {
        boolean isKeyword(String keyword) {
            return kind == Kind.IDENT && text.equalsIgnoreCase(keyword);
        }
    }

    private static final class Lexer {
        private final String text;
        private int pos;

        Lexer(String text) {
            this.text = text;
        }

        List<Token> tokens() {
            List<Token> tokens = new ArrayList<>();
            while (true) {
                while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                    pos++;
                }
                if (pos >= text.length()) {
                    tokens.add(new Token(Kind.END, "", pos));
                    return tokens;
                }
                int start = pos;
                char c = text.charAt(pos);
                if (c == '\'') {
                    tokens.add(new Token(Kind.STRING, quoted(), start));
                } else if (c == '`' || c == '"') {
                    // Quoted identifiers let keys named like keywords be used.
                    int end = text.indexOf(c, pos + 1);
                    if (end < 0) {
                        throw syntax(start, "unterminated quoted identifier");
                    }
                    tokens.add(new Token(Kind.IDENT, text.substring(pos + 1, end), start));
                    pos = end + 1;
                } else if (Character.isDigit(c) || (c == '-' && pos + 1 < text.length() && isNumberStart(pos + 1))) {
                    pos++;
                    while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
                        pos++;
                    }
                    tokens.add(new Token(Kind.NUMBER, text.substring(start, pos), start));
                } else if (Character.isLetter(c) || c == '_') {
                    while (pos < text.length()
                            && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                        pos++;
                    }
                    tokens.add(new Token(Kind.IDENT, text.substring(start, pos), start));
                } else if (c == '(') {
                    pos++;
                    tokens.add(new Token(Kind.LPAREN, "(", start));
                } else if (c == ')') {
                    pos++;
                    tokens.add(new Token(Kind.RPAREN, ")", start));
                } else if (c == ',') {
                    pos++;
                    tokens.add(new Token(Kind.COMMA, ",", start));
                } else if (c == '=' || c == '<' || c == '>' || c == '!') {
                    pos++;
                    if (pos < text.length()) {
                        char n = text.charAt(pos);
                        if ((c == '<' && (n == '=' || n == '>')) || (c == '>' && n == '=') || (c == '!' && n == '=')) {
                            pos++;
                        }
                    }
                    String op = text.substring(start, pos);
                    if (op.equals("!")) {
                        throw syntax(start, "unexpected '!'");
                    }
                    tokens.add(new Token(Kind.OP, op, start));
                } else {
                    throw syntax(start, "unexpected character '" + c + "'");
                }
            }
        }

        private boolean isNumberStart(int at) {
            return Character.isDigit(text.charAt(at));
        }

        private String quoted() {
            int start = pos;
            StringBuilder value = new StringBuilder();
            pos++;
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == '\'') {
                    if (pos < text.length() && text.charAt(pos) == '\'') {
                        value.append('\'');
                        pos++;
                    } else {
                        return value.toString();
                    }
                } else {
                    value.append(c);
                }
            }
            throw syntax(start, "unterminated string literal");
        }
    }

    static GlueServiceException syntax(int position, String what) {
        return GlueServiceException.invalidInput(
                "Unsupported expression: syntax error at position " + position + ": " + what);
    }

    // ---------------------------------------------------------------- parser

    /** A side of a comparison: a partition key or a literal. */
    private record Operand(int keyIndex, Token literal) {
        boolean isKey() {
            return keyIndex >= 0;
        }
    }

    private static final class Parser {
        private final List<Token> tokens;
        private final List<String> keyNames;
        private final List<KeyType> keyTypes;
        private int index;

        Parser(List<Token> tokens, List<String> keyNames, List<KeyType> keyTypes) {
            this.tokens = tokens;
            this.keyNames = keyNames;
            this.keyTypes = keyTypes;
        }

        void expectEnd() {
            Token t = peek();
            if (t.kind() != Kind.END) {
                throw syntax(t.position(), "unexpected '" + t.text() + "'");
            }
        }

        private Token peek() {
            return tokens.get(index);
        }

        private Token next() {
            return tokens.get(index++);
        }

        private boolean acceptKeyword(String keyword) {
            if (peek().isKeyword(keyword)) {
                index++;
                return true;
            }
            return false;
        }

        private void expectKeyword(String keyword) {
            Token t = peek();
            if (!t.isKeyword(keyword)) {
                throw syntax(t.position(), "expected " + keyword + " but found '" + t.text() + "'");
            }
            index++;
        }

        private void expect(Kind kind, String what) {
            Token t = peek();
            if (t.kind() != kind) {
                throw syntax(t.position(), "expected " + what + " but found '" + t.text() + "'");
            }
            index++;
        }

        Predicate parseExpression() {
            Predicate left = parseAnd();
            while (acceptKeyword("OR")) {
                Predicate a = left;
                Predicate b = parseAnd();
                left = values -> a.test(values) || b.test(values);
            }
            return left;
        }

        private Predicate parseAnd() {
            Predicate left = parseNot();
            while (acceptKeyword("AND")) {
                Predicate a = left;
                Predicate b = parseNot();
                left = values -> a.test(values) && b.test(values);
            }
            return left;
        }

        private Predicate parseNot() {
            if (acceptKeyword("NOT")) {
                Predicate inner = parseNot();
                return values -> !inner.test(values);
            }
            return parsePredicate();
        }

        private Predicate parsePredicate() {
            Token t = peek();
            if (t.kind() == Kind.LPAREN) {
                index++;
                Predicate inner = parseExpression();
                expect(Kind.RPAREN, "')'");
                return inner;
            }
            Operand left = parseOperand();
            Token op = peek();
            if (op.kind() == Kind.OP) {
                index++;
                Operand right = parseOperand();
                return comparison(left, op, right);
            }
            if (acceptKeyword("IS")) {
                boolean negated = acceptKeyword("NOT");
                expectKeyword("NULL");
                // Partition values are never null in Glue; a literal is never null either.
                return values -> negated;
            }
            boolean negated = acceptKeyword("NOT");
            Predicate predicate;
            if (acceptKeyword("IN")) {
                predicate = in(left);
            } else if (acceptKeyword("BETWEEN")) {
                Operand low = parseOperand();
                expectKeyword("AND");
                Operand high = parseOperand();
                Predicate lower = comparison(left, new Token(Kind.OP, ">=", op.position()), low);
                Predicate upper = comparison(left, new Token(Kind.OP, "<=", op.position()), high);
                predicate = values -> lower.test(values) && upper.test(values);
            } else if (acceptKeyword("LIKE")) {
                Operand pattern = parseOperand();
                predicate = like(left, pattern);
            } else {
                Token found = peek();
                throw syntax(found.position(), "expected a comparison but found '" + found.text() + "'");
            }
            if (negated) {
                Predicate inner = predicate;
                return values -> !inner.test(values);
            }
            return predicate;
        }

        private Operand parseOperand() {
            Token t = next();
            switch (t.kind()) {
                case IDENT:
                    if (isReserved(t)) {
                        throw syntax(t.position(), "unexpected keyword '" + t.text() + "'");
                    }
                    for (int i = 0; i < keyNames.size(); i++) {
                        if (keyNames.get(i).equalsIgnoreCase(t.text())) {
                            return new Operand(i, null);
                        }
                    }
                    throw GlueServiceException.invalidInput("Unsupported expression: unknown partition key '" + t.text()
                            + "' at position " + t.position());
                case STRING:
                case NUMBER:
                    return new Operand(-1, t);
                default:
                    throw syntax(
                            t.position(),
                            t.kind() == Kind.END ? "unexpected end of expression" : "unexpected '" + t.text() + "'");
            }
        }

        private static boolean isReserved(Token t) {
            for (String k : new String[] {"AND", "OR", "NOT", "IN", "BETWEEN", "LIKE", "IS", "NULL"}) {
                if (t.isKeyword(k)) {
                    return true;
                }
            }
            return false;
        }

        private Predicate in(Operand left) {
            expect(Kind.LPAREN, "'('");
            List<Operand> items = new ArrayList<>();
            items.add(parseOperand());
            while (peek().kind() == Kind.COMMA) {
                index++;
                items.add(parseOperand());
            }
            expect(Kind.RPAREN, "')'");
            List<Predicate> tests = new ArrayList<>();
            for (Operand item : items) {
                tests.add(comparison(left, new Token(Kind.OP, "=", 0), item));
            }
            Predicate[] array = tests.toArray(new Predicate[0]);
            return values -> {
                for (Predicate p : array) {
                    if (p.test(values)) {
                        return true;
                    }
                }
                return false;
            };
        }

        private Predicate like(Operand left, Operand pattern) {
            if (pattern.isKey()) {
                throw GlueServiceException.invalidInput("Unsupported expression: LIKE needs a string pattern");
            }
            Pattern regex = likePattern(pattern.literal().text());
            if (left.isKey()) {
                int key = left.keyIndex();
                return values -> regex.matcher(values[key]).matches();
            }
            boolean constant = regex.matcher(left.literal().text()).matches();
            return values -> constant;
        }

        private Predicate comparison(Operand left, Token op, Operand right) {
            String operator = op.text();
            if (!left.isKey() && !right.isKey()) {
                int c = compareLiterals(left.literal(), right.literal());
                boolean constant = holds(operator, c);
                return values -> constant;
            }
            if (left.isKey() && right.isKey()) {
                KeyType type = keyTypes.get(left.keyIndex());
                int a = left.keyIndex();
                int b = right.keyIndex();
                return values -> {
                    Comparable<Object> x = typed(type, values[a]);
                    Object y = typed(type, values[b]);
                    return x != null && y != null && holds(operator, x.compareTo(y));
                };
            }
            boolean keyOnLeft = left.isKey();
            int key = keyOnLeft ? left.keyIndex() : right.keyIndex();
            Token literal = keyOnLeft ? right.literal() : left.literal();
            KeyType type = keyTypes.get(key);
            Object constant = literalAs(type, literal);
            return values -> {
                Comparable<Object> value = typed(type, values[key]);
                if (value == null) {
                    return false;
                }
                int c = value.compareTo(constant);
                return holds(operator, keyOnLeft ? c : -c);
            };
        }

        private static Object literalAs(KeyType type, Token literal) {
            Comparable<Object> value = typed(type, literal.text());
            if (value == null) {
                throw GlueServiceException.invalidInput("Unsupported expression: '" + literal.text() + "' at position "
                        + literal.position() + " is not a valid " + type.name().toLowerCase(Locale.ROOT));
            }
            return value;
        }

        private static int compareLiterals(Token a, Token b) {
            if (a.kind() == Kind.NUMBER && b.kind() == Kind.NUMBER) {
                return new BigDecimal(a.text()).compareTo(new BigDecimal(b.text()));
            }
            return a.text().compareTo(b.text());
        }
    }

    @SuppressWarnings("unchecked")
    private static Comparable<Object> typed(KeyType type, String text) {
        switch (type) {
            case NUMBER:
                try {
                    return (Comparable<Object>) (Comparable<?>) new BigDecimal(text.trim());
                } catch (NumberFormatException e) {
                    return null;
                }
            case DATE:
                try {
                    return (Comparable<Object>) (Comparable<?>) LocalDate.parse(text.trim());
                } catch (DateTimeParseException e) {
                    return null;
                }
            default:
                return (Comparable<Object>) (Comparable<?>) text;
        }
    }

    private static boolean holds(String operator, int c) {
        switch (operator) {
            case "=":
                return c == 0;
            case "<>":
            case "!=":
                return c != 0;
            case "<":
                return c < 0;
            case "<=":
                return c <= 0;
            case ">":
                return c > 0;
            case ">=":
                return c >= 0;
            default:
                throw GlueServiceException.invalidInput("Unsupported expression: unknown operator '" + operator + "'");
        }
    }

    static Pattern likePattern(String like) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < like.length(); i++) {
            char c = like.charAt(i);
            if (c == '%' || c == '_') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '%' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
