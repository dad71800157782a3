package dev.lakeport.app.pages.load;

import static java.util.Objects.requireNonNull;

import dev.lakeport.app.dialog.DialogService;
import dev.lakeport.app.dialog.ErrorMessages;
import dev.lakeport.app.i18n.Messages;
import dev.lakeport.app.session.ProjectSession;
import dev.lakeport.app.task.TaskInfo;
import dev.lakeport.app.task.TaskRunner;
import dev.lakeport.app.wizard.AbstractPageViewModel;
import dev.lakeport.app.wizard.Step;
import dev.lakeport.config.ConfigException;
import dev.lakeport.config.ConfigProblem;
import dev.lakeport.pipeline.Migration;
import dev.lakeport.snapshot.DatabaseSummary;
import dev.lakeport.snapshot.LoadInfo;
import dev.lakeport.snapshot.Side;
import dev.lakeport.snapshot.SnapshotStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Step 4: reads the source and the destination catalogs into the project's snapshot, both at once or one side, with
 * per-side and per-database progress, cancel, and resume (the loader skips the tables an interrupted load finished).
 * The step is done when both sides hold a complete load, from this window or an earlier one.
 */
public final class LoadViewModel extends AbstractPageViewModel {
    private final ProjectSession session;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final Messages messages;
    private final ErrorMessages errors;

    private final SideLoad source;
    private final SideLoad destination;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper configValid = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper checked = new ReadOnlyBooleanWrapper();
    private final javafx.beans.property.ReadOnlyStringWrapper scopeWidened =
            new javafx.beans.property.ReadOnlyStringWrapper("");
    private final ObservableList<String> configProblems = FXCollections.observableArrayList();
    private final ObservableList<String> configProblemsView = FXCollections.unmodifiableObservableList(configProblems);
    private final BooleanBinding canLoad;
    private final BooleanBinding canResume;

    private final List<TaskInfo> active = new ArrayList<>();
    private int runningLoads;
    private long refreshes;

    public LoadViewModel(ProjectSession session, TaskRunner tasks, DialogService dialogs, Messages messages) {
        this(session, tasks, dialogs, messages, System::nanoTime);
    }

    LoadViewModel(
            ProjectSession session,
            TaskRunner tasks,
            DialogService dialogs,
            Messages messages,
            LongSupplier nanoClock) {
        super(Step.LOAD);
        this.session = requireNonNull(session, "session is null");
        this.tasks = requireNonNull(tasks, "tasks is null");
        this.dialogs = requireNonNull(dialogs, "dialogs is null");
        this.messages = requireNonNull(messages, "messages is null");
        this.errors = new ErrorMessages(messages);
        this.source = new SideLoad(Side.SOURCE, tasks, messages, nanoClock);
        this.destination = new SideLoad(Side.DESTINATION, tasks, messages, nanoClock);
        this.canLoad = running.not().and(configValid).and(session.openProperty());
        ObservableBooleanValue incomplete = Bindings.createBooleanBinding(
                () -> source.stateProperty().get() == SideLoad.State.INCOMPLETE
                        || destination.stateProperty().get() == SideLoad.State.INCOMPLETE,
                source.stateProperty(),
                destination.stateProperty());
        this.canResume = canLoad.and(incomplete);
        source.stateProperty().addListener((obs, old, now) -> update());
        destination.stateProperty().addListener((obs, old, now) -> update());
        running.addListener((obs, old, now) -> update());
        configValid.addListener((obs, old, now) -> update());
        scopeWidened.addListener((obs, old, now) -> update());
        // A scope changed on the Scope page may need more than the snapshot holds: the step says so at once.
        session.settingsChangesProperty().addListener((obs, old, now) -> {
            if (!running.get() && session.openProperty().get()) {
                refresh();
            }
        });
        // Another project: what this page showed belongs to the one before.
        session.projectFileProperty().addListener((obs, old, now) -> {
            if (runningLoads == 0) {
                source.reset();
                destination.reset();
                checked.set(false);
                update();
            }
        });
        // Another project, or a load elsewhere (the Run page's verify re-reads the destination): show it.
        session.snapshotGenerationProperty().addListener((obs, old, now) -> {
            if (!running.get() && session.openProperty().get()) {
                refresh();
            }
        });
        update();
    }

