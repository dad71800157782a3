package dev.lakeport.launch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.apply.RunSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JobRecordsTest {
    static final Instant T = Instant.parse("2024-05-01T10:15:30.123Z");

    static JobProgress progress(String runId, String phase, long done, long total, double rate) {
        return new JobProgress(runId, phase, done, 1, total, rate, T);
    }

    static JobSummary summary(String runId, Optional<String> error) {
        Map<String, RunSummary.Counts> counts = new LinkedHashMap<>();
        counts.put("table", new RunSummary.Counts(3, 1, 0, 2, 0));
        counts.put("partition", new RunSummary.Counts(120, 4, 2, 0, 1));
        return new JobSummary(
                runId, counts, Duration.ofMillis(9_876), List.of("result-r1.jsonl", "result-r1.csv"), false, error);
    }

    @Test
    void progressAndSummaryReadBackAsWritten() {
        JobProgress p = progress("r1", JobProgress.LOAD, 10, 20, 5.5);
        JobSummary ok = summary("r1", Optional.empty());
        JobSummary failed = summary("r1", Optional.of("DLF endpoint 127.0.0.1:1 refused the connection"));

        assertThat(JobRecords.parse(JobRecords.toLogLine(p))).contains(p);
        assertThat(JobRecords.parse(JobRecords.toJson(p)))
                .as("bare, as in the progress file")
                .contains(p);
        assertThat(JobRecords.parse(JobRecords.toLogLine(ok))).contains(ok);
        assertThat(JobRecords.parse(JobRecords.toLogLine(failed))).contains(failed);
        assertThat(ok.totals()).isEqualTo(new RunSummary.Counts(123, 5, 2, 2, 1));
    }

    @Test
    void aRecordAfterALogLayoutsTimeAndLevelIsFound() {
        JobProgress p = progress("r1", JobProgress.EXTRACT, 0, -1, 0);
        String line = "24/05/01 10:15:30 INFO GlueToDlfJob: " + JobRecords.toLogLine(p);
        assertThat(JobRecords.parse(line)).contains(p);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "24/05/01 INFO SparkContext: Running Spark version 3.5.7",
                "LAKEPORT ",
                "LAKEPORT not json",
                "LAKEPORT {\"type\":\"progress\",\"runId\":\"r1\",\"phase\":\"load\",\"done\":1",
                "LAKEPORT {\"type\":\"progress\",\"phase\":\"load\",\"done\":1,\"time\":\"2024-05-01T10:15:30Z\"}",
                "LAKEPORT {\"type\":\"progress\",\"runId\":\"r1\",\"phase\":\"load\",\"done\":-4,\"time\":\"2024-05-01T10:15:30Z\"}",
                "LAKEPORT {\"type\":\"progress\",\"runId\":\"r1\",\"phase\":\"load\",\"done\":1,\"time\":\"yesterday\"}",
                "LAKEPORT {\"type\":\"heartbeat\",\"runId\":\"r1\"}",
                "LAKEPORT [1,2,3]",
            })
    void damagedOrForeignLinesAreNoRecords(String line) {
        assertThat(JobRecords.parse(line)).isEmpty();
    }

    @Test
    void nullIsNoRecord() {
        assertThat(JobRecords.parse(null)).isEmpty();
    }

    @Test
    void etaComesFromTheRateAndTheTotal() {
        assertThat(progress("r", "load", 50, 150, 20).eta()).contains(Duration.ofSeconds(5));
        assertThat(progress("r", "load", 50, -1, 20).eta()).as("total unknown").isEmpty();
        assertThat(progress("r", "load", 50, 150, 0).eta()).as("no rate yet").isEmpty();
    }
}
