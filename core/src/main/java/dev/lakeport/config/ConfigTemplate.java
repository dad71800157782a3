package dev.lakeport.config;

import static java.util.Objects.requireNonNull;

import dev.lakeport.connector.CatalogConnector;
import dev.lakeport.connector.SettingSpec;
import dev.lakeport.route.Route;

/**
 * A blank application.properties for a route, written from the two connectors' descriptions: every setting with its
 * help, required ones to fill in, optional ones commented out with their defaults. Nothing here knows a particular
 * system; a new connector gets its template for free.
 */
public final class ConfigTemplate {
    private ConfigTemplate() {}

    public static String of(Route route) {
        requireNonNull(route, "route is null");
        StringBuilder out = new StringBuilder();
        out.append("## Lakeport: ").append(route.title()).append('\n');
        out.append("## Fill in the required keys; credentials may stay blank to use a profile or the default chain.\n");
        out.append('\n');
        out.append(ConfigKeys.SOURCE_TYPE)
                .append('=')
                .append(route.source().kind())
                .append('\n');
        out.append(ConfigKeys.DESTINATION_TYPE)
                .append('=')
                .append(route.destination().kind())
                .append("\n\n");
        side(out, "Source", route.source(), "");
        String prefix = route.source().kind().equals(route.destination().kind()) ? ConfigKeys.DESTINATION_PREFIX : "";
        side(out, "Destination", route.destination(), prefix);
        out.append("## Where the source's locations go at the destination, longest prefix first ({} for none).\n");
        out.append(ConfigKeys.LOCATION_CONVERT_MAP).append("={}\n");
        out.append(ConfigKeys.MODE).append("=increment\n");
        out.append(ConfigKeys.COMPARE_PARTITION).append("=true\n");
        return out.toString();
    }

    private static void side(StringBuilder out, String role, CatalogConnector connector, String prefix) {
        out.append("## ")
                .append(role)
                .append(": ")
                .append(connector.displayName())
                .append('\n');
        String group = null;
        for (SettingSpec spec : connector.settings()) {
            if (!spec.group().equals(group)) {
                group = spec.group();
                out.append("## - ").append(group).append('\n');
            }
            out.append("## ")
                    .append(spec.label())
                    .append(": ")
                    .append(spec.help())
                    .append(spec.required() ? " (required)" : "")
                    .append(spec.secret() ? " (a credential: kept in the credential store, never exported)" : "")
                    .append('\n');
            String line = prefix + spec.key() + "="
                    + (spec.required() ? "" : spec.defaultValue().orElse(""));
            out.append(spec.required() || spec.secret() ? "" : "#").append(line).append('\n');
        }
        out.append('\n');
    }
}
