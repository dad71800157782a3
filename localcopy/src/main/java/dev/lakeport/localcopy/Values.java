package dev.lakeport.localcopy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Base64;
import java.util.Locale;
import org.apache.orc.TypeDescription;

/**
 * Turns what a file holds into the plain Java value of the table's column type, as Hive does when a file's type and the
 * table's differ: numbers widen or narrow, text parses, what does not fit reads as null.
 */
final class Values {
    /** Hive's timestamp text: {@code yyyy-MM-dd HH:mm:ss[.fffffffff]}, also with a {@code T}. */
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart()
            .appendLiteral(' ')
            .optionalEnd()
            .optionalStart()
            .appendLiteral('T')
            .optionalEnd()
            .optionalStart()
            .appendValue(ChronoField.HOUR_OF_DAY, 2)
            .appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart()
            .appendLiteral(':')
            .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .optionalEnd()
            .optionalEnd()
            .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
            .parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0)
            .parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0)
            .toFormatter(Locale.ROOT);

    private Values() {}

    /** The value of a primitive column from a value a reader produced (a number, text, bytes, a date or time). */
    static Object coerce(Object value, TypeDescription type) {
        if (value == null) {
            return null;
        }
        if (value instanceof CharSequence text && type.getCategory() != TypeDescription.Category.BINARY) {
            return parse(text.toString(), type);
        }
        return switch (type.getCategory()) {
            case BOOLEAN -> value instanceof Boolean b ? b : value instanceof Number n ? n.longValue() != 0 : null;
            case BYTE -> integral(value, Byte.MIN_VALUE, Byte.MAX_VALUE) instanceof Long l
                    ? (Object) l.byteValue()
                    : null;
            case SHORT -> integral(value, Short.MIN_VALUE, Short.MAX_VALUE) instanceof Long l
                    ? (Object) l.shortValue()
                    : null;
            case INT -> integral(value, Integer.MIN_VALUE, Integer.MAX_VALUE) instanceof Long l
                    ? (Object) l.intValue()
                    : null;
            case LONG -> integral(value, Long.MIN_VALUE, Long.MAX_VALUE);
            case FLOAT -> value instanceof Number n ? (Object) n.floatValue() : null;
            case DOUBLE -> value instanceof Number n ? (Object) n.doubleValue() : null;
            case DECIMAL -> decimal(decimalOf(value), type);
            case STRING, VARCHAR, CHAR -> text(value, type);
            case BINARY -> bytes(value);
            case DATE -> value instanceof LocalDate d
                    ? d
                    : value instanceof LocalDateTime t
                            ? t.toLocalDate()
                            : value instanceof Instant i ? LocalDate.ofInstant(i, ZoneOffset.UTC) : null;
            case TIMESTAMP -> value instanceof LocalDateTime t
                    ? t
                    : value instanceof Instant i
                            ? LocalDateTime.ofInstant(i, ZoneOffset.UTC)
                            : value instanceof LocalDate d ? d.atStartOfDay() : null;
            case TIMESTAMP_INSTANT -> value instanceof Instant i
                    ? i
                    : value instanceof LocalDateTime t
                            ? t.toInstant(ZoneOffset.UTC)
                            : value instanceof LocalDate d ? d.atStartOfDay().toInstant(ZoneOffset.UTC) : null;
            default -> value;
        };
    }

    /**
     * The value of a primitive column from its text, as Hive's text SerDe reads it: what does not parse reads as null.
     */
    static Object parse(String text, TypeDescription type) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        try {
            return switch (type.getCategory()) {
                case BOOLEAN -> t.equalsIgnoreCase("true")
                        ? Boolean.TRUE
                        : t.equalsIgnoreCase("false") ? Boolean.FALSE : null;
                case BYTE -> Byte.valueOf(t);
                case SHORT -> Short.valueOf(t);
                case INT -> Integer.valueOf(t);
                case LONG -> Long.valueOf(t);
                case FLOAT -> Float.valueOf(t);
                case DOUBLE -> Double.valueOf(t);
                case DECIMAL -> decimal(new BigDecimal(t), type);
                case STRING -> text;
                case VARCHAR, CHAR -> text(text, type);
                case BINARY -> Base64.getMimeDecoder().decode(text);
                case DATE -> LocalDate.parse(t.length() > 10 ? t.substring(0, 10) : t);
                case TIMESTAMP -> LocalDateTime.parse(t, TIMESTAMP);
                case TIMESTAMP_INSTANT -> LocalDateTime.parse(t, TIMESTAMP).toInstant(ZoneOffset.UTC);
                    // Text that should be an array, a map or a struct: not in this format.
                default -> null;
            };
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return null;
        }
    }

    private static Object integral(Object value, long min, long max) {
        long l;
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            l = ((Number) value).longValue();
        } else if (value instanceof BigDecimal d) {
            try {
                l = d.setScale(0, RoundingMode.DOWN).longValueExact();
            } catch (ArithmeticException e) {
                return null;
            }
        } else if (value instanceof BigInteger b) {
            if (b.bitLength() > 63) {
                return null;
            }
            l = b.longValue();
        } else if (value instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || d < min || d > max) {
                return null;
            }
            l = (long) d;
        } else if (value instanceof Boolean b) {
            l = b ? 1 : 0;
        } else {
            return null;
        }
        return l < min || l > max ? null : l;
    }

    private static BigDecimal decimalOf(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
        }
        return null;
    }

    /** Hive's decimal rule: round half up to the column's scale; a value with too many digits reads as null. */
    static BigDecimal decimal(BigDecimal value, TypeDescription type) {
        if (value == null) {
            return null;
        }
        BigDecimal scaled = value.setScale(type.getScale(), RoundingMode.HALF_UP);
        return scaled.precision() - scaled.scale() > type.getPrecision() - type.getScale() ? null : scaled;
    }

    private static String text(Object value, TypeDescription type) {
        String s;
        if (value instanceof byte[] b) {
            s = new String(b, StandardCharsets.UTF_8);
        } else if (value instanceof ByteBuffer b) {
            s = StandardCharsets.UTF_8.decode(b.duplicate()).toString();
        } else if (value instanceof LocalDateTime t) {
            s = t.toString().replace('T', ' ');
        } else {
            s = String.valueOf(value);
        }
        return switch (type.getCategory()) {
            case VARCHAR -> s.length() > type.getMaxLength() ? s.substring(0, type.getMaxLength()) : s;
            case CHAR -> s.length() > type.getMaxLength() ? s.substring(0, type.getMaxLength()) : s.stripTrailing();
            default -> s;
        };
    }

    private static byte[] bytes(Object value) {
        if (value instanceof byte[] b) {
            return b;
        }
        if (value instanceof ByteBuffer b) {
            ByteBuffer d = b.duplicate();
            byte[] out = new byte[d.remaining()];
            d.get(out);
            return out;
        }
        return value.toString().getBytes(StandardCharsets.UTF_8);
    }
}
