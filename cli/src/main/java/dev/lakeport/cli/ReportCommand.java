package dev.lakeport.cli;

import dev.lakeport.apply.ResultRunInfo;
import dev.lakeport.apply.RunSummary;
import dev.lakeport.diff.DiffResult;
import dev.lakeport.diff.DiffRunInfo;
import dev.lakeport.diff.DiffSummary;
import dev.lakeport.pipeline.Migration;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.report.ResultReport;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Exports a stored diff or a run's result log again, as HTML, CSV or JSON. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = "Export a stored diff (default: the latest) or a run's results as HTML, CSV or JSON; "
                + "with no output option, list the project's diffs and runs.")
final class ReportCommand extends StepCommand {
    static final class What {
        @Option(names = "--diff-run", paramLabel = "ID", description = "The diff run to export.")
        Long diffRun;

        @Option(names = "--run", paramLabel = "RUN_ID", description = "The apply run whose results to export.")
        String run;
    }

    @ArgGroup(exclusive = true)
    What what;

    @picocli.CommandLine.Mixin
    ExportOptions export;

    private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(java.time.ZoneOffset.UTC);

    /** The project's stored diffs and runs as two readable tables, newest first. */
    private void listRuns(Migration migration) {
        var diffs = migration.diffs().runs();
        out().println("Diff runs (export one with: report --diff-run ID --html FILE):");
        if (diffs.isEmpty()) {
            out().println("  none yet: run 'lakeport-cli diff'");
        } else {
            out().printf(
                            "  %6s  %-23s  %-11s  %10s  %10s  %10s  %s%n",
                            "ID",
                            "Started",
                            "Status",
                            migration.config().route().words().create(),
                            migration.config().route().words().delete(),
                            migration.config().route().words().update(),
                            "Label");
            for (DiffRunInfo r : diffs) {
                DiffSummary s = migration.diffs().summary(r.runId());
                out().printf(
                                "  %6d  %-23s  %-11s  %,10d  %,10d  %,10d  %s%n",
                                r.runId(),
                                TIME.format(r.startedAt()),
                                r.status(),
                                s.total(DiffResult.CREATE),
                                s.total(DiffResult.DELETE),
                                s.total(DiffResult.UPDATE),
                                r.label());
            }
        }
        out().println();
        List<ResultRunInfo> runs = migration.results().runs();
        out().println("Apply runs (export one with: report --run RUN_ID --html FILE):");
        if (runs.isEmpty()) {
            out().println("  none yet: run 'lakeport-cli apply'");
        } else {
            out().printf(
                            "  %-20s  %-23s  %-12s  %10s  %10s  %10s  %10s  %10s  %10s%n",
                            "Run", "Started", "Status", "created", "updated", "deleted", "skipped", "failed",
                            "not run");
            for (ResultRunInfo r : runs) {
                RunSummary.Counts c = migration.results().summary(r.runId()).totals();
                String status = r.finishedAt().isEmpty()
                        ? "interrupted"
                        : r.cancelled() ? "cancelled" : r.dryRun() ? "dry run" : "finished";
                out().printf(
                                "  %-20s  %-23s  %-12s  %,10d  %,10d  %,10d  %,10d  %,10d  %,10d%n",
                                r.runId(),
                                TIME.format(r.startedAt()),
                                status,
                                c.created(),
                                c.updated(),
                                c.deleted(),
                                c.skipped(),
                                c.failed(),
                                c.notRun());
            }
        }
        out().flush();
    }

    @Override
    int run(Migration migration, CancellationToken cancel) throws Exception {
        if (export.html == null && export.csv == null && export.json == null) {
            listRuns(migration);
            return ExitCode.OK;
        }
        if (what != null && what.run != null) {
            ResultReport report = new ResultReport(
                    migration.results(), what.run, ExportOptions.info(migration, "Lakeport run " + what.run));
            if (export.html != null) {
                report.writeHtml(export.html, ExportOptions.HTML_MAX_ENTRIES);
                out().println("  Result report (HTML): " + export.html.toAbsolutePath());
            }
            if (export.csv != null) {
                report.writeCsv(export.csv);
                out().println("  Result report (CSV):  " + export.csv.toAbsolutePath());
            }
            if (export.json != null) {
                report.writeJson(export.json);
                out().println("  Result report (JSON): " + export.json.toAbsolutePath());
            }
        } else {
            long runId = what != null && what.diffRun != null ? what.diffRun : ApplyCommand.latestDiffRun(migration);
            export.exportDiff(migration, runId, out());
        }
        out().flush();
        return ExitCode.OK;
    }
}
