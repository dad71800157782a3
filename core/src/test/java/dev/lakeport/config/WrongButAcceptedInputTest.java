package dev.lakeport.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Input that used to be accepted although it was wrong, each answered now with an error or a warning naming the key
 * and the value: byte-order marks and UTF-16, convertMap entries whose slashes disagree, result.output.path with a
 * scheme nothing writes to, convertMap targets off OSS, blank list entries.
 */
class WrongButAcceptedInputTest {

    @TempDir
    Path dir;

    /** aws.databases first: the key a byte-order mark used to swallow, widening the scope to every database. */
    static String text() {
        return "aws.databases=sales\n"
                + "aws.region=eu-central-1\n"
                + "aliyun.region=cn-hangzhou\n"
                + "aliyun.endpoint=dlf.cn-hangzhou.aliyuncs.com\n"
                + "location.convertMap={\"s3://a/\":\"oss://a/\"}\n"
                + "result.output.path=results\n";
    }

    Path write(String name, byte[] bom, String text, Charset charset) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(bom);
        bytes.write(text.getBytes(charset));
        Path file = dir.resolve(name);
        Files.write(file, bytes.toByteArray());
        return file;
    }

    static Map<String, String> minimal() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("aws.region", "eu-central-1");
        m.put("aliyun.region", "eu-central-1");
        m.put("aliyun.endpoint", "dlf.eu-central-1.aliyuncs.com");
        m.put("location.convertMap", "{\"s3://a/\":\"oss://a/\"}");
        return m;
    }

    static ConfigException failure(Map<String, String> settings) {
        ConfigException e = catchThrowableOfType(
                ConfigException.class, () -> MigrationConfigLoader.fromMap(settings, "test.properties"));
        assertThat(e).as("expected %s to be refused", settings).isNotNull();
        return e;
    }

    // ---- encodings ----

    @Test
    void aUtf8ByteOrderMarkKeepsTheFirstKey() throws IOException {
        Path file = write(
                "bom.properties", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, text(), StandardCharsets.UTF_8);

        MigrationConfigLoader.Result loaded = MigrationConfigLoader.load(file);

        assertThat(loaded.config().selection().databases()).containsExactly("sales");
        assertThat(loaded.warnings()).isEmpty();
        assertThat(PropertiesText.readMap(file)).containsEntry("aws.databases", "sales");
    }

    @Test
    void utf16WithAByteOrderMarkIsRead() throws IOException {
        Path le = write(
                "le.properties", new byte[] {(byte) 0xFF, (byte) 0xFE}, text() + "# café\n", StandardCharsets.UTF_16LE);
        Path be = write("be.properties", new byte[] {(byte) 0xFE, (byte) 0xFF}, text(), StandardCharsets.UTF_16BE);

        for (Path file : new Path[] {le, be}) {
            MigrationConfigLoader.Result loaded = MigrationConfigLoader.load(file);
            assertThat(Sides.glue(loaded.config()).region()).as(file.toString()).isEqualTo("eu-central-1");
            assertThat(loaded.config().selection().databases()).containsExactly("sales");
            assertThat(loaded.warnings()).isEmpty();
        }
    }

    @Test
    void utf16WithoutAByteOrderMarkIsRefusedWithTheOffset() throws IOException {
        Path file = write("nobom.properties", new byte[0], text(), StandardCharsets.UTF_16LE);

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> MigrationConfigLoader.load(file));

        assertThat(e.getMessage())
                .contains(file.toString())
                .contains("NUL byte at byte offset 1")
                .contains("UTF-16 without a byte-order mark");
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedWithTheOffset() throws IOException {
        Path file = write("latin1.properties", new byte[0], text() + "# caf\u00e9\n", StandardCharsets.ISO_8859_1);
        int offset = text().length() + "# caf".length();

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> MigrationConfigLoader.load(file));

        assertThat(e.getMessage())
                .contains(file.toString())
                .contains("is not valid UTF-8: byte offset " + offset + " (0xE9)");
    }

    // ---- result.output.path ----

    @Test
    void aRelativeOutputPathIsBesideTheFileNotTheWorkingDirectory() throws IOException {
        Path file = write("application.properties", new byte[0], text(), StandardCharsets.UTF_8);

        MigrationConfigLoader.Result loaded = MigrationConfigLoader.load(file);

        assertThat(loaded.config().run().resultOutputPath())
                .contains(dir.toAbsolutePath().resolve("results").toString());
    }

    @Test
    void aRelativeProjectFileIsBesideTheFileToo() throws IOException {
        Path file = write(
                "application.properties",
                new byte[0],
                text() + "lakeport.project=projects/sales.lakeport\n",
                StandardCharsets.UTF_8);

        assertThat(MigrationConfigLoader.load(file).config().run().project())
                .contains(dir.toAbsolutePath().resolve("projects/sales.lakeport"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://x/", "ftp:/x/", "http://host/results/", "sftp://host/results"})
    void anOutputPathNothingWritesToIsRefusedNamingKeyAndValue(String value) {
        Map<String, String> m = minimal();
        m.put("result.output.path", value);

        ConfigException e = failure(m);

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("result.output.path");
            assertThat(p.problem()).contains("'" + value + "'").contains("local directory");
        });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/var/lakeport/results",
                "file:///var/lakeport/results/",
                "oss://bucket/results/",
                "s3://bucket/results/",
                "hdfs://nn:8020/results"
            })
    void localPathsFileUrisAndClusterFileSystemsAreAccepted(String value) {
        Map<String, String> m = minimal();
        m.put("result.output.path", value);

        assertThat(MigrationConfigLoader.fromMap(m, "test").config().run().resultOutputPath())
                .contains(value);
    }

    @Test
    void aRunFromThisComputerNeverMakesAFolderNamedAfterAScheme() {
        assertThatThrownBy(() -> dev.lakeport.apply.ResultLog.localDirectory("ftp://x/"))
                .hasMessageContaining("result.output.path 'ftp://x/'");
        assertThatThrownBy(() -> dev.lakeport.apply.ResultLog.localDirectory("wasbs://c@acct/results/"))
                .hasMessageContaining("remote location");
        assertThat(dev.lakeport.apply.ResultLog.localDirectory("file:///tmp/results"))
                .isEqualTo(Path.of("/tmp/results"));
    }

    // ---- location.convertMap ----

    @Test
    void aConvertMapEntryWhoseSlashesDisagreeIsRefusedNamingTheEntry() {
        Map<String, String> m = minimal();
        m.put("location.convertMap", "{\"s3://lake/\":\"oss://lake/\",\"s3://a\":\"oss://x/\"}");

        ConfigException e = failure(m);

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("location.convertMap");
            assertThat(p.problem()).contains("\"s3://a\": \"oss://x/\"").contains("'/'");
        });
    }

    @Test
    void anS3PrefixMappedOffOssIsAWarningNamingTheEntry() {
        Map<String, String> m = minimal();
        m.put("location.convertMap", "{\"s3://lake/\":\"hdfs://nn/lake/\",\"s3://ok/\":\"oss://ok/\"}");

        MigrationConfigLoader.Result loaded = MigrationConfigLoader.fromMap(m, "test");

        assertThat(loaded.warnings()).singleElement().satisfies(w -> {
            assertThat(w.key()).isEqualTo("location.convertMap");
            assertThat(w.problem())
                    .contains("\"s3://lake/\": \"hdfs://nn/lake/\"")
                    .contains("not oss://");
        });
    }

    // ---- lists ----

    @Test
    void blankListEntriesAreAWarningNamingTheKeyAndValue() {
        Map<String, String> m = minimal();
        m.put("aws.databases", "sales,,web,");

        MigrationConfigLoader.Result loaded = MigrationConfigLoader.fromMap(m, "test");

        assertThat(loaded.config().selection().databases()).containsExactly("sales", "web");
        assertThat(loaded.warnings()).singleElement().satisfies(w -> {
            assertThat(w.key()).isEqualTo("aws.databases");
            assertThat(w.problem()).contains("'sales,,web,'").contains("blank entry");
        });
    }

    @Test
    void aListOfBlankEntriesOnlyNeverWidensTheScope() {
        Map<String, String> m = minimal();
        m.put("aws.databases", " , ");

        ConfigException e = failure(m);

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("aws.databases");
            assertThat(p.problem()).contains("only blank entries");
        });
    }
}
