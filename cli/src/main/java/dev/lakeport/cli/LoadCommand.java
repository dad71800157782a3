package dev.lakeport.cli;

import dev.lakeport.load.LoadSummary;
import dev.lakeport.pipeline.Migration;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.snapshot.Side;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Reads the source and/or destination catalogs into the project's snapshot. */
@Command(
        name = "load",
        mixinStandardHelpOptions = true,
        description =
                "Read the source and destination catalogs (lakeport.source.type, lakeport.destination.type) into the"
                        + " project's snapshot. "
                        + "An interrupted load resumes where it stopped.")
final class LoadCommand extends StepCommand {
    enum Which {
        source,
        destination,
        both
    }

    @Option(
            names = "--side",
            description = "Which catalog to read: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            defaultValue = "both")
    Which side;

    @Override
    int run(Migration migration, CancellationToken cancel) {
        List<LoadSummary.LoadFailure> failures = new ArrayList<>();
        if (side == Which.both) {
            Migration.BothLoads loads;
            try (ConsoleProgress progress = progress()) {
                // Both catalogs are read at once; the bar follows the source.
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
                    "Destination ("
                            + migration.config().destination().connector().shortName() + ")",
                    loads.destination(),
                    migration.snapshot(),
                    Side.DESTINATION);
            failures.addAll(loads.source().failures());
            failures.addAll(loads.destination().failures());
        } else {
            Side which = side == Which.source ? Side.SOURCE : Side.DESTINATION;
            LoadSummary summary;
            try (ConsoleProgress progress = progress()) {
                summary = migration.load(which, progress, cancel);
            }
            Summaries.load(
                    out(),
                    which == Side.SOURCE
                            ? "Source ("
                                    + migration.config().source().connector().shortName() + ")"
                            : "Destination ("
                                    + migration
                                            .config()
                                            .destination()
                                            .connector()
                                            .shortName() + ")",
                    summary,
                    migration.snapshot(),
                    which);
            failures.addAll(summary.failures());
        }
        out().flush();
        if (cancel.isCancelled()) {
            return ExitCode.CANCELLED;
        }
        return failures.isEmpty() ? ExitCode.OK : ExitCode.ofLoadFailures(failures);
    }
}
