package dev.lakeport.pipeline;

import dev.lakeport.config.ConfigKeys;
import dev.lakeport.config.MigrationConfig;
import dev.lakeport.config.MigrationConfigLoader;
import dev.lakeport.config.SampleProject;
import dev.lakeport.diff.DiffRun;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Puts the sample catalog into a Hive Metastore the way a user would: Lakeport itself migrates it from the Glue
 * emulator (route glue-to-hive, locations kept), in a scratch project that is removed afterwards. A metastore that
 * already holds the sample gets nothing new. The command line's emulators and the desktop's sample both use it.
 */
public final class SampleCopy {
    private SampleCopy() {}

    /**
     * Copies everything the Glue catalog at {@code glueEndpoint} holds into the metastore at {@code hiveUri}, functions
     * included. Blocking; {@code progress} hears each step's phase.
     *
     * @return what the copy's apply did
     * @throws IllegalStateException when an object could not be copied (the failed-items file is named)
     */
    public static ApplyOutcome intoHive(
            String glueEndpoint, String hiveUri, ProgressListener progress, CancellationToken cancel)
            throws IOException {
        Path scratch = Files.createTempDirectory("lakeport-sample-copy");
        try {
            Map<String, String> settings = new TreeMap<>(SampleProject.settingsOf(SampleProject.glueToHiveProperties(
                    glueEndpoint, hiveUri, scratch.resolve("results").toString())));
            settings.put(ConfigKeys.FUNCTIONS, "true");
            MigrationConfig config =
                    MigrationConfigLoader.fromMap(settings, "the sample copy").config();
            try (Migration migration =
                    Migration.open(config, scratch.resolve("copy.lakeport.mv.db"), new Properties())) {
                migration.loadBoth(progress, progress, cancel);
                DiffRun diff = migration.diff(Set.of(), progress, cancel);
                // The metastore is the sample's own: what an earlier sample left in it (another route's partitions)
                // goes, so that it holds this sample exactly.
                long leftOver = diff.summary().total(dev.lakeport.diff.DiffResult.DELETE);
                ApplyOutcome outcome = migration.apply(
                        diff.runId(),
                        new ApplyRequest(
                                8,
                                0,
                                false,
                                leftOver > 0,
                                leftOver > 0 ? OptionalLong.of(leftOver) : OptionalLong.empty()),
                        progress,
                        cancel);
                long failed = outcome.summary().totals().failed();
                if (failed > 0) {
                    throw new IllegalStateException("the sample copy into the Hive Metastore failed for " + failed
                            + " objects; see " + outcome.failedFile());
                }
                return outcome;
            }
        } finally {
            try (Stream<Path> files = Files.walk(scratch)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> {
                    try {
                        Files.deleteIfExists(f);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }
}
