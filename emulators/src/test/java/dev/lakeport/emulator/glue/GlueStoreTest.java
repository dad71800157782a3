package dev.lakeport.emulator.glue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The compact partition storage gives back exactly what was put in. */
class GlueStoreTest {
    private GlueStore store;

    @BeforeEach
    void seed() throws Exception {
        store = new GlueStore(() -> 1_700_000_000_123L);
        store.putDatabase(json("{\"Name\":\"Sales\",\"LocationUri\":\"s3://b/sales/\"}"));
        store.putTable(
                "sales",
                json(
                        "{\"Name\":\"Orders\",\"StorageDescriptor\":{\"Location\":\"s3://b/sales/orders\","
                                + "\"Columns\":[{\"Name\":\"id\",\"Type\":\"bigint\"}]},"
                                + "\"PartitionKeys\":[{\"Name\":\"dt\",\"Type\":\"string\"},{\"Name\":\"hr\",\"Type\":\"int\"}]}"));
    }

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) Wire.MAPPER.readTree(text);
    }

    private ObjectNode roundTrip(String partition) throws Exception {
        ObjectNode input = json(partition);
        store.putPartition("SALES", "orders", input);
        List<String> values = List.of(
                input.get("Values").get(0).asText(), input.get("Values").get(1).asText());
        return store.getPartition("sales", "ORDERS", values).orElseThrow();
    }

    @Test
    void locationsAtAndAwayFromTheDefaultPathSurvive() throws Exception {
        for (String location : List.of(
                "s3://b/sales/orders/dt=1/hr=2",
                "s3://b/sales/orders/dt=1/hr=2/",
                "s3://b/sales/orders/custom/place",
                "s3://elsewhere/x/",
                "s3://b/sales/orders/dt=1/hr=2//")) {
            ObjectNode out = roundTrip("{\"Values\":[\"1\",\"2\"],\"StorageDescriptor\":{\"Location\":\"" + location
                    + "\",\"Columns\":[{\"Name\":\"id\",\"Type\":\"bigint\"}]}}");
            assertThat(out.path("StorageDescriptor").path("Location").asText()).isEqualTo(location);
        }
    }

    @Test
    void everyMemberComesBackAsGiven() throws Exception {
        ObjectNode out = roundTrip("{\"Values\":[\"20240101\",\"7\"],\"CreationTime\":1700000000.5,"
                + "\"LastAccessTime\":1700000100,\"LastAnalyzedTime\":1700000200.25,"
                + "\"Parameters\":{\"numRows\":\"10\",\"quote\\\"d\":\"a\\nb\"},"
                + "\"StorageDescriptor\":{\"Columns\":[{\"Name\":\"id\",\"Type\":\"bigint\",\"Comment\":\"c\"}],"
                + "\"Location\":\"s3://b/sales/orders/dt=20240101/hr=7\",\"Compressed\":true,\"NumberOfBuckets\":4,"
                + "\"SerdeInfo\":{\"SerializationLibrary\":\"x.Serde\",\"Parameters\":{\"field.delim\":\"\\t\"}},"
                + "\"SortColumns\":[{\"Column\":\"id\",\"SortOrder\":0}],\"Parameters\":{\"k\":\"v\"}}}");

        assertThat(out.path("DatabaseName").asText()).isEqualTo("sales");
        assertThat(out.path("TableName").asText()).isEqualTo("orders");
        assertThat(out.path("CreationTime").decimalValue()).isEqualByComparingTo("1700000000.5");
        assertThat(out.path("LastAccessTime").asLong()).isEqualTo(1700000100L);
        assertThat(out.path("LastAnalyzedTime").decimalValue()).isEqualByComparingTo("1700000200.25");
        assertThat(out.path("Parameters")).isEqualTo(json("{\"numRows\":\"10\",\"quote\\\"d\":\"a\\nb\"}"));
        ObjectNode sd = (ObjectNode) out.get("StorageDescriptor");
        assertThat(sd.path("Compressed").asBoolean()).isTrue();
        assertThat(sd.path("NumberOfBuckets").asInt()).isEqualTo(4);
        assertThat(sd.path("SerdeInfo").path("Parameters").path("field.delim").asText())
                .isEqualTo("\t");
        assertThat(sd.path("SortColumns").get(0).path("SortOrder").asInt()).isZero();
        assertThat(sd.path("Columns").get(0).path("Comment").asText()).isEqualTo("c");
        assertThat(sd.path("Parameters").path("k").asText()).isEqualTo("v");
    }

    @Test
    void partitionsWithoutDescriptorOrParametersStayWithout() throws Exception {
        ObjectNode out = roundTrip("{\"Values\":[\"a\",\"b\"]}");

        assertThat(out.has("StorageDescriptor")).isFalse();
        assertThat(out.has("Parameters")).isFalse();
        // Without a CreationTime of its own, the store's clock stamps it.
        assertThat(out.path("CreationTime").decimalValue()).isEqualByComparingTo("1700000000.123");
    }

    @Test
    void sharedDescriptorsAreInternedAcrossPartitions() throws Exception {
        for (int i = 0; i < 100; i++) {
            roundTrip("{\"Values\":[\"d" + i + "\",\"" + i + "\"],\"StorageDescriptor\":{\"Location\":\"s3://b/p" + i
                    + "\",\"Columns\":[{\"Name\":\"id\",\"Type\":\"bigint\"}]}}");
        }
        assertThat(store.partitionCount()).isEqualTo(100);
        assertThat(store.sharedDescriptorCount()).isEqualTo(1);
    }
}
