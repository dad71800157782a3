package dev.lakeport.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.h2.api.ErrorCode;

/**
 * The checks made before a snapshot file is opened for writing (an H2 file, a Lakeport schema, not from a newer
 * version), the schema migrations, and the translation of H2's failures into messages that name the file and what to
 * do. Nothing here writes to a file it refuses.
 */
final class SnapshotFile {
    private SnapshotFile() {}

    static Flyway flyway(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load();
    }

    /** The read-only checks of an existing file: a Lakeport snapshot, of a schema this version knows. */
    static void checkExisting(String description, DataSource dataSource) throws SQLException {
        try {
            Flyway flyway = flyway(dataSource);
            checkSchemaNotNewer(description, flyway);
            if (flyway.info().applied().length == 0 && hasTables(dataSource)) {
                throw new SnapshotException(description
                        + ": an H2 database of another application, not a Lakeport snapshot; choose a project file");
            }
        } catch (FlywayException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new SnapshotException(description + ": cannot read the snapshot schema: " + e.getMessage(), e);
        }
    }

    static boolean hasTables(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'")) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }

    static void checkSchemaNotNewer(String description, Flyway flyway) {
        for (MigrationInfo info : flyway.info().all()) {
            if (info.getState() == MigrationState.FUTURE_SUCCESS || info.getState() == MigrationState.FUTURE_FAILED) {
                throw new SnapshotException(description + ": the snapshot was written by a newer Lakeport (schema "
                        + info.getVersion() + "); open it with that version or start a new project");
            }
        }
    }

    /** Checks that the file is an H2 MVStore file; returns whether it was closed cleanly. */
    static boolean checkHeader(Path path) {
        byte[] head = new byte[256];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new SnapshotException(path + ": cannot read the snapshot file: " + e.getMessage(), e);
        }
        if (n == 0) {
            return false;
        }
        // An MVStore file starts with a text header "H:2,...,clean:1,..."; anything else is not ours to open.
        String header = new String(head, 0, n, StandardCharsets.ISO_8859_1);
        if (!header.startsWith("H:2,")) {
            throw new SnapshotException(path + ": not an H2 database (no H2 file header); choose a project file");
        }
        int end = header.indexOf('\n');
        return List.of(header.substring(0, end < 0 ? header.length() : end).split(","))
                .contains("clean:1");
    }

    static SnapshotException translate(String description, boolean file, SQLException e) {
        if (file && DiskFullException.causedByFullDisk(e, Path.of(description))) {
            return new DiskFullException(Path.of(description), e);
        }
        int code = e.getErrorCode();
        String problem;
        if (code == ErrorCode.DATABASE_ALREADY_OPEN_1) {
            problem = "the file is in use by another process (close the other Lakeport window or job)";
        } else if (code == ErrorCode.FILE_CORRUPTED_1 || code == ErrorCode.FILE_VERSION_ERROR_1) {
            problem = "not an H2 database, or corrupted";
        } else if (code == ErrorCode.FILE_NOT_FOUND_1 || code == ErrorCode.IO_EXCEPTION_1) {
            problem = "cannot read or write the file";
        } else {
            problem = "H2 error " + code;
        }
        return new SnapshotException(description + ": " + problem + ": " + e.getMessage(), e);
    }
}
