package dev.lakeport.app.pages.scope;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.lakeport.app.dialog.DialogService;
import dev.lakeport.app.dialog.ErrorMessages;
import dev.lakeport.app.i18n.Messages;
import dev.lakeport.app.session.ProjectSession;
import dev.lakeport.app.task.TaskInfo;
import dev.lakeport.app.task.TaskRunner;
import dev.lakeport.app.wizard.AbstractPageViewModel;
import dev.lakeport.app.wizard.Step;
import dev.lakeport.config.ConfigException;
import dev.lakeport.config.ConfigKeys;
import dev.lakeport.config.ConfigProblem;
import dev.lakeport.config.MigrationConfig;
import dev.lakeport.config.MigrationConfigLoader;
import dev.lakeport.config.Mode;
import dev.lakeport.mapping.FilterBindException;
import dev.lakeport.mapping.FilterSyntaxException;
import dev.lakeport.mapping.InvalidMappingException;
import dev.lakeport.mapping.LocationMapper;
import dev.lakeport.mapping.MappingWarning;
import dev.lakeport.mapping.NamePattern;
import dev.lakeport.mapping.PartitionFilter;
import dev.lakeport.mapping.Scope;
import dev.lakeport.mapping.UncoveredLocations;
import dev.lakeport.model.ItemNames;
import dev.lakeport.model.Partition;
import dev.lakeport.model.PartitionName;
import dev.lakeport.model.Table;
import dev.lakeport.project.MappingCheck;
import dev.lakeport.project.Migration;
import dev.lakeport.snapshot.DatabaseSummary;
import dev.lakeport.snapshot.Side;
import dev.lakeport.snapshot.SnapshotStore;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * Step 3: what the run covers and where its data goes. Databases (a checkable list once the source is loaded, or
 * names typed), table prefixes and white / black lists, per-table partition filters parsed as they are typed with a
 * live count of the loaded partitions they match, and {@code location.convertMap} as rows with the source locations
 * no entry covers and a before / after preview of an object's locations.
 *
 * <p>Every setting is checked by the configuration loader (the connection settings stand in with neutral values, so
 * this page speaks for its own keys only) and by the core parsers for positions. The page is valid when all of it
 * can be used, and complete then too: scope is a choice, not work to finish. Locations no entry covers are shown, not
 * refused: the seed migrates them unchanged.
 */
public final class ScopeViewModel extends AbstractPageViewModel {
    /** The tabs of the page, for problems that say where to look. */
    public enum Section {
        DATABASES,
        PARTITIONS,
        LOCATIONS
    }

    /** The list and choice settings this page edits, in the order it shows them. */
    public static final List<String> SETTING_KEYS = List.of(
            ConfigKeys.AWS_DATABASES,
            ConfigKeys.DATABASES_EXCLUDE,
            ConfigKeys.AWS_TABLE_FILTER_PREFIX,
            ConfigKeys.TABLES_INCLUDE,
            ConfigKeys.TABLES_EXCLUDE,
            ConfigKeys.MODE,
            ConfigKeys.COMPARE_PARTITION,
            ConfigKeys.FUNCTIONS);

    private final javafx.beans.property.ReadOnlyStringWrapper sourceName =
            new javafx.beans.property.ReadOnlyStringWrapper("");

    /** Tables listed for the preview's chooser at a time; the filter narrows a large database down. */
    static final int TABLE_CHOICES = 200;

    private static final int PREVIEW_PARTITIONS = 3;

    /** Characters of a field's problem repeated beside Next. */
    static final int MAX_PROBLEM = 90;

    private final ProjectSession session;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final Messages messages;
    private final ErrorMessages errorMessages;

    private final Map<String, ReadOnlyStringWrapper> errors = new LinkedHashMap<>();
    private final Map<String, ReadOnlyStringWrapper> warnings = new LinkedHashMap<>();
    private final Map<Section, ReadOnlyBooleanWrapper> sectionValid = new LinkedHashMap<>();

    // databases
    private final ObservableList<DatabaseChoice> databases = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper databasesLoaded = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper databasesSummary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper databasesProblem = new ReadOnlyStringWrapper("");
    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>();
    private final BooleanProperty comparePartition = new SimpleBooleanProperty(true);
    private final BooleanProperty functions = new SimpleBooleanProperty(true);
    private boolean applyingChecks;

    // partition filters
    private final ObservableList<PartitionFilterRow> filters = FXCollections.observableArrayList();
    private Map<String, String> lastFilterSettings = Map.of();
    private boolean writingFilters;

    // location map
    private final ObservableList<LocationMappingRow> mappings = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper mappingProblem = new ReadOnlyStringWrapper("");
    private String lastMapSetting = "";
    private boolean writingMap;
    private final ObservableList<UncoveredLocations.Group> uncovered = FXCollections.observableArrayList();
    private final ObservableList<String> mappingWarnings = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper uncoveredStatus = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper checkingMapping = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper mappingCheckStale = new ReadOnlyBooleanWrapper();
    private String checkedMap;
    private TaskInfo mappingTask;
    private long mappingGeneration;

