package dev.lakeport.sparkjob;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.config.SampleProject;
import dev.lakeport.emulator.dlf.DlfEmulator;
import dev.lakeport.emulator.glue.GlueEmulator;
import dev.lakeport.emulator.sample.SampleCatalog;
import dev.lakeport.launch.JobConf;
import dev.lakeport.launch.JobSummary;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job on a large sample catalog on the emulators, {@code local[1]} against {@code local[2]}: a first migration
 * into an empty DLF and an incremental re-run with nothing changed, several runs each, medians printed. Not a test:
 * run with {@code -Dlakeport.bench=true} (see docs/benchmarks.md). The emulators run in this JVM and share its cores.
 */
@EnabledIfSystemProperty(named = "lakeport.bench", matches = "true")
class GlueToDlfJobBench {
    private static final int PARTITIONS = Integer.getInteger("lakeport.bench.partitions", 1_000_000);
    private static final int RUNS = Integer.getInteger("lakeport.bench.runs", 3);

    @TempDir
    Path dir;

    @Test
    void firstMigrationAndIncrementalRerun() throws IOException {
        SharedSpark.stop();
        try (GlueEmulator glue = GlueEmulator.start()) {
            long seeded = System.nanoTime();
            SampleCatalog.Summary sample = SampleCatalog.generate(
                    glue.store(), new SampleCatalog.Options(SampleProject.SEED, PARTITIONS, SampleProject.REGION));
            System.out.printf(
                    "bench: %,d partitions in %d tables seeded in %.1f s%n",
                    sample.partitions(), sample.tables(), (System.nanoTime() - seeded) / 1e9);
            for (String master : List.of("local[1]", "local[2]")) {
                List<Double> first = new ArrayList<>();
                List<Double> again = new ArrayList<>();
                SparkSession spark = SparkSession.builder()
                        .master(master)
                        .appName("lakeport-bench")
                        .config("spark.ui.enabled", "false")
                        .config("spark.sql.shuffle.partitions", "8")
                        .config("spark.driver.host", "127.0.0.1")
                        .getOrCreate();
                try {
                    for (int run = 0; run < RUNS; run++) {
                        try (DlfEmulator dlf = DlfEmulator.start()) {
                            Path settings = settings(glue, dlf, master.replaceAll("\\W", "") + "-" + run);
                            first.add(time(spark, settings, "first", sample.partitions()));
                            again.add(time(spark, settings, "again", 0));
                            System.out.printf(
                                    "bench: %s run %d: first %.1f s, incremental %.1f s%n",
                                    master, run + 1, first.get(run), again.get(run));
                        }
                    }
                } finally {
                    spark.stop();
                }
                System.out.printf(
                        "bench: %s, %,d partitions: first migration median %.1f s (runs %s), incremental median %.1f s"
                                + " (runs %s)%n",
                        master, sample.partitions(), median(first), first, median(again), again);
            }
        }
    }

    private Path settings(GlueEmulator glue, DlfEmulator dlf, String name) throws IOException {
        Properties p = new Properties();
        p.putAll(SampleProject.settings(
                glue.endpoint().toString(),
                dlf.endpoint(),
                dlf.catalogId(),
                dir.resolve(name).toString()));
        p.putAll(Map.of(JobConf.PROGRESS_INTERVAL_MS, "10000"));
        Path file = dir.resolve(name + ".properties");
        try (OutputStream out = Files.newOutputStream(file)) {
            p.store(out, null);
        }
        return file;
    }

    private static double time(SparkSession spark, Path settings, String runId, long expectedPartitions) {
        long start = System.nanoTime();
        JobSummary s = MigrationJob.run(
                spark,
                new String[] {settings.toString(), JobConf.ARG_RUN_ID, runId},
                new PrintStream(OutputStream.nullOutputStream()));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(s.error()).isEmpty();
        assertThat(s.hasFailures()).isFalse();
        assertThat(s.counts().get("partition").created()).isEqualTo(expectedPartitions);
        return seconds;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
