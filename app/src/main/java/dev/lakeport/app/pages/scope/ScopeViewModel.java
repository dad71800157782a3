package dev.lakeport.app.pages.scope;

import static java.util.Objects.requireNonNull;

import dev.lakeport.app.dialog.DialogService;
import dev.lakeport.app.i18n.Messages;
import dev.lakeport.app.session.ProjectSession;
import dev.lakeport.app.task.TaskRunner;
import dev.lakeport.app.wizard.AbstractPageViewModel;
import dev.lakeport.app.wizard.Step;
import dev.lakeport.config.ConfigException;
import dev.lakeport.config.ConfigKeys;
import dev.lakeport.config.ConfigProblem;
import dev.lakeport.config.MigrationConfigLoader;
import dev.lakeport.config.Mode;
import dev.lakeport.mapping.UncoveredLocations;
import dev.lakeport.pipeline.Migration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.StringProperty;
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
 *
 * <p>This class coordinates the page: the settings it binds, what changes from elsewhere (another project, a new
 * snapshot, an import), and the page's validation. Each section is a view model of its own
 * ({@link ScopeDatabasesViewModel}, {@link PartitionFiltersViewModel}, {@link LocationMapViewModel},
 * {@link LocationPreviewViewModel}); the methods of theirs that the view and tests use are repeated here.
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
    /** Characters of a field's problem repeated beside Next. */
    static final int MAX_PROBLEM = 90;

    private final ProjectSession session;
    private final Messages messages;

    private final Map<String, ReadOnlyStringWrapper> errors = new LinkedHashMap<>();
    private final Map<String, ReadOnlyStringWrapper> warnings = new LinkedHashMap<>();
    private final Map<Section, ReadOnlyBooleanWrapper> sectionValid = new LinkedHashMap<>();

    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>();
    private final BooleanProperty comparePartition = new SimpleBooleanProperty(true);
    private final BooleanProperty functions = new SimpleBooleanProperty(true);
    private boolean settling;

    private final ScopeDatabasesViewModel databases;
    private final PartitionFiltersViewModel filters;
    private final LocationMapViewModel map;
    private final LocationPreviewViewModel preview;

    /** A location before and after {@code location.convertMap}; {@code mapped} is empty when no entry covers it. */
    public record LocationPreview(String object, String location, Optional<String> mapped) {
        public LocationPreview {
            requireNonNull(object, "object is null");
            requireNonNull(location, "location is null");
            requireNonNull(mapped, "mapped is null");
        }
    }

    public ScopeViewModel(ProjectSession session, TaskRunner tasks, DialogService dialogs, Messages messages) {
        super(Step.SCOPE);
        this.session = requireNonNull(session, "session is null");
        requireNonNull(tasks, "tasks is null");
        requireNonNull(dialogs, "dialogs is null");
        this.messages = requireNonNull(messages, "messages is null");
        for (String key : SETTING_KEYS) {
            errors.put(key, new ReadOnlyStringWrapper(""));
            warnings.put(key, new ReadOnlyStringWrapper(""));
        }
        errors.put(ConfigKeys.LOCATION_CONVERT_MAP, new ReadOnlyStringWrapper(""));
        warnings.put(ConfigKeys.LOCATION_CONVERT_MAP, new ReadOnlyStringWrapper(""));
        for (Section section : Section.values()) {
            sectionValid.put(section, new ReadOnlyBooleanWrapper(true));
        }
        this.filters = new PartitionFiltersViewModel(session, tasks, messages, this::validate);
        this.map = new LocationMapViewModel(session, tasks, messages, this::onMapEdited);
        this.preview = new LocationPreviewViewModel(session, tasks, messages, map::usableMapper);
        this.databases =
                new ScopeDatabasesViewModel(session, tasks, dialogs, messages, this::validate, preview::showDatabases);

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
            map.writeMap();
        }
        refreshDatabases();
        if (session.openProperty().get() && map.neverChecked()) {
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
        return databases.databases();
    }

    /** False until the source catalog is loaded: then names are typed instead of checked. */
    public ReadOnlyBooleanProperty databasesLoadedProperty() {
        return databases.databasesLoadedProperty();
    }

    /** e.g. "3 of 5 databases: 20 tables, 1,200 partitions". */
    public ReadOnlyStringProperty databasesSummaryProperty() {
        return databases.databasesSummaryProperty();
    }

    /** Why the checks cannot be used (none checked); empty otherwise. */
    public ReadOnlyStringProperty databasesProblemProperty() {
        return databases.databasesProblemProperty();
    }

    /** Checks or unchecks every database. */
    public void checkAllDatabases(boolean checked) {
        databases.checkAllDatabases(checked);
    }

    /** Reads the source's databases from the snapshot in the background. */
    public void refreshDatabases() {
        databases.refreshDatabases();
    }

    // ---- partition filters -------------------------------------------------------------------------------

    public ObservableList<PartitionFilterRow> filters() {
        return filters.filters();
    }

    /** Adds an empty filter row (for {@code table} when given) and returns it for the editor to select. */
    public PartitionFilterRow addFilter(String table) {
        return filters.addFilter(table);
    }

    public void removeFilter(PartitionFilterRow row) {
        filters.removeFilter(row);
    }

    /**
     * Counts the loaded partitions of the row's table that the filter selects, in the background; the answer for an
     * older text is dropped. The view calls this a moment after typing stops.
     */
    public void countMatches(PartitionFilterRow row) {
        filters.countMatches(row);
    }

    // ---- location map ------------------------------------------------------------------------------------

    public ObservableList<LocationMappingRow> mappings() {
        return map.mappings();
    }

    /** A problem with {@code location.convertMap} as a whole (it cannot be read into rows). */
    public ReadOnlyStringProperty mappingProblemProperty() {
        return map.mappingProblemProperty();
    }

    public LocationMappingRow addMapping(String source, String destination) {
        return map.addMapping(source, destination);
    }

    public void removeMapping(LocationMappingRow row) {
        map.removeMapping(row);
    }

    /**
     * Adds a row for a prefix no entry covers, with the same path on OSS as a first guess ({@code s3://b/x/} becomes
     * {@code oss://b/x/}), for the user to correct.
     */
    public LocationMappingRow mapUncovered(UncoveredLocations.Group group) {
        return map.mapUncovered(group);
    }

    /** Groups of source locations no entry covers, most locations first. */
    public ObservableList<UncoveredLocations.Group> uncovered() {
        return map.uncovered();
    }

    /** The mapping's other warnings over the loaded source, one line per kind with its count. */
    public ObservableList<String> mappingWarnings() {
        return map.mappingWarnings();
    }

    public ReadOnlyStringProperty uncoveredStatusProperty() {
        return map.uncoveredStatusProperty();
    }

    public ReadOnlyBooleanProperty checkingMappingProperty() {
        return map.checkingMappingProperty();
    }

    /** True when the map changed since the list of uncovered locations was made. */
    public ReadOnlyBooleanProperty mappingCheckStaleProperty() {
        return map.mappingCheckStaleProperty();
    }

    /**
     * Lists the source locations no entry covers, reading the loaded source in the background (core
     * {@link Migration#checkMapping}). A running check is cancelled first.
     */
    public void checkMapping() {
        map.checkMapping();
    }

    // ---- preview -----------------------------------------------------------------------------------------

    public ObservableList<String> previewDatabases() {
        return preview.previewDatabases();
    }

    public ObservableList<String> previewTables() {
        return preview.previewTables();
    }

    public StringProperty previewDatabaseProperty() {
        return preview.previewDatabaseProperty();
    }

    /** The table to preview; blank previews the database alone. */
    public StringProperty previewTableProperty() {
        return preview.previewTableProperty();
    }

    /** Narrows the table chooser to names containing this text (large databases list the first 200). */
    public StringProperty previewTableFilterProperty() {
        return preview.previewTableFilterProperty();
    }

    /** The chosen object's locations before and after mapping. */
    public ObservableList<ScopeViewModel.LocationPreview> preview() {
        return preview.preview();
    }

    public ReadOnlyStringProperty previewStatusProperty() {
        return preview.previewStatusProperty();
    }

    // ---- changes from elsewhere --------------------------------------------------------------------------

    private void onProjectChanged() {
        map.reset();
        preview.reset();
        readSettings();
        refreshDatabases();
    }

    private void onSnapshotChanged() {
        refreshDatabases();
        if (session.openProperty().get()) {
            checkMapping();
        }
        filters.filters().forEach(filters::countMatches);
        preview.loadPreviewTables();
    }

    private void onMapEdited() {
        validate();
        preview.showPreview();
    }

    private void onSettingsChanged() {
        if (settling || filters.writing() || map.writing()) {
            return;
        }
        readSettings();
    }

    /** Brings the rows and choices in line with the settings when something else changed them (an import). */
    private void readSettings() {
        filters.readIfChanged();
        if (map.readIfChanged()) {
            preview.showPreview();
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
        if (!databases.applyingChecks()) {
            databases.syncChecksFromSetting();
        }
        validate();
    }

    /** The source catalog's short name ("Glue"), for texts that name it. */
    public ReadOnlyStringProperty sourceNameProperty() {
        return sourceName.getReadOnlyProperty();
    }

    // ---- validation --------------------------------------------------------------------------------------

    private void validate() {
        Map<String, String> settings = LocationMapViewModel.connectionSettings(session.settings());
        Map<String, String> all = session.settings();
        sourceName.set(dev.lakeport.app.session.SideConnector.of(dev.lakeport.snapshot.Side.SOURCE, all)
                .shortName());
        for (String key : SETTING_KEYS) {
            if (all.containsKey(key)) {
                settings.put(key, all.get(key));
            }
        }
        String convertMap = all.getOrDefault(ConfigKeys.LOCATION_CONVERT_MAP, "");
        settings.put(ConfigKeys.LOCATION_CONVERT_MAP, convertMap.isBlank() ? "{}" : convertMap);
        settings.putAll(filters.filterSettingsOfSession());
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
        String databasesProblem = databases.databasesProblemProperty().get();
        if (!databasesProblem.isEmpty()) {
            problems.add(problem(
                    Section.DATABASES, messages.get(fieldLabelKey(ConfigKeys.AWS_DATABASES)), databasesProblem));
        }
        sectionValid.get(Section.DATABASES).set(problems.isEmpty());

        // Partition filters.
        int before = problems.size();
        filters.validateFilters(cautions);
        List<PartitionFilterRow> filterRows = filters.filters();
        for (int i = 0; i < filterRows.size(); i++) {
            PartitionFilterRow row = filterRows.get(i);
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
        map.validateMappings();
        String mappingProblem = map.mappingProblemProperty().get();
        if (!mappingProblem.isEmpty()) {
            problems.add(problem(
                    Section.LOCATIONS, messages.get(fieldLabelKey(ConfigKeys.LOCATION_CONVERT_MAP)), mappingProblem));
        }
        List<LocationMappingRow> mappings = map.mappings();
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

    private static ReadOnlyStringWrapper wrapper(Map<String, ReadOnlyStringWrapper> map, String key) {
        ReadOnlyStringWrapper w = map.get(key);
        if (w == null) {
            throw new IllegalArgumentException("not a setting of the Scope page: " + key);
        }
        return w;
    }
}
