package dev.lakeport.localcopy;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.orc.TypeDescription;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.bytes.ByteBufferAllocator;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.crypto.FileDecryptionProperties;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetMetricsCallback;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Parquet through parquet-java's own reader on a local file ({@link LocalInputFile}), record by record with its
 * example {@link Group} model. Counts come from the row groups' row counts in the footer.
 */
final class ParquetFormat implements FormatReader {
    private static final long NANOS_PER_DAY = 86_400_000_000_000L;
    /** The Julian day of 1970-01-01, for INT96 timestamps. */
    private static final long JULIAN_EPOCH_DAY = 2_440_588L;

    @Override
    public long count(Path file) throws IOException {
        try (ParquetFileReader reader = open(file)) {
            long n = 0;
            for (BlockMetaData block : reader.getFooter().getBlocks()) {
                n += block.getRowCount();
            }
            return n;
        }
    }

    @Override
    public RowIterator open(Path file, List<String> names, List<TypeDescription> types) throws IOException {
        ParquetFileReader reader = open(file);
        MessageType schema = reader.getFooter().getFileMetaData().getSchema();
        int[] fieldOf = new int[names.size()];
        for (int i = 0; i < fieldOf.length; i++) {
            fieldOf[i] = fieldIndex(schema, names.get(i));
        }
        ColumnIOFactory io = new ColumnIOFactory();
        return new RowIterator() {
            private RecordReader<Group> records;
            private long left;

            @Override
            public boolean hasNext() {
                try {
                    while (left == 0) {
                        PageReadStore pages = reader.readNextRowGroup();
                        if (pages == null) {
                            return false;
                        }
                        left = pages.getRowCount();
                        records = io.getColumnIO(schema).getRecordReader(pages, new GroupRecordConverter(schema));
                    }
                    return true;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }

            @Override
            public Object[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Group g = records.read();
                left--;
                Object[] row = new Object[fieldOf.length];
                for (int i = 0; i < row.length; i++) {
                    if (fieldOf[i] >= 0) {
                        row[i] = field(g, fieldOf[i], types.get(i));
                    }
                }
                return row;
            }

            @Override
            public void close() throws IOException {
                reader.close();
            }
        };
    }

    private static ParquetFileReader open(Path file) throws IOException {
        return ParquetFileReader.open(new LocalInputFile(file), OPTIONS);
    }

    /**
     * Parquet's read options with its defaults, for a file read whole. Made with the options' own constructor: its
     * builder reads a record filter through {@code ParquetInputFormat}, a Hadoop MapReduce class (another 1.7 MB of
     * Hadoop, for a filter a full read never sets).
     */
    private static final ParquetReadOptions OPTIONS = readOptions();

    private static ParquetReadOptions readOptions() {
        PlainParquetConfiguration conf = new PlainParquetConfiguration();
        try {
            Constructor<ParquetReadOptions> c = ParquetReadOptions.class.getDeclaredConstructor(
                    boolean.class,
                    boolean.class,
                    boolean.class,
                    boolean.class,
                    boolean.class,
                    boolean.class,
                    boolean.class,
                    boolean.class,
                    boolean.class,
                    FilterCompat.Filter.class,
                    ParquetMetadataConverter.MetadataFilter.class,
                    CompressionCodecFactory.class,
                    ByteBufferAllocator.class,
                    int.class,
                    Map.class,
                    FileDecryptionProperties.class,
                    ParquetMetricsCallback.class,
                    ParquetConfiguration.class);
            c.setAccessible(true);
            return c.newInstance(
                    false, // useSignedStringMinMax
                    true, // useStatsFilter
                    true, // useDictionaryFilter
                    true, // useRecordFilter
                    true, // useColumnIndexFilter
                    false, // usePageChecksumVerification
                    true, // useBloomFilter
                    false, // useOffHeapDecryptBuffer
                    false, // useHadoopVectoredIo
                    FilterCompat.NOOP,
                    ParquetMetadataConverter.NO_FILTER,
                    new ParquetCodecs(),
                    new HeapByteBufferAllocator(),
                    8 * 1024 * 1024,
                    Map.<String, String>of(),
                    null,
                    null,
                    conf);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("This Parquet version's read options cannot be made: " + e, e);
        }
    }

    private static int fieldIndex(GroupType group, String name) {
        for (int i = 0; i < group.getFieldCount(); i++) {
            if (group.getFieldName(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The value of a field of a group (null when absent), as the Hive type wants it. */
    private static Object field(Group g, int index, TypeDescription hive) {
        if (g.getFieldRepetitionCount(index) == 0) {
            return null;
        }
        Type type = g.getType().getType(index);
        if (type.isPrimitive()) {
            if (type.isRepetition(Type.Repetition.REPEATED)) {
                // A bare repeated primitive: a list in the oldest layout.
                List<Object> list = new ArrayList<>();
                for (int i = 0; i < g.getFieldRepetitionCount(index); i++) {
                    list.add(primitive(g, index, i, type.asPrimitiveType(), element(hive)));
                }
                return list;
            }
            return primitive(g, index, 0, type.asPrimitiveType(), hive);
        }
        return group(g.getGroup(index, 0), type.asGroupType(), hive);
    }

    private static TypeDescription element(TypeDescription hive) {
        return hive.getCategory() == TypeDescription.Category.LIST
                ? hive.getChildren().get(0)
                : hive;
    }

    private static Object group(Group g, GroupType type, TypeDescription hive) {
        switch (hive.getCategory()) {
            case LIST -> {
                TypeDescription elementType = hive.getChildren().get(0);
                List<Object> list = new ArrayList<>();
                if (type.getFieldCount() != 1) {
                    return null;
                }
                Type repeated = type.getType(0);
                int n = g.getFieldRepetitionCount(0);
                for (int i = 0; i < n; i++) {
                    if (repeated.isPrimitive()) {
                        list.add(primitive(g, 0, i, repeated.asPrimitiveType(), elementType));
                    } else {
                        Group r = g.getGroup(0, i);
                        GroupType rt = repeated.asGroupType();
                        // Parquet's rules for old files: a repeated group with several fields, or named "array" or
                        // "<list>_tuple", is the element itself; otherwise it wraps the element (three levels).
                        boolean threeLevel = rt.getFieldCount() == 1
                                && !rt.getName().equals("array")
                                && !rt.getName().equals(type.getName() + "_tuple");
                        list.add(threeLevel ? field(r, 0, elementType) : group(r, rt, elementType));
                    }
                }
                return list;
            }
            case MAP -> {
                TypeDescription keyType = hive.getChildren().get(0);
                TypeDescription valueType = hive.getChildren().get(1);
                Map<Object, Object> map = new LinkedHashMap<>();
                if (type.getFieldCount() != 1 || type.getType(0).isPrimitive()) {
                    return null;
                }
                int n = g.getFieldRepetitionCount(0);
                for (int i = 0; i < n; i++) {
                    Group kv = g.getGroup(0, i);
                    GroupType kvType = type.getType(0).asGroupType();
                    Object key = field(kv, 0, keyType);
                    Object value = kvType.getFieldCount() > 1 ? field(kv, 1, valueType) : null;
                    map.put(key, value);
                }
                return map;
            }
            case STRUCT -> {
                Map<String, Object> struct = new LinkedHashMap<>();
                List<String> names = hive.getFieldNames();
                for (int i = 0; i < names.size(); i++) {
                    int f = fieldIndex(type, names.get(i));
                    struct.put(
                            names.get(i),
                            f < 0 ? null : field(g, f, hive.getChildren().get(i)));
                }
                return struct;
            }
            default -> {
                // A group where the table has a primitive: Hive cannot read it either.
                return null;
            }
        }
    }

    private static Object primitive(Group g, int field, int index, PrimitiveType type, TypeDescription hive) {
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        Object natural =
                switch (type.getPrimitiveTypeName()) {
                    case BOOLEAN -> g.getBoolean(field, index);
                    case INT32 -> {
                        int v = g.getInteger(field, index);
                        if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
                            yield BigDecimal.valueOf(v, d.getScale());
                        }
                        if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                            yield LocalDate.ofEpochDay(v);
                        }
                        if (logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && !i.isSigned()) {
                            yield Integer.toUnsignedLong(v);
                        }
                        yield v;
                    }
                    case INT64 -> {
                        long v = g.getLong(field, index);
                        if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
                            yield BigDecimal.valueOf(v, d.getScale());
                        }
                        if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation t) {
                            LocalDateTime utc =
                                    switch (t.getUnit()) {
                                        case MILLIS -> LocalDateTime.ofInstant(Instant.ofEpochMilli(v), ZoneOffset.UTC);
                                        case MICROS -> LocalDateTime.ofEpochSecond(
                                                Math.floorDiv(v, 1_000_000L),
                                                (int) Math.floorMod(v, 1_000_000L) * 1000,
                                                ZoneOffset.UTC);
                                        case NANOS -> LocalDateTime.ofEpochSecond(
                                                Math.floorDiv(v, 1_000_000_000L),
                                                (int) Math.floorMod(v, 1_000_000_000L),
                                                ZoneOffset.UTC);
                                    };
                            yield t.isAdjustedToUTC() ? utc.toInstant(ZoneOffset.UTC) : utc;
                        }
                        if (logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i
                                && !i.isSigned()
                                && v < 0) {
                            yield new BigInteger(Long.toUnsignedString(v));
                        }
                        yield v;
                    }
                    case INT96 -> int96(g.getInt96(field, index));
                    case FLOAT -> g.getFloat(field, index);
                    case DOUBLE -> g.getDouble(field, index);
                    case BINARY, FIXED_LEN_BYTE_ARRAY -> {
                        Binary b = g.getBinary(field, index);
                        if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
                            yield new BigDecimal(new BigInteger(b.getBytes()), d.getScale());
                        }
                        if (hive.getCategory() == TypeDescription.Category.BINARY) {
                            yield b.getBytes();
                        }
                        yield b.toStringUsingUTF8();
                    }
                };
        return Values.coerce(natural, hive);
    }

    /** INT96: nanoseconds of the day (little-endian long), then the Julian day (int); an instant, in UTC. */
    private static Instant int96(Binary b) {
        ByteBuffer buf = b.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long nanosOfDay = buf.getLong();
        int julianDay = buf.getInt();
        long nanos = (julianDay - JULIAN_EPOCH_DAY) * NANOS_PER_DAY + nanosOfDay;
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
}
