package dev.lakeport.app.pages.project;

import static java.util.Objects.requireNonNull;

import dev.lakeport.app.dialog.DialogService;
import dev.lakeport.app.dialog.ErrorMessages;
import dev.lakeport.app.dialog.FileFilter;
import dev.lakeport.app.i18n.Messages;
import dev.lakeport.app.session.ProjectSession;
import dev.lakeport.app.session.RecentProjects;
import dev.lakeport.app.session.SampleEnvironment;
import dev.lakeport.app.session.SampleRoute;
import dev.lakeport.app.task.TaskRunner;
import dev.lakeport.app.wizard.AbstractPageViewModel;
import dev.lakeport.app.wizard.Step;
import dev.lakeport.config.MigrationConfigLoader;
import dev.lakeport.config.MigrationConfigWriter;
import dev.lakeport.config.PropertiesText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Step 1: which project the window works on. New, open, recent, the sample project (local emulators, no account),
 * and import / export of a seed-style application.properties (exports leave credentials out).
 */
public final class ProjectViewModel extends AbstractPageViewModel {
    private final ProjectSession session;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final Messages messages;
    private final RecentProjects recent;
    private final SampleEnvironment sample;
    private final Path projectsFolder;
    private final ErrorMessages errors;
    private final int samplePartitions;

    private final ObservableList<Path> recentProjects = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ObjectProperty<SampleRoute> sampleRoute = new SimpleObjectProperty<>(SampleRoute.GLUE_TO_DLF);

    public ProjectViewModel(
            ProjectSession session,
            TaskRunner tasks,
            DialogService dialogs,
            Messages messages,
            RecentProjects recent,
            SampleEnvironment sample,
            Path projectsFolder,
            int samplePartitions) {
        super(Step.PROJECT);
        this.session = requireNonNull(session, "session is null");
        this.tasks = requireNonNull(tasks, "tasks is null");
        this.dialogs = requireNonNull(dialogs, "dialogs is null");
        this.messages = requireNonNull(messages, "messages is null");
        this.recent = requireNonNull(recent, "recent is null");
        this.sample = requireNonNull(sample, "sample is null");
        this.projectsFolder = requireNonNull(projectsFolder, "projectsFolder is null");
        if (samplePartitions < 0) {
            throw new IllegalArgumentException("samplePartitions must be >= 0: " + samplePartitions);
        }
        this.samplePartitions = samplePartitions;
        this.errors = new ErrorMessages(messages);
        session.projectFileProperty().addListener((obs, old, now) -> update());
        update();
        recentProjects.setAll(recent.list());
    }

    private List<FileFilter> projectFilters() {
        return List.of(FileFilter.of(messages.get("project.filter.project"), "*.mv.db"));
    }

    private List<FileFilter> propertiesFilters() {
        return List.of(FileFilter.of(messages.get("project.filter.properties"), "*.properties"));
    }

    @Override
    public void onEnter() {
        recentProjects.setAll(recent.list());
    }

    /** Asks where to create a new, empty project and opens it. */
    public void newProject() {
        dialogs.chooseFileToSave(messages.get("project.new.title"), "migration.lakeport.mv.db", projectFilters())
                .map(ProjectViewModel::withProjectSuffix)
                .ifPresent(file -> open(file, Map.of(), false));
    }

    /** Asks for a project file and opens it. */
    public void openProject() {
        dialogs.chooseFileToOpen(messages.get("project.open.title"), projectFilters(), Optional.of(projectsFolder))
                .ifPresent(this::openRecent);
    }

    /** Opens a project from the recent list. A file that is gone is taken off the list. */
    public void openRecent(Path file) {
        if (!Files.isRegularFile(file)) {
            dialogs.showError(dev.lakeport.app.dialog.UserMessage.of(
                    messages.get("project.open.title"),
                    messages.get("project.missing", file),
                    messages.get("project.missing.hint")));
            recent.remove(file);
            recentProjects.setAll(recent.list());
            return;
        }
        open(file, Map.of(), false);
    }

    /**
     * Starts the local emulators with the sample catalog and opens a fresh sample project on them, on the route
     * chosen in {@link #sampleRouteProperty()}.
     */
    public void openSample() {
        openSample(samplePartitions);
    }

    public void openSample(int partitions) {
        openSample(sampleRoute.get(), partitions);
    }

