package dev.lakeport.emulator.hive;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * A file system for object-store schemes ({@code s3://}, {@code oss://}, ...) that holds no data: every path is an
 * empty directory. The metastore checks and creates a table's or partition's location when it is registered; a local
 * metastore that only keeps metadata must not need cloud credentials for that.
 */
public final class MetadataOnlyFileSystem extends FileSystem {
    private URI uri;
    private Path workingDirectory = new Path("/");

    @Override
    public void initialize(URI name, org.apache.hadoop.conf.Configuration conf) throws IOException {
        super.initialize(name, conf);
        this.uri = URI.create(name.getScheme() + "://" + (name.getAuthority() == null ? "" : name.getAuthority()));
    }

    @Override
    public String getScheme() {
        return uri == null ? "s3" : uri.getScheme();
    }

    @Override
    public URI getUri() {
        return uri;
    }

    @Override
    public FSDataInputStream open(Path f, int bufferSize) throws IOException {
        throw new FileNotFoundException("metadata only, no data: " + f);
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
        throw new IOException("metadata only, no data can be written: " + f);
    }

    @Override
    public FSDataOutputStream append(Path f, int bufferSize, Progressable progress) throws IOException {
        throw new IOException("metadata only, no data can be written: " + f);
    }

    @Override
    public boolean rename(Path src, Path dst) {
        return true;
    }

    @Override
    public boolean delete(Path f, boolean recursive) {
        return true;
    }

    @Override
    public FileStatus[] listStatus(Path f) {
        return new FileStatus[0];
    }

    @Override
    public void setWorkingDirectory(Path newDir) {
        workingDirectory = newDir;
    }

    @Override
    public Path getWorkingDirectory() {
        return workingDirectory;
    }

    @Override
    public boolean mkdirs(Path f, FsPermission permission) {
        return true;
    }

    @Override
    public FileStatus getFileStatus(Path f) {
        return new FileStatus(0, true, 1, 0, 0, makeQualified(f));
    }
}
