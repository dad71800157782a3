package dev.lakeport.installer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a program to its end, output captured in files (so a chatty program never blocks on a full pipe). */
final class Processes {
    record Result(List<String> command, int exitCode, String out, String err) {
        String describe() {
            return String.join(" ", command) + " exited with " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n"
                    + err;
        }
    }

    private Processes() {}

    static Result run(List<String> command, Path workDir, Map<String, String> env, Duration timeout)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(workDir, "out", ".txt");
        Path err = Files.createTempFile(workDir, "err", ".txt");
        Process process = start(command, workDir, env, out, err);
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout + "\n--- stdout\n"
                    + Files.readString(out) + "\n--- stderr\n" + Files.readString(err));
        }
        return new Result(
                command,
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    static Process start(List<String> command, Path workDir, Map<String, String> env, Path out, Path err)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        // Options from the surrounding JVM's environment are not the user's: the launchers would print them.
        builder.environment().keySet().removeAll(List.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS"));
        builder.environment().putAll(env);
        return builder.start();
    }
}
