package dev.lakeport.app.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.connector.CallSettings;
import dev.lakeport.connector.CatalogConnection;
import dev.lakeport.connector.CatalogConnector;
import dev.lakeport.connector.CatalogReader;
import dev.lakeport.connector.ConnectorRegistry;
import dev.lakeport.connector.ConnectorSettings;
import dev.lakeport.localcopy.SampleDataFiles;
import dev.lakeport.localcopy.SampleDataWriter;
import dev.lakeport.localcopy.SourceCount;
import dev.lakeport.localcopy.TableFiles;
import dev.lakeport.model.Database;
import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Open the sample project" on the Hive -> MaxCompute route: the metastore's tables point into the sample's folder,
 * where each table's and partition's data file is, counted as the sample wrote it; the other routes stay on the
 * object store, metadata only.
 */
class SampleEnvironmentDataIT {
    @TempDir
    Path folder;

    @Test
    void theHiveToMaxComputeSampleHasDataFilesInItsFolder() {
        try (SampleEnvironment environment = new SampleEnvironment(true)) {
            SampleEnvironment.Sample sample = environment.start(
                    folder, 300, SampleRoute.HIVE_TO_MAXCOMPUTE, ProgressListener.NONE, CancellationToken.NONE);
            String root = SampleDataFiles.location(folder.resolve(SampleEnvironment.DATA_DIRECTORY));
            SampleDataWriter writer = SampleDataWriter.of(0, SampleDataFiles.ROWS_PER_FILE);
            CatalogConnector hive = ConnectorRegistry.standard().require("hive");
            int tables = 0;
            long partitions = 0;
            try (CatalogConnection c =
                            hive.open(ConnectorSettings.of(hive, sample.settings()), CallSettings.defaults());
                    CatalogReader r = c.reader();
                    Stream<Database> dbs = r.databases()) {
                for (Database db : dbs.toList()) {
                    try (Stream<Table> ts = r.tables(db.name())) {
                        for (Table t : ts.filter(writer::writes).toList()) {
                            tables++;
                            assertThat(t.storageDescriptor()
                                            .orElseThrow()
                                            .location()
                                            .orElseThrow())
                                    .startsWith(root);
                            SourceCount count = SourceCount.of(TableFiles.of(t));
                            if (t.partitionKeys().isEmpty()) {
                                assertThat(count.count()).isEqualTo(SampleDataFiles.ROWS_PER_FILE);
                                continue;
                            }
                            try (Stream<Partition> ps = r.partitions(t, Optional.empty())) {
                                for (Partition p : ps.toList()) {
                                    partitions++;
                                    assertThat(count.count(p))
                                            .as(t.name() + " " + p.values())
                                            .isEqualTo(SampleDataFiles.ROWS_PER_FILE);
                                }
                            }
                        }
                    }
                }
            }
            assertThat(tables).isEqualTo(21);
            assertThat(partitions).isGreaterThan(250);

            // Hive -> DLF, on the same metastore, is metadata only again: its locations are on the object store.
            SampleEnvironment.Sample dlf = environment.start(
                    folder.resolve("dlf"), 300, SampleRoute.HIVE_TO_DLF, ProgressListener.NONE, CancellationToken.NONE);
            try (CatalogConnection c = hive.open(ConnectorSettings.of(hive, dlf.settings()), CallSettings.defaults());
                    CatalogReader r = c.reader()) {
                assertThat(r.table("sales", "orders")
                                .orElseThrow()
                                .storageDescriptor()
                                .orElseThrow()
                                .location())
                        .hasValueSatisfying(l -> assertThat(l).startsWith("s3://"));
            }
            assertThat(List.of(folder.resolve("dlf").toFile().list())).doesNotContain(SampleEnvironment.DATA_DIRECTORY);
        }
    }
}
