package dev.lakeport.pipeline;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakeport.config.MigrationConfig;
import dev.lakeport.snapshot.Side;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The scope a side of the snapshot was loaded with, kept beside the load (table {@code load_scope}). A diff applies
 * the current scope over what the snapshot holds, so a narrower scope needs no new load; a wider one does, and
 * {@link #widenedBy(LoadedScope)} says why.
 */
public record LoadedScope(
        List<String> databases,
        List<String> tablePrefixes,
        Map<String, String> partitionFilters,
        boolean comparePartition,
        List<String> excludedDatabases,
        List<String> includedTables,
        List<String> excludedTables) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public LoadedScope {
        databases = lower(databases);
        tablePrefixes = lower(tablePrefixes);
        partitionFilters = java.util.Collections.unmodifiableMap(new TreeMap<>(partitionFilters));
        excludedDatabases = lower(excludedDatabases);
        includedTables = lower(includedTables);
        excludedTables = lower(excludedTables);
    }

    /** The scope part of a configuration. */
    public static LoadedScope of(MigrationConfig.Selection s) {
        requireNonNull(s, "selection is null");
        Map<String, String> filters = new TreeMap<>();
        s.partitionFilters().forEach((t, f) -> filters.put(t.database() + "." + t.table(), f.toGlueExpression()));
        return new LoadedScope(
                s.databases(),
                s.tablePrefixes(),
                filters,
                s.comparePartition(),
                s.excludedDatabases(),
                s.includedTables(),
                s.excludedTables());
    }

    /**
     * What {@code now} covers that this scope did not, as reasons a user reads ("database sales added"); empty when
     * {@code now} is the same or narrower.
     */
    public List<String> widenedBy(LoadedScope now) {
        List<String> reasons = new ArrayList<>();
        if (!databases.isEmpty()) {
            if (now.databases.isEmpty()) {
                reasons.add("database filter removed (loaded: " + String.join(", ", databases) + ")");
            } else {
                now.databases.stream()
                        .filter(d -> !databases.contains(d))
                        .forEach(d -> reasons.add("database " + d + " added"));
            }
        }
        if (!tablePrefixes.isEmpty()) {
            if (now.tablePrefixes.isEmpty()) {
                reasons.add("table prefix filter removed (loaded: " + String.join(", ", tablePrefixes) + ")");
            } else {
                now.tablePrefixes.stream()
                        .filter(p -> tablePrefixes.stream().noneMatch(p::startsWith))
                        .forEach(p -> reasons.add("table prefix " + p + " added"));
            }
        }
        partitionFilters.forEach((table, filter) -> {
            String current = now.partitionFilters.get(table);
            if (current == null) {
                reasons.add("partition filter on " + table + " removed (loaded: " + filter + ")");
            } else if (!current.equals(filter)) {
                reasons.add("partition filter on " + table + " changed from " + filter + " to " + current);
            }
        });
        if (!comparePartition && now.comparePartition) {
            reasons.add("partitions included (loaded without them)");
        }
        excludedDatabases.stream()
                .filter(d -> !now.excludedDatabases.contains(d))
                .forEach(d -> reasons.add("excluded database " + d + " no longer excluded"));
        if (!includedTables.isEmpty()) {
            if (now.includedTables.isEmpty()) {
                reasons.add("table list removed (loaded: " + String.join(", ", includedTables) + ")");
            } else {
                now.includedTables.stream()
                        .filter(t -> !includedTables.contains(t))
                        .forEach(t -> reasons.add("table " + t + " added"));
            }
        }
        excludedTables.stream()
                .filter(t -> !now.excludedTables.contains(t))
                .forEach(t -> reasons.add("excluded table " + t + " no longer excluded"));
        return List.copyOf(reasons);
    }

    /** Remembers that {@code side} was (is being) loaded with this scope. */
    public void save(DataSource dataSource, Side side) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("MERGE INTO load_scope (side, scope_json) KEY (side) VALUES (?, ?)")) {
            ps.setInt(1, side.ordinal());
            ps.setString(2, JSON.writeValueAsString(this));
            ps.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot store the scope of the " + side + " load: " + e.getMessage(), e);
        }
    }

    /** The scope {@code side} was last loaded with; empty if it was never loaded (or by a version that did not say). */
    public static Optional<LoadedScope> load(DataSource dataSource, Side side) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT scope_json FROM load_scope WHERE side = ?")) {
            ps.setInt(1, side.ordinal());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(JSON.readValue(rs.getString(1), LoadedScope.class));
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot read the scope of the " + side + " load: " + e.getMessage(), e);
        }
    }

    private static List<String> lower(List<String> values) {
        return values == null
                ? List.of()
                : values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
    }
}
