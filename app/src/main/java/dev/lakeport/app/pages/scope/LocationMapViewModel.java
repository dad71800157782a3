package dev.lakeport.app.pages.scope;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.lakeport.app.dialog.ErrorMessages;
import dev.lakeport.app.i18n.Messages;
import dev.lakeport.app.session.ProjectSession;
import dev.lakeport.app.task.TaskInfo;
import dev.lakeport.app.task.TaskRunner;
import dev.lakeport.config.ConfigException;
import dev.lakeport.config.ConfigKeys;
import dev.lakeport.config.MigrationConfig;
import dev.lakeport.config.MigrationConfigLoader;
import dev.lakeport.mapping.InvalidMappingException;
import dev.lakeport.mapping.LocationMapper;
import dev.lakeport.mapping.MappingWarning;
import dev.lakeport.mapping.UncoveredLocations;
import dev.lakeport.pipeline.MappingCheck;
import dev.lakeport.pipeline.Migration;
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
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The Scope page's {@code location.convertMap}: its entries as rows (duplicates kept so that they can be seen and
 * fixed), written to the settings as the seed's JSON as they are edited, checked row by row, and a background check of
 * the loaded source's locations that no entry covers.
 */
public final class LocationMapViewModel {
    private final ProjectSession session;
    private final TaskRunner tasks;
    private final Messages messages;
    private final ErrorMessages errorMessages;
    private final Runnable onEdited;

    private final ObservableList<LocationMappingRow> mappings = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper mappingProblem = new ReadOnlyStringWrapper("");
    private String lastMapSetting = "";
    private boolean writingMap;
    private boolean settling;
    private final ObservableList<UncoveredLocations.Group> uncovered = FXCollections.observableArrayList();
    private final ObservableList<String> mappingWarnings = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper uncoveredStatus = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper checkingMapping = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper mappingCheckStale = new ReadOnlyBooleanWrapper();
    private String checkedMap;
    private TaskInfo mappingTask;
    private long mappingGeneration;

    /** {@code onEdited} runs after the rows were edited and written to the settings. */
    LocationMapViewModel(ProjectSession session, TaskRunner tasks, Messages messages, Runnable onEdited) {
        this.session = requireNonNull(session, "session is null");
        this.tasks = requireNonNull(tasks, "tasks is null");
        this.messages = requireNonNull(messages, "messages is null");
        this.errorMessages = new ErrorMessages(messages);
        this.onEdited = requireNonNull(onEdited, "onEdited is null");
        mappings.addListener((ListChangeListener<LocationMappingRow>) change -> onMappingsEdited());
    }

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
            Map<String, String> settings = connectionSettings(session.settings());
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
        onEdited.run();
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

    /** Writes the rows to {@code location.convertMap}. */
    void writeMap() {
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
        try {
            for (LocationMapper.Entry entry : LocationMapper.read(text)) {
                rows.add(newMappingRow(entry.source(), entry.destination()));
            }
        } catch (InvalidMappingException e) {
            rows.clear();
            problem = e.problem();
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
    LocationMapper usableMapper() {
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

    /** Whether the map is being written to the settings right now (the settings' change is this page's own). */
    boolean writing() {
        return writingMap;
    }

    /** Whether the current map was never checked against the loaded source, and no check is running. */
    boolean neverChecked() {
        return checkedMap == null && !checkingMapping.get();
    }

    /** Another project: its locations have not been checked yet. */
    void reset() {
        checkedMap = null;
        mappingCheckStale.set(false);
        uncovered.clear();
        mappingWarnings.clear();
        uncoveredStatus.set(messages.get("scope.uncovered.notChecked"));
    }

    /** Reads the rows again when something else changed the map (an import); returns whether it did. */
    boolean readIfChanged() {
        if (!setting(ConfigKeys.LOCATION_CONVERT_MAP).get().equals(lastMapSetting)) {
            readMap();
            return true;
        }
        return false;
    }

    private StringProperty setting(String key) {
        return session.setting(key);
    }

    /** Checks every row and sets its error or warning. */
    void validateMappings() {
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

    /**
     * The two sides as the Connections page holds them (their kinds and their connectors' settings), which the
     * loader needs and this page does not judge: its problems are read by this page's own keys only.
     */
    static Map<String, String> connectionSettings(Map<String, String> all) {
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
}
