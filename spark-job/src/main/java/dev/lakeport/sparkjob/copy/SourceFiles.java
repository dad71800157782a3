package dev.lakeport.sparkjob.copy;

import dev.lakeport.copy.CopyException;
import dev.lakeport.copy.CopyPlan;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A table's or partition's files read by Spark's own readers, as the source's storage says they are written: Parquet,
 * ORC, Avro (Spark's spark-avro, carried in the job's jar), JSON (one object per line), CSV (OpenCSVSerde: separator,
 * quote and escape characters) and delimited text (LazySimpleSerDe: field delimiter, escape character, null text).
 * Header lines ({@code skip.header.line.count}, one at most) are skipped in each file. The rows have the table's
 * columns in order, typed as the table declares them; a location that does not exist holds no rows, as for Hive.
 */
final class SourceFiles {
    /** The file formats, recognised from a storage's input format and SerDe. */
    enum Format {
        PARQUET,
        ORC,
        AVRO,
        TEXT,
        CSV,
        JSON
    }

    static final String HEADER_LINES = "skip.header.line.count";
    private static final Pattern CHAR_TYPE = Pattern.compile("(?i)\\b(var)?char\\s*\\(\\s*\\d+\\s*\\)");

    private SourceFiles() {}

    /** The format of {@code storage}, falling back to the table's when the partition names none. */
    static Format format(CopyPlan.Storage storage, CopyPlan.Storage table, String where) {
        CopyPlan.Storage s = storage.inputFormat() == null && storage.serdeLibrary() == null ? table : storage;
        String serde = Optional.ofNullable(s.serdeLibrary()).orElse("").toLowerCase(Locale.ROOT);
        String input = Optional.ofNullable(s.inputFormat()).orElse("").toLowerCase(Locale.ROOT);
        if (serde.contains("parquet") || input.contains("parquet")) {
            return Format.PARQUET;
        }
        if (serde.contains(".orc.") || input.contains(".orc.")) {
            return Format.ORC;
        }
        if (serde.contains("avro") || input.contains("avro")) {
            return Format.AVRO;
        }
        if (serde.endsWith("jsonserde")) {
            return Format.JSON;
        }
        if (serde.endsWith(".opencsvserde")) {
            return Format.CSV;
        }
        boolean textInput = input.isEmpty() || input.equals("org.apache.hadoop.mapred.textinputformat");
        if (textInput
                && (serde.isEmpty()
                        || serde.equals("org.apache.hadoop.hive.serde2.lazy.lazysimpleserde")
                        || serde.equals("org.apache.hadoop.hive.serde2.metadatatypedcolumnsetserde"))) {
            return Format.TEXT;
        }
        throw new CopyException(
                where + ": the Spark job does not read files of input format '" + s.inputFormat() + "' with SerDe '"
                        + s.serdeLibrary() + "' (it reads Parquet, ORC, Avro, JSON, CSV and delimited text)");
    }

    /** The table's columns as Spark types; CHAR and VARCHAR are read as strings (the destination checks lengths). */
    static StructType schema(CopyPlan.SourceTable table) {
        List<StructField> fields = new ArrayList<>();
        for (CopyPlan.Column c : table.columns()) {
            fields.add(DataTypes.createStructField(c.name(), type(table, c), true));
        }
        return DataTypes.createStructType(fields);
    }

    /** A column's (or partition key's) type as Spark's; CHAR and VARCHAR as strings. */
    static DataType type(CopyPlan.SourceTable table, CopyPlan.Column c) {
        try {
            return DataType.fromDDL(CHAR_TYPE.matcher(c.type()).replaceAll("string"));
        } catch (RuntimeException e) {
            throw new CopyException(table.qualifiedName() + " column " + c.name() + ": the type '" + c.type()
                    + "' cannot be read by Spark: " + e.getMessage());
        }
    }

    /**
     * The rows of a destination partition into which several source partitions fold (the source's trailing partition
     * keys become columns): each source partition's rows with the folded keys' values added as typed columns (Hive's
     * {@code __HIVE_DEFAULT_PARTITION__} as null), all in one dataset. A part that folds nothing is read as it is.
     */
    static Dataset<Row> readFolded(
            SparkSession spark, CopyPlan.SourceTable table, int keptKeys, CopyPlan.Part part, String where) {
        if (part.folded().isEmpty()) {
            return read(spark, table, part, where);
        }
        List<CopyPlan.Column> keys = table.partitionKeys();
        Dataset<Row> all = null;
        for (CopyPlan.Part source : part.sources()) {
            Dataset<Row> rows = read(spark, table, source, where + " (source partition " + source.values() + ")");
            for (int i = keptKeys; i < keys.size(); i++) {
                String value = source.values().get(i);
                DataType type = type(table, keys.get(i));
                rows = rows.withColumn(
                        keys.get(i).name(),
                        value == null || value.equals(dev.lakeport.model.PartitionName.DEFAULT_PARTITION)
                                ? org.apache.spark.sql.functions.lit(null).cast(type)
                                : org.apache.spark.sql.functions.lit(value).cast(type));
            }
            all = all == null ? rows : all.union(rows);
        }
        return all;
    }

