package dev.lakeport.filter;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The syntax tree of a partition filter. Binary AND / OR keep the shape the text had, so printing and re-parsing
 * gives back an equal tree. Key names are stored lower-cased: Hive and Glue partition keys are case-insensitive.
 */
sealed interface FilterNode {

    /** Binding strength when printing: OR binds loosest, a predicate tightest. */
    int precedence();

    void render(StringBuilder out);

    Set<String> KEYWORDS = Set.of("AND", "OR", "NOT", "IN", "BETWEEN", "LIKE", "IS", "NULL");
    Pattern BARE_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** The comparison operators; {@code !=} is read as {@code <>}, which is the spelling printed. */
    enum Op {
        EQ("="),
        NE("<>"),
        LT("<"),
        LE("<="),
        GT(">"),
        GE(">=");

        final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        /** The operator that gives the same result with the operands swapped ({@code 5 < k} is {@code k > 5}). */
        Op flipped() {
            switch (this) {
                case LT:
                    return GT;
                case LE:
                    return GE;
                case GT:
                    return LT;
                case GE:
                    return LE;
                default:
                    return this;
            }
        }

        boolean test(int comparison) {
            switch (this) {
                case EQ:
                    return comparison == 0;
                case NE:
                    return comparison != 0;
                case LT:
                    return comparison < 0;
                case LE:
                    return comparison <= 0;
                case GT:
                    return comparison > 0;
                default:
                    return comparison >= 0;
            }
        }
    }

    /** A literal as written: a quoted string (value without quotes) or a number (its text). */
    record Literal(String text, boolean quoted) {
        public Literal {
            requireNonNull(text, "text is null");
        }

        static Literal string(String value) {
            return new Literal(value, true);
        }

        static Literal number(String text) {
            return new Literal(text, false);
        }

        void render(StringBuilder out) {
            if (quoted) {
                out.append('\'').append(text.replace("'", "''")).append('\'');
            } else {
                out.append(text);
            }
        }
    }

    record Or(FilterNode left, FilterNode right) implements FilterNode {
        public Or {
            requireNonNull(left, "left is null");
            requireNonNull(right, "right is null");
        }

        @Override
        public int precedence() {
            return 1;
        }

        @Override
        public void render(StringBuilder out) {
            renderChild(left, precedence(), false, out);
            out.append(" OR ");
            renderChild(right, precedence(), true, out);
        }
    }

    record And(FilterNode left, FilterNode right) implements FilterNode {
        public And {
            requireNonNull(left, "left is null");
            requireNonNull(right, "right is null");
        }

        @Override
        public int precedence() {
            return 2;
        }

        @Override
        public void render(StringBuilder out) {
            renderChild(left, precedence(), false, out);
            out.append(" AND ");
            renderChild(right, precedence(), true, out);
        }
    }

    record Not(FilterNode operand) implements FilterNode {
        public Not {
            requireNonNull(operand, "operand is null");
        }

        @Override
        public int precedence() {
            return 3;
        }

        @Override
        public void render(StringBuilder out) {
            out.append("NOT ");
            renderChild(operand, precedence(), false, out);
        }
    }

    record Compare(String key, Op op, Literal value) implements FilterNode {
        public Compare {
            key = key.toLowerCase(Locale.ROOT);
            requireNonNull(op, "op is null");
            requireNonNull(value, "value is null");
        }

        @Override
        public int precedence() {
            return 4;
        }

        @Override
        public void render(StringBuilder out) {
            renderKey(key, out);
            out.append(' ').append(op.symbol).append(' ');
            value.render(out);
        }
    }

    record In(String key, List<Literal> values, boolean negated) implements FilterNode {
        public In {
            key = key.toLowerCase(Locale.ROOT);
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("IN needs at least one value");
            }
        }

        @Override
        public int precedence() {
            return 4;
        }

        @Override
        public void render(StringBuilder out) {
            renderKey(key, out);
            out.append(negated ? " NOT IN (" : " IN (");
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                values.get(i).render(out);
            }
            out.append(')');
        }
    }

    record Between(String key, Literal low, Literal high, boolean negated) implements FilterNode {
        public Between {
            key = key.toLowerCase(Locale.ROOT);
            requireNonNull(low, "low is null");
            requireNonNull(high, "high is null");
        }

        @Override
        public int precedence() {
            return 4;
        }

        @Override
        public void render(StringBuilder out) {
            renderKey(key, out);
            out.append(negated ? " NOT BETWEEN " : " BETWEEN ");
            low.render(out);
            out.append(" AND ");
            high.render(out);
        }
    }

    record Like(String key, String pattern, boolean negated) implements FilterNode {
        public Like {
            key = key.toLowerCase(Locale.ROOT);
            requireNonNull(pattern, "pattern is null");
        }

        @Override
        public int precedence() {
            return 4;
        }

        @Override
        public void render(StringBuilder out) {
            renderKey(key, out);
            out.append(negated ? " NOT LIKE " : " LIKE ");
            Literal.string(pattern).render(out);
        }
    }

    record IsNull(String key, boolean negated) implements FilterNode {
        public IsNull {
            key = key.toLowerCase(Locale.ROOT);
        }

        @Override
        public int precedence() {
            return 4;
        }

        @Override
        public void render(StringBuilder out) {
            renderKey(key, out);
            out.append(negated ? " IS NOT NULL" : " IS NULL");
        }
    }

    private static void renderChild(FilterNode child, int parent, boolean right, StringBuilder out) {
        // Operators are left-associative, so a right child of equal strength needs parentheses to keep its shape.
        boolean parens = child.precedence() < parent || (right && child.precedence() == parent);
        if (parens) {
            out.append('(');
        }
        child.render(out);
        if (parens) {
            out.append(')');
        }
    }

    private static void renderKey(String key, StringBuilder out) {
        if (BARE_IDENTIFIER.matcher(key).matches() && !KEYWORDS.contains(key.toUpperCase(Locale.ROOT))) {
            out.append(key);
        } else {
            out.append('`').append(key.replace("`", "``")).append('`');
        }
    }
}
