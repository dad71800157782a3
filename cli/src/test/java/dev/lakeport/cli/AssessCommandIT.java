package dev.lakeport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lakeport-cli assess}, each command in a process of its own as a user runs them, against the sample catalog's
 * emulators in another: before a load it says to load first and exits 2; after {@code load} it prints the sample's
 * figures, writes the HTML page and, with {@code --json}, the same figures as JSON.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AssessCommandIT {
    private static final Duration STEP = Duration.ofMinutes(3);

    @TempDir
    static Path dir;

    private ChildProcesses cli;
    private String config;

    @BeforeAll
    void startEmulators() {
        cli = new ChildProcesses(dir);
        config = cli.startEmulators(10_000).toString();
    }

    @AfterAll
    void stop() {
        cli.close();
    }

    @Test
    void assessmentOfTheLoadedSampleAsSummaryHtmlAndJson() throws Exception {
        Path project = dir.resolve("sample.lakeport");
        ChildProcesses.Finished early = cli.run(STEP, "-q", "assess", "-c", config, "-p", project.toString());
        assertThat(early.exitCode()).as(early.all()).isEqualTo(2);
        assertThat(early.err()).contains("run load first");

        ChildProcesses.Finished load = cli.run(STEP, "-q", "load", "-c", config, "-p", project.toString());
        assertThat(load.exitCode()).as(load.all()).isZero();

        Path html = dir.resolve("reports/assessment.html");
        ChildProcesses.Finished assess =
                cli.run(STEP, "-q", "assess", "--project", project.toString(), "--html", html.toString());
        assertThat(assess.exitCode()).as(assess.all()).isZero();
        String out = assess.out();
        assertThat(out)
                .contains("Assessment: Glue -> DLF")
                .containsPattern("Databases +5\\n")
                .containsPattern("Tables +24\\n")
                .containsPattern("Views +3\\n")
                .containsPattern("Partitions +10,000\\n")
                .containsPattern("Functions +6\\n")
                .contains("Parquet 6", "CSV 5", "ORC 4", "JSON 3", "Avro 3", "Iceberg 1", "Hudi 1", "Delta 1")
                .contains("partition batches of 100")
                .contains("at 32 calls at a time and 50 ms a call")
                .contains("Needs a decision")
                .contains("what to do:")
                .contains("Assessment (HTML): " + html.toAbsolutePath());

        String page = Files.readString(html);
        assertThat(page)
                .startsWith("<!DOCTYPE html>")
                .contains("<title>Assessment: Glue \u2192 DLF</title>")
                .contains("<svg class=\"bars\" id=\"objects-by-kind\"")
                .contains("<svg class=\"bars\" id=\"tables-by-format\"")
                .contains(">10,000</text>")
                .contains("<table id=\"decisions\">")
                .contains("What DLF cannot hold")
                .contains("lakeport.glue.")
                .contains("lakeport.assess.callLatency")
                .doesNotContain("<script")
                .doesNotContain(" src=", " href=");

        ChildProcesses.Finished json = cli.run(STEP, "-q", "assess", "--project", project.toString(), "--json");
        assertThat(json.exitCode()).as(json.all()).isZero();
        JsonNode tree = new ObjectMapper().readTree(json.out());
        assertThat(tree.at("/counts/databases").asLong()).isEqualTo(5);
        assertThat(tree.at("/counts/tables").asLong() + tree.at("/counts/views").asLong())
                .isEqualTo(27);
        assertThat(tree.at("/counts/partitions").asLong()).isEqualTo(10_000);
        assertThat(tree.at("/estimate/partitionBatch").asInt()).isEqualTo(100);
        assertThat(tree.at("/estimate/calls/DATABASE").asLong()).isEqualTo(5);
        assertThat(tree.at("/estimate/calls/TABLE").asLong()).isEqualTo(27);
        assertThat(tree.at("/decisions").size()).isPositive();
    }
}
