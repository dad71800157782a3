package dev.lakeport.app.pages.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.app.i18n.Messages;
import dev.lakeport.app.testing.ImmediateTaskRunner;
import dev.lakeport.app.testing.RecordingDialogService;
import dev.lakeport.apply.ResultListener;
import dev.lakeport.apply.RunSummary;
import dev.lakeport.config.ConfigKeys;
import dev.lakeport.diff.DiffResult;
import dev.lakeport.diff.DiffRun;
import dev.lakeport.launch.ClusterProfile;
import dev.lakeport.launch.JobHandle;
import dev.lakeport.launch.JobLauncher;
import dev.lakeport.launch.JobListener;
import dev.lakeport.launch.JobProgress;
import dev.lakeport.launch.JobState;
import dev.lakeport.launch.JobSubmission;
import dev.lakeport.launch.JobSummary;
import dev.lakeport.pipeline.ApplyOutcome;
import dev.lakeport.pipeline.ApplyRequest;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Run step's logic on the sample's emulators, with a runner that runs tasks at once. */
class RunViewModelTest {
    @TempDir
    Path dir;

    private final RecordingDialogService dialogs = new RecordingDialogService();
    private final Messages messages = new Messages(Locale.ENGLISH);
    private TestingSampleProject project;

    private RunViewModel open(int partitions) {
        project = new TestingSampleProject(dir.resolve("sample"), partitions);
        return viewModel(new DirectRunTarget(project.session));
    }

    private RunViewModel viewModel(RunTarget target) {
        return new RunViewModel(project.session, new ImmediateTaskRunner(), dialogs, messages, RunTargets.of(target));
    }

    @AfterEach
    void close() {
        if (project != null) {
            project.close();
        }
    }

    @Test
    void withoutADiffThePageIsInvalidAndSaysWhy() {
        RunViewModel vm = open(200);
        vm.onEnter();
        assertThat(vm.validProperty().get()).isFalse();
        assertThat(vm.problemProperty().get()).isEqualTo("Run a diff first.");
        assertThat(vm.canApplyProperty().get()).isFalse();
        vm.apply();
        assertThat(project.dlf().databaseCount()).isZero();
    }

    @Test
    void aProjectWithoutCredentialsCannotRunUntilTheUserSaysHowToSignIn() {
        RunViewModel vm = open(200);
        project.loadAndDiff();
        // As the command line leaves a project: no credentials in it.
        Map<String, String> settings = project.session.settings();
        ConfigKeys.SECRET_KEYS.forEach(settings::remove);
        project.session.replaceSettings(settings);
        vm.onEnter();
        assertThat(vm.validProperty().get()).isTrue();
        assertThat(vm.canApplyProperty().get()).isFalse();
        assertThat(vm.blockedProperty().get())
                .contains("No Glue credentials")
                .contains("No DLF credentials: enter keys, name a profile or credentials file, or confirm the"
                        + " default chain");
        vm.apply();
        assertThat(vm.stateProperty().get()).isEqualTo(RunViewModel.State.IDLE);
        assertThat(project.dlf().databaseCount()).isZero();

        project.session.setting(ConfigKeys.AWS_DEFAULT_CHAIN).set("true");
        assertThat(vm.canApplyProperty().get()).isFalse();
        project.session.setting(ConfigKeys.ALIYUN_ACCESS_KEY_ID).set("LTSAMPLEEMULATOR01");
        project.session.setting(ConfigKeys.ALIYUN_SECRET_ACCESS_KEY).set("sample-secret-not-used");
        assertThat(vm.blockedProperty().get()).isEmpty();
        assertThat(vm.canApplyProperty().get()).isTrue();
    }

