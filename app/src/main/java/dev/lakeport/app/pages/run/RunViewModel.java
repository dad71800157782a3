package dev.lakeport.app.pages.run;

import static java.util.Objects.requireNonNull;

import dev.lakeport.app.dialog.DialogService;
import dev.lakeport.app.dialog.ErrorMessages;
import dev.lakeport.app.i18n.Messages;
import dev.lakeport.app.session.CredentialChoice;
import dev.lakeport.app.session.ProjectSession;
import dev.lakeport.app.task.TaskInfo;
import dev.lakeport.app.task.TaskRunner;
import dev.lakeport.app.task.TaskScope;
import dev.lakeport.app.wizard.AbstractPageViewModel;
import dev.lakeport.app.wizard.Step;
import dev.lakeport.apply.ExecutorOptions;
import dev.lakeport.apply.ResultQuery;
import dev.lakeport.apply.ResultRecord;
import dev.lakeport.apply.RunSummary;
import dev.lakeport.config.ConfigKeys;
import dev.lakeport.diff.DiffQuery;
import dev.lakeport.diff.DiffResult;
import dev.lakeport.diff.DiffRun;
import dev.lakeport.diff.DiffSummary;
import dev.lakeport.launch.ClusterProfile;
import dev.lakeport.launch.JobState;
import dev.lakeport.load.LoadSummary;
import dev.lakeport.mapping.ExclusionRule;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.pipeline.ApplyOutcome;
import dev.lakeport.pipeline.ApplyRequest;
import dev.lakeport.pipeline.Migration;
import dev.lakeport.snapshot.Side;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Step Run: applies the latest diff to the destination. Shows what will happen (from the diff's included entries),
 * takes the run's options (target, concurrency, rate, dry run, deletions — off until the user types their exact
 * number), follows the run live (phase, counts, rate, ETA, a throughput chart, failures as they are recorded), cancels
 * it, and resumes a stopped run: the destination is read again, the items the stopped run left undone are diffed
 * again, and that diff is applied.
 */
public final class RunViewModel extends AbstractPageViewModel {
    /** Failures listed on the page; the failed-items file and the Reports step have all of them. */
    static final int MAX_LISTED_FAILURES = 1_000;
    /** Points of the throughput chart: one a second, so the last ten minutes. */
    static final int MAX_SAMPLES = 600;

    public enum State {
        /** No run yet for this diff. */
        IDLE,
        /** Reading the destination and diffing again before a resumed run. */
        PREPARING,
        RUNNING,
        SUCCEEDED,
        FINISHED_WITH_FAILURES,
        CANCELLED,
        /** The run stopped on an error (shown in a dialog). */
        FAILED
    }

    private final ProjectSession session;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final Messages messages;
    private final ErrorMessages errors;
    private final RunTargetChoice targetChoice;

    private final ObjectProperty<RunTarget> target = new SimpleObjectProperty<>();
    private final ObjectProperty<Integer> concurrency = new SimpleObjectProperty<>(ExecutorOptions.DEFAULT_CONCURRENCY);
    private final StringProperty rateText = new SimpleStringProperty("0");
    private final ReadOnlyStringWrapper rateError = new ReadOnlyStringWrapper("");
    private final BooleanProperty dryRun = new SimpleBooleanProperty();
    private final ReadOnlyBooleanWrapper deletions = new ReadOnlyBooleanWrapper();
    private long confirmedDeletes = -1;

