package dev.lakeport.localcopy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader in a JVM with the class path the package carries: the tests' own jars (the writers' native codecs
 * snappy-java and zstd-jni, commons-compress) left out. What the package misses fails here, not on a user's laptop.
 */
class PackageClassPathTest {
    /** Jars on the test class path that only the tests' writers need. */
    private static final List<String> WRITERS_ONLY = List.of("snappy-java", "zstd-jni", "commons-compress");

    @TempDir
    Path dir;

    @Test
    void readsEveryBinaryFormatWithoutTheNativeCodecs() throws Exception {
        List<String> tables = new ArrayList<>();
        tables.add(write(
                "parquet",
                "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
                "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
                Writers::parquet,
                4));
        tables.add(write(
                "orc",
                "org.apache.hadoop.hive.ql.io.orc.OrcInputFormat",
                "org.apache.hadoop.hive.ql.io.orc.OrcSerde",
                Writers::orc,
                3));
        tables.add(write(
                "avro",
                "org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat",
                "org.apache.hadoop.hive.serde2.avro.AvroSerDe",
                Writers::avro,
                3));
        List<String> expected = ReadAll.lines(tables.toArray(String[]::new));

        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> WRITERS_ONLY.stream().noneMatch(e::contains))
                .collect(Collectors.joining(File.pathSeparator));
        assertThat(classPath).doesNotContain("zstd-jni", "snappy-java");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classPath,
                ReadAll.class.getName()));
        command.addAll(tables);
        Process child = new ProcessBuilder(command)
                .redirectErrorStream(false)
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(child.exitValue())
                .as("the reader's JVM failed:%n%s", Files.readString(dir.resolve("stderr.txt")))
                .isZero();
        assertThat(out.lines().toList()).containsExactlyElementsOf(expected);
        assertThat(expected).contains("parquet count 8", "orc count 6", "avro count 6");
    }

    /** A table of {@code files} files (each Parquet and ORC file in the next codec) of two rows in one partition. */
    private String write(String name, String inputFormat, String serde, Writers.FileWriter writer, int files)
            throws IOException {
        Path partition = Files.createDirectories(dir.resolve(name).resolve("dt=" + Rows.P1));
        for (int i = 0; i < files; i++) {
            writer.write(partition.resolve("part-" + i), Rows.COLUMNS, List.of(Rows.ROW1, Rows.ROW5));
        }
        return dir.resolve(name) + "|" + inputFormat + "|" + serde;
    }
}
