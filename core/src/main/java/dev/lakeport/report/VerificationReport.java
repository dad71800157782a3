package dev.lakeport.report;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.lakeport.apply.tasks.JobStore;
import dev.lakeport.apply.tasks.TaskCount;
import dev.lakeport.diff.DiffStore;
import dev.lakeport.diff.DiffWords;
import dev.lakeport.diff.GroupSummary;
import dev.lakeport.plan.tasks.Job;
import dev.lakeport.plan.tasks.JobTask;
import dev.lakeport.plan.tasks.TaskLogEntry;
import dev.lakeport.plan.tasks.TaskState;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The verification report of a copy job: for every table of the job, what the latest metadata diff still finds for it,
 * and for every partition its three counts (an independent count at the source, the rows written, {@code COUNT(*)} at
 * the destination) with the verdict; then every task with its state and log. Exports as CSV (one row per partition),
 * JSON and standalone HTML.
 */
public final class VerificationReport implements ExportableReport {
    public static final String[] CSV_HEADER = {
        "database",
        "table",
        "partition",
        "taskId",
        "taskState",
        "sourceRows",
        "writtenRows",
        "destinationRows",
        "verified",
        "mismatch",
        "checkedAt"
    };

    private static final JsonFactory JSON =
            JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private final JobStore jobs;
    private final Job job;
    private final ReportInfo info;
    private final Optional<Long> diffRunId;
    private final DiffStore diffs;
    private final DiffWords words;

    /**
     * @param diffRunId the metadata diff to join (the latest, usually); empty when the project has none
     */
    public VerificationReport(
            JobStore jobs, long jobId, ReportInfo info, DiffStore diffs, Optional<Long> diffRunId, DiffWords words) {
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.job = jobs.job(jobId).orElseThrow(() -> new IllegalArgumentException("no job " + jobId));
        this.info = requireNonNull(info, "info is null");
        this.diffs = requireNonNull(diffs, "diffs is null");
        this.diffRunId = requireNonNull(diffRunId, "diffRunId is null");
        this.words = requireNonNull(words, "words is null");
    }

    /** What one table's rows and metadata came to. */
    public record TableVerdict(
            String database,
            String table,
            long partitions,
            long disagree,
            long source,
            long written,
            long destination,
            Optional<String> metadata) {
        public boolean passed() {
            return disagree == 0 && metadata.isEmpty();
        }
    }

    /** The job's tables in the order their counts were taken, each with its sums and the diff's word on it. */
    public List<TableVerdict> tables() {
        Map<String, List<TaskCount>> byTable = new LinkedHashMap<>();
        for (TaskCount c : jobs.verifications(job.id())) {
            byTable.computeIfAbsent(c.counts().table(), k -> new ArrayList<>()).add(c);
        }
        Map<String, GroupSummary> differences = differences();
        List<TableVerdict> tables = new ArrayList<>();
        byTable.forEach((qualified, counts) -> {
            String database = counts.get(0).database();
            String table = qualified.substring(database.length() + 1);
            GroupSummary d = differences.get(qualified);
            Optional<String> metadata =
                    d == null || d.total() - d.excluded() <= 0 ? Optional.empty() : Optional.of(metadataWords(d));
            tables.add(new TableVerdict(
                    database,
                    table,
                    counts.size(),
                    counts.stream().filter(c -> !c.passed()).count(),
                    sum(counts, c -> c.counts().source()),
                    sum(counts, c -> c.counts().written()),
                    sum(counts, c -> c.counts().destination()),
                    metadata));
        });
        return tables;
    }

    private String metadataWords(GroupSummary d) {
        List<String> parts = new ArrayList<>();
        if (d.creates() > 0) {
            parts.add(words.create() + " " + d.creates());
        }
        if (d.updates() > 0) {
            parts.add(words.update() + " " + d.updates());
        }
        if (d.deletes() > 0) {
            parts.add(words.delete() + " " + d.deletes());
        }
        return String.join(", ", parts);
    }

    /** The latest diff's differences per table ({@code db.table}); empty without a diff. */
    private Map<String, GroupSummary> differences() {
        Map<String, GroupSummary> byTable = new LinkedHashMap<>();
        if (diffRunId.isEmpty()) {
            return byTable;
        }
        for (GroupSummary g : diffs.tableSummaries(diffRunId.get(), Optional.empty())) {
            g.table().ifPresent(t -> byTable.put(g.database() + "." + t, g));
        }
        return byTable;
    }

    private Map<Long, JobTask> tasks() {
        Map<Long, JobTask> tasks = new LinkedHashMap<>();
        jobs.tasks(job.id()).forEach(t -> tasks.put(t.id(), t));
        return tasks;
    }

