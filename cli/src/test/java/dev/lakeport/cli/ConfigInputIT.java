package dev.lakeport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.emulator.dlf.DlfEmulator;
import dev.lakeport.emulator.glue.GlueEmulator;
import dev.lakeport.emulator.sample.SampleCatalog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A configuration file as editors save it, read by the command line: byte-order marks and UTF-16 are understood (the
 * first key is not lost, so the scope does not widen), bytes that are not text are refused with their offset, and a
 * relative result.output.path lands beside the file, not in the folder the command was started from.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfigInputIT {
    @TempDir
    static Path dir;

    private GlueEmulator glue;
    private DlfEmulator dlf;

    @BeforeAll
    void start() {
        glue = GlueEmulator.start();
        dlf = DlfEmulator.start();
        SampleCatalog.generate(glue.store(), new SampleCatalog.Options(3L, 200, "eu-central-1"));
    }

    @AfterAll
    void stop() {
        glue.close();
        dlf.close();
    }

    /** aws.databases first: the key a byte-order mark used to swallow. */
    String text(String databases, String outputPath) {
        return "aws.databases=" + databases + "\n"
                + "aws.accessKeyId=AKIDEXAMPLE\naws.secretAccessKey=secret\naws.region=eu-central-1\n"
                + "aws.catalogId=123456789012\naliyun.accessKeyId=LTAIEXAMPLE\naliyun.secretAccessKey=secret\n"
                + "aliyun.region=eu-central-1\naliyun.endpoint=" + dlf.endpoint() + "\naliyun.catalogId="
                + dlf.catalogId() + "\nlocation.convertMap={\"s3://lakeport-sample-eu-central-1/\":"
                + "\"oss://lakeport-sample-eu-central-1/\"}\nlakeport.aws.endpoint=" + glue.endpoint()
                + "\nlakeport.aliyun.protocol=HTTP\nresult.output.path=" + outputPath + "\n";
    }

    static Path write(Path file, byte[] bom, String text, Charset charset) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(bom);
        bytes.write(text.getBytes(charset));
        Files.createDirectories(file.getParent());
        Files.write(file, bytes.toByteArray());
        return file;
    }

    @Test
    void aUtf16ConfigWithARelativeOutputPathRunsAndWritesItsLogsBesideTheFile() throws Exception {
        String relative = "results-" + System.nanoTime();
        Path config = write(
                dir.resolve("utf16/application.properties"),
                new byte[] {(byte) 0xFF, (byte) 0xFE},
                text("staging", relative),
                StandardCharsets.UTF_16LE);

        CliRunner.Result result = CliRunner.run("migrate", "--config", config.toString());

        assertThat(result.exitCode()).as(result.all()).isZero();
        Path besideConfig = dir.resolve("utf16").resolve(relative);
        try (Stream<Path> files = Files.list(besideConfig)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("result-"));
        }
        assertThat(Path.of(relative)).as("the working directory").doesNotExist();
        // the scope held: only the database named on the first line
        assertThat(dlf.store().databaseCount()).isEqualTo(1);
    }

    @Test
    void aUtf8ByteOrderMarkDoesNotDropTheFirstKey() throws Exception {
        Path config = write(
                dir.resolve("bom/application.properties"),
                new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                text("finance", "results"),
                StandardCharsets.UTF_8);

        CliRunner.Result result = CliRunner.run("load", "--side", "source", "--config", config.toString());

        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.err()).doesNotContain("unknown key");
        assertThat(result.out()).contains("Source (Glue): read 1 databases").contains("now holds 1 databases");
    }

    @Test
    void bytesThatAreNotTextAreRefusedWithTheirOffsetAndChangeNothing() throws Exception {
        String text = text("sales", "results") + "# caf\u00e9\n";
        Path config =
                write(dir.resolve("latin1/application.properties"), new byte[0], text, StandardCharsets.ISO_8859_1);

        CliRunner.Result result = CliRunner.run("load", "--config", config.toString());

        assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
        assertThat(result.err())
                .contains("is not valid UTF-8: byte offset " + (text.length() - 2) + " (0xE9)")
                .contains("Nothing was changed.");
        assertThat(dir.resolve("latin1/application.lakeport.mv.db")).doesNotExist();
    }

    @Test
    void anOutputPathWithAnUnknownSchemeIsRefusedNamingKeyAndValue() throws Exception {
        Path config = write(
                dir.resolve("ftp/application.properties"),
                new byte[0],
                text("sales", "ftp://x/"),
                StandardCharsets.UTF_8);

        CliRunner.Result result = CliRunner.run("migrate", "--config", config.toString());

        assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
        assertThat(result.err()).contains("result.output.path: 'ftp://x/'");
        assertThat(Path.of("ftp:")).doesNotExist();
        assertThat(dir.resolve("ftp/application.lakeport.mv.db")).doesNotExist();
    }
}
