package dev.lakeport.apply;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakeport.model.ObjectKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a run's {@code result-<runId>.jsonl} back (one written by {@link ResultLog} or by the Spark job), so that a run
 * made elsewhere — the Spark job writing into a folder this computer sees — can be stored in a project and shown like
 * a run made here.
 */
public final class ResultFiles {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Records handed to {@link ResultStore#append} at a time while importing. */
    static final int IMPORT_BATCH = 1_000;

    private ResultFiles() {}

    /**
     * Stores the records of {@code resultsFile} in {@code store} as run {@code runId}, and tells {@code listener} of
     * each; returns how many were stored. Reads the file twice, a line at a time: first to check every line, so that a
     * damaged file stores nothing, then to store it in batches.
     *
     * @throws IllegalArgumentException naming the line if a line is not a result record; nothing is stored then
     */
    public static long importRun(
            Path resultsFile,
            String runId,
            boolean dryRun,
            boolean cancelled,
            ResultStore store,
            ResultListener listener) {
        requireNonNull(store, "store is null");
        requireNonNull(listener, "listener is null");
        forEach(resultsFile, r -> {});
        store.startRun(
                runId, dryRun, Optional.ofNullable(resultsFile.toAbsolutePath().getParent()));
        List<StoredResult> batch = new ArrayList<>(IMPORT_BATCH);
        long[] stored = {0};
        forEach(resultsFile, r -> {
            batch.add(r);
            if (batch.size() == IMPORT_BATCH) {
                store.append(runId, stored[0], batch);
                stored[0] += batch.size();
                batch.forEach(listener::recorded);
                batch.clear();
            }
        });
        store.append(runId, stored[0], batch);
        stored[0] += batch.size();
        batch.forEach(listener::recorded);
        store.finishRun(runId, cancelled);
        return stored[0];
    }

    /**
     * The records of a result file, in file order (all in memory: for small files and tests).
     *
     * @throws IllegalArgumentException naming the line if a line is not a result record with its key
     */
    public static List<StoredResult> read(Path resultsFile) {
        List<StoredResult> records = new ArrayList<>();
        forEach(resultsFile, records::add);
        return records;
    }

    private static void forEach(Path resultsFile, java.util.function.Consumer<StoredResult> action) {
        requireNonNull(resultsFile, "resultsFile is null");
        try (BufferedReader in = Files.newBufferedReader(resultsFile, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                StoredResult r;
                try {
                    r = record(JSON.readTree(line));
                } catch (IOException | RuntimeException e) {
                    throw new IllegalArgumentException(
                            resultsFile + " line " + n + " is not a result record: " + e.getMessage(), e);
                }
                action.accept(r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resultsFile + ": " + e.getMessage(), e);
        }
    }

    private static StoredResult record(JsonNode n) {
        ObjectKey key = FailedItems.keyOf(n);
        ResultRecord r = new ResultRecord(
                text(n, "itemType"),
                text(n, "itemName"),
                text(n, "diffResult"),
                n.path("isSuccess").asBoolean(),
                n.path("errorMsg").asText(""),
                Instant.parse(text(n, "time")),
                n.path("durationMs").asLong());
        Outcome outcome = n.hasNonNull("outcome")
                ? Outcome.valueOf(n.get("outcome").asText())
                : r.isSuccess() ? Outcome.SUCCEEDED : Outcome.FAILED;
        return new StoredResult(key, outcome, r);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("no " + field);
        }
        return v.asText();
    }
}
