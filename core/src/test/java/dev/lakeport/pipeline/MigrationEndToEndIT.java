package dev.lakeport.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeport.config.MigrationConfig;
import dev.lakeport.config.MigrationConfigLoader;
import dev.lakeport.diff.DiffQuery;
import dev.lakeport.diff.DiffResult;
import dev.lakeport.diff.DiffRun;
import dev.lakeport.diff.StoredDiffEntry;
import dev.lakeport.emulator.dlf.DlfEmulator;
import dev.lakeport.emulator.glue.GlueEmulator;
import dev.lakeport.emulator.sample.SampleCatalog;
import dev.lakeport.load.LoadSummary;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.ObjectKind;
import dev.lakeport.plan.DeleteConfirmationException;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import dev.lakeport.snapshot.CloseableIterator;
import dev.lakeport.snapshot.Side;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.BatchDeletePartitionRequest;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.GetPartitionsRequest;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.PartitionValueList;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * The whole Glue → DLF migration on the emulators, as a user runs it: the sample catalog (10,000 partitions) is
 * loaded, diffed, applied and verified; then the source changes and the incremental diff holds exactly those changes;
 * then runs under injected faults and a run stopped half-way both converge.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MigrationEndToEndIT {
    private static final ProgressListener QUIET = ProgressListener.NONE;
    private static final CancellationToken NEVER = CancellationToken.NONE;

    @TempDir
    static Path dir;

    private GlueEmulator glue;
    private DlfEmulator dlf;
    private GlueClient glueClient;
    private MigrationConfig config;
    private SampleCatalog.Summary sample;

    @BeforeAll
    void startEmulators() {
        glue = GlueEmulator.start();
        dlf = DlfEmulator.start();
        sample = SampleCatalog.generate(glue.store(), new SampleCatalog.Options(7L, 10_000, "eu-central-1"));
        glueClient = GlueClient.builder()
                .endpointOverride(glue.endpoint())
                .region(Region.EU_CENTRAL_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test")))
                .overrideConfiguration(c -> c.retryPolicy(RetryPolicy.none()))
                .build();
        config = config(dlf, Map.of());
    }

    @AfterAll
    void stopEmulators() {
        glueClient.close();
        glue.close();
        dlf.close();
    }

    private MigrationConfig config(DlfEmulator destination, Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>();
        settings.put("aws.accessKeyId", "AKIDTEST");
        settings.put("aws.secretAccessKey", "test-secret");
        settings.put("aws.region", "eu-central-1");
        settings.put("aliyun.accessKeyId", "LTTEST");
        settings.put("aliyun.secretAccessKey", "test-secret");
        settings.put("aliyun.region", "eu-central-1");
        settings.put("aliyun.endpoint", destination.endpoint());
        settings.put("aliyun.catalogId", destination.catalogId());
        settings.put("lakeport.aliyun.protocol", "HTTP");
        settings.put("lakeport.aws.endpoint", glue.endpoint().toString());
        settings.put(
                "location.convertMap",
                "{\"s3://lakeport-sample-eu-central-1/\":\"oss://lakeport-sample-eu-central-1/\"}");
        settings.put("result.output.path", dir.resolve("results").toString());
        settings.putAll(extra);
        return MigrationConfigLoader.fromMap(settings, "test").config();
    }

    private Migration open(String name, MigrationConfig c) {
        return Migration.open(c, dir.resolve(name + ".lakeport.mv.db"), new Properties());
    }

    private static ApplyRequest apply() {
        return new ApplyRequest(32, 0, false, false, OptionalLong.empty());
    }

    private static DiffRun loadAndDiff(Migration m) {
        LoadSummary source = m.load(Side.SOURCE, QUIET, NEVER);
        LoadSummary destination = m.load(Side.DESTINATION, QUIET, NEVER);
        assertThat(source.failures()).isEmpty();
        assertThat(destination.failures()).isEmpty();
        return m.diff(Set.of(), QUIET, NEVER);
    }

    private static Map<ObjectKey, DiffResult> entries(Migration m, DiffRun run) {
        Map<ObjectKey, DiffResult> map = new HashMap<>();
        try (CloseableIterator<StoredDiffEntry> it = m.diffs().stream(run.runId(), DiffQuery.all())) {
            it.forEachRemaining(e -> map.put(e.entry().key(), e.entry().result()));
        }
        return map;
    }

    @Test
    @Order(1)
    void firstMigrationCreatesEverythingAndReDiffIsEmpty() {
        try (Migration m = open("main", config)) {
            DiffRun diff = loadAndDiff(m);
            assertThat(diff.summary().total(DiffResult.CREATE))
                    .isEqualTo(sample.databases() + sample.tables() + sample.partitions() + sample.functions());
            assertThat(diff.summary().total(DiffResult.DELETE)).isZero();

            ApplyOutcome outcome = m.apply(diff.runId(), apply(), QUIET, NEVER);
            assertThat(outcome.summary().hasFailures()).isFalse();
            assertThat(Files.exists(outcome.resultsFile())).isTrue();
            assertThat(dlf.store().partitionCount()).isEqualTo(sample.partitions());
            assertThat(dlf.store().tableCount()).isEqualTo(sample.tables());
            assertThat(dlf.store().functionCount()).isEqualTo(sample.functions());

            assertThat(m.verify(QUIET, NEVER).summary().isEmpty()).isTrue();
            // The sample keeps a few partitions in an archive bucket that convertMap does not cover: they are listed.
            MappingCheck check = m.checkMapping(NEVER);
            assertThat(check.uncovered()).isNotEmpty().allSatisfy(g -> assertThat(g.prefix())
                    .doesNotStartWith("s3://lakeport-sample-eu-central-1/"));
            assertThat(check.warningCounts()).containsKey(dev.lakeport.mapping.MappingWarning.Code.UNMAPPED_LOCATION);
            // Locations were rewritten by convertMap on the way.
            assertThat(m.snapshot()
                            .get(Side.DESTINATION, ObjectKey.database(firstDatabaseWithLocation(m)))
                            .map(Object::toString)
                            .orElseThrow())
                    .contains("oss://lakeport-sample-eu-central-1/");
        }
    }

    private static String firstDatabaseWithLocation(Migration m) {
        return m.snapshot().databases(Side.DESTINATION).stream()
                .map(d -> d.name())
                .filter(n -> m.snapshot()
                        .database(Side.DESTINATION, n)
                        .orElseThrow()
                        .locationUri()
                        .isPresent())
                .findFirst()
                .orElseThrow();
    }

    @Test
    @Order(2)
    void incrementalDiffHoldsExactlyTheChangesMadeAtTheSource() {
        Map<ObjectKey, DiffResult> expected = new HashMap<>();
        String db = "sales";
        Table partitioned = glueClient.getTables(r -> r.databaseName(db)).tableList().stream()
                .filter(t -> !t.partitionKeys().isEmpty() && t.storageDescriptor() != null)
                .filter(t -> glue.store().partitionCount(db, t.name()) >= 5)
                .findFirst()
                .orElseThrow();
        Table plain = glueClient.getTables(r -> r.databaseName(db)).tableList().stream()
                .filter(t -> t.partitionKeys().isEmpty() && !"VIRTUAL_VIEW".equals(t.tableType()))
                .findFirst()
                .orElseThrow();

        // A new table.
        glueClient.createTable(r -> r.databaseName(db)
                .tableInput(TableInput.builder()
                        .name("e2e_added")
                        .tableType("EXTERNAL_TABLE")
                        .storageDescriptor(StorageDescriptor.builder()
                                .columns(Column.builder()
                                        .name("id")
                                        .type("bigint")
                                        .build())
                                .location("s3://lakeport-sample-eu-central-1/sales/e2e_added/")
                                .build())
                        .build()));
        expected.put(ObjectKey.table(db, "e2e_added"), DiffResult.CREATE);

        // A changed table parameter.
        Map<String, String> params = new HashMap<>(plain.parameters());
        params.put("e2e.owner", "analytics");
        glueClient.updateTable(r -> r.databaseName(db)
                .tableInput(TableInput.builder()
                        .name(plain.name())
                        .tableType(plain.tableType())
                        .description(plain.description())
                        .owner(plain.owner())
                        .partitionKeys(plain.partitionKeys())
                        .storageDescriptor(plain.storageDescriptor())
                        .parameters(params)
                        .build()));
        expected.put(ObjectKey.table(db, plain.name()), DiffResult.UPDATE);

        List<Partition> existing = glueClient
                .getPartitions(GetPartitionsRequest.builder()
                        .databaseName(db)
                        .tableName(partitioned.name())
                        .maxResults(10)
                        .build())
                .partitions();
        // Two new partitions.
        List<PartitionInput> added = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            List<String> values = new ArrayList<>(existing.get(0).values());
            values.set(0, "e2e-" + i);
            added.add(PartitionInput.builder()
                    .values(values)
                    .storageDescriptor(existing.get(0).storageDescriptor().toBuilder()
                            .location(partitioned.storageDescriptor().location() + "e2e-" + i + "/")
                            .build())
                    .build());
            expected.put(ObjectKey.partition(db, partitioned.name(), values), DiffResult.CREATE);
        }
        glueClient.batchCreatePartition(
                r -> r.databaseName(db).tableName(partitioned.name()).partitionInputList(added));

        // A moved partition.
        Partition moved = existing.get(1);
        glueClient.updatePartition(r -> r.databaseName(db)
                .tableName(partitioned.name())
                .partitionValueList(moved.values())
                .partitionInput(PartitionInput.builder()
                        .values(moved.values())
                        .parameters(moved.parameters())
                        .storageDescriptor(moved.storageDescriptor().toBuilder()
                                .location(moved.storageDescriptor().location() + "moved/")
                                .build())
                        .build()));
        expected.put(ObjectKey.partition(db, partitioned.name(), moved.values()), DiffResult.UPDATE);

        // Three dropped partitions and a dropped function.
        List<PartitionValueList> dropped = new ArrayList<>();
        for (Partition p : existing.subList(2, 5)) {
            dropped.add(PartitionValueList.builder().values(p.values()).build());
            expected.put(ObjectKey.partition(db, partitioned.name(), p.values()), DiffResult.DELETE);
        }
        glueClient.batchDeletePartition(BatchDeletePartitionRequest.builder()
                .databaseName(db)
                .tableName(partitioned.name())
                .partitionsToDelete(dropped)
                .build());
        String function = glue.store().functionNames(db).get(0);
        glueClient.deleteUserDefinedFunction(r -> r.databaseName(db).functionName(function));
        expected.put(ObjectKey.function(db, function), DiffResult.DELETE);

        try (Migration m = open("main", config)) {
            DiffRun diff = loadAndDiff(m);
            assertThat(entries(m, diff)).isEqualTo(expected);

            // Deletions stay off unless turned on and confirmed with the exact count.
            ApplyOutcome noDeletes = m.apply(diff.runId(), apply(), QUIET, NEVER);
            assertThat(noDeletes.skipped()).hasSize(4);
            assertThat(dlf.store().functionCount()).isEqualTo(sample.functions());
            assertThatThrownBy(() -> m.apply(
                            diff.runId(), new ApplyRequest(8, 0, false, true, OptionalLong.of(3)), QUIET, NEVER))
                    .isInstanceOf(DeleteConfirmationException.class)
                    .hasMessageContaining("4");
            assertThat(dlf.store().functionCount()).isEqualTo(sample.functions());

            DiffRun remaining = m.verify(QUIET, NEVER);
            assertThat(entries(m, remaining).values())
                    .containsOnly(DiffResult.DELETE)
                    .hasSize(4);
            ApplyOutcome deletes =
                    m.apply(remaining.runId(), new ApplyRequest(8, 0, false, true, OptionalLong.of(4)), QUIET, NEVER);
            assertThat(deletes.summary().hasFailures()).isFalse();
            assertThat(dlf.store().functionCount()).isEqualTo(sample.functions() - 1);
            assertThat(m.verify(QUIET, NEVER).summary().isEmpty()).isTrue();
        }
    }

    @Test
    @Order(3)
    void runUnderThrottlingAndServerErrorsConverges() {
        try (DlfEmulator faulty = DlfEmulator.start()) {
            faulty.faults().throttleRate(0.10).serverErrorRate(0.01);
            glue.faults().throttleRate(0.10).serverErrorRate(0.01);
            try (Migration m = open("faults", config(faulty, Map.of()))) {
                DiffRun diff = loadAndDiff(m);
                ApplyOutcome outcome = m.apply(diff.runId(), apply(), QUIET, NEVER);
                assertThat(outcome.summary().hasFailures()).isFalse();
                faulty.faults().reset();
                glue.faults().reset();
                assertThat(m.verify(QUIET, NEVER).summary().isEmpty()).isTrue();
                assertThat(faulty.store().partitionCount())
                        .isEqualTo(glue.store().partitionCount());
            } finally {
                glue.faults().reset();
            }
        }
    }

    @Test
    @Order(4)
    void runStoppedHalfWayConvergesWhenStartedAgain() {
        try (DlfEmulator fresh = DlfEmulator.start()) {
            try (Migration m = open("stopped", config(fresh, Map.of()))) {
                DiffRun diff = loadAndDiff(m);
                CancellationToken cancel = new CancellationToken();
                AtomicLong done = new AtomicLong();
                ProgressListener stopHalfWay = new ProgressListener() {
                    @Override
                    public void advance(long n, long failed) {
                        if (done.addAndGet(n) > diff.summary().total() / 2) {
                            cancel.cancel();
                        }
                    }
                };
                ApplyOutcome stopped = m.apply(diff.runId(), apply(), stopHalfWay, cancel);
                assertThat(stopped.summary().cancelled()).isTrue();
                assertThat(fresh.store().partitionCount())
                        .isLessThan(glue.store().partitionCount());

                // Started again from scratch: re-read, re-diff, apply; nothing is lost or duplicated.
                DiffRun again = loadAndDiff(m);
                assertThat(again.summary().total(DiffResult.DELETE)).isZero();
                ApplyOutcome finished = m.apply(again.runId(), apply(), QUIET, NEVER);
                assertThat(finished.summary().hasFailures()).isFalse();
                assertThat(m.verify(QUIET, NEVER).summary().isEmpty()).isTrue();
                assertThat(fresh.store().partitionCount())
                        .isEqualTo(glue.store().partitionCount());
                assertThat(fresh.store().tableCount())
                        .isEqualTo((int) glue.store().tableCount());
            }
        }
    }

    @Test
    @Order(5)
    void loadStoppedHalfWayResumesAndMatchesAnUninterruptedLoad() {
        try (Migration m = open("resume", config)) {
            CancellationToken cancel = new CancellationToken();
            AtomicLong tables = new AtomicLong();
            ProgressListener stopAfterFive = new ProgressListener() {
                @Override
                public void advance(long n, long failed) {
                    if (tables.addAndGet(n) >= 5) {
                        cancel.cancel();
                    }
                }
            };
            LoadSummary stopped = m.load(Side.SOURCE, stopAfterFive, cancel);
            assertThat(stopped.cancelled()).isTrue();
            LoadSummary resumed = m.load(Side.SOURCE, QUIET, NEVER);
            assertThat(resumed.complete()).isTrue();
            assertThat(resumed.tablesResumed()).isGreaterThan(0);
            assertThat(m.snapshot().count(Side.SOURCE, ObjectKind.PARTITION))
                    .isEqualTo(glue.store().partitionCount());
            Set<ObjectKey> keys = new HashSet<>();
            try (CloseableIterator<dev.lakeport.snapshot.ScanEntry> it =
                    m.snapshot().scan(Side.SOURCE)) {
                it.forEachRemaining(e -> assertThat(keys.add(e.key()))
                        .as("duplicate %s", e.key())
                        .isTrue());
            }
        }
    }
}
