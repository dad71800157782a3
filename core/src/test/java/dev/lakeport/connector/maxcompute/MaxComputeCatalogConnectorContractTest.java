package dev.lakeport.connector.maxcompute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.connector.AbstractCatalogConnectorContractTest;
import dev.lakeport.connector.Capability;
import dev.lakeport.connector.CatalogReader;
import dev.lakeport.connector.CatalogWriter;
import dev.lakeport.connector.ErrorCode;
import dev.lakeport.connector.TestingCatalogObjects;
import dev.lakeport.emulator.maxcompute.MaxComputeEmulator;
import dev.lakeport.model.CatalogObject;
import dev.lakeport.model.Database;
import dev.lakeport.model.Table;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The connector contract against the MaxCompute emulator, database {@code sales} being the default project. MaxCompute
 * holds no functions, keeps only what {@link MaxComputeStoredForm} keeps, and has its projects made in its console: the
 * tests' databases are made there (in the emulator), and the writer is checked to refuse both ways. A view's SQL must be
 * MaxCompute's (the route maps it): the contract's view, whose expanded text backquotes {@code `db.table`} as one name,
 * is replaced by one MaxCompute can run.
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
    @Test
    protected void viewReadsBackWithItsTexts() {
        createDatabase(TestingCatalogObjects.database(DB));
        writer.createTable(TestingCatalogObjects.partitionedTable(DB, "orders"));
        Table written = TestingCatalogObjects.view(DB, "daily_revenue", "orders").toBuilder()
                .viewExpandedText("SELECT `orders`.`dt`, `orders`.`region`, sum(`orders`.`amount`) AS `revenue`\n"
                        + "FROM `sales`.`orders` GROUP BY `orders`.`dt`, `orders`.`region`")
                .build();
        writer.createTable(written);

        Table read = reader.table(DB, "daily_revenue").orElseThrow();
        assertThat(read).isEqualTo(expectedAfterRoundTrip(written));
        assertThat(read.isView()).isTrue();
        assertThat(read.viewExpandedText())
                .contains("SELECT `orders`.`dt`, `orders`.`region`, sum(`orders`.`amount`) AS `revenue` FROM"
                        + " `sales`.`orders` GROUP BY `orders`.`dt`, `orders`.`region`");
    }

    @Override
    protected CatalogObject expectedAfterRoundTrip(CatalogObject written) {
        return new MaxComputeCatalogConnector().storedForm().orElseThrow().apply(written);
    }
}
