package dev.lakeport.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.FileAppender;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each run of the command line logs to a file of its own, {@code lakeport-cli-<time>-<pid>.log} in the log directory
 * ({@code LAKEPORT_LOG_DIR}, else {@code ~/.lakeport/logs}), so that the file a summary or a hint names holds that run
 * only. Files older than {@link #KEEP} are removed when a run starts.
 */
final class RunLogFile {
    /** The system property logback.xml names the file by. */
    static final String PROPERTY = "LAKEPORT_LOG_FILE";

    static final Duration KEEP = Duration.ofDays(14);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private RunLogFile() {}

    /** Names this run's log file, before anything logs; removes old ones. */
    static void choose() {
        if (System.getProperty(PROPERTY) != null) {
            return;
        }
        String dir = System.getProperty("LAKEPORT_LOG_DIR", System.getenv("LAKEPORT_LOG_DIR"));
        Path logs = dir != null && !dir.isBlank()
                ? Path.of(dir)
                : Path.of(System.getProperty("user.home"), ".lakeport", "logs");
        System.setProperty(
                PROPERTY,
                logs.resolve("lakeport-cli-" + TIME.format(Instant.now()) + "-"
                                + ProcessHandle.current().pid() + ".log")
                        .toString());
        removeOld(logs);
    }

    private static void removeOld(Path logs) {
        if (!Files.isDirectory(logs)) {
            return;
        }
        Instant cutoff = Instant.now().minus(KEEP);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(logs, "lakeport-cli-*.log")) {
            for (Path f : files) {
                if (Files.getLastModifiedTime(f).toInstant().isBefore(cutoff)) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            // old logs stay: not worth failing a run for
        }
    }

    /** The file this run logs to, if logging goes to a file. */
    static Optional<Path> current() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return Optional.empty();
        }
        if (context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("FILE") instanceof FileAppender<?> file
                && file.getFile() != null) {
            return Optional.of(Path.of(file.getFile()).toAbsolutePath());
        }
        return Optional.empty();
    }

    /** "the log file PATH", for hints and summaries. */
    static String describe() {
        return current().map(p -> "the log file " + p).orElse("the log");
    }
}
