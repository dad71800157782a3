package dev.lakeport.sparkjob;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.copy.CopyResult;
import dev.lakeport.launch.JobJar;
import dev.lakeport.launch.TestingSparkHome;
import dev.lakeport.sparkjob.copy.CopyJob;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The first scenario of {@link CopyJobTest} — every format and partition, Hive's default partition, the project
 * importing the counts — with the job run as a user runs it: the shaded job jar submitted with spark-submit
 * ({@code local[2]}) in a process of its own, the emulators in this one. The other scenarios are overridden without
 * {@code @Test}, so they run once, in process, in {@link CopyJobTest}.
 */
class CopyJobSubmitIT extends CopyJobTest {

    /**
     * The scenario writes its Parquet files with the shared session in this JVM; the failsafe JVM also runs the
     * launchers' in-process Spark, which needs no other application alive.
     */
    @org.junit.jupiter.api.AfterAll
    static void stopSpark() {
        SharedSpark.stop();
    }

    @Override
    CopyResult runJob(Path plan, String runId) throws IOException {
        Path jar = Path.of(System.getProperty(JobJar.PROPERTY));
        assertThat(jar).as("the job jar (package spark-job first)").isRegularFile();
        Path log = plan.resolveSibling("spark-submit-" + runId + ".log");
        Process p = new ProcessBuilder(List.of(
                        TestingSparkHome.get().resolve("bin/spark-submit").toString(),
                        "--master",
                        "local[2]",
                        "--conf",
                        "spark.ui.enabled=false",
                        "--class",
                        CopyJob.class.getName(),
                        jar.toString(),
                        settingsFile().toString(),
                        CopyJob.ARG_PLAN,
                        plan.toString(),
                        "--run-id",
                        runId,
                        "--rows-per-block",
                        "1"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("spark-submit did not end within 5 minutes:\n" + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).as("no secret in the driver's output").doesNotContain("test-secret");
        Path result = Path.of(settings().get("result.output.path")).resolve(CopyResult.fileName(runId));
        try (InputStream in = Files.newInputStream(result)) {
            return CopyResult.read(in, result.toString());
        }
    }

    @Override
    void aSecondRunReplacesInsteadOfAddingAndAResultImportedTwiceChangesNothing() {}

    @Override
    void aTaskWhoseDestinationTableIsMissingFailsAloneNamingItAndTheImportMarksItFailed() {}

    @Override
    void commitsThatLoseTheirAnswerNeitherDuplicateNorDropRows() {}

    @Override
    void aPlanThatCannotBeReadStopsTheRunBeforeAnythingIsCopiedNamingTheFile() {}

    @Override
    void aResultOfAnotherJobsTasksChangesNothingAndSaysWhy() {}
}
