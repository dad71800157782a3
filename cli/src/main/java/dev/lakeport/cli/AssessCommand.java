package dev.lakeport.cli;

import dev.lakeport.assess.Assessment;
import dev.lakeport.assess.Assessor;
import dev.lakeport.model.ObjectKind;
import dev.lakeport.pipeline.Migration;
import dev.lakeport.pipeline.ProjectSettings;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.report.AssessmentReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** What a run would do with the loaded source, before anything runs. */
@Command(
        name = "assess",
        mixinStandardHelpOptions = true,
        description = "Assess the loaded source before anything runs (from the snapshot; run 'load' first): objects by"
                + " kind and format, what the destination cannot hold and where it goes instead, locations no"
                + " location.convertMap entry covers, views over tables outside the scope, names and types that"
                + " change, the calls and time of a first run at lakeport.concurrency (each call assumed to take"
                + " lakeport.assess.callLatency, default 50ms), and what needs a decision. Changes nothing.")
final class AssessCommand extends StepCommand {
    @Option(names = "--html", paramLabel = "FILE", description = "Also write the assessment as a standalone HTML page.")
    Path html;

    @Option(names = "--json", description = "Print the assessment as JSON instead of the summary.")
    boolean json;

    @Override
    int run(Migration migration, CancellationToken cancel) throws Exception {
        if (!Assessor.hasSource(migration.snapshot())) {
            err().println(
                            "error: nothing is loaded yet: run load first (lakeport-cli load --config FILE), then assess.");
            err().flush();
            return ExitCode.BAD_INPUT;
        }
        Properties stored = new ProjectSettings(migration.snapshot().dataSource()).load();
        Map<String, String> settings = new HashMap<>();
        stored.stringPropertyNames().forEach(k -> settings.put(k, stored.getProperty(k)));
        Assessment assessment = migration.assessor(settings).assess(cancel);
        AssessmentReport report = new AssessmentReport(assessment);
        if (json) {
            report.writeJson(out());
            out().println();
        } else {
            print(out(), assessment);
        }
        if (html != null) {
            Path parent = html.toAbsolutePath().getParent();
            if (parent != null) {
                java.nio.file.Files.createDirectories(parent);
            }
            report.writeHtml(html);
            (json ? err() : out()).println("  Assessment (HTML): " + html.toAbsolutePath());
        }
        out().flush();
        err().flush();
        return ExitCode.OK;
    }

    static void print(PrintWriter out, Assessment a) {
        Assessment.Counts c = a.counts();
        Assessment.Estimate e = a.estimate();
        out.printf("Assessment: %s -> %s, from the loaded source%n", a.sourceName(), a.destinationName());
        out.printf("  Databases   %,10d%n", c.databases());
        out.printf("  Tables      %,10d%n", c.tables());
        out.printf("  Views       %,10d%n", c.views());
        out.printf("  Partitions  %,10d%n", c.partitions());
        out.printf("  Functions   %,10d%n", c.functions());
        if (c.outOfScope() > 0) {
            out.printf("  (%,d objects in the snapshot are outside the scope and not counted)%n", c.outOfScope());
        }
        out.println("  Tables by format: "
                + a.tablesByFormat().entrySet().stream()
                        .map(f -> f.getKey().label() + " " + f.getValue())
                        .collect(Collectors.joining(", ")));
        long cannotHold = a.findings(Assessment.Topic.CANNOT_HOLD).stream()
                .mapToLong(Assessment.Finding::objects)
                .sum();
        out.printf(
                "  What %s cannot hold: %,d objects%s%n",
                a.destinationName(), cannotHold, codes(a, Assessment.Topic.CANNOT_HOLD));
        out.printf(
                "  Locations no location.convertMap entry covers: %,d under %,d prefixes%n",
                a.uncoveredLocationCount(), a.uncoveredLocations().size());
        out.printf(
                "  Views over tables outside the scope: %,d%n",
                a.viewsOutsideScope().size());
        Assessment.Changes ch = a.changes();
        out.printf(
                "  Names and types that change: %,d renamed, %,d columns retyped%s%n",
                ch.renamed(),
                ch.retypedColumns(),
                ch.functionTypes().isEmpty()
                        ? ""
                        : ", function types "
                                + ch.functionTypes().entrySet().stream()
                                        .map(f -> f.getKey().replace("\u2192", "->") + " " + f.getValue())
                                        .collect(Collectors.joining(", ")));
        long names = a.findings(Assessment.Topic.NAMES).stream()
                .mapToLong(Assessment.Finding::objects)
                .sum();
        if (names > 0) {
            out.printf("  Names %s may refuse: %,d objects%n", a.destinationName(), names);
        }
        out.printf(
                "  First run: %,d calls (%,d databases, %,d tables, %,d partition batches of %d, %,d functions),"
                        + " about %s at %d calls at a time and %s a call (lakeport.assess.callLatency)%s%n",
                e.totalCalls(),
                e.calls().getOrDefault(ObjectKind.DATABASE, 0L),
                e.calls().getOrDefault(ObjectKind.TABLE, 0L),
                e.calls().getOrDefault(ObjectKind.PARTITION, 0L),
                e.partitionBatch(),
                e.calls().getOrDefault(ObjectKind.FUNCTION, 0L),
                AssessmentReport.duration(e.time()),
                e.concurrency(),
                AssessmentReport.duration(e.callLatency()),
                e.rate() > 0 ? ", at most " + e.rate() + " calls a second" : "");
        List<Assessment.Decision> decisions = a.decisions();
        out.println();
        if (decisions.isEmpty()) {
            out.println("Nothing needs a decision.");
            return;
        }
        out.printf("Needs a decision (%d):%n", decisions.size());
        int i = 1;
        for (Assessment.Decision d : decisions) {
            out.printf("  %d. [%s] %s%n", i++, d.topic(), d.what());
            out.printf("     what to do: %s%n", d.whatToDo());
        }
    }

    private static String codes(Assessment a, Assessment.Topic topic) {
        List<Assessment.Finding> findings = a.findings(topic);
        if (findings.isEmpty()) {
            return "";
        }
        return " ("
                + findings.stream()
                        .map(f -> f.code().name() + " " + f.objects())
                        .collect(Collectors.joining(", "))
                + ")";
    }
}
