package dev.lakeport.cli;

import dev.lakeport.config.ConfigTemplate;
import dev.lakeport.connector.CatalogConnector;
import dev.lakeport.connector.ConnectorRegistry;
import dev.lakeport.connector.SettingSpec;
import dev.lakeport.route.Route;
import dev.lakeport.route.Routes;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** What Lakeport can read and write: each connector's settings and capabilities, the routes, a template per route. */
@Command(
        name = "connectors",
        mixinStandardHelpOptions = true,
        description = {
            "Lists the catalogs Lakeport connects to, with their settings and what they can do, and the routes between"
                    + " them with the words their diffs use.",
            "  connectors                 every connector and its settings",
            "  connectors hive            one connector",
            "  connectors --routes        every route, source to destination",
            "  connectors --template hive dlf > application.properties   a blank configuration for a route"
        })
final class ConnectorsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..2", paramLabel = "KIND", description = "A connector's kind (two with --template).")
    List<String> kinds = List.of();

    @Option(names = "--routes", description = "List the routes instead.")
    boolean routes;

    @Option(
            names = "--template",
            description = "Print a blank application.properties for the route SOURCE DESTINATION.")
    boolean template;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ConnectorRegistry registry = ConnectorRegistry.standard();
        if (template) {
            if (kinds.size() != 2) {
                throw new IllegalArgumentException(
                        "--template needs the source's and the destination's kind, e.g. --template hive dlf; known"
                                + " kinds: " + String.join(", ", registry.kinds()));
            }
            out.print(ConfigTemplate.of(Routes.standard().require(kinds.get(0), kinds.get(1))));
            out.flush();
            return ExitCode.OK;
        }
        if (routes) {
            out.printf("%-16s %-22s %s%n", "route", "", "diff words (create, delete, update)");
            for (Route r : Routes.standard().all()) {
                out.printf(
                        "%-16s %-22s %s%n",
                        r.id(), r.title(), String.join(", ", r.words().all()));
            }
            out.flush();
            return ExitCode.OK;
        }
        List<CatalogConnector> shown = kinds.isEmpty()
                ? registry.connectors()
                : kinds.stream().map(registry::require).toList();
        for (CatalogConnector c : shown) {
            out.printf(
                    "%s (%s): %s%n",
                    c.kind(),
                    c.displayName(),
                    c.capabilities().stream()
                            .map(x -> x.name().toLowerCase(Locale.ROOT).replace('_', ' '))
                            .collect(Collectors.joining(", ")));
            for (SettingSpec s : c.settings()) {
                out.printf(
                        "  %-36s %-9s %s%s%s%n",
                        s.key(),
                        s.type().name().toLowerCase(Locale.ROOT),
                        s.help(),
                        s.defaultValue().map(d -> " [default " + d + "]").orElse(""),
                        s.required() ? " [required]" : s.secret() ? " [credential]" : "");
            }
            out.println();
        }
        out.flush();
        return ExitCode.OK;
    }
}
