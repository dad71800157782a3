package dev.lakeport.localcopy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The little of Hadoop that ORC's reader is written against: an empty configuration (no XML resources loaded) and the
 * local file system, made directly rather than through {@code FileSystem.get}, which would log in a Hadoop user and
 * start Hadoop's metrics.
 */
final class LocalHadoop {
    private static final Configuration CONF;

    /** ORC's choice of ZSTD implementation: aircompressor's, in Java, rather than zstd-jni's natives. */
    static final String ORC_ZSTD_IMPL = "orc.compression.zstd.impl";

    static {
        // Read by ORC's writer class, which its reader loads too: without it ORC links zstd-jni (7 MB of natives) even
        // for files in other codecs. A value the user set is kept.
        if (System.getProperty(ORC_ZSTD_IMPL) == null) {
            System.setProperty(ORC_ZSTD_IMPL, "java");
        }
        LocalOrcShims.install();
        CONF = new Configuration(false);
    }

    private static volatile FileSystem fs;

    private LocalHadoop() {}

    static Configuration configuration() {
        return CONF;
    }

    static FileSystem fileSystem() {
        FileSystem local = fs;
        if (local == null) {
            synchronized (LocalHadoop.class) {
                local = fs;
                if (local == null) {
                    RawLocalFileSystem raw = new RawLocalFileSystem();
                    try {
                        raw.initialize(URI.create("file:///"), CONF);
                    } catch (IOException e) {
                        throw new UncheckedIOException("Cannot open the local file system", e);
                    }
                    fs = local = raw;
                }
            }
        }
        return local;
    }
}
