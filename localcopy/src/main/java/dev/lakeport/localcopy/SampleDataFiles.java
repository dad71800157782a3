package dev.lakeport.localcopy;

import static java.util.Objects.requireNonNull;

import dev.lakeport.connector.CallSettings;
import dev.lakeport.connector.CatalogConnection;
import dev.lakeport.connector.CatalogConnector;
import dev.lakeport.connector.CatalogReader;
import dev.lakeport.connector.ConnectorRegistry;
import dev.lakeport.connector.ConnectorSettings;
import dev.lakeport.model.Database;
import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The sample's data files, made on first use: every table of a catalog whose location lies under a local directory
 * gets {@link SampleDataWriter}'s files there, once (a table whose files are complete is left alone). The command
 * line's and the desktop's Hive -> MaxCompute sample call it after the sample catalog is in the metastore.
 */
public final class SampleDataFiles {
    /** Rows in each file of the sample: a few thousand partitions are written in seconds. */
    public static final int ROWS_PER_FILE = 20;

    /** The source connector's kind, as the sample's settings name it. */
    private static final String SOURCE_TYPE = "lakeport.source.type";

    private SampleDataFiles() {}

    /**
     * The location of a local directory as the sample's catalog writes it, {@code file:/...} with a trailing
     * {@code /}: not percent-encoded, as Hive writes local locations (so that a space stays a space).
     */
    public static String location(Path dir) {
        String path = dir.toAbsolutePath().normalize().toUri().getPath();
        return "file:" + (path.endsWith("/") ? path : path + "/");
    }

    /** What {@link #ensure} did. */
    public record Summary(int tablesWritten, int tablesAlreadyThere, int files, long rows) {
        @Override
        public String toString() {
            return tablesWritten + " tables written (" + files + " files, " + rows + " rows), " + tablesAlreadyThere
                    + " already there";
        }
    }

    /**
     * Makes the files of every table under {@code root} of the source catalog the migration {@code settings} name
     * ({@code lakeport.source.type} and its connection settings).
     */
    public static Summary ensure(
            Map<String, String> settings, Path root, long seed, ProgressListener progress, CancellationToken cancel) {
        String kind = requireNonNull(settings.get(SOURCE_TYPE), SOURCE_TYPE + " is not set");
        CatalogConnector connector = ConnectorRegistry.standard().require(kind);
        try (CatalogConnection connection =
                        connector.open(ConnectorSettings.of(connector, settings), CallSettings.defaults());
                CatalogReader reader = connection.reader()) {
            return ensure(reader, root, SampleDataWriter.of(seed, ROWS_PER_FILE), progress, cancel);
        }
    }

    /** Makes the files of every table of {@code reader}'s catalog that {@code writer} writes and that lies under root. */
    public static Summary ensure(
            CatalogReader reader,
            Path root,
            SampleDataWriter writer,
            ProgressListener progress,
            CancellationToken cancel) {
        Path base = root.toAbsolutePath().normalize();
        int written = 0;
        int there = 0;
        int files = 0;
        long rows = 0;
        List<Database> databases;
        try (Stream<Database> all = reader.databases()) {
            databases = all.toList();
        }
        progress.phase("sample data", databases.size());
        for (Database db : databases) {
            List<Table> tables;
            try (Stream<Table> all = reader.tables(db.name())) {
                tables = all.filter(writer::writes).filter(t -> under(t, base)).toList();
            }
            for (Table table : tables) {
                cancel.check();
                progress.message("sample data: " + db.name() + "." + table.name());
                List<Partition> partitions;
                try (Stream<Partition> all =
                        table.partitionKeys().isEmpty() ? Stream.empty() : reader.partitions(table, Optional.empty())) {
                    partitions = all.filter(p -> p.storageDescriptor()
                                    .flatMap(sd -> sd.location())
                                    .flatMap(SampleDataWriter::localPath)
                                    .map(path ->
                                            path.toAbsolutePath().normalize().startsWith(base))
                                    .orElse(false))
                            .toList();
                }
                SampleDataWriter.Written w = writer.write(table, partitions);
                if (w.alreadyThere()) {
                    there++;
                } else {
                    written++;
                    files += w.files();
                    rows += w.rows();
                }
            }
            progress.advance(1, 0);
        }
        return new Summary(written, there, files, rows);
    }

    private static boolean under(Table table, Path base) {
        return table.storageDescriptor()
                .flatMap(sd -> sd.location())
                .flatMap(SampleDataWriter::localPath)
                .map(p -> p.toAbsolutePath().normalize().startsWith(base))
                .orElse(false);
    }
}
