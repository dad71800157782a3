package dev.lakeport.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeport.config.MigrationConfig;
import dev.lakeport.config.MigrationConfigLoader;
import dev.lakeport.diff.DiffOptions;
import dev.lakeport.diff.DiffRunInfo;
import dev.lakeport.mapping.ExclusionRule;
import dev.lakeport.model.Database;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import dev.lakeport.snapshot.LoadOrigin;
import dev.lakeport.snapshot.Side;
import dev.lakeport.snapshot.SnapshotWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a project says about its own state when it is opened again: unfinished loads and diffs a kill left behind. */
class MigrationProjectStateTest {
    private static final LoadOrigin GLUE = LoadOrigin.of("glue", "http://127.0.0.1:1", "123456789012");
    private static final LoadOrigin DLF = LoadOrigin.of("dlf", "127.0.0.1:2", "1234");

    @TempDir
    Path dir;

    private MigrationConfig config() {
        Map<String, String> settings = new HashMap<>();
        settings.put("aws.accessKeyId", "AKIDTEST");
        settings.put("aws.secretAccessKey", "test-secret");
        settings.put("aws.region", "eu-central-1");
        settings.put("aliyun.accessKeyId", "LTTEST");
        settings.put("aliyun.secretAccessKey", "test-secret");
        settings.put("aliyun.region", "eu-central-1");
        settings.put("aliyun.endpoint", "127.0.0.1:2");
        settings.put("aliyun.catalogId", "1234");
        settings.put("lakeport.aliyun.protocol", "HTTP");
        settings.put("lakeport.aws.endpoint", "http://127.0.0.1:1");
        settings.put("result.output.path", dir.resolve("results").toString());
        settings.put("location.convertMap", "{}");
        return MigrationConfigLoader.fromMap(settings, "test").config();
    }

    private Migration open() {
        return Migration.open(config(), dir.resolve("p.lakeport.mv.db"), new Properties());
    }

    private static void loadSource(Migration m, boolean finish) {
        try (SnapshotWriter w = m.snapshot()
                .beginLoad(Side.SOURCE, GLUE, m.mapping(), m.mapping().mappingId())) {
            w.putDatabase(Database.of("sales"));
            if (finish) {
                w.finish();
            }
        }
    }

    private static void loadDestination(Migration m, boolean finish) {
        try (SnapshotWriter w = m.snapshot().beginLoad(Side.DESTINATION, DLF)) {
            w.putDatabase(Database.of("sales"));
            if (finish) {
                w.finish();
            }
        }
    }

    @Test
    void diffRefusesADestinationWhoseLoadDidNotFinish() {
        try (Migration m = open()) {
            loadSource(m, true);
            loadDestination(m, false);
            assertThatThrownBy(() -> m.diff(List.of(), ProgressListener.NONE, CancellationToken.NONE))
                    .isInstanceOfSatisfying(IncompleteSnapshotException.class, e -> assertThat(e.side())
                            .isEqualTo(Side.DESTINATION))
                    .hasMessageContaining("destination (DLF)")
                    .hasMessageContaining("did not finish")
                    .hasMessageContaining("load --side destination");
            assertThat(m.diffs().runs()).isEmpty();
        }
    }

    @Test
    void diffRefusesASourceWhoseLoadDidNotFinishOrNeverRan() {
        try (Migration m = open()) {
            loadDestination(m, true);
            assertThatThrownBy(() -> m.diff(List.of(), ProgressListener.NONE, CancellationToken.NONE))
                    .isInstanceOf(IncompleteSnapshotException.class)
                    .hasMessageContaining("source (Glue)")
                    .hasMessageContaining("not been loaded");
            loadSource(m, false);
            assertThatThrownBy(() -> m.diff(List.of(), ProgressListener.NONE, CancellationToken.NONE))
                    .isInstanceOf(IncompleteSnapshotException.class)
                    .hasMessageContaining("load --side source");
            loadSource(m, true);
            assertThat(m.diff(List.of(), ProgressListener.NONE, CancellationToken.NONE)
                            .summary()
                            .isEmpty())
                    .isTrue();
        }
    }

    @Test
    void aDiffAKillStoppedIsMarkedInterruptedWhenTheProjectIsOpenedAgain() {
        long stale;
        try (Migration m = open()) {
            stale = m.diffs().createRun("diff", DiffOptions.defaults()); // the process dies before it finishes
        }
        try (Migration m = open()) {
            DiffRunInfo run = m.diffs().run(stale).orElseThrow();
            assertThat(run.status()).isEqualTo("INTERRUPTED");
            assertThat(run.finishedAt()).isPresent();
        }
    }

    /** A rule written in the configuration, as a Spark job receives it, holds for runs from this computer too. */
    @Test
    void exclusionRulesInTheConfigurationBecomeRulesOfTheProject() {
        Properties settings = new Properties();
        settings.setProperty("aws.region", "eu-central-1");
        settings.setProperty("lakeport.exclude.1.database", "finance");
        settings.setProperty("lakeport.exclude.2.database", "sales");
        settings.setProperty("lakeport.exclude.2.table", "orders");
        try (Migration m = Migration.open(config(), dir.resolve("p.lakeport.mv.db"), settings)) {
            assertThat(m.exclusions().rules().rules())
                    .extracting(ExclusionRule::target)
                    .containsExactly(ObjectKey.database("finance"), ObjectKey.table("sales", "orders"));
        }
        // opened again without them (a project-only run): the rules stay until removed
        try (Migration m = open()) {
            assertThat(m.exclusions().rules().size()).isEqualTo(2);
        }
        Properties broken = new Properties();
        broken.setProperty("lakeport.exclude.1.table", "orders");
        assertThatThrownBy(() -> Migration.open(config(), dir.resolve("q.lakeport.mv.db"), broken))
                .hasMessageContaining("lakeport.exclude.1.database");
    }
}
