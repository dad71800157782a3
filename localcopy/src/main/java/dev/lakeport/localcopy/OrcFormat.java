package dev.lakeport.localcopy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DecimalColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ListColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.MapColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.StructColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.TimestampColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.UnionColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.orc.OrcFile;
import org.apache.orc.Reader;
import org.apache.orc.RecordReader;
import org.apache.orc.TypeDescription;

/**
 * ORC through orc-core's reader, batch by batch, on Hadoop's local file system (no Hadoop cluster, no Hadoop client:
 * only hadoop-common's classes). Timestamps are read with ORC's UTC option, so that the wall clock written is the one
 * read whatever this computer's time zone. Counts come from the file footer.
 */
final class OrcFormat implements FormatReader {
    @Override
    public long count(Path file) throws IOException {
        try (Reader reader = open(file)) {
            return reader.getNumberOfRows();
        }
    }

    @Override
    public RowIterator open(Path file, List<String> names, List<TypeDescription> types) throws IOException {
        Reader reader = open(file);
        TypeDescription schema = reader.getSchema();
        int[] fieldOf = new int[names.size()];
        List<String> fileNames =
                schema.getCategory() == TypeDescription.Category.STRUCT ? schema.getFieldNames() : List.of();
        // Hive 1 wrote _col0, _col1…: columns by position then.
        boolean positional = !fileNames.isEmpty() && fileNames.stream().allMatch(n -> n.matches("_col\\d+"));
        for (int i = 0; i < fieldOf.length; i++) {
            fieldOf[i] = positional ? (i < fileNames.size() ? i : -1) : indexOfIgnoreCase(fileNames, names.get(i));
        }
        RecordReader rows = reader.rows(reader.options().useSelected(false));
        VectorizedRowBatch batch = schema.createRowBatch();
        return new RowIterator() {
            private int row;

            @Override
            public boolean hasNext() {
                try {
                    while (row >= batch.size) {
                        if (!rows.nextBatch(batch)) {
                            return false;
                        }
                        row = 0;
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
                Object[] out = new Object[fieldOf.length];
                for (int i = 0; i < out.length; i++) {
                    if (fieldOf[i] >= 0) {
                        out[i] = value(
                                batch.cols[fieldOf[i]], schema.getChildren().get(fieldOf[i]), row, types.get(i));
                    }
                }
                row++;
                return out;
            }

            @Override
            public void close() throws IOException {
                try {
                    rows.close();
                } finally {
                    reader.close();
                }
            }
        };
    }

    private static Reader open(Path file) throws IOException {
        return OrcFile.createReader(
                new org.apache.hadoop.fs.Path(file.toUri()),
                OrcFile.readerOptions(LocalHadoop.configuration())
                        .filesystem(LocalHadoop.fileSystem())
                        .useUTCTimestamp(true));
    }

    private static int indexOfIgnoreCase(List<String> names, String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private static Object value(ColumnVector v, TypeDescription fileType, int row, TypeDescription hive) {
        int r = v.isRepeating ? 0 : row;
        if (!v.noNulls && v.isNull[r]) {
            return null;
        }
        Object natural =
                switch (fileType.getCategory()) {
                    case BOOLEAN -> ((LongColumnVector) v).vector[r] != 0;
                    case BYTE, SHORT, INT, LONG -> ((LongColumnVector) v).vector[r];
                    case DATE -> LocalDate.ofEpochDay(((LongColumnVector) v).vector[r]);
                    case FLOAT -> (float) ((DoubleColumnVector) v).vector[r];
                    case DOUBLE -> ((DoubleColumnVector) v).vector[r];
                    case DECIMAL -> ((DecimalColumnVector) v)
                            .vector[r]
                            .getHiveDecimal()
                            .bigDecimalValue();
                    case STRING, VARCHAR, CHAR -> {
                        BytesColumnVector b = (BytesColumnVector) v;
                        yield new String(b.vector[r], b.start[r], b.length[r], StandardCharsets.UTF_8);
                    }
                    case BINARY -> {
                        BytesColumnVector b = (BytesColumnVector) v;
                        yield Arrays.copyOfRange(b.vector[r], b.start[r], b.start[r] + b.length[r]);
                    }
                    case TIMESTAMP, TIMESTAMP_INSTANT -> {
                        TimestampColumnVector t = (TimestampColumnVector) v;
                        LocalDateTime wall = LocalDateTime.ofEpochSecond(
                                Math.floorDiv(t.time[r], 1000L), t.nanos[r], ZoneOffset.UTC);
                        yield fileType.getCategory() == TypeDescription.Category.TIMESTAMP_INSTANT
                                ? wall.toInstant(ZoneOffset.UTC)
                                : wall;
                    }
                    case LIST -> {
                        if (hive.getCategory() != TypeDescription.Category.LIST) {
                            yield null;
                        }
                        ListColumnVector l = (ListColumnVector) v;
                        List<Object> list = new ArrayList<>((int) l.lengths[r]);
                        for (long i = l.offsets[r]; i < l.offsets[r] + l.lengths[r]; i++) {
                            list.add(value(
                                    l.child,
                                    fileType.getChildren().get(0),
                                    (int) i,
                                    hive.getChildren().get(0)));
                        }
                        yield list;
                    }
                    case MAP -> {
                        if (hive.getCategory() != TypeDescription.Category.MAP) {
                            yield null;
                        }
                        MapColumnVector m = (MapColumnVector) v;
                        Map<Object, Object> map = new LinkedHashMap<>();
                        for (long i = m.offsets[r]; i < m.offsets[r] + m.lengths[r]; i++) {
                            map.put(
                                    value(
                                            m.keys,
                                            fileType.getChildren().get(0),
                                            (int) i,
                                            hive.getChildren().get(0)),
                                    value(
                                            m.values,
                                            fileType.getChildren().get(1),
                                            (int) i,
                                            hive.getChildren().get(1)));
                        }
                        yield map;
                    }
                    case STRUCT -> {
                        if (hive.getCategory() != TypeDescription.Category.STRUCT) {
                            yield null;
                        }
                        StructColumnVector s = (StructColumnVector) v;
                        Map<String, Object> struct = new LinkedHashMap<>();
                        List<String> names = hive.getFieldNames();
                        for (int i = 0; i < names.size(); i++) {
                            int f = indexOfIgnoreCase(fileType.getFieldNames(), names.get(i));
                            struct.put(
                                    names.get(i),
                                    f < 0
                                            ? null
                                            : value(
                                                    s.fields[f],
                                                    fileType.getChildren().get(f),
                                                    r,
                                                    hive.getChildren().get(i)));
                        }
                        yield struct;
                    }
                    case UNION -> {
                        UnionColumnVector u = (UnionColumnVector) v;
                        int tag = u.tags[r];
                        TypeDescription member = fileType.getChildren().get(tag);
                        TypeDescription target = hive.getCategory() == TypeDescription.Category.UNION
                                        && tag < hive.getChildren().size()
                                ? hive.getChildren().get(tag)
                                : hive;
                        yield value(u.fields[tag], member, r, target);
                    }
                    default -> null;
                };
        return isComplex(hive) ? natural : Values.coerce(natural, hive);
    }

    private static boolean isComplex(TypeDescription t) {
        return switch (t.getCategory()) {
            case LIST, MAP, STRUCT, UNION -> true;
            default -> false;
        };
    }
}
