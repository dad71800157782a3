package dev.lakeport.localcopy;

import dev.lakeport.model.StorageDescriptor;
import java.util.Locale;
import java.util.Optional;

/** The file formats read on this computer, recognised from a storage descriptor's input format and SerDe. */
public enum DataFormat {
    PARQUET,
    ORC,
    AVRO,
    /** Hive's LazySimpleSerDe (delimited text). */
    TEXT,
    /** OpenCSVSerde. */
    CSV,
    /** One JSON object per line: Hive's / HCatalog's JsonSerDe, the OpenX JsonSerDe. */
    JSON;

    /** The format of a storage descriptor, or empty when it is none of the above. */
    public static Optional<DataFormat> of(StorageDescriptor sd) {
        String serde = sd.serDeInfo().serializationLibrary().orElse("").toLowerCase(Locale.ROOT);
        String input = sd.inputFormat().orElse("").toLowerCase(Locale.ROOT);
        if (serde.contains("parquet") || input.contains("parquet")) {
            return Optional.of(PARQUET);
        }
        if (serde.contains(".orc.") || input.contains(".orc.")) {
            return Optional.of(ORC);
        }
        if (serde.contains("avro") || input.contains("avro")) {
            return Optional.of(AVRO);
        }
        if (serde.endsWith("jsonserde")) {
            return Optional.of(JSON);
        }
        if (serde.endsWith(".opencsvserde")) {
            return Optional.of(CSV);
        }
        boolean textInput = input.isEmpty() || input.equals("org.apache.hadoop.mapred.textinputformat");
        if (textInput
                && (serde.isEmpty()
                        || serde.equals("org.apache.hadoop.hive.serde2.lazy.lazysimpleserde")
                        || serde.equals("org.apache.hadoop.hive.serde2.metadatatypedcolumnsetserde"))) {
            return Optional.of(TEXT);
        }
        return Optional.empty();
    }
}
