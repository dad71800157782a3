package dev.lakeport.pipeline;

import static java.util.Objects.requireNonNull;

import dev.lakeport.apply.ResultLog;
import dev.lakeport.config.ConfigKeys;
import dev.lakeport.copy.CopyPlan;
import dev.lakeport.copy.CopyResult;
import dev.lakeport.launch.ClusterProfiles;
import dev.lakeport.launch.CopyPlanArgs;
import dev.lakeport.launch.JobConf;
import dev.lakeport.launch.JobCredentials;
import dev.lakeport.launch.JobException;
import dev.lakeport.launch.JobHandle;
import dev.lakeport.launch.JobLauncher;
import dev.lakeport.launch.JobListener;
import dev.lakeport.launch.JobState;
import dev.lakeport.launch.JobSubmission;
import dev.lakeport.plan.tasks.StateCounts;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * A data job's copy plan run as the Spark job ({@link JobConf#COPY_MAIN_CLASS}) on a cluster profile, as
 * {@code lakeport-cli copy --spark-profile} and the desktop's Copy data page make it: the plan travels inline with the
 * submission ({@link CopyPlanArgs}), the job is followed to its end, and its {@code copy-result-<run>.json} is taken
 * into the project's job when this computer can read it (a local or {@code file:} result folder: a run in this
 * process, a spark-submit client-mode run, a folder the cluster shares). Otherwise the outcome says which file to
 * fetch and import.
 */
public final class SparkCopy {
    private SparkCopy() {}

    /**
     * What became of the run: the job's end; the project's task counts after the import, when the result was
     * imported; the result's location (where the job writes it).
     */
    public record Outcome(
            String runId, JobState state, Optional<String> error, Optional<StateCounts> imported, String resultFile) {
        public Outcome {
            requireNonNull(runId, "runId is null");
            requireNonNull(state, "state is null");
            requireNonNull(error, "error is null");
            requireNonNull(imported, "imported is null");
            requireNonNull(resultFile, "resultFile is null");
        }

        /** The command that imports the result once it is fetched to this computer. */
        public String importCommand() {
            return "lakeport-cli copy --import-result " + CopyResult.fileName(runId);
        }
    }

    /**
     * {@link #submission(Map, JobCredentials, CopyPlan, String, String, String, Path, Map)} for settings that hold the
     * credentials (the desktop's session): they are taken out and travel apart.
     */
    public static JobSubmission submission(
            Map<String, String> settingsWithCredentials,
            CopyPlan plan,
            String outputPath,
            String runId,
            String appName,
            Path jobJar,
            Map<String, String> sparkConf) {
        Properties p = new Properties();
        settingsWithCredentials.forEach(p::setProperty);
        JobCredentials credentials = JobCredentials.split(p).credentials();
        return submission(settingsWithCredentials, credentials, plan, outputPath, runId, appName, jobJar, sparkConf);
    }

    /**
     * The submission of one copy run: the project's settings without credentials or cluster profiles, the result
     * going to {@code outputPath}, the plan inline.
     *
     * @throws IllegalArgumentException when the plan is too large to travel inline (the message gives the sizes)
     */
    public static JobSubmission submission(
            Map<String, String> settings,
            JobCredentials credentials,
            CopyPlan plan,
            String outputPath,
            String runId,
            String appName,
            Path jobJar,
            Map<String, String> sparkConf) {
        requireNonNull(plan, "plan is null");
        List<String> planArgs = CopyPlanArgs.inline(plan.toJson());
        Properties p = new Properties();
        settings.forEach((k, v) -> {
            if (!k.startsWith(ClusterProfiles.PREFIX)) {
                p.setProperty(k, v);
            }
        });
        p.setProperty(ConfigKeys.RESULT_OUTPUT_PATH, outputPath);
        JobCredentials.Split split = JobCredentials.split(p);
        return new JobSubmission(
                runId, appName, split.settings(), credentials, jobJar, sparkConf, JobConf.COPY_MAIN_CLASS, planArgs);
    }

    /**
     * Submits the copy, follows it to its end (Cancel stops it) and imports its result when it is readable here.
     * Blocking.
     *
     * @throws JobException when the job cannot be submitted; nothing ran
     */
    public static Outcome run(
            DataCopy copies,
            JobLauncher launcher,
            JobSubmission submission,
            JobListener listener,
            ProgressListener progress,
            CancellationToken cancel) {
        requireNonNull(copies, "copies is null");
        requireNonNull(submission, "submission is null");
        if (!submission.mainClass().equals(JobConf.COPY_MAIN_CLASS)) {
            throw new IllegalArgumentException("not a copy submission: " + submission.mainClass());
        }
        JobHandle handle = launcher.submit(submission, listener);
        JobState end = JobRun.await(handle, cancel, progress);
        try {
            // the end's clean-up (a credentials file, the in-process run's settings) is done when await returns
            handle.await(java.time.Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String output = submission.settings().getProperty(ConfigKeys.RESULT_OUTPUT_PATH, "");
        String fileName = CopyResult.fileName(submission.runId());
        Optional<Path> local = localFile(output, fileName);
        String location = local.map(Path::toString).orElse(output.replaceAll("/+$", "") + "/" + fileName);
        Optional<String> error = end == JobState.FINISHED
                ? handle.summary().flatMap(s -> s.error())
                : Optional.of(handle.summary()
                        .flatMap(s -> s.error())
                        .orElseGet(() -> end == JobState.KILLED
                                ? "the Spark job was stopped"
                                : "the Spark job " + end.name().toLowerCase(java.util.Locale.ROOT) + ": "
                                        + String.join(" | ", handle.logTail(5))));
        Optional<StateCounts> imported = Optional.empty();
        if (local.isPresent() && Files.isRegularFile(local.get())) {
            CopyResult result;
            try (InputStream in = Files.newInputStream(local.get())) {
                result = CopyResult.read(in, local.get().toString());
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "the copy result " + local.get() + " cannot be read: " + e.getMessage(), e);
            }
            imported = Optional.of(copies.importResult(result));
        }
        return new Outcome(submission.runId(), end, error, imported, location);
    }

    private static Optional<Path> localFile(String output, String fileName) {
        if (output.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ResultLog.localDirectory(output).resolve(fileName));
        } catch (IllegalArgumentException remote) {
            return Optional.empty();
        }
    }
}
