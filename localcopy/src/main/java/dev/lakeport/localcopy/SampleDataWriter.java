package dev.lakeport.localcopy;

import dev.lakeport.model.Column;
import dev.lakeport.model.Partition;
import dev.lakeport.model.StorageDescriptor;
import dev.lakeport.model.Table;
import dev.lakeport.model.TableFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.avro.Schema;
import org.apache.orc.TypeDescription;

/**
 * Writes made-up but deterministic data files for a Hive table: the table's files (unpartitioned) or each partition's,
 * in the table's format, at the table's or partition's {@code file:} location. The same seed, row count and table give
 * byte-identical files on every JVM and run: each file's values come from a random generator seeded with the seed and
 * the file's place in the catalog (database, table, partition values), never from the clock or the order of calls.
 *
 * <p>Every file holds {@link #rows()} rows. Every nullable column is null in some rows (a row in every
 * {@code columns + 1} leaves none null), and elements of arrays, maps and structs are null now and then where the format
 * can tell a null element from a missing one. Partition-key values are not in the files (Hive keeps them in the
 * directory names): a partition named {@code __HIVE_DEFAULT_PARTITION__} holds rows whose key reads as null. A
 * partition whose descriptor has fewer columns than the table (an older schema) gets files without the newer columns,
 * which read as null. OpenCSVSerde cannot write a null: its empty text reads as {@code ""} in a string column and as
 * null in others.
 *
 * <p>Iceberg, Hudi and Delta tables, views, unknown formats and locations not on this computer get no files.
 */
public final class SampleDataWriter {
    /** Written last in a table's directory: the table's files are complete, for these settings. */
    public static final String MARKER = "_lakeport_sample_data";

    /** The one data file of a table or partition, named as Hive names the first file of a job. */
    public static final String FILE_NAME = "000000_0";

    private final long seed;
    private final int rows;

