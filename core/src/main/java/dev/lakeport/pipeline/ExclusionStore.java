package dev.lakeport.pipeline;

import static java.util.Objects.requireNonNull;

import dev.lakeport.diff.KeyColumns;
import dev.lakeport.mapping.ExclusionRule;
import dev.lakeport.mapping.ExclusionRules;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The exclusion rules stored in a project file (table {@code exclusion_rule}). */
public final class ExclusionStore {
    private final DataSource dataSource;

    public ExclusionStore(DataSource dataSource) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
    }

    /** Stores a rule; false if the project already had it. */
    public boolean add(ExclusionRule rule) {
        requireNonNull(rule, "rule is null");
        String sql = "INSERT INTO exclusion_rule (sort_key, item_type, database_name, object_name, partition_values,"
                + " created_at) SELECT ?, ?, ?, ?, ?, ? FROM DUAL"
                + " WHERE NOT EXISTS (SELECT 1 FROM exclusion_rule WHERE sort_key = ?)";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, rule.target().sortKey());
            int next = KeyColumns.bind(ps, 2, rule.target());
            ps.setTimestamp(next, Timestamp.from(Instant.now()));
            ps.setString(next + 1, rule.target().sortKey());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot store the exclusion rule " + rule.describe() + ": " + e.getMessage(), e);
        }
    }

    /** Removes a rule; false if the project had no such rule. */
    public boolean remove(ExclusionRule rule) {
        requireNonNull(rule, "rule is null");
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM exclusion_rule WHERE sort_key = ?")) {
            ps.setString(1, rule.target().sortKey());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot remove the exclusion rule " + rule.describe() + ": " + e.getMessage(), e);
        }
    }

    /** Every stored rule, in key order. */
    public ExclusionRules rules() {
        List<ExclusionRule> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT item_type, database_name, object_name, partition_values FROM exclusion_rule"
                                + " ORDER BY sort_key");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new ExclusionRule(KeyColumns.read(rs)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the project's exclusion rules: " + e.getMessage(), e);
        }
        return ExclusionRules.of(out);
    }
}
