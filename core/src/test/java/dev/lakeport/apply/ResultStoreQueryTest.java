package dev.lakeport.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.diff.DiffResult;
import dev.lakeport.diff.TestingDatabase;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.ObjectKind;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultStoreQueryTest {
    private static final Instant T = Instant.parse("2024-05-01T10:15:30Z");

    @TempDir
    Path dir;

    private ResultStore store;

    private static final ObjectKey ODD = ObjectKey.partition("db", "t_1", List.of("50%", "a_b"));

    @BeforeEach
    void writeARun() {
        store = new ResultStore(TestingDatabase.migrated());
        try (ResultLog log = ResultLog.open(dir.toString(), "r1", false, Optional.of(store))) {
            log.record(ObjectKey.database("db"), DiffResult.CREATE, Outcome.SUCCEEDED, "", T, 1);
            for (int i = 0; i < 30; i++) {
                log.record(ObjectKey.table("db", "t" + i), DiffResult.CREATE, Outcome.SUCCEEDED, "", T, 1);
            }
            log.record(ObjectKey.table("db", "bad-name"), DiffResult.CREATE, Outcome.FAILED, "INVALID_INPUT", T, 2);
            log.record(ODD, DiffResult.UPDATE, Outcome.NOT_RUN, "cancelled before it ran", T, 0);
            log.record(ObjectKey.table("db", "old"), DiffResult.DELETE, Outcome.SKIPPED, "deletions are off", T, 0);
        }
        // Another run's records never show up in this one's queries.
        try (ResultLog log = ResultLog.open(dir.toString(), "r2", false, Optional.of(store))) {
            log.record(ObjectKey.table("db", "bad-name"), DiffResult.CREATE, Outcome.FAILED, "again", T, 2);
        }
    }

    @Test
    void countsAndPagesInTheOrderRecordsWereWritten() {
        assertThat(store.count("r1", ResultQuery.all())).isEqualTo(34);
        List<StoredResult> first = store.page("r1", ResultQuery.all(), 0, 10);
        assertThat(first).hasSize(10);
        assertThat(first.get(0).key()).isEqualTo(ObjectKey.database("db"));
        assertThat(first.get(1).record().itemName()).isEqualTo("db.t0");
        List<StoredResult> last = store.page("r1", ResultQuery.all(), 30, 10);
        assertThat(last)
                .extracting(s -> s.record().itemName())
                .containsExactly("db.t29", "db.bad-name", ODD.itemName(), "db.old");
    }

    @Test
    void filtersByOutcomeKindAndText() {
        ResultQuery failed = ResultQuery.all().withOutcomes(EnumSet.of(Outcome.FAILED, Outcome.NOT_RUN));
        assertThat(store.count("r1", failed)).isEqualTo(2);
        assertThat(store.page("r1", failed.withKind(Optional.of(ObjectKind.TABLE)), 0, 10))
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.record().itemName()).isEqualTo("db.bad-name");
                    assertThat(s.record().isSuccess()).isFalse();
                    assertThat(s.record().errorMsg()).isEqualTo("INVALID_INPUT");
                });
        assertThat(store.count("r1", ResultQuery.all().withOutcomes(Set.of(Outcome.SKIPPED))))
                .isEqualTo(1);
        assertThat(store.count("r1", ResultQuery.all().withText("T1"))).isEqualTo(11); // t1, t10..t19
        assertThat(store.count("r1", ResultQuery.all().withText("deletions ARE")))
                .isEqualTo(1); // in errorMsg
        assertThat(store.count("r1", ResultQuery.all().withText("   "))).isEqualTo(34);
    }

    @Test
    void likeWildcardsInTheTextAreMatchedLiterally() {
        assertThat(store.page("r1", ResultQuery.all().withText("50%"), 0, 10))
                .extracting(StoredResult::key)
                .containsExactly(ODD);
        // '_' would match any character if it were not escaped: "t_1" names only the odd partition's table.
        assertThat(store.count("r1", ResultQuery.all().withText("t_1"))).isEqualTo(1);
    }

    @Test
    void retryableKeysAreTheExactKeysOfFailedAndNotRunRecords() {
        assertThat(store.keys("r1", ResultQuery.retryable())).containsExactly(ObjectKey.table("db", "bad-name"), ODD);
        // the failed-items file holds only what failed; a resume also takes what a cancel left undone
        assertThat(FailedItems.read(dir.resolve(ResultLog.failedFileName("r1"))))
                .containsExactly(ObjectKey.table("db", "bad-name"));
    }
}
