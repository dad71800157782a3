package dev.lakeport.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A server's lower limit is taken from its words when it names one, else found by halving, and kept. */
class AdaptiveSizeTest {

    private static ConnectorException invalid(String message) {
        return new ConnectorException(ErrorCode.INVALID_INPUT, "InvalidInput", message, null);
    }

    @Test
    void theLimitTheServerNamesIsUsed() {
        AdaptiveSize size = new AdaptiveSize("DLF page size", 1000);

        assertThat(size.lowerAfter(
                        invalid("DLF ListPartitions a.b failed: HTTP 200 InvalidInput: PageSize must be at most 50,"
                                + " got 1000"),
                        1000))
                .isTrue();
        assertThat(size.get()).isEqualTo(50);
        assertThat(size.atMost(100)).isEqualTo(50);
    }

    @Test
    void gluesValidationWordingIsUnderstood() {
        AdaptiveSize size = new AdaptiveSize("Glue batch size", 100);

        size.lowerAfter(
                invalid("Glue BatchCreatePartition a.b failed: HTTP 400 ValidationException: 1 validation error"
                        + " detected: Value with 100 members at 'partitionInputList' failed to satisfy constraint:"
                        + " Member must have length less than or equal to 10"),
                100);

        assertThat(size.get()).isEqualTo(10);
    }

    @Test
    void withoutANamedLimitTheSizeIsHalvedDownToOne() {
        AdaptiveSize size = new AdaptiveSize("batch", 8);
        ConnectorException tooLarge = invalid("the batch is too large");

        assertThat(size.lowerAfter(tooLarge, 8)).isTrue();
        assertThat(size.get()).isEqualTo(4);
        assertThat(size.lowerAfter(tooLarge, 4)).isTrue();
        assertThat(size.lowerAfter(tooLarge, 2)).isTrue();
        assertThat(size.get()).isEqualTo(1);
        assertThat(size.lowerAfter(tooLarge, 1)).isFalse();
    }

    @Test
    void otherErrorsLeaveTheSizeAlone() {
        AdaptiveSize size = new AdaptiveSize("page", 100);

        assertThat(size.lowerAfter(invalid("DatabaseName is mandatory for this action"), 100))
                .isFalse();
        assertThat(size.lowerAfter(
                        new ConnectorException(ErrorCode.THROTTLED, "Throttling", "limit exceeded", null), 100))
                .isFalse();
        assertThat(size.get()).isEqualTo(100);
    }

    @Test
    void batchesAreResentInTheSmallerChunksAndFailuresKeepTheirEntries() {
        AdaptiveSize size = new AdaptiveSize("batch", 100);
        List<Integer> sent = new ArrayList<>();
        List<Integer> entries = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            entries.add(i);
        }

        BatchResult result = AdaptiveBatches.send(entries, size, 100, i -> List.of(Integer.toString(i)), chunk -> {
            if (chunk.size() > 10) {
                throw invalid("At most 10 partitions are allowed in one batch, got " + chunk.size());
            }
            sent.add(chunk.size());
            if (sent.size() == 3) {
                throw new ConnectorException(ErrorCode.THROTTLED, "Throttling", "slow down", null);
            }
            return BatchResult.OK;
        });

        assertThat(sent).containsExactly(10, 10, 5);
        assertThat(result.failures())
                .extracting(f -> f.partitionValues().get(0))
                .containsExactly("20", "21", "22", "23", "24");
        assertThat(result.failures())
                .allSatisfy(f -> assertThat(f.error().isTransient()).isTrue());
    }

    @Test
    void aFirstChunkThatFailsForAnotherReasonFailsTheWholeCall() {
        AdaptiveSize size = new AdaptiveSize("batch", 100);

        assertThatThrownBy(() -> AdaptiveBatches.send(List.of(1, 2), size, 100, i -> List.of("" + i), chunk -> {
                    throw new ConnectorException(ErrorCode.NOT_FOUND, "NoSuchObject", "table gone", null);
                }))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("table gone");
    }
}
