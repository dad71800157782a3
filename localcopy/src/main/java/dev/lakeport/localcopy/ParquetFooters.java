package dev.lakeport.localcopy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.PageEncodingStats;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;

/**
 * Makes a Parquet file's footer the same in every JVM: parquet-mr lists a column chunk's encodings from a
 * {@code HashSet} of enum constants, whose order follows identity hash codes and so changes from one JVM to the next.
 * The lists are sorted in place; the footer keeps its length, so nothing else in the file moves.
 */
final class ParquetFooters {
    private static final byte[] MAGIC = {'P', 'A', 'R', '1'};

    private ParquetFooters() {}

    static void sortEncodings(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            ByteBuffer tail = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(tail, size - 8);
            tail.flip();
            int length = tail.getInt();
            byte[] magic = new byte[4];
            tail.get(magic);
            if (!java.util.Arrays.equals(magic, MAGIC) || length <= 0 || length > size - 12) {
                throw new IOException(file + " is not a Parquet file with a plain footer");
            }
            ByteBuffer footer = ByteBuffer.allocate(length);
            ch.read(footer, size - 8 - length);
            FileMetaData meta = Util.readFileMetaData(new ByteArrayInputStream(footer.array()));
            for (RowGroup group : meta.getRow_groups()) {
                for (ColumnChunk chunk : group.getColumns()) {
                    var column = chunk.getMeta_data();
                    List<Encoding> encodings = new ArrayList<>(column.getEncodings());
                    encodings.sort(Comparator.comparingInt(Encoding::getValue));
                    column.setEncodings(encodings);
                    if (column.isSetEncoding_stats()) {
                        List<PageEncodingStats> stats = new ArrayList<>(column.getEncoding_stats());
                        stats.sort(Comparator.comparingInt((PageEncodingStats s) ->
                                        s.getPage_type().getValue())
                                .thenComparingInt(s -> s.getEncoding().getValue()));
                        column.setEncoding_stats(stats);
                    }
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(length);
            Util.writeFileMetaData(meta, out);
            if (out.size() != length) {
                throw new IOException("The footer of " + file + " changed length when its encodings were sorted");
            }
            ch.write(ByteBuffer.wrap(out.toByteArray()), size - 8 - length);
        }
    }
}
