package dev.lakeport.localcopy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;
import org.apache.hadoop.hive.common.type.HiveDecimal;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DecimalColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ListColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.MapColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.StructColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.TimestampColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.orc.CompressionKind;
import org.apache.orc.OrcFile;
import org.apache.orc.TypeDescription;
import org.apache.orc.Writer;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Writes rows of plain Java values (as {@link TableFiles} reads them) into one file of a table's format, as Hive lays
 * it out: Parquet with Hive's types (INT96 timestamps, fixed-length decimals), ORC, Avro with the table's schema,
 * LazySimpleSerDe text with the table's delimiters and null text, OpenCSVSerde CSV, JSON lines.
 *
 * <p>Every byte depends on the rows alone: Parquet and Avro are not compressed and ORC uses its pure-Java Snappy
 * (zlib-based codecs differ between zlib builds), Avro's sync marker comes from the caller's seed, ORC writes times in
 * UTC, and Parquet's footer lists encodings in a fixed order ({@link ParquetFooters}).
 */
final class SampleFileWriter {
    private static final DateTimeFormatter HIVE_TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private SampleFileWriter() {}

    /** The columns written to a file: names as the table has them, and what each holds. */
    record Columns(List<String> names, List<SampleValues.Slot> slots) {
        Columns {
            names = List.copyOf(names);
            slots = List.copyOf(slots);
        }

        TypeDescription type(int i) {
            return slots.get(i).type();
        }
    }

