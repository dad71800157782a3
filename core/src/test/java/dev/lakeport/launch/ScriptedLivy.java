package dev.lakeport.launch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Livy server whose batches the test moves by hand: it answers the batch API as Livy documents it (states, the
 * application id, a log that keeps only its last {@code logCapacity} lines like Livy's {@code livy.cache-log.size}) and
 * records what it was asked.
 */
final class ScriptedLivy implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BATCH = Pattern.compile("/batches/(\\d+)(/log|/state)?");

    final List<JsonNode> submitted = new CopyOnWriteArrayList<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<String> requestedBy = new CopyOnWriteArrayList<>();
    final AtomicInteger failNextGets = new AtomicInteger();
    volatile String rejectSubmissionWith;

    private final HttpServer server;
    private final int logCapacity;
    private final Map<Integer, Batch> batches = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    static final class Batch {
        volatile String state = "starting";
        volatile String appId;
        final List<String> log = new ArrayList<>();
    }

    ScriptedLivy(int logCapacity) throws IOException {
        this.logCapacity = logCapacity;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/batches", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    Batch batch(int id) {
        return batches.get(id);
    }

    void append(int id, String... lines) {
        Batch b = batches.get(id);
        synchronized (b.log) {
            for (String line : lines) {
                b.log.add(line);
                if (b.log.size() > logCapacity) {
                    b.log.remove(0);
                }
            }
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            requests.add(method + " " + exchange.getRequestURI());
            String by = exchange.getRequestHeaders().getFirst("X-Requested-By");
            requestedBy.add(by == null ? "" : by);
            if (method.equals("POST") && path.equals("/batches")) {
                JsonNode body = JSON.readTree(exchange.getRequestBody());
                submitted.add(body);
                if (rejectSubmissionWith != null) {
                    reply(exchange, 400, JSON.createObjectNode().put("msg", rejectSubmissionWith));
                    return;
                }
                int id = ids.getAndIncrement();
                batches.put(id, new Batch());
                reply(exchange, 201, batchJson(id, batches.get(id)));
                return;
            }
            Matcher m = BATCH.matcher(path);
            if (!m.matches()) {
                reply(exchange, 404, JSON.createObjectNode().put("msg", "no such path " + path));
                return;
            }
            int id = Integer.parseInt(m.group(1));
            Batch b = batches.get(id);
            if (b == null) {
                reply(exchange, 404, JSON.createObjectNode().put("msg", "Session '" + id + "' not found."));
                return;
            }
            if (method.equals("DELETE")) {
                batches.remove(id);
                reply(exchange, 200, JSON.createObjectNode().put("msg", "deleted"));
                return;
            }
            if (failNextGets.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                reply(exchange, 503, JSON.createObjectNode().put("msg", "Livy is busy"));
                return;
            }
            if ("/log".equals(m.group(2))) {
                Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
                int from = Integer.parseInt(query.getOrDefault("from", "0"));
                int size = Integer.parseInt(query.getOrDefault("size", "100"));
                ObjectNode log = JSON.createObjectNode();
                synchronized (b.log) {
                    int start = Math.min(from, b.log.size());
                    int end = Math.min(b.log.size(), start + size);
                    log.put("id", id).put("from", start).put("total", b.log.size());
                    b.log.subList(start, end).forEach(log.putArray("log")::add);
                }
                reply(exchange, 200, log);
                return;
            }
            reply(exchange, 200, batchJson(id, b));
        }
    }

    private static ObjectNode batchJson(int id, Batch b) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", id);
        node.put("state", b.state);
        if (b.appId == null) {
            node.putNull("appId");
        } else {
            node.put("appId", b.appId);
        }
        node.putArray("log");
        return node;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> map = new ConcurrentHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    map.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        return map;
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
        server.stop(0);
    }

    static String text(JsonNode node) {
        return new String(node.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }
}
