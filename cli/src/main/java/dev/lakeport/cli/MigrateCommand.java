package dev.lakeport.cli;

import dev.lakeport.diff.DiffRun;
import dev.lakeport.load.LoadSummary;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.project.ApplyOutcome;
import dev.lakeport.project.Migration;
import dev.lakeport.snapshot.Side;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The whole job in one command, as the seed's Spark job runs it: extract, transform (diff), load, then verify. */
@Command(
        name = "migrate",
        mixinStandardHelpOptions = true,
        description = "Load both catalogs, diff, apply and verify: the Glue -> DLF job in one command, safe to re-run "
                + "(only differences are applied).")
final class MigrateCommand extends StepCommand {
    @Mixin
    ApplyOptions options;

    @Mixin
    ExportOptions export;

    @Override
    int run(Migration migration, CancellationToken cancel) throws Exception {
        for (Side side : Side.values()) {
            LoadSummary load;
            try (ConsoleProgress progress = progress()) {
                load = migration.load(side, progress, cancel);
            }
            Summaries.load(out(), side == Side.SOURCE ? "Source (Glue)" : "Destination (DLF)", load);
            if (load.cancelled()) {
                return ExitCode.CANCELLED;
            }
            if (!load.complete()) {
                out().println("The catalog could not be read completely; nothing was applied.");
                return ExitCode.ITEMS_FAILED;
            }
        }
        DiffRun diff;
        try (ConsoleProgress progress = progress()) {
            diff = migration.diff(java.util.Set.of(), progress, cancel);
        }
        Summaries.diff(out(), diff.runId(), diff.summary(), migration.diffs().databaseSummaries(diff.runId()));
        Summaries.mapping(out(), migration.checkMapping(cancel));
        ApplyOutcome outcome = ApplyCommand.apply(migration, diff.runId(), options, cancel, this);
        if (outcome.summary().cancelled() || options.dryRun) {
            export.exportDiff(migration, diff.runId(), out());
            return ApplyCommand.exitCode(outcome);
        }
        DiffRun verify;
        try (ConsoleProgress progress = progress()) {
            verify = migration.verify(progress, cancel);
        }
        out().println(
                        verify.summary().isEmpty()
                                ? "Verified: the destination matches the mapped source."
                                : "After the run, differences remain (diff run " + verify.runId() + "): "
                                        + verify.summary().total() + " objects.");
        export.exportDiff(migration, diff.runId(), out());
        export.exportResults(migration, outcome.runId(), out());
        out().flush();
        int code = ApplyCommand.exitCode(outcome);
        return code == ExitCode.OK && !verify.summary().isEmpty() ? ExitCode.ITEMS_FAILED : code;
    }
}
