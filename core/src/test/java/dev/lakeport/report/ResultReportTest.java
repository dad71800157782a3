package dev.lakeport.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakeport.apply.Outcome;
import dev.lakeport.apply.ResultLog;
import dev.lakeport.apply.ResultStore;
import dev.lakeport.diff.DiffResult;
import dev.lakeport.diff.TestingDatabase;
import dev.lakeport.model.ObjectKey;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultReportTest {
    private static final Instant T = Instant.parse("2024-05-01T10:00:00Z");
    private static final ReportInfo INFO = new ReportInfo("Run", T, "glue", "dlf");

    @TempDir
    Path dir;

    private ResultStore store;

    @BeforeEach
    void setUp() {
        store = new ResultStore(TestingDatabase.migrated());
        try (ResultLog log = ResultLog.open(dir.toString(), "run-1", false, Optional.of(store))) {
            log.record(ObjectKey.database("sales"), DiffResult.CREATE, Outcome.SUCCEEDED, "", T, 5);
            log.record(ObjectKey.table("sales", "<script>x</script>"), DiffResult.UPDATE, Outcome.SUCCEEDED, "", T, 4);
            for (int i = 0; i < 3; i++) {
                log.record(
                        ObjectKey.partition("sales", "<script>x</script>", List.of("" + i)),
                        DiffResult.CREATE,
                        i == 0 ? Outcome.FAILED : Outcome.SUCCEEDED,
                        i == 0 ? "INVALID_INPUT (InvalidObject): bad <value>" : "",
                        T,
                        9);
            }
            log.record(ObjectKey.database("old"), DiffResult.DELETE, Outcome.SKIPPED, "skipped: off", T, 0);
        }
    }

    @Test
    void csvHasTheResultLogHeaderAndEveryRecord() throws Exception {
        StringWriter out = new StringWriter();
        new ResultReport(store, "run-1", INFO).writeCsv(out);
        assertThat(out.toString()).startsWith("itemType,itemName,diffResult,isSuccess,errorMsg,time,durationMs\r\n");
        List<CSVRecord> rows = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .build()
                .parse(new StringReader(out.toString()))
                .getRecords();
        assertThat(rows).hasSize(6);
        assertThat(rows.get(2).get("errorMsg")).isEqualTo("INVALID_INPUT (InvalidObject): bad <value>");
        assertThat(rows.get(2).get("isSuccess")).isEqualTo("false");
    }

    @Test
    void jsonSummaryCountsAndRecords() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ResultReport(store, "run-1", INFO).writeJson(out);
        JsonNode root = new ObjectMapper().readTree(out.toByteArray());
        assertThat(root.at("/summary/total/created").asLong()).isEqualTo(3);
        assertThat(root.at("/summary/total/updated").asLong()).isEqualTo(1);
        assertThat(root.at("/summary/total/failed").asLong()).isEqualTo(1);
        assertThat(root.at("/summary/total/skipped").asLong()).isEqualTo(1);
        assertThat(root.at("/summary/byKind/partition/created").asLong()).isEqualTo(2);
        assertThat(root.get("records")).hasSize(6);
        assertThat(root.get("records").get(2).get("isSuccess").asBoolean()).isFalse();
        assertThat(root.get("records").get(2).at("/key/name").asText()).isEqualTo("<script>x</script>");
    }

    @Test
    void htmlEscapesAndSummarises() throws Exception {
        StringWriter out = new StringWriter();
        new ResultReport(store, "run-1", INFO).writeHtml(out, 2);
        String html = out.toString();
        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;x&lt;/script&gt;");
        assertThat(html).contains("4 more items not listed");
        // all: created 3, updated 1, deleted 0, skipped 1, failed 1, not run 0
        assertThat(html)
                .contains("<tr><td>all</td><td class=\"n\">3</td><td class=\"n\">1</td><td class=\"n\">0</td>"
                        + "<td class=\"n\">1</td><td class=\"n\">1</td><td class=\"n\">0</td></tr>");
        // sales.<script> table: 3 succeeded (table + 2 partitions), 1 failed
        assertThat(html)
                .contains("<td>sales.&lt;script&gt;x&lt;/script&gt;</td><td class=\"n\">3</td>"
                        + "<td class=\"n\">1</td>");
    }
}
