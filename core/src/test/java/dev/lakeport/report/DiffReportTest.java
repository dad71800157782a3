package dev.lakeport.report;

import static dev.lakeport.diff.TestingCatalog.database;
import static dev.lakeport.diff.TestingCatalog.partition;
import static dev.lakeport.diff.TestingCatalog.table;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakeport.apply.Outcome;
import dev.lakeport.apply.ResultRecord;
import dev.lakeport.diff.DiffOptions;
import dev.lakeport.diff.DiffResult;
import dev.lakeport.diff.DiffStore;
import dev.lakeport.diff.DiffWords;
import dev.lakeport.diff.TestingDatabase;
import dev.lakeport.diff.TestingSnapshotView;
import dev.lakeport.model.Column;
import dev.lakeport.model.ItemNames;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.Table;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DiffReportTest {
    private static final String EVIL = "x<script>alert('x')</script>";
    private static final ReportInfo INFO =
            new ReportInfo("Diff <sales>", Instant.parse("2024-05-01T10:00:00Z"), "glue eu-central-1", "dlf & co");

    private DiffStore store;
    private long runId;

    @BeforeEach
    void setUp() {
        Table before = table("sales", "orders", "oss://b/<old>");
        Table after = before.toBuilder()
                .parameters(Map.of("classification", "<b>orc</b>"))
                .build();
        TestingSnapshotView view = new TestingSnapshotView()
                .source(database("sales"), after, table("sales", EVIL, "oss://b/e"), partition("sales", EVIL, "1"))
                .destination(database("sales"), before, database("old"));
        store = new DiffStore(TestingDatabase.migrated());
        runId = store.diff(view, DiffOptions.defaults(), "r", ProgressListener.NONE, CancellationToken.NONE)
                .runId();
        store.setIncluded(runId, ObjectKey.database("old"), false);
    }

    @Test
    void htmlEscapesEverythingAndCountsRight() throws Exception {
        StringWriter out = new StringWriter();
        new DiffReport(store, runId, INFO).writeHtml(out, 100);
        String html = out.toString();

        assertThat(html).doesNotContain("<script>").doesNotContain("<b>orc").doesNotContain("<sales>");
        assertThat(html).contains("x&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        assertThat(html)
                .contains("&lt;b&gt;orc&lt;/b&gt;")
                .contains("dlf &amp; co")
                .contains("glue eu-central-1");
        assertThat(html)
                .doesNotContain("http://")
                .doesNotContain("https://")
                .doesNotContain("<link")
                .doesNotContain("src=");
        assertThat(html).contains("<span class=\"badge create\">glueNew</span>");
        assertThat(html).contains("<span class=\"badge update\">needUpdate</span>");
        assertThat(html).contains("<span class=\"badge delete\">dlfNew</span>");
        // Totals row: 2 glueNew (table, partition), 1 dlfNew, 1 needUpdate, 4 in all.
        assertThat(html)
                .contains("<tr><th>all</th><td class=\"n\">2</td><td class=\"n\">1</td><td class=\"n\">1</td>"
                        + "<td class=\"n\">4</td></tr>");
        assertThat(html).contains("parameters.classification: <span class=\"before\">parquet</span>");
        assertThat(html).doesNotContain("not listed");
    }

    @Test
    void htmlCapsTheListedEntries() throws Exception {
        StringWriter out = new StringWriter();
        new DiffReport(store, runId, INFO).writeHtml(out, 1);
        assertThat(out.toString()).contains("3 more entries not listed");
    }

    @Test
    void csvParsesBack() throws Exception {
        StringWriter out = new StringWriter();
        new DiffReport(store, runId, INFO).writeCsv(out);
        List<CSVRecord> rows = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .build()
                .parse(new StringReader(out.toString()))
                .getRecords();
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0).getParser().getHeaderNames())
                .containsExactly("itemType", "itemName", "diffResult", "included", "fieldChanges");
        assertThat(rows)
                .extracting(r -> r.get("diffResult") + " " + r.get("itemName") + " " + r.get("included"))
                .containsExactly(
                        "dlfNew old false",
                        "needUpdate sales.orders true",
                        "glueNew sales." + EVIL + " true",
                        "glueNew sales." + EVIL + "/1 true");
        assertThat(rows.get(1).get("fieldChanges")).isEqualTo("parameters.classification: parquet -> <b>orc</b>");
    }

    @Test
    void jsonHasSummaryAndEntries() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DiffReport(store, runId, INFO).writeJson(out);
        JsonNode root = new ObjectMapper().readTree(out.toByteArray());
        assertThat(root.at("/report/destination").asText()).isEqualTo("dlf & co");
        assertThat(root.at("/summary/total").asLong()).isEqualTo(4);
        assertThat(root.at("/summary/glueNew").asLong()).isEqualTo(2);
        assertThat(root.at("/summary/byKind/partition/glueNew").asLong()).isEqualTo(1);
        assertThat(root.at("/summary/databases")).hasSize(2);
        assertThat(root.get("entries")).hasSize(4);
        JsonNode update = root.get("entries").get(1);
        assertThat(update.get("diffResult").asText()).isEqualTo("needUpdate");
        assertThat(update.at("/changes/0/path").asText()).isEqualTo("parameters.classification");
        assertThat(update.at("/changes/0/after").asText()).isEqualTo("<b>orc</b>");
        assertThat(root.get("entries").get(3).at("/key/partitionValues/0").asText())
                .isEqualTo("1");
    }

    /** The report names a partition exactly as the result log does: Hive's key=value form, escaped. */
    @Test
    void partitionsAreNamedAsTheResultLogNamesThem() throws Exception {
        Table orders = table("sales", "orders", "oss://b/orders").toBuilder()
                .partitionKeys(List.of(Column.of("region", "string")))
                .build();
        TestingSnapshotView view = new TestingSnapshotView()
                .source(database("sales"), orders, partition("sales", "orders", "cn-north/1=华北 \"x\""))
                .destination(database("sales"), orders);
        DiffStore diffs = new DiffStore(TestingDatabase.migrated());
        long run = diffs.diff(view, DiffOptions.defaults(), "r", ProgressListener.NONE, CancellationToken.NONE)
                .runId();
        ItemNames names = ItemNames.of(List.of(orders));
        ObjectKey key = ObjectKey.partition("sales", "orders", List.of("cn-north/1=华北 \"x\""));
        String logged = ResultRecord.of(
                        key, names, DiffWords.SEED, DiffResult.CREATE, Outcome.SUCCEEDED, "", Instant.EPOCH, 1)
                .itemName();
        assertThat(logged).isEqualTo("sales.orders/region=cn-north%2F1%3D华北 %22x%22");

        StringWriter csv = new StringWriter();
        new DiffReport(diffs, run, INFO, names).writeCsv(csv);
        assertThat(csv.toString()).contains(logged);
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        new DiffReport(diffs, run, INFO, names).writeJson(json);
        assertThat(new ObjectMapper().readTree(json.toByteArray()).path("entries"))
                .anySatisfy(e -> assertThat(e.path("itemName").asText()).isEqualTo(logged));
        StringWriter html = new StringWriter();
        new DiffReport(diffs, run, INFO, names).writeHtml(html, 100);
        assertThat(html.toString()).contains("<td>" + logged + "</td>");
    }

    @Test
    void theProjectsExclusionRulesAreListedAndWhatTheyLeaveOutIsCounted() throws Exception {
        ReportInfo withRules = INFO.withExclusionRules(List.of("database old", "table sales.<x>"));
        StringWriter html = new StringWriter();
        new DiffReport(store, runId, withRules).writeHtml(html, 100);
        assertThat(html.toString())
                .contains("<h2>Exclusion rules</h2>")
                .contains("<li>database old</li>")
                .contains("<li>table sales.&lt;x&gt;</li>")
                .contains("Excluded by you: 1 of 4 differences.");

        ByteArrayOutputStream json = new ByteArrayOutputStream();
        new DiffReport(store, runId, withRules).writeJson(json);
        JsonNode root = new ObjectMapper().readTree(json.toByteArray());
        assertThat(root.at("/report/exclusionRules/0").asText()).isEqualTo("database old");
        assertThat(root.at("/summary/excluded").asLong()).isEqualTo(1);

        // Only excluded differences left: the report says so instead of an unexplained count
        for (ObjectKey key : List.of(
                ObjectKey.database("sales"),
                ObjectKey.table("sales", "orders"),
                ObjectKey.table("sales", EVIL),
                ObjectKey.partition("sales", EVIL, List.of("1")))) {
            store.setIncluded(runId, key, false);
        }
        StringWriter all = new StringWriter();
        new DiffReport(store, runId, withRules).writeHtml(all, 100);
        assertThat(all.toString()).contains("Differences remain: 4, all excluded by you.");
    }
}
