package dev.lakeport.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobJarTest {
    @TempDir
    Path dir;

    private Path touch(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "jar");
    }

    @Test
    void theSystemPropertyWinsWhenItPointsAtAFile() throws IOException {
        Path jar = touch(dir.resolve("custom.jar"));
        touch(dir.resolve("app/spark/" + JobConf.JAR_NAME));
        assertThat(JobJar.locate(Optional.of(jar.toString()), Optional.of(dir.resolve("app/core.jar"))))
                .contains(jar.toAbsolutePath());
    }

    @Test
    void aPropertyPointingNowhereFindsNothingAndSaysWhere() {
        String missing = dir.resolve("missing.jar").toString();
        assertThat(JobJar.locate(Optional.of(missing), Optional.empty())).isEmpty();
        assertThat(JobJar.notFound(Optional.of(missing), Optional.empty()))
                .isEqualTo("the Spark job jar is not where lakeport.jobJar says: " + missing);
    }

    @Test
    void anInstalledAppImageCarriesItInASparkFolderBesideTheJars() throws IOException {
        Path core = touch(dir.resolve("lakeport/lib/app/lakeport-core.jar"));
        Path jar = touch(dir.resolve("lakeport/lib/app/spark/" + JobConf.JAR_NAME));
        assertThat(JobJar.locate(Optional.empty(), Optional.of(core))).contains(jar);
    }

    @Test
    void aSourceTreeHasItUnderSparkJobTarget() throws IOException {
        Path classes = Files.createDirectories(dir.resolve("repo/core/target/classes"));
        Path jar = touch(dir.resolve("repo/spark-job/target/" + JobConf.JAR_NAME));
        assertThat(JobJar.locate(Optional.empty(), Optional.of(classes))).contains(jar);
    }

    @Test
    void nothingFoundSaysHowToBuildIt() throws IOException {
        Path classes = Files.createDirectories(dir.resolve("repo/core/target/classes"));
        assertThat(JobJar.locate(Optional.empty(), Optional.of(classes))).isEmpty();
        assertThat(JobJar.notFound(Optional.empty(), Optional.of(classes)))
                .contains("lakeport-spark-job.jar was not found")
                .contains(
                        dir.resolve("repo/spark-job/target/" + JobConf.JAR_NAME).toString())
                .contains("-Dlakeport.jobJar=");
    }

    @Test
    void requireThrowsAJobExceptionWhenThePropertyIsWrong() {
        String before = System.getProperty(JobJar.PROPERTY);
        System.setProperty(JobJar.PROPERTY, dir.resolve("nope.jar").toString());
        try {
            assertThatThrownBy(JobJar::require).isInstanceOf(JobException.class).hasMessageContaining("nope.jar");
        } finally {
            if (before == null) {
                System.clearProperty(JobJar.PROPERTY);
            } else {
                System.setProperty(JobJar.PROPERTY, before);
            }
        }
    }
}
