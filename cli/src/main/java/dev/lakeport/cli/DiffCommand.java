package dev.lakeport.cli;

import dev.lakeport.apply.FailedItems;
import dev.lakeport.diff.DiffRun;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.pipeline.Migration;
import dev.lakeport.progress.CancellationToken;
import java.nio.file.Path;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Compares the mapped source with the destination, from the snapshot. */
@Command(
        name = "diff",
        mixinStandardHelpOptions = true,
        description = "Compare the mapped source with the destination (from the snapshot; run 'load' first) "
                + "and store the differences in the route's words: for Glue -> DLF glueNew (create), dlfNew (delete),"
                + " needUpdate (update); for Hive -> DLF hiveNew, dlfNew, needUpdate.")
final class DiffCommand extends StepCommand {
    @Option(
            names = "--failed-items",
            paramLabel = "FILE",
            description = "Restrict the diff to the items of an earlier run's failed-items file.")
    Path failedItems;

    @Option(
            names = "--types",
            paramLabel = "DATABASE.TABLE",
            split = ",",
            description = "Show how each column's type is mapped for these source tables (source type, destination"
                    + " type and the project flag or rule that decided it), for routes into another type system"
                    + " such as Hive -> MaxCompute.")
    java.util.List<String> types = java.util.List.of();

    @Mixin
    ExportOptions export;

    @Override
    int run(Migration migration, CancellationToken cancel) throws Exception {
        Set<ObjectKey> restrict = failedItems == null ? Set.of() : FailedItems.read(failedItems);
        DiffRun run;
        try (ConsoleProgress progress = progress()) {
            run = migration.diff(restrict, progress, cancel);
        }
        Summaries.diff(
                out(),
                run.runId(),
                run.summary(),
                migration.diffs().databaseSummaries(run.runId()),
                migration.config().route().words());
        Summaries.remaining(out(), migration.remaining(run.runId()));
        Summaries.scopeWidening(out(), migration.scopeWidening());
        if (failedItems != null) {
            long differ = Math.min(run.summary().total(), restrict.size());
            out().printf(
                            "  Of the %,d failed items in %s, %,d still differ from the destination as the snapshot holds it"
                                    + " and %,d already match (to see what the failed calls did after all, run 'lakeport-cli"
                                    + " load --side destination' first).%n",
                            restrict.size(), failedItems, differ, restrict.size() - differ);
        }
        Summaries.mapping(
                out(), migration.checkMapping(cancel), migration.snapshot().itemNames());
        for (String table : types) {
            Summaries.columnTypes(out(), table, migration);
        }
        Summaries.destinationProblems(
                out(), migration.config().destination().describe(), migration.destinationProblems(cancel));
        export.exportDiff(migration, run.runId(), out());
        out().flush();
        return ExitCode.OK;
    }
}
