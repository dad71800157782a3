package dev.lakeport.sparkjob;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.apply.Outcome;
import dev.lakeport.apply.ResultLog;
import dev.lakeport.apply.ResultSink;
import dev.lakeport.diff.DiffResult;
import dev.lakeport.model.Column;
import dev.lakeport.model.ItemNames;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.Table;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job's result files and a run from this machine write the same bytes for the same items. */
class ResultFilesTest {
    private static final Instant TIME = Instant.parse("2024-05-01T10:15:30.123Z");

    /** A route's words other than the seed's, so the comparison covers them too. */
    private static final dev.lakeport.diff.DiffWords WORDS = dev.lakeport.diff.DiffWords.between("hive", "dlf");

    @Test
    void theJobAndADirectRunWriteByteIdenticalResultLogs(@TempDir Path dir) throws Exception {
        Table orders = Table.builder("sales", "orders")
                .partitionKeys(List.of(Column.of("dt", "string"), Column.of("region", "string")))
                .build();
        ItemNames names = ItemNames.of(List.of(orders));
        Path direct = dir.resolve("direct");
        Path job = dir.resolve("job");

        try (ResultLog log = ResultLog.open(
                direct.toString(),
                "r1",
                false,
                Optional.empty(),
                dev.lakeport.apply.ResultListener.NONE,
                names,
                WORDS)) {
            recordItems(log);
        }
        FileSystem local = FileSystem.newInstance(new Configuration());
        local.setWriteChecksum(false);
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        try (ResultFiles files = ResultFiles.open(
                Optional.of(local),
                Optional.of(new org.apache.hadoop.fs.Path(job.toUri())),
                "r1",
                false,
                new PrintStream(stdout, true, StandardCharsets.UTF_8),
                names,
                WORDS)) {
            recordItems(files);
        }
        local.close();

        for (String name :
                List.of(ResultLog.resultsFileName("r1"), ResultLog.csvFileName("r1"), ResultLog.failedFileName("r1"))) {
            byte[] expected = Files.readAllBytes(direct.resolve(name));
            assertThat(expected).as(name).isNotEmpty();
            assertThat(Files.readAllBytes(job.resolve(name))).as(name).isEqualTo(expected);
        }
        String firstLine =
                Files.readAllLines(job.resolve(ResultLog.resultsFileName("r1"))).get(0);
        assertThat(firstLine)
                .startsWith(
                        "{\"itemType\":\"partition\",\"itemName\":\"sales.orders/dt=20240101/region=eu, %22west%22\""
                                + ",\"diffResult\":\"hiveNew\",\"isSuccess\":true,\"errorMsg\":\"\"");
        assertThat(Files.readAllLines(job.resolve(ResultLog.failedFileName("r1"))))
                .singleElement()
                .asString()
                .contains("\"itemName\":\"sales.orders\"", "\"diffResult\":\"needUpdate\"", "\"isSuccess\":false");
        // the job also shows a failed item in its driver log, as the seed's job does
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("failed {\"itemType\":\"table\"");
    }

    private static void recordItems(ResultSink sink) {
        sink.record(
                ObjectKey.partition("sales", "orders", List.of("20240101", "eu, \"west\"")),
                DiffResult.CREATE,
                Outcome.SUCCEEDED,
                "",
                TIME,
                12);
        sink.record(
                ObjectKey.table("sales", "orders"),
                DiffResult.UPDATE,
                Outcome.FAILED,
                "THROTTLED (Throttling): rate exceeded, \"retry\"",
                TIME.plusMillis(5),
                3005);
        sink.record(ObjectKey.database("hr"), DiffResult.DELETE, Outcome.SKIPPED, "deletions are off", TIME, 0);
        sink.record(ObjectKey.function("sales", "to_eur"), DiffResult.CREATE, Outcome.SUCCEEDED, null, TIME, 7);
    }
}
