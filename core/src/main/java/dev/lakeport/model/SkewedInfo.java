package dev.lakeport.model;

import java.util.List;
import java.util.Map;

/**
 * Skew information in its decoded form: each value is a tuple with one entry per skewed column, and the
 * location map is keyed by such tuples. Connectors encode it in their own wire form (Glue {@code <len>$<value>},
 * DLF nested lists and JSON-array keys).
 */
public record SkewedInfo(
        List<String> columnNames, List<List<String>> columnValues, Map<List<String>, String> valueLocationMaps) {
    public static final SkewedInfo EMPTY = new SkewedInfo(List.of(), List.of(), Map.of());

    public SkewedInfo {
        columnNames = Immutables.list(columnNames);
        columnValues = columnValues == null
                ? List.of()
                : columnValues.stream().map(Immutables::list).toList();
        valueLocationMaps = Immutables.orderedMap(valueLocationMaps);
    }

    public boolean isEmpty() {
        return columnNames.isEmpty() && columnValues.isEmpty() && valueLocationMaps.isEmpty();
    }
}
