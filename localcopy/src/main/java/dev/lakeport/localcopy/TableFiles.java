package dev.lakeport.localcopy;

import dev.lakeport.model.Column;
import dev.lakeport.model.Partition;
import dev.lakeport.model.StorageDescriptor;
import dev.lakeport.model.Table;
import dev.lakeport.model.TableFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.orc.TypeDescription;

/**
 * The data files of a Hive-style table on this computer, read without Spark: Parquet, ORC, Avro, delimited text
 * (LazySimpleSerDe), CSV (OpenCSVSerde) and JSON (one object per line).
 *
 * <p>A row is an {@code Object[]} with the table's columns in order, then its partition keys. Values are plain Java:
 *
 * <ul>
 *   <li>{@code tinyint} {@link Byte}, {@code smallint} {@link Short}, {@code int} {@link Integer}, {@code bigint}
 *       {@link Long}, {@code float} {@link Float}, {@code double} {@link Double}, {@code boolean} {@link Boolean},
 *       {@code decimal(p,s)} {@link java.math.BigDecimal} with scale {@code s}, {@code string} / {@code varchar} /
 *       {@code char} {@link String}, {@code binary} {@code byte[]}, {@code date} {@link java.time.LocalDate};
 *   <li>{@code timestamp} is {@link java.time.LocalDateTime}: Hive's {@code timestamp} has no time zone (the wall
 *       clock written is what every reader sees), so an {@code Instant} would invent one. Files that store an instant
 *       (Parquet INT96 and {@code isAdjustedToUTC} timestamps, Avro {@code timestamp-*}) are read in UTC, as Hive 3+
 *       and Spark write them. {@code timestamp with local time zone} is an {@link java.time.Instant};
 *   <li>{@code array} a {@link List}, {@code map} a {@link Map} in the file's order;
 *   <li>{@code struct} a {@code Map<String, Object>} from field name to value, in the declared field order (a
 *       {@link java.util.LinkedHashMap}): a struct's values are self-describing and a writer can still take them in
 *       order with {@code values()}, while a positional list would lose the names when a file's struct differs from
 *       the table's.
 * </ul>
 *
 * <p>Columns are found in a file by name, ignoring case (ORC files from Hive 1, whose columns are {@code _col0},
 * {@code _col1}…, by position); a column a file lacks reads as null. Partition-key values come from the partition
 * (or, for the whole table, from the {@code key=value} directories), never from the files;
 * {@code __HIVE_DEFAULT_PARTITION__} reads as null. Files and directories whose names start with {@code _} or
 * {@code .} are skipped ({@code _SUCCESS}, {@code .crc}); subdirectories are read, as Hive does with recursive input.
 */
public final class TableFiles {
    /** The directory name Hive gives to a partition whose key is null. */
    public static final String DEFAULT_PARTITION = "__HIVE_DEFAULT_PARTITION__";

    private final String tableName;
    private final StorageDescriptor storage;
    private final List<Column> columns;
    private final List<Column> partitionKeys;
    private final Map<String, String> tableParameters;
    private final List<String> names;
    private final List<TypeDescription> types;
    private final List<TypeDescription> keyTypes;

    private TableFiles(
            String tableName,
            StorageDescriptor storage,
            List<Column> partitionKeys,
            Map<String, String> tableParameters) {
        this.tableName = tableName;
        this.storage = storage;
        this.columns = storage.columns();
        this.partitionKeys = List.copyOf(partitionKeys);
        this.tableParameters = Map.copyOf(tableParameters);
        this.names =
                columns.stream().map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
        this.types = columns.stream().map(this::typeOf).toList();
        this.keyTypes = this.partitionKeys.stream().map(this::typeOf).toList();
    }

    /**
     * A table's files.
     *
     * @param tableName the table's name as the user knows it ({@code db.table}), for messages
     * @param storage the table's storage: location, input format, SerDe and its parameters, columns
     * @param partitionKeys the table's partition keys, in order (empty when not partitioned)
     * @param tableParameters the table's parameters ({@code skip.header.line.count} lives there)
     */
    public static TableFiles of(
            String tableName,
            StorageDescriptor storage,
            List<Column> partitionKeys,
            Map<String, String> tableParameters) {
        return new TableFiles(tableName, storage, partitionKeys, tableParameters);
    }

    /** A Hive table's files; an Iceberg, Hudi or Delta table or a view is refused, naming it. */
    public static TableFiles of(Table table) {
        String name = table.databaseName() + "." + table.name();
        TableFormat format = table.format();
        if (format != TableFormat.HIVE) {
            throw new UnreadableTableException("Table " + name + " is a " + format
                    + " table; only Hive tables' data files are read on this computer");
        }
        StorageDescriptor sd = table.storageDescriptor()
                .orElseThrow(() -> new UnreadableTableException("Table " + name + " has no storage descriptor"));
        return of(name, sd, table.partitionKeys(), table.parameters());
    }

