package dev.lakeport.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.config.MigrationConfig;
import dev.lakeport.config.MigrationConfigLoader;
import dev.lakeport.config.SampleProject;
import dev.lakeport.config.Sides;
import dev.lakeport.diff.DiffResult;
import dev.lakeport.diff.DiffRun;
import dev.lakeport.emulator.dlf.DlfEmulator;
import dev.lakeport.emulator.glue.GlueEmulator;
import dev.lakeport.emulator.sample.SampleCatalog;
import dev.lakeport.load.LoadSummary;
import dev.lakeport.model.ObjectKind;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import dev.lakeport.snapshot.Side;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample migrated to servers that misbehave the way real ones do: answers lost after the write was applied,
 * answers that come after the client gave up, batches cut mid-way, throttling and 5xx together; servers whose page
 * and batch limits are below the API's; a Glue-compatible server without user-defined functions. Every run must
 * converge: the destination holds each object of the source exactly once and a re-diff is empty.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogFaultsIT {
    private static final ProgressListener QUIET = ProgressListener.NONE;
    private static final CancellationToken NEVER = CancellationToken.NONE;

    @TempDir
    Path dir;

    private GlueEmulator glue;
    private SampleCatalog.Summary sample;
    private int projects;

    @BeforeAll
    void startGlue() {
        glue = GlueEmulator.start();
        sample = SampleCatalog.generate(
                glue.store(), new SampleCatalog.Options(SampleProject.SEED, 2_000, SampleProject.REGION));
    }

    @AfterAll
    void stopGlue() {
        glue.close();
    }

    @Test
    void lostAnswersThrottlingAndServerErrorsConverge() {
        try (DlfEmulator dlf = DlfEmulator.start()) {
            dlf.faults().serverErrorRate(0.2).throttleRate(0.2).responseLostRate(0.3);

            migrateAndVerify(dlf, Map.of());
        }
    }

    @Test
    void answersLaterThanTheCallTimeoutConverge() {
        try (DlfEmulator dlf = DlfEmulator.start()) {
            dlf.faults().timeoutAfterAcceptRate(0.15, Duration.ofMillis(2500));

            migrateAndVerify(dlf, Map.of("lakeport.callTimeout", "1s"));
        }
    }

    @Test
    void batchesCutMidWayConverge() {
        try (DlfEmulator dlf = DlfEmulator.start()) {
            dlf.faults().midBatchDisconnectRate(0.5).responseLostRate(0.1);

            migrateAndVerify(dlf, Map.of());
        }
    }

    @Test
    void serversWithLowerLimitsAreFollowed() {
        try (DlfEmulator dlf = DlfEmulator.start()) {
            dlf.faults().maxPageSize(50).maxBatchSize(10);
            glue.faults().maxPageSize(50);
            try {
                migrateAndVerify(dlf, Map.of());
            } finally {
                glue.faults().reset();
            }
        }
    }

    @Test
    void lowerLimitsSetInTheConfigurationAreUsedFromTheStart() {
        try (DlfEmulator dlf = DlfEmulator.start()) {
            dlf.faults().maxPageSize(50).maxBatchSize(10);
            glue.faults().maxPageSize(50).maxBatchSize(10);
            try {
                MigrationConfig config = migrateAndVerify(
                        dlf,
                        Map.of(
                                "lakeport.dlf.pageSize", "50",
                                "lakeport.dlf.batchSize", "10",
                                "lakeport.glue.pageSize", "50",
                                "lakeport.glue.batchSize", "10"));
                assertThat(Sides.dlf(config).batchSize()).isEqualTo(10);
                assertThat(Sides.glue(config).pageSize()).isEqualTo(50);
            } finally {
                glue.faults().reset();
            }
        }
    }

    @Test
    void aCatalogWithoutFunctionsMigratesWithFunctionsOff() {
        glue.faults().failOperations("GetUserDefinedFunctions", "GetUserDefinedFunction");
        try (DlfEmulator dlf = DlfEmulator.start()) {
            MigrationConfig config = config(dlf, Map.of("lakeport.functions", "false"));
            try (Migration m = open(config)) {
                LoadSummary source = m.load(Side.SOURCE, QUIET, NEVER);
                LoadSummary destination = m.load(Side.DESTINATION, QUIET, NEVER);
                assertThat(source.failures()).isEmpty();
                assertThat(source.complete()).isTrue();
                assertThat(destination.complete()).isTrue();
                DiffRun diff = m.diff(Set.of(), QUIET, NEVER);
                assertThat(diff.summary().total(DiffResult.CREATE))
                        .isEqualTo(sample.databases() + sample.tables() + sample.partitions());
                ApplyOutcome outcome = m.apply(diff.runId(), apply(), QUIET, NEVER);
                assertThat(outcome.summary().hasFailures()).isFalse();
                assertThat(dlf.store().functionCount()).isZero();
                assertThat(dlf.store().partitionCount()).isEqualTo(sample.partitions());
                assertThat(m.verify(QUIET, NEVER).summary().isEmpty()).isTrue();
                assertThat(m.snapshot().count(Side.SOURCE, ObjectKind.FUNCTION)).isZero();
            }
            // With functions on, the same server fails the load, and says which call and what it answered.
            try (Migration m = open(config(dlf, Map.of("lakeport.retryDeadline", "1s")))) {
                LoadSummary source = m.load(Side.SOURCE, QUIET, NEVER);
                assertThat(source.complete()).isFalse();
                assertThat(source.failures()).isNotEmpty().allSatisfy(f -> assertThat(f.toString())
                        .contains("Glue GetUserDefinedFunctions")
                        .contains("HTTP 500 InternalServiceException")
                        .contains("set lakeport.functions=false"));
            }
        } finally {
            glue.faults().reset();
        }
    }

    private MigrationConfig migrateAndVerify(DlfEmulator dlf, Map<String, String> extra) {
        MigrationConfig config = config(dlf, extra);
        try (Migration m = open(config)) {
            LoadSummary source = m.load(Side.SOURCE, QUIET, NEVER);
            LoadSummary destination = m.load(Side.DESTINATION, QUIET, NEVER);
            assertThat(source.failures()).isEmpty();
            assertThat(destination.failures()).isEmpty();
            DiffRun diff = m.diff(Set.of(), QUIET, NEVER);
            assertThat(diff.summary().total(DiffResult.CREATE))
                    .isEqualTo(sample.databases() + sample.tables() + sample.partitions() + sample.functions());

            ApplyOutcome outcome = m.apply(diff.runId(), apply(), QUIET, NEVER);

            assertThat(outcome.summary().hasFailures())
                    .as("failures: %s", firstFailures(outcome))
                    .isFalse();
            dlf.faults().reset();
            assertThat(dlf.store().databaseCount()).isEqualTo(sample.databases());
            assertThat(dlf.store().tableCount()).isEqualTo(sample.tables());
            assertThat(dlf.store().partitionCount()).isEqualTo(sample.partitions());
            assertThat(dlf.store().functionCount()).isEqualTo(sample.functions());
            assertThat(m.verify(QUIET, NEVER).summary().isEmpty()).isTrue();
        }
        return config;
    }

    private MigrationConfig config(DlfEmulator dlf, Map<String, String> extra) {
        Map<String, String> settings = SampleProject.settings(
                glue.endpoint().toString(),
                dlf.endpoint(),
                dlf.catalogId(),
                dir.resolve("results").toString());
        settings.put("lakeport.callTimeout", "5s");
        settings.putAll(extra);
        return MigrationConfigLoader.fromMap(settings, "test").config();
    }

    private Migration open(MigrationConfig config) {
        return Migration.open(config, dir.resolve("p" + (++projects) + ".lakeport.mv.db"), new Properties());
    }

    private static String firstFailures(ApplyOutcome outcome) {
        try (var lines = java.nio.file.Files.lines(outcome.failedFile())) {
            return String.join("\n", lines.limit(5).toList());
        } catch (java.io.IOException | RuntimeException e) {
            return outcome.summary().toString();
        }
    }

    private static ApplyRequest apply() {
        return new ApplyRequest(16, 0, false, false, OptionalLong.empty());
    }
}
