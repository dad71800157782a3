package dev.lakeport.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fingerprint is a function of the object alone: fresh JVMs with different identity-hash algorithms and a different
 * order of loading and introspecting the model's classes compute the same fingerprints for the whole sample catalog.
 * Stored fingerprints are compared with ones computed in later processes, so any dependence on the JVM makes every
 * object look changed.
 */
class FingerprintStabilityIT {

    @Test
    void theSampleCatalogHasTheSameFingerprintsInEveryJvm(@TempDir Path dir) throws Exception {
        List<String> first = run(dir, "view-first", 0);
        assertThat(first).hasSizeGreaterThan(SampleFingerprints.PARTITIONS);
        for (String[] variant : new String[][] {{"partition-first", "2"}, {"none", "3"}, {"view-first", "5"}}) {
            List<String> other = run(dir, variant[0], Integer.parseInt(variant[1]));
            assertThat(other).as("objects read").hasSameSizeAs(first);
            List<String> differing = new ArrayList<>();
            for (int i = 0; i < first.size(); i++) {
                if (!first.get(i).equals(other.get(i))) {
                    differing.add(first.get(i) + " <> " + other.get(i));
                }
            }
            assertThat(differing)
                    .as("fingerprints that differ with class order %s and -XX:hashCode=%s", variant[0], variant[1])
                    .isEmpty();
        }
    }

    private static List<String> run(Path dir, String order, int hashCode) throws IOException, InterruptedException {
        Path out = dir.resolve(order + "-" + hashCode + ".txt");
        Path err = dir.resolve(order + "-" + hashCode + ".err");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UnlockExperimentalVMOptions",
                "-XX:hashCode=" + hashCode,
                "-Xshare:off",
                "-cp",
                System.getProperty("java.class.path"),
                SampleFingerprints.class.getName(),
                order));
        Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the fingerprinting JVM did not finish in 3 minutes");
        }
        assertThat(process.exitValue())
                .as("exit code; stderr: %s", Files.readString(err, StandardCharsets.UTF_8))
                .isZero();
        return Files.readAllLines(out, StandardCharsets.UTF_8);
    }
}
