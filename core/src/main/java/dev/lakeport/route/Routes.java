package dev.lakeport.route;

import static java.util.Objects.requireNonNull;

import dev.lakeport.connector.Capability;
import dev.lakeport.connector.CatalogConnector;
import dev.lakeport.connector.ConnectorRegistry;
import dev.lakeport.connector.TypeSystem;
import dev.lakeport.diff.DiffWords;
import dev.lakeport.mapping.CatalogMapping;
import dev.lakeport.mapping.GlueToDlfMapping;
import dev.lakeport.mapping.maxcompute.MaxComputeMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every route between the registered connectors: any connector that reads to any connector that writes. A route
 * between Hive-compatible catalogs (Glue, DLF, the Hive Metastore) maps with the Hive-compatible rules (Glue-only
 * fields kept as parameters, times in whole seconds, locations by {@code location.convertMap}) and speaks the words
 * {@code <source>New} / {@code <destination>New} / {@code needUpdate}, which for Glue → DLF are the seed's.
 */
public final class Routes {
    private static final class Standard {
        static final Routes INSTANCE = new Routes(ConnectorRegistry.standard());
    }

    private final ConnectorRegistry registry;

    public Routes(ConnectorRegistry registry) {
        this.registry = requireNonNull(registry, "registry is null");
    }

    public static Routes standard() {
        return Standard.INSTANCE;
    }

    public Optional<Route> find(String sourceKind, String destinationKind) {
        Optional<CatalogConnector> source = registry.find(sourceKind).filter(c -> c.can(Capability.READ));
        Optional<CatalogConnector> destination = registry.find(destinationKind).filter(c -> c.can(Capability.WRITE));
        if (source.isEmpty() || destination.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(route(source.get(), destination.get()));
    }

    /**
     * The route between two kinds.
     *
     * @throws IllegalArgumentException saying which side is unknown or cannot play its part
     */
    public Route require(String sourceKind, String destinationKind) {
        CatalogConnector source = registry.require(sourceKind);
        CatalogConnector destination = registry.require(destinationKind);
        if (!source.can(Capability.READ)) {
            throw new IllegalArgumentException(source.displayName() + " cannot be read, so it cannot be a source");
        }
        if (!destination.can(Capability.WRITE)) {
            throw new IllegalArgumentException(
                    destination.displayName() + " cannot be written, so it cannot be a destination");
        }
        return route(source, destination);
    }

    /** Every route, sources and destinations in kind order. */
    public List<Route> all() {
        List<Route> routes = new ArrayList<>();
        for (CatalogConnector s : registry.connectors()) {
            for (CatalogConnector d : registry.connectors()) {
                if (s.can(Capability.READ) && d.can(Capability.WRITE)) {
                    routes.add(route(s, d));
                }
            }
        }
        return routes;
    }

    /**
     * Whether the source's TIMESTAMP has no time zone: the Hive Metastore's tables are written by Hive (3 and later:
     * a wall-clock time), Glue's and DLF's mostly by Spark (an instant).
     */
    private static boolean zoneLessTimestamps(CatalogConnector source) {
        return source.kind().equals("hive");
    }

    private static Route route(CatalogConnector source, CatalogConnector destination) {
        DiffWords words = DiffWords.between(source.kind(), destination.kind());
        String id = source.kind() + "-to-" + destination.kind();
        return new Route(source, destination, words, inputs -> {
            CatalogMapping rules = destination.typeSystem() == TypeSystem.MAXCOMPUTE
                    ? new MaxComputeMapping(inputs, id, zoneLessTimestamps(source))
                    : new GlueToDlfMapping(inputs.locations(), id, destination.shortName());
            return destination
                    .storedForm()
                    .<CatalogMapping>map(stored -> new StoredFormMapping(rules, destination.kind(), stored))
                    .orElse(rules);
        });
    }
}
