package dev.lakeport.report;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.lakeport.assess.Assessment;
import dev.lakeport.assess.StorageFormat;
import dev.lakeport.mapping.UncoveredLocations;
import dev.lakeport.model.ObjectKind;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes an {@link Assessment} as a standalone HTML page (one file, inline styles, charts as inline SVG bars, no
 * scripts) or as JSON. Every name and message is escaped: they come from the catalog.
 */
public final class AssessmentReport {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private static final String[] COLOURS = {
        "#0969da", "#1a7f37", "#9a6700", "#8250df", "#cf222e", "#1b7c83", "#bc4c00", "#4d2d00", "#59636e"
    };
    private static final String CSS =
            """
            .kpis{display:flex;flex-wrap:wrap;gap:.8em;margin:.5em 0 1em}
            .kpi{border:1px solid #d1d9e0;border-radius:.5em;padding:.5em 1em;min-width:7em}
            .kpi b{display:block;font-size:1.5em;font-variant-numeric:tabular-nums}
            .kpi span{color:#59636e}
            svg.bars text{font:13px system-ui,-apple-system,Segoe UI,Roboto,sans-serif;fill:#1f2328}
            .todo{color:#59636e}
            .none{color:#1a7f37}
            """;

    private final Assessment assessment;
    private final ReportInfo info;

    public AssessmentReport(Assessment assessment) {
        this.assessment = requireNonNull(assessment, "assessment is null");
        this.info = new ReportInfo(
                "Assessment: " + assessment.route(),
                assessment.generatedAt(),
                assessment.sourceName(),
                assessment.destinationName());
    }

    public void writeJson(OutputStream out) throws IOException {
        JSON.writeValue(out, assessment);
        out.flush();
    }

    public void writeJson(Writer out) throws IOException {
        JSON.writeValue(out, assessment);
        out.flush();
    }

