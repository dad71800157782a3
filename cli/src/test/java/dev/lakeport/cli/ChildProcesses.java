package dev.lakeport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Runs {@code lakeport-cli} as a user does: each command in a JVM of its own (this test's classpath, the packaged
 * classes), in a working directory, with its output kept in files there. The emulators run in a child JVM too.
 */
final class ChildProcesses implements AutoCloseable {
    /** A finished command: its exit code and what it printed. */
    record Finished(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }
    }

    /** A command that is still running. */
    final class Running {
        final Process process;
        final Path out;
        final Path err;

        Running(Process process, Path out, Path err) {
            this.process = process;
            this.out = out;
            this.err = err;
        }

        Finished await(Duration bound) {
            try {
                if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(
                            "lakeport-cli did not end within " + bound + ":\n" + read(out) + read(err));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            return new Finished(process.exitValue(), read(out), read(err));
        }

        String output() {
            return read(out) + read(err);
        }
    }

    private final Path workDir;
    private final List<Process> started = new ArrayList<>();
    private final AtomicInteger n = new AtomicInteger();

    ChildProcesses(Path workDir) {
        this.workDir = workDir;
    }

    Path workDir() {
        return workDir;
    }

    /** Starts {@code lakeport-cli args...}. */
    Running start(String... args) {
        int id = n.incrementAndGet();
        String name = String.format("%03d-%s", id, args.length > 0 ? args[0] : "help");
        Path out = workDir.resolve(name + ".out");
        Path err = workDir.resolve(name + ".err");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(LakeportCommand.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        pb.environment().put("LAKEPORT_LOG_DIR", workDir.resolve("logs").toString());
        try {
            Process p = pb.start();
            synchronized (started) {
                started.add(p);
            }
            return new Running(p, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code lakeport-cli args...} to its end. */
    Finished run(Duration bound, String... args) {
        return start(args).await(bound);
    }

    /**
     * Starts the emulators with the sample catalog and {@code options} in a child JVM, and waits until they wrote their
     * configuration. Returns its path.
     */
    Path startEmulators(int partitions, String... options) {
        Path config = workDir.resolve("emulators.properties");
        List<String> args = new ArrayList<>(List.of(
                "emulators",
                "--glue-port",
                String.valueOf(freePort()),
                "--dlf-port",
                String.valueOf(freePort()),
                "--partitions",
                String.valueOf(partitions),
                "--write-config",
                config.toString()));
        args.addAll(List.of(options));
        Running emulators = start(args.toArray(String[]::new));
        waitFor(
                Duration.ofSeconds(120),
                () -> emulators.output().contains("Press Ctrl-C") || !emulators.process.isAlive(),
                "the emulators to start");
        assertThat(emulators.process.isAlive()).as(emulators.output()).isTrue();
        return config;
    }

    static void waitFor(Duration bound, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + bound + " waiting for " + what);
            }
            try {
                Thread.sleep(20); // polling an outside process's files: there is nothing to block on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines of a file that may still be written to; a last line without its line break is left out. */
    static List<String> completeLines(Path file) {
        String text = read(file);
        int end = text.lastIndexOf('\n');
        return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n"));
    }

    /** Stops every process started here, the emulators last, and waits for them. */
    @Override
    public void close() {
        List<Process> all;
        synchronized (started) {
            all = new ArrayList<>(started);
        }
        for (Process p : all) {
            p.destroy();
        }
        for (Process p : all) {
            try {
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