    // preview
    private final ObservableList<String> previewDatabases = FXCollections.observableArrayList();
    private final ObservableList<String> previewTables = FXCollections.observableArrayList();
    private final StringProperty previewDatabase = new SimpleStringProperty("");
    private final StringProperty previewTable = new SimpleStringProperty("");
    private final StringProperty previewTableFilter = new SimpleStringProperty("");
    private final ObservableList<LocationPreview> preview = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper previewStatus = new ReadOnlyStringWrapper("");
    private List<PreviewSource> previewSources = List.of();
    private long previewGeneration;
    private long tablesGeneration;

    private long databasesGeneration;
    private boolean settling;

    /** A location of an object in the snapshot, before mapping. */
    record PreviewSource(String object, String location) {}

    /** A location before and after {@code location.convertMap}; {@code mapped} is empty when no entry covers it. */
    public record LocationPreview(String object, String location, Optional<String> mapped) {
        public LocationPreview {
            requireNonNull(object, "object is null");
            requireNonNull(location, "location is null");
            requireNonNull(mapped, "mapped is null");
        }
    }

    /** What a count found: matches of total, or why it could not count. */
    private record Count(long matching, long total, boolean loaded, String bindError) {}

    public ScopeViewModel(ProjectSession session, TaskRunner tasks, DialogService dialogs, Messages messages) {
        super(Step.SCOPE);
        this.session = requireNonNull(session, "session is null");
        this.tasks = requireNonNull(tasks, "tasks is null");
        this.dialogs = requireNonNull(dialogs, "dialogs is null");
        this.messages = requireNonNull(messages, "messages is null");
        this.errorMessages = new ErrorMessages(messages);
        for (String key : SETTING_KEYS) {
            errors.put(key, new ReadOnlyStringWrapper(""));
            warnings.put(key, new ReadOnlyStringWrapper(""));
        }
        errors.put(ConfigKeys.LOCATION_CONVERT_MAP, new ReadOnlyStringWrapper(""));
        warnings.put(ConfigKeys.LOCATION_CONVERT_MAP, new ReadOnlyStringWrapper(""));
        for (Section section : Section.values()) {
            sectionValid.put(section, new ReadOnlyBooleanWrapper(true));
        }

        mode.addListener((obs, old, now) -> {
            if (!settling && now != null) {
                setting(ConfigKeys.MODE).set(now.value());
            }
        });
        comparePartition.addListener((obs, old, now) -> {
            if (!settling) {
                setting(ConfigKeys.COMPARE_PARTITION).set(Boolean.toString(now));
            }
        });
        functions.addListener((obs, old, now) -> {
            if (!settling) {
                // blank is the default (true): only the choice to leave functions out is written
                setting(ConfigKeys.FUNCTIONS).set(now ? "" : "false");
            }
        });
        filters.addListener((ListChangeListener<PartitionFilterRow>) change -> onFiltersEdited());
        mappings.addListener((ListChangeListener<LocationMappingRow>) change -> onMappingsEdited());
        previewDatabase.addListener((obs, old, now) -> loadPreviewTables());
        previewTableFilter.addListener((obs, old, now) -> loadPreviewTables());
        previewTable.addListener((obs, old, now) -> loadPreview());

        session.settingsChangesProperty().addListener((obs, old, now) -> onSettingsChanged());
        session.projectFileProperty().addListener((obs, old, now) -> onProjectChanged());
        session.snapshotGenerationProperty().addListener((obs, old, now) -> onSnapshotChanged());
        onProjectChanged();
    }

    @Override
    public void onEnter() {
        if (session.openProperty().get()
                && setting(ConfigKeys.LOCATION_CONVERT_MAP).get().isBlank()) {
            // The loader needs the key; no rows means no mapping, which the seed writes as {}.
            writeMap();
        }
        refreshDatabases();
        if (session.openProperty().get() && checkedMap == null && !checkingMapping.get()) {
            checkMapping();
        }
    }

    // ---- settings as properties -------------------------------------------------------------------------

    /** A setting of the open project, for a field to bind to. */
    public StringProperty setting(String key) {
        return session.setting(key);
    }

    public ReadOnlyStringProperty errorProperty(String key) {
        return wrapper(errors, key).getReadOnlyProperty();
    }

    public ReadOnlyStringProperty warningProperty(String key) {
        return wrapper(warnings, key).getReadOnlyProperty();
    }

    /** Whether the tab has nothing to correct. */
    public ReadOnlyBooleanProperty sectionValidProperty(Section section) {
        return sectionValid.get(section).getReadOnlyProperty();
    }

    /** {@code mode}: {@link Mode} lists what the engine does; an unknown value leaves it empty with an error. */
    public ObjectProperty<Mode> modeProperty() {
        return mode;
    }

