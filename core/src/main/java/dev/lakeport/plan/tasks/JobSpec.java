package dev.lakeport.plan.tasks;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A migration job as the user chose it: what to migrate, whether metadata, data or both, how big a task may be, how
 * many tasks run at once and, optionally, the time of day in which tasks may start.
 */
public record JobSpec(
        JobSelection selection,
        JobMode mode,
        int maxPartitionsPerTask,
        long maxBytesPerTask,
        int maxConcurrentTasks,
        Optional<TimeWindow> window) {

    public static final String MAX_PARTITIONS = "job.task.maxPartitions";
    public static final String MAX_BYTES = "job.task.maxBytes";
    public static final String MAX_CONCURRENT = "job.maxConcurrentTasks";
    public static final String WINDOW = "job.window";
    public static final String MODE = "job.mode";

    public static final int DEFAULT_MAX_CONCURRENT = 20;
    /** More threads than this would only queue at the source and the destination. */
    public static final int LIMIT_MAX_CONCURRENT = 1_000;

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([KMGT]?B?)", Pattern.CASE_INSENSITIVE);

    public JobSpec {
        requireNonNull(selection, "selection is null");
        requireNonNull(mode, "mode is null");
        requireNonNull(window, "window is null");
        if (maxPartitionsPerTask < 1) {
            throw new IllegalArgumentException("partitions per task must be at least 1, got " + maxPartitionsPerTask);
        }
        if (maxBytesPerTask < 1) {
            throw new IllegalArgumentException("bytes per task must be at least 1, got " + maxBytesPerTask);
        }
        if (maxConcurrentTasks < 1 || maxConcurrentTasks > LIMIT_MAX_CONCURRENT) {
            throw new IllegalArgumentException(
                    "tasks at once must be from 1 to " + LIMIT_MAX_CONCURRENT + ", got " + maxConcurrentTasks);
        }
    }

    /** The defaults: both steps, 50 partitions or 5 GB per task, 20 tasks at once, any time of day. */
    public static JobSpec of(JobSelection selection) {
        return new JobSpec(
                selection,
                JobMode.BOTH,
                TaskSplitter.DEFAULT_MAX_PARTITIONS,
                TaskSplitter.DEFAULT_MAX_BYTES,
                DEFAULT_MAX_CONCURRENT,
                Optional.empty());
    }

    /**
     * The job for {@code selection} with the {@code job.*} settings of {@code settings}; other keys are ignored and a
     * missing key takes its default.
     *
     * @throws JobSettingsException naming each key whose value is wrong, and the value
     */
    public static JobSpec fromSettings(JobSelection selection, Map<String, String> settings) {
        requireNonNull(selection, "selection is null");
        requireNonNull(settings, "settings is null");
        List<JobSettingsException.Problem> problems = new ArrayList<>();
        JobMode mode = JobMode.BOTH;
        String modeText = settings.get(MODE);
        if (modeText != null) {
            Optional<JobMode> m = JobMode.fromWord(modeText);
            if (m.isPresent()) {
                mode = m.get();
            } else {
                problems.add(new JobSettingsException.Problem(MODE, modeText, "is not one of metadata, data, both"));
            }
        }
        int partitions = count(settings, MAX_PARTITIONS, TaskSplitter.DEFAULT_MAX_PARTITIONS, 1_000_000, problems);
        int concurrent = count(settings, MAX_CONCURRENT, DEFAULT_MAX_CONCURRENT, LIMIT_MAX_CONCURRENT, problems);
        long bytes = TaskSplitter.DEFAULT_MAX_BYTES;
        String bytesText = settings.get(MAX_BYTES);
        if (bytesText != null) {
            Optional<Long> b = parseSize(bytesText);
            if (b.isPresent() && b.get() > 0) {
                bytes = b.get();
            } else {
                problems.add(new JobSettingsException.Problem(
                        MAX_BYTES, bytesText, "is not a size above zero like 5GB, 512MB or 1048576 (bytes)"));
            }
        }
        Optional<TimeWindow> window = Optional.empty();
        String windowText = settings.get(WINDOW);
        if (windowText != null && !windowText.isBlank()) {
            try {
                window = Optional.of(TimeWindow.parse(windowText));
            } catch (IllegalArgumentException e) {
                problems.add(new JobSettingsException.Problem(WINDOW, windowText, e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new JobSettingsException(problems);
        }
        return new JobSpec(selection, mode, partitions, bytes, concurrent, window);
    }

    /** The settings that give this job's options back through {@link #fromSettings}. */
    public Map<String, String> toSettings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put(MODE, mode.word());
        s.put(MAX_PARTITIONS, String.valueOf(maxPartitionsPerTask));
        s.put(MAX_BYTES, String.valueOf(maxBytesPerTask));
        s.put(MAX_CONCURRENT, String.valueOf(maxConcurrentTasks));
        window.ifPresent(w -> s.put(WINDOW, w.toString()));
        return s;
    }

    /** The splitter for this job's task sizes. */
    public TaskSplitter splitter() {
        return new TaskSplitter(maxPartitionsPerTask, maxBytesPerTask);
    }

    /** A size in bytes: a number, optionally followed by B, KB, MB, GB or TB (powers of 1024). */
    static Optional<Long> parseSize(String text) {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        int shift =
                switch (m.group(2).toUpperCase(Locale.ROOT).replace("B", "")) {
                    case "K" -> 10;
                    case "M" -> 20;
                    case "G" -> 30;
                    case "T" -> 40;
                    default -> 0;
                };
        try {
            long n = Long.parseLong(m.group(1));
            if (n > (Long.MAX_VALUE >> shift)) {
                return Optional.empty();
            }
            return Optional.of(n << shift);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static int count(
            Map<String, String> settings,
            String key,
            int defaultValue,
            int max,
            List<JobSettingsException.Problem> problems) {
        String text = settings.get(key);
        if (text == null) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(text.strip());
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(new JobSettingsException.Problem(key, text, "is not a whole number from 1 to " + max));
        return defaultValue;
    }
}
