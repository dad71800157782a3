package dev.lakeport.apply;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.lakeport.diff.DiffResult;
import dev.lakeport.diff.DiffWords;
import dev.lakeport.model.ItemNames;
import dev.lakeport.model.ObjectKey;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The result log of one run, written as the run goes to a local directory (the seed's {@code result.output.path}):
 * {@code result-<runId>.jsonl} (JSON Lines), {@code result-<runId>.csv} (with a header row) and
 * {@code failed-<runId>.jsonl} (failed items only, with their keys' parts, for {@link FailedItems}; items a cancel left
 * undone are in the results as not run). Every
 * record is flushed at once, so a killed run leaves a log of what it did. The lines are {@link ResultWriter}'s, as the
 * Spark job's are. Optionally every record is also kept in H2
 * ({@link ResultStore}) for later reports. Thread-safe.
 */
public final class ResultLog implements ResultSink, AutoCloseable {
    /**
     * The file systems (URI schemes) a {@code result.output.path} may name for the Spark job, which writes through
     * Hadoop on the cluster. Runs from this computer write only local folders ({@code file:} URIs too); any other
     * scheme is refused, so that nothing becomes a local folder named after it.
     */
    public static final Set<String> CLUSTER_FILE_SYSTEMS = Set.of(
            "oss", "s3", "s3a", "s3n", "hdfs", "viewfs", "gs", "abfs", "abfss", "wasb", "wasbs", "adl", "cosn", "obs",
            "jfs", "alluxio", "maprfs");

    private static final Logger LOG = LoggerFactory.getLogger(ResultLog.class);
    private static final JsonFactory JSON = new JsonFactory();
    private static final Pattern SCHEME = Pattern.compile("^([a-z][a-z0-9+.-]+):/.*");
    private static final Pattern SAFE_RUN_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final DateTimeFormatter RUN_ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);
    /** H2 gets records in batches of this many; the files get every record at once. */
    static final int STORE_BATCH = 500;

    private final String runId;
    private final Path directory;
    private final boolean dryRun;
    private final Optional<ResultStore> store;
    private final ResultListener listener;
    private final ResultWriter writer;
    private final SummaryCounter counter = new SummaryCounter();
    private final List<StoredResult> pendingStore = new ArrayList<>();
    private final Instant started = Instant.now();
    private long storedSeq;
    private boolean cancelled;
    private boolean closed;
    private Optional<Duration> finalDuration = Optional.empty();

    private ResultLog(
            String runId,
            Path directory,
            boolean dryRun,
            Optional<ResultStore> store,
            ResultListener listener,
            ItemNames names,
            DiffWords words)
            throws IOException {
        this.runId = runId;
        this.directory = directory;
        this.dryRun = dryRun;
        this.store = store;
        this.listener = listener;
        Files.createDirectories(directory);
        this.writer = new ResultWriter(
                Files.newBufferedWriter(directory.resolve(resultsFileName(runId)), StandardCharsets.UTF_8),
                Files.newBufferedWriter(directory.resolve(csvFileName(runId)), StandardCharsets.UTF_8),
                Files.newBufferedWriter(directory.resolve(failedFileName(runId)), StandardCharsets.UTF_8),
                names,
                words);
        writer.flush();
        store.ifPresent(s -> s.startRun(runId, dryRun, Optional.of(directory)));
    }

    /**
     * Opens the log of a run in {@code outputPath} (created if missing).
     *
     * @throws IllegalArgumentException if {@code outputPath} is a remote location (oss://, s3://, hdfs://, ...): only
     *     the Spark job writes there
     */
    public static ResultLog open(String outputPath, String runId, boolean dryRun, Optional<ResultStore> store) {
        return open(outputPath, runId, dryRun, store, ResultListener.NONE);
    }

    /**
     * Opens the log of a run like {@link #open(String, String, boolean, Optional)}, and tells {@code listener} of
     * every record once it is written to the files.
     */
    public static ResultLog open(
            String outputPath, String runId, boolean dryRun, Optional<ResultStore> store, ResultListener listener) {
        return open(outputPath, runId, dryRun, store, listener, ItemNames.WITHOUT_KEY_NAMES, DiffWords.SEED);
    }

    /**
     * Opens the log of a run like {@link #open(String, String, boolean, Optional, ResultListener)}, naming items (a
     * partition by its table's partition keys: {@code db.table/dt=20240101/hr=03}) with {@code names}, and each
     * result in the route's {@code words}.
     */
    public static ResultLog open(
            String outputPath,
            String runId,
            boolean dryRun,
            Optional<ResultStore> store,
            ResultListener listener,
            ItemNames names,
            DiffWords words) {
        requireNonNull(runId, "runId is null");
        requireNonNull(words, "words is null");
        requireNonNull(names, "names is null");
        requireNonNull(store, "store is null");
        requireNonNull(listener, "listener is null");
        if (!SAFE_RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException("run id must be 1-100 letters, digits, '.', '_' or '-': " + runId);
        }
        Path directory = localDirectory(outputPath);
        try {
            return new ResultLog(runId, directory, dryRun, store, listener, names, words);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the result log in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** The local directory a {@code result.output.path} names; remote locations are refused with a clear message. */
    public static Path localDirectory(String outputPath) {
        requireNonNull(outputPath, "outputPath is null");
        String trimmed = outputPath.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("result.output.path is empty");
        }
        java.util.regex.Matcher scheme = SCHEME.matcher(trimmed.toLowerCase(Locale.ROOT));
        if (scheme.matches() && CLUSTER_FILE_SYSTEMS.contains(scheme.group(1))) {
            throw new IllegalArgumentException("result.output.path " + trimmed
                    + " is a remote location: only the Spark job writes there; for a run from this machine give a"
                    + " local directory");
        }
        if (scheme.matches() && !scheme.group(1).equals("file")) {
            // never a local folder named after the scheme (ftp://x/ used to become ftp:/x/)
            throw new IllegalArgumentException("result.output.path '" + trimmed + "': Lakeport cannot write to "
                    + scheme.group(1) + ": locations; give a local directory or a file: URI");
        }
        if (trimmed.startsWith("file:")) {
            return Path.of(URI.create(trimmed));
        }
        return Path.of(trimmed);
    }

    /** A sortable, readable run id such as {@code 20240131-120000-7f3a}. */
    public static String newRunId() {
        return RUN_ID_TIME.format(Instant.now()) + "-"
                + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
    }

    public static String resultsFileName(String runId) {
        return "result-" + runId + ".jsonl";
    }

    public static String csvFileName(String runId) {
        return "result-" + runId + ".csv";
    }

    public static String failedFileName(String runId) {
        return "failed-" + runId + ".jsonl";
    }

    public String runId() {
        return runId;
    }

    public boolean dryRun() {
        return dryRun;
    }

    public Path resultsFile() {
        return directory.resolve(resultsFileName(runId));
    }

    public Path csvFile() {
        return directory.resolve(csvFileName(runId));
    }

    public Path failedFile() {
        return directory.resolve(failedFileName(runId));
    }

    /** Records the outcome of one item; {@code time} is when it finished. */
    @Override
    public void record(
            ObjectKey key, DiffResult diffResult, Outcome outcome, String errorMsg, Instant time, long durationMs) {
        requireNonNull(key, "key is null");
        requireNonNull(diffResult, "diffResult is null");
        requireNonNull(outcome, "outcome is null");
        ResultRecord r;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("result log " + runId + " is closed");
            }
            try {
                r = writer.write(key, diffResult, outcome, errorMsg, time, durationMs);
                writer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the result log: " + e.getMessage(), e);
            }
            counter.add(key.kind(), diffResult, outcome, 1);
            if (store.isPresent()) {
                pendingStore.add(new StoredResult(key, outcome, r));
                if (pendingStore.size() >= STORE_BATCH) {
                    flushStore();
                }
            }
        }
        if (listener != ResultListener.NONE) {
            notifyListener(new StoredResult(key, outcome, r));
        }
    }

    /** Outside the lock: a slow listener must not hold up the other recording threads. */
    private void notifyListener(StoredResult result) {
        try {
            listener.recorded(result);
        } catch (RuntimeException e) {
            LOG.warn(
                    "a result listener failed on {}; the run goes on",
                    result.record().itemName(),
                    e);
        }
    }

    /**
     * One line of the results or failed-items file, with its line break: the seed's fields, then the outcome and the
     * key's parts, so that the line reads back exactly. The format every writer of result logs shares (this log and
     * the Spark job), so that readers of one read them all.
     */
    public static String line(ResultRecord r, Outcome outcome, ObjectKey key) throws IOException {
        StringWriter out = new StringWriter(200);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            ResultJson.writeLine(g, r, outcome, key);
        }
        return out.append('\n').toString();
    }

    /** A record's values in the order of {@link ResultRecord#FIELDS}, as the CSV file has them. */
    public static Object[] csvValues(ResultRecord r) {
        return new Object[] {
            r.itemType(),
            r.itemName(),
            r.diffResult(),
            r.isSuccess(),
            r.errorMsg(),
            r.time().toString(),
            r.durationMs()
        };
    }

    /** The CSV format of the results file, header included. */
    public static CSVFormat csvFormat() {
        return CSVFormat.DEFAULT.builder().setHeader(ResultRecord.FIELDS).build();
    }

    private void flushStore() {
        store.get().append(runId, storedSeq, pendingStore);
        storedSeq += pendingStore.size();
        pendingStore.clear();
    }

    @Override
    public synchronized void markCancelled() {
        cancelled = true;
    }

    /** What has been recorded so far (the whole run once closed). */
    @Override
    public synchronized RunSummary summary() {
        Duration duration = finalDuration.orElseGet(() -> Duration.between(started, Instant.now()));
        return new RunSummary(
                runId, counter.toMap(), duration, List.of(resultsFile(), csvFile(), failedFile()), cancelled, dryRun);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        finalDuration = Optional.of(Duration.between(started, Instant.now()));
        IOException error = null;
        try {
            writer.close();
        } catch (IOException e) {
            error = e;
        }
        if (store.isPresent()) {
            flushStore();
            store.get().finishRun(runId, cancelled);
        }
        if (error != null) {
            throw new UncheckedIOException("cannot close the result log: " + error.getMessage(), error);
        }
    }
}
