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

    static {
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
