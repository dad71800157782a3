package dev.lakeport.config;

import dev.lakeport.connector.dlf.DlfCatalogConnector;
import dev.lakeport.connector.dlf.DlfConnectorConfig;
import dev.lakeport.connector.glue.GlueCatalogConnector;
import dev.lakeport.connector.glue.GlueConnectorConfig;

/** The Glue and DLF connection settings a Glue → DLF configuration opens with, for tests that check them. */
public final class Sides {
    private Sides() {}

    public static GlueConnectorConfig glue(MigrationConfig config) {
        return GlueCatalogConnector.config(config.source().settings(), config.callSettings());
    }

    public static DlfConnectorConfig dlf(MigrationConfig config) {
        return DlfCatalogConnector.config(config.destination().settings(), config.callSettings());
    }
}
