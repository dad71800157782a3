package dev.lakeport.mapping;

import static java.util.Objects.requireNonNull;

import dev.lakeport.connector.ConnectorSettings;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a route's rules are made from: the {@code location.convertMap} entries, the destination's settings (a
 * MaxCompute destination's projects and character mappings) and what the destination said about itself when it was
 * last loaded ({@link dev.lakeport.connector.CatalogConnection#facts()}: a MaxCompute project's type-system flags).
 */
public record MappingInputs(
        LocationMapper locations, ConnectorSettings destination, Map<String, String> destinationFacts) {

    public MappingInputs {
        requireNonNull(locations, "locations is null");
        requireNonNull(destination, "destination is null");
        destinationFacts = Map.copyOf(new TreeMap<>(requireNonNull(destinationFacts, "destinationFacts is null")));
    }

    /** Inputs with location entries only, for routes whose rules need nothing else. */
    public static MappingInputs of(LocationMapper locations) {
        return new MappingInputs(locations, ConnectorSettings.empty(), Map.of());
    }

    public MappingInputs withFacts(Map<String, String> facts) {
        return new MappingInputs(locations, destination, facts);
    }
}
