package dev.lakeport.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command sequence of the README and the user guide, run exactly as written: each {@code bash} block that calls
 * {@code lakeport-cli} is read from the documents, and each of its commands runs as its own process ({@code java -jar
 * target/lakeport-cli.jar ...}) in a working folder that holds the emulators' configuration as {@code
 * application.properties}, against {@code lakeport-cli emulators} running in another process. A change to the
 * documents that breaks a sequence breaks this test; a documented command line that is neither run nor listed in
 * {@link #NOT_RUN_HERE} fails it.
 *
 * <p>Each sequence works on databases of its own, so each starts from an empty destination. A sequence followed by the
 * documented retry of failed items has one table refused by the destination during its {@code apply} (a proxy in
 * front of the DLF emulator answers {@code InvalidInput} for it): that apply must fail exactly that table's objects,
 * and the retry must converge. Every sequence ends with {@code verify} exiting 0.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentedCommandsIT {
    private static final List<Path> DOCUMENTS = List.of(Path.of("../README.md"), Path.of("../docs/user-guide.md"));

    /**
     * Documented command lines that cannot run here, and why. Everything else in a block that calls lakeport-cli runs.
     * (Submitting to a cluster, e.g. {@code submit --profile emr}, would go here if a block showed it.)
     */
    private static final Map<String, String> NOT_RUN_HERE = Map.of();

    /** Each sequence's databases of the sample catalog, in document order: disjoint, so each starts empty. */
    private static final List<String> SCOPES = List.of(
            "sales,web_logs", "finance,ml_features", "staging", "sales,web_logs", "sales,web_logs", "sales,web_logs");

    /** The table the destination refuses during the first apply of a sequence that the documented retry follows. */
    private static final String FAULT_DATABASE = "finance";

    private static final String FAULT_TABLE = "ledger";
    private static final Pattern BLOCK = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern PLACEHOLDER = Pattern.compile("<[^>]+>");
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private Process emulators;
    private Properties emulatorConfig;
    private FaultingProxy dlfProxy;
    private final AtomicInteger stepCounter = new AtomicInteger();
    private final List<String> ran = new ArrayList<>();

    /**
     * One documented command: where it is written, its arguments after {@code lakeport-cli}, and whether the document
     * runs it in the background ({@code &}, as {@code emulators} is).
     */
    record Step(String source, List<String> args, boolean background) {
        Step(String source, List<String> args) {
            this(source, args, false);
        }

        boolean is(String command) {
            return !args.isEmpty() && args.get(0).equals(command);
        }

        @Override
        public String toString() {
            return source + ": lakeport-cli " + String.join(" ", args) + (background ? " &" : "");
        }
    }

    /** The commands of one block and the blocks that continue it (the retry of its failed items). */
    record Sequence(String source, List<Step> steps, List<List<Step>> continuations) {}

    @BeforeAll
    void startEmulators() throws Exception {
        int gluePort = freePort();
        int dlfPort = freePort();
        Path config = dir.resolve("emulators.properties");
        Path out = dir.resolve("emulators.out");
        emulators = command(
                        dir,
                        "emulators",
                        "--partitions",
                        "1000",
                        "--glue-port",
                        String.valueOf(gluePort),
                        "--dlf-port",
                        String.valueOf(dlfPort),
                        "--write-config",
                        config.toString())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!(Files.exists(out) && Files.readString(out).contains("Press Ctrl-C"))) {
            if (!emulators.isAlive() || System.nanoTime() > deadline) {
                fail("the emulators did not start:%n%s", Files.exists(out) ? Files.readString(out) : "");
            }
            emulators.waitFor(100, TimeUnit.MILLISECONDS);
        }
        emulatorConfig = new Properties();
        try (var reader = Files.newBufferedReader(config)) {
            emulatorConfig.load(reader);
        }
        dlfProxy = new FaultingProxy(emulatorConfig.getProperty("aliyun.endpoint"), FAULT_TABLE);
    }

    @AfterAll
    void stopEmulators() throws InterruptedException {
        if (dlfProxy != null) {
            dlfProxy.close();
        }
        if (emulators != null) {
            emulators.destroy();
            if (!emulators.waitFor(30, TimeUnit.SECONDS)) {
                emulators.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void everyDocumentedCommandSequenceRunsAsWrittenAndEndsVerified() throws Exception {
        List<Sequence> sequences = documentedSequences();
        assertThat(sequences)
                .as("command sequences in %s", DOCUMENTS)
                .anySatisfy(s -> assertThat(s.steps()).anyMatch(st -> st.is("apply")))
                .anySatisfy(s -> assertThat(s.continuations()).isNotEmpty());
        assertThat(sequences.size())
                .as("a database scope for each documented sequence (extend SCOPES)")
                .isLessThanOrEqualTo(SCOPES.size());

        for (int i = 0; i < sequences.size(); i++) {
            run(sequences.get(i), i, SCOPES.get(i));
        }
        // What ran, for the build log: one line a step.
        ran.forEach(System.out::println);
    }

    private void run(Sequence sequence, int index, String scope) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("sequence-" + (index + 1)));
        if (!sequence.steps().isEmpty() && sequence.steps().get(0).is("emulators")) {
            runWithOwnEmulators(sequence, folder, scope);
            return;
        }
        Properties config = new Properties();
        config.putAll(emulatorConfig);
        config.setProperty("aws.databases", scope);
        config.setProperty("aliyun.endpoint", "127.0.0.1:" + dlfProxy.port());
        try (var writer = Files.newBufferedWriter(folder.resolve("application.properties"))) {
            config.store(writer, "the emulators' configuration, scoped to this sequence's databases");
        }

        boolean faulted = !sequence.continuations().isEmpty();
        if (faulted) {
            assertThat(scope.split(",")).as("the faulted sequence's scope").contains(FAULT_DATABASE);
        }
        // Exit codes as the README promises them: 0 for every step, except that the apply the destination partly
        // refuses exits 1 (some objects failed), and so does a verify before the retry (differences remain).
        boolean applied = false;
        boolean failedOnce = false;
        Step last = null;
        for (Step step : sequence.steps()) {
            boolean realApply = step.is("apply") && !step.args().contains("--dry-run");
            boolean fault = faulted && realApply && !applied;
            int expected = (fault || (failedOnce && step.is("verify"))) ? ExitCode.ITEMS_FAILED : ExitCode.OK;
            String out;
            dlfProxy.arm(fault);
            try {
                out = runStep(folder, step, expected);
            } finally {
                dlfProxy.arm(false);
            }
            if (fault) {
                failedOnce = true;
                assertOnlyTheFaultedTableFailed(folder, step);
            }
            if (step.is("apply") && step.args().contains("--dry-run")) {
                assertThat(out).as("%s: a dry run that fails nothing", step).doesNotContain("Failed items:");
            }
            applied |= realApply;
            last = step;
        }
        for (List<Step> continuation : sequence.continuations()) {
            for (Step step : continuation) {
                runStep(folder, step, ExitCode.OK);
                last = step;
            }
        }
        if (last == null || !last.is("verify")) {
            Step verify =
                    new Step("after " + sequence.source(), List.of("verify", "--config", "application.properties"));
            runStep(folder, verify, ExitCode.OK);
        }
    }

    /**
     * A sequence that starts emulators of its own ({@code lakeport-cli emulators --source hive ... &}): they run in the
     * background as the document says, on free ports and with the sample at 1,000 partitions, and the configuration they
     * write is scoped to this sequence's databases. Every other step must exit 0, and the sequence ends verified.
     */
    private void runWithOwnEmulators(Sequence sequence, Path folder, String scope) throws Exception {
        Step start = sequence.steps().get(0);
        assertThat(start.background())
                .as("%s: the emulators run in the background (&)", start)
                .isTrue();
        List<String> args = new ArrayList<>(start.args());
        for (String option : List.of("--glue-port", "--dlf-port", "--hive-port", "--maxcompute-port")) {
            if (!args.contains(option)) {
                args.addAll(List.of(option, String.valueOf(freePort())));
            }
        }
        if (!args.contains("--partitions")) {
            args.addAll(List.of("--partitions", "1000"));
        }
        int at = args.indexOf("--write-config");
        assertThat(at).as("%s: names the configuration it writes", start).isNotNegative();
        Path written = folder.resolve(args.get(at + 1));
        Path out = folder.resolve("emulators.out");
        Process own = command(folder, args.toArray(String[]::new))
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
            while (!(Files.exists(out) && Files.readString(out).contains("Press Ctrl-C"))) {
                if (!own.isAlive() || System.nanoTime() > deadline) {
                    fail("%s did not start:%n%s", start, Files.exists(out) ? Files.readString(out) : "");
                }
                own.waitFor(200, TimeUnit.MILLISECONDS);
            }
            ran.add("started: " + start);
            Properties config = new Properties();
            try (var reader = Files.newBufferedReader(written)) {
                config.load(reader);
            }
            config.setProperty("aws.databases", scope);
            try (var writer = Files.newBufferedWriter(written)) {
                config.store(writer, "the emulators' configuration, scoped to this sequence's databases");
            }
            Step last = start;
            for (Step step : sequence.steps().subList(1, sequence.steps().size())) {
                runStep(folder, step, ExitCode.OK);
                last = step;
            }
            if (!last.is("verify") && !last.is("migrate")) {
                String file = folder.relativize(written).toString();
                runStep(
                        folder,
                        new Step("after " + sequence.source(), List.of("verify", "--config", file)),
                        ExitCode.OK);
            }
        } finally {
            own.destroy();
            if (!own.waitFor(30, TimeUnit.SECONDS)) {
                own.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Runs one step as its own process and checks its exit code; returns what it printed on stdout. */
    private String runStep(Path folder, Step step, int expectedExit) throws Exception {
        List<String> args = new ArrayList<>();
        for (String arg : step.args()) {
            args.add(resolvePlaceholders(folder, step, arg));
        }
        int n = stepCounter.incrementAndGet();
        Path out = folder.resolve("step-" + n + ".out");
        Path err = folder.resolve("step-" + n + ".err");
        Process p = command(folder, args.toArray(String[]::new))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!p.waitFor(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail(
                    "%s did not finish within %s:%n%s%n%s",
                    step, STEP_TIMEOUT, Files.readString(out), Files.readString(err));
        }
        assertThat(p.exitValue())
                .as("exit code of %s%n--- stdout:%n%s%n--- stderr:%n%s", step, Files.readString(out), tail(err))
                .isEqualTo(expectedExit);
        ran.add("exit " + p.exitValue() + ": " + step);
        for (int i = 0; i + 1 < args.size(); i++) {
            if (Set.of("--html", "--csv", "--json").contains(args.get(i))) {
                assertThat(folder.resolve(args.get(i + 1)))
                        .as("%s writes %s", step, args.get(i + 1))
                        .isNotEmptyFile();
            }
        }
        return Files.readString(out);
    }

    /** {@code failed-<run>.jsonl}: the failed-items file of the latest run in the sequence's result folder. */
    private static String resolvePlaceholders(Path folder, Step step, String arg) throws IOException {
        Matcher m = PLACEHOLDER.matcher(arg);
        if (!m.find()) {
            return arg;
        }
        if (!arg.contains("failed-<run>.jsonl")) {
            fail("%s: no value known for the placeholder %s in %s", step, m.group(), arg);
        }
        Path file = folder.resolve(arg.replace("failed-<run>.jsonl", "placeholder"));
        Path latest = latestFailedFile(file.getParent())
                .orElseThrow(() -> new AssertionError(step + ": no failed-<run>.jsonl in " + file.getParent()));
        return folder.relativize(latest).toString();
    }

    private static Optional<Path> latestFailedFile(Path results) throws IOException {
        if (!Files.isDirectory(results)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(results)) {
            return files.filter(f -> f.getFileName().toString().matches("failed-.*\\.jsonl"))
                    .max(Comparator.comparing(f -> f.toFile().lastModified()));
        }
    }

    private void assertOnlyTheFaultedTableFailed(Path folder, Step step) throws IOException {
        assertThat(dlfProxy.refused())
                .as("calls the proxy refused during %s", step)
                .isPositive();
        Path failed = latestFailedFile(folder.resolve(emulatorConfig.getProperty("result.output.path")))
                .orElseThrow(() -> new AssertionError(step + " wrote no failed-items file"));
        List<String> lines =
                Files.readAllLines(failed).stream().filter(l -> !l.isBlank()).toList();
        assertThat(lines).as("failed items of %s", step).isNotEmpty();
        for (String line : lines) {
            JsonNode item = JSON.readTree(line);
            assertThat(item.path("itemName").asText())
                    .as("%s: only %s.%s and its partitions fail (%s)", step, FAULT_DATABASE, FAULT_TABLE, line)
                    .contains(FAULT_TABLE);
        }
        assertThat(dlfProxy.refused())
                .as("calls the proxy refused during %s", step)
                .isPositive();
    }

    // ---------------------------------------------------------------- the documents

    private static List<Sequence> documentedSequences() throws IOException {
        List<Sequence> sequences = new ArrayList<>();
        for (Path document : DOCUMENTS) {
            String text = Files.readString(document).replace("\r\n", "\n");
            Matcher block = BLOCK.matcher(text);
            while (block.find()) {
                if (!callsTheCli(block.group(1))) {
                    continue; // the desktop, the build, the installer: not command sequences of the CLI
                }
                int line = (int) text.substring(0, block.start())
                                .chars()
                                .filter(c -> c == '\n')
                                .count()
                        + 2;
                String where = document.getFileName() + ":" + line;
                List<Step> steps = steps(where, block.group(1));
                if (steps.isEmpty()) {
                    continue;
                }
                // The retry of failed items needs the failed-items file of the sequence just before it.
                if (steps.get(0).args().contains("--failed-items")) {
                    assertThat(sequences)
                            .as("%s: a retry block follows a sequence that applies", where)
                            .isNotEmpty();
                    sequences.get(sequences.size() - 1).continuations().add(steps);
                } else {
                    sequences.add(new Sequence(where, steps, new ArrayList<>()));
                }
            }
        }
        return sequences;
    }

    private static String withoutComment(String line) {
        return line.replaceAll("(^|\\s)#.*$", "").trim();
    }

    private static boolean callsTheCli(String block) {
        return block.lines()
                .map(DocumentedCommandsIT::withoutComment)
                .flatMap(line -> Stream.of(line.split("&&")))
                .map(String::trim)
                .anyMatch(command -> command.startsWith("./lakeport-cli ") || command.startsWith("lakeport-cli "));
    }

    private static List<Step> steps(String where, String block) {
        List<Step> steps = new ArrayList<>();
        for (String raw : block.split("\n")) {
            String line = withoutComment(raw);
            if (line.isEmpty()) {
                continue;
            }
            if (NOT_RUN_HERE.keySet().stream().anyMatch(line::contains)) {
                continue;
            }
            for (String command : line.split("&&")) {
                String text = command.trim();
                boolean background = text.endsWith("&");
                if (background) {
                    text = text.substring(0, text.length() - 1).trim();
                }
                List<String> words = List.of(text.split("\\s+"));
                if (!Set.of("./lakeport-cli", "lakeport-cli").contains(words.get(0))) {
                    fail(
                            "%s: the documented command '%s' neither runs here nor is listed in NOT_RUN_HERE",
                            where, line);
                }
                steps.add(new Step(where, words.subList(1, words.size()), background));
            }
        }
        return steps;
    }

    // ---------------------------------------------------------------- processes

    /** {@code java -jar target/lakeport-cli.jar ARGS} in {@code folder}: the CLI as its launcher starts it. */
    private ProcessBuilder command(Path folder, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                Path.of("target", "lakeport-cli.jar").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile());
        builder.environment().put("LAKEPORT_LOG_DIR", dir.resolve("logs").toString());
        return builder;
    }

    private static String tail(Path file) throws IOException {
        String text = Files.readString(file);
        return text.length() <= 4_000 ? text : "..." + text.substring(text.length() - 4_000);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    // ---------------------------------------------------------------- the fault

    /**
     * Forwards every call to the DLF emulator unchanged; while armed, answers {@code InvalidInput} (a refusal that is
     * not retried) to any call naming one table, as a destination that refuses an object would.
     */
    private static final class FaultingProxy implements AutoCloseable {
        private final HttpServer server;
        private final ExecutorService executor = Executors.newFixedThreadPool(16);
        private final HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        private final String target;
        private final Pattern table;
        private final AtomicInteger refused = new AtomicInteger();
        private volatile boolean armed;

        FaultingProxy(String target, String table) throws IOException {
            this.target = target;
            this.table = Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(table) + "(?![A-Za-z0-9_])");
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(executor);
            server.createContext("/", this::handle);
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        void arm(boolean on) {
            if (on) {
                refused.set(0);
            }
            armed = on;
        }

        int refused() {
            return refused.get();
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                String query = String.valueOf(exchange.getRequestURI().getRawQuery());
                if (armed
                        && (table.matcher(new String(body, StandardCharsets.UTF_8))
                                        .find()
                                || table.matcher(query).find())) {
                    refused.incrementAndGet();
                    byte[] answer = ("{\"Success\":false,\"Code\":\"InvalidInput\",\"Message\":\"refused by the test's"
                                    + " proxy\",\"RequestId\":\"TEST-FAULT\"}")
                            .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json;charset=utf-8");
                    exchange.getResponseHeaders().add("x-acs-request-id", "TEST-FAULT");
                    exchange.sendResponseHeaders(400, answer.length);
                    exchange.getResponseBody().write(answer);
                    return;
                }
                forward(exchange, body);
            }
        }

        private void forward(HttpExchange exchange, byte[] body) throws IOException {
            HttpRequest.Builder request = HttpRequest.newBuilder(
                            URI.create("http://" + target + exchange.getRequestURI()))
                    .timeout(Duration.ofSeconds(60))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            Set<String> restricted = Set.of(
                    "host", "content-length", "connection", "expect", "upgrade", "date", "from", "via", "warning");
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!restricted.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            HttpResponse<byte[]> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            response.headers().map().forEach((name, values) -> {
                String lower = name.toLowerCase(java.util.Locale.ROOT);
                if (!lower.equals("content-length") && !lower.equals("transfer-encoding") && !lower.startsWith(":")) {
                    values.forEach(v -> exchange.getResponseHeaders().add(name, v));
                }
            });
            byte[] answer = response.body();
            exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
        }

        @Override
        public void close() {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
