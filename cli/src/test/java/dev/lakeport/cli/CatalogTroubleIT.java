package dev.lakeport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.emulator.dlf.DlfEmulator;
import dev.lakeport.emulator.glue.GlueEmulator;
import dev.lakeport.emulator.sample.SampleCatalog;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user sees when a catalog is in trouble, from the command line run as its own process (its stderr is what
 * the user reads): a wrong secret is named by its key and never printed; an endpoint that takes connections but never
 * answers is retried visibly and given up on within the configured time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogTroubleIT {
    static final String AWS_KEY_ID = "AKIDTROUBLE000000001";
    static final String AWS_SECRET = "wrongSecret-leakcheck-4d1e";
    static final String ALIYUN_KEY_ID = "LTTESTTROUBLE00001";
    static final String ALIYUN_SECRET = "wrongAliyunSecret-leakcheck-8a2c";

    @TempDir
    static Path dir;

    private GlueEmulator glue;
    private DlfEmulator dlf;

    @BeforeAll
    void start() {
        glue = GlueEmulator.start();
        dlf = DlfEmulator.start();
        SampleCatalog.generate(glue.store(), new SampleCatalog.Options(3L, 100, "eu-central-1"));
    }

    @AfterAll
    void stop() {
        glue.close();
        dlf.close();
    }

    private Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("aws.accessKeyId", AWS_KEY_ID);
        s.put("aws.secretAccessKey", AWS_SECRET);
        s.put("aws.region", "eu-central-1");
        s.put("aliyun.accessKeyId", ALIYUN_KEY_ID);
        s.put("aliyun.secretAccessKey", ALIYUN_SECRET);
        s.put("aliyun.region", "eu-central-1");
        s.put("aliyun.endpoint", dlf.endpoint());
        s.put("aliyun.catalogId", dlf.catalogId());
        s.put("location.convertMap", "{}");
        s.put("result.output.path", dir.resolve("results").toString());
        s.put("lakeport.aws.endpoint", glue.endpoint().toString());
        s.put("lakeport.aliyun.protocol", "HTTP");
        return s;
    }

    private Path write(String name, Map<String, String> settings) throws IOException {
        StringBuilder sb = new StringBuilder();
        settings.forEach((k, v) ->
                sb.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
        Path file = dir.resolve(name + ".properties");
        Files.writeString(file, sb.toString());
        return file;
    }

    @Test
    void aWrongSecretIsNamedByItsKeyAndNeverPrinted() throws Exception {
        glue.allowAccessKey(AWS_KEY_ID, "the-right-secret");
        try {
            Cli r = cli("load", "--config", write("glue-key", settings()).toString(), "--project", project("g"));
            assertThat(r.exitCode).as(r.all()).isEqualTo(3);
            assertThat(r.err)
                    .contains("Glue GetDatabases failed")
                    .contains("InvalidSignatureException")
                    .contains("aws.secretAccessKey");
            assertThat(r.all()).doesNotContain(AWS_SECRET).doesNotContain("the-right-secret");
        } finally {
            glue.allowAccessKeys();
        }
        dlf.allowAccessKey(ALIYUN_KEY_ID, "the-right-secret");
        try {
            Cli r = cli(
                    "load",
                    "--side",
                    "destination",
                    "--config",
                    write("dlf-key", settings()).toString(),
                    "--project",
                    project("d"));
            assertThat(r.exitCode).as(r.all()).isEqualTo(3);
            assertThat(r.err)
                    .contains("DLF ListDatabases failed")
                    .contains("SignatureDoesNotMatch")
                    .contains("aliyun.secretAccessKey");
            assertThat(r.all()).doesNotContain(ALIYUN_SECRET).doesNotContain("the-right-secret");
        } finally {
            dlf.allowAccessKeys();
        }
    }

    @Test
    void anEndpointThatNeverAnswersIsRetriedVisiblyAndGivenUpOnInTime() throws Exception {
        try (Silent silent = new Silent()) {
            Map<String, String> s = settings();
            s.put("lakeport.aws.endpoint", "http://127.0.0.1:" + silent.port());
            s.put("lakeport.callTimeout", "1s");
            s.put("lakeport.retryDeadline", "4s");
            long started = System.nanoTime();

            Cli r = cli("load", "--config", write("silent", s).toString(), "--project", project("s"));

            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            assertThat(r.exitCode).as(r.all()).isEqualTo(4);
            // the deadline, one more call timeout, and the JVM's start; never attempts x timeout
            assertThat(seconds).as(r.all()).isLessThan(30);
            assertThat(r.err)
                    .as("a retry line names the operation, the attempt and the cause")
                    .containsPattern("retrying \\(attempt 1 of .*Glue GetDatabases failed: no answer from"
                            + " http://127.0.0.1:" + silent.port());
            assertThat(r.err)
                    .contains("error: TIMEOUT")
                    .contains("http://127.0.0.1:" + silent.port())
                    .contains("gave up after");
            assertThat(silent.connections()).isGreaterThan(1);
        }
    }

    @Test
    void emulatorsInTheirOwnProcessInjectTheFaultsTheirOptionsName() throws Exception {
        Path written = dir.resolve("emulators.properties");
        Process emulators = new ProcessBuilder(javaCommand(
                        "emulators",
                        "--glue-port",
                        "0",
                        "--dlf-port",
                        "0",
                        "--partitions",
                        "300",
                        "--lose-responses",
                        "0.2",
                        "--mid-batch-disconnects",
                        "0.2",
                        "--max-page-size",
                        "50",
                        "--max-batch-size",
                        "10",
                        "--access-key",
                        AWS_KEY_ID,
                        "--secret-key",
                        "emulator-secret",
                        "--write-config",
                        written.toString()))
                .redirectOutput(dir.resolve("emulators-out.txt").toFile())
                .redirectError(dir.resolve("emulators-err.txt").toFile())
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(written)
                    || !Files.readString(dir.resolve("emulators-out.txt")).contains("Ctrl-C")) {
                assertThat(emulators.isAlive()).as("the emulators stopped").isTrue();
                assertThat(System.nanoTime())
                        .as("the emulators did not start in a minute")
                        .isLessThan(deadline);
                Thread.sleep(100);
            }
            java.util.Properties props = new java.util.Properties();
            try (var in = Files.newBufferedReader(written)) {
                props.load(in);
            }
            assertThat(Files.readString(written)).doesNotContain("emulator-secret");
            Map<String, String> s = settings();
            s.put("lakeport.aws.endpoint", props.getProperty("lakeport.aws.endpoint"));
            s.put("aliyun.endpoint", props.getProperty("aliyun.endpoint"));
            s.put("aliyun.catalogId", props.getProperty("aliyun.catalogId"));
            s.put("location.convertMap", props.getProperty("location.convertMap"));
            s.put("aws.secretAccessKey", "emulator-secret");
            s.put("aliyun.accessKeyId", AWS_KEY_ID);
            s.put("aliyun.secretAccessKey", "emulator-secret");

            Cli migrated = cli("migrate", "--config", write("faulty", s).toString(), "--project", project("f"));

            assertThat(migrated.exitCode).as(migrated.all()).isZero();
            assertThat(migrated.err)
                    .as("the servers' lower limits were noticed and followed")
                    .contains("using 50 from now on")
                    .contains("using 10 from now on");

            s.put("aws.secretAccessKey", AWS_SECRET);
            Cli refused = cli("load", "--config", write("faulty-key", s).toString(), "--project", project("k"));
            assertThat(refused.exitCode).as(refused.all()).isEqualTo(3);
            assertThat(refused.err).contains("aws.secretAccessKey").doesNotContain(AWS_SECRET);
        } finally {
            emulators.destroy();
            emulators.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private String project(String name) {
        return dir.resolve(name + ".lakeport").toString();
    }

    private record Cli(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }
    }

    /** The command line in a JVM of its own, with the product's logging (not the tests'), as a user starts it. */
    private static List<String> javaCommand(String... args) {
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classpath,
                "-DLAKEPORT_LOG_DIR=" + dir.resolve("logs"),
                LakeportCommand.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    private static Cli cli(String... args) throws Exception {
        Process process = new ProcessBuilder(javaCommand(args))
                .redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile())
                .start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the command line did not end within 2 minutes: " + Arrays.toString(args));
        }
        return new Cli(
                process.exitValue(),
                Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    /** Takes connections and reads what comes, never answering. */
    private static final class Silent implements AutoCloseable {
        private final ServerSocket server;
        private final List<Socket> accepted = new CopyOnWriteArrayList<>();
        private final Thread acceptor;

        Silent() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket socket = server.accept();
                        accepted.add(socket);
                        Thread reader = new Thread(() -> drain(socket));
                        reader.setDaemon(true);
                        reader.start();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private static void drain(Socket socket) {
            try (InputStream in = socket.getInputStream()) {
                in.transferTo(OutputStreamSink.INSTANCE);
            } catch (IOException e) {
                // closed
            }
        }

        int port() {
            return server.getLocalPort();
        }

        int connections() {
            return accepted.size();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {}

        @Override
        public void write(byte[] b, int off, int len) {}
    }
}
