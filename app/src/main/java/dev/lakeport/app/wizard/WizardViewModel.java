package dev.lakeport.app.wizard;

import static java.util.Objects.requireNonNull;

import dev.lakeport.app.dialog.DialogService;
import dev.lakeport.app.dialog.ErrorMessages;
import dev.lakeport.app.i18n.Messages;
import dev.lakeport.app.session.ProjectSession;
import dev.lakeport.app.task.TaskRunner;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableBooleanValue;

/**
 * The wizard: which step is shown, where Back and Next lead, and which steps can be reached. A step can be reached
 * when every step before it is valid; the current page's settings are saved (off the FX thread) whenever the user
 * leaves it.
 */
public final class WizardViewModel {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WizardViewModel.class);
    private final List<PageViewModel> pages;
    private final Map<Step, PageViewModel> byStep = new EnumMap<>(Step.class);
    private final ProjectSession session;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final Messages messages;

    private final ReadOnlyObjectWrapper<Step> current = new ReadOnlyObjectWrapper<>(Step.PROJECT);
    private final ReadOnlyBooleanWrapper canNext = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canBack = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper();
    private final Map<Step, BooleanBinding> reachable = new EnumMap<>(Step.class);

    public WizardViewModel(
            List<PageViewModel> pages,
            ProjectSession session,
            TaskRunner tasks,
            DialogService dialogs,
            Messages messages) {
        this.pages = List.copyOf(pages);
        this.session = requireNonNull(session, "session is null");
        this.tasks = requireNonNull(tasks, "tasks is null");
        this.dialogs = requireNonNull(dialogs, "dialogs is null");
        this.messages = requireNonNull(messages, "messages is null");
        for (PageViewModel page : this.pages) {
            byStep.put(page.step(), page);
        }
        if (byStep.size() != Step.values().length) {
            throw new IllegalArgumentException("need one page per step, got " + byStep.keySet());
        }
        for (Step step : Step.values()) {
            ObservableBooleanValue[] before = java.util.Arrays.stream(Step.values())
                    .filter(s -> s.ordinal() < step.ordinal())
                    .map(s -> (ObservableBooleanValue) byStep.get(s).validProperty())
                    .toArray(ObservableBooleanValue[]::new);
            reachable.put(
                    step,
                    Bindings.createBooleanBinding(
                            () -> java.util.Arrays.stream(before).allMatch(ObservableBooleanValue::get), before));
        }
        current.addListener((obs, old, now) -> refresh());
        for (PageViewModel page : this.pages) {
            page.validProperty().addListener((obs, old, now) -> refresh());
            page.problemProperty().addListener((obs, old, now) -> refresh());
        }
        session.projectFileProperty().addListener((obs, old, now) -> refresh());
        refresh();
    }

    public List<PageViewModel> pages() {
        return pages;
    }

    public PageViewModel page(Step step) {
        return byStep.get(step);
    }

    /** Shows {@code step} if it can be reached; returns whether it did. */
    public boolean go(Step step) {
        if (step == current.get()) {
            return true;
        }
        if (!reachable.get(step).get()) {
            java.util.Arrays.stream(Step.values())
                    .filter(s -> s.ordinal() < step.ordinal()
                            && !byStep.get(s).validProperty().get())
                    .findFirst()
                    .ifPresent(blocker -> LOG.info(
                            "cannot show {}: {} is not valid ({})",
                            step,
                            blocker,
                            byStep.get(blocker).problemProperty().get()));
            return false;
        }
        PageViewModel leaving = byStep.get(current.get());
        leaving.onLeave();
        saveIfChanged();
        current.set(step);
        byStep.get(step).onEnter();
        return true;
    }

    public boolean next() {
        Step now = current.get();
        return canNext.get() && go(Step.values()[now.ordinal() + 1]);
    }

    public boolean back() {
        Step now = current.get();
        return now.ordinal() > 0 && go(Step.values()[now.ordinal() - 1]);
    }

    /** Enters the first page; called once the window shows. */
    public void start() {
        byStep.get(current.get()).onEnter();
    }

    /** Saves the open project's settings in the background if they changed. */
    public void saveIfChanged() {
        if (!session.openProperty().get() || !session.dirtyProperty().get()) {
            return;
        }
        session.markSaved();
        tasks.task(messages.get("task.save"), scope -> {
                    session.save();
                    return null;
                })
                .onFailure(e -> {
                    session.dirtyProperty().set(true);
                    dialogs.showError(new ErrorMessages(messages).describe(messages.get("task.save"), e));
                })
                .start();
    }

    private void refresh() {
        Step now = current.get();
        PageViewModel page = byStep.get(now);
        canBack.set(now.ordinal() > 0);
        canNext.set(
                now.ordinal() < Step.values().length - 1 && page.validProperty().get());
        problem.set(page.validProperty().get() ? "" : page.problemProperty().get());
        String name = session.displayName();
        title.set(name.isEmpty() ? messages.get("app.title") : messages.get("app.title.project", name));
    }

    public ReadOnlyObjectProperty<Step> currentProperty() {
        return current.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canNextProperty() {
        return canNext.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canBackProperty() {
        return canBack.getReadOnlyProperty();
    }

    /** Why Next is disabled, in words. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** Whether the step list entry for {@code step} can be chosen. */
    public BooleanBinding reachableProperty(Step step) {
        return reachable.get(step);
    }
}
