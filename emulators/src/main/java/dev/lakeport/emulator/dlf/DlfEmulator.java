package dev.lakeport.emulator.dlf;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lakeport.emulator.common.Faults;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local server that speaks DLF's metastore API (datalake 2020-07-10, ROA style) as the official SDK sends it:
 * {@code Config.setEndpoint(emulator.endpoint()).setProtocol("HTTP")} is all a client needs. The catalog lives in
 * memory ({@link #store()}); {@link #faults()} injects latency, throttling, 5xx, lost and late answers, batches cut
 * mid-way and limits below the API's (refused with DLF's InvalidInput, as for the API's own limits).
 *
 * <p>Errors: business errors are HTTP 200 with {@code Success=false} (see {@link DlfException#BUSINESS_STATUS});
 * throttling is HTTP 400 with Code {@code Throttling}, as Alibaba's API gateway documents its common throttling error
 * (clients should go by the code, not the status); injected server errors are HTTP 500 {@code InternalError} or 503
 * {@code ServiceUnavailable}; an access key outside {@link #allowAccessKeys} gets HTTP 404
 * {@code InvalidAccessKeyId.NotFound}. Signatures are verified only for keys registered with their secret
 * ({@link #allowAccessKey}); a mismatch is HTTP 400 {@code SignatureDoesNotMatch}.
 */
public final class DlfEmulator implements AutoCloseable {
    public static final String DEFAULT_CATALOG_ID = "1234567890123456";
    /** The API version the SDK names in {@code x-acs-version}. */
    public static final String API_VERSION = "2020-07-10";

    private static final Pattern ACS3_CREDENTIAL = Pattern.compile("Credential=([^,\\s]+)");
    private static final Pattern ACS_V1 = Pattern.compile("^acs\\s+([^:]+):");

    private static final Map<String, String> ROUTES = routes();

    static {
        // The JDK server writes headers and body separately; with Nagle on, each reply then waits for the client's
        // delayed ACK (~40 ms a call). Read once when the first server of the JVM is created.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final ObjectMapper json = new ObjectMapper();
    private final DlfStore store = new DlfStore(json);
    private final DlfService service;
    private final Faults faults = new Faults();
    /** The batch writes, with the body member holding the batch. */
    private static final Map<String, String> BATCH_MEMBERS = Map.of(
            "BatchCreatePartitions", "PartitionInputs",
            "BatchUpdatePartitions", "PartitionInputs",
            "BatchDeletePartitions", "PartitionValueList");

    private final Set<String> allowedKeys = ConcurrentHashMap.newKeySet();
    private final Map<String, String> verifiedSecrets = new ConcurrentHashMap<>();
    private final String catalogId;

    private DlfEmulator(InetSocketAddress address, String catalogId) throws IOException {
        this.catalogId = requireNonNull(catalogId, "catalogId is null");
        this.service = new DlfService(store, catalogId, faults);
        this.server = HttpServer.create(address, 256);
        AtomicInteger threads = new AtomicInteger();
        // 64 workers: as many concurrent calls as the connector's default connection pool makes.
        this.executor = Executors.newFixedThreadPool(64, r -> {
            Thread t = new Thread(r, "dlf-emulator-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts on a free port of the loopback interface. */
    public static DlfEmulator start() {
        return start(new InetSocketAddress("127.0.0.1", 0));
    }

    public static DlfEmulator start(InetSocketAddress address) {
        return start(address, DEFAULT_CATALOG_ID);
    }

    public static DlfEmulator start(InetSocketAddress address, String catalogId) {
        try {
            return new DlfEmulator(address, catalogId);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the DLF emulator on " + address, e);
        }
    }

    /** host:port, as the SDK's {@code Config.setEndpoint} takes it. */
    public String endpoint() {
        return "127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The default catalog's id, which is the account id. */
    public String catalogId() {
        return catalogId;
    }

    public Faults faults() {
        return faults;
    }

    public DlfStore store() {
        return store;
    }

    /** Only these access key ids are accepted from now on; no ids (the default) accepts every key. */
    public DlfEmulator allowAccessKeys(String... ids) {
        allowedKeys.clear();
        allowedKeys.addAll(Set.of(ids));
        verifiedSecrets.clear();
        return this;
    }

    /**
     * Accepts {@code id} and checks the ACS3-HMAC-SHA256 signature of its requests against {@code secret}: a mismatch
     * is HTTP 400 {@code SignatureDoesNotMatch}. Like {@link #allowAccessKeys}, this ends accept-all: from then on
     * only listed or registered keys are accepted.
     */
    public DlfEmulator allowAccessKey(String id, String secret) {
        allowedKeys.add(requireNonNull(id, "id is null"));
        verifiedSecrets.put(id, requireNonNull(secret, "secret is null"));
        return this;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        String requestId = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
        ObjectNode body;
        int status;
        Faults.Delivery delivery = Faults.Delivery.ANSWER;
        try {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = exchange.getRequestURI().getPath();
            String action = ROUTES.get(method + " " + path);
            byte[] raw = readAll(exchange.getRequestBody());
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            checkAccessKey(authorization);
            checkSignature(exchange, authorization, method, path, raw);
            rejectIfFaulty(action);
            if (action == null) {
                throw new DlfException(
                        404, "InvalidAction.NotFound", "Specified api is not found: " + method + " " + path);
            }
            String version = exchange.getRequestHeaders().getFirst("x-acs-version");
            if (version != null && !version.equals(API_VERSION)) {
                throw new DlfException(400, "InvalidVersion", "Specified parameter Version is not valid: " + version);
            }
            String declared = exchange.getRequestHeaders().getFirst("x-acs-action");
            if (declared != null && !declared.equals(action)) {
                throw new DlfException(
                        400, "InvalidAction.Mismatch", "x-acs-action " + declared + " does not match " + path);
            }
            ObjectNode requestBody = parseBody(raw);
            boolean cut = cutBatch(action, requestBody);
            Params params = new Params(query(exchange.getRequestURI().getRawQuery()), requestBody);
            body = service.handle(action, params);
            delivery = cut ? Faults.Delivery.DROP : faults.delivery();
            body.put("Success", true);
            body.put("Code", "OK");
            body.put("Message", "");
            status = 200;
        } catch (DlfException e) {
            body = json.createObjectNode();
            body.put("Success", false);
            body.put("Code", e.code());
            body.put("Message", e.getMessage());
            status = e.status();
        } catch (RuntimeException | IOException e) {
            body = json.createObjectNode();
            body.put("Success", false);
            body.put("Code", "InternalError");
            body.put("Message", "The request processing has failed due to some unknown error: " + e);
            status = 500;
        }
        body.put("RequestId", requestId);
        if (delivery == Faults.Delivery.DROP) {
            // An exchange closed before its headers were sent closes the connection: the client gets no answer.
            exchange.close();
            return;
        }
        if (delivery == Faults.Delivery.DELAY) {
            try {
                Thread.sleep(faults.acceptDelay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.close();
                return;
            }
        }
        respond(exchange, status, body, requestId);
    }

    /** Keeps only the first part of a batch write when the faults cut it; true if cut (its answer is then lost). */
    private boolean cutBatch(String action, ObjectNode requestBody) {
        String member = BATCH_MEMBERS.get(action);
        if (member == null || requestBody == null) {
            return false;
        }
        JsonNode list = requestBody.get(member);
        if (list == null || !list.isArray()) {
            return false;
        }
        int keep = faults.cutBatch(list.size());
        if (keep < 0) {
            return false;
        }
        com.fasterxml.jackson.databind.node.ArrayNode kept = json.createArrayNode();
        for (int i = 0; i < keep; i++) {
            kept.add(list.get(i));
        }
        requestBody.set(member, kept);
        return true;
    }

    private void checkAccessKey(String authorization) {
        if (allowedKeys.isEmpty()) {
            return;
        }
        String keyId = accessKeyId(authorization);
        if (keyId == null || !allowedKeys.contains(keyId)) {
            throw new DlfException(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
        }
    }

    private void checkSignature(HttpExchange exchange, String authorization, String method, String path, byte[] raw) {
        String secret = verifiedSecrets.get(String.valueOf(accessKeyId(authorization)));
        if (secret == null) {
            return;
        }
        boolean valid = Acs3Signature.verify(
                authorization,
                method,
                path,
                exchange.getRequestURI().getRawQuery(),
                name -> exchange.getRequestHeaders().getFirst(name),
                raw,
                secret);
        if (!valid) {
            throw new DlfException(
                    400, "SignatureDoesNotMatch", "The request signature does not conform to Aliyun standards.");
        }
    }

    /** The access key id named by an ACS3 ({@code Credential=...}) or ACS v1 ({@code acs ID:sig}) Authorization. */
    static String accessKeyId(String authorization) {
        if (authorization == null) {
            return null;
        }
        Matcher m = ACS3_CREDENTIAL.matcher(authorization);
        if (m.find()) {
            return m.group(1);
        }
        m = ACS_V1.matcher(authorization);
        return m.find() ? m.group(1) : null;
    }

    private void rejectIfFaulty(String action) {
        switch (faults.onCall(action == null ? "" : action)) {
            case THROTTLE:
                throw new DlfException(400, "Throttling", "Request was denied due to request throttling.");
            case SERVER_ERROR:
                if (ThreadLocalRandom.current().nextBoolean()) {
                    throw new DlfException(
                            500, "InternalError", "The request processing has failed due to some unknown error.");
                }
                throw new DlfException(503, "ServiceUnavailable", "The request has failed due to a temporary failure.");
            default:
                return;
        }
    }

    private ObjectNode parseBody(byte[] raw) {
        if (raw.length == 0) {
            return null;
        }
        try {
            JsonNode node = json.readTree(raw);
            return node != null && node.isObject() ? (ObjectNode) node : null;
        } catch (IOException e) {
            throw DlfException.invalidInput("The request body is not valid JSON");
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return out;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private void respond(HttpExchange exchange, int status, ObjectNode body, String requestId) {
        try (exchange) {
            byte[] bytes = json.writeValueAsBytes(body);
            exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
            exchange.getResponseHeaders().set("x-acs-request-id", requestId);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // The client went away; nothing left to tell it.
        }
    }

    /** METHOD + path to action, as the SDK's Client declares each operation. */
    private static Map<String, String> routes() {
        Map<String, String> r = new HashMap<>();
        String catalogs = "/api/metastore/catalogs";
        String databases = catalogs + "/databases";
        String tables = databases + "/tables";
        String partitions = tables + "/partitions";
        String functions = databases + "/functions";
        r.put("GET " + catalogs, "GetCatalog");
        r.put("GET " + catalogs + "/list", "ListCatalogs");
        r.put("GET " + databases + "/list", "ListDatabases");
        r.put("GET " + databases, "GetDatabase");
        r.put("POST " + databases, "CreateDatabase");
        r.put("PUT " + databases, "UpdateDatabase");
        r.put("DELETE " + databases, "DeleteDatabase");
        // ListTables is the one metastore path without "catalogs".
        r.put("GET /api/metastore/databases/tables/list", "ListTables");
        r.put("GET " + tables, "GetTable");
        r.put("POST " + tables, "CreateTable");
        r.put("PUT " + tables, "UpdateTable");
        r.put("DELETE " + tables, "DeleteTable");
        r.put("POST " + partitions + "/list", "ListPartitions");
        r.put("POST " + partitions + "/listbyfilter", "ListPartitionsByFilter");
        r.put("POST " + partitions + "/get", "GetPartition");
        r.put("POST " + partitions + "/batchget", "BatchGetPartitions");
        r.put("POST " + partitions + "/batchcreate", "BatchCreatePartitions");
        r.put("PUT " + partitions + "/batchupdate", "BatchUpdatePartitions");
        r.put("POST " + partitions + "/batchdelete", "BatchDeletePartitions");
        r.put("GET " + functions + "/list", "ListFunctions");
        r.put("GET " + functions, "GetFunction");
        r.put("POST " + functions, "CreateFunction");
        r.put("PUT " + functions, "UpdateFunction");
        r.put("DELETE " + functions, "DeleteFunction");
        return Map.copyOf(r);
    }
}
