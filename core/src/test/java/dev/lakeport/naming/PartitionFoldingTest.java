package dev.lakeport.naming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PartitionFoldingTest {

    @Test
    void entriesNameTablesAsTheDiffDoesWithTheKeysToFold() {
        PartitionFolding f = PartitionFolding.parse(" proj.Logs:1, proj.s1.events:2 ");

        assertThat(f.tables()).isEqualTo(Map.of("proj.logs", 1, "proj.s1.events", 2));
        assertThat(f.auto()).isFalse();
        assertThat(f.explicit("PROJ.LOGS")).hasValue(1);
        assertThat(f.explicit("proj.other")).isEmpty();
        assertThat(f.text()).isEqualTo("proj.logs:1,proj.s1.events:2");
        assertThat(PartitionFolding.parse("auto,proj.logs:1").text()).isEqualTo("auto,proj.logs:1");
        assertThat(PartitionFolding.parse("AUTO").auto()).isTrue();
        assertThat(PartitionFolding.parse("  ").isEmpty()).isTrue();
    }

    @Test
    void aWrongEntryIsNamedWithWhatIsWrong() {
        assertThatThrownBy(() -> PartitionFolding.parse("proj.logs:x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'proj.logs:x'")
                .hasMessageContaining("'x' is not a number");
        assertThatThrownBy(() -> PartitionFolding.parse("proj.logs"))
                .hasMessageContaining("'proj.logs' must be DB.TABLE:N");
        assertThatThrownBy(() -> PartitionFolding.parse("logs:1")).hasMessageContaining("'logs:1' must name a table");
        assertThatThrownBy(() -> PartitionFolding.parse("proj.logs:0"))
                .hasMessageContaining("'proj.logs:0'")
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> PartitionFolding.parse("proj.logs:1,,auto")).hasMessageContaining("empty entry");
        assertThatThrownBy(() -> PartitionFolding.parse("proj.logs:1,PROJ.logs:2"))
                .hasMessageContaining("proj.logs twice");
    }

    @Test
    void autoFoldsTheFewestTrailingKeysThatBringATableUnderSixtyThousandPartitions() {
        // 250 days x 3 regions x 100 hours = 75,000 partitions; 750 day/region prefixes.
        List<List<String>> partitions = new ArrayList<>();
        for (int d = 0; d < 250; d++) {
            for (String region : List.of("eu", "us", "cn")) {
                for (int h = 0; h < 100; h++) {
                    partitions.add(List.of("d" + d, region, "h" + h));
                }
            }
        }

        assertThat(PartitionFolding.smallestFold(3, partitions, 60_000, 6)).hasValue(1);
        assertThat(PartitionFolding.smallestFold(3, partitions, 75_000, 6)).hasValue(0);
        assertThat(PartitionFolding.smallestFold(3, partitions, 700, 6)).hasValue(2);
        assertThat(PartitionFolding.smallestFold(3, partitions, 200, 6))
                .as("even the first key alone has too many values")
                .isEqualTo(OptionalInt.empty());
    }

    @Test
    void autoFoldsKeysBeyondSixLevelsEvenWhenThePartitionsAreFew() {
        List<List<String>> one = List.of(List.of("a", "b", "c", "d", "e", "f", "g", "h"));

        assertThat(PartitionFolding.smallestFold(8, one, 60_000, 6)).hasValue(2);
        assertThat(PartitionFolding.smallestFold(0, List.of(), 60_000, 6)).hasValue(0);
    }
}