    private final ReadOnlyLongWrapper diffRun = new ReadOnlyLongWrapper(-1);
    private final ReadOnlyBooleanWrapper diffKnown = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper diffComplete = new ReadOnlyBooleanWrapper();
    private final ReadOnlyLongWrapper toCreate = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper toUpdate = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper toDelete = new ReadOnlyLongWrapper();
    private boolean appliedEarlier;
    private boolean appliedInSession;

    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.IDLE);
    private final ReadOnlyObjectWrapper<TaskInfo> task = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ApplyOutcome> outcome = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canApply = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canResume = new ReadOnlyBooleanWrapper();
    private final ObservableList<ExclusionRule> rules = FXCollections.observableArrayList();
    private final ObservableList<ExclusionRule> rulesView = FXCollections.unmodifiableObservableList(rules);
    private final ReadOnlyBooleanWrapper canDelete = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper targetNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper blocked = new ReadOnlyStringWrapper("");

    static final int MAX_LOG_LINES = SparkJobStatus.MAX_LOG_LINES;

    private final SparkJobStatus job;
    private final RunFailures failures;
    private final RunFigures figures;
    private long countsGeneration;
    private long taskGeneration;
    /** The diff this page set itself (a resume), so that its change does not reset the page. */
    private long ownDiff = -1;

    public RunViewModel(
            ProjectSession session, TaskRunner tasks, DialogService dialogs, Messages messages, RunTargets targets) {
        super(Step.RUN);
        this.session = requireNonNull(session, "session is null");
        this.tasks = requireNonNull(tasks, "tasks is null");
        this.dialogs = requireNonNull(dialogs, "dialogs is null");
        this.messages = requireNonNull(messages, "messages is null");
        this.errors = new ErrorMessages(messages);
        this.job = new SparkJobStatus(tasks);
        this.failures = new RunFailures(tasks);
        this.figures = new RunFigures(messages);
        this.targetChoice = new RunTargetChoice(session, messages, targets, job, target, status);
        targetChoice.rebuild();
        session.settingsChangesProperty().addListener((obs, old, now) -> {
            targetChoice.settingsChanged();
            update();
        });

        session.latestDiffRunProperty().addListener((obs, old, now) -> diffChanged(now.longValue()));
        session.exclusionChangesProperty().addListener((obs, old, now) -> {
            refreshRules();
            refresh();
        });
        session.setting(ConfigKeys.CONCURRENCY).addListener((obs, old, now) -> readConcurrency(now));
        session.setting(ConfigKeys.RATE).addListener((obs, old, now) -> readRate(now));
        readConcurrency(session.setting(ConfigKeys.CONCURRENCY).get());
        readRate(session.setting(ConfigKeys.RATE).get());
        rateText.addListener((obs, old, now) -> update());
        concurrency.addListener((obs, old, now) -> update());
        target.addListener((obs, old, now) -> update());
        diffRun.set(session.latestDiffRunProperty().get());
        update();
    }

    /** The targets this project can run on: this computer first, then one per saved cluster profile. */
    public ObservableList<RunTarget> targets() {
        return targetChoice.targets();
    }

    /** The project's saved cluster profiles. */
    public List<ClusterProfile> profiles() {
        return targetChoice.profiles();
    }

    /** Replaces the project's cluster profiles (the targets follow); settings are saved with the project. */
    public void saveProfiles(List<ClusterProfile> profiles) {
        targetChoice.saveProfiles(profiles);
    }

    @Override
    public void onEnter() {
        refresh();
        refreshRules();
    }

    /** Reads the project's exclusion rules again, in a task. */
    private void refreshRules() {
        if (!session.openProperty().get()) {
            rules.clear();
            return;
        }
        tasks.task(
                        messages.get("run.task.rules"),
                        scope -> session.exclusions().rules().rules())
                .onSuccess(rules::setAll)
                .onFailure(e -> dialogs.showError(errors.describe(messages.get("run.task.rules"), e)))
                .start();
    }

    /** Removes an exclusion rule: the diff's counts grow by what it covered, and later runs include it. */
    public void removeRule(ExclusionRule rule) {
        if (rule == null || busy.get()) {
            return;
        }
        long runId = session.latestDiffRunProperty().get();
        String title = messages.get("diff.task.removeRule", rule.describe());
        tasks.task(title, scope -> {
                    session.removeExclusion(rule, runId);
                    return rule;
                })
                .onSuccess(removed -> {
                    session.exclusionsChanged();
                    refresh();
                })
                .onFailure(e -> dialogs.showError(errors.describe(title, e)))
                .start();
    }

    /** The project's exclusion rules: what no run creates, updates or deletes. */
    public ObservableList<ExclusionRule> rules() {
        return rulesView;
    }

    /** Reads the diff's counts and whether a finished run already applied it; in a task. */
    public void refresh() {
        long runId = session.latestDiffRunProperty().get();
        diffRun.set(runId);
        if (runId < 0 || !session.openProperty().get()) {
            diffKnown.set(false);
            update();
            return;
        }
        long generation = ++countsGeneration;
        tasks.task(messages.get("run.task.counts"), scope -> DiffFacts.read(session, runId))
                .onSuccess(facts -> {
                    if (generation != countsGeneration) {
                        return; // a newer diff was chosen meanwhile
                    }
                    showFacts(facts);
                })
                .onFailure(e -> {
                    diffKnown.set(false);
                    status.set(
                            errors.describe(messages.get("run.task.counts"), e).text());
                    update();
                })
                .start();
    }

    private void showFacts(DiffFacts facts) {
        diffKnown.set(facts.info().isPresent());
        diffComplete.set(facts.info().map(i -> "COMPLETE".equals(i.status())).orElse(false));
        toCreate.set(facts.create());
        toUpdate.set(facts.update());
        if (toDelete.get() != facts.delete() && deletions.get()) {
            // The user confirmed another number (the Diff step changed what is included): ask again.
            turnDeletionsOff();
            status.set(messages.get("run.deletions.changed", facts.delete()));
        }
        toDelete.set(facts.delete());
        appliedEarlier = facts.applied();
        if (facts.info().isEmpty()) {
            status.set(messages.get("run.diff.missing", facts.runId()));
        } else if (!diffComplete.get()) {
            status.set(messages.get("run.diff.incomplete", facts.runId()));
        }
        update();
    }

    private void diffChanged(long runId) {
        diffRun.set(runId);
        if (runId == ownDiff) {
            return;
        }
        // Another step chose a new diff: what this page showed belongs to the old one.
        ownDiff = -1;
        turnDeletionsOff();
        appliedInSession = false;
        appliedEarlier = false;
        diffKnown.set(false);
        if (!busy.get()) {
            state.set(State.IDLE);
            outcome.set(null);
            failures.clearShown();
            figures.clearThroughput();
            status.set("");
        }
        update();
        refresh();
    }

    // ---- options

    private void readConcurrency(String value) {
        int n = ExecutorOptions.DEFAULT_CONCURRENCY;
        try {
            if (value != null && !value.isBlank()) {
                n = Integer.parseInt(value.trim());
            }
        } catch (NumberFormatException e) {
            // the Scope and Connections steps report a bad setting; the default stands here
        }
        concurrency.set(Math.max(1, Math.min(maxConcurrency(), n)));
    }

    private void readRate(String value) {
        rateText.set(value == null || value.isBlank() ? "0" : value.trim());
    }

    public static int maxConcurrency() {
        return 256;
    }

    /** The rate typed, in calls per second (0 = unlimited), when it is valid. */
    private OptionalDouble parsedRate() {
        try {
            double r = Double.parseDouble(rateText.get().trim());
            return r >= 0 && !Double.isInfinite(r) ? OptionalDouble.of(r) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    /**
     * Turns deletions on or off. On asks the user to type the exact number of objects that will be deleted; anything
     * else, or cancel, leaves them off. Returns whether deletions are on afterwards.
     */
    public boolean setDeletions(boolean on) {
        if (!on) {
            turnDeletionsOff();
            update();
            return false;
        }
        if (deletions.get()) {
            return true;
        }
        long n = toDelete.get();
        if (n <= 0 || busy.get()) {
            return false;
        }
        boolean confirmed = askDeletions(n);
        update();
        return confirmed;
    }

    private boolean askDeletions(long n) {
        String expected = Long.toString(n);
        Optional<String> typed = dialogs.prompt(
                messages.get("run.deletions.title"),
                messages.get("run.deletions.prompt", n),
                "",
                text -> text.trim().equals(expected)
                        ? Optional.empty()
                        : Optional.of(messages.get("run.deletions.mismatch", n)));
        if (typed.isPresent() && typed.get().trim().equals(expected)) {
            deletions.set(true);
            confirmedDeletes = n;
            status.set("");
            return true;
        }
        turnDeletionsOff();
        return false;
    }

    private void turnDeletionsOff() {
        deletions.set(false);
        confirmedDeletes = -1;
    }

    // ---- the run

    /** Applies the diff with the options chosen. */
    public void apply() {
        if (!canApply.get()) {
            return;
        }
        startApply(diffRun.get());
    }

    private ApplyRequest request() {
        OptionalDouble r = parsedRate();
        boolean deletes = deletions.get() && confirmedDeletes >= 0;
        return new ApplyRequest(
                concurrency.get(),
                r.orElse(0),
                dryRun.get(),
                deletes,
                deletes ? OptionalLong.of(confirmedDeletes) : OptionalLong.empty());
    }

    private void startApply(long runId) {
        ApplyRequest request = request();
        RunTarget runOn = target.get();
        clearRun();
        state.set(State.RUNNING);
        busy.set(true);
        update();
        String title = messages.get("run.task.apply");
        long generation = ++taskGeneration;
        TaskInfo info = tasks.task(
                        title, scope -> runOn.apply(runId, request, failures::recorded, scope, scope.cancellation()))
                .onSuccess(this::finished)
                .onFailure(e -> {
                    state.set(State.FAILED);
                    status.set(messages.get("run.status.failed"));
                    dialogs.showError(errors.describe(title, e));
                })
                .onCancelled(() -> {
                    state.set(State.CANCELLED);
                    status.set(messages.get("run.status.cancelledEarly"));
                })
                .onFinished(() -> {
                    failures.drain();
                    busy.set(false);
                    figures.stopEndlessBar();
                    update();
                })
                .start();
        watch(info, generation);
    }

    private void finished(ApplyOutcome result) {
        failures.drain();
        figures.showFinalFigures(result);
        outcome.set(result);
        session.latestApplyProperty().set(result);
        RunSummary summary = result.summary();
        if (summary.cancelled()) {
            state.set(State.CANCELLED);
            status.set(messages.get("run.status.cancelled"));
        } else if (summary.totals().failed() > 0) {
            state.set(State.FINISHED_WITH_FAILURES);
            status.set(messages.get("run.status.failures", summary.totals().failed()));
        } else {
            state.set(State.SUCCEEDED);
            status.set(summary.dryRun() ? messages.get("run.status.dryRun") : messages.get("run.status.succeeded"));
            if (!summary.dryRun()) {
                appliedInSession = true;
            }
        }
    }

    /** Asks the running work to stop; it finishes what is in flight and records the rest as not run. */
    public void cancel() {
        TaskInfo info = task.get();
        if (info != null && busy.get()) {
            info.cancel();
            status.set(messages.get("run.status.cancelling"));
        }
    }

    /**
     * Resumes a cancelled run, or one that left failures: reads the destination again, diffs the items the run left
     * undone (failed or not run) and applies that diff with the same options. Deletions stay on only if their number
     * is unchanged; otherwise the user is asked again.
     */
    public void resume() {
        ApplyOutcome stopped = outcome.get();
        if (stopped == null || !canResume.get()) {
            return;
        }
        if (!target.get().appliesStoredDiff()) {
            // the job compares the catalogs again itself: submitting it again picks up what is left
            startApply(diffRun.get());
            return;
        }
        boolean wantedDeletes = deletions.get();
        long confirmed = confirmedDeletes;
        String stoppedRun = stopped.runId();
        clearRun();
        state.set(State.PREPARING);
        busy.set(true);
        update();
        String title = messages.get("run.task.resume");
        long generation = ++taskGeneration;
        TaskInfo info = tasks.task(title, scope -> rediff(stoppedRun, scope))
                .onSuccess(run -> {
                    busy.set(false);
                    if (run.isEmpty()) {
                        state.set(State.SUCCEEDED);
                        status.set(messages.get("run.status.nothingLeft"));
                        update();
                        return;
                    }
                    DiffRun diff = run.get();
                    ownDiff = diff.runId();
                    session.latestDiffRunProperty().set(diff.runId());
                    DiffSummary s = diff.summary();
                    toCreate.set(s.total(DiffResult.CREATE));
                    toUpdate.set(s.total(DiffResult.UPDATE));
                    toDelete.set(s.total(DiffResult.DELETE));
                    diffKnown.set(true);
                    diffComplete.set(true);
                    turnDeletionsOff();
                    long deletes = toDelete.get();
                    if (wantedDeletes && deletes > 0) {
                        if (deletes == confirmed) {
                            deletions.set(true);
                            confirmedDeletes = deletes;
                        } else {
                            askDeletions(deletes);
                        }
                    }
                    startApply(diff.runId());
                })
                .onFailure(e -> {
                    busy.set(false);
                    state.set(State.FAILED);
                    status.set(messages.get("run.status.failed"));
                    dialogs.showError(errors.describe(title, e));
                    update();
                })
                .onCancelled(() -> {
                    busy.set(false);
                    state.set(State.CANCELLED);
                    status.set(messages.get("run.status.cancelledEarly"));
                    // The stopped run is still the one to resume.
                    outcome.set(stopped);
                    update();
                })
                .start();
        watch(info, generation);
    }

    private Optional<DiffRun> rediff(String stoppedRun, TaskScope scope) {
        Migration migration = session.migration();
        Set<ObjectKey> undone = migration.results().keys(stoppedRun, ResultQuery.retryable());
        if (undone.isEmpty()) {
            return Optional.empty();
        }
        LoadSummary load = migration.load(Side.DESTINATION, scope, scope.cancellation());
        scope.cancellation().check();
        if (!load.complete()) {
            throw new IllegalStateException("the destination could not be re-read completely: " + load.failures());
        }
        DiffRun diff = migration.diff(undone, scope, scope.cancellation());
        // Counts of what the resumed run will do: the project's exclusion rules leave their entries out.
        return Optional.of(new DiffRun(
                diff.runId(),
                migration.diffs().summary(diff.runId(), DiffQuery.all().includedOnly())));
    }

    /** Opens the folder of the last run's result log. */
    public void openResultFolder() {
        ApplyOutcome o = outcome.get();
        if (o != null && o.resultsFile().getParent() != null) {
            dialogs.openExternally(o.resultsFile().getParent());
        }
    }

    private void clearRun() {
        job.clear();
        failures.clear();
        figures.clear();
        outcome.set(null);
        status.set("");
    }

    // ---- live figures

    /** Shows {@code info}'s progress, unless a later task started meanwhile (a runner may finish work in start()). */
    private void watch(TaskInfo info, long generation) {
        if (generation != taskGeneration) {
            return;
        }
        task.set(info);
        ChangeListener<Object> refresh = (obs, old, now) -> showProgress(info);
        info.phaseProperty().addListener(refresh);
        info.doneProperty().addListener(refresh);
        info.failedProperty().addListener(refresh);
        info.totalProperty().addListener(refresh);
        info.rateProperty().addListener(refresh);
        info.etaSecondsProperty().addListener(refresh);
        showProgress(info);
    }

    private void showProgress(TaskInfo info) {
        if (task.get() != info || info.stateProperty().get() != TaskInfo.State.RUNNING) {
            return; // an earlier task's late refresh, or one that ended: the final figures are shown instead
        }
        figures.showProgress(info, busy.get());
    }

    /** The engine's phase names in the user's words. */
    String phaseName(String engineName) {
        return figures.phaseName(engineName);
    }

    /**
     * Adds a point to the throughput chart: objects finished per second since the last point. The view calls it once
     * a second while a run is going; the chart keeps the last {@link #MAX_SAMPLES} points.
     */
    public void sampleThroughput() {
        TaskInfo info = task.get();
        if (info == null || state.get() != State.RUNNING) {
            return;
        }
        figures.sampleThroughput(info);
    }

    // ---- state for the wizard and the buttons

    private void update() {
        OptionalDouble r = parsedRate();
        rateError.set(r.isPresent() ? "" : messages.get("run.rate.invalid"));
        boolean hasDiff = diffRun.get() >= 0 && session.openProperty().get();
        boolean running = busy.get();
        canDelete.set(hasDiff && diffKnown.get() && toDelete.get() > 0 && !running);
        RunTarget runOn = target.get();
        Optional<String> unavailable = runOn == null ? Optional.empty() : runOn.unavailableReason();
        targetNote.set(
                runOn == null
                        ? ""
                        : unavailable.isPresent()
                                ? messages.get("run.target.unavailable", unavailable.get())
                                : runOn.appliesStoredDiff()
                                        ? messages.get("run.target.directNote")
                                        : messages.get("run.target.jobNote"));
        blocked.set(credentialsProblem());
        canApply.set(hasDiff
                && blocked.get().isEmpty()
                && diffKnown.get()
                && diffComplete.get()
                && !running
                && r.isPresent()
                && runOn != null
                && unavailable.isEmpty());
        State s = state.get();
        canResume.set(!running
                && outcome.get() != null
                && (s == State.CANCELLED || s == State.FINISHED_WITH_FAILURES)
                && blocked.get().isEmpty()
                && r.isPresent());
        if (!hasDiff) {
            setInvalid(messages.get("run.problem.noDiff"));
        } else {
            setValid();
        }
        // Done when a real run applied this diff, or when there is nothing to apply (a verify's empty re-diff).
        boolean nothingToApply =
                diffKnown.get() && diffComplete.get() && toCreate.get() + toUpdate.get() + toDelete.get() == 0;
        setComplete(hasDiff && (appliedInSession || appliedEarlier || nothingToApply));
    }

    /** Why no run may start because a side does not say how it signs in; empty when both do. */
    private String credentialsProblem() {
        if (!session.openProperty().get()) {
            return "";
        }
        Map<String, String> all = session.settings();
        List<String> missing = new ArrayList<>();
        for (Side side : Side.values()) {
            if (!CredentialChoice.isSettled(side, all)) {
                missing.add(messages.get(
                        "connections.credentials.missing",
                        dev.lakeport.app.session.SideConnector.of(side, all).shortName()));
            }
        }
        return missing.isEmpty() ? "" : messages.get("run.blocked.credentials", String.join(" ", missing));
    }

    // ---- properties

    /** The route's diff words, for the plan's texts. FX thread. */
    public javafx.beans.value.ObservableValue<dev.lakeport.diff.DiffWords> wordsProperty() {
        return session.wordsProperty();
    }

    /** Why Apply and Resume are off although a diff is there (a side without credentials); empty otherwise. */
    public ReadOnlyStringProperty blockedProperty() {
        return blocked.getReadOnlyProperty();
    }

    public ObjectProperty<RunTarget> targetProperty() {
        return target;
    }

    public ObjectProperty<Integer> concurrencyProperty() {
        return concurrency;
    }

    /** Calls per second as typed; 0 = unlimited. */
    public StringProperty rateTextProperty() {
        return rateText;
    }

    public ReadOnlyStringProperty rateErrorProperty() {
        return rateError.getReadOnlyProperty();
    }

    public BooleanProperty dryRunProperty() {
        return dryRun;
    }

    public ReadOnlyBooleanProperty deletionsProperty() {
        return deletions.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty diffRunProperty() {
        return diffRun.getReadOnlyProperty();
    }

    /** The diff's counts have been read. */
    public ReadOnlyBooleanProperty diffKnownProperty() {
        return diffKnown.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty toCreateProperty() {
        return toCreate.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty toUpdateProperty() {
        return toUpdate.getReadOnlyProperty();
    }

    /** Objects only in the destination (dlfNew): deleted only when deletions are on, else skipped. */
    public ReadOnlyLongProperty toDeleteProperty() {
        return toDelete.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** The running (or last) task, for its progress. */
    public ReadOnlyObjectProperty<TaskInfo> taskProperty() {
        return task.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty phaseProperty() {
        return figures.phaseProperty();
    }

    /** "1,234 of 5,000 · 3 failed". */
    public ReadOnlyStringProperty countsProperty() {
        return figures.countsProperty();
    }

    public ReadOnlyStringProperty rateProperty() {
        return figures.rateProperty();
    }

    public ReadOnlyStringProperty etaProperty() {
        return figures.etaProperty();
    }

    /** 0..1, or -1 while the amount of work is unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return figures.progressProperty();
    }

    /** The last run's outcome on this page; null before one finished. */
    public ReadOnlyObjectProperty<ApplyOutcome> outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canApplyProperty() {
        return canApply.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canResumeProperty() {
        return canResume.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canDeleteProperty() {
        return canDelete.getReadOnlyProperty();
    }

    /** Failures as they are recorded, the first {@link #MAX_LISTED_FAILURES}. */
    public ObservableList<ResultRecord> failures() {
        return failures.failures();
    }

    /** Every failure recorded so far, listed or not. */
    public ReadOnlyLongProperty failureCountProperty() {
        return failures.failureCountProperty();
    }

    /** Items a cancel left undone. */
    public ReadOnlyLongProperty notRunCountProperty() {
        return failures.notRunCountProperty();
    }

    public ObservableList<ThroughputSample> throughput() {
        return figures.throughput();
    }

    /** The files of the last run's result log: JSON Lines, CSV, failed items. */
    public List<Path> resultFiles() {
        ApplyOutcome o = outcome.get();
        return o == null ? List.of() : List.of(o.resultsFile(), o.csvFile(), o.failedFile());
    }

    /** What the chosen target does, or why it cannot run from here. */
    public ReadOnlyStringProperty targetNoteProperty() {
        return targetNote.getReadOnlyProperty();
    }

    /** The Spark job's state on the cluster, while or after a run went as a job; null otherwise. */
    public ReadOnlyObjectProperty<JobState> jobStateProperty() {
        return job.jobStateProperty();
    }

    /** The cluster's id of the job (YARN application, Livy batch, local app). */
    public ReadOnlyStringProperty applicationIdProperty() {
        return job.applicationIdProperty();
    }

    /** The run id the job writes its result and progress files under. */
    public ReadOnlyStringProperty jobRunIdProperty() {
        return job.jobRunIdProperty();
    }

    /** The last {@link #MAX_LOG_LINES} lines of the job's driver log. */
    public ObservableList<String> jobLog() {
        return job.jobLog();
    }

    public Messages messages() {
        return messages;
    }
}
