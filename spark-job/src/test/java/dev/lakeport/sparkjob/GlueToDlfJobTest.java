package dev.lakeport.sparkjob;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakeport.apply.ResultLog;
import dev.lakeport.apply.ResultRecord;
import dev.lakeport.apply.RunSummary;
import dev.lakeport.config.MigrationConfig;
import dev.lakeport.config.MigrationConfigLoader;
import dev.lakeport.config.SampleProject;
import dev.lakeport.connector.dlf.DlfCatalogReader;
import dev.lakeport.connector.dlf.DlfCatalogWriter;
import dev.lakeport.connector.dlf.DlfConnector;
import dev.lakeport.diff.DiffRun;
import dev.lakeport.emulator.dlf.DlfEmulator;
import dev.lakeport.emulator.glue.GlueEmulator;
import dev.lakeport.emulator.sample.SampleCatalog;
import dev.lakeport.launch.JobConf;
import dev.lakeport.launch.JobProgress;
import dev.lakeport.launch.JobRecord;
import dev.lakeport.launch.JobRecords;
import dev.lakeport.launch.JobSummary;
import dev.lakeport.mapping.ExclusionRule;
import dev.lakeport.mapping.ExclusionRules;
import dev.lakeport.model.Function;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.ObjectKind;
import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import dev.lakeport.pipeline.ApplyOutcome;
import dev.lakeport.pipeline.ApplyRequest;
import dev.lakeport.pipeline.Migration;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job's driver in local mode ({@code local[2]}) in this JVM, against the Glue and DLF emulators and the sample
 * catalog: it leaves DLF exactly as a direct apply does, reports what it did in the seed's files, turns injected
 * failures into failed items, deletes only when confirmed, converges after being stopped, and leaks no secret.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GlueToDlfJobTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PARTITIONS = 3_000;
    /** The properties file's own keys: the Spark settings must win over them, and neither may leak. */
    private static final String FILE_SECRET = "file-secret-" + "7d6c5b4a3f2e1d0c";

    @TempDir
    static Path dir;

    private GlueEmulator glue;
    private SampleCatalog.Summary sample;
    private DlfEmulator jobDlf;
    private DlfEmulator directDlf;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final List<Path> outputs = new ArrayList<>();

    @BeforeAll
    void start() {
        glue = GlueEmulator.start();
        // Only the key of the Spark settings is let in: a run that used the file's keys would fail.
        glue.allowAccessKeys(SharedSpark.AWS_KEY_ID);
        sample = SampleCatalog.generate(glue.store(), new SampleCatalog.Options(7L, PARTITIONS, "eu-central-1"));
        jobDlf = dlf();
        directDlf = dlf();
    }

    @AfterAll
    void stop() {
        glue.close();
        jobDlf.close();
        directDlf.close();
        SharedSpark.stop();
    }

    private static DlfEmulator dlf() {
        // Signatures are checked against the secret of the Spark settings.
        return DlfEmulator.start().allowAccessKey(SharedSpark.ALIYUN_KEY_ID, SharedSpark.ALIYUN_SECRET);
    }

    // ---- helpers ----

    private Map<String, String> settings(DlfEmulator dlf, Path output, Map<String, String> extra) {
        Map<String, String> s = new LinkedHashMap<>(
                SampleProject.settings(glue.endpoint().toString(), dlf.endpoint(), dlf.catalogId(), output.toString()));
        s.put("aws.accessKeyId", "AKID" + "FROMTHEFILE00001");
        s.put("aws.secretAccessKey", FILE_SECRET);
        s.put("aliyun.accessKeyId", "LTID" + "FromTheFile0001");
        s.put("aliyun.secretAccessKey", FILE_SECRET);
        s.put("lakeport.job.progressIntervalMs", "100");
        s.putAll(extra);
        return s;
    }

    private Path settingsFile(String name, Map<String, String> settings) {
        Path file = dir.resolve(name + ".properties");
        Properties p = new Properties();
        p.putAll(settings);
        try (OutputStream out = Files.newOutputStream(file)) {
            p.store(out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private Path output(String name) {
        Path out = dir.resolve("out-" + name);
        outputs.add(out);
        return out;
    }

    /** Runs the job with its stdout captured (the test reads it; the build log is spared its per-item lines). */
    private JobSummary runJob(String... args) {
        PrintStream captured = new PrintStream(stdout, true, StandardCharsets.UTF_8);
        return MigrationJob.run(SharedSpark.session(), args, captured);
    }

    private JobSummary runJob(Map<String, String> settings, String runId) {
        return runJob(settingsFile(runId, settings).toString(), JobConf.ARG_RUN_ID, runId);
    }

    /** A project that reads and compares the way the desktop does, with the keys of the Spark settings. */
    private Migration direct(String name, DlfEmulator dlf, Map<String, String> extra) {
        Map<String, String> s = settings(dlf, output("direct-" + name), extra);
        s.put("aws.accessKeyId", SharedSpark.AWS_KEY_ID);
        s.put("aws.secretAccessKey", SharedSpark.AWS_SECRET);
        s.put("aliyun.accessKeyId", SharedSpark.ALIYUN_KEY_ID);
        s.put("aliyun.secretAccessKey", SharedSpark.ALIYUN_SECRET);
        s.remove("lakeport.job.progressIntervalMs");
        MigrationConfig config = MigrationConfigLoader.fromMap(s, "test").config();
        return Migration.open(config, dir.resolve(name + ".lakeport.mv.db"), new Properties());
    }

    private DiffRun reDiff(String name, DlfEmulator dlf, Map<String, String> extra) {
        try (Migration m = direct(name, dlf, extra)) {
            Migration.BothLoads loads =
                    m.loadBoth(ProgressListener.NONE, ProgressListener.NONE, CancellationToken.NONE);
            assertThat(loads.complete()).isTrue();
            return m.diff(Set.of(), ProgressListener.NONE, CancellationToken.NONE);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RunSummary.Counts counts(JobSummary s, ObjectKind kind) {
        return s.counts().getOrDefault(kind.itemType(), RunSummary.Counts.ZERO);
    }

    // ---- tests ----

    @Test
    @Order(1)
    void firstRunLeavesDlfAsADirectApplyDoesAndWritesTheSeedsFiles() throws IOException {
        Path out = output("first");
        JobSummary job = runJob(settings(jobDlf, out, Map.of()), "first");

        assertThat(job.error()).isEmpty();
        assertThat(job.hasFailures()).isFalse();
        assertThat(counts(job, ObjectKind.PARTITION).created()).isEqualTo(sample.partitions());
        assertThat(counts(job, ObjectKind.TABLE).created())
                .isEqualTo(glue.store().tableCount());
        assertThat(counts(job, ObjectKind.DATABASE).created()).isEqualTo(sample.databases());
        assertThat(counts(job, ObjectKind.FUNCTION).created()).isEqualTo(sample.functions());

        try (Migration m = direct("direct", directDlf, Map.of())) {
            m.loadBoth(ProgressListener.NONE, ProgressListener.NONE, CancellationToken.NONE);
            DiffRun diff = m.diff(Set.of(), ProgressListener.NONE, CancellationToken.NONE);
            ApplyOutcome applied = m.apply(
                    diff.runId(),
                    new ApplyRequest(32, 0, false, false, OptionalLong.empty()),
                    ProgressListener.NONE,
                    CancellationToken.NONE);
            assertThat(applied.summary().hasFailures()).isFalse();
        }
        Map<ObjectKey, String> byJob = DlfContents.of(jobDlf);
        assertThat(DlfContents.count(byJob, ObjectKind.PARTITION)).isEqualTo(sample.partitions());
        assertThat(byJob).isEqualTo(DlfContents.of(directDlf));
        assertThat(reDiff("after-first", jobDlf, Map.of()).summary().isEmpty()).isTrue();

        // The result log: the seed's fields first (then outcome and key), one line per item, the summary's counts,
        // and it reads back exactly into a project (the desktop stores a job's run this way).
        List<String> results = lines(out.resolve(ResultLog.resultsFileName("first")));
        assertThat((long) results.size()).isEqualTo(job.totals().total());
        for (String line : List.of(results.get(0), results.get(results.size() - 1))) {
            List<String> fields = new ArrayList<>();
            JSON.readTree(line).fieldNames().forEachRemaining(fields::add);
            List<String> expected = new ArrayList<>(List.of(ResultRecord.FIELDS));
            expected.addAll(List.of("outcome", "key"));
            assertThat(fields).containsExactlyElementsOf(expected);
        }
        assertThat(dev.lakeport.apply.ResultFiles.read(out.resolve(ResultLog.resultsFileName("first"))))
                .hasSize(results.size());
        Map<String, Long> partitionResults = results.stream()
                .map(this::tree)
                .filter(n -> n.get("itemType").asText().equals("partition"))
                .collect(Collectors.groupingBy(n -> n.get("diffResult").asText(), Collectors.counting()));
        assertThat(partitionResults).containsExactly(Map.entry("glueNew", sample.partitions()));
        // Partitions are named by their tables' keys, as a direct run and the desktop name them.
        assertThat(results.stream()
                        .map(this::tree)
                        .filter(n -> n.get("itemType").asText().equals("partition"))
                        .map(n -> n.get("itemName").asText()))
                .allMatch(name -> name.matches("[^/]+\\.[^/]+(/[^/=]+=[^/=]*)+"), "db.table/key=value/...");
        List<String> csv = lines(out.resolve(ResultLog.csvFileName("first")));
        assertThat(csv.get(0)).isEqualTo(String.join(",", ResultRecord.FIELDS));
        assertThat(csv).hasSize(results.size() + 1);
        assertThat(lines(out.resolve(ResultLog.failedFileName("first")))).isEmpty();
        assertThat(job.files()).hasSize(4).allSatisfy(f -> assertThat(f)
                .contains(out.getFileName().toString()));

        // Progress: records of every phase, in order, then the summary, in the file and on stdout.
        List<JobRecord> records = lines(out.resolve(MigrationJob.progressFileName("first"))).stream()
                .map(l -> JobRecords.parse(l).orElseThrow())
                .toList();
        List<String> phases = records.stream()
                .filter(r -> r instanceof JobProgress)
                .map(r -> ((JobProgress) r).phase())
                .distinct()
                .toList();
        assertThat(phases).containsExactly(JobProgress.EXTRACT, JobProgress.TRANSFORM, JobProgress.LOAD);
        JobProgress lastLoad = (JobProgress) records.get(records.size() - 2);
        assertThat(lastLoad.done())
                .isEqualTo(lastLoad.total())
                .isEqualTo(job.totals().total());
        assertThat(JobRecords.toJson(records.get(records.size() - 1))).isEqualTo(JobRecords.toJson(job));
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains(JobRecords.toLogLine(job));

        // Run again with nothing changed: nothing to do.
        JobSummary again = runJob(settings(jobDlf, output("again"), Map.of()), "again");
        assertThat(again.error()).isEmpty();
        assertThat(again.totals().total()).isZero();
    }

    private JsonNode tree(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample's database with the fewest partitions (but some): a quick scope for slow scenarios. */
    private String smallDatabase() {
        String best = null;
        long fewest = Long.MAX_VALUE;
        for (String db : glue.store().databaseNames()) {
            long n = glue.store().tableNames(db).stream()
                    .mapToLong(t -> glue.store().partitionCount(db, t))
                    .sum();
            if (n > 0 && n < fewest) {
                fewest = n;
                best = db;
            }
        }
        return best;
    }

    private long partitionsOf(String db) {
        return glue.store().tableNames(db).stream()
                .mapToLong(t -> glue.store().partitionCount(db, t))
                .sum();
    }

    @Test
    @Order(2)
    void failuresInjectedInDlfBecomeFailedItemsAndARerunConverges() {
        String db = smallDatabase();
        Map<String, String> scope = Map.of("aws.databases", db);
        try (DlfEmulator faulty = dlf()) {
            SparkContext sc = SharedSpark.session().sparkContext();
            SparkListener failLoad = new SparkListener() {
                @Override
                public void onJobStart(SparkListenerJobStart start) {
                    if (MigrationJob.LOAD_JOB.equals(start.properties().getProperty("spark.job.description"))) {
                        // From the load on, every DLF call fails with a 5xx: retried, then recorded as failed.
                        faulty.faults().failAfterCalls(0);
                    }
                }
            };
            sc.addSparkListener(failLoad);
            JobSummary job;
            Path out = output("faulty");
            try {
                job = runJob(settings(faulty, out, scope), "faulty");
            } finally {
                sc.removeSparkListener(failLoad);
                faulty.faults().reset();
            }
            assertThat(job.error()).isEmpty();
            assertThat(counts(job, ObjectKind.TABLE).failed()).isZero();
            assertThat(counts(job, ObjectKind.PARTITION).failed()).isEqualTo(partitionsOf(db));
            assertThat(job.hasFailures()).isTrue();
            List<String> failed = lines(out.resolve(ResultLog.failedFileName("faulty")));
            assertThat(failed).hasSize((int) partitionsOf(db));
            // The connector's summary of the last attempt, after the retries: the call and what DLF said.
            assertThat(tree(failed.get(0)).get("errorMsg").asText())
                    .contains("DLF BatchCreatePartitions")
                    .containsAnyOf("InternalError", "ServiceUnavailable");
            assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("failed {\"itemType\":\"partition\"");

            JobSummary rerun = runJob(settings(faulty, output("faulty-rerun"), scope), "faulty-rerun");
            assertThat(rerun.hasFailures()).isFalse();
            assertThat(counts(rerun, ObjectKind.PARTITION).created()).isEqualTo(partitionsOf(db));
            assertThat(counts(rerun, ObjectKind.TABLE).total()).isZero();
            assertThat(reDiff("faulty", faulty, scope).summary().isEmpty()).isTrue();
        }
    }

    @Test
    @Order(3)
    void deletionsRunOnlyWhenTurnedOnAndConfirmedWithTheExactCount() {
        // Four objects only in DLF: three partitions of a table and a function.
        ObjectKey tableKey;
        try (DlfConnector c = DlfConnector.create(DlfContents.config(jobDlf));
                DlfCatalogReader reader = c.reader();
                DlfCatalogWriter writer = c.writer()) {
            Table table = glue.store().databaseNames().stream()
                    .flatMap(d -> reader.tables(d).filter(Table::isPartitioned))
                    .filter(t -> glue.store().partitionCount(t.databaseName(), t.name()) > 0)
                    .findFirst()
                    .orElseThrow();
            tableKey = table.key();
            Partition p;
            try (Stream<Partition> s = reader.partitions(table, Optional.empty())) {
                p = s.findFirst().orElseThrow();
            }
            List<Partition> extra = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                List<String> values = new ArrayList<>(p.values());
                values.set(0, "zz-only-in-dlf-" + i);
                extra.add(new Partition(
                        p.databaseName(),
                        p.tableName(),
                        values,
                        p.storageDescriptor(),
                        p.parameters(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty()));
            }
            assertThat(writer.createPartitions(table, extra).failures()).isEmpty();
            writer.createFunction(new Function(
                    table.databaseName(),
                    "only_in_dlf",
                    "com.example.OnlyInDlf",
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of("JAVA"),
                    List.of(),
                    Optional.empty()));
        }
        Map<ObjectKey, String> withExtras = DlfContents.of(jobDlf);

        JobSummary off = runJob(settings(jobDlf, output("deletes-off"), Map.of()), "deletes-off");
        assertThat(off.error()).isEmpty();
        assertThat(counts(off, ObjectKind.PARTITION).skipped()).isEqualTo(3);
        assertThat(counts(off, ObjectKind.FUNCTION).skipped()).isEqualTo(1);
        assertThat(off.totals().deleted()).isZero();
        assertThat(DlfContents.of(jobDlf)).isEqualTo(withExtras);

        Path wrongOut = output("deletes-wrong");
        JobSummary wrong = runJob(
                settings(jobDlf, wrongOut, Map.of("lakeport.allowDeletes", "true", "lakeport.confirmDeletes", "3")),
                "deletes-wrong");
        assertThat(wrong.error()).hasValueSatisfying(e -> assertThat(e)
                .contains("confirmed 3 deletions but this plan deletes 4 objects"));
        assertThat(DlfContents.of(jobDlf)).isEqualTo(withExtras);
        assertThat(Files.exists(wrongOut.resolve(ResultLog.resultsFileName("deletes-wrong"))))
                .isFalse();
        assertThat(wrong.totals().total()).isZero();

        JobSummary right = runJob(
                settings(
                        jobDlf,
                        output("deletes-right"),
                        Map.of("lakeport.allowDeletes", "true", "lakeport.confirmDeletes", "4")),
                "deletes-right");
        assertThat(right.error()).isEmpty();
        assertThat(counts(right, ObjectKind.PARTITION).deleted()).isEqualTo(3);
        assertThat(counts(right, ObjectKind.FUNCTION).deleted()).isEqualTo(1);
        Map<ObjectKey, String> after = DlfContents.of(jobDlf);
        assertThat(after).doesNotContainKey(ObjectKey.function(tableKey.database(), "only_in_dlf"));
        assertThat(after).isEqualTo(DlfContents.of(directDlf));
    }

    @Test
    @Order(4)
    void aJobStoppedMidLoadConvergesWhenSubmittedAgain() throws Exception {
        try (DlfEmulator fresh = dlf()) {
            // Slow calls and few in flight, so that the load is well under way, not over, when it is stopped.
            fresh.faults().latency(java.time.Duration.ofMillis(40));
            SparkContext sc = SharedSpark.session().sparkContext();
            CompletableFuture<Void> stopper = CompletableFuture.runAsync(() -> {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (fresh.store().partitionCount() < 300 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                sc.cancelAllJobs();
            });
            Map<String, String> slow = Map.of("lakeport.concurrency", "2");
            JobSummary stopped = runJob(settings(fresh, output("stopped"), slow), "stopped");
            stopper.get(2, TimeUnit.MINUTES);
            assertThat(stopped.error()).isPresent();
            assertThat(fresh.store().partitionCount())
                    .isGreaterThanOrEqualTo(300)
                    .isLessThan(sample.partitions());

            fresh.faults().reset();
            JobSummary again = runJob(settings(fresh, output("resumed"), Map.of()), "resumed");
            assertThat(again.error()).isEmpty();
            assertThat(again.hasFailures()).isFalse();
            // Only what was left is written; what the stopped run wrote is not written again.
            assertThat(counts(again, ObjectKind.PARTITION).created())
                    .isPositive()
                    .isLessThan(sample.partitions());
            assertThat(DlfContents.of(fresh)).isEqualTo(DlfContents.of(directDlf));
        }
    }

    @Test
    @Order(5)
    void settingsPassedInlineWorkLikeAFile() {
        Map<String, String> s = settings(jobDlf, output("inline"), Map.of());
        StringBuilder text = new StringBuilder();
        s.forEach((k, v) ->
                text.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
        String b64 = Base64.getEncoder().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
        JobSummary job = runJob(JobConf.ARG_SETTINGS_BASE64, b64, JobConf.ARG_RUN_ID, "inline");
        assertThat(job.error()).isEmpty();
        assertThat(job.totals().total()).isZero();

        JobSummary bad = runJob("--no-such-option");
        assertThat(bad.error()).hasValueSatisfying(e -> assertThat(e).contains("unknown option --no-such-option"));
    }

    @Test
    @Order(100)
    void noSecretReachesTheEventLogTheLogsOrTheFiles() throws IOException {
        SparkContext sc = SharedSpark.session().sparkContext();
        assertThat(sc.getConf().get(JobConf.credentialSetting("aws.secretAccessKey")))
                .isEqualTo(SharedSpark.AWS_SECRET);
        SharedSpark.stop(); // the event log is complete once the application ends
        List<String> secrets = List.of(
                SharedSpark.AWS_SECRET,
                SharedSpark.ALIYUN_SECRET,
                SharedSpark.AWS_KEY_ID,
                SharedSpark.ALIYUN_KEY_ID,
                FILE_SECRET);
        Map<Path, String> scanned = new HashMap<>();
        List<Path> places = new ArrayList<>(outputs);
        places.add(SharedSpark.eventLogDir());
        for (Path place : places) {
            if (!Files.exists(place)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(place)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    scanned.put(f, Files.readString(f, StandardCharsets.ISO_8859_1));
                }
            }
        }
        Path log = Path.of(System.getProperty("lakeport.test.log", "target/spark-job-test.log"));
        scanned.put(log, Files.readString(log, StandardCharsets.ISO_8859_1));
        scanned.put(Path.of("stdout"), stdout.toString(StandardCharsets.UTF_8));

        String eventLog = scanned.entrySet().stream()
                .filter(e -> e.getKey().startsWith(SharedSpark.eventLogDir()))
                .map(Map.Entry::getValue)
                .collect(Collectors.joining());
        // The settings were there and Spark redacted them: the scan below is not vacuous.
        assertThat(eventLog)
                .contains(JobConf.credentialSetting("aws.secretAccessKey"))
                .contains("*********(redacted)");
        assertThat(scanned.get(log)).contains("lakeport run");
        assertThat(scanned.keySet().stream().filter(p -> p.toString().contains("result-first")))
                .isNotEmpty();
        for (Map.Entry<Path, String> e : scanned.entrySet()) {
            for (String secret : secrets) {
                assertThat(e.getValue()).as("%s holds a secret", e.getKey()).doesNotContain(secret);
            }
        }
    }

    @Test
    @Order(20)
    void exclusionRulesInTheSettingsKeepTheirObjectsOutOfTheDestination() {
        String db = smallDatabase();
        List<String> tables = glue.store().tableNames(db).stream()
                .filter(t -> glue.store().partitionCount(db, t) > 1)
                .toList();
        String excludedTable = tables.get(0);
        String partly = tables.size() > 1 ? tables.get(1) : tables.get(0);
        List<List<String>> partlyValues = new ArrayList<>();
        glue.store().forEachPartition(db, partly, p -> {
            List<String> v = new ArrayList<>();
            p.get("Values").forEach(n -> v.add(n.asText()));
            partlyValues.add(v);
        });
        List<String> excludedPartition = partlyValues.get(0);
        ExclusionRules rules = ExclusionRules.of(List.of(
                ExclusionRule.table(db, excludedTable), ExclusionRule.partition(db, partly, excludedPartition)));
        Map<String, String> extra = new LinkedHashMap<>(Map.of("aws.databases", db));
        extra.putAll(rules.toSettings());
        try (DlfEmulator fresh = dlf()) {
            JobSummary job = runJob(settings(fresh, output("excluded"), extra), "excluded");
            assertThat(job.error()).isEmpty();
            assertThat(job.hasFailures()).isFalse();
            Map<ObjectKey, String> arrived = DlfContents.of(fresh);
            assertThat(arrived.keySet())
                    .noneMatch(k -> k.name().equals(java.util.Optional.of(excludedTable)))
                    .doesNotContain(ObjectKey.partition(db, partly, excludedPartition));
            for (List<String> v : partlyValues.subList(1, partlyValues.size())) {
                assertThat(arrived).containsKey(ObjectKey.partition(db, partly, v));
            }
            long expected = partitionsOf(db) - glue.store().partitionCount(db, excludedTable) - 1;
            assertThat(DlfContents.count(arrived, ObjectKind.PARTITION)).isEqualTo(expected);
        }
    }
}
