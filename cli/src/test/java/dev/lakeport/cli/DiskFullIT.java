package dev.lakeport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.emulator.dlf.DlfEmulator;
import dev.lakeport.emulator.glue.GlueEmulator;
import dev.lakeport.emulator.sample.SampleCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project on a disk that fills up during a step: the command says the disk is full, where, and how much is free,
 * exits 74, and once space is freed the same command goes on and the next one works. The disk is a small tmpfs,
 * which needs root; elsewhere the test is skipped (DiskFullExceptionTest covers the detection without one).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiskFullIT {
    @TempDir
    static Path dir;

    private GlueEmulator glue;
    private DlfEmulator dlf;
    private Path disk;
    private boolean mounted;

    @BeforeAll
    void start() throws Exception {
        disk = dir.resolve("small-disk");
        Files.createDirectories(disk);
        mounted = run("mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", disk.toString()) == 0;
        Assumptions.assumeTrue(mounted, "cannot mount a tmpfs here (needs root)");
        glue = GlueEmulator.start();
        dlf = DlfEmulator.start();
        SampleCatalog.generate(glue.store(), new SampleCatalog.Options(7L, 30_000, "eu-central-1"));
    }

    @AfterAll
    void stop() throws Exception {
        if (glue != null) {
            glue.close();
        }
        if (dlf != null) {
            dlf.close();
        }
        if (mounted) {
            run("umount", disk.toString());
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    @Test
    void aFullDiskIsNamedAndTheProjectWorksOnceSpaceIsFreed() throws Exception {
        String config = "aws.accessKeyId=AKIDEXAMPLE\naws.secretAccessKey=secret\naws.region=eu-central-1\n"
                + "aws.catalogId=123456789012\naliyun.accessKeyId=LTAIEXAMPLE\naliyun.secretAccessKey=secret\n"
                + "aliyun.region=eu-central-1\naliyun.endpoint=" + dlf.endpoint() + "\naliyun.catalogId="
                + dlf.catalogId() + "\nlocation.convertMap={\"s3://lakeport-sample-eu-central-1/\":"
                + "\"oss://lakeport-sample-eu-central-1/\"}\nlakeport.aws.endpoint=" + glue.endpoint()
                + "\nlakeport.aliyun.protocol=HTTP\nresult.output.path=" + dir.resolve("results") + "\n";
        Path configFile = dir.resolve("application.properties");
        Files.writeString(configFile, config);
        Path project = disk.resolve("migration.lakeport");
        // the disk fills up early in the load: a filler leaves little room
        // filled to the last byte, then 256 KiB given back: what the file store reports as free can lag behind
        Path filler = disk.resolve("filler.bin");
        try (var out = Files.newOutputStream(filler)) {
            byte[] block = new byte[64 * 1024];
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            // the disk is full
        }
        try (var channel = java.nio.channels.FileChannel.open(filler, java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(Math.max(0, channel.size() - 256 * 1024));
        }

        CliRunner.Result full = CliRunner.run(
                "load", "--side", "source", "--config", configFile.toString(), "--project", project.toString());

        assertThat(full.exitCode())
                .as(full.all() + " project file: " + Files.size(Path.of(project + ".mv.db")) + " bytes")
                .isEqualTo(74);
        assertThat(full.err())
                .as(full.all())
                .contains("the disk holding " + project.toAbsolutePath() + ".mv.db is full (")
                .contains("MB free): free space and run the command again; the project is unchanged up to the"
                        + " last completed step")
                .doesNotContain("90098")
                .doesNotContain("MVStoreException")
                .doesNotContain("\tat ");

        Files.delete(filler);

        CliRunner.Result again = CliRunner.run(
                "load", "--side", "source", "--config", configFile.toString(), "--project", project.toString());
        assertThat(again.exitCode()).as(again.all()).isZero();
        CliRunner.Result next = CliRunner.run(
                "load", "--side", "destination", "--config", configFile.toString(), "--project", project.toString());
        assertThat(next.exitCode()).as(next.all()).isZero();
        CliRunner.Result diff =
                CliRunner.run("diff", "--config", configFile.toString(), "--project", project.toString());
        assertThat(diff.exitCode()).as(diff.all()).isZero();
        assertThat(diff.out()).contains("partition        30,000");
    }
}
