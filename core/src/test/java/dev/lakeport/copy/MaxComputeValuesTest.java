package dev.lakeport.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyun.odps.Column;
import com.aliyun.odps.TableSchema;
import com.aliyun.odps.commons.proto.ProtobufRecordStreamReader;
import com.aliyun.odps.commons.proto.ProtobufRecordStreamWriter;
import com.aliyun.odps.data.ArrayRecord;
import com.aliyun.odps.data.Binary;
import com.aliyun.odps.data.Char;
import com.aliyun.odps.data.Record;
import com.aliyun.odps.data.RecordReader;
import com.aliyun.odps.data.SimpleStruct;
import com.aliyun.odps.data.Varchar;
import com.aliyun.odps.type.TypeInfo;
import com.aliyun.odps.type.TypeInfoParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MaxComputeValuesTest {
    private static final CellRef WHERE = new CellRef("p1.sales", "ds=2024-01-01", "c");

    /** Every column type with a source value, each turned into the SDK's value and sent through a record pack. */
    @Test
    void everyTypeIsWrittenIntoATunnelRecordAndReadBackAsTheSourceValue() throws Exception {
        Map<String, Object> source = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        types.put("c_bigint", "bigint");
        source.put("c_bigint", 7);
        types.put("c_int", "int");
        source.put("c_int", 42L);
        types.put("c_smallint", "smallint");
        source.put("c_smallint", (short) -3);
        types.put("c_tinyint", "tinyint");
        source.put("c_tinyint", (byte) 5);
        types.put("c_double", "double");
        source.put("c_double", 2.5d);
        types.put("c_float", "float");
        source.put("c_float", 1.25f);
        types.put("c_boolean", "boolean");
        source.put("c_boolean", true);
        types.put("c_string", "string");
        source.put("c_string", "grüße");
        types.put("c_varchar", "varchar(5)");
        source.put("c_varchar", "abcde");
        types.put("c_char", "char(3)");
        source.put("c_char", "xy");
        types.put("c_binary", "binary");
        source.put("c_binary", new byte[] {1, 2, 3});
        types.put("c_decimal", "decimal(10,2)");
        source.put("c_decimal", new BigDecimal("12.5"));
        types.put("c_date", "date");
        source.put("c_date", LocalDate.of(2024, 2, 29));
        types.put("c_datetime", "datetime");
        source.put("c_datetime", Instant.parse("2024-01-01T10:00:00.123Z"));
        types.put("c_timestamp", "timestamp");
        source.put("c_timestamp", LocalDateTime.parse("2024-01-01T10:00:00.123456789"));
        types.put("c_timestamp_ntz", "timestamp_ntz");
        source.put("c_timestamp_ntz", LocalDateTime.parse("2024-01-01T10:00:00.000001"));
        types.put("c_array", "array<bigint>");
        source.put("c_array", Arrays.asList(1, null, -3));
        types.put("c_map", "map<string,array<int>>");
        source.put("c_map", Map.of("k", List.of(5)));
        types.put("c_struct", "struct<x:bigint,y:string>");
        source.put("c_struct", Arrays.asList(9L, null));
        types.put("c_struct_by_name", "struct<x:bigint,y:decimal(5,1)>");
        source.put("c_struct_by_name", Map.of("Y", new BigDecimal("1"), "x", 2));

        TableSchema schema = new TableSchema();
        types.forEach(
                (name, type) -> schema.addColumn(new Column(name, TypeInfoParser.getTypeInfoFromTypeString(type))));
        Record record = new ArrayRecord(schema);
        int i = 0;
        for (Map.Entry<String, Object> e : source.entrySet()) {
            TypeInfo type = schema.getColumn(i).getTypeInfo();
            record.set(i, MaxComputeValues.toRecordValue(type, e.getValue(), WHERE));
            i++;
        }
        Record nulls = new ArrayRecord(schema);

        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        try (ProtobufRecordStreamWriter writer = new ProtobufRecordStreamWriter(schema, wire)) {
            writer.write(record);
            writer.write(nulls);
        }
        RecordReader reader = new ProtobufRecordStreamReader(schema, new ByteArrayInputStream(wire.toByteArray()));
        Record back = reader.read();

        assertThat(back.get("c_bigint")).isEqualTo(7L);
        assertThat(back.get("c_int")).isEqualTo(42);
        assertThat(back.get("c_smallint")).isEqualTo((short) -3);
        assertThat(back.get("c_tinyint")).isEqualTo((byte) 5);
        assertThat(back.get("c_double")).isEqualTo(2.5d);
        assertThat(back.get("c_float")).isEqualTo(1.25f);
        assertThat(back.get("c_boolean")).isEqualTo(true);
        assertThat(back.getString("c_string")).isEqualTo("grüße");
        assertThat(back.get("c_varchar")).isEqualTo(new Varchar("abcde"));
        assertThat(((Char) back.get("c_char")).getValue()).startsWith("xy");
        assertThat(back.get("c_binary")).isEqualTo(new Binary(new byte[] {1, 2, 3}));
        assertThat(back.get("c_decimal")).isEqualTo(new BigDecimal("12.50"));
        assertThat(toLocalDate(back.get("c_date"))).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(toInstant(back.get("c_datetime"))).isEqualTo(Instant.parse("2024-01-01T10:00:00.123Z"));
        assertThat(toInstant(back.get("c_timestamp"))).isEqualTo(Instant.parse("2024-01-01T10:00:00.123456789Z"));
        assertThat(back.get("c_timestamp_ntz")).isEqualTo(LocalDateTime.parse("2024-01-01T10:00:00.000001"));
        assertThat(back.get("c_array")).isEqualTo(Arrays.asList(1L, null, -3L));
        assertThat(back.get("c_map")).isEqualTo(Map.of("k", List.of(5)));
        SimpleStruct struct = (SimpleStruct) back.get("c_struct");
        assertThat(struct.getFieldValues()).containsExactly(9L, null);
        SimpleStruct byName = (SimpleStruct) back.get("c_struct_by_name");
        assertThat(byName.getFieldValues()).containsExactly(2L, new BigDecimal("1.0"));
        Record allNull = reader.read();
        List<Object> values = new ArrayList<>(Arrays.asList(allNull.toArray()));
        assertThat(values).containsOnlyNulls().hasSize(types.size());
    }

    private static LocalDate toLocalDate(Object value) {
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        return (LocalDate) value;
    }

    private static Instant toInstant(Object value) {
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.util.Date d) {
            return d.toInstant();
        }
        if (value instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        return (Instant) value;
    }

    @Test
    void aValueTheColumnCannotHoldIsRefusedWithTableAndPartitionAndColumnAndValueNamed() {
        assertRefused("int", 3_000_000_000L, "3000000000", "out of range");
        assertRefused("bigint", Long.MIN_VALUE, "-9223372036854775808", "out of range");
        assertRefused("tinyint", 200, "200", "out of range");
        assertRefused("varchar(3)", "abcd", "'abcd'", "4 characters, the column holds 3");
        assertRefused("decimal(5,2)", new BigDecimal("1234.5"), "1234.5", "more than 3 digits before the point");
        assertRefused("decimal(10,2)", new BigDecimal("1.005"), "1.005", "more than 2 digits after the point");
        assertRefused("datetime", Instant.parse("2024-01-01T00:00:00.000001Z"), "2024-01-01T00:00:00.000001Z", "milli");
        assertRefused("float", 0.1d, "0.1", "FLOAT would not keep");
        assertRefused("bigint", "12", "'12'", "not an integer");
        assertRefused("date", "2024-01-01", "'2024-01-01'", "not a date");
        assertRefused("struct<x:bigint>", Map.of("z", 1), "{z=1}", "no field z");
    }

    @Test
    void anElementThatCannotBeHeldIsNamedByItsPathInTheColumn() {
        TypeInfo type = TypeInfoParser.getTypeInfoFromTypeString("map<string,struct<x:array<int>>>");
        Object value = Map.of("k", List.of(List.of(1, 5_000_000_000L)));

        assertThatThrownBy(() -> MaxComputeValues.toRecordValue(type, value, WHERE))
                .isInstanceOf(CopyException.class)
                .hasMessageContaining("column c['k'].x[1]")
                .hasMessageContaining("5000000000");
    }

    @Test
    void aDecimalIsRescaledToTheColumnsScale() {
        TypeInfo type = TypeInfoParser.getTypeInfoFromTypeString("decimal(38,18)");

        assertThat(MaxComputeValues.toRecordValue(type, new BigDecimal("1.5"), WHERE))
                .isEqualTo(new BigDecimal("1.500000000000000000"));
        assertThat(MaxComputeValues.toRecordValue(type, 3, WHERE)).isEqualTo(new BigDecimal("3.000000000000000000"));
    }

    private static void assertRefused(String type, Object value, String shown, String reason) {
        TypeInfo typeInfo = TypeInfoParser.getTypeInfoFromTypeString(type);
        assertThatThrownBy(() -> MaxComputeValues.toRecordValue(typeInfo, value, WHERE))
                .isInstanceOf(CopyException.class)
                .hasMessageContaining("table p1.sales, partition ds=2024-01-01, column c")
                .hasMessageContaining("the value " + shown)
                .hasMessageContaining(reason);
    }
}