    @Test
    void showsWhatTheIncludedEntriesOfTheDiffWillDo() {
        RunViewModel vm = open(200);
        DiffRun diff = project.loadAndDiff();
        vm.onEnter();
        assertThat(vm.validProperty().get()).isTrue();
        assertThat(vm.toCreateProperty().get()).isEqualTo(diff.summary().total(DiffResult.CREATE));
        assertThat(vm.toCreateProperty().get())
                .isEqualTo(project.glue().databaseCount()
                        + project.glue().tableCount()
                        + project.glue().partitionCount()
                        + project.glue().functionCount());
        assertThat(vm.toDeleteProperty().get()).isZero();
        assertThat(vm.canDeleteProperty().get()).isFalse();

        // Excluding a database on the Diff step leaves its entries out of the plan and of these counts.
        String db = project.glue().databaseNames().get(0);
        long excluded = project.session
                .diffs()
                .setSubtreeIncluded(diff.runId(), dev.lakeport.model.ObjectKey.database(db), false);
        vm.refresh();
        assertThat(vm.toCreateProperty().get()).isEqualTo(diff.summary().total(DiffResult.CREATE) - excluded);
        assertThat(vm.completeProperty().get()).isFalse();
    }

    @Test
    void defaultsComeFromTheProjectSettingsAndABadRateIsRefusedInline() {
        RunViewModel vm = open(200);
        project.loadAndDiff();
        project.session.setting("lakeport.concurrency").set("7");
        project.session.setting("lakeport.rate").set("250");
        assertThat(vm.concurrencyProperty().get()).isEqualTo(7);
        assertThat(vm.rateTextProperty().get()).isEqualTo("250");
        vm.onEnter();
        assertThat(vm.canApplyProperty().get()).isTrue();

        vm.rateTextProperty().set("fast");
        assertThat(vm.rateErrorProperty().get()).contains("calls per second");
        assertThat(vm.canApplyProperty().get()).isFalse();
        vm.rateTextProperty().set("-1");
        assertThat(vm.canApplyProperty().get()).isFalse();
        vm.rateTextProperty().set("0");
        assertThat(vm.rateErrorProperty().get()).isEmpty();
        assertThat(vm.canApplyProperty().get()).isTrue();
    }

    @Test
    void theRequestCarriesTheOptionsAndGoesToTheChosenTarget() {
        project = new TestingSampleProject(dir.resolve("sample"), 200);
        AtomicReference<ApplyRequest> seen = new AtomicReference<>();
        RunTarget direct = new DirectRunTarget(project.session);
        RunTarget recording = new RunTarget() {
            @Override
            public String displayName(Messages m) {
                return m.get("run.target.direct");
            }

            @Override
            public ApplyOutcome apply(
                    long diffRunId,
                    ApplyRequest request,
                    ResultListener results,
                    ProgressListener progress,
                    CancellationToken cancel) {
                seen.set(request);
                return direct.apply(diffRunId, request, results, progress, cancel);
            }
        };
        RunViewModel vm = viewModel(recording);
        project.loadAndDiff();
        vm.onEnter();
        vm.concurrencyProperty().set(3);
        vm.rateTextProperty().set("40.5");
        vm.dryRunProperty().set(true);
        vm.apply();
        assertThat(seen.get()).isEqualTo(new ApplyRequest(3, 40.5, true, false, java.util.OptionalLong.empty()));
    }

    @Test
    void aDryRunWritesNothingAndDoesNotCompleteTheStep() {
        RunViewModel vm = open(200);
        project.loadAndDiff();
        vm.onEnter();
        vm.dryRunProperty().set(true);
        vm.apply();
        assertThat(dialogs.errors).isEmpty();
        assertThat(vm.stateProperty().get()).isEqualTo(RunViewModel.State.SUCCEEDED);
        assertThat(vm.outcomeProperty().get().summary().dryRun()).isTrue();
        assertThat(vm.outcomeProperty().get().summary().totals().created())
                .isEqualTo(vm.toCreateProperty().get());
        assertThat(project.dlf().databaseCount()).isZero();
        assertThat(project.dlf().tableCount()).isZero();
        assertThat(project.dlf().partitionCount()).isZero();
        assertThat(vm.statusProperty().get()).contains("nothing was written");
        assertThat(vm.completeProperty().get()).isFalse();
    }

