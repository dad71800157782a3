package dev.lakeport.sparkjob;

import dev.lakeport.config.MigrationConfig;
import dev.lakeport.connector.CatalogConnection;
import dev.lakeport.connector.CatalogReader;
import dev.lakeport.connector.CatalogWriter;
import dev.lakeport.diff.DiffOptions;
import dev.lakeport.diff.DiffRule;
import dev.lakeport.mapping.ExclusionRules;
import dev.lakeport.mapping.Scope;
import dev.lakeport.model.CatalogObject;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The connectors of one run, made once per JVM (driver or executor) and shared by all its tasks: an SDK client holds
 * an HTTP pool, and a task per table must not open one each. A JVM that ran tasks of several runs keeps the latest
 * few and closes the others.
 *
 * <p>The connectors come from the registry by the configuration's two kinds, so the job runs any route: the rest
 * of the job sees a source {@link CatalogReader}, a destination {@link CatalogReader} and {@link CatalogWriter}, and
 * asks the source reader for its capabilities.
 */
final class Catalogs implements AutoCloseable {
    private static final int KEEP = 4;
    private static final Map<String, Catalogs> BY_CONTEXT = new LinkedHashMap<>(8, 0.75f, true);

    private final MigrationConfig config;
    private final UnaryOperator<CatalogObject> mapping;
    private final Scope scope;
    private final DiffRule diffRule;
    private final AutoCloseable sourceConnector;
    private final AutoCloseable destinationConnector;
    private final CatalogReader sourceReader;
    private final CatalogReader destinationReader;
    private final CatalogWriter destinationWriter;

    private Catalogs(MigrationConfig config, ExclusionRules exclusions) {
        this.config = config;
        // The user's exclusion rules leave their objects out of the run: never listed, compared or written.
        this.scope = config.scope().toBuilder().exclude(exclusions).build();
        CatalogConnection source =
                config.source().connector().open(config.source().settings(), config.callSettings());
        CatalogConnection destination =
                config.destination().connector().open(config.destination().settings(), config.callSettings());
        this.sourceConnector = source;
        this.destinationConnector = destination;
        this.sourceReader = source.reader();
        this.destinationReader = destination.reader();
        this.destinationWriter = destination.writer();
        // What the destination allows (a MaxCompute project's type flags) decides the mapping, as a local run's
        // destination load does.
        dev.lakeport.mapping.CatalogMapping rules = config.mapping(destination.facts());
        if (rules.naming().isPresent()) {
            // The job lists both catalogs database by database under one name; a destination that names things its
            // own way (a MaxCompute project for a database) is diffed from a project's snapshot instead.
            throw new IllegalArgumentException("the Spark job moves metadata between catalogs that keep the source's"
                    + " names; " + config.route().title() + " metadata runs from this computer"
                    + " (lakeport-cli load, diff, apply)");
        }
        this.mapping = rules;
        // The engine's own rule, over the scope as the job reads it, in the destination's names (which a route into
        // MaxCompute changes).
        Scope compared = rules.destinationScope(scope);
        this.diffRule = new DiffRule(DiffOptions.defaults()
                .withComparePartition(scope.includesPartitions())
                .withScope(compared::includes));
    }

    /** This JVM's connectors for the run of {@code settings}. */
    static Catalogs of(JobSettings settings) {
        Catalogs evicted = null;
        Catalogs catalogs;
        synchronized (BY_CONTEXT) {
            catalogs = BY_CONTEXT.get(settings.contextId());
            if (catalogs == null) {
                catalogs = new Catalogs(settings.config(), settings.exclusions());
                BY_CONTEXT.put(settings.contextId(), catalogs);
                if (BY_CONTEXT.size() > KEEP) {
                    Iterator<Catalogs> eldest = BY_CONTEXT.values().iterator();
                    evicted = eldest.next();
                    eldest.remove();
                }
            }
        }
        if (evicted != null) {
            evicted.close();
        }
        return catalogs;
    }

    /** Closes and forgets the connectors of a run (the driver does this at the end; executors keep theirs). */
    static void release(JobSettings settings) {
        Catalogs catalogs;
        synchronized (BY_CONTEXT) {
            catalogs = BY_CONTEXT.remove(settings.contextId());
        }
        if (catalogs != null) {
            catalogs.close();
        }
    }

    MigrationConfig config() {
        return config;
    }

    /** The route's mapping of a source object to its destination form. */
    UnaryOperator<CatalogObject> mapping() {
        return mapping;
    }

    Scope scope() {
        return scope;
    }

    /** The diff's rule for one key, with the run's scope and exclusions. */
    DiffRule diffRule() {
        return diffRule;
    }

    CatalogReader sourceReader() {
        return sourceReader;
    }

    CatalogReader destinationReader() {
        return destinationReader;
    }

    CatalogWriter destinationWriter() {
        return destinationWriter;
    }

    @Override
    public void close() {
        sourceReader.close();
        destinationReader.close();
        destinationWriter.close();
        closeConnector(sourceConnector);
        closeConnector(destinationConnector);
    }

    private static void closeConnector(AutoCloseable connector) {
        try {
            connector.close();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot close a connector: " + e.getMessage(), e);
        }
    }
}
