package dev.lakeport.report;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.lakeport.apply.ResultJson;
import dev.lakeport.diff.DiffEntry;
import dev.lakeport.diff.DiffQuery;
import dev.lakeport.diff.DiffResult;
import dev.lakeport.diff.DiffStore;
import dev.lakeport.diff.DiffSummary;
import dev.lakeport.diff.FieldChange;
import dev.lakeport.diff.GroupSummary;
import dev.lakeport.diff.StoredDiffEntry;
import dev.lakeport.model.ItemNames;
import dev.lakeport.model.ObjectKind;
import dev.lakeport.snapshot.CloseableIterator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Exports a stored diff run as CSV, JSON or a standalone HTML page. Entries are streamed from the store in key order;
 * nothing holds the whole diff in memory.
 */
public final class DiffReport implements ExportableReport {
    /** Entries an HTML page lists unless told otherwise: enough to browse, small enough for a browser to open. */
    public static final int DEFAULT_MAX_ENTRIES = 5_000;

    public static final String[] CSV_HEADER = {"itemType", "itemName", "diffResult", "included", "fieldChanges"};
    // The caller owns the stream it passes in.
    private static final JsonFactory JSON =
            JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private final DiffStore store;
    private final long runId;
    private final ReportInfo info;
    private final ItemNames names;

    /** A report naming partitions by their values alone; prefer the one that is given the snapshot's names. */
    public DiffReport(DiffStore store, long runId, ReportInfo info) {
        this(store, runId, info, ItemNames.WITHOUT_KEY_NAMES);
    }

    /** A report naming items with {@code names}, as the result log and the desktop do. */
    public DiffReport(DiffStore store, long runId, ReportInfo info, ItemNames names) {
        this.names = requireNonNull(names, "names is null");
        this.store = requireNonNull(store, "store is null");
        this.runId = runId;
        this.info = requireNonNull(info, "info is null");
        if (store.run(runId).isEmpty()) {
            throw new IllegalArgumentException("no diff run " + runId);
        }
    }

    /**
     * One row per entry. {@code fieldChanges} lists a {@code needUpdate}'s changes as {@code path: before -> after},
     * one per line of the cell.
     */
    @Override
    public void writeCsv(Writer out) throws IOException {
        CSVPrinter csv = new CSVPrinter(
                out, CSVFormat.DEFAULT.builder().setHeader(CSV_HEADER).build());
        try (CloseableIterator<StoredDiffEntry> it = store.stream(runId, DiffQuery.all())) {
            while (it.hasNext()) {
                StoredDiffEntry s = it.next();
                DiffEntry e = s.entry();
                csv.printRecord(
                        e.key().kind().itemType(),
                        names.of(e.key()),
                        info.words().word(e.result()),
                        s.included(),
                        e.changes().stream()
                                .map(c -> c.path() + ": " + c.before() + " -> " + c.after())
                                .collect(Collectors.joining("\n")));
            }
        }
        csv.flush();
    }