    @Test
    void aRealRunCreatesEverythingAndCompletesTheStep() {
        RunViewModel vm = open(200);
        project.loadAndDiff();
        vm.onEnter();
        vm.apply();
        assertThat(dialogs.errors).isEmpty();
        assertThat(vm.stateProperty().get()).isEqualTo(RunViewModel.State.SUCCEEDED);
        assertThat(project.dlf().databaseCount()).isEqualTo(project.glue().databaseCount());
        assertThat((long) project.dlf().tableCount()).isEqualTo(project.glue().tableCount());
        assertThat(project.dlf().partitionCount()).isEqualTo(project.glue().partitionCount());
        assertThat((long) project.dlf().functionCount())
                .isEqualTo(project.glue().functionCount());
        assertThat(vm.completeProperty().get()).isTrue();
        assertThat(vm.failures()).isEmpty();
        assertThat(project.session.latestApplyProperty().get())
                .isSameAs(vm.outcomeProperty().get());
        assertThat(vm.resultFiles()).allSatisfy(f -> assertThat(f).exists());
        assertThat(vm.canResumeProperty().get()).isFalse();

        // A new window on the same project sees the stored run: the step stays done.
        RunViewModel again = viewModel(new DirectRunTarget(project.session));
        again.onEnter();
        assertThat(again.completeProperty().get()).isTrue();
    }

    @Test
    void deletionsNeedTheirExactNumberTypedAndCancelLeavesThemOff() {
        RunViewModel vm = open(200);
        TestingSampleProject.addDatabasesOnlyInDestination(project.dlf(), "legacy_a", "legacy_b");
        project.loadAndDiff();
        vm.onEnter();
        assertThat(vm.toDeleteProperty().get()).isEqualTo(2);
        assertThat(vm.canDeleteProperty().get()).isTrue();

        dialogs.promptAnswers.add("3");
        assertThat(vm.setDeletions(true)).isFalse();
        assertThat(vm.deletionsProperty().get()).isFalse();
        assertThat(dialogs.prompts).last().asString().contains("delete 2 objects");

        assertThat(vm.setDeletions(true)).isFalse(); // no answer: cancelled
        assertThat(vm.deletionsProperty().get()).isFalse();

        dialogs.promptAnswers.add(" 2 ");
        assertThat(vm.setDeletions(true)).isTrue();
        assertThat(vm.deletionsProperty().get()).isTrue();

        vm.apply();
        assertThat(dialogs.errors).isEmpty();
        assertThat(vm.outcomeProperty().get().summary().totals().deleted()).isEqualTo(2);
        assertThat(project.dlf().database("legacy_a")).isEmpty();
        assertThat(project.dlf().databaseCount()).isEqualTo(project.glue().databaseCount());
    }

    @Test
    void withoutDeletionsObjectsOnlyInTheDestinationAreSkipped() {
        RunViewModel vm = open(200);
        TestingSampleProject.addDatabasesOnlyInDestination(project.dlf(), "legacy_a");
        project.loadAndDiff();
        vm.onEnter();
        vm.apply();
        assertThat(vm.outcomeProperty().get().summary().totals().skipped()).isEqualTo(1);
        assertThat(vm.outcomeProperty().get().skipped())
                .singleElement()
                .satisfies(s -> assertThat(s.key().database()).isEqualTo("legacy_a"));
        assertThat(project.dlf().database("legacy_a")).isPresent();
    }

    @Test
    void aNewDiffWithAnotherDeleteCountTurnsDeletionsOff() {
        RunViewModel vm = open(200);
        TestingSampleProject.addDatabasesOnlyInDestination(project.dlf(), "legacy_a");
        project.loadAndDiff();
        vm.onEnter();
        dialogs.promptAnswers.add("1");
        assertThat(vm.setDeletions(true)).isTrue();
        TestingSampleProject.addDatabasesOnlyInDestination(project.dlf(), "legacy_b");
        project.loadAndDiff();
        assertThat(vm.deletionsProperty().get()).isFalse();
        assertThat(vm.toDeleteProperty().get()).isEqualTo(2);
    }

