package dev.lakeport.filter;

import dev.lakeport.filter.FilterNode.Literal;
import dev.lakeport.filter.FilterNode.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Recursive-descent parser for Glue's partition expression grammar:
 *
 * <pre>
 * filter     = or EOF
 * or         = and { OR and }
 * and        = not { AND not }
 * not        = NOT not | primary
 * primary    = "(" or ")" | predicate
 * predicate  = key op value | value op key
 *            | key [NOT] IN "(" value { "," value } ")"
 *            | key [NOT] BETWEEN value AND value
 *            | key [NOT] LIKE string
 *            | key IS [NOT] NULL
 * op         = "=" | "&lt;&gt;" | "!=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;="
 * value      = string | number
 * key        = identifier | `quoted identifier`
 * </pre>
 *
 * Keywords are case-insensitive. Errors carry the 0-based position, what was expected and what was found.
 */
final class FilterParser {

    private enum Kind {
        IDENT,
        QUOTED_IDENT,
        STRING,
        NUMBER,
        OP,
        LPAREN,
        RPAREN,
        COMMA,
        EOF
    }

    private record Token(Kind kind, String text, int start, int end) {
        boolean isKeyword(String keyword) {
            return kind == Kind.IDENT && text.equalsIgnoreCase(keyword);
        }

        boolean isKeyword() {
            return kind == Kind.IDENT && FilterNode.KEYWORDS.contains(text.toUpperCase(Locale.ROOT));
        }
    }

    private final String input;
    private final List<Token> tokens;
    private int index;

    private FilterParser(String input) {
        this.input = input;
        this.tokens = lex(input);
    }

    static FilterNode parse(String input) {
        FilterParser parser = new FilterParser(input);
        Token first = parser.peek();
        if (first.kind == Kind.EOF) {
            throw parser.error(first, "a condition such as dt>=20220101");
        }
        FilterNode node = parser.or();
        Token rest = parser.peek();
        if (rest.kind != Kind.EOF) {
            String expected = rest.kind == Kind.RPAREN ? "no ')' without a matching '('" : "AND, OR or end of input";
            throw parser.error(rest, expected);
        }
        return node;
    }

    private FilterNode or() {
        FilterNode left = and();
        while (peek().isKeyword("OR")) {
            Token or = next();
            expectConditionAfter(or);
            left = new FilterNode.Or(left, and());
        }
        return left;
    }

    private FilterNode and() {
        FilterNode left = not();
        while (peek().isKeyword("AND")) {
            Token and = next();
            expectConditionAfter(and);
            left = new FilterNode.And(left, not());
        }
        return left;
    }

    private FilterNode not() {
        if (peek().isKeyword("NOT")) {
            Token not = next();
            expectConditionAfter(not);
            return new FilterNode.Not(not());
        }
        return primary();
    }

    private void expectConditionAfter(Token operator) {
        Token t = peek();
        boolean startsCondition = t.kind == Kind.LPAREN
                || t.kind == Kind.STRING
                || t.kind == Kind.NUMBER
                || t.kind == Kind.QUOTED_IDENT
                || (t.kind == Kind.IDENT && (!t.isKeyword() || t.isKeyword("NOT")));
        if (!startsCondition) {
            throw error(t, "a condition after '" + operator.text.toUpperCase(Locale.ROOT) + "'");
        }
    }

    private FilterNode primary() {
        Token t = peek();
        if (t.kind == Kind.LPAREN) {
            Token open = next();
            expectConditionAfter(open);
            FilterNode inner = or();
            Token close = peek();
            if (close.kind != Kind.RPAREN) {
                throw error(close, "')' to close the '(' at position " + open.start);
            }
            next();
            return inner;
        }
        if (isKey(t)) {
            next();
            return predicateOn(t);
        }
        if (t.kind == Kind.STRING || t.kind == Kind.NUMBER) {
            next();
            return reversedComparison(t);
        }
        throw error(t, "a condition (a partition key, a value or '(')");
    }

    /** {@code 20220101 <= dt} is read as {@code dt >= 20220101}, so every comparison has its key on the left. */
    private FilterNode reversedComparison(Token value) {
        Token op = peek();
        if (op.kind != Kind.OP) {
            throw error(op, "a comparison operator (=, <>, <, <=, >, >=) after " + describe(value));
        }
        next();
        Token key = peek();
        if (!isKey(key)) {
            throw error(key, "a partition key after '" + op.text + "' (one side of a comparison must be a key)");
        }
        next();
        return new FilterNode.Compare(key.text, op(op).flipped(), literal(value));
    }

