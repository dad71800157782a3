package dev.lakeport.launch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Livy-compatible server for tests: the batch API (create, state, log, delete) over a {@code spark-submit} it runs on
 * this machine in client mode with a given master, as Livy runs it on its host. Like Livy it keeps only the last
 * {@value #LOG_LINES} lines of each batch's output, and forgets a deleted batch.
 */
final class TestingLivyServer implements AutoCloseable {
    static final int LOG_LINES = 200;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BATCH = Pattern.compile("/batches/(\\d+)(/log|/state)?");

    private final HttpServer server;
    private final Path sparkHome;
    private final String master;
    private final Map<Integer, Batch> batches = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    private static final class Batch {
        volatile String state = "starting";
        volatile Process process;
        final LinkedList<String> log = new LinkedList<>();
    }

    TestingLivyServer(Path sparkHome, String master) {
        this.sparkHome = sparkHome;
        this.master = master;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "testing-livy");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/batches", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (exchange.getRequestHeaders().getFirst("X-Requested-By") == null
                    && !exchange.getRequestMethod().equals("GET")) {
                reply(exchange, 400, message("Missing Required Header for CSRF protection."));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (exchange.getRequestMethod().equals("POST") && path.equals("/batches")) {
                create(exchange, JSON.readTree(exchange.getRequestBody()));
                return;
            }
            Matcher m = BATCH.matcher(path);
            Batch b = m.matches() ? batches.get(Integer.parseInt(m.group(1))) : null;
            if (b == null) {
                reply(exchange, 404, message("Session '" + (m.matches() ? m.group(1) : path) + "' not found."));
                return;
            }
            int id = Integer.parseInt(m.group(1));
            switch (exchange.getRequestMethod()) {
                case "DELETE" -> {
                    batches.remove(id);
                    b.state = "killed";
                    Process p = b.process;
                    if (p != null) {
                        p.descendants().forEach(ProcessHandle::destroyForcibly);
                        p.destroyForcibly();
                    }
                    reply(exchange, 200, message("deleted"));
                }
                case "GET" -> {
                    if ("/log".equals(m.group(2))) {
                        reply(exchange, 200, log(id, b, exchange.getRequestURI().getRawQuery()));
                    } else {
                        reply(
                                exchange,
                                200,
                                JSON.createObjectNode()
                                        .put("id", id)
                                        .put("state", b.state)
                                        .putNull("appId"));
                    }
                }
                default -> reply(exchange, 405, message("method not allowed"));
            }
        }
    }

    private void create(HttpExchange exchange, JsonNode body) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(sparkHome.resolve("bin/spark-submit").toString());
        command.addAll(List.of("--master", master, "--deploy-mode", "client"));
        command.addAll(List.of("--class", body.path("className").asText()));
        if (body.hasNonNull("name")) {
            command.addAll(List.of("--name", body.get("name").asText()));
        }
        Iterator<Map.Entry<String, JsonNode>> conf = body.path("conf").fields();
        while (conf.hasNext()) {
            Map.Entry<String, JsonNode> e = conf.next();
            command.addAll(List.of("--conf", e.getKey() + "=" + e.getValue().asText()));
        }
        String file = body.path("file").asText();
        command.add(file.startsWith("file:") ? Path.of(URI.create(file)).toString() : file);
        body.path("args").forEach(a -> command.add(a.asText()));

        int id = ids.getAndIncrement();
        Batch batch = new Batch();
        batches.put(id, batch);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        batch.process = process;
        batch.state = "running";
        Thread reader = new Thread(() -> follow(batch, process), "testing-livy-batch-" + id);
        reader.setDaemon(true);
        reader.start();
        reply(
                exchange,
                201,
                JSON.createObjectNode().put("id", id).put("state", "starting").putNull("appId"));
    }

    private static void follow(Batch batch, Process process) {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (batch.log) {
                    batch.log.add(line);
                    if (batch.log.size() > LOG_LINES) {
                        batch.log.removeFirst();
                    }
                }
            }
            int exit = process.waitFor();
            if (!batch.state.equals("killed")) {
                batch.state = exit == 0 ? "success" : "dead";
            }
        } catch (IOException e) {
            batch.state = "dead";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ObjectNode log(int id, Batch b, String query) {
        int from = 0;
        int size = 100;
        if (query != null) {
            for (String pair : query.split("&")) {
                String[] kv = pair.split("=", 2);
                if (kv.length == 2 && kv[0].equals("from")) {
                    from = Integer.parseInt(kv[1]);
                } else if (kv.length == 2 && kv[0].equals("size")) {
                    size = Integer.parseInt(kv[1]);
                }
            }
        }
        ObjectNode node = JSON.createObjectNode().put("id", id);
        synchronized (b.log) {
            int start = Math.min(from, b.log.size());
            int end = Math.min(b.log.size(), start + size);
            node.put("from", start).put("total", b.log.size());
            b.log.subList(start, end).forEach(node.putArray("log")::add);
        }
        return node;
    }

    private static ObjectNode message(String text) {
        return JSON.createObjectNode().put("msg", text);
    }

    private static void reply(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        for (Batch b : batches.values()) {
            Process p = b.process;
            if (p != null && p.isAlive()) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
        server.stop(0);
    }
}
