package dev.lakeport.sparkjob.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The copy job's command line: what it takes, and a wrong one refused naming the option and its value. */
class CopyJobArgsTest {
    @Test
    void theSettingsThePlanAndTheOptionsAreRead() {
        CopyJob.Args args = CopyJob.Args.parse(new String[] {
            "app.properties",
            "--plan",
            "hdfs:///plans/job-7.json",
            "--run-id",
            "r-1",
            "--rows-per-block",
            "5000",
            "--partitions-at-once",
            "8"
        });

        assertThat(args.settingsPath()).contains("app.properties");
        assertThat(args.plan()).contains("hdfs:///plans/job-7.json");
        assertThat(args.runId()).contains("r-1");
        assertThat(args.rowsPerBlock()).isEqualTo(5000);
        assertThat(args.partitionsAtOnce()).isEqualTo(8);
        assertThat(CopyJob.Args.parse(new String[] {"--settings-base64", "YT1i", "--plan", "p.json"})
                        .settingsPath())
                .isEqualTo(Optional.empty());
    }

    @Test
    void aPlanPassedInlineIsReadBackAsTheSamePlan() {
        String json = "{\"jobId\": 7, \"tasks\": []}";
        java.util.List<String> inline = dev.lakeport.launch.CopyPlanArgs.inline(json);
        CopyJob.Args args = CopyJob.Args.parse(new String[] {"app.properties", inline.get(0), inline.get(1)});

        assertThat(args.plan()).isEmpty();
        assertThat(new String(
                        dev.lakeport.launch.CopyPlanArgs.decode(
                                args.planBase64().orElseThrow()),
                        java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(json);
        assertThatThrownBy(() -> dev.lakeport.launch.CopyPlanArgs.decode("not base64!"))
                .hasMessageStartingWith("--plan-base64 is not valid Base64");
    }

    @Test
    void aWrongCommandLineIsRefusedNamingWhatIsWrong() {
        assertThatThrownBy(() -> CopyJob.Args.parse(new String[] {"app.properties"}))
                .hasMessageStartingWith("no copy plan given (--plan or --plan-base64)");
        assertThatThrownBy(() ->
                        CopyJob.Args.parse(new String[] {"app.properties", "--plan", "p", "--plan-base64", "H4sI"}))
                .hasMessageStartingWith("give the copy plan as --plan or as --plan-base64, not both");
        assertThatThrownBy(() -> CopyJob.Args.parse(new String[] {"app.properties", "--plan", "p", "--bogus", "1"}))
                .hasMessageStartingWith("unknown option --bogus");
        assertThatThrownBy(() -> CopyJob.Args.parse(
                        new String[] {"app.properties", "--plan", "p", "--partitions-at-once", "64"}))
                .hasMessageContaining("--partitions-at-once must be 1 to 32")
                .hasMessageContaining("'64'");
        assertThatThrownBy(() ->
                        CopyJob.Args.parse(new String[] {"app.properties", "--plan", "p", "--rows-per-block", "many"}))
                .hasMessageContaining("--rows-per-block must be a number of rows of 1 or more, got 'many'");
        assertThatThrownBy(() -> CopyJob.Args.parse(new String[] {"--plan", "p"}))
                .hasMessageStartingWith("no settings given");
    }
}
