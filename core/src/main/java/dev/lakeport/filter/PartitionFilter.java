package dev.lakeport.filter;

import static java.util.Objects.requireNonNull;

import dev.lakeport.filter.FilterNode.Literal;
import dev.lakeport.model.Column;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A partition filter in Glue's expression language ({@code aws.partition.filter.<db>.<table>=dt>=20220101}).
 *
 * <p>Supported: {@code = <> != < <= > >=}, {@code AND OR NOT} (NOT binds tighter than AND, AND tighter than OR),
 * {@code [NOT] IN (...)}, {@code [NOT] BETWEEN x AND y} (inclusive), {@code [NOT] LIKE} with {@code %} and
 * {@code _} (case-sensitive, no escape character), {@code IS [NOT] NULL}, parentheses, single-quoted strings with
 * {@code ''} for a quote, numbers, and key names (case-insensitive, {@code `backquoted`} when they are keywords or
 * hold other characters).
 *
 * <p>How values compare depends on the partition key's Hive type, as Glue does when it evaluates the expression:
 *
 * <table>
 *   <caption>Comparison by key type</caption>
 *   <tr><th>key type</th><th>comparison</th></tr>
 *   <tr><td>string, varchar, char (and any type not listed)</td><td>as strings, by UTF-16 code units; a bare number
 *       is taken as the text written, so {@code dt>=20220101} compares {@code "20220105" >= "20220101"}: correct for
 *       fixed-width values such as yyyyMMdd, but {@code "9" > "10"}</td></tr>
 *   <tr><td>tinyint, smallint, int, integer, bigint, long, decimal, float, double, real, numeric</td><td>numerically
 *       (exact decimals; {@code 1.0 = 1}); a quoted literal must hold a number</td></tr>
 *   <tr><td>date</td><td>as dates; literals and values as {@code yyyy-MM-dd} or {@code yyyyMMdd}</td></tr>
 *   <tr><td>timestamp</td><td>as date-times; {@code yyyy-MM-dd HH:mm:ss[.fff]} or ISO {@code yyyy-MM-ddTHH:mm:ss},
 *       a date alone is midnight</td></tr>
 *   <tr><td>boolean</td><td>{@code true} / {@code false}, case-insensitive</td></tr>
 * </table>
 *
 * <p>SQL's three-valued logic holds: a partition value of {@code __HIVE_DEFAULT_PARTITION__} (Hive's NULL) or one
 * that is not a value of the key's type (e.g. {@code abc} in an int key) is unknown, so every comparison with it is
 * unknown, {@code NOT unknown} is unknown, and the partition is only selected when the whole filter is true.
 * {@code IS NULL} is true for Hive's NULL only. LIKE works on the value's text for every type.
 *
 * <p>Two filters are equal when their syntax trees are; {@link #toString()} and {@link #toGlueExpression()} print the
 * canonical form, which parses back to an equal filter.
 */
public final class PartitionFilter {

    /** Hive writes NULL partition values as this directory name; Glue stores it verbatim. */
    public static final String HIVE_DEFAULT_PARTITION = "__HIVE_DEFAULT_PARTITION__";

    private static final Pattern GLUE_KEY_TYPES = Pattern.compile(
            "string|varchar(\\(\\d+\\))?|char(\\(\\d+\\))?|date|timestamp|int|integer|bigint|long|tinyint|smallint");

    private final String source;
    private final FilterNode root;

    private PartitionFilter(String source, FilterNode root) {
        this.source = source;
        this.root = root;
    }

    /**
     * Parses a filter.
     *
     * @throws FilterSyntaxException with the position, what was expected and what was found
     */
    public static PartitionFilter parse(String expression) {
        requireNonNull(expression, "expression is null");
        return new PartitionFilter(expression, FilterParser.parse(expression));
    }

    /** The text as the user wrote it. */
    public String source() {
        return source;
    }

    /**
     * The canonical expression: keywords upper-case, keys lower-case, {@code !=} as {@code <>}, single spaces, only
     * the parentheses the meaning needs. Suitable for Glue's GetPartitions {@code Expression}.
     */
    public String toGlueExpression() {
        StringBuilder out = new StringBuilder();
        root.render(out);
        return out.toString();
    }

    /**
     * Whether Glue can evaluate this filter server-side for a table with these keys: Glue documents string, date,
     * timestamp, int, bigint, long, tinyint and smallint keys for GetPartitions expressions. For other key types
     * (decimal, float, boolean, ...) read all partitions and test them with {@link #bind}. Unknown keys give false.
     */
    public boolean canPushDown(List<Column> partitionKeys) {
        requireNonNull(partitionKeys, "partitionKeys is null");
        for (String key : referencedKeys()) {
            Optional<Column> column = partitionKeys.stream()
                    .filter(c -> c.name().equalsIgnoreCase(key))
                    .findFirst();
            if (column.isEmpty()
                    || !GLUE_KEY_TYPES
                            .matcher(column.get().type().trim().toLowerCase(Locale.ROOT))
                            .matches()) {
                return false;
            }
        }
        return true;
    }

    /** The partition keys the filter mentions, lower-cased, in order of first mention. */
    public Set<String> referencedKeys() {
        Set<String> keys = new LinkedHashSet<>();
        collectKeys(root, keys);
        return Set.copyOf(keys);
    }

    /**
     * The keys that every matching partition has at one literal, as written: {@code key = literal} terms joined by
     * top-level ANDs (keys lower-cased). A catalog may narrow its listing by them before the whole filter is tested;
     * they compare as text, so use them only for string-typed keys.
     */
    public Map<String, String> equalityTerms() {
        Map<String, String> terms = new LinkedHashMap<>();
        collectEqualities(root, terms);
        return Map.copyOf(terms);
    }

    private static void collectEqualities(FilterNode node, Map<String, String> terms) {
        if (node instanceof FilterNode.And and) {
            collectEqualities(and.left(), terms);
            collectEqualities(and.right(), terms);
        } else if (node instanceof FilterNode.Compare c && c.op() == FilterNode.Op.EQ) {
            terms.putIfAbsent(c.key(), c.value().text());
        }
    }

    /**
     * Checks the filter against a table's partition keys and returns a test over a partition's values (in the order
     * of the keys).
     *
     * @throws FilterBindException when a key is unknown (the message lists the table's keys) or a literal is not a
     *     value of its key's type
     */
    public Predicate<List<String>> bind(List<Column> partitionKeys) {
        requireNonNull(partitionKeys, "partitionKeys is null");
        Map<String, Integer> positions = new LinkedHashMap<>();
        List<KeyType> types = new ArrayList<>();
        for (int i = 0; i < partitionKeys.size(); i++) {
            Column key = partitionKeys.get(i);
            positions.putIfAbsent(key.name().toLowerCase(Locale.ROOT), i);
            types.add(KeyType.of(key.type()));
        }
        Evaluator evaluator = compile(root, positions, types, partitionKeys);
        int arity = partitionKeys.size();
        return values -> {
            requireNonNull(values, "values is null");
            if (values.size() != arity) {
                throw new IllegalArgumentException(
                        "expected " + arity + " partition values but got " + values.size() + ": " + values);
            }
            return evaluator.evaluate(values) == Boolean.TRUE;
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PartitionFilter other && root.equals(other.root);
    }

    @Override
    public int hashCode() {
        return root.hashCode();
    }

    @Override
    public String toString() {
        return toGlueExpression();
    }

    // ---- evaluation ------------------------------------------------------------------------------------------

    /** Three-valued: TRUE, FALSE or null for unknown. */
    private interface Evaluator {
        Boolean evaluate(List<String> values);
    }

    private static Evaluator compile(
            FilterNode node, Map<String, Integer> positions, List<KeyType> types, List<Column> keys) {
        if (node instanceof FilterNode.Or or) {
            Evaluator l = compile(or.left(), positions, types, keys);
            Evaluator r = compile(or.right(), positions, types, keys);
            return v -> {
                Boolean a = l.evaluate(v);
                if (a == Boolean.TRUE) {
                    return true;
                }
                Boolean b = r.evaluate(v);
                if (b == Boolean.TRUE) {
                    return true;
                }
                return a == null || b == null ? null : Boolean.FALSE;
            };
        }
        if (node instanceof FilterNode.And and) {
            Evaluator l = compile(and.left(), positions, types, keys);
            Evaluator r = compile(and.right(), positions, types, keys);
            return v -> {
                Boolean a = l.evaluate(v);
                if (a == Boolean.FALSE) {
                    return false;
                }
                Boolean b = r.evaluate(v);
                if (b == Boolean.FALSE) {
                    return false;
                }
                return a == null || b == null ? null : Boolean.TRUE;
            };
        }
        if (node instanceof FilterNode.Not not) {
            Evaluator inner = compile(not.operand(), positions, types, keys);
            return v -> {
                Boolean a = inner.evaluate(v);
                return a == null ? null : !a;
            };
        }
        if (node instanceof FilterNode.Compare c) {
            int at = position(c.key(), positions, keys);
            KeyType type = types.get(at);
            Comparable<Object> literal = type.literal(c.value(), c.key());
            FilterNode.Op op = c.op();
            return v -> {
                Comparable<Object> value = type.value(v.get(at));
                return value == null ? null : op.test(value.compareTo(literal));
            };
        }
        if (node instanceof FilterNode.In in) {
            int at = position(in.key(), positions, keys);
            KeyType type = types.get(at);
            List<Comparable<Object>> literals = new ArrayList<>();
            for (Literal l : in.values()) {
                literals.add(type.literal(l, in.key()));
            }
            boolean negated = in.negated();
            return v -> {
                Comparable<Object> value = type.value(v.get(at));
                if (value == null) {
                    return null;
                }
                boolean found = literals.stream().anyMatch(l -> value.compareTo(l) == 0);
                return found != negated;
            };
        }
        if (node instanceof FilterNode.Between b) {
            int at = position(b.key(), positions, keys);
            KeyType type = types.get(at);
            Comparable<Object> low = type.literal(b.low(), b.key());
            Comparable<Object> high = type.literal(b.high(), b.key());
            boolean negated = b.negated();
            return v -> {
                Comparable<Object> value = type.value(v.get(at));
                if (value == null) {
                    return null;
                }
                boolean inside = value.compareTo(low) >= 0 && value.compareTo(high) <= 0;
                return inside != negated;
            };
        }
        if (node instanceof FilterNode.Like like) {
            int at = position(like.key(), positions, keys);
            Pattern pattern = likePattern(like.pattern());
            boolean negated = like.negated();
            return v -> {
                String value = v.get(at);
                if (value == null || value.equals(HIVE_DEFAULT_PARTITION)) {
                    return null;
                }
                return pattern.matcher(value).matches() != negated;
            };
        }
        FilterNode.IsNull isNull = (FilterNode.IsNull) node;
        int at = position(isNull.key(), positions, keys);
        boolean negated = isNull.negated();
        return v -> {
            String value = v.get(at);
            boolean isNullValue = value == null || value.equals(HIVE_DEFAULT_PARTITION);
            return isNullValue != negated;
        };
    }

    private static int position(String key, Map<String, Integer> positions, List<Column> keys) {
        Integer at = positions.get(key);
        if (at == null) {
            String known = keys.isEmpty()
                    ? "the table has no partition keys"
                    : "the partition keys are "
                            + keys.stream().map(c -> c.name() + " " + c.type()).collect(Collectors.joining(", "));
            throw new FilterBindException("unknown partition key '" + key + "': " + known);
        }
        return at;
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

    private static void collectKeys(FilterNode node, Set<String> keys) {
        if (node instanceof FilterNode.Or or) {
            collectKeys(or.left(), keys);
            collectKeys(or.right(), keys);
        } else if (node instanceof FilterNode.And and) {
            collectKeys(and.left(), keys);
            collectKeys(and.right(), keys);
        } else if (node instanceof FilterNode.Not not) {
            collectKeys(not.operand(), keys);
        } else if (node instanceof FilterNode.Compare c) {
            keys.add(c.key());
        } else if (node instanceof FilterNode.In in) {
            keys.add(in.key());
        } else if (node instanceof FilterNode.Between b) {
            keys.add(b.key());
        } else if (node instanceof FilterNode.Like l) {
            keys.add(l.key());
        } else if (node instanceof FilterNode.IsNull n) {
            keys.add(n.key());
        }
    }

    /** How a key's values compare, from its Hive type. */
    private enum KeyType {
        STRING("a string"),
        NUMBER("a number"),
        DATE("a date (yyyy-MM-dd or yyyyMMdd)"),
        TIMESTAMP("a timestamp (yyyy-MM-dd HH:mm:ss)"),
        BOOLEAN("true or false");

        private static final DateTimeFormatter BASIC_DATE = DateTimeFormatter.BASIC_ISO_DATE;
        private static final Pattern NUMERIC_TYPE =
                Pattern.compile("(tinyint|smallint|int|integer|bigint|long|decimal|numeric|float|double|real)\\b.*");

        private final String description;

        KeyType(String description) {
            this.description = description;
        }

        static KeyType of(String hiveType) {
            String t = hiveType.trim().toLowerCase(Locale.ROOT);
            if (NUMERIC_TYPE.matcher(t).matches()) {
                return NUMBER;
            }
            if (t.equals("date")) {
                return DATE;
            }
            if (t.startsWith("timestamp")) {
                return TIMESTAMP;
            }
            if (t.equals("boolean")) {
                return BOOLEAN;
            }
            return STRING;
        }

        Comparable<Object> literal(Literal literal, String key) {
            Comparable<Object> converted = convert(literal.text());
            if (converted == null) {
                StringBuilder shown = new StringBuilder();
                literal.render(shown);
                throw new FilterBindException(
                        "partition key '" + key + "' holds " + description + ", but " + shown + " is not one");
            }
            return converted;
        }

        Comparable<Object> value(String text) {
            if (text == null || text.equals(HIVE_DEFAULT_PARTITION)) {
                return null;
            }
            return convert(text);
        }

        @SuppressWarnings("unchecked")
        private Comparable<Object> convert(String text) {
            Object converted;
            try {
                switch (this) {
                    case NUMBER:
                        converted = new BigDecimal(text.trim());
                        break;
                    case DATE:
                        converted = parseDate(text.trim());
                        break;
                    case TIMESTAMP:
                        converted = parseTimestamp(text.trim());
                        break;
                    case BOOLEAN:
                        String b = text.trim().toLowerCase(Locale.ROOT);
                        converted = b.equals("true") ? Boolean.TRUE : b.equals("false") ? Boolean.FALSE : null;
                        break;
                    default:
                        converted = text;
                }
            } catch (NumberFormatException | DateTimeParseException e) {
                converted = null;
            }
            return (Comparable<Object>) converted;
        }

        private static LocalDate parseDate(String text) {
            return text.length() == 8 ? LocalDate.parse(text, BASIC_DATE) : LocalDate.parse(text);
        }

        private static LocalDateTime parseTimestamp(String text) {
            if (text.length() == 10 || text.length() == 8) {
                return parseDate(text).atStartOfDay();
            }
            return LocalDateTime.parse(text.replace(' ', 'T'));
        }
    }
}
