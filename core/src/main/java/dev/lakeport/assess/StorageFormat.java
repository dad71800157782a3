package dev.lakeport.assess;

import dev.lakeport.model.SerDeInfo;
import dev.lakeport.model.StorageDescriptor;
import dev.lakeport.model.Table;
import java.util.Locale;
import java.util.Map;

/**
 * The format a table's data is kept in, as a user names it: the table formats (Iceberg, Hudi, Delta) first, then the
 * file format its input format and SerDe name, then Glue's {@code classification} parameter.
 */
public enum StorageFormat {
    PARQUET("Parquet"),
    ORC("ORC"),
    CSV("CSV"),
    JSON("JSON"),
    AVRO("Avro"),
    TEXT("Text"),
    SEQUENCE_FILE("SequenceFile"),
    RC_FILE("RCFile"),
    ICEBERG("Iceberg"),
    HUDI("Hudi"),
    DELTA("Delta"),
    VIEW("View"),
    OTHER("Other");

    private final String label;

    StorageFormat(String label) {
        this.label = label;
    }

    /** The name a user reads, e.g. {@code Parquet}. */
    public String label() {
        return label;
    }

    public static StorageFormat of(Table table) {
        switch (table.format()) {
            case VIEW:
                return VIEW;
            case ICEBERG:
                return ICEBERG;
            case HUDI:
                return HUDI;
            case DELTA:
                return DELTA;
            default:
                break;
        }
        StorageDescriptor sd = table.storageDescriptor().orElse(null);
        String input = sd == null ? "" : lower(sd.inputFormat().orElse(""));
        SerDeInfo serde = sd == null ? SerDeInfo.EMPTY : sd.serDeInfo();
        String library = lower(serde.serializationLibrary().orElse(""));
        String classification = lower(table.parameters().getOrDefault("classification", ""));
        if (input.contains("parquet") || library.contains("parquet")) {
            return PARQUET;
        }
        if (input.contains("orc") || library.contains("orc")) {
            return ORC;
        }
        if (input.contains("avro") || library.contains("avro")) {
            return AVRO;
        }
        if (library.contains("json")) {
            return JSON;
        }
        if (library.contains("csv")) {
            return CSV;
        }
        if (input.contains("sequencefile")) {
            return SEQUENCE_FILE;
        }
        if (input.contains("rcfile") || library.contains("columnar")) {
            return RC_FILE;
        }
        if (input.contains("textinputformat") || library.contains("lazysimpleserde")) {
            return delimitedText(classification, serde.parameters());
        }
        return switch (classification) {
            case "parquet" -> PARQUET;
            case "orc" -> ORC;
            case "avro" -> AVRO;
            case "json" -> JSON;
            case "csv" -> CSV;
            default -> OTHER;
        };
    }

    /** Text files: CSV when Glue classified them so or the fields are separated by commas. */
    private static StorageFormat delimitedText(String classification, Map<String, String> serdeParameters) {
        if (classification.equals("csv") || ",".equals(serdeParameters.get("field.delim"))) {
            return CSV;
        }
        if (classification.equals("json")) {
            return JSON;
        }
        return TEXT;
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
