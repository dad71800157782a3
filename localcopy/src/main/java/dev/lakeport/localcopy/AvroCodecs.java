package dev.lakeport.localcopy;

import io.airlift.compress.snappy.SnappyCompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.airlift.compress.zstd.ZstdInputStream;
import io.airlift.compress.zstd.ZstdOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import org.apache.avro.file.Codec;
import org.apache.avro.file.CodecFactory;

/**
 * Avro's {@code snappy} and {@code zstandard} block codecs in pure Java (aircompressor), registered with Avro only
 * where its own are unusable because snappy-java or zstd-jni is absent, as in the package, which leaves those native
 * libraries out. Snappy blocks are followed by the CRC-32 of the uncompressed data, as Avro writes them.
 */
final class AvroCodecs {
    private AvroCodecs() {}

    static void registerWhereMissing() {
        if (!present("org.xerial.snappy.Snappy")) {
            CodecFactory.addCodec("snappy", factory(new SnappyJava()));
        }
        if (!present("com.github.luben.zstd.Zstd")) {
            CodecFactory.addCodec("zstandard", factory(new ZstdJava()));
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, AvroCodecs.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static CodecFactory factory(Codec codec) {
        return new CodecFactory() {
            @Override
            protected Codec createInstance() {
                return codec;
            }
        };
    }

    private static byte[] bytes(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }

    /** Avro's snappy: a raw Snappy block, then the big-endian CRC-32 of the uncompressed bytes. */
    static final class SnappyJava extends Codec {
        @Override
        public String getName() {
            return "snappy";
        }

        @Override
        public ByteBuffer compress(ByteBuffer data) {
            byte[] in = bytes(data);
            SnappyCompressor compressor = new SnappyCompressor();
            byte[] out = new byte[compressor.maxCompressedLength(in.length) + 4];
            int n = compressor.compress(in, 0, in.length, out, 0, out.length - 4);
            CRC32 crc = new CRC32();
            crc.update(in);
            ByteBuffer.wrap(out, n, 4).putInt((int) crc.getValue());
            return ByteBuffer.wrap(out, 0, n + 4);
        }

        @Override
        public ByteBuffer decompress(ByteBuffer data) throws IOException {
            byte[] in = bytes(data);
            if (in.length < 4) {
                throw new IOException("An Avro snappy block of " + in.length + " bytes has no checksum");
            }
            int length = SnappyDecompressor.getUncompressedLength(in, 0);
            byte[] out = new byte[length];
            int n = new SnappyDecompressor().decompress(in, 0, in.length - 4, out, 0, length);
            CRC32 crc = new CRC32();
            crc.update(out, 0, n);
            if ((int) crc.getValue() != ByteBuffer.wrap(in, in.length - 4, 4).getInt()) {
                throw new IOException("An Avro snappy block fails its checksum");
            }
            return ByteBuffer.wrap(out, 0, n);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SnappyJava;
        }

        @Override
        public int hashCode() {
            return getName().hashCode();
        }
    }

    /** Avro's zstandard: one Zstandard frame per block. */
    static final class ZstdJava extends Codec {
        @Override
        public String getName() {
            return "zstandard";
        }

        @Override
        public ByteBuffer compress(ByteBuffer data) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (OutputStream z = new ZstdOutputStream(out)) {
                z.write(bytes(data));
            }
            return ByteBuffer.wrap(out.toByteArray());
        }

        @Override
        public ByteBuffer decompress(ByteBuffer data) throws IOException {
            try (InputStream z = new ZstdInputStream(new ByteArrayInputStream(bytes(data)))) {
                return ByteBuffer.wrap(z.readAllBytes());
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ZstdJava;
        }

        @Override
        public int hashCode() {
            return getName().hashCode();
        }
    }
}
