package dev.lakeport.sparkjob;

import dev.lakeport.config.MigrationConfig;
import dev.lakeport.connector.dlf.DlfCatalogConnector;
import dev.lakeport.connector.dlf.DlfCatalogReader;
import dev.lakeport.connector.dlf.DlfCatalogWriter;
import dev.lakeport.connector.dlf.DlfConnector;
import dev.lakeport.connector.glue.GlueCatalogConnector;
import dev.lakeport.connector.glue.GlueCatalogReader;
import dev.lakeport.connector.glue.GlueConnector;
import dev.lakeport.mapping.CatalogMapping;
import dev.lakeport.mapping.ExclusionRules;
import dev.lakeport.mapping.Scope;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The connectors of one run, made once per JVM (driver or executor) and shared by all its tasks: an SDK client holds
 * an HTTP pool, and a task per table must not open one each. A JVM that ran tasks of several runs keeps the latest
 * few and closes the others.
 */
final class Catalogs implements AutoCloseable {
    private static final int KEEP = 4;
    private static final Map<String, Catalogs> BY_CONTEXT = new LinkedHashMap<>(8, 0.75f, true);

    private final MigrationConfig config;
    private final CatalogMapping mapping;
    private final Scope scope;
    private final GlueConnector glue;
    private final DlfConnector dlf;
    private final GlueCatalogReader glueReader;
    private final DlfCatalogReader dlfReader;
    private final DlfCatalogWriter dlfWriter;

    private Catalogs(MigrationConfig config, ExclusionRules exclusions) {
        this.config = config;
        this.mapping = config.mapping();
        // The user's exclusion rules leave their objects out of the run: never listed, compared or written.
        this.scope = config.scope().toBuilder().exclude(exclusions).build();
        this.glue =
                new GlueConnector(GlueCatalogConnector.config(config.source().settings(), config.callSettings()));
        this.dlf = DlfConnector.create(
                DlfCatalogConnector.config(config.destination().settings(), config.callSettings()));
        this.glueReader = glue.reader();
        this.dlfReader = dlf.reader();
        this.dlfWriter = dlf.writer();
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

    CatalogMapping mapping() {
        return mapping;
    }

    Scope scope() {
        return scope;
    }

    GlueConnector glue() {
        return glue;
    }

    GlueCatalogReader glueReader() {
        return glueReader;
    }

    DlfCatalogReader dlfReader() {
        return dlfReader;
    }

    DlfCatalogWriter dlfWriter() {
        return dlfWriter;
    }

    @Override
    public void close() {
        glueReader.close();
        dlfReader.close();
        dlfWriter.close();
        glue.close();
        dlf.close();
    }
}