    StorageDescriptor storage() {
        return storage;
    }

    public String tableName() {
        return tableName;
    }

    /** The columns of a row: the table's columns, then its partition keys. */
    public List<Column> rowColumns() {
        List<Column> all = new ArrayList<>(columns);
        all.addAll(partitionKeys);
        return List.copyOf(all);
    }

    /** The format of the table's files; an unknown format fails, naming the table, its input format and SerDe. */
    public DataFormat format() {
        return formatOf(storage);
    }

    /**
     * All rows of the table: for a partitioned table, of every {@code key=value} directory under its location. Close
     * the stream (it holds a file open).
     */
    public Stream<Object[]> rows() {
        Path root = locationOf(storage, "table " + tableName);
        List<DataFile> files = new ArrayList<>();
        for (Path f : listFiles(root)) {
            files.add(new DataFile(f, partitionKeys.isEmpty() ? new Object[0] : keyValuesFromPath(root, f)));
        }
        return stream(reader(storage), files);
    }

    /**
     * The rows of one partition, read with the partition's own storage (location, format) when it has one. Close the
     * stream.
     */
    public Stream<Object[]> rows(Partition partition) {
        StorageDescriptor sd = partitionStorage(partition);
        Object[] keys = keyValues(partition.values());
        List<DataFile> files = new ArrayList<>();
        for (Path f : listFiles(locationOf(sd, "partition " + describe(partition)))) {
            files.add(new DataFile(f, keys));
        }
        return stream(reader(sd), files);
    }

    /** The data files of the table (all partitions' for a partitioned table), hidden files left out, in path order. */
    public List<Path> files() {
        return listFiles(locationOf(storage, "table " + tableName));
    }

    /** The data files of one partition. */
    public List<Path> files(Partition partition) {
        return listFiles(locationOf(partitionStorage(partition), "partition " + describe(partition)));
    }

    FormatReader reader(StorageDescriptor sd) {
        Map<String, String> serde = sd.serDeInfo().parameters();
        return switch (formatOf(sd)) {
            case PARQUET -> new ParquetFormat();
            case ORC -> new OrcFormat();
            case AVRO -> new AvroFormat();
            case TEXT -> TextFormat.lazySimple(serde, headerLines());
            case CSV -> TextFormat.openCsv(serde, headerLines());
            case JSON -> new JsonFormat();
        };
    }

    StorageDescriptor partitionStorage(Partition partition) {
        if (partition.values().size() != partitionKeys.size()) {
            throw new UnreadableTableException("Partition " + partition.values() + " of table " + tableName + " has "
                    + partition.values().size() + " values but the table has " + partitionKeys.size()
                    + " partition keys");
        }
        StorageDescriptor sd = partition.storageDescriptor().orElse(storage);
        if (sd.location().isEmpty()) {
            throw new UnreadableTableException(
                    "Partition " + describe(partition) + " of table " + tableName + " has no location");
        }
        // A partition's descriptor may leave the format out: the table's applies.
        if (sd.inputFormat().isEmpty() && sd.serDeInfo().serializationLibrary().isEmpty()) {
            sd = sd.toBuilder()
                    .inputFormat(storage.inputFormat().orElse(null))
                    .serDeInfo(storage.serDeInfo())
                    .build();
        }
        return sd;
    }