    @Override
    public void writeCsv(Writer out) throws IOException {
        Map<Long, JobTask> tasks = tasks();
        CSVPrinter csv = new CSVPrinter(
                out, CSVFormat.DEFAULT.builder().setHeader(CSV_HEADER).build());
        for (TaskCount c : jobs.verifications(job.id())) {
            JobTask task = tasks.get(c.taskId());
            csv.printRecord(
                    c.database(),
                    c.counts().table().substring(c.database().length() + 1),
                    c.counts().partition(),
                    c.taskId(),
                    task == null ? "" : task.state().name().toLowerCase(Locale.ROOT),
                    text(c.counts().source()),
                    text(c.counts().written()),
                    text(c.counts().destination()),
                    c.passed(),
                    c.mismatch().orElse(""),
                    c.checkedAt().toString());
        }
        csv.flush();
    }

    @Override
    public void writeJson(OutputStream out) throws IOException {
        List<TableVerdict> tables = tables();
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeObjectFieldStart("report");
            g.writeStringField("title", info.title());
            g.writeStringField("generatedAt", info.generatedAt().toString());
            g.writeStringField("source", info.sourceName());
            g.writeStringField("destination", info.destinationName());
            Html.writeRules(g, info);
            g.writeEndObject();

            g.writeObjectFieldStart("job");
            g.writeNumberField("id", job.id());
            g.writeStringField("label", job.label());
            g.writeStringField("mode", job.spec().mode().word());
            g.writeStringField("createdAt", job.createdAt().toString());
            g.writeObjectFieldStart("tasks");
            for (TaskState s : TaskState.values()) {
                g.writeNumberField(
                        s.name().toLowerCase(Locale.ROOT), job.counts().get(s));
            }
            g.writeEndObject();
            g.writeEndObject();

            g.writeObjectFieldStart("summary");
            g.writeBooleanField(
                    "passed",
                    tables.stream().allMatch(TableVerdict::passed)
                            && job.counts().get(TaskState.FAILED) == 0);
            g.writeNumberField("tables", tables.size());
            g.writeNumberField(
                    "partitions",
                    tables.stream().mapToLong(TableVerdict::partitions).sum());
            g.writeNumberField(
                    "partitionsDisagreeing",
                    tables.stream().mapToLong(TableVerdict::disagree).sum());
            g.writeNumberField(
                    "sourceRows",
                    tables.stream().mapToLong(TableVerdict::source).sum());
            g.writeNumberField(
                    "writtenRows",
                    tables.stream().mapToLong(TableVerdict::written).sum());
            g.writeNumberField(
                    "destinationRows",
                    tables.stream().mapToLong(TableVerdict::destination).sum());
            if (diffRunId.isPresent()) {
                g.writeNumberField("diffRunId", diffRunId.get());
            }
            g.writeEndObject();

            g.writeArrayFieldStart("tables");
            for (TableVerdict t : tables) {
                g.writeStartObject();
                g.writeStringField("database", t.database());
                g.writeStringField("table", t.table());
                g.writeNumberField("partitions", t.partitions());
                g.writeNumberField("partitionsDisagreeing", t.disagree());
                g.writeNumberField("sourceRows", t.source());
                g.writeNumberField("writtenRows", t.written());
                g.writeNumberField("destinationRows", t.destination());
                g.writeStringField("metadataDifferences", t.metadata().orElse(""));
                g.writeBooleanField("passed", t.passed());
                g.writeEndObject();
            }
            g.writeEndArray();

            g.writeArrayFieldStart("partitions");
            for (TaskCount c : jobs.verifications(job.id())) {
                g.writeStartObject();
                g.writeStringField("table", c.counts().table());
                g.writeStringField("partition", c.counts().partition());
                g.writeNumberField("taskId", c.taskId());
                number(g, "sourceRows", c.counts().source());
                number(g, "writtenRows", c.counts().written());
                number(g, "destinationRows", c.counts().destination());
                g.writeBooleanField("verified", c.passed());
                if (c.mismatch().isPresent()) {
                    g.writeStringField("mismatch", c.mismatch().get());
                }
                g.writeStringField("checkedAt", c.checkedAt().toString());
                g.writeEndObject();
            }
            g.writeEndArray();

            g.writeArrayFieldStart("tasks");
            for (JobTask t : tasks().values()) {
                g.writeStartObject();
                g.writeNumberField("id", t.id());
                g.writeStringField("table", t.database() + "." + t.table());
                g.writeNumberField("partitions", t.partitions().size());
                g.writeStringField("state", t.state().name().toLowerCase(Locale.ROOT));
                g.writeNumberField("attempts", t.attempts());
                if (t.lastError().isPresent()) {
                    g.writeStringField("lastError", t.lastError().get());
                }
                g.writeArrayFieldStart("log");
                for (TaskLogEntry line : jobs.log(t.id())) {
                    g.writeStartObject();
                    g.writeStringField("at", line.at().toString());
                    g.writeStringField("level", line.level().name());
                    g.writeStringField("message", line.message());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    /** Tables first (the verdict at a glance), then the partitions that disagree, every partition, the task logs. */
    @Override
    public void writeHtml(Writer out, int maxEntries) throws IOException {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("maxEntries must not be negative");
        }
        List<TableVerdict> tables = tables();
        List<TaskCount> counts = jobs.verifications(job.id());
        long disagree = counts.stream().filter(c -> !c.passed()).count();
        Html.begin(out, info);
        out.write("<div class=\"meta\">Job " + job.id() + " &middot; " + Html.escape(job.label()) + " &middot; "
                + Html.escape(job.spec().mode().word()) + " &middot; "
                + Html.escape(job.counts().toString())
                + diffRunId
                        .map(id -> " &middot; metadata compared by diff run " + id)
                        .orElse("") + "</div>\n");
        boolean passed = disagree == 0
                && job.counts().get(TaskState.FAILED) == 0
                && tables.stream().allMatch(TableVerdict::passed);
        out.write("<h2>" + (passed ? Html.badge("ok", "verified") : Html.badge("failed", "not verified")) + " "
                + String.format(
                        Locale.ROOT, "%,d tables, %,d partitions, %,d disagree", tables.size(), counts.size(), disagree)
                + "</h2>\n");

        out.write("<h2>Tables</h2>\n<table><tr><th>table</th><th>partitions</th><th>source rows</th>"
                + "<th>written</th><th>destination rows</th><th>disagree</th><th>metadata (latest diff)</th>"
                + "<th>verdict</th></tr>\n");
        for (TableVerdict t : tables) {
            out.write("<tr>" + Html.cell(t.database() + "." + t.table()) + Html.num(t.partitions())
                    + Html.num(t.source()) + Html.num(t.written()) + Html.num(t.destination())
                    + Html.num(t.disagree()) + Html.cell(t.metadata().orElse("in step")) + "<td>"
                    + (t.passed() ? Html.badge("ok", "verified") : Html.badge("failed", "differs")) + "</td></tr>\n");
        }
        out.write("</table>\n");

        out.write("<h2>Partitions</h2>\n<table><tr><th>table</th><th>partition</th><th>task</th><th>source</th>"
                + "<th>written</th><th>destination</th><th>verdict</th><th>why</th></tr>\n");
        long listed = 0;
        // the partitions that disagree first: they are what a reader looks for
        List<TaskCount> ordered =
                new ArrayList<>(counts.stream().filter(c -> !c.passed()).toList());
        ordered.addAll(counts.stream().filter(TaskCount::passed).toList());
        for (TaskCount c : ordered) {
            if (listed++ >= maxEntries) {
                break;
            }
            out.write("<tr>" + Html.cell(c.counts().table())
                    + Html.cell(c.counts().partition())
                    + Html.num(c.taskId()) + cell(c.counts().source())
                    + cell(c.counts().written())
                    + cell(c.counts().destination()) + "<td>"
                    + (c.passed() ? Html.badge("ok", "agree") : Html.badge("failed", "disagree")) + "</td>"
                    + Html.cell(c.mismatch().orElse("")) + "</tr>\n");
        }
        out.write("</table>\n");
        Html.more(out, counts.size() - Math.min(counts.size(), maxEntries), "partitions");

        out.write("<h2>Tasks</h2>\n<table><tr><th>task</th><th>table</th><th>state</th><th>attempts</th>"
                + "<th>log</th></tr>\n");
        int shown = 0;
        for (JobTask t : tasks().values()) {
            if (shown++ >= maxEntries) {
                break;
            }
            StringBuilder log = new StringBuilder();
            for (TaskLogEntry line : jobs.log(t.id())) {
                log.append(Html.escape(line.level() + " " + line.message())).append("<br>");
            }
            out.write("<tr>" + Html.num(t.id()) + Html.cell(t.describe()) + "<td>" + stateBadge(t.state()) + "</td>"
                    + Html.num(t.attempts()) + "<td>" + log + "</td></tr>\n");
        }
        out.write("</table>\n");
        Html.more(out, job.counts().total() - Math.min(job.counts().total(), maxEntries), "tasks");
        Html.end(out);
        out.flush();
    }

    private static String stateBadge(TaskState state) {
        return switch (state) {
            case SUCCEEDED -> Html.badge("ok", "succeeded");
            case FAILED -> Html.badge("failed", "failed");
            case RUNNING -> Html.badge("skipped", "running");
            case PENDING -> Html.badge("skipped", "pending");
        };
    }

    private static String cell(OptionalLong n) {
        return n.isPresent() ? Html.num(n.getAsLong()) : Html.cell("-");
    }

    private static void number(JsonGenerator g, String name, OptionalLong n) throws IOException {
        if (n.isPresent()) {
            g.writeNumberField(name, n.getAsLong());
        } else {
            g.writeNullField(name);
        }
    }

    private static String text(OptionalLong n) {
        return n.isPresent() ? Long.toString(n.getAsLong()) : "";
    }

    private static long sum(List<TaskCount> counts, java.util.function.Function<TaskCount, OptionalLong> n) {
        return counts.stream()
                .map(n)
                .filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong)
                .sum();
    }
}