    @Test
    void failuresAreListedWithTheirErrorAndResumeRetriesThem() {
        RunViewModel vm = open(200);
        String database = project.addTableDlfRefuses();
        project.loadAndDiff();
        vm.onEnter();
        vm.apply();
        assertThat(vm.stateProperty().get()).isEqualTo(RunViewModel.State.FINISHED_WITH_FAILURES);
        assertThat(vm.failures()).singleElement().satisfies(r -> {
            assertThat(r.itemType()).isEqualTo("table");
            assertThat(r.itemName()).isEqualTo(database + "." + TestingSampleProject.BAD_TABLE);
            assertThat(r.errorMsg()).contains("failed the verification");
            assertThat(r.isSuccess()).isFalse();
        });
        assertThat(vm.failureCountProperty().get()).isEqualTo(1);
        assertThat(vm.statusProperty().get()).contains("1 item failed");
        assertThat(vm.completeProperty().get()).isFalse();
        assertThat(vm.canResumeProperty().get()).isTrue();

        // Resume diffs just what is left (the refused table) and tries it again: it fails again, alone.
        long before = project.session.latestDiffRunProperty().get();
        vm.resume();
        assertThat(project.session.latestDiffRunProperty().get()).isNotEqualTo(before);
        assertThat(vm.toCreateProperty().get()).isEqualTo(1);
        assertThat(vm.outcomeProperty().get().summary().totals().total()).isEqualTo(1);
        assertThat(vm.failures()).hasSize(1);
    }

    @Test
    void phaseNamesAreTheUsersWords() {
        RunViewModel vm = open(200);
        assertThat(vm.phaseName("create/update")).isEqualTo("Creating and updating");
        assertThat(vm.phaseName("delete")).isEqualTo("Deleting");
        assertThat(vm.phaseName("load destination")).isEqualTo("Reading the destination");
        assertThat(vm.phaseName("something new")).isEqualTo("something new");
    }

    @Test
    void durationsReadLikeAPersonWouldSayThem() {
        assertThat(Durations.format(java.time.Duration.ofMillis(400), messages)).isEqualTo("1 s");
        assertThat(Durations.format(java.time.Duration.ofSeconds(185), messages))
                .isEqualTo("3 min 05 s");
        assertThat(Durations.format(java.time.Duration.ofMinutes(62), messages)).isEqualTo("1 h 02 min");
    }

    @Test
    void savedClusterProfilesBecomeTargetsAndLiveInTheProjectsSettings() {
        project = new TestingSampleProject(dir.resolve("sample"), 100);
        RunViewModel vm = new RunViewModel(
                project.session, new ImmediateTaskRunner(), dialogs, messages, new ProjectRunTargets(project.session));
        assertThat(vm.targets()).hasSize(1);

        vm.saveProfiles(List.of(
                new ClusterProfile.Local("laptop", 2, Map.of()),
                new ClusterProfile.Livy(
                        "emr",
                        URI.create("http://emr-master:8998"),
                        Optional.empty(),
                        Optional.empty(),
                        Map.of("spark.executor.instances", "10"))));

        assertThat(vm.targets())
                .extracting(t -> t.displayName(messages))
                .as("this computer first, then the profiles by name")
                .containsExactly(
                        "Direct (this computer)",
                        "emr (Spark job, Apache Livy)",
                        "laptop (Spark job, Spark in this app)");
        assertThat(project.session.setting("lakeport.cluster.emr.url").get()).isEqualTo("http://emr-master:8998");
        assertThat(project.session
                        .setting("lakeport.cluster.emr.conf.spark.executor.instances")
                        .get())
                .isEqualTo("10");
        assertThat(vm.profiles()).hasSize(2);

        vm.targetProperty().set(vm.targets().get(1));
        vm.saveProfiles(List.of(new ClusterProfile.Livy(
                "emr", URI.create("http://emr-master:8998"), Optional.empty(), Optional.empty(), Map.of())));
        assertThat(vm.targets()).hasSize(2);
        assertThat(vm.targetProperty().get().displayName(messages))
                .as("the chosen target stays chosen")
                .startsWith("emr");
        assertThat(project.session.settings()).doesNotContainKey("lakeport.cluster.laptop.type");
    }

