package dev.lakeport.launch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakeport.apply.RunSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The job's records as text: one JSON object per line, prefixed with {@link #PREFIX} when printed in the driver's log
 * (so a client finds them among Spark's lines in a Livy or YARN log), bare in the job's
 * {@code progress-<runId>.jsonl} file under {@code result.output.path}.
 *
 * <pre>
 * LAKEPORT {"type":"progress","runId":"r1","phase":"load","done":10,"failed":1,"total":20,"rate":5.0,"time":"..."}
 * LAKEPORT {"type":"summary","runId":"r1","counts":{"partition":{"created":10,...}},"durationMs":900,...}
 * </pre>
 */
public final class JobRecords {
    public static final String PREFIX = "LAKEPORT ";
    private static final ObjectMapper JSON = new ObjectMapper();

    private JobRecords() {}

    /** The record as one JSON line, without the prefix. */
    public static String toJson(JobRecord record) {
        ObjectNode node = JSON.createObjectNode();
        if (record instanceof JobProgress p) {
            node.put("type", "progress");
            node.put("runId", p.runId());
            node.put("phase", p.phase());
            node.put("done", p.done());
            node.put("failed", p.failed());
            node.put("total", p.total());
            node.put("rate", p.rate());
            node.put("time", p.time().toString());
        } else if (record instanceof JobSummary s) {
            node.put("type", "summary");
            node.put("runId", s.runId());
            ObjectNode counts = node.putObject("counts");
            s.counts().forEach((type, c) -> {
                ObjectNode n = counts.putObject(type);
                n.put("created", c.created());
                n.put("updated", c.updated());
                n.put("deleted", c.deleted());
                n.put("skipped", c.skipped());
                n.put("failed", c.failed());
            });
            node.put("durationMs", s.duration().toMillis());
            com.fasterxml.jackson.databind.node.ArrayNode files = node.putArray("files");
            s.files().forEach(files::add);
            node.put("dryRun", s.dryRun());
            s.error().ifPresent(e -> node.put("error", e));
        }
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The record as a log line: {@link #PREFIX} then the JSON. */
    public static String toLogLine(JobRecord record) {
        return PREFIX + toJson(record);
    }

    /**
     * The record in a line of a log or of the progress file, if it holds one: the prefix may come after other text
     * (a log layout's time and level). Lines that are not records, or are damaged, give empty.
     */
    public static Optional<JobRecord> parse(String line) {
        if (line == null) {
            return Optional.empty();
        }
        int at = line.indexOf(PREFIX);
        String json = at >= 0 ? line.substring(at + PREFIX.length()) : line;
        json = json.trim();
        if (!json.startsWith("{")) {
            return Optional.empty();
        }
        try {
            JsonNode n = JSON.readTree(json);
            String type = n.path("type").asText("");
            String runId = n.path("runId").asText(null);
            if (runId == null) {
                return Optional.empty();
            }
            if (type.equals("progress")) {
                return Optional.of(new JobProgress(
                        runId,
                        n.path("phase").asText(),
                        n.path("done").asLong(),
                        n.path("failed").asLong(),
                        n.path("total").asLong(-1),
                        n.path("rate").asDouble(),
                        Instant.parse(n.path("time").asText())));
            }
            if (type.equals("summary")) {
                Map<String, RunSummary.Counts> counts = new LinkedHashMap<>();
                Iterator<Map.Entry<String, JsonNode>> it = n.path("counts").fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    JsonNode c = e.getValue();
                    counts.put(
                            e.getKey(),
                            new RunSummary.Counts(
                                    c.path("created").asLong(),
                                    c.path("updated").asLong(),
                                    c.path("deleted").asLong(),
                                    c.path("skipped").asLong(),
                                    c.path("failed").asLong()));
                }
                List<String> files = new ArrayList<>();
                n.path("files").forEach(f -> files.add(f.asText()));
                return Optional.of(new JobSummary(
                        runId,
                        counts,
                        Duration.ofMillis(n.path("durationMs").asLong()),
                        files,
                        n.path("dryRun").asBoolean(),
                        n.hasNonNull("error") ? Optional.of(n.get("error").asText()) : Optional.empty()));
            }
            return Optional.empty();
        } catch (JsonProcessingException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
