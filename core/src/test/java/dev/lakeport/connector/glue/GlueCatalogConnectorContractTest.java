package dev.lakeport.connector.glue;

import dev.lakeport.connector.AbstractCatalogConnectorContractTest;
import dev.lakeport.connector.CatalogReader;
import dev.lakeport.connector.CatalogWriter;
import dev.lakeport.emulator.glue.GlueEmulator;
import dev.lakeport.emulator.glue.GlueStore;
import dev.lakeport.model.CatalogObject;
import dev.lakeport.model.Database;
import dev.lakeport.model.Table;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.glue.model.Permission;
import software.amazon.awssdk.services.glue.model.PrincipalPermissions;

/** The connector contract, against the Glue emulator (started once for the class, emptied before each test). */
class GlueCatalogConnectorContractTest extends AbstractCatalogConnectorContractTest {
    private static final String DEFAULT_PERMISSIONS = GlueJson.write(List.of(PrincipalPermissions.builder()
            .principal(p -> p.dataLakePrincipalIdentifier("IAM_ALLOWED_PRINCIPALS"))
            .permissions(Permission.ALL)
            .build()));
    private static final String CREATED_BY =
            GlueJson.write("arn:aws:iam::" + GlueStore.DEFAULT_CATALOG_ID + ":user/lakeport");

    private static GlueEmulator emulator;
    private static GlueConnector connector;

    @BeforeAll
    static void start() {
        emulator = GlueEmulator.start();
        connector = new GlueConnector(TestingGlueConnector.config(emulator));
    }

    @AfterAll
    static void stop() {
        connector.close();
        emulator.close();
    }

    @Override
    protected void emptyCatalog() {
        emulator.store().clear();
    }

    /**
     * Glue grants IAM_ALLOWED_PRINCIPALS ALL on new tables of a database unless told otherwise, and records who
     * created a table; both come back as carried fields.
     */
    @Override
    protected CatalogObject expectedAfterRoundTrip(CatalogObject written) {
        if (written instanceof Database d) {
            Map<String, String> parameters = new HashMap<>(d.parameters());
            parameters.putIfAbsent(GlueModelConverter.PREFIX + "CreateTableDefaultPermissions", DEFAULT_PERMISSIONS);
            return d.withParameters(parameters);
        }
        if (written instanceof Table t) {
            Map<String, String> parameters = new HashMap<>(t.parameters());
            parameters.putIfAbsent(GlueModelConverter.PREFIX + "CreatedBy", CREATED_BY);
            return t.toBuilder().parameters(parameters).build();
        }
        return written;
    }

    @Override
    protected CatalogReader openReader() {
        return connector.reader();
    }

    @Override
    protected CatalogWriter openWriter() {
        return connector.writer();
    }
}
