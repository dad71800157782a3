package dev.lakeport.localcopy;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.orc.TypeDescription;

/**
 * Avro container files through Avro's generic reader, with the file's own (writer's) schema; fields are matched to the
 * table's columns by name. Counting adds up the blocks' record counts without decoding a record.
 */
final class AvroFormat implements FormatReader {
    static {
        AvroCodecs.registerWhereMissing();
    }

    @Override
    public long count(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file));
                DataFileStream<Object> stream = new DataFileStream<>(in, new GenericDatumReader<>())) {
            long n = 0;
            while (stream.hasNext()) {
                n += stream.getBlockCount();
                stream.nextBlock();
            }
            return n;
        }
    }

    @Override
    public RowIterator open(Path file, List<String> names, List<TypeDescription> types) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file));
        DataFileStream<GenericRecord> stream;
        try {
            stream = new DataFileStream<>(in, new GenericDatumReader<>());
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
        Schema schema = stream.getSchema();
        Schema.Field[] fieldOf = new Schema.Field[names.size()];
        for (int i = 0; i < fieldOf.length; i++) {
            fieldOf[i] = fieldIgnoreCase(schema, names.get(i));
        }
        return new RowIterator() {
            private GenericRecord reuse;

            @Override
            public boolean hasNext() {
                return stream.hasNext();
            }

            @Override
            public Object[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                try {
                    reuse = stream.next(reuse);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                Object[] row = new Object[fieldOf.length];
                for (int i = 0; i < row.length; i++) {
                    if (fieldOf[i] != null) {
                        row[i] = value(reuse.get(fieldOf[i].pos()), fieldOf[i].schema(), types.get(i));
                    }
                }
                return row;
            }

            @Override
            public void close() throws IOException {
                stream.close();
            }
        };
    }

    private static Schema.Field fieldIgnoreCase(Schema record, String name) {
        if (record.getType() != Schema.Type.RECORD) {
            return null;
        }
        for (Schema.Field f : record.getFields()) {
            if (f.name().equalsIgnoreCase(name)) {
                return f;
            }
        }
        return null;
    }

    private static Object value(Object v, Schema schema, TypeDescription hive) {
        if (v == null) {
            return null;
        }
        if (schema.getType() == Schema.Type.UNION) {
            int branch = GenericData.get().resolveUnion(schema, v);
            return value(v, schema.getTypes().get(branch), hive);
        }
        LogicalType logical = schema.getLogicalType();
        Object natural =
                switch (schema.getType()) {
                    case RECORD -> {
                        if (hive.getCategory() != TypeDescription.Category.STRUCT) {
                            yield null;
                        }
                        GenericRecord rec = (GenericRecord) v;
                        Map<String, Object> struct = new LinkedHashMap<>();
                        List<String> names = hive.getFieldNames();
                        for (int i = 0; i < names.size(); i++) {
                            Schema.Field f = fieldIgnoreCase(schema, names.get(i));
                            struct.put(
                                    names.get(i),
                                    f == null
                                            ? null
                                            : value(
                                                    rec.get(f.pos()),
                                                    f.schema(),
                                                    hive.getChildren().get(i)));
                        }
                        yield struct;
                    }
                    case ARRAY -> {
                        if (hive.getCategory() != TypeDescription.Category.LIST) {
                            yield null;
                        }
                        List<Object> list = new ArrayList<>();
                        for (Object e : (Iterable<?>) v) {
                            list.add(value(
                                    e,
                                    schema.getElementType(),
                                    hive.getChildren().get(0)));
                        }
                        yield list;
                    }
                    case MAP -> {
                        if (hive.getCategory() != TypeDescription.Category.MAP) {
                            yield null;
                        }
                        Map<Object, Object> map = new LinkedHashMap<>();
                        for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                            map.put(
                                    Values.coerce(
                                            e.getKey().toString(),
                                            hive.getChildren().get(0)),
                                    value(
                                            e.getValue(),
                                            schema.getValueType(),
                                            hive.getChildren().get(1)));
                        }
                        yield map;
                    }
                    case INT -> logical instanceof LogicalTypes.Date ? LocalDate.ofEpochDay((Integer) v) : v;
                    case LONG -> timestamp((Long) v, logical);
                    case BYTES -> {
                        ByteBuffer b = ((ByteBuffer) v).duplicate();
                        byte[] bytes = new byte[b.remaining()];
                        b.get(bytes);
                        yield logical instanceof LogicalTypes.Decimal d
                                ? new BigDecimal(new BigInteger(bytes), d.getScale())
                                : bytes;
                    }
                    case FIXED -> {
                        byte[] bytes = ((GenericFixed) v).bytes();
                        yield logical instanceof LogicalTypes.Decimal d
                                ? new BigDecimal(new BigInteger(bytes), d.getScale())
                                : bytes.clone();
                    }
                    case STRING, ENUM -> v.toString();
                    default -> v;
                };
        return switch (hive.getCategory()) {
            case LIST, MAP, STRUCT, UNION -> natural;
            default -> Values.coerce(natural, hive);
        };
    }

    private static Object timestamp(long v, LogicalType logical) {
        if (logical instanceof LogicalTypes.TimestampMillis) {
            return Instant.ofEpochMilli(v);
        }
        if (logical instanceof LogicalTypes.TimestampMicros) {
            return Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000L), Math.floorMod(v, 1_000_000L) * 1000);
        }
        if (logical instanceof LogicalTypes.TimestampNanos) {
            return Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000_000L), Math.floorMod(v, 1_000_000_000L));
        }
        if (logical instanceof LogicalTypes.LocalTimestampMillis) {
            return LocalDateTime.ofInstant(Instant.ofEpochMilli(v), ZoneOffset.UTC);
        }
        if (logical instanceof LogicalTypes.LocalTimestampMicros) {
            return LocalDateTime.ofEpochSecond(
                    Math.floorDiv(v, 1_000_000L), (int) Math.floorMod(v, 1_000_000L) * 1000, ZoneOffset.UTC);
        }
        return v;
    }
}
