package dev.lakeport.emulator.dlf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Prints the emulator's heap per partition at one million partitions. A measurement, not a check: it runs only with
 * {@code -Dfootprint=true} (e.g. {@code ./mvnw -o -pl emulators test -Dtest=DlfStoreFootprintTest -Dfootprint=true}).
 */
@EnabledIfSystemProperty(named = "footprint", matches = "true")
class DlfStoreFootprintTest {
    private static final int PARTITIONS = 1_000_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void bytesPerPartitionAtOneMillion() {
        measure("shared parameters", false);
        measure("per-partition statistics", true);
    }

    private void measure(String label, boolean uniqueParameters) {
        long before = usedHeap();
        DlfStore store = new DlfStore(JSON);
        ObjectNode db = JSON.createObjectNode().put("Name", "sales");
        store.putDatabase(db);
        String root = "oss://acme-lake-prod/warehouse/sales.db/orders";
        ObjectNode table = JSON.createObjectNode().put("DatabaseName", "sales").put("TableName", "orders");
        ObjectNode tableSd = table.putObject("Sd").put("Location", root);
        ArrayNode keys = table.putArray("PartitionKeys");
        keys.addObject().put("Name", "dt").put("Type", "string");
        keys.addObject().put("Name", "hr").put("Type", "string");
        store.putTable(table);

        LocalDate start = LocalDate.of(2000, 1, 1);
        for (int i = 0; i < PARTITIONS; i++) {
            String dt = start.plusDays(i / 24).toString();
            String hr = String.format("%02d", i % 24);
            ObjectNode p = JSON.createObjectNode().put("DatabaseName", "sales").put("TableName", "orders");
            p.putArray("Values").add(dt).add(hr);
            ObjectNode sd = p.putObject("Sd");
            ArrayNode cols = sd.putArray("Cols");
            for (String c : List.of("order_id", "customer_id", "amount", "channel", "items", "ordered_at")) {
                cols.addObject().put("Name", c).put("Type", "string");
            }
            sd.put("Location", root + "/dt=" + dt + "/hr=" + hr);
            sd.put("InputFormat", "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat");
            sd.put("OutputFormat", "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat");
            sd.putObject("SerDeInfo")
                    .put("SerializationLib", "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe");
            ObjectNode params = p.putObject("Parameters");
            params.put("numRows", uniqueParameters ? String.valueOf(1000 + i) : "1200");
            params.put("totalSize", uniqueParameters ? String.valueOf(734003 + 7L * i) : "734003");
            p.put("CreateTime", 1_700_000_000 + i);
            store.putPartition(p);
        }
        long after = usedHeap();
        assertThat(store.partitionCount()).isEqualTo(PARTITIONS);
        System.out.printf(
                "DLF emulator, %s: %,d partitions, %,d bytes of heap, %d bytes per partition%n",
                label, PARTITIONS, after - before, (after - before) / PARTITIONS);
        // keep the store reachable until measured
        assertThat(store.partition("sales", "orders", List.of("2000-01-01", "00")))
                .isPresent();
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
