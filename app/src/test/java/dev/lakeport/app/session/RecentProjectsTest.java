package dev.lakeport.app.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecentProjectsTest {
    @TempDir
    Path dir;

    @Test
    void newestFirstWithoutDuplicatesAndAtMostTen() throws Exception {
        RecentProjects recent = new RecentProjects(dir.resolve("config/recent.txt"));
        for (int i = 0; i < 12; i++) {
            Path p = Files.createFile(dir.resolve("p" + i + ".mv.db"));
            recent.add(p);
        }
        recent.add(dir.resolve("p5.mv.db"));
        assertThat(recent.list()).hasSize(RecentProjects.MAX);
        assertThat(recent.list().get(0)).isEqualTo(dir.resolve("p5.mv.db"));
        assertThat(recent.list()).doesNotHaveDuplicates();
    }

    @Test
    void aDamagedOrMissingListIsEmpty() throws Exception {
        assertThat(new RecentProjects(dir.resolve("none.txt")).list()).isEmpty();
        Path file = Files.write(dir.resolve("bad.txt"), new byte[] {0, 0, 0});
        assertThat(new RecentProjects(file).list()).isEmpty();
    }
}
