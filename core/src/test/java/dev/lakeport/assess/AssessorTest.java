package dev.lakeport.assess;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.config.MigrationConfig;
import dev.lakeport.config.MigrationConfigLoader;
import dev.lakeport.emulator.glue.GlueEmulator;
import dev.lakeport.emulator.sample.SampleCatalog;
import dev.lakeport.mapping.MappingWarning;
import dev.lakeport.model.ObjectKind;
import dev.lakeport.pipeline.Migration;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import dev.lakeport.report.AssessmentReport;
import dev.lakeport.snapshot.Side;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The assessment of the sample catalog, loaded from the Glue emulator as a user's load would. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AssessorTest {
    private static final String REGION = "us-east-1";
    private static final String BUCKET = "s3://lakeport-sample-" + REGION + "/";

    @TempDir
    static Path dir;

    private GlueEmulator glue;
    private SampleCatalog.Summary sample;

    @BeforeAll
    void start() {
        glue = GlueEmulator.start();
        sample = SampleCatalog.generate(glue.store(), SampleCatalog.Options.defaults());
    }

    @AfterAll
    void stop() {
        glue.close();
    }

    private Map<String, String> settings(Map<String, String> extra) {
        Map<String, String> s = new HashMap<>();
        s.put("aws.accessKeyId", "AKIDTEST");
        s.put("aws.secretAccessKey", "test-secret");
        s.put("aws.region", REGION);
        s.put("lakeport.aws.endpoint", glue.endpoint().toString());
        s.put("aliyun.accessKeyId", "LTTEST");
        s.put("aliyun.secretAccessKey", "test-secret");
        s.put("aliyun.region", "cn-hangzhou");
        s.put("aliyun.endpoint", "localhost:1");
        s.put("location.convertMap", "{\"" + BUCKET + "\":\"oss://lakeport-sample-cn-hangzhou/\"}");
        s.putAll(extra);
        return s;
    }

    /** Loads the whole sample, then assesses it under the settings with {@code extra}: a scope narrowed after a load. */
    private Assessment assess(String name, Map<String, String> extra) {
        Map<String, String> s = settings(extra);
        MigrationConfig config = MigrationConfigLoader.fromMap(s, "test").config();
        MigrationConfig loaded =
                MigrationConfigLoader.fromMap(settings(Map.of()), "test").config();
        try (Migration m = Migration.open(loaded, dir.resolve(name + ".lakeport.mv.db"), new Properties())) {
            assertThat(m.load(Side.SOURCE, ProgressListener.NONE, CancellationToken.NONE)
                            .failures())
                    .isEmpty();
            assertThat(Assessor.hasSource(m.snapshot())).isTrue();
            return Migration.assessor(config, m.snapshot(), s).assess(CancellationToken.NONE);
        }
    }

    @Test
    void theSampleIsCountedByKindAndFormatAndItsFirstRunEstimated() throws Exception {
        Assessment a = assess("whole", Map.of("lakeport.concurrency", "10", "lakeport.assess.callLatency", "100ms"));

        assertThat(a.route()).isEqualTo("Glue \u2192 DLF");
        Assessment.Counts c = a.counts();
        assertThat(c.databases()).isEqualTo(5);
        assertThat(c.tablesAndViews()).isEqualTo(27).isEqualTo(sample.tables());
        assertThat(c.views()).isEqualTo(3).isEqualTo(sample.views());
        assertThat(c.partitions()).isEqualTo(10_000);
        assertThat(c.functions()).isEqualTo(6).isEqualTo(sample.functions());
        assertThat(c.outOfScope()).isZero();

        // the generator's own tally, CSV and OpenCSV both being CSV
        Map<String, Long> expected = new HashMap<>();
        sample.tablesByFormat()
                .forEach((f, n) -> expected.merge(f.equals("OPEN_CSV") ? "CSV" : f, n.longValue(), Long::sum));
        Map<String, Long> actual = new HashMap<>();
        a.tablesByFormat().forEach((f, n) -> actual.put(f.name(), n));
        assertThat(actual).isEqualTo(expected);
        assertThat(a.tablesByFormat().keySet())
                .contains(
                        StorageFormat.PARQUET,
                        StorageFormat.ORC,
                        StorageFormat.CSV,
                        StorageFormat.JSON,
                        StorageFormat.AVRO,
                        StorageFormat.ICEBERG,
                        StorageFormat.HUDI,
                        StorageFormat.DELTA);

        // one create per database, table and function; partitions 100 a call, table by table
        Assessment.Estimate e = a.estimate();
        assertThat(e.partitionBatch()).isEqualTo(100);
        assertThat(e.calls())
                .containsEntry(ObjectKind.DATABASE, 5L)
                .containsEntry(ObjectKind.TABLE, 27L)
                .containsEntry(ObjectKind.FUNCTION, 6L);
        assertThat(e.calls().get(ObjectKind.PARTITION)).isBetween(100L, 100L + 27);
        assertThat(e.concurrency()).isEqualTo(10);
        assertThat(e.callLatency()).isEqualTo(Duration.ofMillis(100));
        long rounds = 1 + 4 /* 33 tables and functions */ + (e.calls().get(ObjectKind.PARTITION) + 9) / 10;
        assertThat(e.time()).isEqualTo(Duration.ofMillis(100 * rounds));

        // Glue fields DLF has no place for, and where they go
        assertThat(a.changes().functionTypes()).isNotEmpty();
        assertThat(a.changes().functionTypes().keySet()).allMatch(k -> k.endsWith("\u2192 JAVA"));
        assertThat(a.changes().functionTypes().values().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(6);
        Assessment.Finding kept = a.findings(Assessment.Topic.CANNOT_HOLD).stream()
                .filter(f -> f.code() == MappingWarning.Code.FALLBACK_PARAMETER)
                .findFirst()
                .orElseThrow();
        assertThat(kept.objects()).isPositive();
        assertThat(kept.examples())
                .as("one example per Glue field, each saying where it goes")
                .allMatch(x -> x.contains("is kept as Parameters.lakeport.glue."))
                .doesNotHaveDuplicates()
                .hasSizeGreaterThan(1);
        assertThat(a.changes().renamed()).isZero();
        assertThat(a.changes().retypedColumns()).isZero();

        StringWriter html = new StringWriter();
        new AssessmentReport(a).writeHtml(html);
        assertThat(html.toString())
                .contains("<svg class=\"bars\" id=\"objects-by-kind\"")
                .contains("<svg class=\"bars\" id=\"tables-by-format\"")
                .contains("10,000</text>")
                .contains("Parquet")
                .doesNotContain("<script");
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        new AssessmentReport(a).writeJson(json);
        assertThat(json.toString(StandardCharsets.UTF_8)).contains("\"partitions\" : 10000");
    }

    @Test
    void withoutALocationMapAndWithADatabaseLeftOutTheDecisionsSayWhatToDo() {
        Assessment a = assess(
                "narrow",
                Map.of(
                        "location.convertMap",
                        "{}",
                        "lakeport.databases.exclude",
                        "sales",
                        "lakeport.tables.exclude",
                        "web_logs.page_views",
                        "lakeport.rate",
                        "5"));

        assertThat(a.counts().databases()).isEqualTo(4);
        assertThat(a.counts().outOfScope()).isPositive();
        assertThat(a.uncoveredLocationCount()).isPositive();
        assertThat(a.uncoveredLocations()).allMatch(g -> g.prefix().startsWith("s3://"));
        assertThat(a.decisions())
                .filteredOn(d -> d.topic().equals("location"))
                .isNotEmpty()
                .allMatch(d -> d.whatToDo().contains("location.convertMap"));
        assertThat(a.findings(Assessment.Topic.LOCATIONS))
                .extracting(Assessment.Finding::code)
                .contains(MappingWarning.Code.UNMAPPED_LOCATION);
        // the web_logs view reads the table left out
        assertThat(a.viewsOutsideScope()).singleElement().satisfies(v -> assertThat(v.tablesOutside())
                .containsExactly("web_logs.page_views"));
        assertThat(a.decisions()).filteredOn(d -> d.topic().equals("view")).hasSameSizeAs(a.viewsOutsideScope());
        // at 5 calls a second the rate, not the latency, sets the time
        assertThat(a.estimate().time())
                .isEqualTo(Duration.ofMillis(Math.round(a.estimate().totalCalls() * 1000.0 / 5)));
    }

    @Test
    void aCallLatencyThatIsNotADurationIsRefusedNamingTheKey() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> Assessor.Settings.callLatency(Map.of("lakeport.assess.callLatency", "fast")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lakeport.assess.callLatency=fast");
        assertThat(Assessor.Settings.callLatency(Map.of())).isEqualTo(Assessor.DEFAULT_CALL_LATENCY);
    }
}
