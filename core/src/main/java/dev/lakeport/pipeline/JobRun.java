package dev.lakeport.pipeline;

import static java.util.Objects.requireNonNull;

import dev.lakeport.apply.ResultFiles;
import dev.lakeport.apply.ResultListener;
import dev.lakeport.apply.ResultLog;
import dev.lakeport.apply.ResultStore;
import dev.lakeport.apply.RunSummary;
import dev.lakeport.config.ConfigKeys;
import dev.lakeport.config.MigrationConfig;
import dev.lakeport.launch.ClusterProfiles;
import dev.lakeport.launch.JobCredentials;
import dev.lakeport.launch.JobException;
import dev.lakeport.launch.JobHandle;
import dev.lakeport.launch.JobLauncher;
import dev.lakeport.launch.JobListener;
import dev.lakeport.launch.JobProgress;
import dev.lakeport.launch.JobState;
import dev.lakeport.launch.JobSubmission;
import dev.lakeport.launch.JobSummary;
import dev.lakeport.mapping.ExclusionRules;
import dev.lakeport.model.ObjectKind;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run of the migration as the bundled Spark job, as the desktop's Run step and {@code lakeport-cli submit} make it:
 * the submission from a project's settings and the run's options, and following the job to its end — its progress
 * records become the same progress calls a direct run makes, Cancel kills it, and a result log the job wrote where
 * this computer can read it is stored in the project like a direct run's.
 */
public final class JobRun {
    private static final Logger LOG = LoggerFactory.getLogger(JobRun.class);
    /** How often the waiting thread looks at the cancel token. */
    private static final Duration POLL = Duration.ofMillis(200);

    private JobRun() {}

    /**
     * The submission of one run: the project's settings without credentials and without cluster profiles, the run's
     * options as the job's keys, the result log in {@code outputPath}; the credentials apart (Spark redacts them).
     */
    public static JobSubmission submission(
            Map<String, String> settings,
            ApplyRequest request,
            String outputPath,
            String runId,
            String appName,
            Path jobJar,
            Map<String, String> sparkConf) {
        JobCredentials.Split split = split(settings, request, outputPath);
        return new JobSubmission(runId, appName, split.settings(), split.credentials(), jobJar, sparkConf);
    }

    /**
     * {@code settings} with the project's exclusion rules as the job's {@code lakeport.exclude.*} keys, in place of
     * any such keys {@code settings} held.
     */
    public static Map<String, String> withExclusions(Map<String, String> settings, ExclusionRules rules) {
        Map<String, String> out = new java.util.TreeMap<>(settings);
        out.keySet().removeIf(k -> k.startsWith(ExclusionRules.PREFIX));
        out.putAll(rules.toSettings());
        return out;
    }

    /** The job's settings (the project's, the run's options as the job's keys) split from the credentials in them. */
    private static JobCredentials.Split split(Map<String, String> settings, ApplyRequest request, String outputPath) {
        requireNonNull(request, "request is null");
        Properties p = new Properties();
        settings.forEach((k, v) -> {
            if (!k.startsWith(ClusterProfiles.PREFIX)) {
                p.setProperty(k, v);
            }
        });
        p.setProperty(ConfigKeys.RESULT_OUTPUT_PATH, outputPath);
        p.setProperty(ConfigKeys.CONCURRENCY, Integer.toString(request.concurrency()));
        p.setProperty(ConfigKeys.RATE, Double.toString(request.callsPerSecond()));
        p.setProperty(ConfigKeys.DRY_RUN, Boolean.toString(request.dryRun()));
        p.setProperty(ConfigKeys.ALLOW_DELETES, Boolean.toString(request.allowDeletes()));
        p.remove(ConfigKeys.CONFIRM_DELETES);
        if (request.allowDeletes()) {
            request.confirmedDeletes().ifPresent(n -> p.setProperty(ConfigKeys.CONFIRM_DELETES, Long.toString(n)));
        }
        return JobCredentials.split(p);
    }

    /**
     * The credentials of a configuration, for a job whose settings come without them (a project's stored settings):
     * set credentials travel; without any, the cluster's own roles are used.
     */
    public static JobCredentials credentials(MigrationConfig config) {
        return JobCredentials.of(config);
    }

    /** {@link #submission} with the credentials given apart from the settings (which must not hold any). */
    public static JobSubmission submission(
            Map<String, String> settings,
            JobCredentials credentials,
            ApplyRequest request,
            String outputPath,
            String runId,
            String appName,
            Path jobJar,
            Map<String, String> sparkConf) {
        return new JobSubmission(
                runId, appName, split(settings, request, outputPath).settings(), credentials, jobJar, sparkConf);
    }

    /**
     * Submits and follows the job to its end. Blocking. {@code listener} hears the job too (state, log).
     *
     * @param store where to store the job's result log when it is readable here (empty: don't)
     * @throws JobException if the job could not be submitted or failed; the message has the job's error
     */
    public static ApplyOutcome run(
            JobLauncher launcher,
            JobSubmission submission,
            JobListener listener,
            ProgressListener progress,
            CancellationToken cancel,
            Optional<ResultStore> store,
            ResultListener results) {
        requireNonNull(launcher, "launcher is null");
        requireNonNull(listener, "listener is null");
        ProgressBridge bridge = new ProgressBridge(progress);
        JobHandle handle = launcher.submit(submission, new JobListener() {
            @Override
            public void stateChanged(JobState state, Optional<String> applicationId) {
                listener.stateChanged(state, applicationId);
            }

            @Override
            public void progress(JobProgress p) {
                bridge.accept(p);
                listener.progress(p);
            }

            @Override
            public void summary(JobSummary summary) {
                listener.summary(summary);
            }

            @Override
            public void logLine(String line) {
                listener.logLine(line);
            }
        });
        await(handle, cancel, progress);
        return outcome(handle, submission, store, results);
    }

