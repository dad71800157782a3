package dev.lakeport.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeport.model.Database;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotFileTest {
    @TempDir
    Path dir;

    @Test
    void aProjectFileKeepsItsSnapshotAcrossReopeningAndIsCompactedOnClose() throws IOException {
        Path file = dir.resolve("project.mv.db");
        try (SnapshotStore store = SnapshotStore.open(file)) {
            TestingLoader.load(
                    store,
                    Side.DESTINATION,
                    TestingLoader.Catalog.sample(2, 3_000),
                    UnaryOperator.identity(),
                    Long.MAX_VALUE);
        }
        long compacted = Files.size(file);
        try (SnapshotStore store = SnapshotStore.open(file)) {
            assertThat(store.countPartitions(Side.DESTINATION, "web", "t1")).isEqualTo(3_001);
            assertThat(store.loadInfo(Side.DESTINATION).orElseThrow().complete())
                    .isTrue();
        }
        assertThat(Files.size(file)).isLessThanOrEqualTo(compacted + 64 * 1024);
        assertThat(dir.toFile().list()).containsExactly("project.mv.db");
    }

    @Test
    void anH2DatabaseOfAnotherApplicationIsRefusedAndLeftUntouched() throws Exception {
        Path file = dir.resolve("other.mv.db");
        String base = file.toString().substring(0, file.toString().length() - ".mv.db".length());
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + base, "sa", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE invoices (id INT PRIMARY KEY)");
        }
        byte[] before = Files.readAllBytes(file);
        assertThatThrownBy(() -> SnapshotStore.open(file))
                .isInstanceOf(SnapshotException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not a Lakeport snapshot");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void aFileThatIsNotAnH2DatabaseIsRefusedAndLeftUntouched() throws IOException {
        Path file = dir.resolve("notes.mv.db");
        byte[] content = "these are my notes, not a database\n".repeat(100).getBytes(StandardCharsets.UTF_8);
        Files.write(file, content);
        assertThatThrownBy(() -> SnapshotStore.open(file))
                .isInstanceOf(SnapshotException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not an H2 database");
        assertThat(Files.readAllBytes(file)).isEqualTo(content);
        assertThat(dir.toFile().list()).containsExactly("notes.mv.db");
    }

    @Test
    void aCorruptH2FileIsRefusedAndLeftUntouched() throws IOException {
        Path file = dir.resolve("broken.mv.db");
        byte[] content = new byte[8192];
        byte[] header = "H:2,block:2,blockSize:1000,chunk:0,format:3,version:2,fletcher:0\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(header, 0, content, 0, header.length);
        Files.write(file, content);
        assertThatThrownBy(() -> SnapshotStore.open(file))
                .isInstanceOf(SnapshotException.class)
                .hasMessageContaining(file.toString());
        assertThat(Files.readAllBytes(file)).isEqualTo(content);
    }

    @Test
    void aFileNamedOtherwiseIsRefusedWithTheRuleInTheMessage() {
        Path file = dir.resolve("project.lakeport");
        assertThatThrownBy(() -> SnapshotStore.open(file))
                .isInstanceOf(SnapshotException.class)
                .hasMessageContaining(".mv.db");
        assertThat(dir.toFile().list()).isEmpty();
    }

    @Test
    void aFileLockedByAnotherProcessIsRefusedAndLeftUntouched() throws IOException {
        Path file = dir.resolve("project.mv.db");
        try (SnapshotStore store = SnapshotStore.open(file)) {
            try (SnapshotWriter writer = store.beginLoad(Side.DESTINATION, TestingLoader.ORIGIN)) {
                writer.putDatabase(Database.of("sales"));
                writer.finish();
            }
        }
        byte[] before = Files.readAllBytes(file);
        // Another process's H2 holds this lock on the file while it has the project open.
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            assertThatThrownBy(() -> SnapshotStore.open(file))
                    .isInstanceOf(SnapshotException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("in use");
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void aFileWrittenByANewerVersionIsRefusedAndLeftUntouched() throws Exception {
        Path file = dir.resolve("project.mv.db");
        try (SnapshotStore store = SnapshotStore.open(file)) {
            try (Connection c = store.dataSource().getConnection();
                    Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\","
                        + " \"description\", \"type\", \"script\", \"checksum\", \"installed_by\","
                        + " \"execution_time\", \"success\") VALUES (999, '999', 'future', 'SQL',"
                        + " 'V999__future.sql', 0, 'sa', 1, TRUE)");
            }
        }
        byte[] before = Files.readAllBytes(file);
        assertThatThrownBy(() -> SnapshotStore.open(file))
                .isInstanceOf(SnapshotException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("newer");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(List.of(dir.toFile().list())).containsExactly("project.mv.db");
    }
}