    private FilterNode predicateOn(Token keyToken) {
        String key = keyToken.text;
        Token t = peek();
        if (t.kind == Kind.OP) {
            next();
            Token value = peek();
            if (isKey(value)) {
                throw error(value, "a value after '" + t.text + "' (comparing two partition keys is not supported)");
            }
            return new FilterNode.Compare(key, op(t), value(t, "a value after '" + t.text + "'"));
        }
        if (t.isKeyword("IS")) {
            next();
            boolean negated = false;
            if (peek().isKeyword("NOT")) {
                next();
                negated = true;
            }
            Token nul = peek();
            if (!nul.isKeyword("NULL")) {
                throw error(nul, negated ? "NULL after 'IS NOT'" : "NULL or NOT NULL after 'IS'");
            }
            next();
            return new FilterNode.IsNull(key, negated);
        }
        boolean negated = false;
        if (t.isKeyword("NOT")) {
            next();
            negated = true;
            t = peek();
            if (!t.isKeyword("IN") && !t.isKeyword("BETWEEN") && !t.isKeyword("LIKE")) {
                throw error(t, "IN, BETWEEN or LIKE after 'NOT'");
            }
        }
        if (t.isKeyword("IN")) {
            next();
            return in(key, negated);
        }
        if (t.isKeyword("BETWEEN")) {
            next();
            Literal low = value(t, "a value after 'BETWEEN'");
            Token and = peek();
            if (!and.isKeyword("AND")) {
                throw error(and, "AND after 'BETWEEN " + low.text() + "'");
            }
            next();
            Literal high = value(and, "a value after 'BETWEEN ... AND'");
            return new FilterNode.Between(key, low, high, negated);
        }
        if (t.isKeyword("LIKE")) {
            next();
            Token pattern = peek();
            if (pattern.kind != Kind.STRING) {
                throw error(pattern, "a quoted pattern after 'LIKE', e.g. '2022%'");
            }
            next();
            return new FilterNode.Like(key, pattern.text, negated);
        }
        throw error(t, "an operator (=, <>, <, <=, >, >=, IN, BETWEEN, LIKE, IS) after '" + keyToken.text + "'");
    }

    private FilterNode in(String key, boolean negated) {
        Token open = peek();
        if (open.kind != Kind.LPAREN) {
            throw error(open, "'(' after 'IN'");
        }
        next();
        List<Literal> values = new ArrayList<>();
        values.add(value(open, "a value in the IN list"));
        while (true) {
            Token t = peek();
            if (t.kind == Kind.COMMA) {
                next();
                values.add(value(t, "a value after ','"));
            } else if (t.kind == Kind.RPAREN) {
                next();
                return new FilterNode.In(key, values, negated);
            } else {
                throw error(t, "',' or ')' in the IN list");
            }
        }
    }

    private Literal value(Token after, String expected) {
        Token t = peek();
        if (t.kind == Kind.STRING || t.kind == Kind.NUMBER) {
            next();
            return literal(t);
        }
        if (t.isKeyword("NULL")) {
            throw error(t, expected + " (to test for NULL use IS NULL)");
        }
        throw error(t, expected);
    }

    private static Literal literal(Token t) {
        return t.kind == Kind.STRING ? Literal.string(t.text) : Literal.number(t.text);
    }

    private static boolean isKey(Token t) {
        return t.kind == Kind.QUOTED_IDENT || (t.kind == Kind.IDENT && !t.isKeyword());
    }

