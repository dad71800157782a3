package dev.lakeport.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeport.diff.DiffResult;
import dev.lakeport.diff.DiffWords;
import dev.lakeport.diff.TestingDatabase;
import dev.lakeport.model.ItemNames;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.ObjectKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultFilesTest {
    private static final Instant T = Instant.parse("2026-01-02T03:04:05Z");
    /** Names and values holding the characters an item name cannot tell apart. */
    private static final ObjectKey ODD = ObjectKey.partition("db", "t.x", List.of("a/b", "c.d"));

    @TempDir
    Path dir;

    @Test
    void aResultFileReadsBackExactlyWithKeysAndOutcomes() {
        writeLog("r1");
        List<StoredResult> read = ResultFiles.read(dir.resolve("result-r1.jsonl"));
        assertThat(read)
                .extracting(StoredResult::key)
                .containsExactly(
                        ObjectKey.table("db", "t"), ODD, ObjectKey.function("db", "f"), ObjectKey.database("old"));
        assertThat(read)
                .extracting(StoredResult::outcome)
                .containsExactly(Outcome.SUCCEEDED, Outcome.FAILED, Outcome.NOT_RUN, Outcome.SKIPPED);
        assertThat(read.get(1).record().errorMsg()).isEqualTo("throttled");
        assertThat(read.get(1).record().itemName()).isEqualTo("db.t.x/a%2Fb/c.d");
        assertThat(read.get(0).record().time()).isEqualTo(T);
        // the failed-items file keeps working off the same key format; it holds failures only, not what was not run
        assertThat(FailedItems.read(dir.resolve("failed-r1.jsonl"))).containsExactly(ODD);
    }

    @Test
    void importStoresTheRunAndTellsTheListener() {
        writeLog("r2");
        ResultStore store = new ResultStore(TestingDatabase.migrated());
        List<StoredResult> heard = new ArrayList<>();
        long n = ResultFiles.importRun(dir.resolve("result-r2.jsonl"), "job-r2", false, false, store, heard::add);

        assertThat(n).isEqualTo(4);
        assertThat(heard).hasSize(4);
        RunSummary summary = store.summary("job-r2");
        assertThat(summary.counts(ObjectKind.TABLE).updated()).isEqualTo(1);
        assertThat(summary.counts(ObjectKind.PARTITION).failed()).isEqualTo(1);
        assertThat(summary.counts(ObjectKind.DATABASE).skipped()).isEqualTo(1);
        assertThat(store.run("job-r2"))
                .hasValueSatisfying(r -> assertThat(r.finishedAt()).isPresent());
    }

    @Test
    void aDamagedFileIsRefusedNamingTheLineAndStoresNothing() throws Exception {
        writeLog("r3");
        Path file = dir.resolve("result-r3.jsonl");
        Files.writeString(file, Files.readString(file) + "{\"itemType\":\"table\"}\n", StandardCharsets.UTF_8);
        ResultStore store = new ResultStore(TestingDatabase.migrated());

        assertThatThrownBy(() -> ResultFiles.importRun(file, "job-r3", false, false, store, r -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 5");
        assertThat(store.run("job-r3")).isEmpty();
    }

    /**
     * Values holding separators, escapes, blanks, quotes and CJK: the result log names the partition in Hive's escaped
     * form, and both the result file and the failed-items file read it back to the same key.
     */
    @Test
    void oddPartitionValuesRoundTripThroughTheResultLogAndFailedItems() throws Exception {
        List<String> values = List.of("cn-north/1", "a=b", "100%", "x y", "\"q\" 'r'", "华北");
        List<String> keyNames = List.of("region", "kv", "pct", "sp", "q", "area");
        ObjectKey key = ObjectKey.partition("db", "t", values);
        ItemNames names = new ItemNames((d, t) -> keyNames);
        try (ResultLog log = ResultLog.open(
                dir.toString(), "r4", false, Optional.empty(), ResultListener.NONE, names, DiffWords.SEED)) {
            log.record(key, DiffResult.CREATE, Outcome.FAILED, "throttled", T, 5);
        }
        String expected = "db.t/region=cn-north%2F1/kv=a%3Db/pct=100%25/sp=x y/q=%22q%22 %27r%27/area=华北";
        List<StoredResult> read = ResultFiles.read(dir.resolve("result-r4.jsonl"));
        assertThat(read).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo(key);
            assertThat(r.record().itemName()).isEqualTo(expected);
        });
        assertThat(ObjectKey.fromItemName("partition", expected)).isEqualTo(key);
        assertThat(FailedItems.read(dir.resolve("failed-r4.jsonl"))).containsExactly(key);
        assertThat(Files.readString(dir.resolve("result-r4.csv"), StandardCharsets.UTF_8))
                .contains(expected);

        // A line with the item's name only (another tool's, or edited by hand) reads by the name.
        Path nameOnly = dir.resolve("failed-by-name.jsonl");
        Files.writeString(
                nameOnly,
                "{\"itemType\":\"partition\",\"itemName\":\"" + expected.replace("\"", "\\\"")
                        + "\",\"diffResult\":\"glueNew\",\"isSuccess\":false}\n",
                StandardCharsets.UTF_8);
        assertThat(FailedItems.read(nameOnly)).containsExactly(key);
    }

    /** A failed-items file written before partition names took Hive's form still reads, by its key's parts. */
    @Test
    void failedItemsWrittenBeforeStillRead() throws Exception {
        Path old = dir.resolve("failed-old.jsonl");
        Files.writeString(
                old,
                "{\"itemType\":\"partition\",\"itemName\":\"db.t.x/a/b/c.d\",\"diffResult\":\"glueNew\","
                        + "\"isSuccess\":false,\"errorMsg\":\"throttled\",\"time\":\"2026-01-02T03:04:05Z\","
                        + "\"durationMs\":5,\"outcome\":\"FAILED\",\"key\":{\"kind\":\"partition\",\"database\":\"db\","
                        + "\"name\":\"t.x\",\"partitionValues\":[\"a/b\",\"c.d\"]}}\n",
                StandardCharsets.UTF_8);
        assertThat(FailedItems.read(old)).containsExactly(ODD);
        assertThat(ResultFiles.read(old)).singleElement().satisfies(r -> assertThat(r.key())
                .isEqualTo(ODD));
    }

    private void writeLog(String runId) {
        try (ResultLog log = ResultLog.open(dir.toString(), runId, false, Optional.empty())) {
            log.record(ObjectKey.table("db", "t"), DiffResult.UPDATE, Outcome.SUCCEEDED, "", T, 3);
            log.record(ODD, DiffResult.CREATE, Outcome.FAILED, "throttled", T, 5);
            log.record(ObjectKey.function("db", "f"), DiffResult.CREATE, Outcome.NOT_RUN, Executor.NOT_RUN, T, 0);
            log.record(ObjectKey.database("old"), DiffResult.DELETE, Outcome.SKIPPED, "skipped: off", T, 0);
        }
    }
}
