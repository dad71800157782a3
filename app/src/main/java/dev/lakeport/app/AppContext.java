package dev.lakeport.app;

import static java.util.Objects.requireNonNull;

import dev.lakeport.app.dialog.DialogService;
import dev.lakeport.app.i18n.Messages;
import dev.lakeport.app.pages.assess.AssessView;
import dev.lakeport.app.pages.assess.AssessViewModel;
import dev.lakeport.app.pages.browse.BrowseView;
import dev.lakeport.app.pages.browse.BrowseViewModel;
import dev.lakeport.app.pages.connections.ConnectionsView;
import dev.lakeport.app.pages.connections.ConnectionsViewModel;
import dev.lakeport.app.pages.copy.CopySelections;
import dev.lakeport.app.pages.copy.CopyView;
import dev.lakeport.app.pages.copy.CopyViewModel;
import dev.lakeport.app.pages.diff.DiffView;
import dev.lakeport.app.pages.diff.DiffViewModel;
import dev.lakeport.app.pages.load.LoadView;
import dev.lakeport.app.pages.load.LoadViewModel;
import dev.lakeport.app.pages.project.ProjectView;
import dev.lakeport.app.pages.project.ProjectViewModel;
import dev.lakeport.app.pages.reports.ReportsView;
import dev.lakeport.app.pages.reports.ReportsViewModel;
import dev.lakeport.app.pages.run.ProjectRunTargets;
import dev.lakeport.app.pages.run.RunView;
import dev.lakeport.app.pages.run.RunViewModel;
import dev.lakeport.app.pages.scope.ScopeView;
import dev.lakeport.app.pages.scope.ScopeViewModel;
import dev.lakeport.app.session.CredentialStore;
import dev.lakeport.app.session.ProjectSession;
import dev.lakeport.app.session.RecentProjects;
import dev.lakeport.app.session.SampleEnvironment;
import dev.lakeport.app.task.TaskRunner;
import dev.lakeport.app.wizard.Page;
import dev.lakeport.app.wizard.PageViewModel;
import dev.lakeport.app.wizard.StepNavigator;
import dev.lakeport.app.wizard.WizardViewModel;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The composition root: builds the services once and hands them to the view models by constructor. The window's
 * part ({@link #buildUi}) is rebuilt when the language changes; the services and the open project stay.
 */
public final class AppContext implements AutoCloseable {
    private final AppDirs dirs;
    private final TaskRunner tasks;
    private final ProjectSession session;
    private final RecentProjects recent;
    private final SampleEnvironment sample;
    private final AppPreferences preferences;
    private final int samplePartitions;

    public AppContext(AppDirs dirs, TaskRunner tasks, CredentialStore credentials) {
        this(dirs, tasks, credentials, SampleEnvironment.DEFAULT_PARTITIONS);
    }

    /** @param samplePartitions partitions in the sample catalog "Open the sample project" generates */
    public AppContext(AppDirs dirs, TaskRunner tasks, CredentialStore credentials, int samplePartitions) {
        this(dirs, tasks, credentials, samplePartitions, new SampleEnvironment());
    }

    /** @param sample the sample's world (a test may take one that offers no Hive Metastore, as a packaged install) */
    public AppContext(
            AppDirs dirs,
            TaskRunner tasks,
            CredentialStore credentials,
            int samplePartitions,
            SampleEnvironment sample) {
        this.samplePartitions = samplePartitions;
        this.dirs = requireNonNull(dirs, "dirs is null");
        this.tasks = requireNonNull(tasks, "tasks is null");
        this.session = new ProjectSession(credentials);
        this.recent = new RecentProjects(dirs.config().resolve("recent-projects.txt"));
        this.sample = requireNonNull(sample, "sample is null");
        this.preferences = new AppPreferences(dirs.config().resolve("preferences.properties"));
    }

    /** The view models and views of one window, in step order. */
    public record Ui(WizardViewModel wizard, List<Page> pages) {
        public <T extends PageViewModel> T viewModel(Class<T> type) {
            return pages.stream()
                    .map(Page::viewModel)
                    .filter(type::isInstance)
                    .map(type::cast)
                    .findFirst()
                    .orElseThrow();
        }
    }

    public Ui buildUi(Messages messages, DialogService dialogs) {
        var project = new ProjectViewModel(
                session, tasks, dialogs, messages, recent, sample, dirs.projects(), samplePartitions);
        var connections = new ConnectionsViewModel(session, tasks, dialogs, messages);
        var scope = new ScopeViewModel(session, tasks, dialogs, messages);
        var load = new LoadViewModel(session, tasks, dialogs, messages);
        var browse = new BrowseViewModel(session, tasks, dialogs, messages);
        var assess = new AssessViewModel(session, tasks, dialogs, messages);
        var diff = new DiffViewModel(session, tasks, dialogs, messages);
        var run = new RunViewModel(session, tasks, dialogs, messages, new ProjectRunTargets(session));
        var copy = new CopyViewModel(session, tasks, dialogs, messages);
        // A job copies what the user chose last on the Browse page (the source's side) or the Diff page.
        browse.selectedProperty().addListener((obs, old, now) -> {
            if (browse.sideProperty().get() == dev.lakeport.snapshot.Side.SOURCE) {
                copy.offerSelection(CopySelections.of(now));
            }
        });
        diff.selectedProperty().addListener((obs, old, now) -> copy.offerSelection(CopySelections.of(now)));
        StepNavigator navigator = new StepNavigator();
        var reports = new ReportsViewModel(session, tasks, dialogs, messages, navigator);
        List<Page> pages = List.of(
                new Page(project, () -> new ProjectView(project, messages)),
                new Page(connections, () -> new ConnectionsView(connections, messages)),
                new Page(scope, () -> new ScopeView(scope, messages)),
                new Page(load, () -> new LoadView(load, messages)),
                new Page(browse, () -> new BrowseView(browse, messages)),
                new Page(assess, () -> new AssessView(assess, messages)),
                new Page(diff, () -> new DiffView(diff, messages)),
                new Page(run, () -> new RunView(run, messages)),
                new Page(copy, () -> new CopyView(copy, messages)),
                new Page(reports, () -> new ReportsView(reports, messages)));
        WizardViewModel wizard = new WizardViewModel(
                pages.stream().map(Page::viewModel).collect(Collectors.toList()), session, tasks, dialogs, messages);
        navigator.attach(wizard);
        return new Ui(wizard, pages);
    }

    public AppDirs dirs() {
        return dirs;
    }

    public TaskRunner tasks() {
        return tasks;
    }

    public ProjectSession session() {
        return session;
    }

    public SampleEnvironment sample() {
        return sample;
    }

    public AppPreferences preferences() {
        return preferences;
    }

    @Override
    public void close() {
        try {
            if (session.openProperty().get()) {
                session.save();
            }
        } finally {
            session.close();
            sample.close();
        }
    }
}