    /** Waits for a final state, killing the job once if {@code cancel} is set meanwhile. */
    public static JobState await(JobHandle handle, CancellationToken cancel, ProgressListener progress) {
        boolean cancelAsked = false;
        try {
            while (!handle.state().isFinal()) {
                if (!cancelAsked && cancel.isCancelled()) {
                    cancelAsked = true;
                    progress.message("stopping the Spark job");
                    handle.cancel();
                }
                handle.await(POLL);
            }
        } catch (InterruptedException e) {
            handle.cancel();
            Thread.currentThread().interrupt();
            throw new JobException("stopped waiting for the Spark job " + handle.runId() + "; it was asked to stop", e);
        }
        return handle.state();
    }

    private static ApplyOutcome outcome(
            JobHandle handle, JobSubmission submission, Optional<ResultStore> store, ResultListener results) {
        String runId = submission.runId();
        JobState end = handle.state();
        Optional<JobSummary> summary = handle.summary();
        if (end == JobState.FAILED) {
            String why = summary.flatMap(JobSummary::error).orElseGet(() -> lastLines(handle));
            throw new JobException("the Spark job " + handle.applicationId().orElse(runId) + " failed: " + why);
        }
        boolean killed = end == JobState.KILLED;
        boolean dryRun = Boolean.parseBoolean(submission.settings().getProperty(ConfigKeys.DRY_RUN, "false"));
        Path directory = localDirectory(submission.settings().getProperty(ConfigKeys.RESULT_OUTPUT_PATH, ""));
        Path resultsFile = directory.resolve(ResultLog.resultsFileName(runId));
        boolean readable = Files.isRegularFile(resultsFile);
        if (readable && store.isPresent()) {
            ResultFiles.importRun(resultsFile, runId, dryRun, killed, store.get(), failuresOnly(results));
        } else if (!readable) {
            LOG.info(
                    "the Spark job's result log {} is not readable here; the run is summed up from its records",
                    resultsFile);
        }
        RunSummary runSummary = new RunSummary(
                runId,
                counts(summary),
                summary.map(JobSummary::duration).orElse(Duration.ZERO),
                readable ? List.of(resultsFile) : List.of(),
                killed,
                dryRun);
        return new ApplyOutcome(
                runId,
                runSummary,
                List.of(),
                resultsFile,
                directory.resolve(ResultLog.csvFileName(runId)),
                directory.resolve(ResultLog.failedFileName(runId)));
    }

    private static Path localDirectory(String outputPath) {
        try {
            return ResultLog.localDirectory(outputPath);
        } catch (IllegalArgumentException remote) {
            // oss://, hdfs://, s3://: the cluster's storage, which this computer does not read
            return Path.of("");
        }
    }

    private static ResultListener failuresOnly(ResultListener results) {
        return r -> {
            if (!r.outcome().isSuccess()) {
                results.recorded(r);
            }
        };
    }

    private static Map<ObjectKind, RunSummary.Counts> counts(Optional<JobSummary> summary) {
        Map<ObjectKind, RunSummary.Counts> counts = new EnumMap<>(ObjectKind.class);
        summary.ifPresent(s -> s.counts().forEach((type, c) -> {
            try {
                counts.put(ObjectKind.fromItemType(type.toLowerCase(Locale.ROOT)), c);
            } catch (IllegalArgumentException unknown) {
                LOG.warn("the Spark job reported counts for an unknown item type {}", type);
            }
        }));
        return counts;
    }

    private static String lastLines(JobHandle handle) {
        List<String> tail = handle.logTail(5);
        return tail.isEmpty() ? "no summary and no log (see the cluster's logs)" : String.join(" | ", tail);
    }

    /**
     * Turns the job's records (absolute counts per phase) into a {@link ProgressListener}'s phases and increments; a
     * total that becomes known restarts the phase's figures.
     */
    static final class ProgressBridge {
        private final ProgressListener progress;
        private String phase = "";
        private long total = Long.MIN_VALUE;
        private long done;
        private long failed;

        ProgressBridge(ProgressListener progress) {
            this.progress = requireNonNull(progress, "progress is null");
        }

        synchronized void accept(JobProgress p) {
            if (!p.phase().equals(phase) || p.total() != total) {
                phase = p.phase();
                total = p.total();
                done = 0;
                failed = 0;
                progress.phase(phase, total);
            }
            long moreDone = Math.max(0, p.done() - done);
            long moreFailed = Math.max(0, p.failed() - failed);
            done = Math.max(done, p.done());
            failed = Math.max(failed, p.failed());
            if (moreDone > 0 || moreFailed > 0) {
                progress.advance(moreDone, moreFailed);
            }
        }
    }
}
