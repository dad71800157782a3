package dev.lakeport.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.model.Column;
import dev.lakeport.model.Partition;
import dev.lakeport.model.SkewedInfo;
import dev.lakeport.model.StorageDescriptor;
import dev.lakeport.model.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CanonicalFormTest {

    private static Table table(Instant created, Map<String, String> parameters) {
        Map<List<String>, String> locations = new LinkedHashMap<>();
        locations.put(List.of("a", "xyz"), "s3://b/t/a/xyz/");
        return Table.builder("Sales", "Orders")
                .createTime(created)
                .lastAccessTime(created)
                .lastAnalyzedTime(Instant.parse("2024-01-01T00:00:00.750Z"))
                .partitionKeys(List.of(Column.of("DT", "STRING")))
                .parameters(parameters)
                .storageDescriptor(StorageDescriptor.builder()
                        .columns(List.of(Column.of("Id", "BIGINT")))
                        .location("s3://b/t/")
                        .skewedInfo(new SkewedInfo(List.of("c1", "c2"), List.of(List.of("a", "xyz")), locations))
                        .build())
                .build();
    }

    @Test
    void leavesOutWhatCatalogsSetThemselves() {
        Table a = table(Instant.parse("2020-01-01T00:00:00Z"), Map.of("k", "v", "transient_lastDdlTime", "1"));
        Table b = table(Instant.parse("2023-05-05T10:00:00Z"), Map.of("k", "v", "transient_lastDdlTime", "99"));
        assertThat(Fingerprint.of(a)).isEqualTo(Fingerprint.of(b));
        assertThat(CanonicalForm.toJson(a)).isEqualTo(CanonicalForm.toJson(b));
    }

    @Test
    void seesEveryUserChange() {
        Table a = table(Instant.EPOCH, Map.of("k", "v"));
        Table b = table(Instant.EPOCH, Map.of("k", "w"));
        assertThat(Fingerprint.of(a)).isNotEqualTo(Fingerprint.of(b));
        Table moved = a.toBuilder()
                .storageDescriptor(a.storageDescriptor().orElseThrow().withLocation("oss://b/t/"))
                .build();
        assertThat(Fingerprint.of(moved)).isNotEqualTo(Fingerprint.of(a));
    }

    @Test
    void serialisesSkewLocationMapsKeyedByTuples() {
        Table a = table(Instant.EPOCH, Map.of());
        assertThat(CanonicalForm.toJson(a)
                        .at("/storageDescriptor/skewedInfo/valueLocationMaps")
                        .fieldNames())
                .toIterable()
                .containsExactly("[\"a\",\"xyz\"]");
    }

    @Test
    void namesCompareWithoutCaseButValuesWithCase() {
        Partition p1 = new Partition(
                "Sales",
                "Orders",
                List.of("A"),
                Optional.empty(),
                Map.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        Partition p2 = new Partition(
                "sales",
                "orders",
                List.of("A"),
                Optional.empty(),
                Map.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        Partition p3 = new Partition(
                "sales",
                "orders",
                List.of("a"),
                Optional.empty(),
                Map.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        assertThat(Fingerprint.of(p1)).isEqualTo(Fingerprint.of(p2));
        assertThat(Fingerprint.of(p1)).isNotEqualTo(Fingerprint.of(p3));
    }
}
