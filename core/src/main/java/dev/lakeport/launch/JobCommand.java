package dev.lakeport.launch;

import dev.lakeport.config.ConfigKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** What every launcher sends the job: its arguments and Spark settings, built the same way for all three. */
final class JobCommand {
    private static final Pattern REMOTE_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*");

    private JobCommand() {}

    /** {@code --settings-base64 B64 --run-id ID}, then the job's own arguments. */
    static List<String> appArgs(JobSubmission submission) {
        List<String> args = new ArrayList<>(List.of(
                JobConf.ARG_SETTINGS_BASE64,
                settingsBase64(submission.settings()),
                JobConf.ARG_RUN_ID,
                submission.runId()));
        args.addAll(submission.jobArgs());
        return List.copyOf(args);
    }

    /** The settings as a properties file (ISO-8859-1 with escapes, as {@link Properties#load} reads), in Base64. */
    static String settingsBase64(Properties settings) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            settings.store(bytes, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    /** The profile's Spark settings, then the submission's on top. No credentials. */
    static Map<String, String> sparkConf(ClusterProfile profile, JobSubmission submission) {
        Map<String, String> conf = new LinkedHashMap<>(profile.sparkConf());
        conf.putAll(submission.sparkConf());
        return conf;
    }

    /** Every credential value of the submission, to be masked wherever a line could show one. */
    static List<String> secretValues(JobSubmission submission) {
        return new ArrayList<>(submission.credentials().toSparkConf().values());
    }

    /**
     * The job's {@code progress-<runId>.jsonl} if {@code result.output.path} is a folder of this machine (a plain path
     * or a {@code file:} URI); empty for a cluster's store ({@code hdfs://}, {@code s3://}, {@code oss://}, ...).
     */
    static Optional<Path> localProgressFile(JobSubmission submission) {
        String output = submission.settings().getProperty(ConfigKeys.RESULT_OUTPUT_PATH);
        if (output == null || output.isBlank()) {
            return Optional.empty();
        }
        String value = output.trim();
        try {
            Path dir;
            if (value.startsWith("file:")) {
                dir = Path.of(URI.create(value));
            } else if (REMOTE_SCHEME.matcher(value).matches() && !looksLikeWindowsDrive(value)) {
                return Optional.empty();
            } else {
                dir = Path.of(value);
            }
            return Optional.of(dir.resolve("progress-" + submission.runId() + ".jsonl"));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean looksLikeWindowsDrive(String value) {
        return value.length() >= 3
                && Character.isLetter(value.charAt(0))
                && value.charAt(1) == ':'
                && (value.charAt(2) == '\\' || value.charAt(2) == '/');
    }

    /** Runs {@code task} after {@code delay} unless the job has ended and its timer with it. */
    static void later(ScheduledExecutorService timer, Runnable task, Duration delay) {
        try {
            timer.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException ended) {
            // the job reached its end meanwhile: nothing left to wait for
        }
    }
}