    @Test
    void aTargetThatCannotRunHereSaysWhyAndCannotApply() {
        RunViewModel vm = open(100);
        project.loadAndDiff();
        RunViewModel jobs = new RunViewModel(
                project.session,
                new ImmediateTaskRunner(),
                dialogs,
                messages,
                RunTargets.of(new SparkJobRunTarget(
                        project.session,
                        new ClusterProfile.Local("laptop", 2, Map.of()),
                        p -> {
                            throw new AssertionError("must not submit");
                        },
                        p -> Optional.of("Spark is not on this app's classpath"),
                        () -> Optional.of(dir.resolve("job.jar")),
                        JobWatcher.NONE)));
        jobs.onEnter();

        assertThat(jobs.targetNoteProperty().get()).isEqualTo("Cannot run here: Spark is not on this app's classpath");
        assertThat(jobs.canApplyProperty().get()).isFalse();
        vm.onEnter();
        assertThat(vm.canApplyProperty().get()).isTrue();
        assertThat(vm.targetNoteProperty().get()).contains("as the Diff step left it");
    }

    @Test
    void aSparkJobRunShowsTheJobsStateApplicationLogAndOutcome() {
        project = new TestingSampleProject(dir.resolve("sample"), 100);
        project.loadAndDiff();
        AtomicReference<JobSubmission> submitted = new AtomicReference<>();
        JobLauncher cluster = (submission, listener) -> {
            submitted.set(submission);
            return new FinishedJob(submission, listener);
        };
        RunTargets targets = new RunTargets() {
            @Override
            public List<RunTarget> create(JobWatcher watcher) {
                return List.of(new SparkJobRunTarget(
                        project.session,
                        new ClusterProfile.Livy(
                                "emr", URI.create("http://emr:8998"), Optional.empty(), Optional.empty(), Map.of()),
                        p -> cluster,
                        p -> Optional.empty(),
                        () -> Optional.of(dir.resolve("job.jar")),
                        watcher));
            }

            @Override
            public List<RunTarget> direct() {
                return List.of(new DirectRunTarget(project.session));
            }
        };
        RunViewModel vm = new RunViewModel(project.session, new ImmediateTaskRunner(), dialogs, messages, targets);
        vm.onEnter();
        assertThat(vm.targetNoteProperty().get()).contains("compares the catalogs again on the cluster");
        vm.apply();

        assertThat(vm.stateProperty().get()).isEqualTo(RunViewModel.State.SUCCEEDED);
        assertThat(vm.jobStateProperty().get()).isEqualTo(JobState.FINISHED);
        assertThat(vm.applicationIdProperty().get()).isEqualTo("batch-7");
        assertThat(vm.jobRunIdProperty().get()).isEqualTo(submitted.get().runId());
        assertThat(vm.jobLog()).containsExactly("driver started", "driver finished");
        assertThat(vm.outcomeProperty().get().summary().totals().created()).isEqualTo(12);
        assertThat(submitted.get().settings().stringPropertyNames()).noneMatch(k -> k.startsWith("lakeport.cluster."));
    }

    /** A job the cluster ran at once: submitted, running with its log, then finished with its summary. */
    private static final class FinishedJob implements JobHandle {
        private final JobSubmission submission;
        private final JobSummary summary;

        FinishedJob(JobSubmission submission, JobListener listener) {
            this.submission = submission;
            this.summary = new JobSummary(
                    submission.runId(),
                    Map.of("partition", new RunSummary.Counts(12, 0, 0, 0, 0)),
                    Duration.ofSeconds(3),
                    List.of(),
                    false,
                    Optional.empty());
            listener.stateChanged(JobState.SUBMITTED, Optional.empty());
            listener.stateChanged(JobState.RUNNING, Optional.of("batch-7"));
            listener.logLine("driver started");
            listener.progress(new JobProgress(submission.runId(), JobProgress.LOAD, 12, 0, 12, 6, Instant.now()));
            listener.logLine("driver finished");
            listener.summary(summary);
            listener.stateChanged(JobState.FINISHED, Optional.of("batch-7"));
        }

        @Override
        public String runId() {
            return submission.runId();
        }

        @Override
        public JobState state() {
            return JobState.FINISHED;
        }

        @Override
        public Optional<String> applicationId() {
            return Optional.of("batch-7");
        }

        @Override
        public Optional<JobProgress> lastProgress() {
            return Optional.empty();
        }

        @Override
        public Optional<JobSummary> summary() {
            return Optional.of(summary);
        }

        @Override
        public List<String> logTail(int lines) {
            return List.of("driver started", "driver finished");
        }

        @Override
        public void cancel() {}

        @Override
        public JobState await(Duration timeout) {
            return JobState.FINISHED;
        }
    }
}
