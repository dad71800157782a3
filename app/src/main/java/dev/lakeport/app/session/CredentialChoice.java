package dev.lakeport.app.session;

import dev.lakeport.connector.CatalogConnector;
import dev.lakeport.connector.SettingProblem;
import dev.lakeport.connector.SettingSpec;
import dev.lakeport.snapshot.Side;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How a side signs in, read from its connector's description rather than from a system's keys. A connector's settings
 * in the {@value #GROUP} group fall into ways of signing in: its credentials (secret settings) are
 * {@link Way#KEYS}; a boolean there is the choice of the SDK's {@link Way#DEFAULT_CHAIN}; any other setting there (a
 * profile, a credentials file) is {@link Way#PROFILE}.
 *
 * <p>A project the command line made holds no credentials (they never go into the project file); without this check
 * the desktop would fall back to a default chain silently and a run would fail with invalid credentials. So a side
 * whose connector has a default chain is settled only by keys, a profile or file, or the user's stored choice of the
 * chain. A connector without a default chain has nothing to fall back on silently and is always settled.
 */
public final class CredentialChoice {
    /** The settings group that holds a connector's ways of signing in. */
    public static final String GROUP = "Credentials";

    /** A way of signing in. */
    public enum Way {
        KEYS,
        PROFILE,
        DEFAULT_CHAIN
    }

    private CredentialChoice() {}

    /** The way of signing in {@code spec} belongs to; empty for settings that are not about signing in. */
    public static Optional<Way> way(SettingSpec spec) {
        if (spec.secret()) {
            return Optional.of(Way.KEYS);
        }
        if (!GROUP.equalsIgnoreCase(spec.group())) {
            return Optional.empty();
        }
        return Optional.of(spec.type() == SettingSpec.Type.BOOLEAN ? Way.DEFAULT_CHAIN : Way.PROFILE);
    }

    /** The connector's settings of one way, in the connector's order. */
    public static List<SettingSpec> settings(CatalogConnector connector, Way way) {
        return connector.settings().stream()
                .filter(s -> way(s).filter(w -> w == way).isPresent())
                .toList();
    }

    /** The ways the connector offers, in {@link Way} order. */
    public static Set<Way> ways(CatalogConnector connector) {
        Set<Way> ways = EnumSet.noneOf(Way.class);
        connector.settings().forEach(s -> way(s).ifPresent(ways::add));
        return ways;
    }

    /** Whether the settings say how {@code side} signs in. */
    public static boolean isSettled(Side side, Map<String, String> settings) {
        return isSettled(SideConnector.of(side, settings), settings);
    }

    public static boolean isSettled(SideConnector side, Map<String, String> settings) {
        if (side.connector().isEmpty()) {
            return true; // the unknown kind is the problem, and it blocks everything already
        }
        CatalogConnector connector = side.connector().get();
        if (settings(connector, Way.DEFAULT_CHAIN).isEmpty()) {
            return true;
        }
        if (defaultChainChosen(side, settings)) {
            return true;
        }
        if (settings(connector, Way.PROFILE).stream().anyMatch(s -> side.isSet(settings, s))) {
            return true;
        }
        List<SettingSpec> keys = settings(connector, Way.KEYS);
        if (keys.stream().noneMatch(s -> side.isSet(settings, s))) {
            return false;
        }
        // Keys count once the connector has nothing to say about them (a key id without its secret does not).
        List<SettingProblem> problems = connector.check(side.settings(settings));
        return problems.stream()
                .noneMatch(p -> keys.stream().anyMatch(k -> k.key().equals(p.key())));
    }

    /** The way the settings name, when they name one: keys win over a profile or file (as in the connectors). */
    public static Optional<Way> derived(SideConnector side, Map<String, String> settings) {
        if (side.connector().isEmpty()) {
            return Optional.empty();
        }
        for (Way way : List.of(Way.KEYS, Way.PROFILE)) {
            if (settings(side.connector().get(), way).stream().anyMatch(s -> side.isSet(settings, s))) {
                return Optional.of(way);
            }
        }
        return defaultChainChosen(side, settings) ? Optional.of(Way.DEFAULT_CHAIN) : Optional.empty();
    }

    /** The key that records the user's choice of the default chain for the side, if its connector has one. */
    public static Optional<String> defaultChainKey(SideConnector side) {
        return side.connector()
                .flatMap(c -> settings(c, Way.DEFAULT_CHAIN).stream().findFirst())
                .map(side::key);
    }

    /** Whether the user chose the default chain for the side. */
    public static boolean defaultChainChosen(SideConnector side, Map<String, String> settings) {
        return defaultChainKey(side)
                .map(key ->
                        "true".equalsIgnoreCase(settings.getOrDefault(key, "").trim()))
                .orElse(false);
    }
}