    static void parquet(Path file, Columns columns, List<Object[]> rows) throws IOException {
        List<Type> fields = new ArrayList<>();
        for (int i = 0; i < columns.names().size(); i++) {
            fields.add(parquetType(columns.names().get(i), columns.type(i), Type.Repetition.OPTIONAL));
        }
        MessageType schema = new MessageType("hive_schema", fields);
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        Files.deleteIfExists(file);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withConf(LocalHadoop.configuration())
                .withType(schema)
                .withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
                .withDictionaryEncoding(true)
                // Small files: small pages and row groups, or each file allocates megabytes.
                .withPageSize(64 * 1024)
                .withDictionaryPageSize(64 * 1024)
                .withRowGroupSize(8L << 20)
                .build()) {
            for (Object[] row : rows) {
                Group g = groups.newGroup();
                for (int i = 0; i < fields.size(); i++) {
                    if (row[i] != null) {
                        addParquet(g, i, fields.get(i), columns.type(i), row[i]);
                    }
                }
                writer.write(g);
            }
        }
        ParquetFooters.sortEncodings(file);
    }

    private static Type parquetType(String name, TypeDescription t, Type.Repetition repetition) {
        return switch (t.getCategory()) {
            case BOOLEAN -> Types.primitive(PrimitiveTypeName.BOOLEAN, repetition)
                    .named(name);
            case BYTE -> Types.primitive(PrimitiveTypeName.INT32, repetition)
                    .as(LogicalTypeAnnotation.intType(8, true))
                    .named(name);
            case SHORT -> Types.primitive(PrimitiveTypeName.INT32, repetition)
                    .as(LogicalTypeAnnotation.intType(16, true))
                    .named(name);
            case INT -> Types.primitive(PrimitiveTypeName.INT32, repetition).named(name);
            case LONG -> Types.primitive(PrimitiveTypeName.INT64, repetition).named(name);
            case FLOAT -> Types.primitive(PrimitiveTypeName.FLOAT, repetition).named(name);
            case DOUBLE -> Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(name);
            case DECIMAL -> Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition)
                    .length(decimalBytes(t.getPrecision()))
                    .as(LogicalTypeAnnotation.decimalType(t.getScale(), t.getPrecision()))
                    .named(name);
            case STRING, VARCHAR, CHAR -> Types.primitive(PrimitiveTypeName.BINARY, repetition)
                    .as(LogicalTypeAnnotation.stringType())
                    .named(name);
            case BINARY -> Types.primitive(PrimitiveTypeName.BINARY, repetition).named(name);
            case DATE -> Types.primitive(PrimitiveTypeName.INT32, repetition)
                    .as(LogicalTypeAnnotation.dateType())
                    .named(name);
            case TIMESTAMP, TIMESTAMP_INSTANT -> Types.primitive(PrimitiveTypeName.INT96, repetition)
                    .named(name);
            case LIST -> Types.buildGroup(repetition)
                    .as(LogicalTypeAnnotation.listType())
                    .addField(new GroupType(
                            Type.Repetition.REPEATED,
                            "list",
                            parquetType("element", t.getChildren().get(0), Type.Repetition.OPTIONAL)))
                    .named(name);
            case MAP -> Types.buildGroup(repetition)
                    .as(LogicalTypeAnnotation.mapType())
                    .addField(new GroupType(
                            Type.Repetition.REPEATED,
                            "key_value",
                            parquetType("key", t.getChildren().get(0), Type.Repetition.REQUIRED),
                            parquetType("value", t.getChildren().get(1), Type.Repetition.OPTIONAL)))
                    .named(name);
            case STRUCT -> {
                List<Type> kids = new ArrayList<>();
                for (int i = 0; i < t.getChildren().size(); i++) {
                    kids.add(parquetType(
                            t.getFieldNames().get(i), t.getChildren().get(i), Type.Repetition.OPTIONAL));
                }
                yield new GroupType(repetition, name, kids);
            }
            default -> throw new UnreadableTableException("The sample data cannot write " + t + " to Parquet");
        };
    }

    private static void addParquet(Group g, int field, Type type, TypeDescription t, Object v) {
        switch (t.getCategory()) {
            case BOOLEAN -> g.add(field, (Boolean) v);
            case BYTE, SHORT, INT -> g.add(field, ((Number) v).intValue());
            case LONG -> g.add(field, (Long) v);
            case FLOAT -> g.add(field, (Float) v);
            case DOUBLE -> g.add(field, (Double) v);
            case DECIMAL -> g.add(
                    field,
                    Binary.fromConstantByteArray(
                            fixed((BigDecimal) v, type.asPrimitiveType().getTypeLength())));
            case STRING, VARCHAR, CHAR -> g.add(field, (String) v);
            case BINARY -> g.add(field, Binary.fromConstantByteArray((byte[]) v));
            case DATE -> g.add(field, (int) ((LocalDate) v).toEpochDay());
            case TIMESTAMP, TIMESTAMP_INSTANT -> g.add(field, int96((LocalDateTime) v));
            case LIST -> {
                Group list = g.addGroup(field);
                GroupType repeated = type.asGroupType().getType(0).asGroupType();
                for (Object e : (List<?>) v) {
                    Group element = list.addGroup(0);
                    if (e != null) {
                        addParquet(
                                element, 0, repeated.getType(0), t.getChildren().get(0), e);
                    }
                }
            }
            case MAP -> {
                Group map = g.addGroup(field);
                GroupType kv = type.asGroupType().getType(0).asGroupType();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                    Group entry = map.addGroup(0);
                    addParquet(entry, 0, kv.getType(0), t.getChildren().get(0), e.getKey());
                    if (e.getValue() != null) {
                        addParquet(entry, 1, kv.getType(1), t.getChildren().get(1), e.getValue());
                    }
                }
            }
            case STRUCT -> {
                Group struct = g.addGroup(field);
                Map<?, ?> m = (Map<?, ?>) v;
                for (int i = 0; i < t.getChildren().size(); i++) {
                    Object fv = m.get(t.getFieldNames().get(i));
                    if (fv != null) {
                        addParquet(
                                struct,
                                i,
                                type.asGroupType().getType(i),
                                t.getChildren().get(i),
                                fv);
                    }
                }
            }
            default -> throw new UnreadableTableException("The sample data cannot write " + t + " to Parquet");
        }
    }

    /** The bytes Hive gives a decimal of this precision in Parquet. */
    private static int decimalBytes(int precision) {
        int bytes = 1;
        while (Math.pow(2, 8 * bytes - 1) < Math.pow(10, precision)) {
            bytes++;
        }
        return bytes;
    }

    private static byte[] fixed(BigDecimal d, int length) {
        byte[] unscaled = d.unscaledValue().toByteArray();
        byte[] out = new byte[length];
        java.util.Arrays.fill(out, 0, length - unscaled.length, (byte) (d.signum() < 0 ? 0xff : 0));
        System.arraycopy(unscaled, 0, out, length - unscaled.length, unscaled.length);
        return out;
    }

    /** Hive's INT96: nanoseconds of the day, then the Julian day, little-endian, of the time in UTC. */
    private static Binary int96(LocalDateTime t) {
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(t.toLocalTime().toNanoOfDay());
        b.putInt((int) (t.toLocalDate().toEpochDay() + 2_440_588L));
        return Binary.fromConstantByteArray(b.array());
    }

    // ---------------------------------------------------------------- ORC

    static void orc(Path file, Columns columns, List<Object[]> rows) throws IOException {
        TypeDescription schema = TypeDescription.createStruct();
        for (int i = 0; i < columns.names().size(); i++) {
            schema.addField(columns.names().get(i), columns.type(i).clone());
        }
        Files.deleteIfExists(file);
        try (Writer writer = OrcFile.createWriter(
                new org.apache.hadoop.fs.Path(file.toUri()),
                OrcFile.writerOptions(LocalHadoop.configuration())
                        .fileSystem(LocalWriteFileSystem.get())
                        .setSchema(schema)
                        .compress(CompressionKind.SNAPPY)
                        // Small files: small buffers, or each file allocates 256 KB per stream.
                        .bufferSize(16 * 1024)
                        .enforceBufferSize()
                        .stripeSize(8L << 20)
                        .useUTCTimestamp(true))) {
            VectorizedRowBatch batch = schema.createRowBatch(Math.max(1, rows.size()));
            for (Object[] row : rows) {
                int r = batch.size++;
                for (int i = 0; i < columns.names().size(); i++) {
                    setOrc(batch.cols[i], schema.getChildren().get(i), r, row[i]);
                }
            }
            writer.addRowBatch(batch);
        }
    }

    /** Row {@code r} of an ORC column vector set to {@code value} (Java values as the readers give them back). */
    static void setOrc(ColumnVector v, TypeDescription type, int r, Object value) {
        if (value == null) {
            v.noNulls = false;
            v.isNull[r] = true;
            return;
        }
        switch (type.getCategory()) {
            case BOOLEAN -> ((LongColumnVector) v).vector[r] = (Boolean) value ? 1 : 0;
            case BYTE, SHORT, INT, LONG -> ((LongColumnVector) v).vector[r] = ((Number) value).longValue();
            case DATE -> ((LongColumnVector) v).vector[r] = ((LocalDate) value).toEpochDay();
            case FLOAT, DOUBLE -> ((DoubleColumnVector) v).vector[r] = ((Number) value).doubleValue();
            case DECIMAL -> ((DecimalColumnVector) v).set(r, HiveDecimal.create((BigDecimal) value));
            case STRING, VARCHAR, CHAR -> ((BytesColumnVector) v)
                    .setVal(r, ((String) value).getBytes(StandardCharsets.UTF_8));
            case BINARY -> ((BytesColumnVector) v).setVal(r, (byte[]) value);
            case TIMESTAMP, TIMESTAMP_INSTANT -> {
                LocalDateTime t = (LocalDateTime) value;
                java.sql.Timestamp ts =
                        new java.sql.Timestamp(t.toInstant(ZoneOffset.UTC).toEpochMilli());
                ts.setNanos(t.getNano());
                ((TimestampColumnVector) v).set(r, ts);
            }
            case LIST -> {
                ListColumnVector l = (ListColumnVector) v;
                List<?> list = (List<?>) value;
                l.offsets[r] = l.childCount;
                l.lengths[r] = list.size();
                l.childCount += list.size();
                l.child.ensureSize(l.childCount, true);
                for (int i = 0; i < list.size(); i++) {
                    setOrc(l.child, type.getChildren().get(0), (int) l.offsets[r] + i, list.get(i));
                }
            }
            case MAP -> {
                MapColumnVector m = (MapColumnVector) v;
                List<Map.Entry<?, ?>> entries = new ArrayList<>(((Map<?, ?>) value).entrySet());
                m.offsets[r] = m.childCount;
                m.lengths[r] = entries.size();
                m.childCount += entries.size();
                m.keys.ensureSize(m.childCount, true);
                m.values.ensureSize(m.childCount, true);
                for (int i = 0; i < entries.size(); i++) {
                    int at = (int) m.offsets[r] + i;
                    setOrc(m.keys, type.getChildren().get(0), at, entries.get(i).getKey());
                    setOrc(
                            m.values,
                            type.getChildren().get(1),
                            at,
                            entries.get(i).getValue());
                }
            }
            case STRUCT -> {
                StructColumnVector s = (StructColumnVector) v;
                Map<?, ?> m = (Map<?, ?>) value;
                for (int i = 0; i < s.fields.length; i++) {
                    setOrc(
                            s.fields[i],
                            type.getChildren().get(i),
                            r,
                            m.get(type.getFieldNames().get(i)));
                }
            }
            default -> throw new UnreadableTableException("The sample data cannot write " + type + " to ORC");
        }
    }

    // ---------------------------------------------------------------- Avro

    /**
     * Writes an Avro container file with {@code schema} (the table's {@code avro.schema.literal}), not compressed, its
     * sync marker drawn from {@code rng}.
     */
    static void avro(Path file, Schema schema, Columns columns, List<Object[]> rows, SplittableRandom rng)
            throws IOException {
        byte[] sync = new byte[16];
        for (int i = 0; i < sync.length; i++) {
            sync[i] = (byte) rng.nextInt(256);
        }
        try (OutputStream out = Files.newOutputStream(file);
                DataFileWriter<GenericRecord> writer =
                        new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(schema))) {
            writer.setCodec(CodecFactory.nullCodec());
            writer.create(schema, out, sync);
            for (Object[] row : rows) {
                GenericData.Record rec = new GenericData.Record(schema);
                for (int i = 0; i < columns.names().size(); i++) {
                    Schema.Field f = schema.getField(columns.names().get(i));
                    if (f != null) {
                        rec.put(f.pos(), avroValue(f.schema(), row[i]));
                    }
                }
                writer.append(rec);
            }
        }
    }

    /** The non-null branch of a nullable union, or the schema itself. */
    static Schema nonNull(Schema s) {
        if (s.getType() == Schema.Type.UNION) {
            for (Schema branch : s.getTypes()) {
                if (branch.getType() != Schema.Type.NULL) {
                    return branch;
                }
            }
        }
        return s;
    }

    static boolean nullable(Schema s) {
        return s.getType() == Schema.Type.NULL
                || (s.getType() == Schema.Type.UNION
                        && s.getTypes().stream().anyMatch(b -> b.getType() == Schema.Type.NULL));
    }

    private static Object avroValue(Schema schema, Object v) {
        if (v == null) {
            return null;
        }
        Schema s = nonNull(schema);
        LogicalType logical = s.getLogicalType();
        return switch (s.getType()) {
            case RECORD -> {
                GenericData.Record rec = new GenericData.Record(s);
                Map<?, ?> m = (Map<?, ?>) v;
                for (Schema.Field f : s.getFields()) {
                    rec.put(f.pos(), avroValue(f.schema(), m.get(f.name())));
                }
                yield rec;
            }
            case ARRAY -> {
                List<Object> out = new ArrayList<>();
                for (Object e : (List<?>) v) {
                    out.add(avroValue(s.getElementType(), e));
                }
                yield out;
            }
            case MAP -> {
                Map<String, Object> out = new java.util.LinkedHashMap<>();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                    out.put(String.valueOf(e.getKey()), avroValue(s.getValueType(), e.getValue()));
                }
                yield out;
            }
            case INT -> v instanceof LocalDate d ? (int) d.toEpochDay() : ((Number) v).intValue();
            case LONG -> {
                if (v instanceof LocalDateTime t) {
                    var i = t.toInstant(ZoneOffset.UTC);
                    yield logical instanceof LogicalTypes.TimestampMicros
                                    || logical instanceof LogicalTypes.LocalTimestampMicros
                            ? i.getEpochSecond() * 1_000_000L + i.getNano() / 1000
                            : i.toEpochMilli();
                }
                yield ((Number) v).longValue();
            }
            case FLOAT -> ((Number) v).floatValue();
            case DOUBLE -> ((Number) v).doubleValue();
            case BOOLEAN -> v;
            case BYTES -> logical instanceof LogicalTypes.Decimal
                    ? new Conversions.DecimalConversion().toBytes((BigDecimal) v, s, logical)
                    : ByteBuffer.wrap((byte[]) v);
            case FIXED -> logical instanceof LogicalTypes.Decimal
                    ? new Conversions.DecimalConversion().toFixed((BigDecimal) v, s, logical)
                    : new GenericData.Fixed(s, (byte[]) v);
            case STRING, ENUM -> v.toString();
            default -> throw new UnreadableTableException("The sample data cannot write Avro's " + s.getType());
        };
    }

    /** An Avro schema for columns when the table names none: each a nullable union, as Hive derives it. */
    static Schema avroSchema(String name, Columns columns) {
        List<Schema.Field> fields = new ArrayList<>();
        for (int i = 0; i < columns.names().size(); i++) {
            fields.add(new Schema.Field(
                    columns.names().get(i),
                    optional(avroType(columns.type(i), name + "_" + i)),
                    null,
                    Schema.Field.NULL_DEFAULT_VALUE));
        }
        return Schema.createRecord(name, null, "dev.lakeport.sample", false, fields);
    }

    private static Schema optional(Schema s) {
        return Schema.createUnion(Schema.create(Schema.Type.NULL), s);
    }

    private static Schema avroType(TypeDescription t, String name) {
        return switch (t.getCategory()) {
            case BOOLEAN -> Schema.create(Schema.Type.BOOLEAN);
            case BYTE, SHORT, INT -> Schema.create(Schema.Type.INT);
            case LONG -> Schema.create(Schema.Type.LONG);
            case FLOAT -> Schema.create(Schema.Type.FLOAT);
            case DOUBLE -> Schema.create(Schema.Type.DOUBLE);
            case DECIMAL -> LogicalTypes.decimal(t.getPrecision(), t.getScale())
                    .addToSchema(Schema.create(Schema.Type.BYTES));
            case STRING, VARCHAR, CHAR -> Schema.create(Schema.Type.STRING);
            case BINARY -> Schema.create(Schema.Type.BYTES);
            case DATE -> LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
            case TIMESTAMP, TIMESTAMP_INSTANT -> LogicalTypes.timestampMillis()
                    .addToSchema(Schema.create(Schema.Type.LONG));
            case LIST -> Schema.createArray(optional(avroType(t.getChildren().get(0), name + "_e")));
            case MAP -> Schema.createMap(optional(avroType(t.getChildren().get(1), name + "_v")));
            case STRUCT -> {
                List<Schema.Field> fields = new ArrayList<>();
                for (int i = 0; i < t.getChildren().size(); i++) {
                    fields.add(new Schema.Field(
                            t.getFieldNames().get(i),
                            optional(avroType(t.getChildren().get(i), name + "_" + i)),
                            null,
                            Schema.Field.NULL_DEFAULT_VALUE));
                }
                yield Schema.createRecord(name, null, "dev.lakeport.sample", false, fields);
            }
            default -> throw new UnreadableTableException("The sample data cannot write " + t + " to Avro");
        };
    }

    // ---------------------------------------------------------------- text (LazySimpleSerDe)

    /**
     * Delimited text with the table's separators (field, collection, map key, then Hive's defaults for deeper levels)
     * and null text; {@code header} lines of column names first when the table skips header lines.
     */
    static void text(Path file, Columns columns, List<Object[]> rows, Map<String, String> serde, int header)
            throws IOException {
        String format = serde.get("serialization.format");
        char field = delimiter(serde.get("field.delim"), delimiter(format, '\001'));
        char collection = delimiter(serde.getOrDefault("collection.delim", serde.get("colelction.delim")), '\002');
        char mapKey = delimiter(serde.get("mapkey.delim"), '\003');
        char[] separators = {field, collection, mapKey, '\004', '\005', '\006', '\007', '\010'};
        String nullText = serde.getOrDefault("serialization.null.format", "\\N");
        StringBuilder out = new StringBuilder();
        for (int h = 0; h < header; h++) {
            out.append(String.join(String.valueOf(field), columns.names())).append('\n');
        }
        for (Object[] row : rows) {
            for (int i = 0; i < columns.names().size(); i++) {
                if (i > 0) {
                    out.append(field);
                }
                text(out, row[i], columns.type(i), 1, separators, nullText);
            }
            out.append('\n');
        }
        Files.writeString(file, out.toString());
    }

    private static void text(
            StringBuilder out, Object v, TypeDescription t, int level, char[] separators, String nullText) {
        if (v == null) {
            out.append(nullText);
            return;
        }
        char sep = separators[Math.min(level, separators.length - 1)];
        switch (t.getCategory()) {
            case LIST -> {
                List<?> list = (List<?>) v;
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.append(sep);
                    }
                    text(out, list.get(i), t.getChildren().get(0), level + 1, separators, nullText);
                }
            }
            case MAP -> {
                char kv = separators[Math.min(level + 1, separators.length - 1)];
                boolean first = true;
                for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                    if (!first) {
                        out.append(sep);
                    }
                    first = false;
                    text(out, e.getKey(), t.getChildren().get(0), level + 2, separators, nullText);
                    out.append(kv);
                    text(out, e.getValue(), t.getChildren().get(1), level + 2, separators, nullText);
                }
            }
            case STRUCT -> {
                Map<?, ?> m = (Map<?, ?>) v;
                for (int i = 0; i < t.getChildren().size(); i++) {
                    if (i > 0) {
                        out.append(sep);
                    }
                    text(out, m.get(t.getFieldNames().get(i)), t.getChildren().get(i), level + 1, separators, nullText);
                }
            }
            default -> out.append(primitiveText(v));
        }
    }

    /** Hive's rule: a number is a byte value ({@code 9} is a tab), else the first character. */
    private static char delimiter(String value, char otherwise) {
        if (value == null || value.isEmpty()) {
            return otherwise;
        }
        try {
            return (char) (Byte.parseByte(value) & 0xff);
        } catch (NumberFormatException e) {
            return value.charAt(0);
        }
    }

    /** A primitive value as Hive's text SerDes write it. */
    static String primitiveText(Object v) {
        if (v instanceof byte[] b) {
            return Base64.getEncoder().encodeToString(b);
        }
        if (v instanceof LocalDateTime t) {
            return HIVE_TIMESTAMP.format(t);
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return v.toString();
    }

    // ---------------------------------------------------------------- CSV (OpenCSVSerde)

    /** CSV as OpenCSVSerde writes it: every field quoted, with the table's separator, quote and escape characters. */
    static void csv(Path file, Columns columns, List<Object[]> rows, Map<String, String> serde, int header)
            throws IOException {
        char separator = first(serde.get("separatorChar"), ',');
        char quote = first(serde.get("quoteChar"), '"');
        char escape = first(serde.get("escapeChar"), '"');
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setDelimiter(separator)
                .setQuote(quote)
                .setEscape(escape == quote ? null : escape)
                .setQuoteMode(QuoteMode.ALL)
                .setRecordSeparator('\n')
                .build();
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(out, format)) {
            for (int h = 0; h < header; h++) {
                printer.printRecord(columns.names());
            }
            for (Object[] row : rows) {
                List<String> fields = new ArrayList<>();
                for (Object v : row) {
                    fields.add(v == null ? "" : primitiveText(v));
                }
                printer.printRecord(fields);
            }
        }
        Files.writeString(file, out.toString());
    }

    private static char first(String value, char otherwise) {
        return value == null || value.isEmpty() ? otherwise : value.charAt(0);
    }

    // ---------------------------------------------------------------- JSON lines

    static void json(Path file, Columns columns, List<Object[]> rows) throws IOException {
        StringBuilder out = new StringBuilder();
        for (Object[] row : rows) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            for (int i = 0; i < columns.names().size(); i++) {
                o.set(columns.names().get(i).toLowerCase(Locale.ROOT), JSON.valueToTree(jsonValue(row[i])));
            }
            out.append(JSON.writeValueAsString(o)).append('\n');
        }
        Files.writeString(file, out.toString());
    }

    private static Object jsonValue(Object v) {
        if (v == null || v instanceof Number || v instanceof Boolean || v instanceof String) {
            return v;
        }
        if (v instanceof List<?> l) {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            l.forEach(e -> a.add(JSON.<com.fasterxml.jackson.databind.JsonNode>valueToTree(jsonValue(e))));
            return a;
        }
        if (v instanceof Map<?, ?> m) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            m.forEach((k, e) -> o.set(primitiveText(k), JSON.valueToTree(jsonValue(e))));
            return o;
        }
        return primitiveText(v);
    }
}
