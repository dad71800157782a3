package dev.lakeport.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The keys a filter pins to one value, which a catalog may use to narrow its listing before the whole filter. */
class PartitionFilterEqualityTermsTest {

    @Test
    void equalitiesJoinedByAndArePinned() {
        assertThat(PartitionFilter.parse("Region = 'eu' AND dt >= '2022-01-05' AND (hour = 3 AND kind = 'x')")
                        .equalityTerms())
                .isEqualTo(Map.of("region", "eu", "hour", "3", "kind", "x"));
    }

    @Test
    void nothingUnderOrOrNotIsPinned() {
        assertThat(PartitionFilter.parse("region = 'eu' OR region = 'us'").equalityTerms())
                .isEmpty();
        assertThat(PartitionFilter.parse("NOT region = 'eu'").equalityTerms()).isEmpty();
        assertThat(PartitionFilter.parse("region <> 'eu' AND dt IN ('a')").equalityTerms())
                .isEmpty();
        assertThat(PartitionFilter.parse("(region = 'eu' OR dt = 'x') AND kind = 'y'")
                        .equalityTerms())
                .isEqualTo(Map.of("kind", "y"));
    }
}
