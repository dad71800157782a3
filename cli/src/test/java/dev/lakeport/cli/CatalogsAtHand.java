package dev.lakeport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.connector.CallSettings;
import dev.lakeport.connector.CatalogConnection;
import dev.lakeport.connector.CatalogConnector;
import dev.lakeport.connector.CatalogReader;
import dev.lakeport.connector.CatalogWriter;
import dev.lakeport.connector.ConnectorRegistry;
import dev.lakeport.connector.ConnectorSettings;
import dev.lakeport.model.Table;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What the route tests do beside the command line: run a step that must succeed, and reach a catalog the emulators
 * serve through its connector (to change the source, or to see what reached the destination), with the settings the
 * emulators wrote.
 */
final class CatalogsAtHand {
    static final Duration STEP = Duration.ofMinutes(4);
    private static final ConnectorRegistry REGISTRY = ConnectorRegistry.standard();

    private CatalogsAtHand() {}

    /** Runs {@code lakeport-cli args} in a process of its own and expects exit code 0. */
    static ChildProcesses.Finished ok(ChildProcesses cli, String... args) {
        ChildProcesses.Finished f = cli.run(STEP, args);
        assertThat(f.exitCode())
                .as("lakeport-cli %s%n%s", String.join(" ", args), f.all())
                .isZero();
        return f;
    }

    /** The settings of an application.properties file. */
    static Map<String, String> settings(Path config) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(config)) {
            p.load(r);
        }
        Map<String, String> map = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> map.put(k, p.getProperty(k)));
        return map;
    }

    static CatalogConnection open(Map<String, String> settings, String kind) {
        CatalogConnector connector = REGISTRY.require(kind);
        return connector.open(ConnectorSettings.of(connector, settings), CallSettings.defaults());
    }

    static <T> T read(Map<String, String> settings, String kind, Function<CatalogReader, T> f) {
        try (CatalogConnection c = open(settings, kind);
                CatalogReader r = c.reader()) {
            return f.apply(r);
        }
    }

    static Optional<Table> table(Map<String, String> settings, String kind, String database, String name) {
        return read(settings, kind, r -> r.table(database, name));
    }

    static void write(Map<String, String> settings, String kind, Consumer<CatalogWriter> change) {
        try (CatalogConnection c = open(settings, kind);
                CatalogWriter w = c.writer()) {
            change.accept(w);
        }
    }
}
