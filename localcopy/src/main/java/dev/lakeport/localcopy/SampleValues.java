package dev.lakeport.localcopy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.orc.TypeDescription;

/**
 * Deterministic values of Hive types, in the Java types {@link TableFiles} reads back: a {@link Slot} says what a value
 * is and whether it may be null, a {@link SplittableRandom} decides the rest. Text is letters, digits and
 * {@code -}/{@code _} only (no SerDe delimiter, quote or escape), timestamps have whole milliseconds (Avro's
 * {@code timestamp-millis} keeps no more) and fall in 2020-2024, decimals use their whole scale.
 */
final class SampleValues {
    private static final LocalDate FIRST_DAY = LocalDate.of(2020, 1, 1);
    private static final int DAYS = 5 * 365;
    private static final String WORD_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String[] WORDS = {
        "alpha", "bravo", "delta", "echo", "kilo", "lima", "oscar", "sierra", "tango", "zulu", "nord", "sud"
    };

    private SampleValues() {}

    /**
     * What one value is: its Hive type, whether it may be null, and the same for its elements (a list's element, a
     * map's key and value, a struct's fields in order).
     */
    record Slot(TypeDescription type, boolean nullable, List<Slot> children) {
        Slot {
            children = List.copyOf(children);
        }

        /** A slot for {@code type} where every value may be null but a map's keys. */
        static Slot of(TypeDescription type, boolean nullable) {
            List<Slot> kids = new ArrayList<>();
            List<TypeDescription> types = type.getChildren() == null ? List.of() : type.getChildren();
            for (int i = 0; i < types.size(); i++) {
                boolean mapKey = type.getCategory() == TypeDescription.Category.MAP && i == 0;
                kids.add(of(types.get(i), !mapKey));
            }
            return new Slot(type, nullable, kids);
        }
    }

    /**
     * A value for {@code slot}; {@code forceNull} makes a nullable slot null (the caller spreads nulls over the
     * columns), and nested nullable slots are null about one time in eight.
     */
    static Object value(Slot slot, SplittableRandom rng, boolean forceNull) {
        if (slot.nullable() && forceNull) {
            return null;
        }
        TypeDescription type = slot.type();
        return switch (type.getCategory()) {
            case BOOLEAN -> rng.nextBoolean();
            case BYTE -> (byte) rng.nextInt(-128, 128);
            case SHORT -> (short) rng.nextInt(-5_000, 5_000);
            case INT -> rng.nextInt(-1_000_000, 1_000_000);
            case LONG -> rng.nextLong(-10_000_000_000L, 10_000_000_000L);
            case FLOAT -> (float) (Math.round(rng.nextDouble(-1000, 1000) * 100) / 100.0);
            case DOUBLE -> rng.nextDouble(-1_000_000, 1_000_000);
            case DECIMAL -> decimal(type, rng);
            case STRING -> text(rng, Integer.MAX_VALUE);
            case VARCHAR, CHAR -> text(rng, Math.max(1, type.getMaxLength()));
            case BINARY -> {
                byte[] b = new byte[1 + rng.nextInt(16)];
                for (int i = 0; i < b.length; i++) {
                    b[i] = (byte) rng.nextInt(256);
                }
                yield b;
            }
            case DATE -> FIRST_DAY.plusDays(rng.nextInt(DAYS));
            case TIMESTAMP, TIMESTAMP_INSTANT -> timestamp(rng);
            case LIST -> {
                int n = rng.nextInt(4);
                List<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(nested(slot.children().get(0), rng));
                }
                yield list;
            }
            case MAP -> {
                int n = rng.nextInt(4);
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    Object key = value(slot.children().get(0), rng, false);
                    map.put(key, nested(slot.children().get(1), rng));
                }
                yield map;
            }
            case STRUCT -> {
                Map<String, Object> struct = new LinkedHashMap<>();
                for (int i = 0; i < slot.children().size(); i++) {
                    struct.put(
                            type.getFieldNames().get(i), nested(slot.children().get(i), rng));
                }
                yield struct;
            }
            default -> throw new UnreadableTableException("The sample data has no values of type " + type);
        };
    }

    private static Object nested(Slot slot, SplittableRandom rng) {
        return value(slot, rng, rng.nextInt(8) == 0);
    }

    /** Text that reads like data: a known word, a dash and a few random characters, cut to {@code max} characters. */
    private static String text(SplittableRandom rng, int max) {
        StringBuilder b = new StringBuilder(WORDS[rng.nextInt(WORDS.length)]).append('-');
        int n = 2 + rng.nextInt(7);
        for (int i = 0; i < n; i++) {
            b.append(WORD_CHARS.charAt(rng.nextInt(WORD_CHARS.length())));
        }
        return b.length() > max ? b.substring(0, max) : b.toString();
    }

    private static LocalDateTime timestamp(SplittableRandom rng) {
        return FIRST_DAY.atStartOfDay().plusDays(rng.nextInt(DAYS)).plusNanos(rng.nextLong(86_400_000L) * 1_000_000L);
    }

    /** A decimal using its whole scale and at most its precision's integer digits (at most 12 of them). */
    private static BigDecimal decimal(TypeDescription type, SplittableRandom rng) {
        int scale = type.getScale();
        int integerDigits = Math.min(12, type.getPrecision() - scale);
        BigInteger unscaled = BigInteger.ZERO;
        int digits = integerDigits + scale;
        for (int i = 0; i < digits; i++) {
            unscaled = unscaled.multiply(BigInteger.TEN).add(BigInteger.valueOf(rng.nextInt(10)));
        }
        if (rng.nextInt(4) == 0) {
            unscaled = unscaled.negate();
        }
        return new BigDecimal(unscaled, scale);
    }
}
