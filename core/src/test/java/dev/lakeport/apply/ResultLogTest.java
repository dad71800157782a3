package dev.lakeport.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakeport.diff.DiffResult;
import dev.lakeport.diff.TestingDatabase;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.ObjectKind;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResultLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T = Instant.parse("2024-05-01T10:15:30Z");

    @TempDir
    Path dir;

    private static final ObjectKey ODD_PARTITION =
            ObjectKey.partition("db.x", "t/1", List.of("a/b", "c.d", "Mixed Case", "é,\"q\""));

    @Test
    void jsonLinesCarryTheSeedsFieldNamesFirstThenOutcomeAndKey() throws Exception {
        try (ResultLog log = ResultLog.open(dir.toString(), "r1", false, Optional.empty())) {
            log.record(ObjectKey.table("sales", "orders"), DiffResult.CREATE, Outcome.SUCCEEDED, "", T, 12);
            log.record(ODD_PARTITION, DiffResult.UPDATE, Outcome.FAILED, "THROTTLED (X): slow, \"down\"", T, 3);
        }
        List<String> lines = Files.readAllLines(dir.resolve("result-r1.jsonl"));
        assertThat(lines).hasSize(2);
        JsonNode first = JSON.readTree(lines.get(0));
        List<String> names = new ArrayList<>();
        first.fieldNames().forEachRemaining(names::add);
        assertThat(names)
                .containsExactly(
                        "itemType",
                        "itemName",
                        "diffResult",
                        "isSuccess",
                        "errorMsg",
                        "time",
                        "durationMs",
                        "outcome",
                        "key");
        assertThat(first.get("itemType").asText()).isEqualTo("table");
        assertThat(first.get("itemName").asText()).isEqualTo("sales.orders");
        assertThat(first.get("diffResult").asText()).isEqualTo("glueNew");
        assertThat(first.get("isSuccess").asBoolean()).isTrue();
        assertThat(first.get("time").asText()).isEqualTo("2024-05-01T10:15:30Z");
        JsonNode second = JSON.readTree(lines.get(1));
        assertThat(second.get("isSuccess").asBoolean()).isFalse();
        assertThat(second.get("errorMsg").asText()).isEqualTo("THROTTLED (X): slow, \"down\"");
        assertThat(second.get("diffResult").asText()).isEqualTo("needUpdate");
    }

    @Test
    void csvHasTheHeaderAndQuotesValues() throws Exception {
        try (ResultLog log = ResultLog.open(dir.toString(), "r2", false, Optional.empty())) {
            log.record(ODD_PARTITION, DiffResult.DELETE, Outcome.FAILED, "a, \"b\"\nc", T, 7);
        }
        Path csv = dir.resolve("result-r2.csv");
        assertThat(Files.readAllLines(csv).get(0))
                .isEqualTo("itemType,itemName,diffResult,isSuccess,errorMsg,time,durationMs");
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            List<CSVRecord> rows = CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .build()
                    .parse(in)
                    .getRecords();
            assertThat(rows).singleElement().satisfies(r -> {
                assertThat(r.get("itemType")).isEqualTo("partition");
                assertThat(r.get("itemName")).isEqualTo(ODD_PARTITION.itemName());
                assertThat(r.get("diffResult")).isEqualTo("dlfNew");
                assertThat(r.get("isSuccess")).isEqualTo("false");
                assertThat(r.get("errorMsg")).isEqualTo("a, \"b\"\nc");
                assertThat(r.get("durationMs")).isEqualTo("7");
            });
        }
    }

    @Test
    void failedFileRoundTripsToExactKeys() {
        Set<ObjectKey> keys = Set.of(
                ODD_PARTITION,
                ObjectKey.database("sales"),
                ObjectKey.table("sales", "a.b"),
                ObjectKey.function("sales", "f"));
        try (ResultLog log = ResultLog.open(dir.toString(), "r3", false, Optional.empty())) {
            for (ObjectKey k : keys) {
                log.record(k, DiffResult.CREATE, Outcome.FAILED, "boom", T, 1);
            }
            log.record(ObjectKey.database("ok"), DiffResult.CREATE, Outcome.SUCCEEDED, "", T, 1);
            log.record(ObjectKey.database("skip"), DiffResult.DELETE, Outcome.SKIPPED, "skipped: off", T, 0);
            log.record(ObjectKey.database("later"), DiffResult.CREATE, Outcome.NOT_RUN, "cancelled", T, 0);
        }
        // Items a cancel left undone are not failures: the failed-items file holds only what was tried and failed.
        assertThat(FailedItems.read(dir.resolve("failed-r3.jsonl"))).containsExactlyInAnyOrderElementsOf(keys);
    }

    @Test
    void notRunItemsAreCountedApartFromFailures() {
        try (ResultLog log = ResultLog.open(dir.toString(), "r5", false, Optional.empty())) {
            log.record(ObjectKey.database("ok"), DiffResult.CREATE, Outcome.SUCCEEDED, "", T, 1);
            log.record(ObjectKey.database("bad"), DiffResult.CREATE, Outcome.FAILED, "THROTTLED: slow down", T, 1);
            for (int i = 0; i < 3; i++) {
                log.record(ObjectKey.database("later" + i), DiffResult.CREATE, Outcome.NOT_RUN, "cancelled", T, 0);
            }
            log.markCancelled();
            RunSummary summary = log.summary();
            assertThat(summary.totals().failed()).isEqualTo(1);
            assertThat(summary.totals().notRun()).isEqualTo(3);
            assertThat(summary.totals().created()).isEqualTo(1);
            assertThat(summary.totals().total()).isEqualTo(5);
            assertThat(summary.totals().attempted()).isEqualTo(2);
        }
        assertThat(FailedItems.read(dir.resolve("failed-r5.jsonl"))).containsExactly(ObjectKey.database("bad"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"oss://bucket/path1/", "s3://bucket/logs", "hdfs://nn:8020/logs", "OSS://Bucket/x"})
    void remoteOutputPathsAreRefusedClearly(String path) {
        assertThatThrownBy(() -> ResultLog.open(path, "r", false, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only the Spark job writes there");
    }

    @Test
    void concurrentWritersProduceWholeLines() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (ResultLog log = ResultLog.open(dir.resolve("nested/dir").toString(), "r4", false, Optional.empty())) {
            for (int t = 0; t < 8; t++) {
                int thread = t;
                pool.submit(() -> {
                    for (int i = 0; i < 250; i++) {
                        log.record(
                                ObjectKey.partition("db", "t", List.of(thread + "-" + i)),
                                DiffResult.CREATE,
                                i % 10 == 0 ? Outcome.FAILED : Outcome.SUCCEEDED,
                                "",
                                T,
                                i);
                    }
                });
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            assertThat(log.summary().counts(ObjectKind.PARTITION).created()).isEqualTo(1800);
        }
        List<String> lines = Files.readAllLines(dir.resolve("nested/dir/result-r4.jsonl"));
        assertThat(lines).hasSize(2000);
        for (String line : lines) {
            assertThat(JSON.readTree(line).get("itemType").asText()).isEqualTo("partition");
        }
        assertThat(FailedItems.read(dir.resolve("nested/dir/failed-r4.jsonl"))).hasSize(200);
    }

    @Test
    void recordsArePersistedForLaterReports() {
        ResultStore store = new ResultStore(TestingDatabase.migrated());
        try (ResultLog log = ResultLog.open(dir.toString(), "r5", true, Optional.of(store))) {
            for (int i = 0; i < ResultLog.STORE_BATCH + 3; i++) {
                log.record(ObjectKey.table("db", "t" + i), DiffResult.UPDATE, Outcome.SUCCEEDED, "dry-run", T, 1);
            }
            log.record(ODD_PARTITION, DiffResult.CREATE, Outcome.FAILED, "x", T, 1);
        }
        RunSummary summary = store.summary("r5");
        assertThat(summary.counts(ObjectKind.TABLE).updated()).isEqualTo(ResultLog.STORE_BATCH + 3);
        assertThat(summary.counts(ObjectKind.PARTITION).failed()).isEqualTo(1);
        assertThat(summary.dryRun()).isTrue();
        assertThat(summary.files()).contains(dir.resolve("result-r5.jsonl"));
        List<StoredResult> all = new ArrayList<>();
        try (var it = store.stream("r5")) {
            it.forEachRemaining(all::add);
        }
        assertThat(all).hasSize(ResultLog.STORE_BATCH + 4);
        assertThat(all.get(all.size() - 1).key()).isEqualTo(ODD_PARTITION);
    }
}
