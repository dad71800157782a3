package dev.lakeport.app.pages.run;

import static java.util.Objects.requireNonNull;

import dev.lakeport.app.i18n.Messages;
import dev.lakeport.app.session.ProjectSession;
import dev.lakeport.apply.ResultListener;
import dev.lakeport.apply.ResultLog;
import dev.lakeport.launch.ClusterProfile;
import dev.lakeport.launch.JobConf;
import dev.lakeport.launch.JobException;
import dev.lakeport.launch.JobLauncher;
import dev.lakeport.launch.JobListener;
import dev.lakeport.launch.JobState;
import dev.lakeport.launch.JobSubmission;
import dev.lakeport.pipeline.ApplyOutcome;
import dev.lakeport.pipeline.ApplyRequest;
import dev.lakeport.pipeline.JobRun;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs the migration as the bundled Spark job on a saved cluster profile: submits it with the project's settings
 * (credentials apart, as settings Spark redacts), follows it to the end — state, application id, the job's progress
 * records as the page's progress, the driver log — cancels it with the page's Cancel, and, when the job wrote its
 * result log where this computer can read it, stores that log in the project so that Reports shows the run.
 *
 * <p>The job compares the catalogs again on the cluster with the project's scope; exclusions made on the Diff step
 * do not travel (the page says so).
 */
public final class SparkJobRunTarget implements RunTarget {
    private final ProjectSession session;
    private final ClusterProfile profile;
    private final Function<ClusterProfile, JobLauncher> launchers;
    private final Function<ClusterProfile, Optional<String>> availability;
    private final Supplier<Optional<Path>> jobJar;
    private final JobWatcher watcher;

    public SparkJobRunTarget(
            ProjectSession session,
            ClusterProfile profile,
            Function<ClusterProfile, JobLauncher> launchers,
            Function<ClusterProfile, Optional<String>> availability,
            Supplier<Optional<Path>> jobJar,
            JobWatcher watcher) {
        this.session = requireNonNull(session, "session is null");
        this.profile = requireNonNull(profile, "profile is null");
        this.launchers = requireNonNull(launchers, "launchers is null");
        this.availability = requireNonNull(availability, "availability is null");
        this.jobJar = requireNonNull(jobJar, "jobJar is null");
        this.watcher = requireNonNull(watcher, "watcher is null");
    }

    public ClusterProfile profile() {
        return profile;
    }

    @Override
    public String displayName(Messages messages) {
        return messages.get(
                "run.target.job",
                profile.name(),
                messages.get(ClusterProfileForm.Type.of(profile).messageKey()));
    }

    @Override
    public boolean appliesStoredDiff() {
        return false;
    }

    @Override
    public Optional<String> unavailableReason() {
        Optional<String> reason = availability.apply(profile);
        if (reason.isPresent()) {
            return reason;
        }
        if (jobJar.get().isEmpty()) {
            return Optional.of("the Spark job's jar (" + JobConf.JAR_NAME + ") is not installed with this copy of"
                    + " Lakeport; build it with ./mvnw -pl spark-job -am package");
        }
        return Optional.empty();
    }

    @Override
    public ApplyOutcome apply(
            long diffRunId,
            ApplyRequest request,
            ResultListener results,
            ProgressListener progress,
            CancellationToken cancel) {
        unavailableReason().ifPresent(reason -> {
            throw new JobException("cannot run on " + profile.name() + ": " + reason);
        });
        JobSubmission submission = JobRun.submission(
                JobRun.withExclusions(
                        session.settings(), session.migration().exclusions().rules()),
                request,
                session.migration().outputPath(),
                ResultLog.newRunId(),
                "lakeport " + session.displayName(),
                jobJar.get().orElseThrow(),
                Map.of());
        watcher.submitted(submission.runId());
        return JobRun.run(
                launchers.apply(profile),
                submission,
                new JobListener() {
                    @Override
                    public void stateChanged(JobState state, Optional<String> applicationId) {
                        watcher.stateChanged(state, applicationId);
                    }

                    @Override
                    public void logLine(String line) {
                        watcher.logLine(line);
                    }
                },
                progress,
                cancel,
                Optional.of(session.results()),
                results);
    }
}
