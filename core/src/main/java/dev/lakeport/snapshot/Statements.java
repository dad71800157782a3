package dev.lakeport.snapshot;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** JDBC plumbing the project file's stores share. */
public final class Statements {
    private Statements() {}

    /**
     * Prepares {@code sql} and binds {@code params} to its {@code ?} places in order. The statement is closed again if
     * binding fails, so callers only close what they got back.
     */
    public static PreparedStatement prepare(Connection c, String sql, List<?> params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        try {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            return ps;
        } catch (SQLException e) {
            ps.close();
            throw e;
        }
    }
}
