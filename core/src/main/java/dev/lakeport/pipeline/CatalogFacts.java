package dev.lakeport.pipeline;

import static java.util.Objects.requireNonNull;

import dev.lakeport.snapshot.Side;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * What each side's catalog said about itself at its last load ({@link dev.lakeport.connector.CatalogConnection#facts()}),
 * kept in the project so that every later step — in this process or another — maps as the destination will hold
 * objects.
 */
public final class CatalogFacts {
    private CatalogFacts() {}

    /** Replaces what is stored for {@code side} with {@code facts}. */
    public static void save(DataSource dataSource, Side side, Map<String, String> facts) {
        requireNonNull(facts, "facts is null");
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM catalog_fact WHERE side = ?");
                    PreparedStatement insert = c.prepareStatement(
                            "INSERT INTO catalog_fact (side, fact_key, fact_value) VALUES (?, ?, ?)")) {
                delete.setInt(1, side.ordinal());
                delete.executeUpdate();
                for (Map.Entry<String, String> e : new TreeMap<>(facts).entrySet()) {
                    insert.setInt(1, side.ordinal());
                    insert.setString(2, e.getKey());
                    insert.setString(3, e.getValue());
                    insert.addBatch();
                }
                insert.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store what the " + side + " catalog said: " + e.getMessage(), e);
        }
    }

    /** What {@code side}'s catalog said at its last load; empty if it was never loaded or said nothing. */
    public static Map<String, String> load(DataSource dataSource, Side side) {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT fact_key, fact_value FROM catalog_fact WHERE side = ?")) {
            ps.setInt(1, side.ordinal());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read what the " + side + " catalog said: " + e.getMessage(), e);
        }
        return out;
    }
}
