package dev.lakeport.emulator.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.emulator.glue.GlueEmulator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Database;
import software.amazon.awssdk.services.glue.model.Segment;
import software.amazon.awssdk.services.glue.model.Table;

/** The sample catalog read back through the SDK, as the sample project's Glue reader will read it. */
class SampleCatalogServedTest {
    @Test
    void everyObjectIsReadableThroughTheSdk() {
        try (GlueEmulator emulator = GlueEmulator.start();
                GlueClient glue = GlueClient.builder()
                        .endpointOverride(emulator.endpoint())
                        .region(Region.US_EAST_1)
                        .credentialsProvider(
                                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
                        .build()) {
            SampleCatalog.Summary summary = SampleCatalog.generate(emulator.store(), SampleCatalog.Options.defaults());

            List<Database> databases = new ArrayList<>();
            glue.getDatabasesPaginator(r -> r.maxResults(2)).forEach(page -> databases.addAll(page.databaseList()));
            assertThat(databases).hasSize(summary.databases());

            int tables = 0;
            long partitions = 0;
            Set<String> tableTypes = new HashSet<>();
            for (Database db : databases) {
                List<Table> list = new ArrayList<>();
                glue.getTablesPaginator(r -> r.databaseName(db.name())).forEach(page -> list.addAll(page.tableList()));
                tables += list.size();
                for (Table table : list) {
                    tableTypes.add(table.tableType());
                    if (!table.hasPartitionKeys() || table.partitionKeys().isEmpty()) {
                        continue;
                    }
                    for (int s = 0; s < 4; s++) {
                        int segment = s;
                        for (var page : glue.getPartitionsPaginator(r -> r.databaseName(db.name())
                                .tableName(table.name())
                                .segment(Segment.builder()
                                        .segmentNumber(segment)
                                        .totalSegments(4)
                                        .build()))) {
                            partitions += page.partitions().size();
                        }
                    }
                }
            }
            int functions = glue.getUserDefinedFunctions(r -> r.pattern("*"))
                    .userDefinedFunctions()
                    .size();

            assertThat(tables).isEqualTo(summary.tables());
            assertThat(partitions).isEqualTo(summary.partitions());
            assertThat(functions).isEqualTo(summary.functions());
            assertThat(tableTypes).contains("EXTERNAL_TABLE", "VIRTUAL_VIEW");
        }
    }
}
