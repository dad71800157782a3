package dev.lakeport.report;

import java.io.IOException;
import java.io.Writer;

/**
 * The pieces shared by the standalone HTML reports: escaping, one inline stylesheet, badges. Everything that comes
 * from a catalog is escaped: names, values and messages are user data and may hold markup.
 */
final class Html {
    static final String CSS =
            """
            body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2em;color:#1f2328;background:#fff}
            h1{font-size:1.6em;margin:0 0 .2em}h2{font-size:1.2em;margin:1.6em 0 .5em}
            .meta{color:#59636e;margin-bottom:1em}
            table{border-collapse:collapse;margin:.5em 0;min-width:30em}
            th,td{border:1px solid #d1d9e0;padding:.3em .6em;text-align:left;vertical-align:top}
            th{background:#f6f8fa}td.n{text-align:right;font-variant-numeric:tabular-nums}
            .badge{display:inline-block;border-radius:1em;padding:0 .6em;font-size:.85em;font-weight:600;color:#fff}
            .create{background:#1a7f37}.delete{background:#cf222e}.update{background:#9a6700}
            .ok{background:#1a7f37}.failed{background:#cf222e}.skipped{background:#59636e}
            .excluded{color:#59636e;text-decoration:line-through}
            .changes{margin:0;padding-left:1.2em;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em}
            .before{color:#cf222e}.after{color:#1a7f37}
            .more{color:#59636e;font-style:italic}
            """;

    private Html() {}

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    if (c < ' ' && c != '\n' && c != '\t') {
                        sb.append("&#xFFFD;");
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    static void begin(Writer out, ReportInfo info) throws IOException {
        out.write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
                + "<title>");
        out.write(escape(info.title()));
        out.write("</title><style>");
        out.write(CSS);
        out.write("</style></head><body>\n<h1>");
        out.write(escape(info.title()));
        out.write("</h1>\n<div class=\"meta\">Generated ");
        out.write(escape(info.generatedAt()
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .toString()));
        out.write(" &middot; source <b>");
        out.write(escape(info.sourceName()));
        out.write("</b> &rarr; destination <b>");
        out.write(escape(info.destinationName()));
        out.write("</b></div>\n");
        if (!info.exclusionRules().isEmpty()) {
            out.write("<h2>Exclusion rules</h2>\n<p>Excluded by you: no run creates, updates or deletes these, and"
                    + " the differences they cover are listed as excluded.</p>\n<ul class=\"rules\">");
            for (String rule : info.exclusionRules()) {
                out.write("<li>" + escape(rule) + "</li>");
            }
            out.write("</ul>\n");
        }
    }

    static void writeRules(com.fasterxml.jackson.core.JsonGenerator g, ReportInfo info) throws IOException {
        g.writeArrayFieldStart("exclusionRules");
        for (String rule : info.exclusionRules()) {
            g.writeString(rule);
        }
        g.writeEndArray();
    }

    static void end(Writer out) throws IOException {
        out.write("</body></html>\n");
    }

    static String badge(String cssClass, String text) {
        return "<span class=\"badge " + escape(cssClass) + "\">" + escape(text) + "</span>";
    }

    static String num(long n) {
        return "<td class=\"n\">" + String.format(java.util.Locale.ROOT, "%,d", n) + "</td>";
    }

    static String cell(String text) {
        return "<td>" + escape(text) + "</td>";
    }

    static void more(Writer out, long leftOut, String what) throws IOException {
        if (leftOut > 0) {
            out.write("<p class=\"more\">" + leftOut + " more " + escape(what)
                    + " not listed here; the CSV and JSON exports have them all.</p>\n");
        }
    }
}
