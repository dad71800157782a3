package dev.lakeport.cli;

import dev.lakeport.pipeline.Migration;
import dev.lakeport.report.DiffReport;
import dev.lakeport.report.ReportInfo;
import dev.lakeport.report.ResultReport;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import picocli.CommandLine.Option;

/** Where to export reports: any of HTML, CSV and JSON. */
final class ExportOptions {
    /** Entries listed in an HTML report; the rest are counted. CSV and JSON hold every entry. */
    static final int HTML_MAX_ENTRIES = 5_000;

    @Option(names = "--html", paramLabel = "FILE", description = "Write a standalone HTML report.")
    Path html;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write the entries as CSV.")
    Path csv;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the summary and entries as JSON.")
    Path json;

    void exportDiff(Migration migration, long diffRunId, PrintWriter out) throws java.io.IOException {
        if (html == null && csv == null && json == null) {
            return;
        }
        DiffReport report = new DiffReport(
                migration.diffs(),
                diffRunId,
                info(migration, "Lakeport diff " + diffRunId),
                migration.snapshot().itemNames());
        if (html != null) {
            createParent(html);
            report.writeHtml(html, HTML_MAX_ENTRIES);
            out.println("  Diff report (HTML): " + html.toAbsolutePath());
        }
        if (csv != null) {
            createParent(csv);
            report.writeCsv(csv);
            out.println("  Diff report (CSV):  " + csv.toAbsolutePath());
        }
        if (json != null) {
            createParent(json);
            report.writeJson(json);
            out.println("  Diff report (JSON): " + json.toAbsolutePath());
        }
    }

    void exportResults(Migration migration, String runId, PrintWriter out) throws java.io.IOException {
        if (html == null) {
            return;
        }
        Path file = html.resolveSibling(html.getFileName().toString().replaceFirst("(\\.html?)?$", "-result.html"));
        new ResultReport(migration.results(), runId, info(migration, "Lakeport run " + runId))
                .writeHtml(file, HTML_MAX_ENTRIES);
        out.println("  Result report (HTML): " + file.toAbsolutePath());
    }

    /** Writes the verification report of a copy job in the formats asked for; nothing when none was. */
    void exportVerification(Migration migration, long jobId, PrintWriter out) throws java.io.IOException {
        if (html == null && csv == null && json == null) {
            return;
        }
        var report = migration.copies().report(jobId, info(migration, "Lakeport verification, job " + jobId));
        if (html != null) {
            createParent(html);
            report.writeHtml(html, HTML_MAX_ENTRIES);
            out.println("  Verification report (HTML): " + html.toAbsolutePath());
        }
        if (csv != null) {
            createParent(csv);
            report.writeCsv(csv);
            out.println("  Verification report (CSV):  " + csv.toAbsolutePath());
        }
        if (json != null) {
            createParent(json);
            report.writeJson(json);
            out.println("  Verification report (JSON): " + json.toAbsolutePath());
        }
        out.flush();
    }

    static ReportInfo info(Migration migration, String title) {
        var config = migration.config();
        String source = config.source().connector().displayName() + " · "
                + config.source().describe();
        String destination = config.destination().connector().displayName() + " · "
                + config.destination().describe();
        return new ReportInfo(title, Instant.now(), source, destination)
                .withWords(config.route().words())
                .withExclusionRules(migration.exclusions().rules().rules().stream()
                        .map(dev.lakeport.mapping.ExclusionRule::describe)
                        .toList());
    }

    private static void createParent(Path file) throws java.io.IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}
