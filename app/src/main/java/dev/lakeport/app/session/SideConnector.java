package dev.lakeport.app.session;

import static java.util.Objects.requireNonNull;

import dev.lakeport.config.ConfigKeys;
import dev.lakeport.connector.CatalogConnector;
import dev.lakeport.connector.ConnectorRegistry;
import dev.lakeport.connector.ConnectorSettings;
import dev.lakeport.connector.SettingSpec;
import dev.lakeport.snapshot.Side;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One side of the open project as the registry sees it: the kind the settings name ({@code lakeport.source.type} /
 * {@code lakeport.destination.type}, glue and dlf by default), its connector, and the prefix under which the project
 * stores that connector's keys (a destination of the same kind as the source reads them under
 * {@code lakeport.destination.}, as the configuration loader does).
 *
 * @param connector empty when the settings name a kind no connector registers
 */
public record SideConnector(Side side, String kind, Optional<CatalogConnector> connector, String prefix) {
    public SideConnector {
        requireNonNull(side, "side is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(connector, "connector is null");
        requireNonNull(prefix, "prefix is null");
    }

    /** The side the settings describe, with the standard registry. */
    public static SideConnector of(Side side, Map<String, String> settings) {
        return of(side, settings, ConnectorRegistry.standard());
    }

    public static SideConnector of(Side side, Map<String, String> settings, ConnectorRegistry registry) {
        String kind = kind(side, settings);
        String prefix = side == Side.DESTINATION && kind.equals(kind(Side.SOURCE, settings))
                ? ConfigKeys.DESTINATION_PREFIX
                : "";
        return new SideConnector(side, kind, registry.find(kind), prefix);
    }

    /** The setting that names the side's kind. */
    public static String typeKey(Side side) {
        return side == Side.SOURCE ? ConfigKeys.SOURCE_TYPE : ConfigKeys.DESTINATION_TYPE;
    }

    /** The side's kind as the settings name it, lower-cased; the default when they do not. */
    public static String kind(Side side, Map<String, String> settings) {
        String value = settings.getOrDefault(typeKey(side), "").strip();
        if (value.isEmpty()) {
            return side == Side.SOURCE ? ConfigKeys.DEFAULT_SOURCE_TYPE : ConfigKeys.DEFAULT_DESTINATION_TYPE;
        }
        return value.toLowerCase(Locale.ROOT);
    }

    /** The key the project stores {@code spec} under for this side. */
    public String key(SettingSpec spec) {
        return prefix + spec.key();
    }

    /** The connector's short name ("Glue"), or the kind when no connector registers it. */
    public String shortName() {
        return connector.map(CatalogConnector::shortName).orElse(kind);
    }

    /** The side's settings by the connector's own keys (the prefix taken off), blank values left out. */
    public ConnectorSettings settings(Map<String, String> all) {
        if (connector.isEmpty()) {
            return ConnectorSettings.empty();
        }
        Map<String, String> own = new TreeMap<>();
        for (SettingSpec spec : connector.get().settings()) {
            String value = all.get(key(spec));
            if (value != null && !value.isBlank()) {
                own.put(spec.key(), value);
            }
        }
        return ConnectorSettings.of(connector.get(), own);
    }

    /** Whether the project sets the value of {@code spec} on this side. */
    public boolean isSet(Map<String, String> all, SettingSpec spec) {
        String value = all.get(key(spec));
        return value != null && !value.isBlank();
    }
}