    /**
     * The sample on {@code route}; a route this installation cannot run (no Hive Metastore in a packaged install)
     * says why and changes nothing.
     */
    public void openSample(SampleRoute route, int partitions) {
        requireNonNull(route, "route is null");
        if (!sample.available(route)) {
            dialogs.showError(dev.lakeport.app.dialog.UserMessage.of(
                    messages.get("project.sample.task"),
                    messages.get("project.sample.route.unavailable"),
                    messages.get("project.sample.route.unavailable.hint")));
            return;
        }
        String starting = messages.get(route.usesHive() ? "project.sample.starting.hive" : "project.sample.starting");
        busy.set(true);
        status.set(starting);
        String title = messages.get("project.sample.task");
        // A fresh sample replaces the sample project's file: if that project is open, close it first and let the
        // task wait until its file is closed, so the old store cannot write over the new one.
        java.nio.file.Path open = session.projectFileProperty().get();
        if (open != null
                && open.toAbsolutePath()
                        .normalize()
                        .startsWith(projectsFolder
                                .resolve("sample")
                                .toAbsolutePath()
                                .normalize())) {
            session.detach();
        }
        tasks.task(title, scope -> {
                    scope.message(starting);
                    session.awaitClosed();
                    SampleEnvironment.Sample s = sample.start(
                            projectsFolder.resolve("sample"), partitions, route, scope, scope.cancellation());
                    return session.read(s.projectFile(), s.settings(), true);
                })
                .onSuccess(opened -> {
                    session.attach(opened);
                    recent.add(opened.file());
                    recentProjects.setAll(recent.list());
                    status.set(messages.get("project.sample.ready"));
                    dialogs.notify(messages.get("project.sample.ready"));
                })
                .onFailure(e -> {
                    status.set("");
                    dialogs.showError(errors.describe(title, e));
                })
                .onFinished(() -> busy.set(false))
                .start();
    }

    /**
     * Reads a seed-style application.properties into the open project (or a new project beside it when none is
     * open). An invalid file changes nothing and says what is wrong.
     */
    public void importProperties() {
        dialogs.chooseFileToOpen(messages.get("project.import.title"), propertiesFilters(), Optional.empty())
                .ifPresent(this::importProperties);
    }

    public void importProperties(Path file) {
        String title = messages.get("project.import.title");
        Map<String, String> settings;
        try {
            MigrationConfigLoader.load(file); // validates; throws with every problem listed
            settings = readProperties(file);
        } catch (RuntimeException e) {
            dialogs.showError(errors.describe(title, e));
            return;
        }
        if (session.openProperty().get()) {
            session.replaceSettings(settings);
            dialogs.notify(messages.get("project.import.done", file.getFileName()));
            update();
            return;
        }
        String name = file.getFileName().toString().replaceFirst("\\.properties$", "");
        Path project = withProjectSuffix(file.toAbsolutePath().resolveSibling(name));
        open(project, settings, false);
    }

    /** Writes the project's settings as an application.properties, credentials left out. */
    public void exportProperties() {
        String title = messages.get("project.export.title");
        dialogs.chooseFileToSave(title, "application.properties", propertiesFilters())
                .ifPresent(file -> tasks.task(title, scope -> {
                            MigrationConfigWriter.write(session.config(), file);
                            return file;
                        })
                        .onSuccess(f -> dialogs.notify(messages.get("project.export.done", f)))
                        .onFailure(e -> dialogs.showError(errors.describe(title, e)))
                        .start());
    }

    private void open(Path file, Map<String, String> initialSettings, boolean isSample) {
        busy.set(true);
        String title = messages.get("project.open.task");
        tasks.task(title, scope -> {
                    return session.read(file, initialSettings, isSample);
                })
                .onSuccess(opened -> {
                    session.attach(opened);
                    recent.add(opened.file());
                    recentProjects.setAll(recent.list());
                    dialogs.notify(messages.get("project.opened", session.displayName()));
                })
                .onFailure(e -> dialogs.showError(errors.describe(title, e)))
                .onFinished(() -> busy.set(false))
                .start();
    }

    static Path withProjectSuffix(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(".mv.db")) {
            return file;
        }
        return file.resolveSibling(name + ".mv.db");
    }

    /** Read as the command line reads --config: byte-order marks and UTF-16 understood, anything else refused. */
    private static Map<String, String> readProperties(Path file) {
        return new TreeMap<>(PropertiesText.readMap(file));
    }

    private void update() {
        if (session.openProperty().get()) {
            setValid();
            setComplete(true);
        } else {
            setInvalid(messages.get("project.problem.none"));
            setComplete(false);
        }
    }

    public ObservableList<Path> recentProjects() {
        return recentProjects;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The route "Open the sample project" starts; Glue -> DLF unless the user picks another. */
    public ObjectProperty<SampleRoute> sampleRouteProperty() {
        return sampleRoute;
    }

    /** Whether this installation can start {@code route} (the Hive routes need the Hive Metastore's libraries). */
    public boolean sampleRouteAvailable(SampleRoute route) {
        return sample.available(route);
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty projectOpenProperty() {
        return session.openProperty();
    }

    public String currentProjectPath() {
        Path p = session.projectFileProperty().get();
        return p == null ? "" : p.toAbsolutePath().toString();
    }

    public ProjectSession session() {
        return session;
    }
}
