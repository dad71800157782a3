package dev.lakeport.cli;

import dev.lakeport.diff.DiffRun;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.project.FailureCheck;
import dev.lakeport.project.Migration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Re-reads the destination and diffs again: after a run, the diff must be empty. */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = "Re-read the destination and diff again. Exit code 0 when the destination matches the mapped "
                + "source, 1 when differences remain.")
final class VerifyCommand extends StepCommand {
    @Mixin
    ExportOptions export;

    @Override
    int run(Migration migration, CancellationToken cancel) throws Exception {
        DiffRun run;
        try (ConsoleProgress progress = progress()) {
            run = migration.verify(progress, cancel);
        }
        Summaries.diff(out(), run.runId(), run.summary(), migration.diffs().databaseSummaries(run.runId()));
        export.exportDiff(migration, run.runId(), out());
        out().println(run.summary().isEmpty() ? "Verified: the destination matches." : "Differences remain.");
        // The latest run's failures, checked against what verify found: which of them got there after all.
        migration.results().runs().stream()
                .filter(r -> !r.dryRun())
                .findFirst()
                .filter(r -> migration.results().summary(r.runId()).totals().failed() > 0)
                .ifPresent(r -> out().println("  "
                        + FailureCheck.of(migration.results(), r.runId(), migration.diffs(), run.runId())
                                .describe("verify")));
        out().flush();
        return run.summary().isEmpty() ? ExitCode.OK : ExitCode.ITEMS_FAILED;
    }
}
