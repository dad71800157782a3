package dev.lakeport.app.pages.scope;

import static java.util.Objects.requireNonNull;

import dev.lakeport.app.dialog.ErrorMessages;
import dev.lakeport.app.i18n.Messages;
import dev.lakeport.app.session.ProjectSession;
import dev.lakeport.app.task.TaskRunner;
import dev.lakeport.config.ConfigKeys;
import dev.lakeport.filter.FilterBindException;
import dev.lakeport.filter.FilterSyntaxException;
import dev.lakeport.filter.PartitionFilter;
import dev.lakeport.model.Table;
import dev.lakeport.snapshot.Side;
import dev.lakeport.snapshot.SnapshotStore;
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
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The Scope page's partition filters: one row per table ({@code aws.partition.filter.<db>.<table>}), written to the
 * settings as they are typed, read back when something else changed them, checked row by row, and a background
 * count of the loaded partitions a filter selects.
 */
public final class PartitionFiltersViewModel {
    private final ProjectSession session;
    private final TaskRunner tasks;
    private final Messages messages;
    private final ErrorMessages errorMessages;
    private final Runnable validate;

    private final ObservableList<PartitionFilterRow> filters = FXCollections.observableArrayList();
    private Map<String, String> lastFilterSettings = Map.of();
    private boolean writingFilters;
    private boolean settling;

    /** What a count found: matches of total, or why it could not count. */
    private record Count(long matching, long total, boolean loaded, String bindError) {}

    PartitionFiltersViewModel(ProjectSession session, TaskRunner tasks, Messages messages, Runnable validate) {
        this.session = requireNonNull(session, "session is null");
        this.tasks = requireNonNull(tasks, "tasks is null");
        this.messages = requireNonNull(messages, "messages is null");
        this.errorMessages = new ErrorMessages(messages);
        this.validate = requireNonNull(validate, "validate is null");
        filters.addListener((ListChangeListener<PartitionFilterRow>) change -> onFiltersEdited());
    }

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
                    validate.run();
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
        validate.run();
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

    private StringProperty setting(String key) {
        return session.setting(key);
    }

    /** Whether the filters are being written to the settings right now (the settings' change is this page's own). */
    boolean writing() {
        return writingFilters;
    }

    /** Reads the rows again when something else changed the filter settings (an import), and counts their matches. */
    void readIfChanged() {
        if (!filterSettingsOfSession().equals(lastFilterSettings)) {
            readFilters();
            filters.forEach(this::countMatches);
        }
    }

    /** The filter settings of the project, for the configuration's check. */
    Map<String, String> filterSettingsOfSession() {
        Map<String, String> out = new TreeMap<>();
        session.settings().forEach((k, v) -> {
            if (k.startsWith(ConfigKeys.AWS_PARTITION_FILTER_PREFIX)) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** Checks every row and sets its error or warning; {@code cautions} are the configuration's warnings by key. */
    void validateFilters(Map<String, String> cautions) {
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
}
