package dev.lakeport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every command's help prints cleanly: no picocli format warnings, no raw format sequences. */
class HelpTextTest {
    @Test
    void everyCommandsHelpFormatsWithoutWarnings() {
        for (String name : LakeportCommand.commandLine().getSubcommands().keySet()) {
            PrintStream original = System.err;
            ByteArrayOutputStream warnings = new ByteArrayOutputStream();
            CliRunner.Result help;
            System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
            try {
                help = CliRunner.run(name, "--help");
            } finally {
                System.setErr(original);
            }
            assertThat(help.exitCode()).as("%s --help", name).isZero();
            assertThat(warnings.toString(StandardCharsets.UTF_8) + help.err())
                    .as("%s --help", name)
                    .doesNotContain("picocli WARN");
            assertThat(help.out()).as("%s --help", name).doesNotContain("%n");
        }
    }

    @Test
    void benchHelpShowsItsPercentages() {
        assertThat(CliRunner.run("bench", "--help").out())
                .contains("with 1% changed")
                .contains("after 0.1% changes");
    }
}