    /** {@code lakeport.functions}: false leaves user-defined functions out (a catalog without them). */
    public BooleanProperty functionsProperty() {
        return functions;
    }

    /** {@code comparePartition}. */
    public BooleanProperty comparePartitionProperty() {
        return comparePartition;
    }

    // ---- databases ---------------------------------------------------------------------------------------

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
        String chosen = previewDatabase.get();
        previewDatabases.setAll(choices.stream().map(DatabaseChoice::name).toList());
        if (!previewDatabases.contains(chosen)) {
            previewDatabase.set(previewDatabases.isEmpty() ? "" : previewDatabases.get(0));
        } else {
            loadPreviewTables();
        }
        databasesProblem.set("");
        validate();
    }

    /** {@code aws.databases} changed (typed or imported): the checks follow it. */
    private void syncChecksFromSetting() {
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
            validate();
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
        validate();
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

    // ---- partition filters -------------------------------------------------------------------------------

    public ObservableList<PartitionFilterRow> filters() {
        return filters;
    }

    /** Adds an empty filter row (for {@code table} when given) and returns it for the editor to select. */
    public PartitionFilterRow addFilter(String table) {
        PartitionFilterRow row = newFilterRow(table == null ? "" : table, "");
        filters.add(row);
        return row;
    }

    public void removeFilter(PartitionFilterRow row) {
        filters.remove(row);
    }

    /**
     * Counts the loaded partitions of the row's table that the filter selects, in the background; the answer for an
     * older text is dropped. The view calls this a moment after typing stops.
     */
    public void countMatches(PartitionFilterRow row) {
        if (!filters.contains(row)) {
            return;
        }
        long generation = ++row.generation;
        if (!row.errorProperty().get().isEmpty() || !session.openProperty().get()) {
            row.setMatches("");
            row.setCounting(false);
            return;
        }
        String table = row.table();
        int dot = table.indexOf('.');
        String db = table.substring(0, dot);
        String name = table.substring(dot + 1);
        PartitionFilter filter = PartitionFilter.parse(row.expression());
        row.setCounting(true);
        tasks.task(messages.get("scope.filter.count.task"), scope -> count(session.store(), db, name, filter))
                .onSuccess(count -> {
                    if (generation != row.generation) {
                        return;
                    }
                    row.setCounting(false);
                    row.setBindError(count.bindError());
                    if (!count.loaded()) {
                        row.setMatches(messages.get("scope.filter.count.notLoaded", table));
                    } else if (!count.bindError().isEmpty()) {
                        row.setMatches("");
                    } else {
                        row.setMatches(messages.get("scope.filter.count", count.matching(), count.total()));
                    }
                    validate();
                })
                .onFailure(e -> {
                    if (generation == row.generation) {
                        row.setCounting(false);
                        row.setMatches(errorMessages
                                .describe(messages.get("scope.filter.count.task"), e)
                                .text());
                    }
                })
                .start();
    }

    private static Count count(SnapshotStore store, String db, String table, PartitionFilter filter) {
        Optional<Table> loaded = store.table(Side.SOURCE, db, table);
        if (loaded.isEmpty()) {
            return new Count(0, 0, false, "");
        }
        Predicate<List<String>> predicate;
        try {
            predicate = filter.bind(loaded.get().partitionKeys());
        } catch (FilterBindException e) {
            return new Count(0, 0, true, e.getMessage());
        }
        long matching = store.countPartitions(Side.SOURCE, db, table, predicate);
        long total = store.countPartitions(Side.SOURCE, db, table);
        return new Count(matching, total, true, "");
    }

    private PartitionFilterRow newFilterRow(String table, String expression) {
        PartitionFilterRow row = new PartitionFilterRow(table, expression);
        row.tableProperty().addListener((obs, old, now) -> onFilterRowEdited(row));
        row.expressionProperty().addListener((obs, old, now) -> onFilterRowEdited(row));
        return row;
    }

    private void onFilterRowEdited(PartitionFilterRow row) {
        row.generation++;
        row.setBindError("");
        row.setMatches("");
        row.setCounting(false);
        onFiltersEdited();
    }

    private void onFiltersEdited() {
        if (settling) {
            return;
        }
        writeFilters();
        validate();
    }

    /** The filter settings the rows stand for: the first row of each well-formed table name. */
    private Map<String, String> filterSettingsOfRows() {
        Map<String, String> out = new LinkedHashMap<>();
        for (PartitionFilterRow row : filters) {
            if (tableNameProblem(row.table()).isEmpty() && !row.expression().isEmpty()) {
                out.putIfAbsent(
                        ConfigKeys.AWS_PARTITION_FILTER_PREFIX + row.table(),
                        row.expressionProperty().get());
            }
        }
        return out;
    }

    private Map<String, String> filterSettingsOfSession() {
        Map<String, String> out = new TreeMap<>();
        session.settings().forEach((k, v) -> {
            if (k.startsWith(ConfigKeys.AWS_PARTITION_FILTER_PREFIX)) {
                out.put(k, v);
            }
        });
        return out;
    }

    private void writeFilters() {
        Map<String, String> wanted = filterSettingsOfRows();
        writingFilters = true;
        try {
            for (String key : filterSettingsOfSession().keySet()) {
                if (!wanted.containsKey(key)) {
                    setting(key).set("");
                }
            }
            wanted.forEach((k, v) -> setting(k).set(v));
        } finally {
            writingFilters = false;
        }
        lastFilterSettings = filterSettingsOfSession();
    }

    private void readFilters() {
        Map<String, String> stored = filterSettingsOfSession();
        List<PartitionFilterRow> rows = new ArrayList<>();
        stored.forEach(
                (k, v) -> rows.add(newFilterRow(k.substring(ConfigKeys.AWS_PARTITION_FILTER_PREFIX.length()), v)));
        settling = true;
        try {
            filters.setAll(rows);
        } finally {
            settling = false;
        }
        lastFilterSettings = stored;
    }

    // ---- location map ------------------------------------------------------------------------------------

    public ObservableList<LocationMappingRow> mappings() {
        return mappings;
    }

    /** A problem with {@code location.convertMap} as a whole (it cannot be read into rows). */
    public ReadOnlyStringProperty mappingProblemProperty() {
        return mappingProblem.getReadOnlyProperty();
    }

    public LocationMappingRow addMapping(String source, String destination) {
        LocationMappingRow row = newMappingRow(source, destination);
        mappings.add(row);
        return row;
    }

    public void removeMapping(LocationMappingRow row) {
        mappings.remove(row);
    }

    /**
     * Adds a row for a prefix no entry covers, with the same path on OSS as a first guess ({@code s3://b/x/} becomes
     * {@code oss://b/x/}), for the user to correct.
     */
    public LocationMappingRow mapUncovered(UncoveredLocations.Group group) {
        String prefix = group.prefix();
        int scheme = prefix.indexOf("://");
        String guess = scheme < 0 ? "oss://" + prefix : "oss://" + prefix.substring(scheme + 3);
        return addMapping(prefix, guess);
    }

    /** Groups of source locations no entry covers, most locations first. */
    public ObservableList<UncoveredLocations.Group> uncovered() {
        return uncovered;
    }

    /** The mapping's other warnings over the loaded source, one line per kind with its count. */
    public ObservableList<String> mappingWarnings() {
        return mappingWarnings;
    }

    public ReadOnlyStringProperty uncoveredStatusProperty() {
        return uncoveredStatus.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty checkingMappingProperty() {
        return checkingMapping.getReadOnlyProperty();
    }

    /** True when the map changed since the list of uncovered locations was made. */
    public ReadOnlyBooleanProperty mappingCheckStaleProperty() {
        return mappingCheckStale.getReadOnlyProperty();
    }

    /**
     * Lists the source locations no entry covers, reading the loaded source in the background (core
     * {@link Migration#checkMapping}). A running check is cancelled first.
     */
    public void checkMapping() {
        if (!session.openProperty().get()) {
            uncoveredStatus.set(messages.get("scope.uncovered.noProject"));
            return;
        }
        String map = setting(ConfigKeys.LOCATION_CONVERT_MAP).get();
        MigrationConfig config;
        try {
            Map<String, String> settings = connectionSettings();
            settings.put(ConfigKeys.LOCATION_CONVERT_MAP, map.isBlank() ? "{}" : map);
            config = MigrationConfigLoader.fromMap(settings, session.displayName())
                    .config();
        } catch (ConfigException e) {
            uncovered.clear();
            mappingWarnings.clear();
            uncoveredStatus.set(messages.get("scope.uncovered.invalidMap"));
            return;
        }
        if (mappingTask != null) {
            mappingTask.cancel();
        }
        long generation = ++mappingGeneration;
        Path file = session.projectFileProperty().get();
        checkingMapping.set(true);
        uncoveredStatus.set(messages.get("scope.uncovered.checking"));
        String title = messages.get("scope.uncovered.task");
        TaskInfo info = tasks.task(title, scope -> {
                    SnapshotStore store = session.store();
                    if (store.databases(Side.SOURCE).isEmpty()) {
                        return Optional.<MappingCheck>empty();
                    }
                    try (Migration migration = Migration.attach(config, file, store)) {
                        return Optional.of(migration.checkMapping(scope.cancellation()));
                    }
                })
                .onSuccess(result -> {
                    if (generation != mappingGeneration) {
                        return;
                    }
                    checkedMap = map;
                    mappingCheckStale.set(false);
                    if (result.isEmpty()) {
                        uncovered.clear();
                        mappingWarnings.clear();
                        uncoveredStatus.set(messages.get("scope.uncovered.notLoaded"));
                        return;
                    }
                    showMappingCheck(result.get());
                })
                .onFailure(e -> {
                    if (generation == mappingGeneration) {
                        uncoveredStatus.set(errorMessages.describe(title, e).text());
                    }
                })
                .onCancelled(() -> {
                    if (generation == mappingGeneration) {
                        uncoveredStatus.set(messages.get("scope.uncovered.cancelled"));
                    }
                })
                .onFinished(() -> {
                    if (generation == mappingGeneration) {
                        checkingMapping.set(false);
                        mappingTask = null;
                    }
                })
                .start();
        if (checkingMapping.get()) {
            mappingTask = info;
        }
    }

    private void showMappingCheck(MappingCheck check) {
        uncovered.setAll(check.uncovered());
        List<String> lines = new ArrayList<>();
        check.warningCounts().entrySet().stream()
                .filter(e -> e.getKey() != MappingWarning.Code.UNMAPPED_LOCATION)
                .sorted(Map.Entry.comparingByKey())
                .forEach(e ->
                        lines.add(messages.get("scope.warning." + e.getKey().name(), e.getValue())));
        mappingWarnings.setAll(lines);
        uncoveredStatus.set(
                check.uncovered().isEmpty()
                        ? messages.get("scope.uncovered.none")
                        : messages.get(
                                "scope.uncovered.some",
                                check.uncoveredLocations(),
                                check.uncovered().size()));
    }

    private LocationMappingRow newMappingRow(String source, String destination) {
        LocationMappingRow row = new LocationMappingRow(source, destination);
        row.sourceProperty().addListener((obs, old, now) -> onMappingsEdited());
        row.destinationProperty().addListener((obs, old, now) -> onMappingsEdited());
        return row;
    }

    private void onMappingsEdited() {
        if (settling) {
            return;
        }
        writeMap();
        validate();
        showPreview();
    }

    /** The rows as the seed's JSON; rows without a source are left out (they show their own error). */
    private String mapJsonOfRows() {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.writeStartObject();
            for (LocationMappingRow row : mappings) {
                if (!row.source().isEmpty()) {
                    // A duplicate source is written as it stands, so the loader names it too.
                    json.writeStringField(row.source(), row.destination());
                }
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private void writeMap() {
        String json = mapJsonOfRows();
        writingMap = true;
        try {
            setting(ConfigKeys.LOCATION_CONVERT_MAP).set(json);
        } finally {
            writingMap = false;
        }
        lastMapSetting = json;
        mappingProblem.set("");
        mappingCheckStale.set(checkedMap != null && !checkedMap.equals(json));
    }

    /** Reads {@code location.convertMap} into rows, keeping duplicates so that they can be seen and fixed. */
    private void readMap() {
        String text = setting(ConfigKeys.LOCATION_CONVERT_MAP).get();
        List<LocationMappingRow> rows = new ArrayList<>();
        String problem = "";
        if (!text.isBlank()) {
            try (JsonParser parser = new JsonFactory().createParser(text)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    throw new IOException("not a JSON object");
                }
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String source = parser.currentName();
                    if (parser.nextToken() != JsonToken.VALUE_STRING) {
                        throw new IOException("the value of " + source + " is not a string");
                    }
                    rows.add(newMappingRow(source, parser.getText()));
                }
            } catch (IOException e) {
                rows.clear();
                try {
                    LocationMapper.parse(text);
                    problem = e.getMessage();
                } catch (InvalidMappingException invalid) {
                    problem = invalid.problem();
                }
            }
        }
        settling = true;
        try {
            mappings.setAll(rows);
        } finally {
            settling = false;
        }
        mappingProblem.set(problem.isEmpty() ? "" : messages.get("scope.map.unreadable", problem));
        lastMapSetting = text;
    }

    /** The entries that can be used now, for the preview (a half-typed row maps nothing yet). */
    private LocationMapper usableMapper() {
        Map<String, String> entries = new LinkedHashMap<>();
        for (LocationMappingRow row : mappings) {
            if (row.errorProperty().get().isEmpty() && !row.isBlank()) {
                entries.putIfAbsent(row.source(), row.destination());
            }
        }
        try {
            return LocationMapper.of(entries);
        } catch (InvalidMappingException e) {
            return LocationMapper.identity();
        }
    }

    // ---- preview -----------------------------------------------------------------------------------------

    public ObservableList<String> previewDatabases() {
        return previewDatabases;
    }

    public ObservableList<String> previewTables() {
        return previewTables;
    }

    public StringProperty previewDatabaseProperty() {
        return previewDatabase;
    }

    /** The table to preview; blank previews the database alone. */
    public StringProperty previewTableProperty() {
        return previewTable;
    }

    /** Narrows the table chooser to names containing this text (large databases list the first 200). */
    public StringProperty previewTableFilterProperty() {
        return previewTableFilter;
    }

    /** The chosen object's locations before and after mapping. */
    public ObservableList<LocationPreview> preview() {
        return preview;
    }

    public ReadOnlyStringProperty previewStatusProperty() {
        return previewStatus.getReadOnlyProperty();
    }

    private void loadPreviewTables() {
        String db = previewDatabase.get();
        long generation = ++tablesGeneration;
        if (db == null || db.isBlank() || !session.openProperty().get()) {
            previewTables.clear();
            previewTable.set("");
            loadPreview();
            return;
        }
        String contains =
                previewTableFilter.get() == null ? "" : previewTableFilter.get().trim();
        tasks.task(messages.get("scope.preview.task"), scope -> session.store()
                        .tables(Side.SOURCE, db, contains, 0, TABLE_CHOICES))
                .onSuccess(list -> {
                    if (generation != tablesGeneration) {
                        return;
                    }
                    String chosen = previewTable.get();
                    previewTables.setAll(
                            list.stream().map(t -> t.table().name()).toList());
                    if (!previewTables.contains(chosen)) {
                        previewTable.set(previewTables.isEmpty() ? "" : previewTables.get(0));
                    }
                    loadPreview();
                })
                .start();
    }

    private void loadPreview() {
        String db = previewDatabase.get();
        String table = previewTable.get();
        long generation = ++previewGeneration;
        if (db == null || db.isBlank() || !session.openProperty().get()) {
            previewSources = List.of();
            previewStatus.set(messages.get("scope.preview.none"));
            showPreview();
            return;
        }
        tasks.task(messages.get("scope.preview.task"), scope -> previewSources(session.store(), db, table))
                .onSuccess(sources -> {
                    if (generation == previewGeneration) {
                        previewSources = sources;
                        previewStatus.set(sources.isEmpty() ? messages.get("scope.preview.noLocations") : "");
                        showPreview();
                    }
                })
                .start();
    }

    private List<PreviewSource> previewSources(SnapshotStore store, String db, String table) {
        List<PreviewSource> out = new ArrayList<>();
        store.database(Side.SOURCE, db)
                .flatMap(d -> d.locationUri())
                .ifPresent(l -> out.add(new PreviewSource(messages.get("scope.preview.database", db), l)));
        if (table != null && !table.isBlank()) {
            Optional<Table> t = store.table(Side.SOURCE, db, table);
            t.flatMap(Table::storageDescriptor)
                    .flatMap(sd -> sd.location())
                    .ifPresent(l -> out.add(new PreviewSource(messages.get("scope.preview.table", db, table), l)));
            if (t.isPresent() && !t.get().partitionKeys().isEmpty()) {
                for (Partition p : store.partitions(Side.SOURCE, db, table, Optional.empty(), PREVIEW_PARTITIONS)) {
                    p.storageDescriptor()
                            .flatMap(sd -> sd.location())
                            .ifPresent(l -> out.add(new PreviewSource(
                                    messages.get("scope.preview.partition", partitionName(t.get(), p)), l)));
                }
            }
        }
        return out;
    }

    private static String partitionName(Table table, Partition partition) {
        return PartitionName.of(ItemNames.partitionKeyNames(table), partition.values());
    }

    private void showPreview() {
        LocationMapper mapper = usableMapper();
        preview.setAll(previewSources.stream()
                .map(s -> new LocationPreview(s.object(), s.location(), mapper.map(s.location())))
                .toList());
    }

    // ---- changes from elsewhere --------------------------------------------------------------------------

    private void onProjectChanged() {
        checkedMap = null;
        mappingCheckStale.set(false);
        uncovered.clear();
        mappingWarnings.clear();
        uncoveredStatus.set(messages.get("scope.uncovered.notChecked"));
        previewSources = List.of();
        preview.clear();
        readSettings();
        refreshDatabases();
    }

    private void onSnapshotChanged() {
        refreshDatabases();
        if (session.openProperty().get()) {
            checkMapping();
        }
        filters.forEach(this::countMatches);
        loadPreviewTables();
    }

    private void onSettingsChanged() {
        if (settling || writingFilters || writingMap) {
            return;
        }
        readSettings();
    }

    /** Brings the rows and choices in line with the settings when something else changed them (an import). */
    private void readSettings() {
        if (!filterSettingsOfSession().equals(lastFilterSettings)) {
            readFilters();
            filters.forEach(this::countMatches);
        }
        if (!setting(ConfigKeys.LOCATION_CONVERT_MAP).get().equals(lastMapSetting)) {
            readMap();
            showPreview();
        }
        settling = true;
        try {
            mode.set(Mode.parse(
                            setting(ConfigKeys.MODE).get().isBlank()
                                    ? Mode.INCREMENT.value()
                                    : setting(ConfigKeys.MODE).get())
                    .orElse(null));
            comparePartition.set(
                    !setting(ConfigKeys.COMPARE_PARTITION).get().trim().equalsIgnoreCase("false"));
            functions.set(!setting(ConfigKeys.FUNCTIONS).get().trim().equalsIgnoreCase("false"));
        } finally {
            settling = false;
        }
        if (!applyingChecks) {
            syncChecksFromSetting();
        }
        validate();
    }

    /** The source catalog's short name ("Glue"), for texts that name it. */
    public ReadOnlyStringProperty sourceNameProperty() {
        return sourceName.getReadOnlyProperty();
    }

    /**
     * The two sides as the Connections page holds them (their kinds and their connectors' settings), which the
     * loader needs and this page does not judge: its problems are read by this page's own keys only.
     */
    private Map<String, String> connectionSettings() {
        Map<String, String> all = session.settings();
        Map<String, String> out = new TreeMap<>();
        for (Side side : Side.values()) {
            var which = dev.lakeport.app.session.SideConnector.of(side, all);
            String typeKey = dev.lakeport.app.session.SideConnector.typeKey(side);
            if (all.containsKey(typeKey)) {
                out.put(typeKey, all.get(typeKey));
            }
            which.connector().ifPresent(c -> c.settings().forEach(spec -> {
                String value = all.get(which.key(spec));
                if (value != null) {
                    out.put(which.key(spec), value);
                }
            }));
        }
        return out;
    }

    // ---- validation --------------------------------------------------------------------------------------

    private void validate() {
        Map<String, String> settings = connectionSettings();
        Map<String, String> all = session.settings();
        sourceName.set(
                dev.lakeport.app.session.SideConnector.of(Side.SOURCE, all).shortName());
        for (String key : SETTING_KEYS) {
            if (all.containsKey(key)) {
                settings.put(key, all.get(key));
            }
        }
        String map = all.getOrDefault(ConfigKeys.LOCATION_CONVERT_MAP, "");
        settings.put(ConfigKeys.LOCATION_CONVERT_MAP, map.isBlank() ? "{}" : map);
        settings.putAll(filterSettingsOfSession());
        Map<String, String> found = new TreeMap<>();
        Map<String, String> cautions = new TreeMap<>();
        try {
            MigrationConfigLoader.fromMap(settings, session.displayName())
                    .warnings()
                    .forEach(w -> cautions.putIfAbsent(w.key(), w.problem()));
        } catch (ConfigException e) {
            for (ConfigProblem p : e.problems()) {
                found.putIfAbsent(p.key(), p.problem());
            }
        } catch (RuntimeException e) {
            found.putIfAbsent(ConfigKeys.AWS_DATABASES, String.valueOf(e));
        }
        errors.forEach((key, w) -> w.set(found.getOrDefault(key, "")));
        warnings.forEach((key, w) -> w.set(found.containsKey(key) ? "" : cautions.getOrDefault(key, "")));

        List<String> problems = new ArrayList<>();
        // Databases and tables.
        for (String key : SETTING_KEYS) {
            if (found.containsKey(key)) {
                problems.add(problem(Section.DATABASES, messages.get(fieldLabelKey(key)), found.get(key)));
            }
        }
        if (!databasesProblem.get().isEmpty()) {
            problems.add(problem(
                    Section.DATABASES, messages.get(fieldLabelKey(ConfigKeys.AWS_DATABASES)), databasesProblem.get()));
        }
        sectionValid.get(Section.DATABASES).set(problems.isEmpty());

        // Partition filters.
        int before = problems.size();
        validateFilters(cautions);
        for (int i = 0; i < filters.size(); i++) {
            PartitionFilterRow row = filters.get(i);
            String error = !row.errorProperty().get().isEmpty()
                    ? row.errorProperty().get()
                    : row.bindErrorProperty().get();
            if (!error.isEmpty()) {
                String name = row.table().isEmpty() ? messages.get("scope.filter.row", i + 1) : row.table();
                problems.add(problem(Section.PARTITIONS, name, error));
            }
        }
        sectionValid.get(Section.PARTITIONS).set(problems.size() == before);

        // Location map.
        before = problems.size();
        validateMappings();
        if (!mappingProblem.get().isEmpty()) {
            problems.add(problem(
                    Section.LOCATIONS,
                    messages.get(fieldLabelKey(ConfigKeys.LOCATION_CONVERT_MAP)),
                    mappingProblem.get()));
        }
        if (mappings.stream().anyMatch(r -> !r.errorProperty().get().isEmpty())) {
            // The rows say it where it happened; the loader's line for the whole map would only repeat it.
            errors.get(ConfigKeys.LOCATION_CONVERT_MAP).set("");
        }
        for (int i = 0; i < mappings.size(); i++) {
            LocationMappingRow row = mappings.get(i);
            if (!row.errorProperty().get().isEmpty()) {
                problems.add(problem(
                        Section.LOCATIONS,
                        messages.get("scope.map.row", i + 1),
                        row.errorProperty().get()));
            }
        }
        if (problems.size() == before && found.containsKey(ConfigKeys.LOCATION_CONVERT_MAP)) {
            problems.add(problem(
                    Section.LOCATIONS,
                    messages.get(fieldLabelKey(ConfigKeys.LOCATION_CONVERT_MAP)),
                    found.get(ConfigKeys.LOCATION_CONVERT_MAP)));
        }
        sectionValid.get(Section.LOCATIONS).set(problems.size() == before);

        if (problems.isEmpty()) {
            setValid();
        } else {
            setInvalid(problems.get(0));
        }
        setComplete(problems.isEmpty() && session.openProperty().get());
    }

    private void validateFilters(Map<String, String> cautions) {
        Set<String> seen = new HashSet<>();
        for (PartitionFilterRow row : filters) {
            row.setWarning("");
            if (row.isBlank()) {
                row.setError(messages.get("scope.filter.empty"), "");
                continue;
            }
            Optional<String> tableProblem = tableNameProblem(row.table());
            if (tableProblem.isPresent()) {
                row.setError(tableProblem.get(), "");
                continue;
            }
            if (!seen.add(row.table().toLowerCase(Locale.ROOT))) {
                row.setError(messages.get("scope.filter.duplicate", row.table()), "");
                continue;
            }
            if (row.expression().isEmpty()) {
                row.setError(messages.get("scope.filter.noExpression"), "");
                continue;
            }
            try {
                PartitionFilter.parse(row.expressionProperty().get());
                row.setError("", "");
            } catch (FilterSyntaxException e) {
                row.setError(
                        messages.get("scope.filter.syntax", e.position() + 1, e.expected(), e.found()), caretLines(e));
            }
            row.setWarning(cautions.getOrDefault(ConfigKeys.AWS_PARTITION_FILTER_PREFIX + row.table(), ""));
        }
    }

    /** The expression and a caret under the failing position, tabs and line breaks shown as spaces. */
    private static String caretLines(FilterSyntaxException e) {
        String shown = e.expression().replaceAll("[\\t\\r\\n]", " ");
        return shown + "\n" + " ".repeat(Math.max(0, Math.min(e.position(), shown.length()))) + "^";
    }

    private Optional<String> tableNameProblem(String table) {
        if (table.isEmpty()) {
            return Optional.of(messages.get("scope.filter.noTable"));
        }
        int dot = table.indexOf('.');
        if (dot <= 0 || dot == table.length() - 1) {
            return Optional.of(messages.get("scope.filter.tableName", table));
        }
        return Optional.empty();
    }

    private void validateMappings() {
        Map<String, Integer> sources = new LinkedHashMap<>();
        for (LocationMappingRow row : mappings) {
            if (!row.source().isEmpty()) {
                sources.merge(row.source(), 1, Integer::sum);
            }
        }
        Set<String> reported = new HashSet<>();
        for (LocationMappingRow row : mappings) {
            if (row.isBlank()) {
                row.setProblems("", "");
                continue;
            }
            if (row.source().isEmpty()) {
                row.setProblems(messages.get("scope.map.noSource"), "");
                continue;
            }
            if (row.destination().isEmpty()) {
                row.setProblems(messages.get("scope.map.noDestination"), "");
                continue;
            }
            try {
                LocationMapper.of(Map.of(row.source(), row.destination()));
            } catch (InvalidMappingException e) {
                row.setProblems(e.problem(), "");
                continue;
            }
            if (sources.get(row.source()) > 1 && !reported.add(row.source())) {
                row.setProblems(messages.get("scope.map.duplicate", row.source()), "");
                continue;
            }
            row.setProblems("", mappingWarning(row.source(), row.destination()));
        }
    }

    /** What a usable entry probably did not mean: a scheme Glue or DLF does not use, a trailing slash on one side. */
    private String mappingWarning(String source, String destination) {
        String s = source.toLowerCase(Locale.ROOT);
        String d = destination.toLowerCase(Locale.ROOT);
        if (!s.startsWith("s3://") && !s.startsWith("s3a://") && !s.startsWith("s3n://")) {
            return messages.get("scope.map.warn.source");
        }
        if (!d.startsWith("oss://")) {
            return messages.get("scope.map.warn.destination");
        }
        if (source.endsWith("/") != destination.endsWith("/")) {
            return messages.get("scope.map.warn.slash");
        }
        return "";
    }

    private String problem(Section section, String where, String what) {
        return messages.get("scope.problem", messages.get("scope.section." + section.name()), where, shorten(what));
    }

    /** The footer has one line beside Back and Next; the whole text stays under the field. */
    static String shorten(String text) {
        String line = text.replace('\n', ' ');
        return line.length() <= MAX_PROBLEM ? line : line.substring(0, MAX_PROBLEM - 1) + "…";
    }

    /** The bundle key of a setting's label. */
    public static String fieldLabelKey(String settingKey) {
        return "scope.field." + settingKey;
    }

    private static List<NamePattern> patterns(String list) {
        return Scope.splitList(list).stream().map(NamePattern::of).collect(Collectors.toList());
    }

    private static ReadOnlyStringWrapper wrapper(Map<String, ReadOnlyStringWrapper> map, String key) {
        ReadOnlyStringWrapper w = map.get(key);
        if (w == null) {
            throw new IllegalArgumentException("not a setting of the Scope page: " + key);
        }
        return w;
    }
}
