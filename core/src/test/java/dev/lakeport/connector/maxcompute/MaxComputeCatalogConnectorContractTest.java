package dev.lakeport.connector.maxcompute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.connector.AbstractCatalogConnectorContractTest;
import dev.lakeport.connector.Capability;
import dev.lakeport.connector.CatalogReader;
import dev.lakeport.connector.CatalogWriter;
import dev.lakeport.connector.ErrorCode;
import dev.lakeport.emulator.maxcompute.MaxComputeEmulator;
import dev.lakeport.model.CatalogObject;
import dev.lakeport.model.Database;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The connector contract against the MaxCompute emulator, database {@code sales} being the default project. MaxCompute
 * holds no views or functions, keeps only what {@link MaxComputeStoredForm} keeps, and has its projects made in its
 * console: the tests' databases are made there (in the emulator), and the writer is checked to refuse both ways.
 */
class MaxComputeCatalogConnectorContractTest extends AbstractCatalogConnectorContractTest {
    private static MaxComputeEmulator emulator;
    private static MaxComputeConnector connector;

    @BeforeAll
    static void start() {
        emulator = MaxComputeEmulator.start();
        connector = TestingMaxCompute.open(emulator, DB, Map.of());
    }

    @AfterAll
    static void stop() {
        connector.close();
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
        emulator.store().dropProject(DB);
    }

    @Override
    protected boolean holds(Capability capability) {
        return new MaxComputeCatalogConnector().can(capability);
    }

    /** A project is created in the console: the writer says so, then the project is made as a user makes it. */
    @Override
    protected void createDatabase(Database database) {
        assertCode(() -> writer.createDatabase(database), ErrorCode.INVALID_INPUT);
        emulator.store().createProject(database.name());
        assertCode(() -> writer.createDatabase(database), ErrorCode.ALREADY_EXISTS);
    }

    /** Lakeport never deletes a project: the writer refuses, then the project goes as a user removes it. */
    @Override
    protected void deleteDatabase(String name) {
        assertCode(() -> writer.deleteDatabase(name), ErrorCode.INVALID_INPUT);
        assertThat(reader.database(name)).isPresent();
        emulator.store().dropProject(name);
    }

    @Override
    protected CatalogObject expectedAfterRoundTrip(CatalogObject written) {
        return new MaxComputeCatalogConnector().storedForm().orElseThrow().apply(written);
    }
}
