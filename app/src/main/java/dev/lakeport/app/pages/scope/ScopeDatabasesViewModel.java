package dev.lakeport.app.pages.scope;

import static java.util.Objects.requireNonNull;

import dev.lakeport.app.dialog.DialogService;
import dev.lakeport.app.dialog.ErrorMessages;
import dev.lakeport.app.i18n.Messages;
import dev.lakeport.app.session.ProjectSession;
import dev.lakeport.app.task.TaskRunner;
import dev.lakeport.config.ConfigKeys;
import dev.lakeport.mapping.NamePattern;
import dev.lakeport.mapping.Scope;
import dev.lakeport.snapshot.DatabaseSummary;
import dev.lakeport.snapshot.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Scope page's databases: once the source is loaded, its databases as a checkable list that follows
 * {@code aws.databases} and writes it back when checks change (blank when all are checked), with a summary of what the
 * checked ones hold; before that, names are typed.
 */
public final class ScopeDatabasesViewModel {
    private final ProjectSession session;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final Messages messages;
    private final ErrorMessages errorMessages;
    private final Runnable validate;
    private final Consumer<List<String>> onShown;

    private final ObservableList<DatabaseChoice> databases = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper databasesLoaded = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper databasesSummary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper databasesProblem = new ReadOnlyStringWrapper("");
    private boolean applyingChecks;
    private long databasesGeneration;

    /** {@code onShown} gets the names of the databases read, before the page is validated. */
    ScopeDatabasesViewModel(
            ProjectSession session,
            TaskRunner tasks,
            DialogService dialogs,
            Messages messages,
            Runnable validate,
            Consumer<List<String>> onShown) {
        this.session = requireNonNull(session, "session is null");
        this.tasks = requireNonNull(tasks, "tasks is null");
        this.dialogs = requireNonNull(dialogs, "dialogs is null");
        this.messages = requireNonNull(messages, "messages is null");
        this.errorMessages = new ErrorMessages(messages);
        this.validate = requireNonNull(validate, "validate is null");
        this.onShown = requireNonNull(onShown, "onShown is null");
    }

    /** The source's databases in the snapshot, checked when {@code aws.databases} covers them. */
    public ObservableList<DatabaseChoice> databases() {
        return databases;
    }

    /** False until the source catalog is loaded: then names are typed instead of checked. */
    public ReadOnlyBooleanProperty databasesLoadedProperty() {
        return databasesLoaded.getReadOnlyProperty();
    }

    /** e.g. "3 of 5 databases: 20 tables, 1,200 partitions". */
    public ReadOnlyStringProperty databasesSummaryProperty() {
        return databasesSummary.getReadOnlyProperty();
    }

    /** Why the checks cannot be used (none checked); empty otherwise. */
    public ReadOnlyStringProperty databasesProblemProperty() {
        return databasesProblem.getReadOnlyProperty();
    }

    /** Checks or unchecks every database. */
    public void checkAllDatabases(boolean checked) {
        applyingChecks = true;
        try {
            databases.forEach(d -> d.checkedProperty().set(checked));
        } finally {
            applyingChecks = false;
        }
        onChecksEdited();
    }

    /** Reads the source's databases from the snapshot in the background. */
    public void refreshDatabases() {
        if (!session.openProperty().get()) {
            databases.clear();
            databasesLoaded.set(false);
            updateDatabasesSummary();
            return;
        }
        long generation = ++databasesGeneration;
        tasks.task(messages.get("scope.databases.task"), scope -> session.store()
                        .databases(Side.SOURCE))
                .onSuccess(list -> {
                    if (generation == databasesGeneration) {
                        showDatabases(list);
                    }
                })
                .onFailure(e -> {
                    // A read of a project that was closed meanwhile has nothing to say about the open one.
                    if (generation == databasesGeneration) {
                        dialogs.showError(errorMessages.describe(messages.get("scope.databases.task"), e));
                    }
                })
                .start();
    }

    private void showDatabases(List<DatabaseSummary> list) {
        List<DatabaseChoice> choices = new ArrayList<>();
        for (DatabaseSummary summary : list) {
            DatabaseChoice choice = new DatabaseChoice(summary);
            choice.checkedProperty().addListener((obs, old, now) -> {
                if (!applyingChecks) {
                    onChecksEdited();
                }
            });
            choices.add(choice);
        }
        applyingChecks = true;
        try {
            databases.setAll(choices);
        } finally {
            applyingChecks = false;
        }
        databasesLoaded.set(!choices.isEmpty());
        syncChecksFromSetting();
        onShown.accept(choices.stream().map(DatabaseChoice::name).toList());
        databasesProblem.set("");
        validate.run();
    }

    /** {@code aws.databases} changed (typed or imported): the checks follow it. */
    void syncChecksFromSetting() {
        List<NamePattern> patterns = patterns(setting(ConfigKeys.AWS_DATABASES).get());
        applyingChecks = true;
        try {
            for (DatabaseChoice d : databases) {
                d.checkedProperty().set(patterns.isEmpty() || patterns.stream().anyMatch(p -> p.matches(d.name())));
            }
        } finally {
            applyingChecks = false;
        }
        List<NamePattern> excluded =
                patterns(setting(ConfigKeys.DATABASES_EXCLUDE).get());
        for (DatabaseChoice d : databases) {
            d.setExcluded(excluded.stream().anyMatch(p -> p.matches(d.name())));
        }
        databasesProblem.set("");
        updateDatabasesSummary();
    }

    /**
     * The checks changed: {@code aws.databases} becomes the checked names, or blank (all databases, also ones created
     * later) when every one is checked. Typed entries that name no loaded database are kept.
     */
    private void onChecksEdited() {
        List<DatabaseChoice> checked =
                databases.stream().filter(d -> d.checkedProperty().get()).toList();
        if (checked.isEmpty()) {
            databasesProblem.set(messages.get("scope.databases.none"));
            updateDatabasesSummary();
            validate.run();
            return;
        }
        databasesProblem.set("");
        String value;
        if (checked.size() == databases.size()) {
            value = "";
        } else {
            List<String> names =
                    new ArrayList<>(checked.stream().map(DatabaseChoice::name).toList());
            for (String entry :
                    Scope.splitList(setting(ConfigKeys.AWS_DATABASES).get())) {
                NamePattern pattern = NamePattern.of(entry);
                if (databases.stream().noneMatch(d -> pattern.matches(d.name()))) {
                    names.add(entry);
                }
            }
            value = String.join(",", names);
        }
        applyingChecks = true;
        try {
            setting(ConfigKeys.AWS_DATABASES).set(value);
        } finally {
            applyingChecks = false;
        }
        updateDatabasesSummary();
        validate.run();
    }

    private void updateDatabasesSummary() {
        if (databases.isEmpty()) {
            databasesSummary.set("");
            return;
        }
        List<DatabaseChoice> checked = databases.stream()
                .filter(d -> d.checkedProperty().get() && !d.excludedProperty().get())
                .toList();
        databasesSummary.set(messages.get(
                "scope.databases.summary",
                checked.size(),
                databases.size(),
                checked.stream().mapToLong(DatabaseChoice::tables).sum(),
                checked.stream().mapToLong(DatabaseChoice::partitions).sum()));
    }

    /** Whether the checks are being applied right now (the settings' change is this page's own). */
    boolean applyingChecks() {
        return applyingChecks;
    }

    private StringProperty setting(String key) {
        return session.setting(key);
    }

    private static List<NamePattern> patterns(String list) {
        return Scope.splitList(list).stream().map(NamePattern::of).collect(Collectors.toList());
    }
}
