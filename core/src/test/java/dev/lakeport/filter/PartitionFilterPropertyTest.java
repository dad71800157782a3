package dev.lakeport.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.model.Column;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Random expressions, written fully parenthesised with random spacing and keyword case, must evaluate as an
 * independent evaluator in this test says, and their canonical form must parse back to an equal filter that selects
 * the same partitions.
 */
class PartitionFilterPropertyTest {

    private static final List<Column> KEYS = List.of(Column.of("s", "string"), Column.of("n", "bigint"));
    private static final String[] STRINGS = {"a", "b", "ab", "it's", "2022", "", "__HIVE_DEFAULT_PARTITION__"};
    private static final String[] NUMBERS = {"-1", "0", "1", "2", "10", "x", "__HIVE_DEFAULT_PARTITION__"};

    /** An expression with its own evaluation; null means SQL's unknown. */
    private interface Expr {
        String text(Random r);

        Boolean eval(String s, String n);
    }

    @Test
    void randomExpressionsEvaluateAsExpectedAndSurviveCanonicalPrinting() {
        Random random = new Random(20220101);
        for (int i = 0; i < 400; i++) {
            Expr expr = expression(random, 4);
            String text = expr.text(random);
            PartitionFilter filter = PartitionFilter.parse(text);
            PartitionFilter reparsed = PartitionFilter.parse(filter.toGlueExpression());
            assertThat(reparsed).as(text).isEqualTo(filter);
            assertThat(reparsed.toGlueExpression()).isEqualTo(filter.toGlueExpression());
            Predicate<List<String>> p = filter.bind(KEYS);
            Predicate<List<String>> q = reparsed.bind(KEYS);
            for (String s : STRINGS) {
                for (String n : NUMBERS) {
                    boolean expected = expr.eval(s, n) == Boolean.TRUE;
                    assertThat(p.test(List.of(s, n)))
                            .as("%s on s=%s n=%s", text, s, n)
                            .isEqualTo(expected);
                    assertThat(q.test(List.of(s, n))).isEqualTo(expected);
                }
            }
        }
    }

    private static Expr expression(Random r, int depth) {
        int choice = depth == 0 ? 3 + r.nextInt(4) : r.nextInt(7);
        switch (choice) {
            case 0:
                return binary(expression(r, depth - 1), expression(r, depth - 1), true);
            case 1:
                return binary(expression(r, depth - 1), expression(r, depth - 1), false);
            case 2: {
                Expr inner = expression(r, depth - 1);
                return new Expr() {
                    public String text(Random rr) {
                        return kw(rr, "not") + " (" + inner.text(rr) + ")";
                    }

                    public Boolean eval(String s, String n) {
                        Boolean v = inner.eval(s, n);
                        return v == null ? null : !v;
                    }
                };
            }
            case 3:
                return stringComparison(r);
            case 4:
                return numberComparison(r);
            case 5:
                return numberIn(r);
            default:
                return stringLikeOrNull(r);
        }
    }

    private static Expr binary(Expr a, Expr b, boolean and) {
        return new Expr() {
            public String text(Random r) {
                return "(" + a.text(r) + ")" + space(r) + kw(r, and ? "and" : "or") + space(r) + "(" + b.text(r) + ")";
            }

            public Boolean eval(String s, String n) {
                Boolean x = a.eval(s, n);
                Boolean y = b.eval(s, n);
                if (and) {
                    if (Boolean.FALSE.equals(x) || Boolean.FALSE.equals(y)) {
                        return false;
                    }
                    return x == null || y == null ? null : Boolean.TRUE;
                }
                if (Boolean.TRUE.equals(x) || Boolean.TRUE.equals(y)) {
                    return true;
                }
                return x == null || y == null ? null : Boolean.FALSE;
            }
        };
    }

    private static final String[] OPS = {"=", "<>", "!=", "<", "<=", ">", ">="};

    private static boolean test(String op, int c) {
        switch (op) {
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
            default:
                return c >= 0;
        }
    }