    public void writeJson(Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            writeJson(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public void writeHtml(Path file) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writeHtml(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public void writeHtml(Writer out) throws IOException {
        Html.begin(out, info);
        out.write("<style>" + CSS + "</style>\n");
        Assessment a = assessment;
        Assessment.Counts c = a.counts();
        Assessment.Estimate e = a.estimate();

        out.write("<div class=\"kpis\">");
        kpi(out, c.databases(), "databases");
        kpi(out, c.tables(), "tables");
        kpi(out, c.views(), "views");
        kpi(out, c.partitions(), "partitions");
        kpi(out, c.functions(), "functions");
        kpi(out, e.totalCalls(), "calls");
        out.write("<div class=\"kpi\"><b>" + Html.escape(duration(e.time())) + "</b><span>estimated time</span></div>");
        kpi(out, a.decisions().size(), "decisions");
        out.write("</div>\n");
        if (c.outOfScope() > 0) {
            out.write("<p>" + String.format(Locale.ROOT, "%,d", c.outOfScope())
                    + " objects in the snapshot are outside the scope and not counted here.</p>\n");
        }

        out.write("<h2>Objects by kind</h2>\n");
        Map<String, Long> kinds = new LinkedHashMap<>();
        kinds.put("databases", c.databases());
        kinds.put("tables", c.tables());
        kinds.put("views", c.views());
        kinds.put("partitions", c.partitions());
        kinds.put("functions", c.functions());
        bars(out, kinds, "objects-by-kind");

        out.write("<h2>Tables by format</h2>\n");
        Map<String, Long> formats = new LinkedHashMap<>();
        for (Map.Entry<StorageFormat, Long> f : a.tablesByFormat().entrySet()) {
            formats.put(f.getKey().label(), f.getValue());
        }
        bars(out, formats, "tables-by-format");

        out.write("<h2>Needs a decision</h2>\n");
        if (a.decisions().isEmpty()) {
            out.write("<p class=\"none\">Nothing: the route carries everything in scope as it is.</p>\n");
        } else {
            out.write(
                    "<table id=\"decisions\"><tr><th>topic</th><th>what</th><th>objects</th><th>what to do</th></tr>\n");
            for (Assessment.Decision d : a.decisions()) {
                out.write("<tr>" + Html.cell(d.topic()) + Html.cell(d.what()) + Html.num(d.objects())
                        + "<td class=\"todo\">" + Html.escape(d.whatToDo()) + "</td></tr>\n");
            }
            out.write("</table>\n");
        }

        out.write("<h2>What " + Html.escape(a.destinationName()) + " cannot hold, and where it goes instead</h2>\n");
        findings(out, a.findings(Assessment.Topic.CANNOT_HOLD));

        out.write("<h2>Locations no location.convertMap entry covers</h2>\n");
        if (a.uncoveredLocations().isEmpty()) {
            out.write("<p class=\"none\">None: every location is rewritten.</p>\n");
        } else {
            out.write("<table id=\"uncovered\"><tr><th>prefix</th><th>locations</th><th>example</th></tr>\n");
            for (UncoveredLocations.Group g : a.uncoveredLocations()) {
                out.write("<tr>" + Html.cell(g.prefix()) + Html.num(g.count()) + Html.cell(g.example()) + "</tr>\n");
            }
            out.write("</table>\n");
        }
        findings(
                out,
                a.findings(Assessment.Topic.LOCATIONS).stream()
                        .filter(f -> f.code() != dev.lakeport.mapping.MappingWarning.Code.UNMAPPED_LOCATION)
                        .toList());

        out.write("<h2>Views over tables outside the scope</h2>\n");
        if (a.viewsOutsideScope().isEmpty()) {
            out.write("<p class=\"none\">None.</p>\n");
        } else {
            out.write("<table id=\"views\"><tr><th>view</th><th>reads, outside the scope</th></tr>\n");
            for (Assessment.ViewOutsideScope v : a.viewsOutsideScope()) {
                out.write("<tr>" + Html.cell(v.view()) + Html.cell(String.join(", ", v.tablesOutside())) + "</tr>\n");
            }
            out.write("</table>\n");
        }

        out.write("<h2>Names and types that change</h2>\n");
        Assessment.Changes ch = a.changes();
        out.write("<table id=\"changes\"><tr><th>change</th><th>objects</th><th>examples</th></tr>\n");
        out.write("<tr>" + Html.cell("renamed objects") + Html.num(ch.renamed())
                + Html.cell(String.join("; ", ch.renameExamples())) + "</tr>\n");
        out.write("<tr>" + Html.cell("columns with another type") + Html.num(ch.retypedColumns())
                + Html.cell(String.join("; ", ch.retypeExamples())) + "</tr>\n");
        for (Map.Entry<String, Long> f : ch.functionTypes().entrySet()) {
            out.write("<tr>" + Html.cell("function type " + f.getKey()) + Html.num(f.getValue()) + Html.cell("")
                    + "</tr>\n");
        }
        out.write("</table>\n");
        findings(out, a.findings(Assessment.Topic.NAMES));

        out.write("<h2>Calls and time of a first run</h2>\n");
        out.write("<p>Every object in scope created in an empty " + Html.escape(a.destinationName())
                + "; a later run makes only the calls its diff needs.</p>\n");
        out.write("<table id=\"estimate\"><tr><th>kind</th><th>calls</th></tr>\n");
        for (Map.Entry<ObjectKind, Long> k : e.calls().entrySet()) {
            String label = k.getKey() == ObjectKind.PARTITION
                    ? "partition (batches of " + e.partitionBatch() + ")"
                    : k.getKey().itemType();
            out.write("<tr>" + Html.cell(label) + Html.num(k.getValue()) + "</tr>\n");
        }
        out.write("<tr><th>all</th>" + Html.num(e.totalCalls()) + "</tr></table>\n");
        out.write("<p>Assumed: " + e.concurrency() + " calls at a time (lakeport.concurrency), "
                + Html.escape(duration(e.callLatency())) + " a call (lakeport.assess.callLatency)"
                + (e.rate() > 0 ? ", at most " + fmt(e.rate()) + " calls a second (lakeport.rate)" : "")
                + ": about <b>" + Html.escape(duration(e.time())) + "</b>.</p>\n");
        Html.end(out);
        out.flush();
    }

    private static void findings(Writer out, List<Assessment.Finding> findings) throws IOException {
        if (findings.isEmpty()) {
            out.write("<p class=\"none\">Nothing.</p>\n");
            return;
        }
        out.write(
                "<table class=\"findings\"><tr><th>kind</th><th>objects</th><th>examples</th><th>what to do</th></tr>\n");
        for (Assessment.Finding f : findings) {
            out.write("<tr>" + Html.cell(f.code().name()) + Html.num(f.objects()) + "<td><ul class=\"changes\">");
            for (String example : f.examples()) {
                out.write("<li>" + Html.escape(example) + "</li>");
            }
            out.write("</ul></td><td class=\"todo\">" + Html.escape(f.whatToDo()) + "</td></tr>\n");
        }
        out.write("</table>\n");
    }

    private static void kpi(Writer out, long n, String label) throws IOException {
        out.write("<div class=\"kpi\"><b>" + String.format(Locale.ROOT, "%,d", n) + "</b><span>" + Html.escape(label)
                + "</span></div>");
    }

    /** Horizontal bars, one per entry, scaled to the largest; the figure is written beside each bar. */
    private static void bars(Writer out, Map<String, Long> values, String id) throws IOException {
        if (values.isEmpty()) {
            out.write("<p class=\"none\">Nothing.</p>\n");
            return;
        }
        int row = 26;
        int labelWidth = 120;
        int barWidth = 420;
        long max = values.values().stream().mapToLong(Long::longValue).max().orElse(1);
        int height = values.size() * row + 4;
        out.write("<svg class=\"bars\" id=\"" + Html.escape(id) + "\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\""
                + " width=\"" + (labelWidth + barWidth + 90) + "\" height=\"" + height + "\">");
        int i = 0;
        for (Map.Entry<String, Long> v : values.entrySet()) {
            int y = i * row + 2;
            long width = max == 0
                    ? 0
                    : Math.max(v.getValue() > 0 ? 2 : 0, Math.round((double) v.getValue() / max * barWidth));
            out.write("<text x=\"0\" y=\"" + (y + 17) + "\">" + Html.escape(v.getKey()) + "</text>");
            out.write("<rect x=\"" + labelWidth + "\" y=\"" + y + "\" width=\"" + width + "\" height=\"" + (row - 6)
                    + "\" rx=\"3\" fill=\"" + COLOURS[i % COLOURS.length] + "\"><title>" + Html.escape(v.getKey())
                    + ": " + String.format(Locale.ROOT, "%,d", v.getValue()) + "</title></rect>");
            out.write("<text x=\"" + (labelWidth + width + 6) + "\" y=\"" + (y + 17) + "\">"
                    + String.format(Locale.ROOT, "%,d", v.getValue()) + "</text>");
            i++;
        }
        out.write("</svg>\n");
    }

    /** {@code 1 h 02 min}, {@code 3 min 20 s}, {@code 12.5 s}, {@code 80 ms}. */
    public static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        long s = d.toSeconds();
        if (s < 60) {
            return fmt(ms / 1000.0) + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min " + String.format(Locale.ROOT, "%02d", s % 60) + " s";
        }
        return (s / 3600) + " h " + String.format(Locale.ROOT, "%02d", (s % 3600) / 60) + " min";
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