    @Override
    public void onEnter() {
        refresh();
    }

    /**
     * Reads, off the FX thread, whether the settings make a valid configuration and what the snapshot holds for each
     * side.
     */
    public void refresh() {
        if (!session.openProperty().get()) {
            return;
        }
        long refresh = ++refreshes;
        String title = messages.get("load.task.refresh");
        tasks.task(title, scope -> {
                    List<ConfigProblem> problems = List.of();
                    List<String> widening = List.of();
                    try {
                        widening = session.migration().scopeWidening();
                    } catch (ConfigException e) {
                        problems = e.problems();
                    }
                    SnapshotStore store = session.store();
                    return new Snapshot(
                            problems,
                            widening,
                            store.loadInfo(Side.SOURCE),
                            store.databases(Side.SOURCE),
                            store.loadInfo(Side.DESTINATION),
                            store.databases(Side.DESTINATION));
                })
                .onSuccess(snapshot -> {
                    if (refresh != refreshes) {
                        return; // a later refresh is on its way
                    }
                    configProblems.setAll(snapshot.problems().stream()
                            .map(ConfigProblem::toString)
                            .toList());
                    configValid.set(snapshot.problems().isEmpty());
                    scopeWidened.set(
                            snapshot.widening().isEmpty()
                                    ? ""
                                    : messages.get("load.stale.scope", String.join("; ", snapshot.widening())));
                    source.showSnapshot(snapshot.sourceInfo(), snapshot.sourceDatabases());
                    destination.showSnapshot(snapshot.destinationInfo(), snapshot.destinationDatabases());
                    checked.set(true);
                    update();
                })
                .onFailure(e -> dialogs.showError(errors.describe(title, e)))
                .start();
    }

    /** What {@link #refresh} reads. */
    private record Snapshot(
            List<ConfigProblem> problems,
            List<String> widening,
            Optional<LoadInfo> sourceInfo,
            List<DatabaseSummary> sourceDatabases,
            Optional<LoadInfo> destinationInfo,
            List<DatabaseSummary> destinationDatabases) {}

    /**
     * Reads both catalogs at the same time, as two tasks (what {@code Migration.loadBoth} does in one): each side
     * shows its outcome as soon as it has one, and a side that cannot be read does not hold up the other.
     */
    public void loadBoth() {
        if (!canLoad.get()) {
            return;
        }
        start(Side.SOURCE);
        start(Side.DESTINATION);
    }

    /** Reads one catalog. */
    public void load(Side side) {
        requireNonNull(side, "side is null");
        if (!canLoad.get()) {
            return;
        }
        start(side);
    }

    private void start(Side side) {
        SideLoad target = side(side);
        String title = messages.get(side == Side.SOURCE ? "load.task.source" : "load.task.destination");
        SideLoad.Run run = target.begin();
        runningLoads++;
        running.set(true);
        TaskInfo[] handle = new TaskInfo[1];
        boolean[] ended = new boolean[1];
        handle[0] = tasks.task(title, scope -> {
                    Migration migration = session.migration();
                    return migration.load(side, run.via(scope, true), scope.cancellation());
                })
                .onSuccess(target::finish)
                .onCancelled(target::finishCancelled)
                .onFailure(e -> failed(title, e, target))
                .onFinished(() -> {
                    ended[0] = true;
                    active.remove(handle[0]);
                    loadEnded();
                })
                .start();
        if (!ended[0]) {
            active.add(handle[0]);
        }
    }

