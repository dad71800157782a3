package dev.lakeport.report;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.lakeport.apply.Outcome;
import dev.lakeport.apply.ResultGroupSummary;
import dev.lakeport.apply.ResultJson;
import dev.lakeport.apply.ResultRecord;
import dev.lakeport.apply.ResultStore;
import dev.lakeport.apply.RunSummary;
import dev.lakeport.apply.StoredResult;
import dev.lakeport.model.ObjectKind;
import dev.lakeport.snapshot.CloseableIterator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Exports a stored apply run as CSV (the result log's columns), JSON or a standalone HTML page, streamed from the
 * store, so a run can be reported again long after it finished.
 */
public final class ResultReport implements ExportableReport {
    /** Entries an HTML page lists unless told otherwise: enough to browse, small enough for a browser to open. */
    public static final int DEFAULT_MAX_ENTRIES = 5_000;

    // The caller owns the stream it passes in.
    private static final JsonFactory JSON =
            JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private final ResultStore store;
    private final String runId;
    private final ReportInfo info;

    public ResultReport(ResultStore store, String runId, ReportInfo info) {
        this.store = requireNonNull(store, "store is null");
        this.runId = requireNonNull(runId, "runId is null");
        this.info = requireNonNull(info, "info is null");
        if (store.run(runId).isEmpty()) {
            throw new IllegalArgumentException("no result run " + runId);
        }
    }

    /** The result log's CSV: {@code itemType,itemName,diffResult,isSuccess,errorMsg,time,durationMs}. */
    @Override
    public void writeCsv(Writer out) throws IOException {
        CSVPrinter csv = new CSVPrinter(
                out, CSVFormat.DEFAULT.builder().setHeader(ResultRecord.FIELDS).build());
        try (CloseableIterator<StoredResult> it = store.stream(runId)) {
            while (it.hasNext()) {
                ResultRecord r = it.next().record();
                csv.printRecord(
                        r.itemType(),
                        r.itemName(),
                        r.diffResult(),
                        r.isSuccess(),
                        r.errorMsg(),
                        r.time().toString(),
                        r.durationMs());
            }
        }
        csv.flush();
    }

    /** {@code {"report": {...}, "summary": {...}, "records": [...]}}, written as it is read. */
    @Override
    public void writeJson(OutputStream out) throws IOException {
        RunSummary summary = store.summary(runId);
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeObjectFieldStart("report");
            g.writeStringField("title", info.title());
            g.writeStringField("generatedAt", info.generatedAt().toString());
            g.writeStringField("source", info.sourceName());
            g.writeStringField("destination", info.destinationName());
            Html.writeRules(g, info);
            g.writeStringField("runId", runId);
            g.writeEndObject();

            g.writeObjectFieldStart("summary");
            g.writeBooleanField("dryRun", summary.dryRun());
            g.writeBooleanField("cancelled", summary.cancelled());
            g.writeNumberField("durationMs", summary.duration().toMillis());
            writeCounts(g, "total", summary.totals());
            g.writeObjectFieldStart("byKind");
            for (ObjectKind kind : ObjectKind.values()) {
                writeCounts(g, kind.itemType(), summary.counts(kind));
            }
            g.writeEndObject();
            g.writeEndObject();

            g.writeArrayFieldStart("records");
            try (CloseableIterator<StoredResult> it = store.stream(runId)) {
                while (it.hasNext()) {
                    StoredResult s = it.next();
                    g.writeStartObject();
                    ResultJson.writeFields(g, s.record());
                    g.writeStringField("outcome", s.outcome().name());
                    ResultJson.writeKey(g, s.key());
                    g.writeEndObject();
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void writeCounts(JsonGenerator g, String name, RunSummary.Counts c) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeNumberField("created", c.created());
        g.writeNumberField("updated", c.updated());
        g.writeNumberField("deleted", c.deleted());
        g.writeNumberField("skipped", c.skipped());
        g.writeNumberField("failed", c.failed());
        g.writeNumberField("notRun", c.notRun());
        g.writeEndObject();
    }

    /** A standalone page: totals, per-database and per-table summaries, and the first {@code maxEntries} records. */
    @Override
    public void writeHtml(Writer out, int maxEntries) throws IOException {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("maxEntries must not be negative");
        }
        RunSummary summary = store.summary(runId);
        Html.begin(out, info);
        out.write("<div class=\"meta\">Run " + Html.escape(runId) + " &middot; "
                + summary.duration().toMillis()
                + " ms" + (summary.dryRun() ? " &middot; <b>dry run</b>: nothing was written" : "")
                + (summary.cancelled() ? " &middot; <b>cancelled</b>" : "") + "</div>\n");

        out.write("<h2>Totals</h2>\n<table><tr><th>kind</th><th>created</th><th>updated</th><th>deleted</th>"
                + "<th>skipped</th><th>failed</th><th>not run</th></tr>\n");
        for (ObjectKind kind : ObjectKind.values()) {
            countsRow(out, kind.itemType(), summary.counts(kind));
        }
        countsRow(out, "all", summary.totals());
        out.write("</table>\n");

        out.write("<h2>Per database</h2>\n");
        groups(out, store.databaseSummaries(runId), "database", maxEntries);
        out.write("<h2>Per table</h2>\n");
        groups(out, store.tableSummaries(runId), "table", maxEntries);

        out.write("<h2>Items</h2>\n<table><tr><th>itemType</th><th>itemName</th><th>diffResult</th>"
                + "<th>isSuccess</th><th>errorMsg</th><th>time</th><th>ms</th></tr>\n");
        long listed = 0;
        try (CloseableIterator<StoredResult> it = store.stream(runId)) {
            while (it.hasNext() && listed < maxEntries) {
                StoredResult s = it.next();
                ResultRecord r = s.record();
                out.write("<tr>" + Html.cell(r.itemType()) + Html.cell(r.itemName()) + "<td>"
                        + Html.badge(r.diffResult(), r.diffResult()) + "</td><td>" + outcomeBadge(s.outcome())
                        + "</td>" + Html.cell(r.errorMsg()) + Html.cell(r.time().toString()) + Html.num(r.durationMs())
                        + "</tr>\n");
                listed++;
            }
        }
        out.write("</table>\n");
        Html.more(out, summary.totals().total() - listed, "items");
        Html.end(out);
        out.flush();
    }

    private static String outcomeBadge(Outcome outcome) {
        return switch (outcome) {
            case SUCCEEDED -> Html.badge("ok", "true");
            case FAILED -> Html.badge("failed", "false");
            case SKIPPED -> Html.badge("skipped", "skipped");
            case NOT_RUN -> Html.badge("skipped", "not run");
        };
    }

    private static void countsRow(Writer out, String name, RunSummary.Counts c) throws IOException {
        out.write("<tr>" + Html.cell(name) + Html.num(c.created()) + Html.num(c.updated()) + Html.num(c.deleted())
                + Html.num(c.skipped()) + Html.num(c.failed()) + Html.num(c.notRun()) + "</tr>\n");
    }

    private static void groups(Writer out, List<ResultGroupSummary> groups, String what, int max) throws IOException {
        out.write("<table><tr><th>" + what + "</th><th>succeeded</th><th>failed</th><th>skipped</th>"
                + "<th>not run</th><th>total</th></tr>\n");
        int n = 0;
        for (ResultGroupSummary g : groups) {
            if (n++ >= max) {
                break;
            }
            out.write("<tr>" + Html.cell(g.name()) + Html.num(g.succeeded()) + Html.num(g.failed())
                    + Html.num(g.skipped()) + Html.num(g.notRun()) + Html.num(g.total()) + "</tr>\n");
        }
        out.write("</table>\n");
        Html.more(out, groups.size() - Math.min(groups.size(), max), what + " rows");
    }
}
