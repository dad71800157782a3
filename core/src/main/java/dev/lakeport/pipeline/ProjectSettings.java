package dev.lakeport.pipeline;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The configuration stored in a project file. Credentials are never stored: every key that holds or names a secret
 * is dropped on the way in, so a project file can be shared or attached to a ticket.
 */
public final class ProjectSettings {
    /** Keys that hold credentials; matched case-insensitively. */
    static final Set<String> CREDENTIAL_KEYS = Set.of(
            "aws.accesskeyid",
            "aws.secretaccesskey",
            "aliyun.accesskeyid",
            "aliyun.secretaccesskey",
            "lakeport.aws.sessiontoken",
            "lakeport.aliyun.securitytoken");

    private final DataSource dataSource;

    public ProjectSettings(DataSource dataSource) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
    }

    /** Whether a key holds a credential (access key ids included: they identify an account). */
    public static boolean isCredential(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return CREDENTIAL_KEYS.contains(k) || k.contains("secret") || k.contains("password") || k.contains("token");
    }

    /** Replaces the stored settings with {@code properties}, minus credentials. */
    public void save(Properties properties) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement delete = c.createStatement();
                    PreparedStatement insert = c.prepareStatement(
                            "INSERT INTO project_setting(setting_key, setting_value) VALUES (?, ?)")) {
                delete.executeUpdate("DELETE FROM project_setting");
                for (String key : new TreeMap<>(asMap(properties)).keySet()) {
                    if (isCredential(key)) {
                        continue;
                    }
                    insert.setString(1, key);
                    insert.setString(2, properties.getProperty(key));
                    insert.addBatch();
                }
                insert.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot save the project's settings: " + e.getMessage(), e);
        }
    }

    /** The stored settings; empty if none were saved. */
    public Properties load() {
        Properties properties = new Properties();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT setting_key, setting_value FROM project_setting")) {
            while (rs.next()) {
                properties.setProperty(rs.getString(1), rs.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the project's settings: " + e.getMessage(), e);
        }
        return properties;
    }

    private static Map<String, String> asMap(Properties properties) {
        Map<String, String> map = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            map.put(key, properties.getProperty(key));
        }
        return map;
    }
}
