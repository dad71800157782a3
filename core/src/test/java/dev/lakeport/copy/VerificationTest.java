package dev.lakeport.copy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.copy.Verification.Mismatch;
import java.util.List;
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
}
