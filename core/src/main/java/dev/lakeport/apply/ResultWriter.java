package dev.lakeport.apply;

import static java.util.Objects.requireNonNull;

import dev.lakeport.diff.DiffResult;
import dev.lakeport.diff.DiffWords;
import dev.lakeport.model.ItemNames;
import dev.lakeport.model.ObjectKey;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes the lines of a result log to its three files, wherever they are: the results as JSON Lines, the same as CSV
 * (header row first), and the failed items. The one writer of result lines: {@link ResultLog} uses it for a run from
 * this machine, the Spark job for its files on a cluster's file system, so that both write the same bytes for the
 * same items. Not thread-safe: its owner locks.
 */
public final class ResultWriter implements AutoCloseable {
    private final Writer results;
    private final Writer failed;
    private final CSVPrinter csv;
    private final ItemNames names;
    private final DiffWords words;

    /** Writes the CSV file's header at once; items are named by {@code names}, results in the route's {@code words}. */
    public ResultWriter(Writer results, Writer csv, Writer failed, ItemNames names, DiffWords words)
            throws IOException {
        this.results = requireNonNull(results, "results is null");
        this.failed = requireNonNull(failed, "failed is null");
        this.names = requireNonNull(names, "names is null");
        this.words = requireNonNull(words, "words is null");
        this.csv = new CSVPrinter(requireNonNull(csv, "csv is null"), ResultLog.csvFormat());
    }

    /** Writes one item's lines (to the failed items too if it failed) and returns its record. */
    public ResultRecord write(
            ObjectKey key, DiffResult diffResult, Outcome outcome, String errorMsg, Instant time, long durationMs)
            throws IOException {
        ResultRecord r = ResultRecord.of(key, names, words, diffResult, outcome, errorMsg, time, durationMs);
        String line = ResultLog.line(r, outcome, key);
        results.write(line);
        csv.printRecord(ResultLog.csvValues(r));
        if (outcome.isFailure()) {
            failed.write(line);
        }
        return r;
    }

    /** Hands what is buffered to the files, so that a reader sees the records so far. */
    public void flush() throws IOException {
        results.flush();
        csv.flush();
        failed.flush();
    }

    /** Closes the three files; all are closed even if one fails, and the first failure is thrown. */
    @Override
    public void close() throws IOException {
        IOException error = null;
        for (AutoCloseable c : new AutoCloseable[] {results, csv, failed}) {
            try {
                c.close();
            } catch (Exception e) {
                if (error == null) {
                    error = e instanceof IOException io ? io : new IOException(e);
                }
            }
        }
        if (error != null) {
            throw error;
        }
    }
}
