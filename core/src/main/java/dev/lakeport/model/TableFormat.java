package dev.lakeport.model;

import java.util.Locale;
import java.util.Map;

/** The table formats a migration treats differently; recognised from a table's type and parameters. */
public enum TableFormat {
    HIVE,
    VIEW,
    ICEBERG,
    HUDI,
    DELTA;

    static TableFormat of(String tableType, Map<String, String> parameters, String inputFormat) {
        if ("VIRTUAL_VIEW".equalsIgnoreCase(tableType) || "MATERIALIZED_VIEW".equalsIgnoreCase(tableType)) {
            return VIEW;
        }
        String type = parameters.getOrDefault("table_type", "").toUpperCase(Locale.ROOT);
        if (type.equals("ICEBERG") || parameters.containsKey("metadata_location")) {
            return ICEBERG;
        }
        if (type.equals("HUDI")
                || parameters.containsKey("hoodie.table.name")
                || (inputFormat != null && inputFormat.startsWith("org.apache.hudi"))) {
            return HUDI;
        }
        if (type.equals("DELTA")
                || "delta".equalsIgnoreCase(parameters.get("spark.sql.sources.provider"))
                || (inputFormat != null
                        && inputFormat.contains("SymlinkTextInputFormat")
                        && parameters.containsKey("delta.compatibility.symlinkFormatManifest.enabled"))) {
            return DELTA;
        }
        return HIVE;
    }
}
