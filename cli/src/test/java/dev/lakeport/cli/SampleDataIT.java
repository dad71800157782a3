package dev.lakeport.cli;

import static dev.lakeport.cli.CatalogsAtHand.read;
import static dev.lakeport.cli.CatalogsAtHand.settings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.localcopy.SampleDataFiles;
import dev.lakeport.localcopy.SampleDataWriter;
import dev.lakeport.localcopy.SourceCount;
import dev.lakeport.localcopy.TableFiles;
import dev.lakeport.model.Database;
import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lakeport-cli emulators --source hive --destination maxcompute} as a user starts it: the metastore's tables
 * point at data files on this computer, written on the first start and left alone on the next.
 */
class SampleDataIT {
    private static final int PARTITIONS = 300;

    @TempDir
    Path dir;

    @Test
    void theHiveToMaxComputeSampleHasItsDataFilesWrittenOnce() throws Exception {
        Path dataDir = dir.resolve("lakeport-sample-data");
        Path hiveDir = dir.resolve("hms");
        String root = SampleDataFiles.location(dataDir);
        Map<String, FileTime> written;
        try (ChildProcesses cli = new ChildProcesses(dir)) {
            Map<String, String> settings = settings(start(cli, hiveDir));
            assertThat(ChildProcesses.read(dir.resolve("001-emulators.out")))
                    .contains("Sample data: 21 tables written");

            SampleDataWriter writer = SampleDataWriter.of(0, SampleDataFiles.ROWS_PER_FILE);
            List<String> withFiles = new ArrayList<>();
            boolean nullRegion = false;
            for (Map.Entry<Table, List<Partition>> e : catalog(settings).entrySet()) {
                Table table = e.getKey();
                String name = table.databaseName() + "." + table.name();
                if (!writer.writes(table)) {
                    continue;
                }
                withFiles.add(name);
                assertThat(table.storageDescriptor().orElseThrow().location().orElseThrow())
                        .as(name)
                        .startsWith(root);
                TableFiles files = TableFiles.of(table);
                SourceCount count = SourceCount.of(files);
                if (table.partitionKeys().isEmpty()) {
                    try (Stream<Object[]> rows = files.rows()) {
                        assertThat(rows.count()).as(name).isEqualTo(SampleDataFiles.ROWS_PER_FILE);
                    }
                    continue;
                }
                assertThat(e.getValue()).as(name).isNotEmpty();
                for (Partition p : e.getValue()) {
                    assertThat(files.files(p)).as(name + " " + p.values()).hasSize(1);
                    assertThat(count.count(p)).as(name + " " + p.values()).isEqualTo(SampleDataFiles.ROWS_PER_FILE);
                    if (p.values().contains(TableFiles.DEFAULT_PARTITION)) {
                        try (Stream<Object[]> rows = files.rows(p)) {
                            assertThat(rows.map(r -> r[r.length - 1])).containsOnlyNulls();
                        }
                        nullRegion = true;
                    }
                }
            }
            assertThat(withFiles).hasSize(21).contains("sales.orders", "finance.invoices", "web_logs.page_views");
            assertThat(nullRegion)
                    .as("a __HIVE_DEFAULT_PARTITION__ partition in sales.orders")
                    .isTrue();
            written = modified(dataDir);
        }

        // The next start finds every file in place and writes none.
        try (ChildProcesses cli = new ChildProcesses(dir.resolve("again"))) {
            Files.createDirectories(cli.workDir());
            start(cli, hiveDir);
            assertThat(ChildProcesses.read(cli.workDir().resolve("001-emulators.out")))
                    .contains("Sample data: 0 tables written (0 files, 0 rows), 21 already there");
            assertThat(modified(dataDir)).isEqualTo(written);
        }
    }

    private Path start(ChildProcesses cli, Path hiveDir) {
        return cli.startEmulators(
                PARTITIONS,
                "--source",
                "hive",
                "--destination",
                "maxcompute",
                "--hive-port",
                String.valueOf(ChildProcesses.freePort()),
                "--maxcompute-port",
                String.valueOf(ChildProcesses.freePort()),
                "--hive-dir",
                hiveDir.toString(),
                "--data-dir",
                dir.resolve("lakeport-sample-data").toString());
    }

    private static Map<Table, List<Partition>> catalog(Map<String, String> settings) {
        return read(settings, "hive", r -> {
            Map<Table, List<Partition>> out = new java.util.LinkedHashMap<>();
            List<Database> dbs;
            try (Stream<Database> s = r.databases()) {
                dbs = s.toList();
            }
            for (Database db : dbs) {
                List<Table> tables;
                try (Stream<Table> s = r.tables(db.name())) {
                    tables = s.toList();
                }
                for (Table t : tables) {
                    try (Stream<Partition> ps =
                            t.partitionKeys().isEmpty() ? Stream.empty() : r.partitions(t, Optional.empty())) {
                        out.put(t, ps.toList());
                    }
                }
            }
            return out;
        });
    }

    private static Map<String, FileTime> modified(Path dir) throws java.io.IOException {
        Map<String, FileTime> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(f).toString(), Files.getLastModifiedTime(f));
            }
        }
        return out;
    }
}
