package dev.lakeport.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.canonical.Fingerprint;
import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PartitionFingerprinterTest {

    @Test
    void splicedFingerprintsEqualTheCanonicalOnesForEveryShapeOfPartition() {
        Table table = TestingCatalog.table("Sales", "Orders");
        Table rich = TestingCatalog.richTable("sales", "rich");
        List<Partition> partitions = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            partitions.add(TestingCatalog.partition(table, i));
        }
        Partition base = TestingCatalog.partition(table, 7);
        partitions.add(new Partition(
                "Sales",
                "Orders",
                List.of("2024-01-01", "x y", "é", ""),
                base.storageDescriptor().map(sd -> sd.withLocation("s3://lake/é/ü b")),
                Map.of("numRows", "3", "transient_lastDdlTime", "1", "z", "", "a/b", "ü"),
                Optional.of(Instant.parse("2024-01-01T00:00:00.5Z")),
                Optional.of(Instant.parse("2024-01-01T00:00:01Z")),
                Optional.of(Instant.parse("2024-02-03T04:05:06.789Z"))));
        partitions.add(base.withParameters(Map.of()));
        partitions.add(base.withParameters(Map.of("quote", "say \"hi\"", "tab", "a\tb")));
        partitions.add(TestingCatalog.partition(rich, 3));
        partitions.add(TestingCatalog.partition(table, 8));
        partitions.add(base.withStorageDescriptor(null));
        partitions.add(base.withStorageDescriptor(
                base.storageDescriptor().orElseThrow().withLocation("")));
        partitions.add(base.withStorageDescriptor(
                base.storageDescriptor().orElseThrow().withLocation("s3://𝄞")));

        PartitionFingerprinter fingerprinter = new PartitionFingerprinter();
        for (Partition p : partitions) {
            assertThat(fingerprinter.of(p)).as(p.toString()).isEqualTo(Fingerprint.of(p));
        }
        assertThat(PartitionFingerprinter.isDisabled()).isFalse();
        // All but the four with an escaped character, no storage descriptor, no location, or a surrogate pair.
        assertThat(fingerprinter.splicedCount()).isEqualTo(partitions.size() - 4);
    }
}
