package dev.lakeport.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressFileTailTest {
    @TempDir
    Path dir;

    private void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void newCompleteLinesOnlyEachOnceAndARewrittenFileIsNotReadTwice() throws IOException {
        Path file = dir.resolve("progress-r1.jsonl");
        ProgressFileTail tail = new ProgressFileTail(file);
        assertThat(tail.poll()).as("no file yet").isEmpty();

        append(file, "one\ntwo\nthr");
        assertThat(tail.poll()).containsExactly("one", "two");
        assertThat(tail.poll()).isEmpty();
        append(file, "ee\n\nfour\n");
        assertThat(tail.poll()).containsExactly("three", "four");

        // A store that cannot append rewrites the whole file, here shorter than before (fewer bytes per line).
        Files.writeString(file, "1\n2\n3\n4\n5\n");
        assertThat(tail.poll()).containsExactly("5");
    }
}
