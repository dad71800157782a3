package dev.lakeport.localcopy;

import static dev.lakeport.localcopy.Rows.P1;
import static dev.lakeport.localcopy.Rows.P2;
import static dev.lakeport.localcopy.Rows.P_DEFAULT;
import static dev.lakeport.localcopy.Rows.ROW1;
import static dev.lakeport.localcopy.Rows.ROW2;
import static dev.lakeport.localcopy.Rows.ROW3;
import static dev.lakeport.localcopy.Rows.ROW4;
import static dev.lakeport.localcopy.Rows.ROW5;
import static dev.lakeport.localcopy.Rows.withKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeport.model.Column;
import dev.lakeport.model.Partition;
import dev.lakeport.model.SerDeInfo;
import dev.lakeport.model.StorageDescriptor;
import dev.lakeport.model.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TableFilesTest {
    @TempDir
    Path dir;

    /** How a format's table is declared in a metastore, and its files written. */
    enum Format {
        PARQUET(
                "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
                "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
                Map.of(),
                Map.of(),
                ".parquet",
                Writers::parquet),
        ORC(
                "org.apache.hadoop.hive.ql.io.orc.OrcInputFormat",
                "org.apache.hadoop.hive.ql.io.orc.OrcSerde",
                Map.of(),
                Map.of(),
                ".orc",
                Writers::orc),
        AVRO(
                "org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat",
                "org.apache.hadoop.hive.serde2.avro.AvroSerDe",
                Map.of(),
                Map.of(),
                ".avro",
                Writers::avro),
        JSON(
                "org.apache.hadoop.mapred.TextInputFormat",
                "org.apache.hive.hcatalog.data.JsonSerDe",
                Map.of(),
                Map.of(),
                ".json",
                Writers::json),
        OPENX_JSON(
                "org.apache.hadoop.mapred.TextInputFormat",
                "org.openx.data.jsonserde.JsonSerDe",
                Map.of(),
                Map.of(),
                "",
                Writers::json),
        /** A header line, '|' between fields, "NULL" for null, '\' escaping. */
        TEXT(
                "org.apache.hadoop.mapred.TextInputFormat",
                "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe",
                Writers.TEXT_SERDE,
                Map.of("skip.header.line.count", "1"),
                ".txt",
                Writers::text);

        final String inputFormat;
        final String serde;
        final Map<String, String> serdeParameters;
        final Map<String, String> tableParameters;
        final String suffix;
        final Writers.FileWriter writer;

        Format(
                String inputFormat,
                String serde,
                Map<String, String> serdeParameters,
                Map<String, String> tableParameters,
                String suffix,
                Writers.FileWriter writer) {
            this.inputFormat = inputFormat;
            this.serde = serde;
            this.serdeParameters = serdeParameters;
            this.tableParameters = tableParameters;
            this.suffix = suffix;
            this.writer = writer;
        }
    }

    private StorageDescriptor storage(Format f, Path location, List<Column> columns) {
        return StorageDescriptor.builder()
                .columns(columns)
                .location(location.toUri().toString())
                .inputFormat(f.inputFormat)
                .serDeInfo(SerDeInfo.of(f.serde, f.serdeParameters))
                .build();
    }

    private Partition partition(Format f, Path table, String value) {
        return new Partition(
                "db",
                "t",
                List.of(value),
                Optional.of(storage(f, table.resolve("dt=" + value), Rows.COLUMNS)),
                Map.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    /**
     * The partitioned layout: dt=2024-01-01 with two files (the second written before c_struct was added), dt=2024-01-02
     * with a row of nulls, the default partition, a _SUCCESS marker and a hidden file that are no data.
     */
    private Path writeTable(Format f) throws IOException {
        Path table = dir.resolve(f.name().toLowerCase());
        Path p1 = Files.createDirectories(table.resolve("dt=" + P1));
        Path p2 = Files.createDirectories(table.resolve("dt=" + P2));
        Path pd = Files.createDirectories(table.resolve("dt=" + P_DEFAULT));
        f.writer.write(p1.resolve("part-00000" + f.suffix), Rows.COLUMNS, rows(ROW1, ROW2));
        f.writer.write(p1.resolve("part-00001" + f.suffix), Rows.COLUMNS_WITHOUT_STRUCT, rows(ROW3));
        f.writer.write(p2.resolve("part-00000" + f.suffix), Rows.COLUMNS, rows(ROW4));
        f.writer.write(pd.resolve("part-00000" + f.suffix), Rows.COLUMNS, rows(ROW5));
        Files.writeString(table.resolve("_SUCCESS"), "not data");
        Files.writeString(p1.resolve("_SUCCESS"), "not data");
        Files.writeString(p1.resolve(".part-00000" + f.suffix + ".crc"), "not data either");
        Files.createDirectories(table.resolve("_temporary/0"))
                .resolve("part-9")
                .toFile()
                .createNewFile();
        Files.writeString(table.resolve("_temporary/0/part-9"), "half-written");
        return table;
    }

    private static List<Object[]> read(Stream<Object[]> rows) {
        try (rows) {
            return new ArrayList<>(rows.toList());
        }
    }

    private static List<Object[]> rows(Object[]... rows) {
        return List.of(rows);
    }

    /** Row by row, value by value (arrays compared by content), so that a failure names the row and column. */
    private static void assertRows(List<Object[]> actual, Object[]... expected) {
        assertThat(actual).as("rows").hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual.get(i)).as("row %d", i + 1).containsExactly(expected[i]);
        }
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void readsEveryValueOfEveryPartition(Format f) throws IOException {
        Path location = writeTable(f);
        TableFiles files =
                TableFiles.of("db.t_" + f, storage(f, location, Rows.COLUMNS), Rows.PARTITION_KEYS, f.tableParameters);

        assertRows(
                read(files.rows(partition(f, location, P1))), withKey(ROW1, P1), withKey(ROW2, P1), withKey(ROW3, P1));
        assertRows(read(files.rows(partition(f, location, P2))), withKey(ROW4, P2));
        // The default partition's key reads as null, not as Hive's directory name.
        assertRows(read(files.rows(partition(f, location, P_DEFAULT))), withKey(ROW5, null));
        assertThat(files.rowColumns()).extracting(Column::name).endsWith("c_struct", "dt");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void readsAWholePartitionedTableWithKeysFromItsDirectories(Format f) throws IOException {
        Path location = writeTable(f);
        TableFiles files =
                TableFiles.of("db.t", storage(f, location, Rows.COLUMNS), Rows.PARTITION_KEYS, f.tableParameters);

        assertRows(
                read(files.rows()),
                withKey(ROW1, P1),
                withKey(ROW2, P1),
                withKey(ROW3, P1),
                withKey(ROW4, P2),
                withKey(ROW5, null));
        assertThat(files.files())
                .hasSize(4)
                .allSatisfy(p -> assertThat(p.getFileName().toString()).startsWith("part-"));
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void countsEachPartitionBySeparateScan(Format f) throws IOException {
        Path location = writeTable(f);
        TableFiles files =
                TableFiles.of("db.t", storage(f, location, Rows.COLUMNS), Rows.PARTITION_KEYS, f.tableParameters);
        SourceCount count = SourceCount.of(files);

        assertThat(count.count(partition(f, location, P1))).isEqualTo(3);
        assertThat(count.count(partition(f, location, P2))).isEqualTo(1);
        assertThat(count.count(partition(f, location, P_DEFAULT))).isEqualTo(1);
        assertThat(count.count()).isEqualTo(5);
    }

    @Test
    void readsAnUnpartitionedTableFromAPlainPath() throws IOException {
        Path location = Files.createDirectories(dir.resolve("plain"));
        Writers.parquet(location.resolve("a.parquet"), Rows.COLUMNS, rows(ROW1, ROW2));
        Files.createDirectories(location.resolve("sub"));
        Writers.parquet(location.resolve("sub/b.parquet"), Rows.COLUMNS, rows(ROW5));
        StorageDescriptor sd = StorageDescriptor.builder()
                .columns(Rows.COLUMNS)
                .location(location.toString())
                .inputFormat(Format.PARQUET.inputFormat)
                .serDeInfo(SerDeInfo.of(Format.PARQUET.serde, Map.of()))
                .build();
        Table table = Table.builder("db", "plain")
                .storageDescriptor(sd)
                .tableType("EXTERNAL_TABLE")
                .build();
        TableFiles files = TableFiles.of(table);

        assertRows(read(files.rows()), ROW1, ROW2, ROW5);
        assertThat(SourceCount.of(files).count()).isEqualTo(3);
        assertThat(files.format()).isEqualTo(DataFormat.PARQUET);
    }

    @Test
    void readsOpenCsvWithItsSeparatorQuoteAndEscape() throws IOException {
        Path location = Files.createDirectories(dir.resolve("csv"));
        List<Column> columns = Rows.COLUMNS.subList(0, 10); // OpenCSVSerde tables have primitive columns only
        Writers.csv(location.resolve("a.csv"), columns, rows(ROW1, ROW2, ROW3, ROW4, ROW5));
        StorageDescriptor sd = StorageDescriptor.builder()
                .columns(columns)
                .location(location.toUri().toString())
                .inputFormat("org.apache.hadoop.mapred.TextInputFormat")
                .serDeInfo(SerDeInfo.of(
                        "org.apache.hadoop.hive.serde2.OpenCSVSerde",
                        Map.of("separatorChar", ";", "quoteChar", "'", "escapeChar", "\\")))
                .build();
        TableFiles files = TableFiles.of("db.csv", sd, List.of(), Map.of("skip.header.line.count", "1"));

        List<Object[]> rows = read(files.rows());
        assertThat(rows).hasSize(5);
        for (int r = 0; r < 5; r++) {
            Object[] expected =
                    java.util.Arrays.copyOf(rows(ROW1, ROW2, ROW3, ROW4, ROW5).get(r), 10);
            // CSV has no null: an empty field is an empty string, and null for the other types.
            if (expected[5] == null) {
                expected[5] = "";
            }
            if (expected[9] == null) {
                expected[9] = new byte[0];
            }
            assertThat(rows.get(r)).as("row %d", r + 1).containsExactly(expected);
        }
        assertThat(SourceCount.of(files).count()).isEqualTo(5);
    }

    @Test
    void anUnknownSerDeFailsNamingTheTableAndItsFormat() throws IOException {
        Path location = Files.createDirectories(dir.resolve("fancy"));
        Files.writeString(location.resolve("data"), "whatever");
        StorageDescriptor sd = StorageDescriptor.builder()
                .columns(Rows.COLUMNS)
                .location(location.toString())
                .inputFormat("com.example.FancyInputFormat")
                .serDeInfo(SerDeInfo.of("com.example.FancySerDe", Map.of()))
                .build();
        TableFiles files = TableFiles.of("db.fancy", sd, List.of(), Map.of());

        assertThatThrownBy(files::rows)
                .isInstanceOf(UnreadableTableException.class)
                .hasMessageContaining("db.fancy")
                .hasMessageContaining("com.example.FancyInputFormat")
                .hasMessageContaining("com.example.FancySerDe");
        assertThatThrownBy(() -> SourceCount.of(files).count()).hasMessageContaining("com.example.FancySerDe");
    }

    @Test
    void aLocationNotOnThisComputerFailsNamingIt() {
        StorageDescriptor sd = StorageDescriptor.builder()
                .columns(Rows.COLUMNS)
                .location("s3://bucket/warehouse/t")
                .inputFormat(Format.PARQUET.inputFormat)
                .serDeInfo(SerDeInfo.of(Format.PARQUET.serde, Map.of()))
                .build();
        TableFiles files = TableFiles.of("db.remote", sd, List.of(), Map.of());

        assertThatThrownBy(files::rows)
                .isInstanceOf(UnreadableTableException.class)
                .hasMessageContaining("s3://bucket/warehouse/t")
                .hasMessageContaining("not on this computer");
    }

    @Test
    void anIcebergTableIsRefused() {
        Table table = Table.builder("db", "ice")
                .parameters(Map.of("table_type", "ICEBERG", "metadata_location", "file:/x/metadata.json"))
                .build();

        assertThatThrownBy(() -> TableFiles.of(table))
                .isInstanceOf(UnreadableTableException.class)
                .hasMessageContaining("db.ice")
                .hasMessageContaining("ICEBERG");
    }
}
