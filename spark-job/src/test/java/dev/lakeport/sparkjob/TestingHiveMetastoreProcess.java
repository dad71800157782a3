package dev.lakeport.sparkjob;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.jar.JarFile;

/**
 * A real Hive Metastore (4.0.1, Derby under a directory) in a process of its own: Spark in the test JVM must not meet
 * the metastore's classes. Its class path is the one the build writes to {@code target/hive-metastore.classpath}
 * (property {@code lakeport.hiveMetastoreClasspath}), plus, from this JVM's class path, the emulators' classes (the
 * launcher) and Gson (which the metastore's pom leaves to Hadoop). {@link #close()} ends the process.
 */
public final class TestingHiveMetastoreProcess implements AutoCloseable {
    public static final String CLASSPATH_PROPERTY = "lakeport.hiveMetastoreClasspath";
    private static final String MAIN = "dev.lakeport.emulator.hive.EmbeddedHiveMetastore";
    private static final long START_SECONDS = 240;

    private final Process process;
    private final URI uri;
    private final Deque<String> tail;

    private TestingHiveMetastoreProcess(Process process, URI uri, Deque<String> tail) {
        this.process = process;
        this.uri = uri;
        this.tail = tail;
    }

    /** Starts the metastore with its catalog under {@code directory} and returns once it listens. */
    public static TestingHiveMetastoreProcess start(Path directory) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(classPath());
        command.add(MAIN);
        command.add("--port");
        command.add("0");
        command.add("--dir");
        command.add(directory.toAbsolutePath().toString());
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .directory(directory.toAbsolutePath().getParent().toFile())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Hive Metastore process", e);
        }
        Thread reaper = new Thread(process::destroyForcibly, "hive-metastore-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
        Deque<String> tail = new ArrayDeque<>();
        CompletableFuture<URI> listening = new CompletableFuture<>();
        Thread reader = new Thread(
                () -> {
                    // Read to the end: a process whose output nobody drains stops when the pipe is full.
                    try (BufferedReader out = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = out.readLine()) != null) {
                            if (!listening.isDone() && line.startsWith("thrift://")) {
                                listening.complete(URI.create(line.trim()));
                            }
                            synchronized (tail) {
                                tail.addLast(line);
                                if (tail.size() > 40) {
                                    tail.removeFirst();
                                }
                            }
                        }
                    } catch (IOException e) {
                        listening.completeExceptionally(e);
                    }
                    listening.completeExceptionally(new IllegalStateException("the process ended"));
                },
                "hive-metastore-output");
        reader.setDaemon(true);
        reader.start();
        try {
            URI uri = listening.get(START_SECONDS, TimeUnit.SECONDS);
            return new TestingHiveMetastoreProcess(process, uri, tail);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            String output;
            synchronized (tail) {
                output = String.join("\n", tail);
            }
            throw new IllegalStateException(
                    "the Hive Metastore did not listen within " + START_SECONDS + " s (" + e.getMessage()
                            + "); its output:\n" + output,
                    e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the Hive Metastore started", e);
        }
    }

    /** {@code thrift://127.0.0.1:PORT}. */
    public URI uri() {
        return uri;
    }

    /** The last lines the metastore printed, for a failure's message. */
    public String outputTail() {
        synchronized (tail) {
            return String.join("\n", tail);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static String classPath() {
        String file = Objects.requireNonNull(
                System.getProperty(CLASSPATH_PROPERTY),
                CLASSPATH_PROPERTY + " is not set (the build writes target/hive-metastore.classpath)");
        String metastore;
        try {
            metastore = Files.readString(Path.of(file), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the metastore's class path " + file, e);
        }
        return String.join(
                File.pathSeparator,
                metastore,
                entryHolding(MAIN.replace('.', '/') + ".class"),
                entryHolding("com/google/gson/Gson.class"));
    }

    /** The entry of this JVM's class path (a directory or a jar) that holds {@code resource}. */
    private static String entryHolding(String resource) {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path) && Files.isRegularFile(path.resolve(resource))) {
                return entry;
            }
            if (Files.isRegularFile(path) && entry.endsWith(".jar")) {
                try (JarFile jar = new JarFile(path.toFile())) {
                    if (jar.getEntry(resource) != null) {
                        return entry;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + entry, e);
                }
            }
        }
        throw new IllegalStateException(resource + " is on no entry of the test class path");
    }
}