    /**
     * Continues what a cancel or a failure left: loads again the sides whose snapshot is incomplete; the loader skips
     * the tables already stored.
     */
    public void resume() {
        if (!canResume.get()) {
            return;
        }
        boolean sourceIncomplete = source.stateProperty().get() == SideLoad.State.INCOMPLETE;
        boolean destinationIncomplete = destination.stateProperty().get() == SideLoad.State.INCOMPLETE;
        if (sourceIncomplete && destinationIncomplete) {
            loadBoth();
        } else {
            load(sourceIncomplete ? Side.SOURCE : Side.DESTINATION);
        }
    }

    /** Asks the running loads to stop at their next check; what they stored stays and a resume continues. */
    public void cancel() {
        List.copyOf(active).forEach(TaskInfo::cancel);
    }

    private void failed(String title, Throwable e, SideLoad... sides) {
        String why = errors.describe(title, e).text();
        for (SideLoad s : sides) {
            s.finishFailed(why);
        }
        dialogs.showError(errors.describe(title, e));
    }

    private void loadEnded() {
        if (--runningLoads > 0) {
            refresh(); // the side that ended shows what the snapshot now holds; the other keeps going
            return;
        }
        running.set(false);
        if (source.stateProperty().get() == SideLoad.State.COMPLETE
                && destination.stateProperty().get() == SideLoad.State.COMPLETE) {
            dialogs.notify(messages.get("load.notice.complete"));
        }
        // Other pages show snapshot data: the bump tells them to read it again (and this page re-reads its counts).
        session.snapshotGenerationProperty()
                .set(session.snapshotGenerationProperty().get() + 1);
    }

    private void update() {
        SideLoad.State s = source.stateProperty().get();
        SideLoad.State d = destination.stateProperty().get();
        if (running.get()) {
            setInvalid(messages.get("load.problem.running"));
            setComplete(false);
        } else if (!session.openProperty().get()) {
            setInvalid(messages.get("load.problem.noProject"));
            setComplete(false);
        } else if (checked.get() && !configValid.get()) {
            setInvalid(messages.get("load.problem.config"));
            setComplete(false);
        } else if (s == SideLoad.State.COMPLETE
                && d == SideLoad.State.COMPLETE
                && !scopeWidened.get().isEmpty()) {
            setInvalid(scopeWidened.get());
            setComplete(false);
        } else if (s == SideLoad.State.COMPLETE && d == SideLoad.State.COMPLETE) {
            setValid();
            setComplete(true);
        } else if (s == SideLoad.State.INCOMPLETE || d == SideLoad.State.INCOMPLETE) {
            setInvalid(messages.get("load.problem.incomplete"));
            setComplete(false);
        } else {
            setInvalid(messages.get("load.problem.notLoaded"));
            setComplete(false);
        }
    }

    public SideLoad side(Side side) {
        return side == Side.SOURCE ? source : destination;
    }

    public SideLoad source() {
        return source;
    }

    public SideLoad destination() {
        return destination;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** False when the settings are not a valid configuration; {@link #configProblems()} says why. */
    public ReadOnlyBooleanProperty configValidProperty() {
        return configValid.getReadOnlyProperty();
    }

    /** True once the first {@link #refresh} has answered (so "invalid" is not shown before it is known). */
    public ReadOnlyBooleanProperty checkedProperty() {
        return checked.getReadOnlyProperty();
    }

    /** {@code key: problem} lines of an invalid configuration. */
    public ObservableList<String> configProblems() {
        return configProblemsView;
    }

    /**
     * Why the snapshot is stale for the current scope ("Scope widened: database finance added; load again"); empty
     * when the scope is what was loaded, or narrower (a diff narrows it itself).
     */
    public javafx.beans.property.ReadOnlyStringProperty scopeWidenedProperty() {
        return scopeWidened.getReadOnlyProperty();
    }

    public BooleanBinding canLoadProperty() {
        return canLoad;
    }

    public BooleanBinding canResumeProperty() {
        return canResume;
    }
}
