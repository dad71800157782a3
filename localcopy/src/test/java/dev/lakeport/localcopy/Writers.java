package dev.lakeport.localcopy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakeport.model.Column;
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
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
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
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/** Writes the test tables' files with each format's own writer (Parquet, ORC, Avro), Jackson (JSON) or plain text. */
final class Writers {
    private static final DateTimeFormatter HIVE_TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private Writers() {}

    interface FileWriter {
        void write(Path file, List<Column> columns, List<Object[]> rows) throws IOException;
    }

    // ---------------------------------------------------------------- Parquet, as Hive writes it (INT96 timestamps)

    /** Each Parquet file written takes the next codec: a table's four files use all the reader decompresses. */
    private static final CompressionCodecName[] PARQUET_CODECS = {
        CompressionCodecName.SNAPPY, CompressionCodecName.ZSTD, CompressionCodecName.GZIP, CompressionCodecName.LZ4_RAW
    };

    private static int parquetFiles;

    static void parquet(Path file, List<Column> columns, List<Object[]> rows) throws IOException {
        StringBuilder s = new StringBuilder("message hive_schema {\n");
        for (Column c : columns) {
            s.append(
                    switch (c.name()) {
                        case "c_bigint" -> "optional int64 c_bigint;";
                        case "c_int" -> "optional int32 c_int;";
                        case "c_double" -> "optional double c_double;";
                        case "c_dec" -> "optional int64 c_dec (DECIMAL(10,2));";
                        case "c_dec38" -> "optional fixed_len_byte_array(16) c_dec38 (DECIMAL(38,18));";
                        case "c_string" -> "optional binary c_string (STRING);";
                        case "c_bool" -> "optional boolean c_bool;";
                        case "c_date" -> "optional int32 c_date (DATE);";
                        case "c_ts" -> "optional int96 c_ts;";
                        case "c_bin" -> "optional binary c_bin;";
                        case "c_arr" -> "optional group c_arr (LIST) { repeated group list { optional binary element (STRING); } }";
                        case "c_map" -> "optional group c_map (MAP) { repeated group key_value {"
                                + " required binary key (STRING); optional int64 value; } }";
                        case "c_struct" -> "optional group c_struct { optional int32 a; optional binary b (STRING); }";
                        default -> throw new IllegalArgumentException(c.name());
                    });
            s.append('\n');
        }
        MessageType schema = MessageTypeParser.parseMessageType(s.append('}').toString());
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withType(schema)
                .withCompressionCodec(PARQUET_CODECS[parquetFiles++ % PARQUET_CODECS.length])
                .build()) {
            for (Object[] row : rows) {
                Group g = groups.newGroup();
                for (int i = 0; i < columns.size(); i++) {
                    Object v = row[i];
                    if (v == null) {
                        continue;
                    }
                    String name = columns.get(i).name();
                    switch (name) {
                        case "c_bigint" -> g.append(name, (Long) v);
                        case "c_int" -> g.append(name, (Integer) v);
                        case "c_double" -> g.append(name, (Double) v);
                        case "c_dec" -> g.append(
                                name, ((BigDecimal) v).unscaledValue().longValueExact());
                        case "c_dec38" -> g.append(name, Binary.fromConstantByteArray(fixed16((BigDecimal) v)));
                        case "c_string" -> g.append(name, (String) v);
                        case "c_bool" -> g.append(name, (Boolean) v);
                        case "c_date" -> g.append(name, (int) ((LocalDate) v).toEpochDay());
                        case "c_ts" -> g.append(name, int96((LocalDateTime) v));
                        case "c_bin" -> g.append(name, Binary.fromConstantByteArray((byte[]) v));
                        case "c_arr" -> {
                            Group list = g.addGroup(name);
                            for (Object e : (List<?>) v) {
                                Group element = list.addGroup("list");
                                if (e != null) {
                                    element.append("element", (String) e);
                                }
                            }
                        }
                        case "c_map" -> {
                            Group map = g.addGroup(name);
                            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                                Group kv = map.addGroup("key_value").append("key", (String) e.getKey());
                                if (e.getValue() != null) {
                                    kv.append("value", (Long) e.getValue());
                                }
                            }
                        }
                        case "c_struct" -> {
                            Group st = g.addGroup(name);
                            Map<?, ?> m = (Map<?, ?>) v;
                            if (m.get("a") != null) {
                                st.append("a", (Integer) m.get("a"));
                            }
                            if (m.get("b") != null) {
                                st.append("b", (String) m.get("b"));
                            }
                        }
                        default -> throw new IllegalArgumentException(name);
                    }
                }
                writer.write(g);
            }
        }
    }

    private static byte[] fixed16(BigDecimal d) {
        byte[] unscaled = d.unscaledValue().toByteArray();
        byte[] out = new byte[16];
        byte pad = (byte) (d.signum() < 0 ? 0xff : 0);
        java.util.Arrays.fill(out, 0, 16 - unscaled.length, pad);
        System.arraycopy(unscaled, 0, out, 16 - unscaled.length, unscaled.length);
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

    /** Each ORC file written takes the next codec (ZSTD and Snappy in ORC's Java implementations). */
    private static final org.apache.orc.CompressionKind[] ORC_CODECS = {
        org.apache.orc.CompressionKind.ZLIB, org.apache.orc.CompressionKind.ZSTD, org.apache.orc.CompressionKind.SNAPPY
    };

    private static int orcFiles;

    static void orc(Path file, List<Column> columns, List<Object[]> rows) throws IOException {
        TypeDescription schema = TypeDescription.fromString("struct<"
                + columns.stream().map(c -> c.name() + ":" + c.type()).collect(Collectors.joining(",")) + ">");
        try (Writer writer = OrcFile.createWriter(
                new org.apache.hadoop.fs.Path(file.toUri()),
                OrcFile.writerOptions(LocalHadoop.configuration())
                        .fileSystem(LocalHadoop.fileSystem())
                        .setSchema(schema)
                        .compress(ORC_CODECS[orcFiles++ % ORC_CODECS.length])
                        .useUTCTimestamp(true))) {
            VectorizedRowBatch batch = schema.createRowBatch();
            for (Object[] row : rows) {
                int r = batch.size++;
                for (int i = 0; i < columns.size(); i++) {
                    SampleFileWriter.setOrc(batch.cols[i], schema.getChildren().get(i), r, row[i]);
                }
            }
            writer.addRowBatch(batch);
        }
    }

    // ---------------------------------------------------------------- Avro, as Hive's AvroSerDe writes it

    /** Each Avro file written takes the next codec. */
    private static final CodecFactory[] AVRO_CODECS = {
        CodecFactory.deflateCodec(6), CodecFactory.snappyCodec(), CodecFactory.zstandardCodec(3)
    };

    private static int avroFiles;

    static void avro(Path file, List<Column> columns, List<Object[]> rows) throws IOException {
        List<Schema.Field> fields = new ArrayList<>();
        for (Column c : columns) {
            fields.add(new Schema.Field(c.name(), nullable(avroType(c.name())), null, Schema.Field.NULL_DEFAULT_VALUE));
        }
        Schema schema = Schema.createRecord("t", null, "test", false, fields);
        try (DataFileWriter<GenericRecord> writer =
                new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(schema))) {
            writer.setCodec(AVRO_CODECS[avroFiles++ % AVRO_CODECS.length]);
            writer.create(schema, file.toFile());
            for (Object[] row : rows) {
                GenericData.Record rec = new GenericData.Record(schema);
                for (int i = 0; i < columns.size(); i++) {
                    rec.put(
                            i,
                            avroValue(
                                    columns.get(i).name(),
                                    fields.get(i).schema().getTypes().get(1),
                                    row[i]));
                }
                writer.append(rec);
            }
        }
    }

    private static Schema nullable(Schema s) {
        return Schema.createUnion(Schema.create(Schema.Type.NULL), s);
    }

    private static Schema avroType(String column) {
        return switch (column) {
            case "c_bigint" -> Schema.create(Schema.Type.LONG);
            case "c_int" -> Schema.create(Schema.Type.INT);
            case "c_double" -> Schema.create(Schema.Type.DOUBLE);
            case "c_dec" -> LogicalTypes.decimal(10, 2).addToSchema(Schema.create(Schema.Type.BYTES));
            case "c_dec38" -> LogicalTypes.decimal(38, 18).addToSchema(Schema.createFixed("dec38", null, "test", 16));
            case "c_string" -> Schema.create(Schema.Type.STRING);
            case "c_bool" -> Schema.create(Schema.Type.BOOLEAN);
            case "c_date" -> LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
            case "c_ts" -> LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
            case "c_bin" -> Schema.create(Schema.Type.BYTES);
            case "c_arr" -> Schema.createArray(nullable(Schema.create(Schema.Type.STRING)));
            case "c_map" -> Schema.createMap(nullable(Schema.create(Schema.Type.LONG)));
            case "c_struct" -> Schema.createRecord(
                    "c_struct",
                    null,
                    "test",
                    false,
                    List.of(
                            new Schema.Field(
                                    "a",
                                    nullable(Schema.create(Schema.Type.INT)),
                                    null,
                                    Schema.Field.NULL_DEFAULT_VALUE),
                            new Schema.Field(
                                    "b",
                                    nullable(Schema.create(Schema.Type.STRING)),
                                    null,
                                    Schema.Field.NULL_DEFAULT_VALUE)));
            default -> throw new IllegalArgumentException(column);
        };
    }

    private static Object avroValue(String column, Schema schema, Object v) {
        if (v == null) {
            return null;
        }
        return switch (column) {
            case "c_dec" -> new Conversions.DecimalConversion()
                    .toBytes((BigDecimal) v, schema, schema.getLogicalType());
            case "c_dec38" -> new Conversions.DecimalConversion()
                    .toFixed((BigDecimal) v, schema, schema.getLogicalType());
            case "c_date" -> (int) ((LocalDate) v).toEpochDay();
            case "c_ts" -> {
                var i = ((LocalDateTime) v).toInstant(ZoneOffset.UTC);
                yield i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
            }
            case "c_bin" -> ByteBuffer.wrap((byte[]) v);
            case "c_struct" -> {
                GenericData.Record rec = new GenericData.Record(schema);
                Map<?, ?> m = (Map<?, ?>) v;
                rec.put("a", m.get("a"));
                rec.put("b", m.get("b"));
                yield rec;
            }
            default -> v;
        };
    }

    // ---------------------------------------------------------------- JSON, one object per line

    static void json(Path file, List<Column> columns, List<Object[]> rows) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        StringBuilder out = new StringBuilder();
        for (Object[] row : rows) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            for (int i = 0; i < columns.size(); i++) {
                // Keys in another case than the columns': the SerDes match them ignoring case.
                String key = i % 2 == 0
                        ? columns.get(i).name().toUpperCase(java.util.Locale.ROOT)
                        : columns.get(i).name();
                Object v = row[i];
                if (v == null) {
                    o.putNull(key);
                } else if (v instanceof byte[] b) {
                    o.put(key, Base64.getEncoder().encodeToString(b));
                } else if (v instanceof LocalDateTime t) {
                    o.put(key, HIVE_TIMESTAMP.format(t));
                } else if (v instanceof LocalDate d) {
                    o.put(key, d.toString());
                } else if (v instanceof List<?> l) {
                    ArrayNode a = o.putArray(key);
                    l.forEach(e -> a.add(e == null ? null : e.toString()));
                } else {
                    o.set(key, json.valueToTree(v));
                }
            }
            out.append(json.writeValueAsString(o)).append('\n');
        }
        out.append('\n'); // a blank line at the end is no record
        Files.writeString(file, out.toString());
    }

    // ---------------------------------------------------------------- delimited text (LazySimpleSerDe)

    /** The text table's SerDe: '|' between fields, ',' in collections, ':' between map keys and values. */
    static final Map<String, String> TEXT_SERDE = Map.of(
            "field.delim", "|",
            "collection.delim", ",",
            "mapkey.delim", ":",
            "escape.delim", "\\",
            "serialization.null.format", "NULL",
            "serialization.format", "|");

    static final String TEXT_HEADER =
            "c_bigint|c_int|c_double|c_dec|c_dec38|c_string|c_bool|c_date|c_ts|c_bin|c_arr|c_map|c_struct";

    static void text(Path file, List<Column> columns, List<Object[]> rows) throws IOException {
        StringBuilder out = new StringBuilder(TEXT_HEADER).append('\n');
        for (Object[] row : rows) {
            List<String> fields = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                fields.add(text(row[i]));
            }
            out.append(String.join("|", fields)).append('\n');
        }
        Files.writeString(file, out.toString());
    }

    private static String text(Object v) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof byte[] b) {
            return Base64.getEncoder().encodeToString(b);
        }
        if (v instanceof LocalDateTime t) {
            return HIVE_TIMESTAMP.format(t);
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof List<?> l) {
            return l.stream().map(Writers::text).collect(Collectors.joining(","));
        }
        if (v instanceof Map<?, ?> m) {
            if (m.containsKey("a") && m.containsKey("b")) { // the struct: its fields at the collection level
                return text(m.get("a")) + "," + text(m.get("b"));
            }
            return m.entrySet().stream()
                    .map(e -> text(e.getKey()) + ":" + text(e.getValue()))
                    .collect(Collectors.joining(","));
        }
        String s = v.toString();
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '|' || c == ',' || c == ':' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

    // ---------------------------------------------------------------- CSV (OpenCSVSerde: primitive columns)

    static void csv(Path file, List<Column> columns, List<Object[]> rows) throws IOException {
        StringBuilder out = new StringBuilder();
        out.append(columns.stream().map(Column::name).collect(Collectors.joining(";")))
                .append('\n');
        for (Object[] row : rows) {
            List<String> fields = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                Object v = row[i];
                String s = v == null
                        ? ""
                        : v instanceof byte[] b
                                ? Base64.getEncoder().encodeToString(b)
                                : v instanceof LocalDateTime t
                                        ? HIVE_TIMESTAMP.format(t)
                                        : v instanceof BigDecimal d ? d.toPlainString() : v.toString();
                fields.add("'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'");
            }
            out.append(String.join(";", fields)).append('\n');
        }
        Files.writeString(file, out.toString());
    }

    static void writeBytes(Path file, String text) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
