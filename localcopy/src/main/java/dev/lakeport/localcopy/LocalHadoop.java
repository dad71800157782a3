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

    /**
     * ORC's choices of codec implementations: its Java ZSTD and aircompressor's Snappy rather than zstd-jni and
     * snappy-java, whose native libraries the package leaves out (9 MB for every platform).
     */
    static final java.util.Map<String, String> ORC_CODEC_IMPLEMENTATIONS =
            java.util.Map.of("orc.compression.zstd.impl", "java", "orc.compress.snappy.impl", "aircompressor");

    static {
        // Read when ORC's writer class initialises, which its reader loads too: without the ZSTD one ORC links
        // zstd-jni even for files in other codecs. A value the user set is kept.
        ORC_CODEC_IMPLEMENTATIONS.forEach((key, value) -> {
            if (System.getProperty(key) == null) {
                System.setProperty(key, value);
            }
        });
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
