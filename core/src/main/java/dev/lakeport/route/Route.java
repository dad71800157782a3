package dev.lakeport.route;

import static java.util.Objects.requireNonNull;

import dev.lakeport.connector.CatalogConnector;
import dev.lakeport.diff.DiffWords;
import dev.lakeport.mapping.CatalogMapping;
import dev.lakeport.mapping.LocationMapper;
import dev.lakeport.mapping.MappingInputs;
import java.util.function.Function;

/**
 * A source kind and a destination kind: the mapping rules objects go through on the way (locations, names, types,
 * what the destination cannot hold) and the words users read for the diff's results.
 */
public record Route(
        CatalogConnector source,
        CatalogConnector destination,
        DiffWords words,
        Function<MappingInputs, CatalogMapping> rules) {

    public Route {
        requireNonNull(source, "source is null");
        requireNonNull(destination, "destination is null");
        requireNonNull(words, "words is null");
        requireNonNull(rules, "rules is null");
    }

    /** {@code glue-to-dlf}, {@code hive-to-dlf}, … */
    public String id() {
        return source.kind() + "-to-" + destination.kind();
    }

    /** "Glue → DLF". */
    public String title() {
        return source.shortName() + " → " + destination.shortName();
    }

    /** The route's rules with these location entries and nothing else known about the destination. */
    public CatalogMapping mapping(LocationMapper locations) {
        return mapping(MappingInputs.of(requireNonNull(locations, "locations is null")));
    }

    /** The route's rules made from these inputs. */
    public CatalogMapping mapping(MappingInputs inputs) {
        return rules.apply(requireNonNull(inputs, "inputs is null"));
    }

    /** Whether the route translates column types (its two catalogs hold different type systems). */
    public boolean translatesTypes() {
        return source.typeSystem() != destination.typeSystem();
    }
}