    /** {@code {"report": {...}, "summary": {...}, "entries": [...]}}, written as it is read. */
    @Override
    public void writeJson(OutputStream out) throws IOException {
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeObjectFieldStart("report");
            g.writeStringField("title", info.title());
            g.writeStringField("generatedAt", info.generatedAt().toString());
            g.writeStringField("source", info.sourceName());
            g.writeStringField("destination", info.destinationName());
            Html.writeRules(g, info);
            g.writeNumberField("diffRunId", runId);
            g.writeEndObject();

            DiffSummary summary = store.summary(runId);
            g.writeObjectFieldStart("summary");
            g.writeNumberField("total", summary.total());
            g.writeNumberField("excluded", excluded());
            for (DiffResult r : DiffResult.values()) {
                g.writeNumberField(info.words().word(r), summary.total(r));
            }
            g.writeObjectFieldStart("byKind");
            for (ObjectKind kind : ObjectKind.values()) {
                g.writeObjectFieldStart(kind.itemType());
                for (DiffResult r : DiffResult.values()) {
                    g.writeNumberField(info.words().word(r), summary.count(kind, r));
                }
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeArrayFieldStart("databases");
            for (GroupSummary s : store.databaseSummaries(runId)) {
                writeGroup(g, s);
            }
            g.writeEndArray();
            g.writeEndObject();

            g.writeArrayFieldStart("entries");
            try (CloseableIterator<StoredDiffEntry> it = store.stream(runId, DiffQuery.all())) {
                while (it.hasNext()) {
                    StoredDiffEntry s = it.next();
                    DiffEntry e = s.entry();
                    g.writeStartObject();
                    g.writeStringField("itemType", e.key().kind().itemType());
                    g.writeStringField("itemName", names.of(e.key()));
                    g.writeStringField("diffResult", info.words().word(e.result()));
                    g.writeBooleanField("included", s.included());
                    ResultJson.writeKey(g, e.key());
                    if (!e.changes().isEmpty()) {
                        g.writeArrayFieldStart("changes");
                        for (FieldChange c : e.changes()) {
                            g.writeStartObject();
                            g.writeStringField("path", c.path());
                            g.writeStringField("before", c.before());
                            g.writeStringField("after", c.after());
                            g.writeEndObject();
                        }
                        g.writeEndArray();
                    }
                    g.writeEndObject();
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    /** Entries the plan leaves out (exclusion rules, or the user's choice on the Diff page). */
    private long excluded() {
        return store.count(
                runId,
                new DiffQuery(
                        Optional.empty(), java.util.Set.of(), Optional.empty(), Optional.empty(), Optional.of(false)));
    }

    private void writeGroup(JsonGenerator g, GroupSummary s) throws IOException {
        g.writeStartObject();
        g.writeStringField("database", s.database());
        if (s.table().isPresent()) {
            g.writeStringField("table", s.table().get());
        }
        g.writeNumberField(info.words().create(), s.creates());
        g.writeNumberField(info.words().delete(), s.deletes());
        g.writeNumberField(info.words().update(), s.updates());
        g.writeNumberField("excluded", s.excluded());
        g.writeEndObject();
    }

    /**
     * A standalone page (inline CSS, no external resources): totals, per-database and per-table summaries, and the
     * first {@code maxEntries} entries with their field changes; a line says how many were left out.
     */
    @Override
    public void writeHtml(Writer out, int maxEntries) throws IOException {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("maxEntries must not be negative");
        }
        Html.begin(out, info);
        DiffSummary summary = store.summary(runId);

        out.write("<h2>Totals</h2>\n<table><tr><th>kind</th>");
        for (DiffResult r : DiffResult.values()) {
            out.write("<th>" + Html.badge(r.code(), info.words().word(r)) + "</th>");
        }
        out.write("<th>total</th></tr>\n");
        for (ObjectKind kind : ObjectKind.values()) {
            out.write("<tr>" + Html.cell(kind.itemType()));
            for (DiffResult r : DiffResult.values()) {
                out.write(Html.num(summary.count(kind, r)));
            }
            out.write(Html.num(summary.total(kind)) + "</tr>\n");
        }
        out.write("<tr><th>all</th>");
        for (DiffResult r : DiffResult.values()) {
            out.write(Html.num(summary.total(r)));
        }
        out.write(Html.num(summary.total()) + "</tr></table>\n");
        long excluded = excluded();
        if (excluded > 0) {
            out.write(
                    excluded == summary.total()
                            ? "<p class=\"excluded-note\">Differences remain: " + String.format("%,d", excluded)
                                    + ", all excluded by you.</p>\n"
                            : "<p class=\"excluded-note\">Excluded by you: " + String.format("%,d", excluded) + " of "
                                    + String.format("%,d", summary.total()) + " differences.</p>\n");
        }

        out.write("<h2>Per database</h2>\n");
        groups(out, store.databaseSummaries(runId), "database", maxEntries);
        out.write("<h2>Per table</h2>\n");
        groups(out, store.tableSummaries(runId, Optional.empty()), "table", maxEntries);

        out.write("<h2>Entries</h2>\n<table><tr><th>type</th><th>name</th><th>result</th><th>changes</th></tr>\n");
        long listed = 0;
        try (CloseableIterator<StoredDiffEntry> it = store.stream(runId, DiffQuery.all())) {
            while (it.hasNext() && listed < maxEntries) {
                entry(out, it.next());
                listed++;
            }
        }
        out.write("</table>\n");
        Html.more(out, summary.total() - listed, "entries");
        Html.end(out);
        out.flush();
    }

    private void groups(Writer out, List<GroupSummary> groups, String what, int max) throws IOException {
        out.write("<table><tr><th>" + what + "</th>");
        for (DiffResult r : DiffResult.values()) {
            out.write("<th>" + Html.badge(r.code(), info.words().word(r)) + "</th>");
        }
        out.write("<th>total</th><th>excluded</th></tr>\n");
        int n = 0;
        for (GroupSummary g : groups) {
            if (n++ >= max) {
                break;
            }
            out.write("<tr>" + Html.cell(g.name()) + Html.num(g.creates()) + Html.num(g.deletes())
                    + Html.num(g.updates()) + Html.num(g.total()) + Html.num(g.excluded()) + "</tr>\n");
        }
        out.write("</table>\n");
        Html.more(out, groups.size() - Math.min(groups.size(), max), what + " rows");
    }

    private void entry(Writer out, StoredDiffEntry s) throws IOException {
        DiffEntry e = s.entry();
        out.write(s.included() ? "<tr>" : "<tr class=\"excluded\" title=\"excluded from the plan\">");
        out.write(Html.cell(e.key().kind().itemType()));
        out.write(Html.cell(names.of(e.key())));
        out.write("<td>" + Html.badge(e.result().code(), info.words().word(e.result())) + "</td><td>");
        if (!e.changes().isEmpty()) {
            out.write("<ul class=\"changes\">");
            for (FieldChange c : e.changes()) {
                out.write("<li>" + Html.escape(c.path()) + ": <span class=\"before\">" + Html.escape(c.before())
                        + "</span> &rarr; <span class=\"after\">" + Html.escape(c.after()) + "</span></li>");
            }
            out.write("</ul>");
        }
        out.write("</td></tr>\n");
    }
}
