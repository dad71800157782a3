package dev.lakeport.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.model.Partition;
import dev.lakeport.model.StorageDescriptor;
import dev.lakeport.model.Table;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObjectCodecTest {

    @Test
    void aTableWithSkewLocationsAndLongUnicodeTextsRoundTrips() {
        Table rich = TestingCatalog.richTable("sales", "rich");
        StorageDescriptor sd = rich.storageDescriptor().orElseThrow().toBuilder()
                .skewedInfo(TestingCatalog.skewedInfo(Map.of(List.of("open"), "s3://lake/skew/open")))
                .build();
        Table table = rich.toBuilder()
                .storageDescriptor(sd)
                .viewExpandedText("select '𝄞' as clef, " + "x".repeat(100_000))
                .build();
        byte[] body = ObjectCodec.encode(table);
        assertThat(ObjectCodec.decode(body)).isEqualTo(table);
        // Long texts are compressed.
        assertThat(body.length).isLessThan(10_000);
    }

    @Test
    void aPartitionBelowItsTableIsStoredAsLittleMoreThanItsLocationSuffix() {
        Table table = TestingCatalog.table("sales", "orders");
        Partition p = TestingCatalog.partition(table, 42);
        ObjectCodec.Template template = ObjectCodec.Template.of(table);
        byte[] body = ObjectCodec.encodePartition(p, template);
        assertThat(body.length).isLessThan(100);
        assertThat(ObjectCodec.decodePartition(body, template, p.values())).isEqualTo(p);
        assertThat(ObjectCodec.decodePartition(
                        ObjectCodec.encodePartition(p, ObjectCodec.Template.of(TestingCatalog.richTable("x", "y"))),
                        template,
                        p.values()))
                .isEqualTo(p);
    }
}
