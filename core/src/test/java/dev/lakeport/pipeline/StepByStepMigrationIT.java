package dev.lakeport.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeport.apply.RunSummary;
import dev.lakeport.config.MigrationConfig;
import dev.lakeport.config.MigrationConfigLoader;
import dev.lakeport.diff.DiffResult;
import dev.lakeport.diff.DiffRun;
import dev.lakeport.emulator.dlf.DlfEmulator;
import dev.lakeport.emulator.glue.GlueEmulator;
import dev.lakeport.emulator.sample.SampleCatalog;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import dev.lakeport.snapshot.Side;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each step opens the project anew, as each command of the command line runs in its own process: nothing a step
 * needs may live only in the memory of the step before it.
 */
class StepByStepMigrationIT {
    private static final ProgressListener QUIET = ProgressListener.NONE;
    private static final CancellationToken NEVER = CancellationToken.NONE;

    @TempDir
    Path dir;

    private GlueEmulator glue;
    private DlfEmulator dlf;
    private SampleCatalog.Summary sample;

    @BeforeEach
    void startEmulators() {
        glue = GlueEmulator.start();
        dlf = DlfEmulator.start();
        sample = SampleCatalog.generate(glue.store(), new SampleCatalog.Options(7L, 300, "eu-central-1"));
    }

    @AfterEach
    void stopEmulators() {
        glue.close();
        dlf.close();
    }

    private MigrationConfig config(String convertMap) {
        Map<String, String> settings = new HashMap<>();
        settings.put("aws.accessKeyId", "AKIDTEST");
        settings.put("aws.secretAccessKey", "test-secret");
        settings.put("aws.region", "eu-central-1");
        settings.put("aliyun.accessKeyId", "LTTEST");
        settings.put("aliyun.secretAccessKey", "test-secret");
        settings.put("aliyun.region", "eu-central-1");
        settings.put("aliyun.endpoint", dlf.endpoint());
        settings.put("aliyun.catalogId", dlf.catalogId());
        settings.put("lakeport.aliyun.protocol", "HTTP");
        settings.put("lakeport.aws.endpoint", glue.endpoint().toString());
        settings.put("location.convertMap", convertMap);
        settings.put("result.output.path", dir.resolve("results").toString());
        return MigrationConfigLoader.fromMap(settings, "test").config();
    }

    private MigrationConfig config() {
        return config("{\"s3://lakeport-sample-eu-central-1/\":\"oss://lakeport-sample-eu-central-1/\"}");
    }

    /** A new "process": the project file opened again, with nothing carried over in memory. */
    private Migration open(MigrationConfig c) {
        return Migration.open(c, dir.resolve("steps.lakeport.mv.db"), new Properties());
    }

    private static ApplyRequest request(boolean dryRun) {
        return new ApplyRequest(8, 0, dryRun, false, OptionalLong.empty());
    }

    private long loadThenDiff() {
        try (Migration m = open(config())) {
            m.load(Side.SOURCE, QUIET, NEVER);
            m.load(Side.DESTINATION, QUIET, NEVER);
        }
        try (Migration m = open(config())) {
            DiffRun diff = m.diff(Set.of(), QUIET, NEVER);
            assertThat(diff.summary().total(DiffResult.CREATE)).isPositive();
            return diff.runId();
        }
    }

    @Test
    void applyInItsOwnProcessWritesEveryObjectAndVerifyFindsNothingLeft() {
        long diffRun = loadThenDiff();

        try (Migration m = open(config())) {
            RunSummary dry = m.apply(diffRun, request(true), QUIET, NEVER).summary();
            assertThat(dry.totals().failed()).isZero();
            assertThat(dry.totals().created()).isPositive();
        }
        assertThat(dlf.store().tableCount()).isZero();

        try (Migration m = open(config())) {
            RunSummary run = m.apply(diffRun, request(false), QUIET, NEVER).summary();
            assertThat(run.totals().failed()).isZero();
        }
        assertThat(dlf.store().tableCount()).isEqualTo(sample.tables());
        assertThat(dlf.store().partitionCount()).isEqualTo(sample.partitions());

        try (Migration m = open(config())) {
            assertThat(m.verify(QUIET, NEVER).summary().isEmpty()).isTrue();
        }
    }

    @Test
    void aDiffOlderThanTheLatestLoadIsRefusedAndNothingIsWritten() {
        long diffRun = loadThenDiff();
        try (Migration m = open(config())) {
            m.load(Side.DESTINATION, QUIET, NEVER);
        }

        try (Migration m = open(config())) {
            assertThatThrownBy(() -> m.apply(diffRun, request(false), QUIET, NEVER))
                    .isInstanceOf(StaleDiffException.class)
                    .hasMessageContaining("the destination was loaded again since")
                    .hasMessageContaining("run diff again");
        }
        assertThat(dlf.store().databaseCount()).isZero();
    }

    @Test
    void aDiffMadeWithAnotherMappingIsRefusedAndNothingIsWritten() {
        long diffRun = loadThenDiff();
        MigrationConfig changed =
                config("{\"s3://lakeport-sample-eu-central-1/\":\"oss://another-bucket/warehouse/\"}");

        try (Migration m = open(changed)) {
            assertThatThrownBy(() -> m.apply(diffRun, request(true), QUIET, NEVER))
                    .isInstanceOf(StaleDiffException.class)
                    .hasMessageContaining("location.convertMap")
                    .hasMessageContaining("run diff again");
        }
        assertThat(dlf.store().databaseCount()).isZero();
    }
}
