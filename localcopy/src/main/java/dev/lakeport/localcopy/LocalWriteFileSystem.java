package dev.lakeport.localcopy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Paths;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * The local file system for ORC's writer, creating files with the JVM's own I/O: Hadoop's local file system sets each
 * new file's permissions afterwards, which without Hadoop's native library forks a {@code chmod} per file (most of the
 * time a small file takes to write).
 */
final class LocalWriteFileSystem extends RawLocalFileSystem {
    private static volatile LocalWriteFileSystem instance;

    private LocalWriteFileSystem() {}

    static LocalWriteFileSystem get() {
        LocalWriteFileSystem local = instance;
        if (local == null) {
            synchronized (LocalWriteFileSystem.class) {
                local = instance;
                if (local == null) {
                    local = new LocalWriteFileSystem();
                    try {
                        local.initialize(URI.create("file:///"), LocalHadoop.configuration());
                    } catch (IOException e) {
                        throw new UncheckedIOException("Cannot open the local file system", e);
                    }
                    instance = local;
                }
            }
        }
        return local;
    }

    @Override
    public FSDataOutputStream create(
            Path f,
            FsPermission permission,
            boolean overwrite,
            int bufferSize,
            short replication,
            long blockSize,
            Progressable progress)
            throws IOException {
        return create(f, overwrite, bufferSize, replication, blockSize, progress);
    }

    @Override
    public FSDataOutputStream create(
            Path f, boolean overwrite, int bufferSize, short replication, long blockSize, Progressable progress)
            throws IOException {
        java.nio.file.Path file = Paths.get(pathToFile(f).toURI());
        if (!overwrite && Files.exists(file)) {
            throw new org.apache.hadoop.fs.FileAlreadyExistsException("File already exists: " + f);
        }
        Files.createDirectories(file.getParent());
        return new FSDataOutputStream(
                new java.io.BufferedOutputStream(Files.newOutputStream(file), Math.max(bufferSize, 8192)), statistics);
    }
}
