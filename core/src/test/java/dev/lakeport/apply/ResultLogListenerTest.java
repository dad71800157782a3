package dev.lakeport.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.diff.DiffResult;
import dev.lakeport.model.ObjectKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultLogListenerTest {
    private static final Instant T = Instant.parse("2024-05-01T10:15:30Z");

    @TempDir
    Path dir;

    @Test
    void theListenerHearsEveryRecordOnceItIsInTheFiles() throws Exception {
        List<StoredResult> heard = new CopyOnWriteArrayList<>();
        List<Long> failedLinesWhenHeard = new CopyOnWriteArrayList<>();
        Path failedFile = dir.resolve(ResultLog.failedFileName("r1"));
        ObjectKey table = ObjectKey.table("sales", "orders");
        ObjectKey partition = ObjectKey.partition("sales", "orders", List.of("2024"));
        try (ResultLog log = ResultLog.open(dir.toString(), "r1", false, Optional.empty(), r -> {
            heard.add(r);
            try {
                failedLinesWhenHeard.add((long) Files.readAllLines(failedFile).size());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        })) {
            log.record(table, DiffResult.CREATE, Outcome.SUCCEEDED, "", T, 3);
            log.record(partition, DiffResult.CREATE, Outcome.FAILED, "INVALID_INPUT: bad name", T, 4);
        }
        assertThat(heard).extracting(StoredResult::key).containsExactly(table, partition);
        assertThat(heard.get(1).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(heard.get(1).record().errorMsg()).isEqualTo("INVALID_INPUT: bad name");
        assertThat(heard.get(1).record().itemName()).isEqualTo("sales.orders/2024");
        // The failure was already in the failed-items file when the listener heard of it.
        assertThat(failedLinesWhenHeard).containsExactly(0L, 1L);
    }

    @Test
    void aFailingListenerDoesNotStopTheLog() throws Exception {
        try (ResultLog log = ResultLog.open(dir.toString(), "r2", false, Optional.empty(), r -> {
            throw new IllegalStateException("window closed");
        })) {
            log.record(ObjectKey.database("a"), DiffResult.CREATE, Outcome.SUCCEEDED, "", T, 1);
            log.record(ObjectKey.database("b"), DiffResult.CREATE, Outcome.SUCCEEDED, "", T, 1);
            assertThat(log.summary().totals().created()).isEqualTo(2);
        }
        assertThat(Files.readAllLines(dir.resolve(ResultLog.resultsFileName("r2"))))
                .hasSize(2);
    }
}
