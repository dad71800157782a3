package dev.lakeport.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import org.h2.api.ErrorCode;
import org.h2.mvstore.DataUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a full disk reaches Lakeport through H2, told apart from other failures without filling a disk (DiskFullIT in
 * the command line fills a real one where it may mount a tmpfs).
 */
class DiskFullExceptionTest {
    @TempDir
    Path dir;

    /** What H2 throws when a write fails for want of space: its own words around the operating system's. */
    static SQLException h2DiskFull() {
        IOException os = new IOException("No space left on device");
        RuntimeException mvStore =
                DataUtils.newMVStoreException(DataUtils.ERROR_WRITING_FAILED, "Writing to {0} failed", "p.mv.db", os);
        return new SQLException(
                "The database has been closed [90098-232]", "90098", ErrorCode.DATABASE_IS_CLOSED, mvStore);
    }

    @Test
    void aFullDiskWrappedByAStoreIsNamedWithTheProjectFileAndTheFreeSpace() {
        Path project = dir.resolve("sales.lakeport.mv.db");
        RuntimeException wrapped = new IllegalStateException(
                "cannot store result records: " + h2DiskFull().getMessage(), h2DiskFull());

        RuntimeException explained = DiskFullException.explain(wrapped, project);

        assertThat(explained).isInstanceOf(DiskFullException.class).hasCause(wrapped);
        assertThat(explained.getMessage())
                .startsWith("the disk holding " + project.toAbsolutePath() + " is full (")
                .contains(" MB free): free space and run the command again; the project is unchanged up to the last"
                        + " completed step");
        assertThat(((DiskFullException) explained).projectFile()).isEqualTo(project);
    }

    @Test
    void otherFailuresOnADiskWithRoomAreLeftAsTheyAre() {
        RuntimeException other = new IllegalStateException(
                "cannot read diff entries",
                new SQLException("Table not found", "42S02", ErrorCode.TABLE_OR_VIEW_NOT_FOUND_1));
        RuntimeException closed = new IllegalStateException(
                "cannot read diff entries", new SQLException("closed", "90098", ErrorCode.DATABASE_IS_CLOSED));

        assertThat(DiskFullException.explain(other, dir.resolve("p.mv.db"))).isSameAs(other);
        // a closed database alone is not a full disk while the disk has room
        assertThat(DiskFullException.explain(closed, dir.resolve("p.mv.db"))).isSameAs(closed);
        assertThat(DiskFullException.causedByFullDisk(new IOException("No space left on device")))
                .isTrue();
    }
}
