package dev.lakeport.sparkjob;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code progress-<runId>.jsonl}: one record a line, appended where the file system can append (local disk, HDFS);
 * on object stores that cannot (S3, OSS) the file is written again whole each time, so a reader always finds every
 * record so far. A failure to write is logged and the run goes on: progress is a view, not the work.
 */
public final class ProgressFile {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressFile.class);

    private final FileSystem fs;
    private final Path path;
    private final List<String> lines = new ArrayList<>();
    private boolean created;
    private boolean rewrite;
    private boolean warned;

    public ProgressFile(FileSystem fs, Path path) {
        this.fs = fs;
        this.path = path;
    }

    Path path() {
        return path;
    }

    public synchronized void append(String line) {
        lines.add(line);
        try {
            if (!created || rewrite) {
                writeAll();
                created = true;
                return;
            }
            try (OutputStream out = fs.append(path)) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException | UnsupportedOperationException e) {
                LOG.debug("{} cannot append ({}); writing the file whole from now on", path, e.toString());
                rewrite = true;
                writeAll();
            }
        } catch (IOException e) {
            if (!warned) {
                warned = true;
                LOG.warn("cannot write the progress file {}: {}; the job goes on", path, e.toString());
            }
        }
    }

    private void writeAll() throws IOException {
        try (OutputStream out = fs.create(path, true)) {
            for (String l : lines) {
                out.write((l + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
    }
}
