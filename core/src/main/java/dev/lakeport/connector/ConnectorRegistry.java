package dev.lakeport.connector;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The connectors Lakeport knows, by kind. The standard registry holds every {@link CatalogConnector} listed in a
 * {@code META-INF/services/dev.lakeport.connector.CatalogConnector} on the class path; nothing else in Lakeport names
 * a concrete connector.
 */
public final class ConnectorRegistry {
    private static final class Standard {
        static final ConnectorRegistry INSTANCE = load();
    }

    private final Map<String, CatalogConnector> byKind;

    private ConnectorRegistry(List<CatalogConnector> connectors) {
        Map<String, CatalogConnector> m = new LinkedHashMap<>();
        for (CatalogConnector c : connectors) {
            String kind = c.kind().toLowerCase(Locale.ROOT);
            if (m.putIfAbsent(kind, c) != null) {
                throw new IllegalStateException("two connectors register the kind '" + kind + "'");
            }
        }
        this.byKind = Collections.unmodifiableMap(m);
    }

    /** The connectors on the class path, loaded once. */
    public static ConnectorRegistry standard() {
        return Standard.INSTANCE;
    }

    /** A registry of exactly these connectors (tests, embedding). */
    public static ConnectorRegistry of(List<CatalogConnector> connectors) {
        return new ConnectorRegistry(List.copyOf(connectors));
    }

    private static ConnectorRegistry load() {
        List<CatalogConnector> found = new ArrayList<>();
        ServiceLoader.load(CatalogConnector.class, ConnectorRegistry.class.getClassLoader())
                .forEach(found::add);
        found.sort(java.util.Comparator.comparing(CatalogConnector::kind));
        return new ConnectorRegistry(found);
    }

    /** Every registered kind, sorted. */
    public List<String> kinds() {
        return List.copyOf(byKind.keySet());
    }

    public List<CatalogConnector> connectors() {
        return List.copyOf(byKind.values());
    }

    public Optional<CatalogConnector> find(String kind) {
        requireNonNull(kind, "kind is null");
        return Optional.ofNullable(byKind.get(kind.strip().toLowerCase(Locale.ROOT)));
    }

    /**
     * The connector of this kind.
     *
     * @throws IllegalArgumentException naming the known kinds when there is none
     */
    public CatalogConnector require(String kind) {
        return find(kind)
                .orElseThrow(() -> new IllegalArgumentException(
                        "'" + kind + "' is not a catalog Lakeport knows; known kinds: " + String.join(", ", kinds())));
    }

    /** Every credential key of every connector: these never reach a file, a log or a report. */
    public List<String> secretKeys() {
        return byKind.values().stream()
                .flatMap(c -> c.settings().stream())
                .filter(SettingSpec::secret)
                .map(SettingSpec::key)
                .distinct()
                .sorted()
                .toList();
    }
}
