package dev.lakeport.sparkjob;

import dev.lakeport.apply.Outcome;
import dev.lakeport.apply.ResultLog;
import dev.lakeport.apply.ResultRecord;
import dev.lakeport.apply.ResultSink;
import dev.lakeport.apply.ResultWriter;
import dev.lakeport.apply.RunSummary;
import dev.lakeport.apply.SummaryCounter;
import dev.lakeport.diff.DiffResult;
import dev.lakeport.diff.DiffWords;
import dev.lakeport.model.ItemNames;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.ObjectKind;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The job's result log, written by the driver as results arrive: the same three files and names as core's
 * {@link ResultLog}, their lines written by the same {@link ResultWriter} ({@code result-<runId>.jsonl}, {@code result-<runId>.csv}, {@code failed-<runId>.jsonl}), so that
 * the desktop and {@code diff --failed-items} read them, but through Hadoop's FileSystem, so that
 * {@code result.output.path} may be on HDFS, S3 or OSS. Failed items are printed to stdout too, as the seed's driver
 * log shows them. Without an output path only stdout gets them. Thread-safe.
 */
final class ResultFiles implements ResultSink, AutoCloseable {
    private final Optional<Path> directory;
    private final String runId;
    private final boolean dryRun;
    private final PrintStream out;
    private final ItemNames names;
    private final DiffWords words;
    private final ResultWriter writer;
    private final SummaryCounter counter = new SummaryCounter();
    private final Instant started = Instant.now();
    private long recorded;
    private long failures;
    private boolean cancelled;

    private ResultFiles(
            Optional<FileSystem> fs,
            Optional<Path> directory,
            String runId,
            boolean dryRun,
            PrintStream out,
            ItemNames names,
            DiffWords words)
            throws IOException {
        this.names = names;
        this.words = words;
        this.directory = directory;
        this.runId = runId;
        this.dryRun = dryRun;
        this.out = out;
        if (directory.isPresent()) {
            FileSystem f = fs.orElseThrow();
            f.mkdirs(directory.get());
            this.writer = new ResultWriter(
                    writer(f, file(ResultLog.resultsFileName(runId))),
                    writer(f, file(ResultLog.csvFileName(runId))),
                    writer(f, file(ResultLog.failedFileName(runId))),
                    names,
                    words);
        } else {
            this.writer = null;
        }
    }

    static ResultFiles open(
            Optional<FileSystem> fs, Optional<Path> directory, String runId, boolean dryRun, PrintStream out) {
        return open(fs, directory, runId, dryRun, out, ItemNames.WITHOUT_KEY_NAMES, DiffWords.SEED);
    }

    /**
     * Opens the files, naming items (a partition by its table's partition keys) with {@code names} and results in
     * the route's {@code words}.
     */
    static ResultFiles open(
            Optional<FileSystem> fs,
            Optional<Path> directory,
            String runId,
            boolean dryRun,
            PrintStream out,
            ItemNames names,
            DiffWords words) {
        try {
            return new ResultFiles(fs, directory, runId, dryRun, out, names, words);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write the result log in "
                            + directory.map(Path::toString).orElse("") + ": " + e.getMessage(),
                    e);
        }
    }

    private static Writer writer(FileSystem fs, Path path) throws IOException {
        return new OutputStreamWriter(fs.create(path, true), StandardCharsets.UTF_8);
    }

    private Path file(String name) {
        return new Path(directory.orElseThrow(), name);
    }

    /** The files written, as paths on their file system; empty without an output path. */
    List<String> files() {
        if (directory.isEmpty()) {
            return List.of();
        }
        return List.of(
                file(ResultLog.resultsFileName(runId)).toString(),
                file(ResultLog.csvFileName(runId)).toString(),
                file(ResultLog.failedFileName(runId)).toString());
    }

    @Override
    public synchronized void record(
            ObjectKey key, DiffResult diffResult, Outcome outcome, String errorMsg, Instant time, long durationMs) {
        try {
            if (writer != null) {
                writer.write(key, diffResult, outcome, errorMsg, time, durationMs);
            }
            if (outcome.isRetryable()) {
                failures++;
                out.print("failed "
                        + ResultLog.line(
                                ResultRecord.of(key, names, words, diffResult, outcome, errorMsg, time, durationMs),
                                outcome,
                                key));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the result log: " + e.getMessage(), e);
        }
        counter.add(key.kind(), diffResult, outcome, 1);
        recorded++;
    }

    /** Writes what is buffered, so that a reader sees the records so far. */
    synchronized void flush() {
        if (writer == null) {
            return;
        }
        try {
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the result log: " + e.getMessage(), e);
        }
    }

    synchronized long recorded() {
        return recorded;
    }

    synchronized long failures() {
        return failures;
    }

    @Override
    public synchronized void markCancelled() {
        cancelled = true;
    }

    @Override
    public synchronized RunSummary summary() {
        return new RunSummary(
                runId, counter.toMap(), Duration.between(started, Instant.now()), List.of(), cancelled, dryRun);
    }

    /** Counts per item type ({@code database}, {@code table}, {@code partition}, {@code function}). */
    synchronized Map<String, RunSummary.Counts> countsByItemType() {
        Map<String, RunSummary.Counts> counts = new LinkedHashMap<>();
        counter.toMap().forEach((kind, c) -> counts.put(kind.itemType(), c));
        return counts;
    }

    /** Prints the totals as the seed's driver log ends. */
    synchronized void printTotals() {
        List<String> lines = new ArrayList<>();
        for (ObjectKind kind : ObjectKind.values()) {
            RunSummary.Counts c = counter.toMap().get(kind);
            lines.add(String.format(
                    "%-9s created %d, updated %d, deleted %d, skipped %d, failed %d",
                    kind.itemType(), c.created(), c.updated(), c.deleted(), c.skipped(), c.failed()));
        }
        out.println("Lakeport run " + runId + (dryRun ? " (dry run: nothing written)" : "") + ":");
        lines.forEach(l -> out.println("  " + l));
        files().forEach(f -> out.println("  details: " + f));
        out.flush();
    }

    @Override
    public synchronized void close() {
        if (writer == null) {
            return;
        }
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the result log: " + e.getMessage(), e);
        }
    }
}