    private static Expr stringComparison(Random r) {
        String op = OPS[r.nextInt(OPS.length)];
        String literal = STRINGS[r.nextInt(STRINGS.length - 1)];
        return new Expr() {
            public String text(Random rr) {
                return "s" + space(rr) + op + space(rr) + "'" + literal.replace("'", "''") + "'";
            }

            public Boolean eval(String s, String n) {
                return isNull(s) ? null : test(op, s.compareTo(literal));
            }
        };
    }

    private static Expr numberComparison(Random r) {
        String op = OPS[r.nextInt(OPS.length)];
        int literal = r.nextInt(5) - 1;
        boolean reversed = r.nextBoolean();
        return new Expr() {
            public String text(Random rr) {
                return reversed
                        ? literal + space(rr) + flip(op) + space(rr) + (rr.nextBoolean() ? "N" : "`n`")
                        : "n" + space(rr) + op + space(rr) + literal;
            }

            public Boolean eval(String s, String n) {
                Integer v = number(n);
                return v == null ? null : test(op, Integer.compare(v, literal));
            }
        };
    }

    private static String flip(String op) {
        switch (op) {
            case "<":
                return ">";
            case "<=":
                return ">=";
            case ">":
                return "<";
            case ">=":
                return "<=";
            default:
                return op;
        }
    }

    private static Expr numberIn(Random r) {
        boolean negated = r.nextBoolean();
        boolean between = r.nextBoolean();
        int a = r.nextInt(4) - 1;
        int b = r.nextInt(4) - 1;
        return new Expr() {
            public String text(Random rr) {
                String not = negated ? kw(rr, "not") + " " : "";
                return between
                        ? "n " + not + kw(rr, "between") + " " + a + " " + kw(rr, "and") + " " + b
                        : "n " + not + kw(rr, "in") + " (" + a + "," + space(rr) + b + ")";
            }

            public Boolean eval(String s, String n) {
                Integer v = number(n);
                if (v == null) {
                    return null;
                }
                boolean inside = between ? v >= a && v <= b : v == a || v == b;
                return inside != negated;
            }
        };
    }

    private static Expr stringLikeOrNull(Random r) {
        boolean negated = r.nextBoolean();
        if (r.nextBoolean()) {
            return new Expr() {
                public String text(Random rr) {
                    return "s " + kw(rr, "is") + " " + (negated ? kw(rr, "not") + " " : "") + kw(rr, "null");
                }

                public Boolean eval(String s, String n) {
                    return isNull(s) != negated;
                }
            };
        }
        String[] patterns = {"a%", "%b", "_", "%", "a_", "it's%"};
        String pattern = patterns[r.nextInt(patterns.length)];
        return new Expr() {
            public String text(Random rr) {
                return "s " + (negated ? kw(rr, "not") + " " : "") + kw(rr, "like") + " '" + pattern.replace("'", "''")
                        + "'";
            }

            public Boolean eval(String s, String n) {
                if (isNull(s)) {
                    return null;
                }
                return likeMatches(pattern, s) != negated;
            }
        };
    }

    /** An independent LIKE: plain recursion over the pattern. */
    private static boolean likeMatches(String pattern, String s) {
        if (pattern.isEmpty()) {
            return s.isEmpty();
        }
        char c = pattern.charAt(0);
        if (c == '%') {
            for (int i = 0; i <= s.length(); i++) {
                if (likeMatches(pattern.substring(1), s.substring(i))) {
                    return true;
                }
            }
            return false;
        }
        if (s.isEmpty()) {
            return false;
        }
        return (c == '_' || c == s.charAt(0)) && likeMatches(pattern.substring(1), s.substring(1));
    }

    private static boolean isNull(String v) {
        return v.equals("__HIVE_DEFAULT_PARTITION__");
    }

    private static Integer number(String v) {
        try {
            return Integer.valueOf(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String kw(Random r, String keyword) {
        return r.nextBoolean() ? keyword.toUpperCase(Locale.ROOT) : keyword;
    }

    private static String space(Random r) {
        List<String> spaces = new ArrayList<>(List.of("", " ", "  ", "\t"));
        return spaces.get(r.nextInt(spaces.size()));
    }
}
