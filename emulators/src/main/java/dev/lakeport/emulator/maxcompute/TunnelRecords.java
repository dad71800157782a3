package dev.lakeport.emulator.maxcompute;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The Tunnel's record pack (tunnel version 6, uncompressed), read and written with the table's column types: column
 * {@code i} is field {@code i + 1}, a NULL column is left out, each record ends with field 33553408 holding the
 * CRC32C of its values, and the pack ends with field 33554430 (the record count) and field 33554431 (the CRC32C of
 * the records' CRCs). See MAXCOMPUTE-WIRE.md for the layout of each type.
 *
 * <p>Values as held by the emulator: integers, DATE (epoch day), DATETIME (epoch milliseconds) and INTERVAL_YEAR_MONTH
 * as {@code Long}; BOOLEAN, DOUBLE, FLOAT as themselves; STRING, VARCHAR, CHAR, JSON and BINARY as {@code byte[]};
 * DECIMAL as {@link BigDecimal}; TIMESTAMP, TIMESTAMP_NTZ and INTERVAL_DAY_TIME as {@link Seconds}; ARRAY and STRUCT
 * as a {@code List}; MAP as {@link MapValue}.
 */
final class TunnelRecords {
    static final int END_RECORD = 33553408;
    static final int META_COUNT = 33554430;
    static final int META_CHECKSUM = 33554431;

    /** A TIMESTAMP-like value: seconds since the epoch and nanoseconds. */
    record Seconds(long seconds, int nanos) {}

    /** A MAP's keys and values, in the order sent. */
    record MapValue(List<Object> keys, List<Object> values) {}

    /** The pack does not decode with the table's schema, or a checksum does not match. */
    static final class MalformedException extends RuntimeException {
        MalformedException(String message) {
            super(message);
        }
    }

    private TunnelRecords() {}

    /** The records of a pack, each with one value (or null) per column. */
    static List<Object[]> decode(byte[] pack, List<OdpsType> columns) {
        Reader in = new Reader(pack, columns);
        return in.readAll();
    }

    /** A pack holding the given columns ({@code indexes} into each row) of {@code rows}, fields numbered from 1. */
    static byte[] encode(List<Object[]> rows, List<OdpsType> types, int[] indexes) {
        Writer w = new Writer();
        CRC32C packCrc = new CRC32C();
        for (Object[] row : rows) {
            w.crc.reset();
            for (int k = 0; k < indexes.length; k++) {
                // A row written before columns were added has none for them: NULL.
                Object v = indexes[k] < row.length ? row[indexes[k]] : null;
                if (v == null) {
                    continue;
                }
                int field = k + 1;
                OdpsType type = types.get(indexes[k]);
                w.crcInt(field);
                w.tag(field, wireType(type));
                w.value(v, type);
            }
            int crc = (int) w.crc.getValue();
            w.tag(END_RECORD, 0);
            w.varint(crc & 0xFFFFFFFFL);
            packCrc.update(le32(crc));
        }
        w.tag(META_COUNT, 0);
        w.varint(zigzag(rows.size()));
        w.tag(META_CHECKSUM, 0);
        w.varint(packCrc.getValue());
        return w.out.toByteArray();
    }

    private static int wireType(OdpsType type) {
        return switch (type.name()) {
            case "double" -> 1;
            case "float" -> 5;
            case "bigint", "int", "smallint", "tinyint", "boolean", "datetime", "date", "interval_year_month" -> 0;
            default -> 2;
        };
    }

    private static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static byte[] le32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    private static byte[] le64(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }

    private static final class Reader {
        private final byte[] b;
        private final List<OdpsType> columns;
        private final CRC32C crc = new CRC32C();
        private int pos;

        Reader(byte[] b, List<OdpsType> columns) {
            this.b = b;
            this.columns = columns;
        }

        List<Object[]> readAll() {
            List<Object[]> rows = new ArrayList<>();
            CRC32C packCrc = new CRC32C();
            Object[] row = new Object[columns.size()];
            crc.reset();
            while (pos < b.length) {
                long tag = varint();
                int field = (int) (tag >>> 3);
                if (field == END_RECORD) {
                    int expected = (int) crc.getValue();
                    int sent = (int) varint();
                    if (sent != expected) {
                        throw new MalformedException("record " + (rows.size() + 1) + " has checksum "
                                + Integer.toUnsignedString(sent) + " but its values give "
                                + Integer.toUnsignedString(expected));
                    }
                    packCrc.update(le32(expected));
                    rows.add(row);
                    row = new Object[columns.size()];
                    crc.reset();
                } else if (field == META_COUNT) {
                    long count = unzigzag(varint());
                    if (count != rows.size()) {
                        throw new MalformedException(
                                "the pack says it holds " + count + " records but holds " + rows.size());
                    }
                    long next = varint() >>> 3;
                    if (next != META_CHECKSUM) {
                        throw new MalformedException("the pack lacks its checksum after the record count");
                    }
                    int sent = (int) varint();
                    if (sent != (int) packCrc.getValue()) {
                        throw new MalformedException("the pack's checksum " + Integer.toUnsignedString(sent)
                                + " does not match its records' " + Long.toString(packCrc.getValue()));
                    }
                    if (pos != b.length) {
                        throw new MalformedException("data follows the end of the pack at byte " + pos);
                    }
                    return rows;
                } else if (field >= 1 && field <= columns.size()) {
                    crc.update(le32(field));
                    row[field - 1] = value(columns.get(field - 1));
                } else {
                    throw new MalformedException("field " + field + " at byte " + pos + " is not a column of the "
                            + columns.size() + "-column table");
                }
            }
            throw new MalformedException("the pack ends without its record count and checksum");
        }

        private Object value(OdpsType type) {
            switch (type.name()) {
                case "bigint", "int", "smallint", "tinyint", "datetime", "date", "interval_year_month" -> {
                    long v = unzigzag(varint());
                    crc.update(le64(v));
                    return v;
                }
                case "boolean" -> {
                    boolean v = varint() != 0;
                    crc.update(v ? 1 : 0);
                    return v;
                }
                case "double" -> {
                    byte[] raw = raw(8);
                    crc.update(raw);
                    return ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).getDouble();
                }
                case "float" -> {
                    byte[] raw = raw(4);
                    crc.update(raw);
                    return ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).getFloat();
                }
                case "string", "varchar", "char", "binary", "json" -> {
                    byte[] v = raw((int) varint());
                    crc.update(v);
                    return v;
                }
                case "decimal" -> {
                    byte[] v = raw((int) varint());
                    crc.update(v);
                    String text = new String(v, StandardCharsets.UTF_8);
                    try {
                        return new BigDecimal(text);
                    } catch (NumberFormatException e) {
                        throw new MalformedException("decimal value '" + text + "' is not a number");
                    }
                }
                case "timestamp", "timestamp_ntz", "interval_day_time" -> {
                    long seconds = unzigzag(varint());
                    int nanos = (int) unzigzag(varint() & 0xFFFFFFFFL);
                    crc.update(le64(seconds));
                    crc.update(le32(nanos));
                    return new Seconds(seconds, nanos);
                }
                case "array" -> {
                    return list(type.children().get(0));
                }
                case "map" -> {
                    List<Object> keys = list(type.children().get(0));
                    List<Object> values = list(type.children().get(1));
                    if (keys.size() != values.size()) {
                        throw new MalformedException(
                                "a map has " + keys.size() + " keys but " + values.size() + " values");
                    }
                    return new MapValue(keys, values);
                }
                case "struct" -> {
                    List<Object> fields = new ArrayList<>();
                    for (OdpsType child : type.children()) {
                        fields.add(varint() != 0 ? null : value(child));
                    }
                    return fields;
                }
                default -> throw new MalformedException("type " + type.name() + " cannot be read by the emulator");
            }
        }

        private List<Object> list(OdpsType element) {
            long size = varint();
            if (size > b.length - pos) {
                throw new MalformedException("an array claims " + size + " elements at byte " + pos);
            }
            List<Object> out = new ArrayList<>();
            for (long i = 0; i < size; i++) {
                out.add(varint() != 0 ? null : value(element));
            }
            return out;
        }

        private byte[] raw(int n) {
            if (n < 0 || pos + n > b.length) {
                throw new MalformedException("the pack ends inside a value at byte " + pos);
            }
            byte[] out = new byte[n];
            System.arraycopy(b, pos, out, 0, n);
            pos += n;
            return out;
        }

        private long varint() {
            long result = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= b.length) {
                    throw new MalformedException("the pack ends inside a varint at byte " + pos);
                }
                byte x = b[pos++];
                result |= (long) (x & 0x7F) << shift;
                if ((x & 0x80) == 0) {
                    return result;
                }
            }
            throw new MalformedException("a varint longer than 10 bytes at byte " + pos);
        }

        private static long unzigzag(long v) {
            return (v >>> 1) ^ -(v & 1);
        }
    }

    private static final class Writer {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final CRC32C crc = new CRC32C();

        void crcInt(int v) {
            crc.update(le32(v));
        }

        void tag(int field, int wireType) {
            varint(((long) field << 3) | wireType);
        }

        void varint(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }

        void raw(byte[] bytes) {
            out.write(bytes, 0, bytes.length);
        }

        void value(Object v, OdpsType type) {
            switch (type.name()) {
                case "bigint", "int", "smallint", "tinyint", "datetime", "date", "interval_year_month" -> {
                    long x = ((Number) v).longValue();
                    crc.update(le64(x));
                    varint(zigzag(x));
                }
                case "boolean" -> {
                    boolean x = (Boolean) v;
                    crc.update(x ? 1 : 0);
                    varint(x ? 1 : 0);
                }
                case "double" -> {
                    byte[] x = le64(Double.doubleToRawLongBits(((Number) v).doubleValue()));
                    crc.update(x);
                    raw(x);
                }
                case "float" -> {
                    byte[] x = le32(Float.floatToRawIntBits(((Number) v).floatValue()));
                    crc.update(x);
                    raw(x);
                }
                case "string", "varchar", "char", "binary", "json" -> {
                    byte[] x = (byte[]) v;
                    crc.update(x);
                    varint(x.length);
                    raw(x);
                }
                case "decimal" -> {
                    byte[] x = ((BigDecimal) v).toPlainString().getBytes(StandardCharsets.UTF_8);
                    crc.update(x);
                    varint(x.length);
                    raw(x);
                }
                case "timestamp", "timestamp_ntz", "interval_day_time" -> {
                    Seconds s = (Seconds) v;
                    crc.update(le64(s.seconds()));
                    crc.update(le32(s.nanos()));
                    varint(zigzag(s.seconds()));
                    varint(((s.nanos() << 1) ^ (s.nanos() >> 31)) & 0xFFFFFFFFL);
                }
                case "array" -> list((List<?>) v, type.children().get(0));
                case "map" -> {
                    MapValue m = (MapValue) v;
                    list(m.keys(), type.children().get(0));
                    list(m.values(), type.children().get(1));
                }
                case "struct" -> {
                    List<?> fields = (List<?>) v;
                    for (int i = 0; i < type.children().size(); i++) {
                        Object f = fields.get(i);
                        varint(f == null ? 1 : 0);
                        if (f != null) {
                            value(f, type.children().get(i));
                        }
                    }
                }
                default -> throw new IllegalStateException("type " + type.name() + " cannot be written");
            }
        }

        private void list(List<?> values, OdpsType element) {
            varint(values.size());
            for (Object e : values) {
                varint(e == null ? 1 : 0);
                if (e != null) {
                    value(e, element);
                }
            }
        }
    }
}
