package dev.lakeport.connector.glue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakeport.emulator.glue.GlueEmulator;
import dev.lakeport.model.Database;
import dev.lakeport.model.Function;
import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nothing is lost on the wire: objects converted from Glue shapes with every field set are written through the
 * connector to the Glue emulator, read back, and compare equal. Only what Glue itself sets differs: create times and
 * the creator of a table.
 */
class GlueModelConverterEmulatorTest {
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

    @Test
    void everyFieldSurvivesAWriteAndARead() {
        TestingGlueShapes shapes = new TestingGlueShapes();
        Database database = GlueModelConverter.toDatabase(GlueModelConverterTest.fullDatabase(shapes));
        Table table = GlueModelConverter.toTable(GlueModelConverterTest.fullTable(shapes));
        Partition partition =
                GlueModelConverter.toPartition(GlueModelConverterTest.fullPartition(shapes), "sales", "orders");
        Function function = GlueModelConverter.toFunction(GlueModelConverterTest.fullFunction(shapes), "sales");

        try (GlueCatalogWriter writer = connector.writer();
                GlueCatalogReader reader = connector.reader()) {
            writer.createDatabase(database);
            writer.createTable(table);
            assertThat(writer.createPartitions(table, List.of(partition)).failures())
                    .isEmpty();
            writer.createFunction(function);

            Database readDatabase = reader.database("sales").orElseThrow();
            Table readTable = reader.table("sales", "orders").orElseThrow();
            Partition readPartition =
                    reader.partitions(table, List.of(partition.values())).get(0);
            Function readFunction = reader.function("sales", "normalize_phone").orElseThrow();

            assertThat(readDatabase).isEqualTo(withCreateTimeOf(database, readDatabase));
            assertThat(readTable).isEqualTo(withServerFieldsOf(table, readTable));
            assertThat(readPartition).isEqualTo(withCreateTimeOf(partition, readPartition));
            assertThat(readFunction).isEqualTo(withCreateTimeOf(function, readFunction));
        }
    }

    private static Database withCreateTimeOf(Database written, Database read) {
        return new Database(
                written.name(), written.description(), written.locationUri(), written.parameters(), read.createTime());
    }

    /**
     * Glue sets CreateTime and CreatedBy, derives IsMultiDialectView and IsMaterializedView, and judges whether each
     * view representation IsStale; none of these can be written.
     */
    private static Table withServerFieldsOf(Table written, Table read) {
        Map<String, String> parameters = new HashMap<>(written.parameters());
        String viewDefinition = GlueModelConverter.PREFIX + "ViewDefinition";
        JsonNode definition = GlueJson.parse(parameters.get(viewDefinition));
        definition.path("Representations").forEach(r -> ((ObjectNode) r).remove("IsStale"));
        parameters.put(viewDefinition, definition.toString());
        for (String serverSet : List.of("CreatedBy", "IsMultiDialectView", "IsMaterializedView")) {
            String key = GlueModelConverter.PREFIX + serverSet;
            parameters.remove(key);
            Optional.ofNullable(read.parameters().get(key)).ifPresent(v -> parameters.put(key, v));
        }
        return written.toBuilder()
                .createTime(read.createTime().orElse(null))
                .parameters(parameters)
                .build();
    }

    private static Partition withCreateTimeOf(Partition written, Partition read) {
        return new Partition(
                written.databaseName(),
                written.tableName(),
                written.values(),
                written.storageDescriptor(),
                written.parameters(),
                read.createTime(),
                written.lastAccessTime(),
                written.lastAnalyzedTime());
    }

    private static Function withCreateTimeOf(Function written, Function read) {
        return new Function(
                written.databaseName(),
                written.name(),
                written.className(),
                written.ownerName(),
                written.ownerType(),
                written.functionType(),
                written.resourceUris(),
                read.createTime());
    }
}
