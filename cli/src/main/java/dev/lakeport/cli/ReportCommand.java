package dev.lakeport.cli;

import dev.lakeport.apply.ResultRunInfo;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.project.Migration;
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

    @Override
    int run(Migration migration, CancellationToken cancel) throws Exception {
        if (export.html == null && export.csv == null && export.json == null) {
            out().println("Diff runs:");
            migration.diffs().runs().forEach(r -> out().printf(
                            "  %d  %s  %s  %s%n", r.runId(), r.startedAt(), r.status(), r.label()));
            out().println("Apply runs:");
            List<ResultRunInfo> runs = migration.results().runs();
            runs.forEach(r -> out().println("  " + r));
            out().flush();
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
