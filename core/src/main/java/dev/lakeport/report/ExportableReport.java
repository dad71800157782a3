package dev.lakeport.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A report that exports as CSV, JSON and standalone HTML, to a stream or to a file. */
public interface ExportableReport {

    void writeCsv(Writer out) throws IOException;

    void writeJson(OutputStream out) throws IOException;

    /** At most {@code maxEntries} entries are listed; a line says how many were left out. */
    void writeHtml(Writer out, int maxEntries) throws IOException;

    default void writeCsv(Path file) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writeCsv(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    default void writeJson(Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            writeJson(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    default void writeHtml(Path file, int maxEntries) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writeHtml(out, maxEntries);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
