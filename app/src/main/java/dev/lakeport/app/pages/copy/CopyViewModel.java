package dev.lakeport.app.pages.copy;

import static java.util.Objects.requireNonNull;

import dev.lakeport.app.dialog.DialogService;
import dev.lakeport.app.dialog.ErrorMessages;
import dev.lakeport.app.dialog.FileFilter;
import dev.lakeport.app.i18n.Messages;
import dev.lakeport.app.session.ProjectSession;
import dev.lakeport.app.task.TaskInfo;
import dev.lakeport.app.task.TaskRunner;
import dev.lakeport.app.wizard.AbstractPageViewModel;
import dev.lakeport.app.wizard.Step;
import dev.lakeport.apply.tasks.JobProgressListener;
import dev.lakeport.apply.tasks.TaskCount;
import dev.lakeport.config.MigrationConfig;
import dev.lakeport.copy.SourceData;
import dev.lakeport.launch.ClusterProfile;
import dev.lakeport.launch.ClusterProfiles;
import dev.lakeport.launch.JobConf;
import dev.lakeport.launch.JobException;
import dev.lakeport.launch.JobJar;
import dev.lakeport.launch.JobLauncher;
import dev.lakeport.launch.JobLaunchers;
import dev.lakeport.launch.JobListener;
import dev.lakeport.launch.JobState;
import dev.lakeport.launch.JobSubmission;
import dev.lakeport.localcopy.LocalFiles;
import dev.lakeport.pipeline.DataCopy;
import dev.lakeport.pipeline.SparkCopy;
import dev.lakeport.plan.tasks.Job;
import dev.lakeport.plan.tasks.JobMode;
import dev.lakeport.plan.tasks.JobSelection;
import dev.lakeport.plan.tasks.JobSpec;
import dev.lakeport.plan.tasks.JobTask;
import dev.lakeport.plan.tasks.StateCounts;
import dev.lakeport.plan.tasks.TaskLogEntry;
import dev.lakeport.plan.tasks.TaskState;
import dev.lakeport.report.ReportInfo;
import dev.lakeport.report.VerificationReport;
import dev.lakeport.snapshot.Side;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Step Copy: migration jobs as MaxCompute Migration Service runs them. The user plans a job over what the Browse or
 * Diff page has selected (or every database), in a mode (metadata, data, both) and with task sizes, tasks at once and
 * an optional window; runs it from this computer, cancels it (its unfinished tasks stay pending), resumes it, or runs
 * its failed tasks again alone. The page lists the project's jobs, the chosen job's tasks (updated live while it
 * runs), a task's log and its partitions' three counts, and the job's verification report with its exports.
 */
