package dev.lakeport.copy;

import com.aliyun.odps.data.Binary;
import com.aliyun.odps.data.Char;
import com.aliyun.odps.data.SimpleStruct;
import com.aliyun.odps.data.Varchar;
import com.aliyun.odps.type.ArrayTypeInfo;
import com.aliyun.odps.type.CharTypeInfo;
import com.aliyun.odps.type.DecimalTypeInfo;
import com.aliyun.odps.type.MapTypeInfo;
import com.aliyun.odps.type.StructTypeInfo;
import com.aliyun.odps.type.TypeInfo;
import com.aliyun.odps.type.VarcharTypeInfo;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the plain Java values a source reader gives into the values the MaxCompute SDK's records take for a column
 * of a given type. What a reader may hand over:
 *
 * <ul>
 *   <li>integers: {@link Long}, {@link Integer}, {@link Short}, {@link Byte} (and {@link BigInteger}), for any
 *       integer column whose range holds the value; also for DOUBLE, FLOAT and DECIMAL columns;
 *   <li>{@link Double}, {@link Float}; {@link Boolean}; {@link String} (any {@link CharSequence});
 *   <li>{@link BigDecimal}, rescaled to the column's scale when no digit is lost;
 *   <li>{@code byte[]} for BINARY (and for STRING, as the bytes of the text);
 *   <li>{@link LocalDate} for DATE; {@link Instant} or {@link LocalDateTime} (read as UTC) for DATETIME,
 *       TIMESTAMP and TIMESTAMP_NTZ;
 *   <li>{@link List} for ARRAY; {@link Map} for MAP; a STRUCT as a {@link List} of its field values in order or a
 *       {@link Map} from field name to value; elements converted one by one, nulls kept.
 * </ul>
 *
 * A value the column cannot hold (out of range, too long, more digits than the decimal keeps, a sub-millisecond
 * DATETIME, a type that does not fit) is a {@link CopyException} naming the table, partition, column and value.
 */
public final class MaxComputeValues {
    private static final int SHOWN_CHARACTERS = 80;

    private MaxComputeValues() {}

    /** The SDK's value for {@code value} in a column of {@code type}; {@code null} stays {@code null}. */
    public static Object toRecordValue(TypeInfo type, Object value, CellRef where) {
        if (value == null) {
            return null;
        }
        switch (type.getOdpsType()) {
            case BIGINT:
                return integer(value, Long.MIN_VALUE + 1, Long.MAX_VALUE, type, where);
            case INT:
                return (int) integer(value, Integer.MIN_VALUE, Integer.MAX_VALUE, type, where);
            case SMALLINT:
                return (short) integer(value, Short.MIN_VALUE, Short.MAX_VALUE, type, where);
            case TINYINT:
                return (byte) integer(value, Byte.MIN_VALUE, Byte.MAX_VALUE, type, where);
            case DOUBLE:
                return toDouble(value, type, where);
            case FLOAT:
                return toFloat(value, type, where);
            case BOOLEAN:
                if (value instanceof Boolean b) {
                    return b;
                }
                throw refused(value, type, where, "not a boolean");
            case STRING:
                if (value instanceof CharSequence s) {
                    return s.toString();
                }
                if (value instanceof byte[] bytes) {
                    return bytes.clone();
                }
                throw refused(value, type, where, "not text");
            case VARCHAR:
                return new Varchar(text(value, ((VarcharTypeInfo) type).getLength(), type, where));
            case CHAR:
                return new Char(text(value, ((CharTypeInfo) type).getLength(), type, where));
            case BINARY:
                if (value instanceof byte[] bytes) {
                    return new Binary(bytes.clone());
                }
                if (value instanceof Binary binary) {
                    return binary;
                }
                throw refused(value, type, where, "not bytes");
            case DECIMAL:
                return decimal(value, (DecimalTypeInfo) type, where);
            case DATE:
                if (value instanceof LocalDate date) {
                    return date;
                }
                throw refused(value, type, where, "not a date");
            case DATETIME:
                Instant instant = instant(value, type, where);
                if (instant.getNano() % 1_000_000 != 0) {
                    throw refused(value, type, where, "DATETIME keeps milliseconds, the value has a finer part");
                }
                return ZonedDateTime.ofInstant(instant, ZoneOffset.UTC);
            case TIMESTAMP:
                return instant(value, type, where);
            case TIMESTAMP_NTZ:
                if (value instanceof LocalDateTime local) {
                    return local;
                }
                return LocalDateTime.ofInstant(instant(value, type, where), ZoneOffset.UTC);
            case ARRAY:
                return array(value, (ArrayTypeInfo) type, where);
            case MAP:
                return map(value, (MapTypeInfo) type, where);
            case STRUCT:
                return struct(value, (StructTypeInfo) type, where);
            default:
                throw refused(value, type, where, "the copy does not write columns of this type");
        }
    }

