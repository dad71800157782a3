package dev.lakeport.connector.hive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.model.StorageDescriptor;
import dev.lakeport.model.Table;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HiveStoredFormTest {

    @Test
    void locationsLoseTheirTrailingSlashAsHadoopPathsDoExceptAtTheRoot() {
        assertThat(HiveStoredForm.path("s3://b/x/")).isEqualTo("s3://b/x");
        assertThat(HiveStoredForm.path("s3://b/x//")).isEqualTo("s3://b/x");
        assertThat(HiveStoredForm.path("s3://b/")).isEqualTo("s3://b/");
        assertThat(HiveStoredForm.path("s3://b")).isEqualTo("s3://b");
        assertThat(HiveStoredForm.path("/warehouse/db/")).isEqualTo("/warehouse/db");
        assertThat(HiveStoredForm.path("/")).isEqualTo("/");
    }

    @Test
    void anExternalTableIsMarkedAndItsDescriptionIsItsComment() {
        Table table = Table.builder("sales", "orders")
                .description("Orders")
                .tableType("EXTERNAL_TABLE")
                .storageDescriptor(StorageDescriptor.builder()
                        .location("s3://b/sales/orders/")
                        .build())
                .parameters(Map.of("classification", "parquet"))
                .build();

        Table stored = (Table) new HiveStoredForm().apply(table);

        assertThat(stored.parameters())
                .containsEntry("EXTERNAL", "TRUE")
                .containsEntry("comment", "Orders")
                .containsEntry("classification", "parquet");
        assertThat(stored.description()).contains("Orders");
        assertThat(stored.storageDescriptor().flatMap(StorageDescriptor::location))
                .contains("s3://b/sales/orders");
        assertThat(new HiveStoredForm().apply(stored))
                .as("applying it twice changes nothing")
                .isEqualTo(stored);
    }
}