public final class CopyViewModel extends AbstractPageViewModel {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CopyViewModel.class);
    /** How often the task list is read again while a job runs, at most. */
    static final long LIVE_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(300);

    public enum Scope {
        /** What the Browse or Diff page has selected. */
        SELECTION,
        /** Every database of the source as last loaded. */
        EVERYTHING
    }

    public enum Format {
        HTML("html"),
        CSV("csv"),
        JSON("json");

        private final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        public String extension() {
            return extension;
        }
    }

    /** What one read of the project found: its jobs, the shown job's tasks and report, the chosen task's details. */
    private record Snapshot(
            List<Job> jobs,
            long jobId,
            List<TaskRow> rows,
            Optional<List<VerificationReport.TableVerdict>> verdicts,
            long taskId,
            List<TaskLogEntry> log,
            List<TaskCount> counts,
            List<TaskCount> disagreeing) {}

    private final ProjectSession session;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final Messages messages;
    private final ErrorMessages errors;

    private final ObjectProperty<JobMode> mode = new SimpleObjectProperty<>(JobMode.BOTH);
    private final ObjectProperty<Scope> scope = new SimpleObjectProperty<>(Scope.EVERYTHING);
    private final ReadOnlyObjectWrapper<Optional<JobSelection>> offered = new ReadOnlyObjectWrapper<>(Optional.empty());
    private final StringProperty maxPartitions = new SimpleStringProperty(String.valueOf(50));
    private final StringProperty maxBytes = new SimpleStringProperty("5GB");
    private final StringProperty tasksAtOnce = new SimpleStringProperty(String.valueOf(JobSpec.DEFAULT_MAX_CONCURRENT));
    private final StringProperty window = new SimpleStringProperty("");

    private final ObservableList<Job> jobs = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Job> job = new ReadOnlyObjectWrapper<>();
    private final ObservableList<TaskRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<TaskRow> selectedTask = new ReadOnlyObjectWrapper<>();
    private final ObservableList<TaskLogEntry> log = FXCollections.observableArrayList();
    private final ObservableList<TaskCount> taskCounts = FXCollections.observableArrayList();
    private final ObservableList<VerificationReport.TableVerdict> verdicts = FXCollections.observableArrayList();
    private final ObservableList<TaskCount> disagreeing = FXCollections.observableArrayList();

    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<TaskInfo> task = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canResume = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canRetry = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canExport = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<Path> exportedHtml = new ReadOnlyObjectWrapper<>();

    /** Where a job's rows come from: the table's files on this computer. */
    private volatile Supplier<SourceData> sourceData = LocalFiles::new;

    /** Where the data is copied: empty for this computer, else a cluster profile saved in the project. */
    private final ObservableList<Optional<ClusterProfile>> runTargets =
            FXCollections.observableArrayList(List.of(Optional.empty()));

    private final ObjectProperty<Optional<ClusterProfile>> runOn = new SimpleObjectProperty<>(Optional.empty());
    private volatile Function<ClusterProfile, JobLauncher> launchers = JobLaunchers::forProfile;
    private volatile Function<ClusterProfile, Optional<String>> availability = JobLaunchers::unavailable;
    private volatile Supplier<Optional<Path>> jobJar = JobJar::locate;
    /** Set by a Spark run whose result this computer cannot read: what the status says instead of the counts. */
    private final java.util.concurrent.atomic.AtomicReference<String> endNote =
            new java.util.concurrent.atomic.AtomicReference<>();

    /** The job and task shown; read by the runner's threads when they refresh the list. */
    private volatile long shownJob = -1;

    private volatile long shownTask = -1;
    private final AtomicLong lastLive = new AtomicLong();
    private final AtomicBoolean trailing = new AtomicBoolean();
    /** Counts the runs that ended: a live read begun before the end is not shown after the final one. */
    private volatile long endedRuns;

    private long generation;
    /** True while the lists are replaced: the view's selection events then come from the lists, not the user. */
    private boolean applying;

    public CopyViewModel(ProjectSession session, TaskRunner tasks, DialogService dialogs, Messages messages) {
        super(Step.COPY);
        this.session = requireNonNull(session, "session is null");
        this.tasks = requireNonNull(tasks, "tasks is null");
        this.dialogs = requireNonNull(dialogs, "dialogs is null");
        this.messages = requireNonNull(messages, "messages is null");
        this.errors = new ErrorMessages(messages);
        session.projectFileProperty().addListener((obs, old, now) -> projectChanged());
        // profiles saved on the Run page are offered here at once
        session.settingsChangesProperty().addListener((obs, old, now) -> reloadTargets());
        projectChanged();
    }

    // ---- what to copy

    /** The Browse or Diff page chose something (empty: nothing a job can take); the page offers it as the scope. */
    public void offerSelection(Optional<JobSelection> selection) {
        offered.set(requireNonNull(selection, "selection is null"));
        if (selection.isPresent()) {
            scope.set(Scope.SELECTION);
        } else if (scope.get() == Scope.SELECTION) {
            scope.set(Scope.EVERYTHING);
        }
    }

    /** The {@code job.*} settings as the page's fields give them; wrong values are named by the planner. */
    Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(JobSpec.MODE, mode.get().word());
        settings.put(JobSpec.MAX_PARTITIONS, maxPartitions.get().strip());
        settings.put(JobSpec.MAX_BYTES, maxBytes.get().strip());
        settings.put(JobSpec.MAX_CONCURRENT, tasksAtOnce.get().strip());
        if (!window.get().isBlank()) {
            settings.put(JobSpec.WINDOW, window.get().strip());
        }
        return settings;
    }

    // ---- commands

    /**
     * Plans a new job over the chosen scope with the page's settings, and runs it: on this computer, or with the
     * Spark job on the chosen cluster profile.
     */
    public void run() {
        if (running.get() || !session.openProperty().get()) {
            return;
        }
        Optional<JobSelection> chosen = scope.get() == Scope.SELECTION ? offered.get() : Optional.empty();
        Map<String, String> settings = settings();
        String title = messages.get("copy.task.run");
        Optional<ClusterProfile> profile = runOn.get() == null ? Optional.empty() : runOn.get();
        if (profile.isPresent() && mode.get() != JobMode.METADATA) {
            start(title, info -> onProfile(profile.get(), chosen, settings, info));
            return;
        }
        start(title, info -> {
            DataCopy copies = session.migration().copies();
            JobSelection selection = chosen.orElseGet(this::everyDatabase);
            long id = copies.plan(CopySelections.describe(selection), selection, settings, info.cancellation());
            shownJob = id;
            shownTask = -1;
            publishRead(endedRuns, id, -1);
            return copies.run(id, sourceData.get(), false, info.cancellation(), new Live(endedRuns));
        });
    }

    /**
     * The Spark job's way: the tables and partitions created here (a metadata job, unless the mode is data only), then
     * a data job planned, its plan submitted inline to the profile and followed; its result is imported when this
     * computer can read it, else the status says which file to import.
     */
    private StateCounts onProfile(
            ClusterProfile profile,
            Optional<JobSelection> chosen,
            Map<String, String> settings,
            dev.lakeport.app.task.TaskScope info) {
        availability.apply(profile).ifPresent(reason -> {
            throw new JobException("cannot run on " + profile.name() + ": " + reason);
        });
        Path jar = jobJar.get()
                .orElseThrow(() -> new JobException("the Spark job's jar (" + JobConf.JAR_NAME + ") is not installed"
                        + " with this copy of Lakeport; build it with ./mvnw -pl spark-job -am package"));
        DataCopy copies = session.migration().copies();
        JobSelection selection = chosen.orElseGet(this::everyDatabase);
        String label = CopySelections.describe(selection);
        if (mode.get() == JobMode.BOTH) {
            Map<String, String> metadata = new LinkedHashMap<>(settings);
            metadata.put(JobSpec.MODE, JobMode.METADATA.word());
            long first = copies.plan(label, selection, metadata, info.cancellation());
            shownJob = first;
            shownTask = -1;
            publishRead(endedRuns, first, -1);
            StateCounts counts = copies.run(first, sourceData.get(), false, info.cancellation(), new Live(endedRuns));
            if (counts.get(TaskState.SUCCEEDED) != counts.total()) {
                return counts;
            }
        }
        Map<String, String> data = new LinkedHashMap<>(settings);
        data.put(JobSpec.MODE, JobMode.DATA.word());
        long id = copies.plan(label, selection, data, info.cancellation());
        shownJob = id;
        shownTask = -1;
        publishRead(endedRuns, id, -1);
        dev.lakeport.copy.CopyPlan plan = copies.copyPlan(id, List.of(), info.cancellation());
        JobSubmission submission = SparkCopy.submission(
                session.settings(),
                plan,
                session.migration().outputPath(),
                dev.lakeport.apply.ResultLog.newRunId(),
                "lakeport copy " + session.displayName(),
                jar,
                Map.of());
        SparkCopy.Outcome outcome = SparkCopy.run(
                copies,
                launchers.apply(profile),
                submission,
                new JobListener() {},
                dev.lakeport.progress.ProgressListener.NONE,
                info.cancellation());
        if (outcome.imported().isPresent()) {
            return outcome.imported().get();
        }
        if (outcome.state() == JobState.FAILED) {
            throw new JobException("the Spark copy on " + profile.name() + " failed: "
                    + outcome.error().orElse("see the cluster's log"));
        }
        if (outcome.state() == JobState.FINISHED) {
            endNote.set(messages.get("copy.status.fetchResult", outcome.resultFile(), outcome.importCommand()));
        }
        return copies.jobs().counts(id);
    }

    /** Runs the shown job's PENDING tasks: a job stopped by Cancel (or by a closed app) goes on where it was. */
    public void resume() {
        runShown(false, messages.get("copy.task.resume"));
    }

    /** Runs the shown job's FAILED tasks again, alone. */
    public void retryFailed() {
        runShown(true, messages.get("copy.task.retry"));
    }

    private void runShown(boolean retry, String title) {
        Job shown = job.get();
        if (running.get() || shown == null) {
            return;
        }
        long id = shown.id();
        start(title, info -> session.migration()
                .copies()
                .run(id, sourceData.get(), retry, info.cancellation(), new Live(endedRuns)));
    }

    /** Asks the running job to stop: running tasks end as soon as they notice, the others stay pending. */
    public void cancel() {
        TaskInfo info = task.get();
        if (info != null) {
            info.cancel();
            status.set(messages.get("copy.status.cancelling"));
        }
    }

    private interface JobWork {
        StateCounts run(dev.lakeport.app.task.TaskScope scope) throws Exception;
    }

    private void start(String title, JobWork work) {
        running.set(true);
        status.set(messages.get("copy.status.running"));
        endNote.set(null);
        TaskInfo info = tasks.task(title, work::run)
                .onSuccess(counts -> status.set(Optional.ofNullable(endNote.getAndSet(null))
                        .orElseGet(() -> messages.get(
                                "copy.status.ended",
                                counts.get(TaskState.SUCCEEDED),
                                counts.get(TaskState.FAILED),
                                counts.get(TaskState.PENDING)))))
                .onCancelled(() -> status.set(messages.get("copy.status.cancelled")))
                .onFailure(e -> {
                    status.set("");
                    dialogs.showError(errors.describe(title, e));
                })
                .onFinished(() -> {
                    endedRuns++;
                    running.set(false);
                    task.set(null);
                    refresh();
                })
                .start();
        if (running.get()) {
            task.set(info);
        }
    }

    /** Hears the runner; reads the task list again at most every {@link #LIVE_INTERVAL_NANOS}, on its thread. */
    private final class Live implements JobProgressListener {
        /** {@link #endedRuns} when this run started: once it changes, the run's final read is shown instead. */
        private final long epoch;

        Live(long epoch) {
            this.epoch = epoch;
        }

        @Override
        public void counts(long jobId, StateCounts counts) {
            changed(jobId);
        }

        @Override
        public void ended(JobTask ended) {
            changed(ended.jobId());
        }

        private void changed(long jobId) {
            if (jobId != shownJob) {
                return;
            }
            long now = System.nanoTime();
            long last = lastLive.get();
            if (now - last >= LIVE_INTERVAL_NANOS && lastLive.compareAndSet(last, now)) {
                publishRead(epoch, jobId, shownTask);
            } else if (trailing.compareAndSet(false, true)) {
                // A change within the interval is shown at its end, so that the last change before a quiet spell
                // (a task that starts and then runs for minutes) is not left out.
                CompletableFuture.delayedExecutor(LIVE_INTERVAL_NANOS, TimeUnit.NANOSECONDS)
                        .execute(() -> {
                            trailing.set(false);
                            lastLive.set(System.nanoTime());
                            if (jobId == shownJob) {
                                publishRead(epoch, jobId, shownTask);
                            }
                        });
            }
        }
    }

    /** A test's launchers, availability check and job jar for the Spark profiles. */
    void useSpark(
            Function<ClusterProfile, JobLauncher> launchers,
            Function<ClusterProfile, Optional<String>> availability,
            Supplier<Optional<Path>> jobJar) {
        this.launchers = requireNonNull(launchers, "launchers is null");
        this.availability = requireNonNull(availability, "availability is null");
        this.jobJar = requireNonNull(jobJar, "jobJar is null");
    }

    /** This computer, then every cluster profile saved in the project; a profile no longer saved is unchosen. */
    private void reloadTargets() {
        List<Optional<ClusterProfile>> targets = new ArrayList<>();
        targets.add(Optional.empty());
        if (session.openProperty().get()) {
            java.util.Properties settings = new java.util.Properties();
            session.settings().forEach(settings::setProperty);
            try {
                ClusterProfiles.read(settings).forEach(p -> targets.add(Optional.of(p)));
            } catch (IllegalArgumentException wrong) {
                LOG.warn("the project's cluster profiles cannot be read: {}", wrong.getMessage());
            }
        }
        Optional<ClusterProfile> was = runOn.get() == null ? Optional.empty() : runOn.get();
        runTargets.setAll(targets);
        runOn.set(targets.stream()
                .filter(t -> t.map(ClusterProfile::name).equals(was.map(ClusterProfile::name)))
                .findFirst()
                .orElse(Optional.empty()));
    }

    /** Reads the rows from {@code source} instead of the files on this computer (a test's reader). */
    void useSourceData(Supplier<SourceData> source) {
        this.sourceData = requireNonNull(source, "source is null");
    }

    // ---- choosing a job and a task

    /** Shows {@code chosen}'s tasks and verification report. */
    public void selectJob(Job chosen) {
        if (applying || chosen == null || (job.get() != null && job.get().id() == chosen.id())) {
            return;
        }
        job.set(chosen);
        shownJob = chosen.id();
        shownTask = -1;
        selectedTask.set(null);
        log.clear();
        taskCounts.clear();
        reload(chosen.id(), -1);
    }

    /** Shows {@code row}'s log and its partitions' counts. */
    public void selectTask(TaskRow row) {
        if (applying) {
            return;
        }
        long id = row == null ? -1 : row.task().id();
        if (id == shownTask) {
            selectedTask.set(row);
            return;
        }
        shownTask = id;
        selectedTask.set(row);
        log.clear();
        taskCounts.clear();
        if (row != null) {
            reload(shownJob, id);
        }
    }

    /** Reads the project's jobs and the shown job again. */
    public void refresh() {
        if (session.openProperty().get()) {
            reload(shownJob, shownTask);
        }
    }

    private void reload(long jobId, long taskId) {
        long mine = ++generation;
        tasks.task(messages.get("copy.task.read"), info -> read(jobId, taskId, true))
                .onSuccess(s -> {
                    if (mine == generation) {
                        apply(s);
                    }
                })
                .onFailure(e -> dialogs.showError(errors.describe(messages.get("copy.task.read"), e)))
                .start();
    }

    /** Reads the jobs, the job's tasks (the latest job when {@code jobId} is none) and the task's log; off the FX thread. */
    private Snapshot read(long jobId, long taskId, boolean withReport) {
        DataCopy copies = session.migration().copies();
        List<Job> all = copies.jobs().jobs();
        long id = jobId >= 0
                ? jobId
                : all.isEmpty() ? -1 : all.get(all.size() - 1).id();
        if (id < 0) {
            return new Snapshot(all, -1, List.of(), Optional.of(List.of()), -1, List.of(), List.of(), List.of());
        }
        List<TaskCount> counts = copies.jobs().verifications(id);
        List<TaskRow> taskRows =
                copies.jobs().tasks(id).stream().map(t -> TaskRow.of(t, counts)).toList();
        Optional<List<VerificationReport.TableVerdict>> report = Optional.empty();
        if (withReport) {
            List<VerificationReport.TableVerdict> tables =
                    new ArrayList<>(copies.report(id, info(id)).tables());
            // Tables whose partitions disagree first, then those the latest diff still finds work for.
            tables.sort(Comparator.comparing((VerificationReport.TableVerdict v) -> v.disagree() == 0)
                    .thenComparing(VerificationReport.TableVerdict::passed));
            report = Optional.of(tables);
        }
        List<TaskLogEntry> taskLog = taskId < 0 ? List.of() : copies.jobs().log(taskId);
        List<TaskCount> taskCountsRead = counts.stream()
                .filter(c -> c.taskId() == taskId)
                .sorted(Comparator.comparing(TaskCount::passed))
                .toList();
        List<TaskCount> disagreeingRead =
                counts.stream().filter(c -> !c.passed()).toList();
        return new Snapshot(all, id, taskRows, report, taskId, taskLog, taskCountsRead, disagreeingRead);
    }

    /** Reads on a runner's thread and shows what it found, unless a run ended meanwhile (its final read is newer). */
    private void publishRead(long epoch, long jobId, long taskId) {
        if (epoch != endedRuns) {
            return;
        }
        Snapshot snapshot;
        try {
            snapshot = read(jobId, taskId, false);
        } catch (RuntimeException e) {
            // The list is read again when the run ends; a failed read for the display never stops the job.
            LOG.debug("cannot read job {} while it runs", jobId, e);
            return;
        }
        tasks.runOnFxThread(() -> {
            if (epoch == endedRuns) {
                apply(snapshot);
            }
        });
    }

    private void apply(Snapshot s) {
        applying = true;
        try {
            replace(s);
        } finally {
            applying = false;
        }
    }

    private void replace(Snapshot s) {
        jobs.setAll(s.jobs());
        Job shown =
                s.jobs().stream().filter(j -> j.id() == s.jobId()).findFirst().orElse(null);
        job.set(shown);
        shownJob = s.jobId();
        rows.setAll(s.rows());
        if (s.taskId() == shownTask) {
            selectedTask.set(s.rows().stream()
                    .filter(r -> r.task().id() == s.taskId())
                    .findFirst()
                    .orElse(null));
            log.setAll(s.log());
            taskCounts.setAll(s.counts());
        }
        s.verdicts().ifPresent(verdicts::setAll);
        disagreeing.setAll(s.disagreeing());
        update();
    }

    private JobSelection everyDatabase() {
        List<String> all = session.migration().snapshot().databases(Side.SOURCE).stream()
                .map(d -> d.name())
                .toList();
        if (all.isEmpty()) {
            throw new IllegalArgumentException(messages.get("copy.problem.emptySource"));
        }
        return new JobSelection.Databases(all);
    }

    // ---- the verification report

    /** Writes the shown job's verification report as HTML, CSV or JSON to a file the user chooses. */
    public void export(Format format) {
        Job shown = job.get();
        if (shown == null) {
            return;
        }
        long id = shown.id();
        String title = messages.get("copy.export.title");
        Optional<Path> chosen = dialogs.chooseFileToSave(
                title,
                "lakeport-verification-job-" + id + "." + format.extension(),
                List.of(FileFilter.of(messages.get("common.filter." + format.extension()), "*." + format.extension())));
        if (chosen.isEmpty()) {
            return;
        }
        Path file = withExtension(chosen.get(), format);
        tasks.task(title, info -> {
                    VerificationReport report = session.migration().copies().report(id, info(id));
                    Path parent = file.toAbsolutePath().getParent();
                    if (parent != null) {
                        Files.createDirectories(parent);
                    }
                    switch (format) {
                        case HTML -> report.writeHtml(file, dev.lakeport.report.DiffReport.DEFAULT_MAX_ENTRIES);
                        case CSV -> report.writeCsv(file);
                        case JSON -> report.writeJson(file);
                    }
                    return file;
                })
                .onSuccess(written -> {
                    if (format == Format.HTML) {
                        exportedHtml.set(written);
                    }
                    dialogs.notify(messages.get("copy.export.done", written));
                })
                .onFailure(e -> dialogs.showError(errors.describe(title, e)))
                .start();
    }

    /** Opens the last exported HTML report in the browser. */
    public void openHtml() {
        Optional.ofNullable(exportedHtml.get()).ifPresent(dialogs::openExternally);
    }

    static Path withExtension(Path file, Format format) {
        String name = file.getFileName().toString();
        return name.toLowerCase(Locale.ROOT).endsWith("." + format.extension())
                ? file
                : file.resolveSibling(name + "." + format.extension());
    }

    /** What the report says of itself: its title and the two catalogs, without credentials. Off the FX thread. */
    private ReportInfo info(long jobId) {
        MigrationConfig config = session.config();
        String source = config.source().connector().displayName() + " · "
                + config.source().describe();
        String destination = config.destination().connector().displayName() + " · "
                + config.destination().describe();
        return new ReportInfo(messages.get("copy.report.title", jobId), Instant.now(), source, destination)
                .withWords(config.route().words());
    }

    // ---- the wizard

    @Override
    public void onEnter() {
        reloadTargets();
        refresh();
    }

    private void projectChanged() {
        generation++;
        shownJob = -1;
        shownTask = -1;
        jobs.clear();
        job.set(null);
        rows.clear();
        selectedTask.set(null);
        log.clear();
        taskCounts.clear();
        verdicts.clear();
        disagreeing.clear();
        status.set("");
        exportedHtml.set(null);
        reloadTargets();
        update();
    }

    private void update() {
        if (!session.openProperty().get()) {
            setInvalid(messages.get("copy.problem.noProject"));
        } else {
            setValid();
        }
        Job shown = job.get();
        StateCounts counts = shown == null ? StateCounts.NONE : currentCounts(shown);
        canResume.set(shown != null && counts.pending() > 0);
        canRetry.set(shown != null && counts.failed() > 0);
        canExport.set(shown != null);
        setComplete(shown != null && counts.total() > 0 && counts.isFinished() && counts.failed() == 0);
        setAttention(counts.failed() > 0 ? messages.get("copy.attention.failed", counts.failed()) : "");
    }

    /** The shown job's counts as the task list has them (the job record's may be older, mid-run). */
    private StateCounts currentCounts(Job shown) {
        if (rows.isEmpty()) {
            return shown.counts();
        }
        Map<TaskState, Long> byState = new java.util.EnumMap<>(TaskState.class);
        rows.forEach(r -> byState.merge(r.task().state(), 1L, Long::sum));
        return StateCounts.of(byState);
    }

    // ---- state for the view

    /** Where Run new job copies the data: empty for this computer, or a saved cluster profile. */
    public ObjectProperty<Optional<ClusterProfile>> runOnProperty() {
        return runOn;
    }

    public ObservableList<Optional<ClusterProfile>> runTargets() {
        return runTargets;
    }

    public ObjectProperty<JobMode> modeProperty() {
        return mode;
    }

    public ObjectProperty<Scope> scopeProperty() {
        return scope;
    }

    public ReadOnlyObjectProperty<Optional<JobSelection>> offeredProperty() {
        return offered.getReadOnlyProperty();
    }

    public StringProperty maxPartitionsProperty() {
        return maxPartitions;
    }

    public StringProperty maxBytesProperty() {
        return maxBytes;
    }

    public StringProperty tasksAtOnceProperty() {
        return tasksAtOnce;
    }

    public StringProperty windowProperty() {
        return window;
    }

    public ObservableList<Job> jobs() {
        return FXCollections.unmodifiableObservableList(jobs);
    }

    public ReadOnlyObjectProperty<Job> jobProperty() {
        return job.getReadOnlyProperty();
    }

    public ObservableList<TaskRow> rows() {
        return FXCollections.unmodifiableObservableList(rows);
    }

    public ReadOnlyObjectProperty<TaskRow> selectedTaskProperty() {
        return selectedTask.getReadOnlyProperty();
    }

    public ObservableList<TaskLogEntry> log() {
        return FXCollections.unmodifiableObservableList(log);
    }

    public ObservableList<TaskCount> taskCounts() {
        return FXCollections.unmodifiableObservableList(taskCounts);
    }

    /** The shown job's partitions whose three counts disagree, with why. */
    public ObservableList<TaskCount> disagreeing() {
        return FXCollections.unmodifiableObservableList(disagreeing);
    }

    public ObservableList<VerificationReport.TableVerdict> verdicts() {
        return FXCollections.unmodifiableObservableList(verdicts);
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canResumeProperty() {
        return canResume.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRetryProperty() {
        return canRetry.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canExportProperty() {
        return canExport.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Path> exportedHtmlProperty() {
        return exportedHtml.getReadOnlyProperty();
    }
}
