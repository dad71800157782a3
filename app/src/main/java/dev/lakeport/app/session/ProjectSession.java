package dev.lakeport.app.session;

import static java.util.Objects.requireNonNull;

import dev.lakeport.apply.ResultStore;
import dev.lakeport.config.ConfigKeys;
import dev.lakeport.config.MigrationConfig;
import dev.lakeport.config.MigrationConfigLoader;
import dev.lakeport.diff.DiffStore;
import dev.lakeport.diff.DiffWords;
import dev.lakeport.pipeline.ApplyOutcome;
import dev.lakeport.pipeline.ExclusionStore;
import dev.lakeport.pipeline.Migration;
import dev.lakeport.pipeline.ProjectSettings;
import dev.lakeport.snapshot.SnapshotStore;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The project open in the window: its file, its settings (the application.properties keys, credentials included but
 * kept in memory and in the {@link CredentialStore} only) and the engine over it.
 *
 * <p>Threads: properties change on the FX thread. {@link #migration()}, {@link #store()} and {@link #save()} may be
 * called from background tasks; they read a thread-safe copy of the settings.
 */
public final class ProjectSession implements AutoCloseable {
    private final CredentialStore credentials;

    private final Map<String, String> values = new ConcurrentHashMap<>();
    private final Map<String, StringProperty> properties = new HashMap<>();
    private final AtomicLong settingsVersion = new AtomicLong();

    private final ReadOnlyObjectWrapper<Path> projectFile = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper open = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper sample = new ReadOnlyBooleanWrapper();
    private final ReadOnlyLongWrapper settingsChanges = new ReadOnlyLongWrapper();
    /** The route's diff words, computed again whenever the settings change (a side may have another kind). */
    private final javafx.beans.binding.ObjectBinding<DiffWords> wordsBinding =
            javafx.beans.binding.Bindings.createObjectBinding(this::words, settingsChanges);

    private final LongProperty snapshotGeneration = new SimpleLongProperty();
    private final LongProperty latestDiffRun = new SimpleLongProperty(-1);
    private final BooleanProperty dirty = new SimpleBooleanProperty();
    private final ObjectProperty<ApplyOutcome> latestApply = new SimpleObjectProperty<>();

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ProjectSession.class);

    private final java.util.List<Thread> closers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile SnapshotStore store;
    private Migration migration;
    private long migrationVersion = -1;

    public ProjectSession(CredentialStore credentials) {
        this.credentials = requireNonNull(credentials, "credentials is null");
    }

    /** What {@link #read} produces off the FX thread and {@link #attach} installs on it. */
    public record OpenedProject(Path file, SnapshotStore store, Map<String, String> settings, boolean sample) {}

    /**
     * Opens (or creates) a project file and reads its settings and stored credentials. Blocking: call it from a task.
     * {@code initialSettings} (an imported application.properties, the sample's) replace what the file holds and are
     * written to it at once.
     */
    public OpenedProject read(Path file, Map<String, String> initialSettings, boolean sample) {
        SnapshotStore opened = SnapshotStore.open(file);
        try {
            // This process holds the project file now: a diff still RUNNING was stopped by a kill.
            new dev.lakeport.diff.DiffStore(opened.dataSource()).markInterrupted();
            Map<String, String> settings = new TreeMap<>();
            Properties stored = new ProjectSettings(opened.dataSource()).load();
            stored.stringPropertyNames().forEach(k -> settings.put(k, stored.getProperty(k)));
            if (!initialSettings.isEmpty()) {
                settings.clear();
                settings.putAll(initialSettings);
            }
            String id = settings.get(ConfigKeys.PROJECT_ID);
            if (id == null || id.isBlank()) {
                id = UUID.randomUUID().toString();
                settings.put(ConfigKeys.PROJECT_ID, id);
            }
            if (initialSettings.isEmpty()) {
                settings.putAll(credentials.load(id));
            } else {
                write(opened, settings);
                // Rules written in the settings (lakeport.exclude.<n>.*, as the command line and the Spark job read
                // them) become the project's, as 'lakeport-cli' makes them: the sample leaves its views out this way.
                dev.lakeport.mapping.ExclusionRules.fromSettings(initialSettings)
                        .rules()
                        .forEach(new dev.lakeport.pipeline.ExclusionStore(opened.dataSource())::add);
            }
            return new OpenedProject(file, opened, settings, sample);
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    /** Makes {@code project} the open project, closing the previous one. FX thread. */
    public void attach(OpenedProject project) {
        closeProject(true);
        this.store = project.store();
        values.clear();
        values.putAll(project.settings());
        properties.forEach((key, property) -> property.set(values.getOrDefault(key, "")));
        settingsVersion.incrementAndGet();
        settingsChanges.set(settingsChanges.get() + 1);
        latestDiffRun.set(-1);
        latestApply.set(null);
        snapshotGeneration.set(snapshotGeneration.get() + 1);
        sample.set(project.sample());
        open.set(true);
        projectFile.set(project.file());
        dirty.set(false);
    }

    /**
     * The setting {@code key} as a property: edits go into the project's settings at once (and to disk on the next
     * {@link #save()}). An empty value means "not set".
     */
    public StringProperty setting(String key) {
        return properties.computeIfAbsent(key, k -> {
            StringProperty property = new SimpleStringProperty(this, k, values.getOrDefault(k, ""));
            property.addListener((obs, old, now) -> {
                String value = now == null ? "" : now;
                if (value.equals(values.getOrDefault(k, ""))) {
                    return;
                }
                if (value.isEmpty()) {
                    values.remove(k);
                } else {
                    values.put(k, value);
                }
                settingsVersion.incrementAndGet();
                settingsChanges.set(settingsChanges.get() + 1);
                dirty.set(true);
            });
            return property;
        });
    }

    /** Sets several settings at once (an imported file), removing keys not in {@code settings}. FX thread. */
    public void replaceSettings(Map<String, String> settings) {
        String id = values.get(ConfigKeys.PROJECT_ID);
        Map<String, String> next = new TreeMap<>(settings);
        if (id != null) {
            next.put(ConfigKeys.PROJECT_ID, id);
        }
        values.clear();
        values.putAll(next);
        properties.forEach((key, property) -> property.set(values.getOrDefault(key, "")));
        settingsVersion.incrementAndGet();
        settingsChanges.set(settingsChanges.get() + 1);
        dirty.set(true);
    }

    /** A copy of the settings, credentials included. Any thread. */
    public Map<String, String> settings() {
        return new TreeMap<>(values);
    }

    /**
     * The words users read for the diff's results on this project's route ({@code glueNew} / {@code dlfNew} /
     * {@code needUpdate} for Glue → DLF), from the two kinds alone, so that pages speak them while other settings
     * are still incomplete. Any thread.
     */
    public DiffWords words() {
        Map<String, String> s = settings();
        String source = s.getOrDefault(ConfigKeys.SOURCE_TYPE, "");
        String destination = s.getOrDefault(ConfigKeys.DESTINATION_TYPE, "");
        return DiffWords.between(
                source.isBlank()
                        ? ConfigKeys.DEFAULT_SOURCE_TYPE
                        : source.strip().toLowerCase(java.util.Locale.ROOT),
                destination.isBlank()
                        ? ConfigKeys.DEFAULT_DESTINATION_TYPE
                        : destination.strip().toLowerCase(java.util.Locale.ROOT));
    }

    /** The configuration the settings make now; throws {@link dev.lakeport.config.ConfigException} if invalid. */
    public MigrationConfig config() {
        return MigrationConfigLoader.fromMap(settings(), displayName()).config();
    }

    /**
     * The engine over the open project with the current settings; rebuilt when the settings changed. Throws
     * {@link dev.lakeport.config.ConfigException} when the settings are not a valid configuration. Any thread.
     */
    public synchronized Migration migration() {
        long version = settingsVersion.get();
        if (migration == null || version != migrationVersion) {
            MigrationConfig config = config();
            migration = Migration.attach(config, requireOpenFile(), store());
            migrationVersion = version;
        }
        return migration;
    }

    public SnapshotStore store() {
        SnapshotStore s = store;
        if (s == null) {
            throw new IllegalStateException("no project is open");
        }
        return s;
    }

    public DiffStore diffs() {
        return new DiffStore(store().dataSource());
    }

    public ResultStore results() {
        return new ResultStore(store().dataSource());
    }

    /** The project's exclusion rules. */
    public ExclusionStore exclusions() {
        return new ExclusionStore(store().dataSource());
    }

    /**
     * Removes an exclusion rule and includes what it covered in diff run {@code runId} again (when {@code runId >= 0}),
     * except what another rule still covers. Blocking; bump {@link #exclusionChangesProperty()} on the FX thread after.
     */
    public void removeExclusion(dev.lakeport.mapping.ExclusionRule rule, long runId) {
        ExclusionStore store = exclusions();
        store.remove(rule);
        if (runId >= 0) {
            DiffStore diffs = diffs();
            diffs.setSubtreeIncluded(runId, rule.target(), true);
            for (dev.lakeport.mapping.ExclusionRule other : store.rules().rules()) {
                diffs.setSubtreeIncluded(runId, other.target(), false);
            }
        }
    }

    /** Tells the pages that list the rules to read them again. FX thread. */
    public void exclusionsChanged() {
        exclusionChanges.set(exclusionChanges.get() + 1);
    }

    /** The rules as reports list them. Blocking. */
    public java.util.List<String> exclusionRuleNames() {
        return exclusions().rules().rules().stream()
                .map(dev.lakeport.mapping.ExclusionRule::describe)
                .toList();
    }

    /** {@link #words()} as a value pages can bind their texts to. FX thread. */
    public javafx.beans.value.ObservableValue<DiffWords> wordsProperty() {
        return wordsBinding;
    }

    /** Bumped whenever an exclusion rule is added or removed, so pages that list the rules refresh. */
    public LongProperty exclusionChangesProperty() {
        return exclusionChanges;
    }

    /**
     * Writes the settings (without credentials) into the project file and the credentials to the credential store.
     * Blocking; any thread.
     */
    public void save() {
        write(store(), settings());
    }

    /** The settings without credentials into the project file (ProjectSettings leaves them out), credentials apart. */
    private void write(SnapshotStore target, Map<String, String> all) {
        Properties properties = new Properties();
        Map<String, String> secret = new TreeMap<>();
        all.forEach((k, v) -> {
            properties.setProperty(k, v);
            if (ProjectSettings.isCredential(k)) {
                secret.put(k, v);
            }
        });
        new ProjectSettings(target.dataSource()).save(properties);
        String id = all.get(ConfigKeys.PROJECT_ID);
        if (id != null) {
            credentials.save(id, secret);
        }
    }

    public void markSaved() {
        dirty.set(false);
    }

    public CredentialStore credentials() {
        return credentials;
    }

    /** The project's name for titles: the file name without {@code .mv.db}. */
    public String displayName() {
        Path file = projectFile.get();
        if (file == null) {
            return "";
        }
        String name = file.getFileName().toString();
        return name.endsWith(".mv.db") ? name.substring(0, name.length() - ".mv.db".length()) : name;
    }

    private Path requireOpenFile() {
        Path file = projectFile.get();
        if (file == null) {
            throw new IllegalStateException("no project is open");
        }
        return file;
    }

    public ReadOnlyObjectProperty<Path> projectFileProperty() {
        return projectFile.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty openProperty() {
        return open.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty sampleProperty() {
        return sample.getReadOnlyProperty();
    }

    /** Changes whenever any setting changes; pages listen to it to re-validate. */
    public ReadOnlyLongProperty settingsChangesProperty() {
        return settingsChanges.getReadOnlyProperty();
    }

    private final LongProperty exclusionChanges = new javafx.beans.property.SimpleLongProperty();

    /** Bumped after every load, so pages showing snapshot data refresh. */
    public LongProperty snapshotGenerationProperty() {
        return snapshotGeneration;
    }

    /** The diff run the Diff page shows and the Run page applies; -1 before the first diff. */
    public LongProperty latestDiffRunProperty() {
        return latestDiffRun;
    }

    /** The outcome of the last run applied in this window (the Reports page shows it); null before the first. */
    public ObjectProperty<ApplyOutcome> latestApplyProperty() {
        return latestApply;
    }

    public BooleanProperty dirtyProperty() {
        return dirty;
    }

    /**
     * @param inBackground close the store on a worker thread: closing compacts the H2 file, which can take seconds
     *     and must not freeze the window when the user switches projects
     */
    private synchronized void closeProject(boolean inBackground) {
        if (migration != null) {
            migration.close();
            migration = null;
        }
        SnapshotStore s = store;
        store = null;
        if (s != null) {
            if (inBackground) {
                Thread closer = new Thread(
                        () -> {
                            try {
                                s.close();
                            } catch (RuntimeException e) {
                                // The user has moved on to another project; a failed compaction loses nothing.
                                LOG.warn("closing the previous project failed", e);
                            }
                        },
                        "lakeport-close-project");
                closer.setDaemon(false); // the JVM waits for the file to be closed cleanly
                closers.add(closer);
                closer.start();
            } else {
                s.close();
            }
        }
        open.set(false);
        projectFile.set(null);
    }

    /**
     * Closes the open project without waiting (its file is compacted on a worker thread); the window shows no project
     * until the next {@link #attach}. FX thread.
     */
    public void detach() {
        closeProject(true);
    }

    /** Waits until every project closed in the background is closed; for work that replaces the file. Any thread. */
    public void awaitClosed() {
        for (Thread closer : closers) {
            try {
                closer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            closers.remove(closer);
        }
    }

    @Override
    public void close() {
        closeProject(false);
        awaitClosed();
    }
}
