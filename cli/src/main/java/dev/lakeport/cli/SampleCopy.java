package dev.lakeport.cli;

import dev.lakeport.config.ConfigKeys;
import dev.lakeport.config.MigrationConfig;
import dev.lakeport.config.MigrationConfigLoader;
import dev.lakeport.config.SampleProject;
import dev.lakeport.diff.DiffRun;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import dev.lakeport.project.ApplyOutcome;
import dev.lakeport.project.ApplyRequest;
import dev.lakeport.project.Migration;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Puts the sample catalog into a Hive Metastore the way a user would: Lakeport itself migrates it from the Glue
 * emulator (route glue-to-hive, locations kept), in a scratch project that is removed afterwards. A metastore that
 * already holds the sample (a kept {@code --hive-dir}) gets nothing new.
 */
final class SampleCopy {
    private SampleCopy() {}

    static void intoHive(String glueEndpoint, String hiveUri, PrintWriter out) throws IOException {
        Path scratch = Files.createTempDirectory("lakeport-sample-copy");
        try {
            Properties text = new Properties();
            text.load(new java.io.StringReader(SampleProject.glueToHiveProperties(
                    glueEndpoint, hiveUri, scratch.resolve("results").toString())));
            Map<String, String> settings = new java.util.TreeMap<>();
            text.stringPropertyNames().forEach(k -> settings.put(k, text.getProperty(k)));
            settings.put(ConfigKeys.FUNCTIONS, "true");
            MigrationConfig config =
                    MigrationConfigLoader.fromMap(settings, "the sample copy").config();
            out.printf("Copying the sample catalog into the Hive Metastore...%n");
            out.flush();
            try (Migration migration =
                    Migration.open(config, scratch.resolve("copy.lakeport.mv.db"), new Properties())) {
                migration.loadBoth(ProgressListener.NONE, ProgressListener.NONE, CancellationToken.NONE);
                DiffRun diff = migration.diff(Set.of(), ProgressListener.NONE, CancellationToken.NONE);
                ApplyOutcome outcome = migration.apply(
                        diff.runId(),
                        new ApplyRequest(8, 0, false, false, OptionalLong.empty()),
                        ProgressListener.NONE,
                        CancellationToken.NONE);
                var totals = outcome.summary().totals();
                if (totals.failed() > 0) {
                    throw new IllegalStateException("the sample copy into the Hive Metastore failed for "
                            + totals.failed() + " objects; see " + outcome.failedFile());
                }
                out.printf(
                        "Hive Metastore: the sample catalog is in (%,d objects written).%n",
                        totals.created() + totals.updated());
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
