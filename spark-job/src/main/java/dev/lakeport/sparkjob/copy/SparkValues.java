package dev.lakeport.sparkjob.copy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

/**
 * Spark's row values as the values {@link dev.lakeport.copy.MaxComputeValues} takes: dates as {@link
 * java.time.LocalDate}, timestamps as {@link java.time.Instant} (TIMESTAMP_NTZ stays a {@link java.time.LocalDateTime}),
 * decimals as {@link java.math.BigDecimal}, arrays as {@link List}, maps as {@link Map}, structs as a {@link Map} from
 * field name to value; nested values alike, nulls kept.
 */
final class SparkValues {
    private SparkValues() {}

    /** The first {@code columns} values of {@code row}, converted. */
    static List<Object> row(Row row, int columns) {
        List<Object> values = new ArrayList<>(columns);
        for (int i = 0; i < columns; i++) {
            values.add(value(row.get(i)));
        }
        return values;
    }

    static Object value(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (v instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (v instanceof Row r) {
            StructType schema = r.schema();
            Map<String, Object> fields = new LinkedHashMap<>();
            for (int i = 0; i < r.size(); i++) {
                String name = schema == null ? "col" + (i + 1) : schema.fields()[i].name();
                fields.put(name, value(r.get(i)));
            }
            return fields;
        }
        if (v instanceof scala.collection.Map<?, ?> m) {
            Map<Object, Object> map = new LinkedHashMap<>();
            JavaConverters.mapAsJavaMap(m).forEach((k, e) -> map.put(value(k), value(e)));
            return map;
        }
        if (v instanceof scala.collection.Seq<?> s) {
            List<Object> list = new ArrayList<>(s.size());
            JavaConverters.seqAsJavaList(s).forEach(e -> list.add(value(e)));
            return list;
        }
        return v;
    }
}