    private static Op op(Token t) {
        switch (t.text) {
            case "=":
                return Op.EQ;
            case "<>":
            case "!=":
                return Op.NE;
            case "<":
                return Op.LT;
            case "<=":
                return Op.LE;
            case ">":
                return Op.GT;
            default:
                return Op.GE;
        }
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token next() {
        Token t = tokens.get(index);
        if (t.kind != Kind.EOF) {
            index++;
        }
        return t;
    }

    private FilterSyntaxException error(Token found, String expected) {
        return new FilterSyntaxException(input, found.start, expected, describe(found));
    }

    private String describe(Token t) {
        switch (t.kind) {
            case EOF:
                return "end of input";
            case STRING:
                return "the string " + input.substring(t.start, t.end);
            case NUMBER:
                return "the number " + t.text;
            default:
                return "'" + input.substring(t.start, t.end) + "'";
        }
    }

    private static List<Token> lex(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(') {
                out.add(new Token(Kind.LPAREN, "(", i, ++i));
            } else if (c == ')') {
                out.add(new Token(Kind.RPAREN, ")", i, ++i));
            } else if (c == ',') {
                out.add(new Token(Kind.COMMA, ",", i, ++i));
            } else if (c == '=') {
                out.add(new Token(Kind.OP, "=", i, ++i));
            } else if (c == '<' || c == '>') {
                int start = i++;
                if (i < n && (s.charAt(i) == '=' || (c == '<' && s.charAt(i) == '>'))) {
                    i++;
                }
                out.add(new Token(Kind.OP, s.substring(start, i), start, i));
            } else if (c == '!') {
                if (i + 1 < n && s.charAt(i + 1) == '=') {
                    out.add(new Token(Kind.OP, "!=", i, i + 2));
                    i += 2;
                } else {
                    throw new FilterSyntaxException(s, i + 1, "'=' after '!'", foundAt(s, i + 1));
                }
            } else if (c == '\'') {
                int start = i++;
                StringBuilder value = new StringBuilder();
                while (true) {
                    if (i >= n) {
                        throw new FilterSyntaxException(
                                s, start, "a closing quote for the string starting here", "end of input");
                    }
                    char d = s.charAt(i++);
                    if (d == '\'') {
                        if (i < n && s.charAt(i) == '\'') {
                            value.append('\'');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        value.append(d);
                    }
                }
                out.add(new Token(Kind.STRING, value.toString(), start, i));
            } else if (c == '`') {
                int start = i++;
                StringBuilder name = new StringBuilder();
                while (true) {
                    if (i >= n) {
                        throw new FilterSyntaxException(
                                s, start, "a closing backquote for the key name starting here", "end of input");
                    }
                    char d = s.charAt(i++);
                    if (d == '`') {
                        if (i < n && s.charAt(i) == '`') {
                            name.append('`');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        name.append(d);
                    }
                }
                if (name.length() == 0) {
                    throw new FilterSyntaxException(s, start, "a key name between the backquotes", "``");
                }
                out.add(new Token(Kind.QUOTED_IDENT, name.toString(), start, i));
            } else if (isDigit(c) || ((c == '-' || c == '+' || c == '.') && i + 1 < n && isNumberStart(s, i))) {
                int start = i;
                if (c == '-' || c == '+') {
                    i++;
                }
                while (i < n && isDigit(s.charAt(i))) {
                    i++;
                }
                if (i < n && s.charAt(i) == '.') {
                    i++;
                    while (i < n && isDigit(s.charAt(i))) {
                        i++;
                    }
                }
                if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                    int mark = i++;
                    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                        i++;
                    }
                    if (i < n && isDigit(s.charAt(i))) {
                        while (i < n && isDigit(s.charAt(i))) {
                            i++;
                        }
                    } else {
                        i = mark;
                    }
                }
                if (i < n && isIdentifierPart(s.charAt(i))) {
                    // 2022abc is neither a number nor a key; say so instead of reading two tokens.
                    int end = i;
                    while (end < n && isIdentifierPart(s.charAt(end))) {
                        end++;
                    }
                    throw new FilterSyntaxException(
                            s,
                            start,
                            "a number or a key name (a key cannot start with a digit unless `backquoted`)",
                            "'" + s.substring(start, end) + "'");
                }
                out.add(new Token(Kind.NUMBER, s.substring(start, i), start, i));
            } else if (isIdentifierStart(c)) {
                int start = i;
                while (i < n && isIdentifierPart(s.charAt(i))) {
                    i++;
                }
                out.add(new Token(Kind.IDENT, s.substring(start, i), start, i));
            } else if (c == '"') {
                throw new FilterSyntaxException(
                        s, i, "a key, a value or an operator (string values use single quotes)", "'\"'");
            } else {
                throw new FilterSyntaxException(s, i, "a key, a value or an operator", foundAt(s, i));
            }
        }
        out.add(new Token(Kind.EOF, "", n, n));
        return out;
    }

    private static boolean isNumberStart(String s, int i) {
        char c = s.charAt(i);
        int j = i + 1;
        if (c != '.' && j < s.length() && s.charAt(j) == '.') {
            j++;
        }
        return j < s.length() && isDigit(s.charAt(j));
    }

    private static String foundAt(String s, int i) {
        return i >= s.length() ? "end of input" : "'" + s.charAt(i) + "'";
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
