package dev.lakeport.pipeline;

import static dev.lakeport.diff.TestingCatalog.database;
import static dev.lakeport.diff.TestingCatalog.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.apply.Outcome;
import dev.lakeport.apply.ResultLog;
import dev.lakeport.apply.ResultStore;
import dev.lakeport.diff.DiffOptions;
import dev.lakeport.diff.DiffResult;
import dev.lakeport.diff.DiffStore;
import dev.lakeport.diff.TestingDatabase;
import dev.lakeport.diff.TestingSnapshotView;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failed calls whose objects verify finds at the destination are reported as resolved, the others as remaining. */
class FailureCheckTest {
    @TempDir
    Path dir;

    @Test
    void failuresThatVerifyFindsAsIntendedAreResolvedTheOthersRemain() {
        DataSource db = TestingDatabase.migrated();
        ResultStore results = new ResultStore(db);
        DiffStore diffs = new DiffStore(db);
        try (ResultLog log = ResultLog.open(dir.toString(), "r1", false, Optional.of(results))) {
            for (String t : new String[] {"a", "b", "c"}) {
                // the calls failed (throttled), but a and b were applied all the same (the responses were lost)
                log.record(
                        ObjectKey.table("sales", t),
                        DiffResult.CREATE,
                        Outcome.FAILED,
                        "THROTTLED (Throttling.User): rate exceeded",
                        Instant.now(),
                        1);
            }
            log.record(ObjectKey.table("sales", "d"), DiffResult.CREATE, Outcome.SUCCEEDED, "", Instant.now(), 1);
        }
        TestingSnapshotView afterRun = new TestingSnapshotView()
                .source(
                        database("sales"),
                        table("sales", "a", "oss://b/a"),
                        table("sales", "b", "oss://b/b"),
                        table("sales", "c", "oss://b/c"),
                        table("sales", "d", "oss://b/d"))
                .destination(
                        database("sales"),
                        table("sales", "a", "oss://b/a"),
                        table("sales", "b", "oss://b/b"),
                        table("sales", "d", "oss://b/d"));
        long verify = diffs.diff(
                        afterRun, DiffOptions.defaults(), "verify", ProgressListener.NONE, CancellationToken.NONE)
                .runId();

        FailureCheck check = FailureCheck.of(results, "r1", diffs, verify);

        assertThat(check.failed()).isEqualTo(3);
        assertThat(check.resolved()).isEqualTo(2);
        assertThat(check.remaining()).isEqualTo(1);
        assertThat(check.describe("verify"))
                .isEqualTo(
                        "run r1 had 3 failed items; verify found 2 of them as intended at the destination; 1 remain");
    }
}
