package dev.lakeport.copy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.copy.DestinationCounts.ColumnStats;
import dev.lakeport.copy.Verification.Mismatch;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class VerificationTest {
    @Test
    void partitionsWhoseThreeCountsAgreePass() {
        Verification v = Verification.of(List.of(
                PartitionCounts.of("p1.t", "ds=1", 100, 100, 100), PartitionCounts.of("p1.t", "ds=2", 0, 0, 0)));

        assertThat(v.passed()).isTrue();
        assertThat(v.mismatches()).isEmpty();
    }

    @Test
    void eachDisagreementIsListedWithThePartitionAndTheNumbers() {
        Verification v = Verification.of(List.of(
                PartitionCounts.of("p1.t", "ds=1", 100, 100, 98),
                PartitionCounts.of("p1.t", "ds=2", 100, 97, 97),
                PartitionCounts.of("p1.t", "ds=3", 5, 5, 5),
                new PartitionCounts("p1.t", "ds=4", OptionalLong.of(3), OptionalLong.of(3), OptionalLong.empty())));

        assertThat(v.passed()).isFalse();
        assertThat(v.mismatches())
                .extracting(Mismatch::partition, Mismatch::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ds=1", "destination has 98, source 100, written 100"),
                        // The writer and the destination agree; only the independent source count sees the loss.
                        org.assertj.core.groups.Tuple.tuple("ds=2", "written 97, source 100, destination 97"),
                        org.assertj.core.groups.Tuple.tuple(
                                "ds=4", "no destination count (source 3, written 3, destination -)"));
    }

    @Test
    void columnAggregatesThatDifferAreListedAndEqualNumbersWrittenDifferentlyPass() {
        ColumnStats source = new ColumnStats(Optional.of("10.5"), Optional.of("1"), Optional.of("9"), 2);
        PartitionAggregates same = new PartitionAggregates(
                "p1.t",
                "ds=1",
                Map.of("amount", source),
                Map.of("amount", new ColumnStats(Optional.of("10.50"), Optional.of("1.0"), Optional.of("9"), 2)));
        PartitionAggregates changed = new PartitionAggregates(
                "p1.t",
                "ds=2",
                Map.of("amount", source),
                Map.of("amount", new ColumnStats(Optional.of("8.5"), Optional.of("1"), Optional.of("9"), 3)));

        Verification v = Verification.of(
                List.of(PartitionCounts.of("p1.t", "ds=1", 5, 5, 5), PartitionCounts.of("p1.t", "ds=2", 5, 5, 5)),
                List.of(same, changed));

        assertThat(v.mismatches())
                .extracting(Mismatch::partition, Mismatch::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "ds=2",
                                "column amount: sum at the destination 8.5, source 10.5, nulls at the destination 3, source 2"));
    }
}
