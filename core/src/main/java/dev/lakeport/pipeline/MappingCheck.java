package dev.lakeport.pipeline;

import dev.lakeport.mapping.MappingWarning;
import dev.lakeport.mapping.UncoveredLocations;
import java.util.List;
import java.util.Map;

/**
 * What the mapping will do to the loaded source that a user should see before anything runs: warnings counted by
 * kind (with the first few as examples), and the source locations no {@code location.convertMap} entry covers,
 * grouped by prefix.
 */
public record MappingCheck(
        Map<MappingWarning.Code, Long> warningCounts,
        List<MappingWarning> examples,
        List<UncoveredLocations.Group> uncovered,
        long uncoveredLocations) {

    public MappingCheck {
        warningCounts = Map.copyOf(warningCounts);
        examples = List.copyOf(examples);
        uncovered = List.copyOf(uncovered);
    }

    public boolean isClean() {
        return warningCounts.isEmpty() && uncovered.isEmpty();
    }
}
