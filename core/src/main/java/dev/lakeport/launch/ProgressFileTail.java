package dev.lakeport.launch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the lines a job appends to its {@code progress-<runId>.jsonl}: each call returns the complete lines added
 * since the last one (a line still being written waits for its newline). A file that shrank was rewritten (a store
 * that cannot append rewrites it whole): it is read again from the start, skipping the lines already returned.
 */
final class ProgressFileTail {
    private static final int MAX_READ = 4 * 1024 * 1024;

    private final Path file;
    private long offset;
    private long returned;
    private long skip;

    ProgressFileTail(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** The new complete lines, oldest first; empty while the file does not exist. */
    List<String> poll() throws IOException {
        List<String> lines = new ArrayList<>();
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            return lines;
        }
        if (size < offset) {
            offset = 0;
            skip = returned;
            returned = 0;
        }
        while (offset < size) {
            int length = (int) Math.min(MAX_READ, size - offset);
            ByteBuffer buffer = ByteBuffer.allocate(length);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                channel.position(offset);
                while (buffer.hasRemaining() && channel.read(buffer) > 0) {}
            }
            byte[] bytes = buffer.array();
            int end = buffer.position();
            int last = -1;
            for (int i = end - 1; i >= 0; i--) {
                if (bytes[i] == '\n') {
                    last = i;
                    break;
                }
            }
            if (last < 0) {
                break;
            }
            int start = 0;
            for (int i = 0; i <= last; i++) {
                if (bytes[i] == '\n') {
                    String line = new String(bytes, start, i - start, StandardCharsets.UTF_8).strip();
                    start = i + 1;
                    if (line.isEmpty()) {
                        continue;
                    }
                    returned++;
                    if (skip > 0) {
                        skip--;
                    } else {
                        lines.add(line);
                    }
                }
            }
            offset += last + 1;
        }
        return lines;
    }
}
