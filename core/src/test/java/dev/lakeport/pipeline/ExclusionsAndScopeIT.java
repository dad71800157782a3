package dev.lakeport.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.apply.ResultQuery;
import dev.lakeport.config.MigrationConfig;
import dev.lakeport.config.MigrationConfigLoader;
import dev.lakeport.diff.DiffQuery;
import dev.lakeport.diff.DiffRun;
import dev.lakeport.diff.StoredDiffEntry;
import dev.lakeport.emulator.dlf.DlfEmulator;
import dev.lakeport.emulator.glue.GlueEmulator;
import dev.lakeport.emulator.sample.SampleCatalog;
import dev.lakeport.mapping.ExclusionRule;
import dev.lakeport.mapping.ExclusionRules;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.ObjectKind;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import dev.lakeport.snapshot.CloseableIterator;
import dev.lakeport.snapshot.Side;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exclusion rules are the project's, not a page's: stored in its file, they hold for every later diff, plan, resumed
 * run and verify. And the scope is applied when diffing, over what the snapshot holds: a filter narrowed after the
 * load narrows the diff, a widened scope is reported as needing a new load.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExclusionsAndScopeIT {
    private static final ProgressListener QUIET = ProgressListener.NONE;
    private static final CancellationToken NEVER = CancellationToken.NONE;
    private static final String DB = "sales";
    private static final String EXCLUDED = "orders";
    private static final String FILTERED = "order_items";

    @TempDir
    static Path dir;

    private GlueEmulator glue;

    @BeforeAll
    void start() {
        glue = GlueEmulator.start();
        SampleCatalog.generate(glue.store(), new SampleCatalog.Options(7L, 1_200, "eu-central-1"));
    }

    @AfterAll
    void stop() {
        glue.close();
    }

    private MigrationConfig config(DlfEmulator dlf, Map<String, String> extra) {
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
        settings.put(
                "location.convertMap",
                "{\"s3://lakeport-sample-eu-central-1/\":\"oss://lakeport-sample-eu-central-1/\"}");
        settings.put("result.output.path", dir.resolve("results").toString());
        settings.putAll(extra);
        return MigrationConfigLoader.fromMap(settings, "test").config();
    }

    private static Path file(String name) {
        return dir.resolve(name + ".lakeport.mv.db");
    }

    private static ApplyRequest request() {
        return new ApplyRequest(8, 0, false, false, OptionalLong.empty());
    }

    private static DiffRun loadAndDiff(Migration m) {
        assertThat(m.load(Side.SOURCE, QUIET, NEVER).failures()).isEmpty();
        assertThat(m.load(Side.DESTINATION, QUIET, NEVER).failures()).isEmpty();
        return m.diff(Set.of(), QUIET, NEVER);
    }

    private List<List<String>> glueValues(String table) {
        List<List<String>> values = new ArrayList<>();
        glue.store().forEachPartition(DB, table, p -> {
            List<String> v = new ArrayList<>();
            p.get("Values").forEach(n -> v.add(n.asText()));
            values.add(v);
        });
        return values;
    }

    @Test
    void rulesAreStoredInTheProjectFileAndReadBackByAFreshOpen() {
        try (DlfEmulator dlf = DlfEmulator.start()) {
            MigrationConfig config = config(dlf, Map.of());
            try (Migration m = Migration.open(config, file("rules"), new Properties())) {
                assertThat(m.exclude(ExclusionRule.table(DB, EXCLUDED), java.util.Optional.empty()))
                        .isTrue();
                assertThat(m.exclude(ExclusionRule.database("staging"), java.util.Optional.empty()))
                        .isTrue();
                assertThat(m.exclude(
                                ExclusionRule.partition(DB, FILTERED, List.of("20240101")), java.util.Optional.empty()))
                        .isTrue();
                assertThat(m.exclude(ExclusionRule.table(DB, EXCLUDED), java.util.Optional.empty()))
                        .as("the same rule twice is one rule")
                        .isFalse();
            }
            try (Migration m = Migration.open(config, file("rules"), new Properties())) {
                ExclusionRules rules = m.exclusions().rules();
                assertThat(rules.rules())
                        .containsExactly(
                                ExclusionRule.partition(DB, FILTERED, List.of("20240101")),
                                ExclusionRule.table(DB, EXCLUDED),
                                ExclusionRule.database("staging"));
                assertThat(m.removeExclusion(ExclusionRule.database("staging"), java.util.Optional.empty()))
                        .isTrue();
            }
            try (Migration m = Migration.open(config, file("rules"), new Properties())) {
                assertThat(m.exclusions().rules().size()).isEqualTo(2);
                // As a Spark job receives them
                assertThat(ExclusionRules.fromSettings(m.exclusions().rules().toSettings()))
                        .isEqualTo(m.exclusions().rules());
            }
        }
    }

    @Test
    void diffPlanResumedApplyAndVerifyAllHonourTheRules() {
        try (DlfEmulator dlf = DlfEmulator.start()) {
            MigrationConfig config = config(dlf, Map.of());
            List<List<String>> excludedPartitions = glueValues(EXCLUDED);
            assertThat(excludedPartitions).isNotEmpty();
            try (Migration m = Migration.open(config, file("excluded"), new Properties())) {
                m.exclude(ExclusionRule.table(DB, EXCLUDED), java.util.Optional.empty());
                DiffRun diff = loadAndDiff(m);
                // The diff records the excluded entries as excluded, it does not drop them.
                long excludedEntries = 1 + excludedPartitions.size();
                assertThat(m.remaining(diff.runId()).excluded()).isEqualTo(excludedEntries);
                try (CloseableIterator<StoredDiffEntry> it =
                        m.diffs().stream(diff.runId(), DiffQuery.all().withTable(DB, EXCLUDED))) {
                    it.forEachRemaining(e -> assertThat(e.included()).isFalse());
                }

                // Apply, stopped half-way
                CancellationToken cancel = new CancellationToken();
                AtomicLong done = new AtomicLong();
                ApplyOutcome stopped = m.apply(
                        diff.runId(),
                        request(),
                        new ProgressListener() {
                            @Override
                            public void advance(long n, long failed) {
                                if (done.addAndGet(n) > diff.summary().total() / 3) {
                                    cancel.cancel();
                                }
                            }
                        },
                        cancel);
                assertThat(stopped.summary().cancelled()).isTrue();

                // Resume as the Run page does: re-read the destination, diff what the stopped run left undone, apply
                Set<ObjectKey> undone = m.results().keys(stopped.runId(), ResultQuery.retryable());
                assertThat(undone).isNotEmpty();
                m.load(Side.DESTINATION, QUIET, NEVER);
                DiffRun resumedDiff = m.diff(undone, QUIET, NEVER);
                ApplyOutcome resumed = m.apply(resumedDiff.runId(), request(), QUIET, NEVER);
                assertThat(resumed.summary().hasFailures()).isFalse();

                // Verify: what remains is only what the rule excludes, and the project says so
                DiffRun verify = m.verify(QUIET, NEVER);
                Migration.Remaining remaining = m.remaining(verify.runId());
                assertThat(remaining.total()).isEqualTo(excludedEntries);
                assertThat(remaining.allExcluded()).isTrue();
                assertThat(remaining.settled()).isTrue();
            }

            // Object by object at the destination
            assertThat(dlf.store().table(DB, EXCLUDED)).isEmpty();
            for (List<String> v : excludedPartitions) {
                assertThat(dlf.store().partition(DB, EXCLUDED, v))
                        .as("partition %s", v)
                        .isEmpty();
            }
            for (String db : glue.store().databaseNames()) {
                assertThat(dlf.store().database(db)).as("database %s", db).isPresent();
                for (String t : glue.store().tableNames(db)) {
                    if (db.equals(DB) && t.equals(EXCLUDED)) {
                        continue;
                    }
                    assertThat(dlf.store().table(db, t))
                            .as("table %s.%s", db, t)
                            .isPresent();
                    glue.store().forEachPartition(db, t, p -> {
                        List<String> v = new ArrayList<>();
                        p.get("Values").forEach(n -> v.add(n.asText()));
                        assertThat(dlf.store().partition(db, t, v))
                                .as("partition %s.%s %s", db, t, v)
                                .isPresent();
                    });
                }
            }
            long expected = glue.store().partitionCount() - excludedPartitions.size();
            assertThat(dlf.store().partitionCount()).isEqualTo(expected);
        }
    }

    @Test
    void aPartitionFilterSetAfterTheLoadNarrowsTheDiffWithoutANewLoad() {
        try (DlfEmulator dlf = DlfEmulator.start()) {
            List<List<String>> all = glueValues(FILTERED);
            TreeSet<String> dts = new TreeSet<>();
            all.forEach(v -> dts.add(v.get(0)));
            String from = new ArrayList<>(dts).get(dts.size() / 2);
            Set<List<String>> matching = new java.util.HashSet<>();
            all.stream().filter(v -> v.get(0).compareTo(from) >= 0).forEach(matching::add);
            assertThat(matching).isNotEmpty().hasSizeLessThan(all.size());

            try (Migration wide = Migration.open(config(dlf, Map.of()), file("narrowed"), new Properties())) {
                loadAndDiff(wide);
                assertThat(wide.scopeWidening()).isEmpty();
            }
            MigrationConfig narrowed =
                    config(dlf, Map.of("aws.partition.filter." + DB + "." + FILTERED, "dt >= '" + from + "'"));
            try (Migration m = Migration.open(narrowed, file("narrowed"), new Properties())) {
                assertThat(m.scopeWidening())
                        .as("a narrower scope needs no new load")
                        .isEmpty();
                DiffRun diff = m.diff(Set.of(), QUIET, NEVER);
                Set<List<String>> diffed = new java.util.HashSet<>();
                try (CloseableIterator<StoredDiffEntry> it = m.diffs().stream(
                        diff.runId(), DiffQuery.all().withTable(DB, FILTERED).withKind(ObjectKind.PARTITION))) {
                    it.forEachRemaining(e -> diffed.add(e.entry().key().partitionValues()));
                }
                assertThat(diffed).isEqualTo(matching);

                m.apply(diff.runId(), request(), QUIET, NEVER);
            }
            Set<List<String>> arrived = new java.util.HashSet<>();
            for (List<String> v : all) {
                if (dlf.store().partition(DB, FILTERED, v).isPresent()) {
                    arrived.add(v);
                }
            }
            assertThat(arrived).isEqualTo(matching);
        }
    }

    @Test
    void aScopeWidenedAfterTheLoadIsReportedAsNeedingANewLoad() {
        try (DlfEmulator dlf = DlfEmulator.start()) {
            try (Migration m = Migration.open(
                    config(dlf, Map.of("aws.databases", "sales", "aws.table.filter.prefix", "order")),
                    file("widened"),
                    new Properties())) {
                loadAndDiff(m);
                assertThat(m.scopeWidening()).isEmpty();
            }
            try (Migration m = Migration.open(
                    config(dlf, Map.of("aws.databases", "sales,finance", "aws.table.filter.prefix", "order")),
                    file("widened"),
                    new Properties())) {
                assertThat(m.scopeWidening()).containsExactly("database finance added");
            }
            try (Migration m =
                    Migration.open(config(dlf, Map.of("aws.databases", "sales")), file("widened"), new Properties())) {
                assertThat(m.scopeWidening()).containsExactly("table prefix filter removed (loaded: order)");
            }
        }
    }
}
