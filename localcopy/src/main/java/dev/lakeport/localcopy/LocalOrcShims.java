package dev.lakeport.localcopy;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.security.Key;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.orc.impl.HadoopShims;
import org.apache.orc.impl.KeyProvider;
import org.apache.orc.impl.LocalKey;

/**
 * ORC's bridge to Hadoop for local files. ORC's own ({@code HadoopShimsCurrent}) links against the HDFS client (to end
 * a block on HDFS), which a reader of local files does not need and which would add megabytes to the package; this
 * one offers what a local read uses: no direct (native) decompressors and no zero-copy reads (ORC then decompresses
 * on the heap with its own codecs, its default anyway), and no column encryption keys. It is installed before ORC
 * first asks for its shims.
 */
final class LocalOrcShims implements HadoopShims {
    private LocalOrcShims() {}

    /** Installs these shims unless ORC already chose its own (then ORC's are used, as in a Hadoop application). */
    static void install() {
        try {
            Class<?> factory = Class.forName("org.apache.orc.impl.HadoopShimsFactory");
            Field shims = factory.getDeclaredField("SHIMS");
            shims.setAccessible(true);
            synchronized (factory) {
                if (shims.get(null) == null) {
                    shims.set(null, new LocalOrcShims());
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("Cannot prepare ORC's reader for local files: " + e, e);
        }
    }

    @Override
    public DirectDecompressor getDirectDecompressor(DirectCompressionType codec) {
        return null;
    }

    @Override
    public ZeroCopyReaderShim getZeroCopyReader(FSDataInputStream in, ByteBufferPoolShim pool) {
        return null;
    }

    @Override
    public boolean endVariableLengthBlock(OutputStream output) {
        return false;
    }

    @Override
    public KeyProvider getHadoopKeyProvider(Configuration conf, Random random) {
        return new KeyProvider() {
            @Override
            public List<String> getKeyNames() {
                return List.of();
            }

            @Override
            public KeyMetadata getCurrentKeyVersion(String keyName) {
                return null;
            }

            @Override
            public LocalKey createLocalKey(KeyMetadata key) throws IOException {
                throw new IOException("Encrypted ORC columns are read only by the Spark job");
            }

            @Override
            public Key decryptLocalKey(KeyMetadata key, byte[] encryptedKey) {
                return null;
            }

            @Override
            public KeyProviderKind getKind() {
                return KeyProviderKind.UNKNOWN;
            }
        };
    }
}
