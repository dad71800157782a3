package dev.lakeport.cli;

import dev.lakeport.diff.DiffRun;
import dev.lakeport.pipeline.FailureCheck;
import dev.lakeport.pipeline.Migration;
import dev.lakeport.progress.CancellationToken;
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
        Summaries.diff(
                out(),
                run.runId(),
                run.summary(),
                migration.diffs().databaseSummaries(run.runId()),
                migration.config().route().words());
        Migration.Remaining remaining = migration.remaining(run.runId());
        Summaries.remaining(out(), remaining);
        export.exportDiff(migration, run.runId(), out());
        out().println(verdict(remaining));
        // The latest run's failures, checked against what verify found: which of them got there after all.
        migration.results().runs().stream()
                .filter(r -> !r.dryRun())
                .findFirst()
                .filter(r -> migration.results().summary(r.runId()).totals().failed() > 0)
                .ifPresent(r -> out().println("  "
                        + FailureCheck.of(migration.results(), r.runId(), migration.diffs(), run.runId())
                                .describe("verify")));
        out().flush();
        return remaining.settled() ? ExitCode.OK : ExitCode.ITEMS_FAILED;
    }

    /** The verdict of a verify: differences that only the user's exclusion rules explain are no failure. */
    static String verdict(Migration.Remaining remaining) {
        if (remaining.total() == 0) {
            return "Verified: the destination matches.";
        }
        if (remaining.allExcluded()) {
            return String.format(
                    "Verified: the destination matches, except %,d differences excluded by you.", remaining.total());
        }
        return "Differences remain.";
    }
}