    /** Where the part's files are: its own location, else the table's. */
    static String location(CopyPlan.SourceTable table, CopyPlan.Part part, String where) {
        String location = part.storage().location() != null
                ? part.storage().location()
                : part.values().isEmpty() ? table.storage().location() : null;
        if (location == null || location.isBlank()) {
            throw new CopyException(where + ": the source gives no location for its files");
        }
        return location;
    }

    /** The part's rows (empty when its location does not exist). */
    static Dataset<Row> read(SparkSession spark, CopyPlan.SourceTable table, CopyPlan.Part part, String where) {
        String location = location(table, part, where);
        StructType schema = schema(table);
        if (!exists(spark, location, where)) {
            return spark.createDataFrame(List.of(), schema);
        }
        Format format = format(part.storage(), table.storage(), where);
        Map<String, String> serde =
                part.storage().serdeParameters().isEmpty() && part.storage().serdeLibrary() == null
                        ? table.storage().serdeParameters()
                        : part.storage().serdeParameters();
        int headerLines = headerLines(table, where);
        DataFrameReader reader = spark.read().schema(schema);
        try {
            return switch (format) {
                case PARQUET -> reader.parquet(location);
                case ORC -> reader.orc(location);
                case AVRO -> reader.format("avro").load(location);
                case JSON -> reader.option("mode", "PERMISSIVE").json(location);
                case CSV -> csv(reader, serde, headerLines).csv(location);
                case TEXT -> text(reader, schema, serde, headerLines, where).csv(location);
            };
        } catch (RuntimeException e) {
            throw new CopyException(
                    where + ": the " + format + " files at " + location + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static boolean exists(SparkSession spark, String location, String where) {
        try {
            Path path = new Path(location);
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            return fs.exists(path);
        } catch (IOException | RuntimeException e) {
            throw new CopyException(where + ": cannot look at " + location + ": " + e.getMessage(), e);
        }
    }

    static int headerLines(CopyPlan.SourceTable table, String where) {
        String v = table.parameters().get(HEADER_LINES);
        if (v == null || v.isBlank()) {
            return 0;
        }
        int n;
        try {
            n = Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new CopyException(where + ": the table parameter " + HEADER_LINES + " is '" + v + "', not a number");
        }
        if (n < 0 || n > 1) {
            throw new CopyException(where + ": the table parameter " + HEADER_LINES + " is " + n
                    + "; Spark's readers skip one header line per file at most");
        }
        return n;
    }

    /** OpenCSVSerde: separatorChar, quoteChar, escapeChar (defaults {@code , " \}); every value as written. */
    private static DataFrameReader csv(DataFrameReader reader, Map<String, String> serde, int headerLines) {
        return reader.option("sep", serde.getOrDefault("separatorChar", ","))
                .option("quote", serde.getOrDefault("quoteChar", "\""))
                .option("escape", serde.getOrDefault("escapeChar", "\\"))
                .option("header", headerLines == 1)
                .option("mode", "PERMISSIVE");
    }

    /** LazySimpleSerDe: field.delim (or serialization.format), escape.delim, serialization.null.format. */
    private static DataFrameReader text(
            DataFrameReader reader, StructType schema, Map<String, String> serde, int headerLines, String where) {
        for (StructField f : schema.fields()) {
            if (f.dataType() instanceof ArrayType
                    || f.dataType() instanceof MapType
                    || f.dataType() instanceof StructType) {
                throw new CopyException(
                        where + ": column " + f.name() + " (" + f.dataType().simpleString()
                                + ") is a nested type in delimited text, which the Spark job does not read");
            }
        }
        char field = delimiter(serde.get("field.delim"), delimiter(serde.get("serialization.format"), '\001'));
        String escape = serde.get("escape.delim");
        DataFrameReader r = reader.option("sep", String.valueOf(field))
                .option("quote", "\u0000")
                .option("nullValue", serde.getOrDefault("serialization.null.format", "\\N"))
                .option("emptyValue", "")
                .option("header", headerLines == 1)
                .option("mode", "PERMISSIVE");
        if (escape != null && !escape.isEmpty()) {
            r = r.option("escape", String.valueOf(delimiter(escape, '\\')));
        }
        return r;
    }

    /** Hive's rule: a number is a byte value ({@code 1} is {@code \001}, {@code 9} a tab), else the first char. */
    static char delimiter(String value, char otherwise) {
        if (value == null || value.isEmpty()) {
            return otherwise;
        }
        try {
            return (char) (Byte.parseByte(value) & 0xff);
        } catch (NumberFormatException e) {
            return value.charAt(0);
        }
    }
}
