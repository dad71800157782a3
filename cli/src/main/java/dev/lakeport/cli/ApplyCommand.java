package dev.lakeport.cli;

import dev.lakeport.diff.DiffRunInfo;
import dev.lakeport.pipeline.ApplyOutcome;
import dev.lakeport.pipeline.Migration;
import dev.lakeport.progress.CancellationToken;
import java.util.Comparator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Applies a stored diff to the destination catalog. */
@Command(
        name = "apply",
        mixinStandardHelpOptions = true,
        description =
                "Apply the latest diff (or --diff-run) to the destination: create, update and, only when turned on and "
                        + "confirmed, delete. Writes the result log to result.output.path.")
final class ApplyCommand extends StepCommand {
    @Option(names = "--diff-run", paramLabel = "ID", description = "The diff run to apply (default: the latest).")
    Long diffRun;

    @Mixin
    ApplyOptions options;

    @Override
    int run(Migration migration, CancellationToken cancel) {
        options.request(migration); // rejects contradictory options before anything is read
        long runId = diffRun != null ? diffRun : latestDiffRun(migration);
        ApplyOutcome outcome = apply(migration, runId, options, cancel, this);
        return exitCode(outcome);
    }

    static long latestDiffRun(Migration migration) {
        return migration.diffs().runs().stream()
                .filter(r -> r.status().equals("COMPLETE"))
                .max(Comparator.comparingLong(DiffRunInfo::runId))
                .map(DiffRunInfo::runId)
                .orElseThrow(() -> new IllegalArgumentException(
                        "the project has no complete diff yet: run 'lakeport-cli diff' first"));
    }

    static ApplyOutcome apply(
            Migration migration, long diffRunId, ApplyOptions options, CancellationToken cancel, StepCommand command) {
        ApplyOutcome outcome;
        try (ConsoleProgress progress = command.progress()) {
            outcome = migration.apply(diffRunId, options.request(migration), progress, cancel);
        }
        Summaries.run(command.out(), outcome.summary());
        if (!outcome.skipped().isEmpty()) {
            command.out()
                    .printf(
                            "  %,d deletions (%s) skipped: %s%n",
                            outcome.skipped().size(),
                            migration.config().route().words().delete(),
                            outcome.skipped().get(0).reason());
        }
        command.out().printf("  Result log: %s%n              %s%n", outcome.resultsFile(), outcome.csvFile());
        RunLogFile.current().ifPresent(log -> command.out().printf("  Log file:   %s%n", log));
        if (outcome.summary().totals().failed() > 0) {
            command.out()
                    .printf(
                            "  Failed items: %s (a failed call may have been applied all the same: 'lakeport-cli verify'"
                                    + " says which remain; retry them with: lakeport-cli load --side destination &&"
                                    + " lakeport-cli diff --failed-items <file> && lakeport-cli apply)%n",
                            outcome.failedFile());
        }
        command.out().flush();
        return outcome;
    }

    static int exitCode(ApplyOutcome outcome) {
        if (outcome.summary().cancelled()) {
            return ExitCode.CANCELLED;
        }
        return outcome.summary().hasFailures() ? ExitCode.ITEMS_FAILED : ExitCode.OK;
    }
}
