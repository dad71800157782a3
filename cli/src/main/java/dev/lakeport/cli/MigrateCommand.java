package dev.lakeport.cli;

import dev.lakeport.diff.DiffRun;
import dev.lakeport.load.LoadSummary;
import dev.lakeport.pipeline.ApplyOutcome;
import dev.lakeport.pipeline.FailureCheck;
import dev.lakeport.pipeline.Migration;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.snapshot.Side;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The whole job in one command, as the seed's Spark job runs it: extract, transform (diff), load, then verify. */
@Command(
        name = "migrate",
        mixinStandardHelpOptions = true,
        description = "Load both catalogs, diff, apply and verify: the migration job in one command, safe to re-run "
                + "(only differences are applied).")
final class MigrateCommand extends StepCommand {
    @Mixin
    ApplyOptions options;

    @Mixin
    ExportOptions export;

    @Override
    int run(Migration migration, CancellationToken cancel) throws Exception {
        Migration.BothLoads loads;
        try (ConsoleProgress progress = progress()) {
            // Both catalogs are read at once; the bar follows the source, usually the larger of the two.
            loads = migration.loadBoth(progress, dev.lakeport.progress.ProgressListener.NONE, cancel);
        }
        Summaries.load(
                out(),
                "Source (" + migration.config().source().connector().shortName() + ")",
                loads.source(),
                migration.snapshot(),
                Side.SOURCE);
        Summaries.load(
                out(),
                "Destination (" + migration.config().destination().connector().shortName() + ")",
                loads.destination(),
                migration.snapshot(),
                Side.DESTINATION);
        if (loads.source().cancelled() || loads.destination().cancelled()) {
            return ExitCode.CANCELLED;
        }
        if (!loads.complete()) {
            out().println("A catalog could not be read completely; nothing was applied.");
            out().flush();
            List<LoadSummary.LoadFailure> failures =
                    new ArrayList<>(loads.source().failures());
            failures.addAll(loads.destination().failures());
            return ExitCode.ofLoadFailures(failures);
        }
        DiffRun diff;
        try (ConsoleProgress progress = progress()) {
            diff = migration.diff(java.util.Set.of(), progress, cancel);
        }
        Summaries.diff(
                out(),
                diff.runId(),
                diff.summary(),
                migration.diffs().databaseSummaries(diff.runId()),
                migration.config().route().words());
        Summaries.mapping(
                out(), migration.checkMapping(cancel), migration.snapshot().itemNames());
        ApplyOutcome outcome = ApplyCommand.apply(migration, diff.runId(), options, cancel, this);
        if (outcome.summary().cancelled() || options.dryRun) {
            export.exportDiff(migration, diff.runId(), out());
            return ApplyCommand.exitCode(outcome);
        }
        DiffRun verify;
        try (ConsoleProgress progress = progress()) {
            verify = migration.verify(progress, cancel);
        }
        Migration.Remaining remaining = migration.remaining(verify.runId());
        Summaries.remaining(out(), remaining);
        out().println(
                        remaining.total() == 0
                                ? "Verified: the destination matches the mapped source."
                                : remaining.settled()
                                        ? VerifyCommand.verdict(remaining)
                                        : "After the run, differences remain (diff run " + verify.runId() + "): "
                                                + remaining.included() + " objects.");
        if (outcome.summary().totals().failed() > 0) {
            // Failed calls and a matching destination are no contradiction when the failed objects got there after
            // all (a response lost, a later retry): say which.
            out().println("  "
                    + FailureCheck.of(migration.results(), outcome.runId(), migration.diffs(), verify.runId())
                            .describe("verify"));
        }
        export.exportDiff(migration, diff.runId(), out());
        export.exportResults(migration, outcome.runId(), out());
        out().flush();
        if (outcome.summary().cancelled()) {
            return ExitCode.CANCELLED;
        }
        // The exit code follows the destination's final state, as verify found it (excluded differences are settled).
        return remaining.settled() ? ExitCode.OK : ExitCode.ITEMS_FAILED;
    }
}
