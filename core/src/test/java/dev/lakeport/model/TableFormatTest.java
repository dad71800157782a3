package dev.lakeport.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TableFormatTest {

    @Test
    void recognisesFormatsFromTypeAndParameters() {
        assertThat(table("VIRTUAL_VIEW", Map.of(), null).format()).isEqualTo(TableFormat.VIEW);
        assertThat(table("EXTERNAL_TABLE", Map.of("table_type", "ICEBERG", "metadata_location", "s3://b/m.json"), null)
                        .format())
                .isEqualTo(TableFormat.ICEBERG);
        assertThat(table("EXTERNAL_TABLE", Map.of(), "org.apache.hudi.hadoop.HoodieParquetInputFormat")
                        .format())
                .isEqualTo(TableFormat.HUDI);
        assertThat(table("EXTERNAL_TABLE", Map.of("spark.sql.sources.provider", "delta"), null)
                        .format())
                .isEqualTo(TableFormat.DELTA);
        assertThat(table("EXTERNAL_TABLE", Map.of("classification", "parquet"), null)
                        .format())
                .isEqualTo(TableFormat.HIVE);
    }

    private static Table table(String type, Map<String, String> parameters, String inputFormat) {
        return Table.builder("db", "t")
                .tableType(type)
                .parameters(parameters)
                .storageDescriptor(
                        StorageDescriptor.builder().inputFormat(inputFormat).build())
                .build();
    }
}