    private int headerLines() {
        String v = tableParameters.getOrDefault(
                "skip.header.line.count", storage.serDeInfo().parameters().get("skip.header.line.count"));
        if (v == null || v.isBlank()) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(v.trim()));
        } catch (NumberFormatException e) {
            throw new UnreadableTableException(
                    "Table " + tableName + ": skip.header.line.count is not a number: '" + v + "'");
        }
    }

    private DataFormat formatOf(StorageDescriptor sd) {
        return DataFormat.of(sd)
                .orElseThrow(
                        () -> new UnreadableTableException(
                                "Table " + tableName + " cannot be read on this computer:"
                                        + " its input format "
                                        + sd.inputFormat().orElse("(none)") + " with SerDe "
                                        + sd.serDeInfo().serializationLibrary().orElse("(none)")
                                        + " is none of Parquet, ORC, Avro, text (LazySimpleSerDe), CSV (OpenCSVSerde) or JSON"));
    }

    private TypeDescription typeOf(Column c) {
        try {
            return TypeDescription.fromString(c.type().trim().toLowerCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new UnreadableTableException(
                    "Table " + tableName + ": column " + c.name() + " has a type that cannot be read: '" + c.type()
                            + "'",
                    e);
        }
    }

    private Object[] keyValues(List<String> values) {
        Object[] keys = new Object[partitionKeys.size()];
        for (int i = 0; i < keys.length; i++) {
            String v = values.get(i);
            keys[i] = v == null || v.equals(DEFAULT_PARTITION) ? null : Values.parse(v, keyTypes.get(i));
        }
        return keys;
    }

    /** Partition-key values from the {@code key=value} directories between the table's location and a file. */
    private Object[] keyValuesFromPath(Path root, Path file) {
        String[] values = new String[partitionKeys.size()];
        for (Path part : root.relativize(file.getParent())) {
            String s = part.toString();
            int eq = s.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = unescape(s.substring(0, eq));
            for (int i = 0; i < values.length; i++) {
                if (partitionKeys.get(i).name().equalsIgnoreCase(key)) {
                    values[i] = unescape(s.substring(eq + 1));
                }
            }
        }
        return keyValues(List.of(values).stream().toList());
    }

    /** Hive escapes special characters of partition directory names as {@code %XX}. */
    private static String unescape(String s) {
        return s.indexOf('%') < 0 ? s : URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private String describe(Partition p) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < Math.min(partitionKeys.size(), p.values().size()); i++) {
            parts.add(partitionKeys.get(i).name() + "=" + p.values().get(i));
        }
        return String.join("/", parts);
    }

    private Path locationOf(StorageDescriptor sd, String what) {
        String location = sd.location()
                .orElseThrow(() -> new UnreadableTableException("The " + what
                        + (what.startsWith("table") ? "" : " of table " + tableName) + " has no location"));
        Path path;
        try {
            if (location.startsWith("file:")) {
                path = Paths.get(URI.create(location.replace(" ", "%20")));
            } else if (location.matches("^[A-Za-z][A-Za-z0-9+.-]+://.*")) {
                throw new UnreadableTableException("The " + what + " is at " + location
                        + ", not on this computer: only file: locations are read here; the Spark job reads the others");
            } else {
                path = Paths.get(location);
            }
        } catch (IllegalArgumentException e) {
            throw new UnreadableTableException("The " + what + " has a location that is not a path: " + location, e);
        }
        if (!Files.isDirectory(path)) {
            throw new UnreadableTableException("The " + what + " is at " + location + ", which is not a directory");
        }
        return path;
    }

    /** The files under a directory, recursively, hidden ones ({@code _…}, {@code .…}) and their subtrees left out. */
    static List<Path> listFiles(Path dir) {
        List<Path> out = new ArrayList<>();
        collect(dir, out);
        Collections.sort(out);
        return out;
    }

    private static void collect(Path dir, List<Path> out) {
        try (Stream<Path> children = Files.list(dir)) {
            for (Path p : (Iterable<Path>) children::iterator) {
                String name = p.getFileName().toString();
                if (name.startsWith("_") || name.startsWith(".")) {
                    continue;
                }
                if (Files.isDirectory(p)) {
                    collect(p, out);
                } else if (Files.isRegularFile(p) && Files.size(p) > 0) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }

    private record DataFile(Path path, Object[] keys) {}

    private Stream<Object[]> stream(FormatReader reader, List<DataFile> files) {
        RowsOfFiles it = new RowsOfFiles(reader, files);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED), false)
                .onClose(it::close);
    }

    /** The rows of several files, one open at a time, each row with its file's partition-key values appended. */
    private final class RowsOfFiles implements Iterator<Object[]> {
        private final FormatReader reader;
        private final Iterator<DataFile> files;
        private FormatReader.RowIterator current;
        private DataFile currentFile;

        RowsOfFiles(FormatReader reader, List<DataFile> files) {
            this.reader = reader;
            this.files = files.iterator();
        }

        @Override
        public boolean hasNext() {
            try {
                while (current == null || !current.hasNext()) {
                    close();
                    if (!files.hasNext()) {
                        return false;
                    }
                    currentFile = files.next();
                    current = reader.open(currentFile.path(), names, types);
                }
                return true;
            } catch (IOException | RuntimeException | LinkageError e) {
                close();
                if (e instanceof UnreadableTableException u) {
                    throw u;
                }
                if (e instanceof LinkageError) {
                    throw new UnreadableTableException("Table " + tableName + ": " + currentFile.path()
                            + " needs a codec or feature read only by the Spark job (" + e + ")");
                }
                throw new UnreadableTableException(
                        "Table " + tableName + ": cannot read " + currentFile.path() + ": " + e.getMessage(), e);
            }
        }

        @Override
        public Object[] next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Object[] data = current.next();
            Object[] keys = currentFile.keys();
            if (keys.length == 0) {
                return data;
            }
            Object[] row = new Object[data.length + keys.length];
            System.arraycopy(data, 0, row, 0, data.length);
            System.arraycopy(keys, 0, row, data.length, keys.length);
            return row;
        }

        void close() {
            if (current != null) {
                try {
                    current.close();
                } catch (IOException e) {
                    // a file we only read: nothing was lost
                } finally {
                    current = null;
                }
            }
        }
    }
}
