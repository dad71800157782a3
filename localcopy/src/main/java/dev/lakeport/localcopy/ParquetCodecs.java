package dev.lakeport.localcopy;

import io.airlift.compress.Decompressor;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Parquet's decompression in pure Java: Snappy, ZSTD and LZ4 (raw) by aircompressor, gzip by the JDK. Parquet's own
 * codecs go through Hadoop's codec classes and native libraries (snappy-java, zstd-jni: 9 MB for every platform);
 * these need neither. LZO, Brotli and Hadoop-framed LZ4 pages fail with a message saying so.
 */
final class ParquetCodecs implements CompressionCodecFactory {
    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        throw new UnsupportedOperationException("Parquet files are only read here");
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return switch (codec) {
            case UNCOMPRESSED -> new Pages(codec, null);
            case SNAPPY -> new Pages(codec, new SnappyDecompressor());
            case ZSTD -> new Pages(codec, new ZstdDecompressor());
            case LZ4_RAW -> new Pages(codec, new Lz4Decompressor());
            case GZIP -> new Pages(codec, null);
            default -> new Pages(codec, null) {
                @Override
                byte[] decompress(byte[] in, int uncompressedSize) throws IOException {
                    throw new IOException("Parquet pages compressed with " + codec
                            + " are read only by the Spark job (read here: Snappy, ZSTD, gzip, LZ4_RAW, none)");
                }
            };
        };
    }

    @Override
    public void release() {}

    private static class Pages implements BytesInputDecompressor {
        private final CompressionCodecName codec;
        private final Decompressor decompressor;

        Pages(CompressionCodecName codec, Decompressor decompressor) {
            this.codec = codec;
            this.decompressor = decompressor;
        }

        byte[] decompress(byte[] in, int uncompressedSize) throws IOException {
            if (codec == CompressionCodecName.UNCOMPRESSED) {
                return in;
            }
            byte[] out = new byte[uncompressedSize];
            if (codec == CompressionCodecName.GZIP) {
                try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(in))) {
                    int n = gz.readNBytes(out, 0, uncompressedSize);
                    if (n != uncompressedSize) {
                        throw new IOException("A gzip Parquet page holds " + n + " bytes, not " + uncompressedSize);
                    }
                }
                return out;
            }
            int n;
            try {
                n = decompressor.decompress(in, 0, in.length, out, 0, uncompressedSize);
            } catch (RuntimeException e) {
                throw new IOException("A " + codec + " Parquet page cannot be decompressed: " + e.getMessage(), e);
            }
            if (n != uncompressedSize) {
                throw new IOException("A " + codec + " Parquet page holds " + n + " bytes, not " + uncompressedSize);
            }
            return out;
        }

        @Override
        public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
            return BytesInput.from(decompress(bytes.toByteArray(), uncompressedSize));
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                throws IOException {
            byte[] in = new byte[compressedSize];
            input.duplicate().get(in);
            output.put(decompress(in, uncompressedSize));
            output.flip();
        }

        @Override
        public void release() {}
    }
}
