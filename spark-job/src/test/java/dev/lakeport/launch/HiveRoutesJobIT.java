package dev.lakeport.launch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakeport.apply.ResultLog;
import dev.lakeport.apply.RunSummary;
import dev.lakeport.canonical.CanonicalForm;
import dev.lakeport.config.ConfigKeys;
import dev.lakeport.config.MigrationConfig;
import dev.lakeport.config.MigrationConfigLoader;
import dev.lakeport.config.SampleProject;
import dev.lakeport.connector.CatalogReader;
import dev.lakeport.connector.dlf.DlfConnector;
import dev.lakeport.connector.dlf.DlfConnectorConfig;
import dev.lakeport.connector.hive.HiveConnector;
import dev.lakeport.connector.hive.HiveConnectorConfig;
import dev.lakeport.diff.DiffRun;
import dev.lakeport.emulator.dlf.DlfEmulator;
import dev.lakeport.emulator.glue.GlueEmulator;
import dev.lakeport.emulator.glue.GlueStore;
import dev.lakeport.emulator.sample.SampleCatalog;
import dev.lakeport.model.CatalogObject;
import dev.lakeport.model.Database;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.ObjectKind;
import dev.lakeport.model.Partition;
import dev.lakeport.model.StorageDescriptor;
import dev.lakeport.model.Table;
import dev.lakeport.pipeline.ApplyOutcome;
import dev.lakeport.pipeline.ApplyRequest;
import dev.lakeport.pipeline.Migration;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import dev.lakeport.secret.AliyunCredentials;
import dev.lakeport.secret.Secret;
import dev.lakeport.sparkjob.TestingHiveCatalog;
import dev.lakeport.sparkjob.TestingHiveMetastoreProcess;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real job jar (its metastore Thrift API relocated) submitted with spark-submit, {@code local[2]}, on the Hive
 * routes: a real Hive Metastore 4.0.1 in a process of its own (Spark never meets its classes), seeded with the Hive
 * connector's writer, and the DLF emulator in this process; then Glue -> Hive, the Glue emulator's sample into that
 * metastore.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HiveRoutesJobIT {
    private static final Duration RUN = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    // Built by concatenation: the repository refuses literal access keys.
    private static final String ALIYUN_KEY_ID = "LTAI" + "5tLakeportHiveIt1";
    private static final String ALIYUN_SECRET = "aliyun-secret-" + "hive-route-4c7e1a";
    private static final String AWS_KEY_ID = "AKIA" + "LAKEPORTHIVEIT01";
    private static final String AWS_SECRET = "aws-secret-" + "hive-route-9b2d6f";
    private static final JobCredentials CREDENTIALS = new JobCredentials(Map.of(
            "aws.accessKeyId", Secret.of(AWS_KEY_ID),
            "aws.secretAccessKey", Secret.of(AWS_SECRET),
            "aliyun.accessKeyId", Secret.of(ALIYUN_KEY_ID),
            "aliyun.secretAccessKey", Secret.of(ALIYUN_SECRET)));
    private static final Map<String, String> SPARK_CONF =
            Map.of("spark.ui.enabled", "false", "spark.sql.shuffle.partitions", "4");

    @TempDir
    static Path dir;

    private TestingHiveMetastoreProcess metastore;
    private TestingHiveCatalog hive;
    private DlfEmulator dlf;
    private Path jar;

    @BeforeAll
    void start() {
        jar = Path.of(System.getProperty(JobJar.PROPERTY));
        assertThat(jar).as("the job jar (package spark-job first)").isRegularFile();
        metastore = TestingHiveMetastoreProcess.start(dir.resolve("metastore"));
        hive = TestingHiveCatalog.seed(metastore.uri());
        dlf = DlfEmulator.start().allowAccessKey(ALIYUN_KEY_ID, ALIYUN_SECRET);
    }

    @AfterAll
    void stop() {
        if (dlf != null) {
            dlf.close();
        }
        if (metastore != null) {
            metastore.close();
        }
    }

    private Map<String, String> hiveToDlf(String runId) {
        return hiveToDlf(dlf, runId);
    }

    private Map<String, String> hiveToDlf(DlfEmulator target, String runId) {
        Map<String, String> s = parse(SampleProject.hiveToDlfProperties(
                metastore.uri().toString(),
                target.endpoint(),
                target.catalogId(),
                dir.resolve("out-" + runId).toString()));
        ConfigKeys.SECRET_KEYS.forEach(s::remove);
        s.put("location.convertMap", TestingHiveCatalog.CONVERT_MAP);
        // the seeded databases only: the Glue -> Hive run puts the sample's beside them
        s.put(ConfigKeys.AWS_DATABASES, String.join(",", hive.databaseNames()));
        s.put(JobConf.PROGRESS_INTERVAL_MS, "200");
        return s;
    }

    private JobSummary submit(String runId, Map<String, String> settings) throws InterruptedException {
        Properties p = new Properties();
        p.putAll(settings);
        JobSubmission submission = new JobSubmission(runId, "lakeport-it-" + runId, p, CREDENTIALS, jar, Map.of());
        JobLauncher launcher = JobLaunchers.forProfile(new ClusterProfile.SparkSubmit(
                "it", TestingSparkHome.get(), Optional.empty(), "local[2]", "client", SPARK_CONF));
        CollectingListener heard = new CollectingListener();
        JobHandle handle = launcher.submit(submission, heard);
        JobState end = handle.await(RUN);
        String log = String.join("\n", handle.logTail(80));
        assertThat(end)
                .as("run %s: %s%n%s%nmetastore:%n%s", runId, handle.error(), log, metastore.outputTail())
                .isEqualTo(JobState.FINISHED);
        JobSummary summary = handle.summary().orElseThrow();
        assertThat(summary.error()).as(runId).isEmpty();
        assertThat(summary.hasFailures()).as(runId).isFalse();
        assertThat(log + String.join("\n", heard.lines)).doesNotContain(ALIYUN_SECRET, AWS_SECRET);
        return summary;
    }

    private static RunSummary.Counts counts(JobSummary s, ObjectKind kind) {
        return s.counts().getOrDefault(kind.itemType(), RunSummary.Counts.ZERO);
    }

    @Test
    @Order(1)
    void hiveToDlfCreatesEveryObjectWithItsLocationConvertedAndARerunWritesNothing() throws Exception {
        JobSummary first = submit("hive-first", hiveToDlf("hive-first"));

        assertThat(counts(first, ObjectKind.DATABASE).created()).isEqualTo(hive.count(ObjectKind.DATABASE));
        assertThat(counts(first, ObjectKind.TABLE).created()).isEqualTo(hive.count(ObjectKind.TABLE));
        assertThat(counts(first, ObjectKind.PARTITION).created()).isEqualTo(hive.count(ObjectKind.PARTITION));
        assertThat(first.totals().total()).isEqualTo(hive.locations().size());

        // Object by object: every seeded key is in DLF, nothing else, each at its converted location.
        Map<ObjectKey, CatalogObject> arrived = dlfContents();
        assertThat(arrived.keySet())
                .containsExactlyInAnyOrderElementsOf(hive.locations().keySet());
        hive.locations().forEach((key, source) -> assertThat(location(arrived.get(key)))
                .as("location of %s", key)
                .isEqualTo(TestingHiveCatalog.converted(source)));
        Table orders = (Table) arrived.get(ObjectKey.table("it_sales", "orders"));
        assertThat(orders.partitionKeys().stream().map(c -> c.name())).containsExactly("dt", "region");
        assertThat(orders.storageDescriptor().orElseThrow().columns().stream().map(c -> c.name() + ":" + c.type()))
                .containsExactly("order_id:bigint", "amount:decimal(18,2)");
        assertThat(arrived.keySet().stream()
                        .filter(k -> k.kind() == ObjectKind.PARTITION)
                        .map(k -> k.database() + "." + k.name().orElseThrow() + k.partitionValues()))
                .containsExactlyInAnyOrder(
                        "it_sales.orders[20240101, eu]",
                        "it_sales.orders[20240101, us west]",
                        "it_sales.orders[20240102, o'hare]",
                        "it_hr.staff[2023]",
                        "it_hr.staff[2024]");

        // The result log speaks the route's words: every item created is hiveNew, and succeeded.
        List<JsonNode> results = resultLines("hive-first");
        assertThat(results).hasSize(hive.locations().size());
        assertThat(results).allSatisfy(r -> {
            assertThat(r.get("diffResult").asText()).isEqualTo("hiveNew");
            assertThat(r.get("isSuccess").asBoolean()).isTrue();
        });
        assertThat(results.stream().map(r -> r.get("itemName").asText()))
                .contains("it_sales", "it_sales.orders", "it_sales.orders/dt=20240101/region=us west");

        // What the job left in DLF is what a run from this machine (the desktop's, the command line's) leaves, and
        // comparing the two sides afresh finds nothing to do.
        try (DlfEmulator directDlf = DlfEmulator.start().allowAccessKey(ALIYUN_KEY_ID, ALIYUN_SECRET)) {
            try (Migration direct = project("direct", hiveToDlf(directDlf, "direct"))) {
                DiffRun diff = direct.diff(Set.of(), ProgressListener.NONE, CancellationToken.NONE);
                ApplyOutcome applied = direct.apply(
                        diff.runId(),
                        new ApplyRequest(8, 0, false, false, OptionalLong.empty()),
                        ProgressListener.NONE,
                        CancellationToken.NONE);
                assertThat(applied.summary().hasFailures()).isFalse();
            }
            assertThat(canonical(arrived)).isEqualTo(canonical(dlfContents(directDlf)));
        }
        try (Migration reDiff = project("rediff", hiveToDlf("rediff"))) {
            assertThat(reDiff.diff(Set.of(), ProgressListener.NONE, CancellationToken.NONE)
                            .summary()
                            .isEmpty())
                    .isTrue();
        }

        // Again with nothing changed: nothing to write, DLF as it was.
        JobSummary again = submit("hive-again", hiveToDlf("hive-again"));
        assertThat(again.totals().total()).isZero();
        assertThat(resultLines("hive-again")).isEmpty();
        assertThat(dlfContents()).isEqualTo(arrived);
    }

    @Test
    @Order(2)
    void glueToHiveCreatesTheSampleInTheMetastoreAndARerunWritesNothing() throws Exception {
        try (GlueEmulator glue = GlueEmulator.start()) {
            glue.allowAccessKeys(AWS_KEY_ID);
            SampleCatalog.generate(glue.store(), new SampleCatalog.Options(5L, 120, SampleProject.REGION));
            // Every database, also one without a location: the metastore puts it at its default place, which Lakeport
            // reads as no location, so it compares equal.
            List<String> databases = List.copyOf(glue.store().databaseNames());
            assertThat(databases).isNotEmpty().doesNotContainAnyElementsOf(hive.databaseNames());
            Map<ObjectKey, String> inGlue = glueLocations(glue.store(), databases);

            JobSummary first = submit("glue-first", glueToHive(glue, databases, "glue-first"));

            assertThat(first.totals().created()).isEqualTo(inGlue.size());
            Map<ObjectKey, CatalogObject> arrived = hiveContents(databases::contains);
            assertThat(arrived.keySet()).containsExactlyInAnyOrderElementsOf(inGlue.keySet());
            // Locations kept (the route's convertMap is empty), as the metastore keeps them: no trailing slash.
            inGlue.forEach((key, location) -> assertThat(normalized(location(arrived.get(key))))
                    .as("location of %s", key)
                    .isEqualTo(normalized(location)));
            List<JsonNode> results = resultLines("glue-first");
            assertThat(results).hasSize(inGlue.size()).allSatisfy(r -> {
                assertThat(r.get("diffResult").asText()).isEqualTo("glueNew");
                assertThat(r.get("isSuccess").asBoolean()).isTrue();
            });

            JobSummary again = submit("glue-again", glueToHive(glue, databases, "glue-again"));
            assertThat(again.totals().total()).isZero();
            assertThat(hiveContents(databases::contains)).isEqualTo(arrived);
        }
    }

    @Test
    @Order(3)
    void theJarCarriesTheMetastoreApiOnlyUnderItsOwnNames() throws IOException {
        // A cluster's Spark brings Hive 2.3's metastore classes and an older libthrift under the original names: the
        // job's 4.0 API (which the runs above used) must not be there to clash with them.
        List<String> entries;
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
            entries = file.stream().map(java.util.zip.ZipEntry::getName).toList();
        }
        assertThat(entries)
                .noneMatch(e -> e.startsWith("org/apache/thrift/")
                        || e.startsWith("org/apache/hadoop/hive/")
                        || e.startsWith("com/facebook/fb303/"))
                .contains(
                        "dev/lakeport/shaded/hive/metastore/api/ThriftHiveMetastore$Client.class",
                        "dev/lakeport/shaded/thrift/TServiceClient.class");
    }

    /** A location as a metastore keeps it: none when empty, no trailing slash. */
    private static String normalized(String location) {
        return location == null || location.isEmpty() ? null : location.replaceAll("/+$", "");
    }

    private Map<String, String> glueToHive(GlueEmulator glue, List<String> databases, String runId) {
        Map<String, String> s = parse(SampleProject.glueToHiveProperties(
                glue.endpoint().toString(),
                metastore.uri().toString(),
                dir.resolve("out-" + runId).toString()));
        ConfigKeys.SECRET_KEYS.forEach(s::remove);
        s.put(ConfigKeys.AWS_DATABASES, String.join(",", databases));
        s.put(JobConf.PROGRESS_INTERVAL_MS, "200");
        return s;
    }

    /**
     * Every database, table, partition and function the Glue emulator holds in {@code databases}, with its location
     * (none for a function).
     */
    private static Map<ObjectKey, String> glueLocations(GlueStore store, List<String> databases) {
        Map<ObjectKey, String> all = new TreeMap<>();
        for (String db : databases) {
            all.put(
                    ObjectKey.database(db),
                    store.getDatabase(db).orElseThrow().path("LocationUri").asText());
            for (String function : store.functionNames(db)) {
                all.put(ObjectKey.function(db, function), null);
            }
            for (String table : store.tableNames(db)) {
                var t = store.getTable(db, table).orElseThrow();
                all.put(
                        ObjectKey.table(db, table),
                        t.path("StorageDescriptor").path("Location").asText(null));
                store.forEachPartition(db, table, p -> {
                    List<String> values = new java.util.ArrayList<>();
                    p.get("Values").forEach(v -> values.add(v.asText()));
                    all.put(
                            ObjectKey.partition(db, table, values),
                            p.path("StorageDescriptor").path("Location").asText(null));
                });
            }
        }
        return all;
    }

    /** A project on {@code settings} with the keys of the submission, both sides loaded. */
    private static Migration project(String name, Map<String, String> settings) {
        Map<String, String> s = new HashMap<>(settings);
        s.remove(JobConf.PROGRESS_INTERVAL_MS);
        s.put(ConfigKeys.ALIYUN_ACCESS_KEY_ID, ALIYUN_KEY_ID);
        s.put(ConfigKeys.ALIYUN_SECRET_ACCESS_KEY, ALIYUN_SECRET);
        MigrationConfig config = MigrationConfigLoader.fromMap(s, "test").config();
        Migration m = Migration.open(config, dir.resolve(name + ".lakeport.mv.db"), new Properties());
        assertThat(m.loadBoth(ProgressListener.NONE, ProgressListener.NONE, CancellationToken.NONE)
                        .complete())
                .isTrue();
        return m;
    }

    /** Objects as a diff compares them. */
    private static Map<ObjectKey, String> canonical(Map<ObjectKey, CatalogObject> objects) {
        Map<ObjectKey, String> out = new TreeMap<>();
        objects.forEach((k, o) -> out.put(k, new String(CanonicalForm.toBytes(o), StandardCharsets.UTF_8)));
        return out;
    }

    private List<JsonNode> resultLines(String runId) throws IOException {
        Path file = dir.resolve("out-" + runId).resolve(ResultLog.resultsFileName(runId));
        assertThat(file).isRegularFile();
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank())
                .map(l -> {
                    try {
                        return JSON.readTree(l);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .toList();
    }

    private static Optional<String> sdLocation(Optional<StorageDescriptor> sd) {
        return sd.flatMap(StorageDescriptor::location);
    }

    private static String location(CatalogObject o) {
        Optional<String> location = Optional.empty();
        if (o instanceof Database d) {
            location = d.locationUri();
        } else if (o instanceof Table t) {
            location = sdLocation(t.storageDescriptor());
        } else if (o instanceof Partition p) {
            location = sdLocation(p.storageDescriptor());
        }
        return location.orElse(null);
    }

    /** Everything DLF holds, read back through the connector. */
    private Map<ObjectKey, CatalogObject> dlfContents() {
        return dlfContents(dlf);
    }

    private static Map<ObjectKey, CatalogObject> dlfContents(DlfEmulator dlf) {
        DlfConnectorConfig config = DlfConnectorConfig.of(
                        "eu-central-1",
                        dlf.endpoint(),
                        new AliyunCredentials.StaticKeys(ALIYUN_KEY_ID, Secret.of(ALIYUN_SECRET), Optional.empty()))
                .withProtocol("HTTP")
                .withCatalogId(dlf.catalogId());
        try (DlfConnector connector = DlfConnector.create(config);
                CatalogReader reader = connector.reader()) {
            return contents(reader, db -> true);
        }
    }

    /** What the metastore holds in the databases {@code included} lets in, read back through the Hive connector. */
    private Map<ObjectKey, CatalogObject> hiveContents(Predicate<String> included) {
        try (HiveConnector connector = new HiveConnector(HiveConnectorConfig.of(List.of(metastore.uri())));
                CatalogReader reader = connector.reader()) {
            return contents(reader, included);
        }
    }

    private static Map<ObjectKey, CatalogObject> contents(CatalogReader reader, Predicate<String> included) {
        Map<ObjectKey, CatalogObject> all = new TreeMap<>();
        List<Database> databases;
        try (Stream<Database> s = reader.databases()) {
            databases = s.filter(d -> included.test(d.name())).toList();
        }
        for (Database d : databases) {
            all.put(d.key(), d);
            List<Table> tables;
            try (Stream<Table> s = reader.tables(d.name())) {
                tables = s.toList();
            }
            for (Table t : tables) {
                all.put(t.key(), t);
                if (t.isPartitioned()) {
                    try (Stream<Partition> s = reader.partitions(t, Optional.empty())) {
                        s.forEach(p -> all.put(p.key(), p));
                    }
                }
            }
            try (var s = reader.functions(d.name())) {
                s.forEach(f -> all.put(f.key(), f));
            }
        }
        return all;
    }

    private static Map<String, String> parse(String properties) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(properties));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.stringPropertyNames().stream()
                .collect(Collectors.toMap(k -> k, p::getProperty, (a, b) -> a, HashMap::new));
    }
}
