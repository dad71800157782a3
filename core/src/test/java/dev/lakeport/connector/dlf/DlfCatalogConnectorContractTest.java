package dev.lakeport.connector.dlf;

import dev.lakeport.connector.AbstractCatalogConnectorContractTest;
import dev.lakeport.connector.CatalogReader;
import dev.lakeport.connector.CatalogWriter;
import dev.lakeport.emulator.dlf.DlfEmulator;
import dev.lakeport.model.CatalogObject;
import dev.lakeport.model.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The connector contract against the DLF emulator. */
class DlfCatalogConnectorContractTest extends AbstractCatalogConnectorContractTest {
    private static DlfEmulator emulator;
    private static DlfConnector connector;

    @BeforeAll
    static void start() {
        emulator = DlfEmulator.start();
        connector = DlfConnector.create(TestingDlf.config(emulator));
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Override
    protected CatalogReader openReader() {
        return connector.reader();
    }

    @Override
    protected CatalogWriter openWriter() {
        return connector.writer();
    }

    @Override
    protected void emptyCatalog() {
        emulator.store().clear();
    }

    /** DLF tables have no description: the mapping step moves it into Parameters, so it reads back empty. */
    @Override
    protected CatalogObject expectedAfterRoundTrip(CatalogObject written) {
        if (written instanceof Table t) {
            return t.toBuilder().description(null).build();
        }
        return written;
    }
}