    private static long integer(Object value, long min, long max, TypeInfo type, CellRef where) {
        long result;
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            result = ((Number) value).longValue();
        } else if (value instanceof BigInteger big && big.bitLength() < 64) {
            result = big.longValue();
        } else if (value instanceof BigInteger) {
            throw refused(value, type, where, "out of range");
        } else {
            throw refused(value, type, where, "not an integer");
        }
        if (result < min || result > max) {
            // BIGINT's smallest value is MaxCompute's NULL marker: the SDK refuses it on the client.
            throw refused(value, type, where, "out of range " + min + " to " + max);
        }
        return result;
    }

    private static double toDouble(Object value, TypeInfo type, CellRef where) {
        if (value instanceof Double || value instanceof Float) {
            return ((Number) value).doubleValue();
        }
        if (isSmallInteger(value)) {
            long whole = ((Number) value).longValue();
            double converted = (double) whole;
            if ((long) converted != whole || whole == Long.MAX_VALUE) {
                throw refused(value, type, where, "a DOUBLE would not keep every digit");
            }
            return converted;
        }
        throw refused(value, type, where, "not a number");
    }

    private static float toFloat(Object value, TypeInfo type, CellRef where) {
        if (value instanceof Float f) {
            return f;
        }
        if (value instanceof Double d) {
            float narrowed = d.floatValue();
            if (!d.isNaN() && (double) narrowed != d) {
                throw refused(value, type, where, "a FLOAT would not keep the value exactly");
            }
            return narrowed;
        }
        if (isSmallInteger(value)) {
            long whole = ((Number) value).longValue();
            float converted = (float) whole;
            if ((long) converted != whole) {
                throw refused(value, type, where, "a FLOAT would not keep every digit");
            }
            return converted;
        }
        throw refused(value, type, where, "not a number");
    }

    private static boolean isSmallInteger(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte;
    }

    private static String text(Object value, int length, TypeInfo type, CellRef where) {
        if (!(value instanceof CharSequence)) {
            throw refused(value, type, where, "not text");
        }
        String s = value.toString();
        int characters = s.codePointCount(0, s.length());
        if (characters > length) {
            throw refused(value, type, where, characters + " characters, the column holds " + length);
        }
        return s;
    }

    private static BigDecimal decimal(Object value, DecimalTypeInfo type, CellRef where) {
        BigDecimal decimal;
        if (value instanceof BigDecimal d) {
            decimal = d;
        } else if (value instanceof BigInteger big) {
            decimal = new BigDecimal(big);
        } else if (isSmallInteger(value)) {
            decimal = BigDecimal.valueOf(((Number) value).longValue());
        } else {
            throw refused(value, type, where, "not a decimal");
        }
        BigDecimal rescaled;
        try {
            rescaled = decimal.setScale(type.getScale(), RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw refused(value, type, where, "more than " + type.getScale() + " digits after the point");
        }
        if (rescaled.precision() > type.getPrecision() && rescaled.signum() != 0) {
            throw refused(
                    value,
                    type,
                    where,
                    "more than " + (type.getPrecision() - type.getScale()) + " digits before the point");
        }
        return rescaled;
    }

    private static Instant instant(Object value, TypeInfo type, CellRef where) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof LocalDateTime local) {
            return local.toInstant(ZoneOffset.UTC);
        }
        throw refused(value, type, where, "not a point in time");
    }

    private static List<Object> array(Object value, ArrayTypeInfo type, CellRef where) {
        if (!(value instanceof List<?> list)) {
            throw refused(value, type, where, "not a list");
        }
        List<Object> converted = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            converted.add(toRecordValue(type.getElementTypeInfo(), list.get(i), where.element("[" + i + "]")));
        }
        return converted;
    }

    private static Map<Object, Object> map(Object value, MapTypeInfo type, CellRef where) {
        if (!(value instanceof Map<?, ?> map)) {
            throw refused(value, type, where, "not a map");
        }
        Map<Object, Object> converted = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (entry.getKey() == null) {
                throw refused(value, type, where, "a map key is null");
            }
            Object key = toRecordValue(type.getKeyTypeInfo(), entry.getKey(), where.element(".key"));
            CellRef valueWhere = where.element("[" + shown(entry.getKey()) + "]");
            converted.put(key, toRecordValue(type.getValueTypeInfo(), entry.getValue(), valueWhere));
        }
        return converted;
    }

    private static SimpleStruct struct(Object value, StructTypeInfo type, CellRef where) {
        List<String> names = type.getFieldNames();
        List<TypeInfo> types = type.getFieldTypeInfos();
        List<Object> fields = new ArrayList<>(names.size());
        if (value instanceof List<?> list) {
            if (list.size() != names.size()) {
                throw refused(value, type, where, list.size() + " fields, the struct has " + names.size());
            }
            for (int i = 0; i < names.size(); i++) {
                fields.add(toRecordValue(types.get(i), list.get(i), where.element("." + names.get(i))));
            }
        } else if (value instanceof Map<?, ?> map) {
            Map<String, Object> byName = new LinkedHashMap<>();
            map.forEach((k, v) -> byName.put(String.valueOf(k).toLowerCase(Locale.ROOT), v));
            for (String key : byName.keySet()) {
                if (names.stream().noneMatch(n -> n.equalsIgnoreCase(key))) {
                    throw refused(value, type, where, "the struct has no field " + key);
                }
            }
            for (int i = 0; i < names.size(); i++) {
                Object field = byName.get(names.get(i).toLowerCase(Locale.ROOT));
                fields.add(toRecordValue(types.get(i), field, where.element("." + names.get(i))));
            }
        } else {
            throw refused(value, type, where, "not a struct (a list or a map of its fields)");
        }
        return new SimpleStruct(type, fields);
    }

    private static CopyException refused(Object value, TypeInfo type, CellRef where, String why) {
        return new CopyException(where + " (" + type.getTypeName() + ") cannot hold the value " + shown(value) + " ("
                + value.getClass().getSimpleName() + "): " + why);
    }

    static String shown(Object value) {
        String text;
        if (value instanceof byte[] bytes) {
            text = "<" + bytes.length + " bytes>";
        } else if (value instanceof CharSequence) {
            text = "'" + value + "'";
        } else {
            text = String.valueOf(value);
        }
        if (text.length() > SHOWN_CHARACTERS) {
            return text.substring(0, SHOWN_CHARACTERS) + "… (" + text.length() + " characters)";
        }
        return text;
    }
}
