package dev.lakeport.copy;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * What a copy outside the project (the Spark job) did with each task of a {@link CopyPlan}: the task's end state, its
 * error, its log lines and the three counts of each partition with the reason of any mismatch. Written as JSON, one file
 * per run; the project imports it into the job's tasks.
 */
public record CopyResult(int version, long jobId, String runId, List<TaskResult> tasks) {
    public static final int VERSION = 1;
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public CopyResult {
        requireNonNull(runId, "runId is null");
        tasks = List.copyOf(requireNonNull(tasks, "tasks is null"));
    }

    public static CopyResult of(long jobId, String runId, List<TaskResult> tasks) {
        return new CopyResult(VERSION, jobId, runId, tasks);
    }

    /** The file name of a run's result in the job's result output path. */
    public static String fileName(String runId) {
        return "copy-result-" + runId + ".json";
    }

    /** One partition's numbers (null: not known) and, when they disagree, why. */
    public record PartitionResult(String partition, Long source, Long written, Long destination, String mismatch) {
        public PartitionResult {
            partition = partition == null ? "" : partition;
        }
    }

    /**
     * One task: {@code state} is {@link #SUCCEEDED} or {@link #FAILED}; {@code table} the destination's
     * {@code database.table}; {@code database} the destination's database (project).
     */
    public record TaskResult(
            long taskId,
            String database,
            String table,
            String state,
            String summary,
            String error,
            List<PartitionResult> partitions,
            List<String> log) {
        public TaskResult {
            partitions = partitions == null ? List.of() : List.copyOf(partitions);
            log = log == null ? List.of() : List.copyOf(log);
        }

        public boolean succeeded() {
            return SUCCEEDED.equals(state);
        }

        /** The counts as a {@link Verification}, as the project keeps them. */
        public Verification verification() {
            List<PartitionCounts> counts = new ArrayList<>();
            List<Verification.Mismatch> mismatches = new ArrayList<>();
            for (PartitionResult p : partitions) {
                counts.add(new PartitionCounts(
                        table, p.partition(), optional(p.source()), optional(p.written()), optional(p.destination())));
                if (p.mismatch() != null) {
                    mismatches.add(new Verification.Mismatch(table, p.partition(), p.mismatch()));
                }
            }
            return new Verification(counts, mismatches);
        }

        /** The result of a task from its verification. */
        public static List<PartitionResult> partitions(Verification verification) {
            java.util.Map<String, String> reasons = new java.util.LinkedHashMap<>();
            verification.mismatches().forEach(m -> reasons.merge(m.partition(), m.reason(), (a, b) -> a + "; " + b));
            return verification.counts().stream()
                    .map(c -> new PartitionResult(
                            c.partition(),
                            boxed(c.source()),
                            boxed(c.written()),
                            boxed(c.destination()),
                            reasons.get(c.partition())))
                    .toList();
        }
    }

    private static OptionalLong optional(Long n) {
        return n == null ? OptionalLong.empty() : OptionalLong.of(n);
    }

    private static Long boxed(OptionalLong n) {
        return n.isPresent() ? n.getAsLong() : null;
    }

    // ---------------------------------------------------------------- JSON

    public void write(OutputStream out) throws IOException {
        JSON.writeValue(out, this);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the copy result cannot be written: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a result written by {@link #write}.
     *
     * @throws IllegalArgumentException naming {@code source} and what is wrong in it
     */
    public static CopyResult read(InputStream in, String source) {
        CopyResult result;
        try {
            result = JSON.readValue(in, CopyResult.class);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the copy result " + source + " cannot be read: " + e.getMessage(), e);
        }
        List<String> problems = new ArrayList<>();
        if (result.version() < 1 || result.version() > VERSION) {
            problems.add("version " + result.version() + " is not one this reader knows (1 to " + VERSION + ")");
        }
        for (TaskResult t : result.tasks()) {
            if (!SUCCEEDED.equals(t.state()) && !FAILED.equals(t.state())) {
                problems.add("task " + t.taskId() + " has state '" + t.state() + "' (" + SUCCEEDED + " or " + FAILED
                        + " expected)");
            }
            if (t.table() == null || t.database() == null) {
                problems.add("task " + t.taskId() + " names no destination table or database");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(
                    "the copy result " + source + " is not valid: " + String.join("; ", problems));
        }
        return result;
    }

    public static CopyResult fromJson(String json, String source) {
        return read(new java.io.ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)), source);
    }
}
