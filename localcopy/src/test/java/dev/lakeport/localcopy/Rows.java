package dev.lakeport.localcopy;

import dev.lakeport.model.Column;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The rows every format's test table holds, as the reader must return them. */
final class Rows {
    static final List<Column> COLUMNS = List.of(
            Column.of("c_bigint", "bigint"),
            Column.of("c_int", "int"),
            Column.of("c_double", "double"),
            Column.of("c_dec", "decimal(10,2)"),
            Column.of("c_dec38", "decimal(38,18)"),
            Column.of("c_string", "string"),
            Column.of("c_bool", "boolean"),
            Column.of("c_date", "date"),
            Column.of("c_ts", "timestamp"),
            Column.of("c_bin", "binary"),
            Column.of("c_arr", "array<string>"),
            Column.of("c_map", "map<string,bigint>"),
            Column.of("c_struct", "struct<a:int,b:string>"));

    /** The columns without the last one ({@code c_struct}): the file of row 3 was written before it was added. */
    static final List<Column> COLUMNS_WITHOUT_STRUCT = COLUMNS.subList(0, COLUMNS.size() - 1);

    static final List<Column> PARTITION_KEYS = List.of(Column.of("dt", "string"));

    static final Object[] ROW1 = {
        1L,
        10,
        1.5,
        new BigDecimal("12.34"),
        new BigDecimal("1.123456789012345678"),
        "alpha",
        true,
        LocalDate.of(2024, 1, 1),
        LocalDateTime.of(2024, 1, 1, 10, 11, 12, 123_456_000),
        new byte[] {1, 2, 3},
        Arrays.asList("x", "y"),
        map("k1", 1L, "k2", 2L),
        struct(1, "s1")
    };

    static final Object[] ROW2 = {
        Long.MAX_VALUE,
        -5,
        -2.25,
        new BigDecimal("-99999999.99"),
        new BigDecimal("12345678901234567890.123456789012345678"),
        "béta | with, separators: \\ and 汉字",
        false,
        LocalDate.of(1969, 12, 31),
        // Before 1970 with a fraction (not within the last second before it: ORC's writer misplaces those).
        LocalDateTime.of(1969, 12, 31, 23, 59, 58, 500_000_000),
        new byte[] {(byte) 0xff, 0, 0x7f},
        Arrays.asList("z", null),
        map("k", null),
        struct(null, "only b")
    };

    /** Written without {@code c_struct}: it reads as null. */
    static final Object[] ROW3 = {
        3L,
        0,
        0.0,
        new BigDecimal("0.00"),
        new BigDecimal("0E-18"),
        "",
        true,
        LocalDate.of(2000, 2, 29),
        LocalDateTime.of(2000, 2, 29, 0, 0),
        new byte[0],
        List.of(),
        map(),
        null
    };

    /** Every column null. */
    static final Object[] ROW4 = new Object[COLUMNS.size()];

    static final Object[] ROW5 = {
        5L,
        Integer.MIN_VALUE,
        1e300,
        new BigDecimal("0.01"),
        new BigDecimal("-0.000000000000000001"),
        "in the default partition",
        false,
        LocalDate.of(9999, 12, 31),
        LocalDateTime.of(2038, 1, 19, 3, 14, 8, 1000),
        new byte[] {42},
        List.of("only"),
        map("n", -7L),
        struct(-1, "")
    };

    /** The partitions and their files: two files in the first, the default partition last. */
    static final String P1 = "2024-01-01";

    static final String P2 = "2024-01-02";
    static final String P_DEFAULT = TableFiles.DEFAULT_PARTITION;

    private Rows() {}

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static Map<String, Object> struct(Integer a, String b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", a);
        m.put("b", b);
        return m;
    }

    /** A row with its partition-key value appended. */
    static Object[] withKey(Object[] row, String key) {
        Object[] out = Arrays.copyOf(row, row.length + 1);
        out[row.length] = key;
        return out;
    }
}