    private SampleDataWriter(long seed, int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be at least 1, got " + rows);
        }
        this.seed = seed;
        this.rows = rows;
    }

    /** A writer of {@code rows} rows per file, values drawn from {@code seed}. */
    public static SampleDataWriter of(long seed, int rows) {
        return new SampleDataWriter(seed, rows);
    }

    public int rows() {
        return rows;
    }

    /** Whether {@code table} gets files: a Hive table in a known format, with a {@code file:} location. */
    public boolean writes(Table table) {
        return table.format() == TableFormat.HIVE
                && table.storageDescriptor()
                        .filter(sd -> DataFormat.of(sd).isPresent())
                        .flatMap(StorageDescriptor::location)
                        .flatMap(SampleDataWriter::localPath)
                        .isPresent();
    }

    /** What {@link #write} did to one table. */
    public record Written(String table, boolean alreadyThere, int files, long rows) {}

    /**
     * Writes the files of {@code table} (of each of its {@code partitions} when it is partitioned), unless the table's
     * marker says they are there for these settings; then writes the marker. A partition without a local location
     * gets no file.
     *
     * @throws UnreadableTableException when the table gets no files (see {@link #writes})
     */
    public Written write(Table table, Collection<Partition> partitions) {
        String name = table.databaseName() + "." + table.name();
        if (!writes(table)) {
            throw new UnreadableTableException("Table " + name + " gets no sample data: it is a " + table.format()
                    + " table, or its format is none Lakeport reads, or its location is not on this computer");
        }
        StorageDescriptor sd = table.storageDescriptor().orElseThrow();
        Path dir = localPath(sd.location().orElseThrow()).orElseThrow();
        String fingerprint = "seed=" + seed + " rows=" + rows + " format="
                + DataFormat.of(sd).orElseThrow() + " columns=" + sd.columns().size() + " partitions="
                + partitions.size() + "\n";
        Path marker = dir.resolve(MARKER);
        try {
            if (Files.isRegularFile(marker) && Files.readString(marker).equals(fingerprint)) {
                return new Written(name, true, 0, 0);
            }
            Files.deleteIfExists(marker);
            int files = 0;
            long written = 0;
            if (table.partitionKeys().isEmpty()) {
                written += writeFile(table, sd, Optional.empty(), dir);
                files++;
            } else {
                for (Partition p : partitions) {
                    StorageDescriptor psd = partitionStorage(table, p);
                    Optional<Path> pdir = psd.location().flatMap(SampleDataWriter::localPath);
                    if (pdir.isPresent()) {
                        written += writeFile(table, psd, Optional.of(p), pdir.get());
                        files++;
                    }
                }
            }
            Files.createDirectories(dir);
            Files.writeString(marker, fingerprint);
            return new Written(name, false, files, written);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the sample data of " + name + " under " + dir, e);
        }
    }

    /**
     * The rows of the table's file (no partition) or a partition's, as {@link TableFiles} reads them back: the table's
     * columns, then the partition keys.
     */
    public List<Object[]> rows(Table table, Optional<Partition> partition) {
        StorageDescriptor sd = partition.map(p -> partitionStorage(table, p)).orElseGet(() -> table.storageDescriptor()
                .orElseThrow());
        Plan plan = plan(table, sd, partition);
        List<Column> tableColumns = table.storageDescriptor().orElseThrow().columns();
        List<Object[]> out = new ArrayList<>(plan.rows().size());
        for (Object[] fileRow : plan.rows()) {
            Object[] row =
                    new Object[tableColumns.size() + table.partitionKeys().size()];
            for (int i = 0; i < tableColumns.size(); i++) {
                int at = plan.columns().names().indexOf(tableColumns.get(i).name());
                row[i] = at < 0 ? null : fileRow[at];
            }
            for (int k = 0; k < table.partitionKeys().size(); k++) {
                String v = partition.orElseThrow().values().get(k);
                TypeDescription type = typeOf(table, table.partitionKeys().get(k));
                row[tableColumns.size() + k] =
                        v == null || v.equals(TableFiles.DEFAULT_PARTITION) ? null : Values.parse(v, type);
            }
            out.add(row);
        }
        return out;
    }

    private long writeFile(Table table, StorageDescriptor sd, Optional<Partition> partition, Path dir)
            throws IOException {
        Plan plan = plan(table, sd, partition);
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE_NAME);
        Map<String, String> serde = sd.serDeInfo().parameters();
        switch (plan.format()) {
            case PARQUET -> SampleFileWriter.parquet(file, plan.columns(), plan.rows());
            case ORC -> SampleFileWriter.orc(file, plan.columns(), plan.rows());
            case AVRO -> SampleFileWriter.avro(file, plan.avro(), plan.columns(), plan.rows(), plan.random());
            case TEXT -> SampleFileWriter.text(file, plan.columns(), plan.rows(), serde, headerLines(table));
            case CSV -> SampleFileWriter.csv(file, plan.columns(), plan.rows(), serde, headerLines(table));
            case JSON -> SampleFileWriter.json(file, plan.columns(), plan.rows());
        }
        return plan.rows().size();
    }

    /** What one file holds: its format, columns, rows, the Avro schema (Avro only) and what is left of its random. */
    private record Plan(
            DataFormat format,
            SampleFileWriter.Columns columns,
            List<Object[]> rows,
            Schema avro,
            SplittableRandom random) {}

    private Plan plan(Table table, StorageDescriptor sd, Optional<Partition> partition) {
        DataFormat format = DataFormat.of(sd)
                .orElseThrow(() -> new UnreadableTableException("Table " + table.databaseName() + "." + table.name()
                        + " is in a format Lakeport does not read"));
        Schema avro = null;
        List<String> names = new ArrayList<>();
        List<SampleValues.Slot> slots = new ArrayList<>();
        if (format == DataFormat.AVRO) {
            // Hive's AvroSerDe writes what the schema literal says, whatever the descriptor's columns.
            List<Column> columns = table.storageDescriptor().orElseThrow().columns();
            String literal = sd.serDeInfo()
                    .parameters()
                    .getOrDefault("avro.schema.literal", table.parameters().get("avro.schema.literal"));
            List<SampleValues.Slot> hive = new ArrayList<>();
            for (Column c : columns) {
                names.add(c.name());
                hive.add(SampleValues.Slot.of(typeOf(table, c), true));
            }
            avro = literal == null || literal.isBlank()
                    ? SampleFileWriter.avroSchema(table.name(), new SampleFileWriter.Columns(names, hive))
                    : new Schema.Parser().parse(literal);
            for (int i = 0; i < columns.size(); i++) {
                Schema.Field f = avro.getField(columns.get(i).name());
                slots.add(f == null ? hive.get(i) : avroSlot(hive.get(i).type(), f.schema()));
            }
        } else {
            for (Column c : sd.columns()) {
                names.add(c.name());
                TypeDescription type = typeOf(table, c);
                slots.add(
                        switch (format) {
                                // A null element of a text collection would read as a null collection: none.
                            case TEXT -> withoutNestedNulls(type);
                            default -> SampleValues.Slot.of(type, true);
                        });
            }
        }
        SplittableRandom rng = new SplittableRandom(seed ^ place(table, partition));
        List<Object[]> rowList = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            Object[] row = new Object[slots.size()];
            for (int c = 0; c < slots.size(); c++) {
                Object v = SampleValues.value(slots.get(c), rng, r % (slots.size() + 1) == c);
                row[c] = format == DataFormat.CSV
                        ? asOpenCsvReadsIt(v, slots.get(c).type())
                        : v;
            }
            rowList.add(row);
        }
        return new Plan(format, new SampleFileWriter.Columns(names, slots), rowList, avro, rng);
    }

    /** OpenCSVSerde: a null is written as empty text, which reads as "" in a string column; complex values as null. */
    private static Object asOpenCsvReadsIt(Object v, TypeDescription type) {
        return switch (type.getCategory()) {
            case STRING, VARCHAR, CHAR -> v == null ? "" : v;
            case LIST, MAP, STRUCT, UNION -> null;
            default -> v;
        };
    }

    private static SampleValues.Slot withoutNestedNulls(TypeDescription type) {
        SampleValues.Slot all = SampleValues.Slot.of(type, true);
        return new SampleValues.Slot(
                type,
                true,
                all.children().stream().map(SampleDataWriter::notNull).toList());
    }

    private static SampleValues.Slot notNull(SampleValues.Slot s) {
        return new SampleValues.Slot(
                s.type(),
                false,
                s.children().stream().map(SampleDataWriter::notNull).toList());
    }

    /** A slot whose nulls follow the Avro schema: only a union with null may be null. */
    private static SampleValues.Slot avroSlot(TypeDescription type, Schema schema) {
        boolean nullable = SampleFileWriter.nullable(schema);
        Schema s = SampleFileWriter.nonNull(schema);
        List<SampleValues.Slot> kids = new ArrayList<>();
        switch (type.getCategory()) {
            case LIST -> kids.add(
                    s.getType() == Schema.Type.ARRAY
                            ? avroSlot(type.getChildren().get(0), s.getElementType())
                            : SampleValues.Slot.of(type.getChildren().get(0), false));
            case MAP -> {
                kids.add(SampleValues.Slot.of(type.getChildren().get(0), false));
                kids.add(
                        s.getType() == Schema.Type.MAP
                                ? avroSlot(type.getChildren().get(1), s.getValueType())
                                : SampleValues.Slot.of(type.getChildren().get(1), false));
            }
            case STRUCT -> {
                for (int i = 0; i < type.getChildren().size(); i++) {
                    Schema.Field f = s.getType() == Schema.Type.RECORD
                            ? s.getField(type.getFieldNames().get(i))
                            : null;
                    kids.add(
                            f == null
                                    ? SampleValues.Slot.of(type.getChildren().get(i), false)
                                    : avroSlot(type.getChildren().get(i), f.schema()));
                }
            }
            default -> {}
        }
        return new SampleValues.Slot(type, nullable, kids);
    }

    private static TypeDescription typeOf(Table table, Column c) {
        try {
            return TypeDescription.fromString(c.type().trim().toLowerCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new UnreadableTableException("Table " + table.databaseName() + "." + table.name() + ": column "
                    + c.name() + " has a type the sample data cannot write: '" + c.type() + "'");
        }
    }

    private static int headerLines(Table table) {
        String v = table.parameters().get("skip.header.line.count");
        try {
            return v == null ? 0 : Math.max(0, Integer.parseInt(v.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static StorageDescriptor partitionStorage(Table table, Partition p) {
        StorageDescriptor tableSd = table.storageDescriptor().orElseThrow();
        StorageDescriptor sd = p.storageDescriptor().orElse(tableSd);
        if (sd.inputFormat().isEmpty() && sd.serDeInfo().serializationLibrary().isEmpty()) {
            sd = sd.toBuilder()
                    .inputFormat(tableSd.inputFormat().orElse(null))
                    .serDeInfo(tableSd.serDeInfo())
                    .build();
        }
        if (sd.columns().isEmpty()) {
            sd = sd.toBuilder().columns(tableSd.columns()).build();
        }
        return sd;
    }

    /** A stable 64-bit hash (FNV-1a) of where a file lives in the catalog. */
    private static long place(Table table, Optional<Partition> partition) {
        String key = table.databaseName().toLowerCase(Locale.ROOT) + "."
                + table.name().toLowerCase(Locale.ROOT)
                + partition.map(p -> "/" + String.join("/", p.values())).orElse("");
        long h = 0xcbf29ce484222325L;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** The directory of a {@code file:} location, or empty for any other scheme. */
    static Optional<Path> localPath(String location) {
        if (location == null || !location.startsWith("file:")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Paths.get(URI.create(location.replace(" ", "%20"))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
