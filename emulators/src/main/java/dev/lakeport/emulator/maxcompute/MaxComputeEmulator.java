package dev.lakeport.emulator.maxcompute;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local server that speaks MaxCompute's REST API as {@code odps-sdk-core} 0.57.1-public sends it:
 * {@code odps.setEndpoint(emulator.endpoint())} is all a client needs. Projects, tables and partitions live in memory
 * ({@link #store()}); projects exist only once created there. Served: the project with its properties, table listing
 * and description, partition listing and lookup, SQL instances running the DDL subset of {@link SqlRunner} and
 * the SELECT queries of {@link QueryEngine} (over the rows committed through the Tunnel), and the
 * Tunnel's table upload and download ({@link TunnelService}) on the same port.
 *
 * <p>Errors are MaxCompute's {@code <Error>} XML with a 4xx status (a 404 becomes the SDK's
 * {@code NoSuchObjectException}); 5xx are sent only when {@link #faults()} injects them, since the SDK retries a 5xx
 * to a GET four times, ten seconds apart. Every access key is accepted until {@link #allowAccessKeys} or
 * {@link #allowAccessKey} lists some; a key registered with its secret has its {@code ODPS} signature checked.
 */
public final class MaxComputeEmulator implements AutoCloseable {
    /** The page size the server picks when the SDK sends no {@code maxitems}. */
    static final int DEFAULT_PAGE = 100;

    private static final Pattern PROJECT = Pattern.compile("^/projects/([^/]+)(/.*)?$");
    private static final Pattern TABLE = Pattern.compile("^/tables/([^/]+)$");
    private static final Pattern SCHEMA = Pattern.compile("^/schemas(?:/([^/]+))?(/.*)?$");
    private static final Pattern INSTANCE = Pattern.compile("^/instances/([^/]+)$");
    private static final Pattern ODPS_AUTH = Pattern.compile("^ODPS\\s+([^:]+):(.*)$");
    private static final DateTimeFormatter RFC_822 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    static {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final ObjectMapper json = new ObjectMapper();
    private final MaxComputeStore store = new MaxComputeStore();
    private final Faults faults = new Faults();
    private final SqlRunner sql = new SqlRunner(store);
    private final TableData data = new TableData(store);
    private final MaxComputeFaults serviceFaults = MaxComputeFaults.fromProperties(System.getProperties());
    private final TunnelService tunnel = new TunnelService(store, data, serviceFaults);
    private final QueryEngine queries = new QueryEngine(store, data);
    private final ViewStatements views = new ViewStatements(store, queries);
    private final Map<String, Instance> instances = new ConcurrentHashMap<>();
    private final Set<String> allowedKeys = ConcurrentHashMap.newKeySet();
    private final Map<String, String> verifiedSecrets = new ConcurrentHashMap<>();

    /** A finished SQL instance: its task's name, whether it succeeded, its result text (CSV, or the error). */
    record Instance(String project, String taskName, boolean success, String result, Instant start, Instant end) {}

    private MaxComputeEmulator(InetSocketAddress address) throws IOException {
        try {
            this.server = HttpServer.create(address, 256);
        } catch (IOException e) {
            queries.close();
            throw e;
        }
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(32, r -> {
            Thread t = new Thread(r, "maxcompute-emulator-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts on a free port of the loopback interface. */
    public static MaxComputeEmulator start() {
        return start(new InetSocketAddress("127.0.0.1", 0));
    }

    public static MaxComputeEmulator start(InetSocketAddress address) {
        try {
            return new MaxComputeEmulator(address);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the MaxCompute emulator on " + address, e);
        }
    }

    /** {@code http://127.0.0.1:PORT/api}, as {@code Odps.setEndpoint} takes it. */
    public String endpoint() {
        return "http://127.0.0.1:" + port() + "/api";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public MaxComputeStore store() {
        return store;
    }

    public Faults faults() {
        return faults;
    }

    /** The MaxCompute-specific faults: latency, every n-th call failing or throttled, commits losing their answer. */
    public MaxComputeFaults maxComputeFaults() {
        return serviceFaults;
    }

    TunnelService tunnel() {
        return tunnel;
    }

    /**
     * Tunnel session limits other than the service's (32 open upload sessions per table, 500 created per table in
     * five minutes), for tests that copy more partitions than the service's pace allows; beyond them a session
     * creation is refused with FlowExceeded as before.
     */
    public MaxComputeEmulator tunnelSessionLimits(int openPerTable, int createdPerTablePerFiveMinutes) {
        tunnel.sessionLimits(openPerTable, createdPerTablePerFiveMinutes);
        return this;
    }

    /** Only these access key ids are accepted from now on; no ids (the default) accepts every key. */
    public MaxComputeEmulator allowAccessKeys(String... ids) {
        allowedKeys.clear();
        allowedKeys.addAll(Set.of(ids));
        verifiedSecrets.clear();
        return this;
    }

    /** Accepts {@code id} and checks the signature of its requests against {@code secret} (ends accept-all). */
    public MaxComputeEmulator allowAccessKey(String id, String secret) {
        allowedKeys.add(requireNonNull(id, "id is null"));
        verifiedSecrets.put(id, requireNonNull(secret, "secret is null"));
        return this;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        queries.close();
    }

    private void handle(HttpExchange exchange) {
        String requestId = UUID.randomUUID().toString().replace("-", "");
        try {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith("/api/") || path.equals("/api")) {
                path = path.substring(4);
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            byte[] body = readAll(exchange.getRequestBody());
            checkAuth(exchange, method, path, query);
            String operation = method + " " + path.replaceAll("/projects/[^/]+", "/projects/{p}");
            switch (faults.onCall(operation)) {
                case THROTTLE -> throw new MaxComputeException(429, "ServerBusy", "Request rate exceeded.");
                case SERVER_ERROR -> throw new MaxComputeException(
                        500, "InternalServerError", "The request processing has failed.");
                default -> {}
            }
            serviceFaults.onCall(TunnelService.isTunnel(exchange.getRequestURI()));
            route(exchange, method, path, query, body, requestId);
        } catch (MaxComputeException e) {
            fail(exchange, e.status(), e.code(), e.getMessage(), requestId);
        } catch (RuntimeException | IOException e) {
            // 4xx, not 5xx: the SDK would retry a 5xx four times, ten seconds apart.
            fail(exchange, 400, "InvalidRequest", "The emulator could not serve this request: " + e, requestId);
        }
    }

    /** An error as the API (XML) or the Tunnel (JSON) answers it. */
    private void fail(HttpExchange exchange, int status, String code, String message, String requestId) {
        if (TunnelService.isTunnel(exchange.getRequestURI())) {
            tunnel.error(exchange, status, code, message, requestId);
        } else {
            error(exchange, status, code, message, requestId);
        }
    }

    private void route(
            HttpExchange exchange, String method, String path, Map<String, String> query, byte[] body, String requestId)
            throws IOException {
        Matcher pm = PROJECT.matcher(path);
        if (!pm.matches()) {
            throw new MaxComputeException(404, "NoSuchObject", "No such resource: " + method + " " + path);
        }
        String project = decode(pm.group(1));
        String rest = pm.group(2) == null ? "" : pm.group(2);
        if (rest.equals("/logs") && method.equals("PUT")) {
            respond(exchange, 200, "", Map.of(), requestId);
            return;
        }
        MaxComputeStore.Project p = store.project(project);
        if (rest.isEmpty() && method.equals("GET")) {
            getProject(exchange, p, requestId);
            return;
        }
        // The three-layer model: /schemas lists, /schemas/s describes, /schemas/s/tables/... addresses p.s's tables.
        String schemaParam = query.get("curr_schema");
        String namespace = MaxComputeStore.namespace(p.name, schemaParam);
        Matcher sm = SCHEMA.matcher(rest);
        if (sm.matches()) {
            Optional<String> xml = method.equals("GET")
                    ? Schemas.answer(store, p.name, sm.group(1), sm.group(2), query)
                    : Optional.empty();
            if (xml.isPresent()) {
                String created = RFC_822.format(Instant.ofEpochSecond(p.createTime));
                respond(
                        exchange,
                        200,
                        xml.get(),
                        Map.of("x-odps-creation-time", created, "Last-Modified", created),
                        requestId);
                return;
            }
            if (sm.group(1) != null) {
                namespace = MaxComputeStore.namespace(p.name, decode(sm.group(1)));
                rest = sm.group(2) == null ? "" : sm.group(2);
            }
        }
        if (rest.equals("/tables") && method.equals("GET")) {
            listTables(exchange, namespace, query, requestId);
            return;
        }
        if (rest.equals("/tunnel") && query.containsKey("service")) {
            // The Tunnel is served here too: host:port, the scheme is the API endpoint's.
            respond(exchange, 200, "127.0.0.1:" + port(), Map.of(), requestId);
            return;
        }
        Matcher tm = TABLE.matcher(rest);
        if (tm.matches() && TunnelService.isTunnel(exchange.getRequestURI())) {
            // A schema's table is addressed by the path (/projects/p/schemas/s/tables/t), as the SDK's
            // createUploadSession(project, schema, table, ...) sends it, or by curr_schema.
            tunnel.handle(exchange, method, namespace, decode(tm.group(1)), query, body, requestId);
            return;
        }
        if (tm.matches() && method.equals("GET")) {
            String table = decode(tm.group(1));
            if (query.containsKey("partitions")) {
                listPartitions(exchange, namespace, table, query, requestId);
            } else if (query.containsKey("partition")) {
                getPartition(exchange, namespace, table, query.get("partition"), requestId);
            } else {
                getTable(exchange, namespace, table, requestId);
            }
            return;
        }
        if (rest.equals("/instances") && method.equals("POST")) {
            createInstance(exchange, p.name, body, requestId);
            return;
        }
        Matcher im = INSTANCE.matcher(rest);
        if (im.matches() && method.equals("GET")) {
            getInstance(exchange, p.name, decode(im.group(1)), query, requestId);
            return;
        }
        throw new MaxComputeException(
                404, "NoSuchObject", "No such resource: " + method + " /projects/" + project + rest);
    }

    private void getProject(HttpExchange exchange, MaxComputeStore.Project p, String requestId) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Project><Name>")
                .append(Xml.escape(p.name))
                .append("</Name><Type>managed</Type><State>AVAILABLE</State><Properties>");
        store.properties(p.name).entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> xml.append("<Property><Name>")
                        .append(Xml.escape(e.getKey()))
                        .append("</Name><Value>")
                        .append(Xml.escape(e.getValue()))
                        .append("</Value></Property>"));
        xml.append("</Properties></Project>");
        String created = RFC_822.format(Instant.ofEpochSecond(p.createTime));
        // Both headers are required: without either the SDK fails to bind the reply.
        respond(
                exchange,
                200,
                xml.toString(),
                Map.of("x-odps-creation-time", created, "Last-Modified", created),
                requestId);
    }

    private void listTables(HttpExchange exchange, String project, Map<String, String> query, String requestId) {
        int limit = faults.pageLimit(pageSize(query));
        List<String> names = store.tableNames(project, query.get("marker"), limit);
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Tables>");
        for (String name : names) {
            xml.append("<Table><Name>").append(Xml.escape(name)).append("</Name></Table>");
        }
        String next = names.isEmpty() ? null : store.tableAfter(project, names.get(names.size() - 1));
        // The Marker must be on every page; empty ends the listing.
        xml.append("<Marker>").append(next == null ? "" : Xml.escape(next)).append("</Marker></Tables>");
        respond(exchange, 200, xml.toString(), Map.of(), requestId);
    }

    private void getTable(HttpExchange exchange, String project, String name, String requestId) throws IOException {
        MaxComputeStore.Table t =
                store.table(project, name).orElseThrow(() -> MaxComputeException.noSuchTable(project, name));
        ObjectNode schema = json.createObjectNode();
        schema.put("tableName", t.name());
        schema.put("comment", t.comment());
        schema.put("owner", "ALIYUN$lakeport@emulator");
        schema.put("createTime", t.createTime());
        schema.put("lastDDLTime", t.createTime());
        schema.put("lastModifiedTime", t.createTime());
        schema.put("lifecycle", t.lifecycle());
        schema.put("isVirtualView", t.isView());
        if (t.isView()) {
            // The SDK reads a view's query from viewText (getViewText()).
            schema.put("viewText", t.viewText());
        }
        schema.put("isExternal", false);
        schema.put("size", 0);
        schema.set("columns", columns(t.columns()));
        schema.set("partitionKeys", columns(t.partitionKeys()));
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Table><Name>" + Xml.escape(t.name())
                + "</Name><Type>" + (t.isView() ? "VIRTUAL_VIEW" : "MANAGED_TABLE")
                + "</Type><Owner>ALIYUN$lakeport@emulator</Owner>"
                // Project (and SchemaName) replace the client's own on reload: without them it loses its address.
                + "<Project>" + Xml.escape(project.contains(".") ? project.substring(0, project.indexOf('.')) : project)
                + "</Project>"
                + (project.contains(".")
                        ? "<SchemaName>" + Xml.escape(project.substring(project.indexOf('.') + 1)) + "</SchemaName>"
                        : "")
                + "<Schema>"
                + Xml.cdata(json.writeValueAsString(schema)) + "</Schema></Table>";
        respond(exchange, 200, xml, Map.of(), requestId);
    }

    private ArrayNode columns(List<MaxComputeStore.Column> columns) {
        ArrayNode out = json.createArrayNode();
        for (MaxComputeStore.Column c : columns) {
            ObjectNode n = out.addObject();
            n.put("name", c.name());
            n.put("type", c.type());
            n.put("comment", c.comment());
            n.put("isNullable", true);
        }
        return out;
    }

    private void listPartitions(
            HttpExchange exchange, String project, String table, Map<String, String> query, String requestId) {
        store.table(project, table).orElseThrow(() -> MaxComputeException.noSuchTable(project, table));
        Map<String, String> prefix = query.containsKey("partition") ? Specs.parse(query.get("partition")) : Map.of();
        List<MaxComputeStore.Partition> all = store.partitions(project, table, prefix);
        if (query.containsKey("reverse")) {
            all = new java.util.ArrayList<>(all);
            java.util.Collections.reverse(all);
        }
        String marker = query.get("marker");
        int from = 0;
        if (marker != null && !marker.isEmpty()) {
            String wanted = MaxComputeStore.canonical(Specs.parse(marker));
            while (from < all.size()
                    && !MaxComputeStore.canonical(all.get(from).spec()).equals(wanted)) {
                from++;
            }
        }
        int limit = faults.pageLimit(pageSize(query));
        int to = Math.min(all.size(), from + limit);
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Partitions>");
        for (MaxComputeStore.Partition part : all.subList(from, to)) {
            xml.append("<Partition>");
            part.spec().forEach((k, v) -> xml.append("<Column Name=\"")
                    .append(Xml.escape(k))
                    .append("\" Value=\"")
                    .append(Xml.escape(v))
                    .append("\"/>"));
            xml.append("<CreationTime>").append(part.createTime()).append("</CreationTime>");
            xml.append("<LastDDLTime>").append(part.createTime()).append("</LastDDLTime>");
            xml.append("<LastModifiedTime>").append(part.createTime()).append("</LastModifiedTime>");
            xml.append("</Partition>");
        }
        String next = to < all.size() ? MaxComputeStore.canonical(all.get(to).spec()) : "";
        xml.append("<Marker>").append(Xml.escape(next)).append("</Marker></Partitions>");
        respond(exchange, 200, xml.toString(), Map.of(), requestId);
    }

    private void getPartition(HttpExchange exchange, String project, String table, String spec, String requestId)
            throws IOException {
        store.table(project, table).orElseThrow(() -> MaxComputeException.noSuchTable(project, table));
        MaxComputeStore.Partition part = store.partition(project, table, Specs.parse(spec))
                .orElseThrow(() -> new MaxComputeException(
                        404,
                        "NoSuchObject",
                        "ODPS-0130131:Partition not found - '" + project + "." + table + "' (" + spec + ")."));
        ObjectNode schema = json.createObjectNode();
        schema.put("createTime", part.createTime());
        schema.put("lastDDLTime", part.createTime());
        schema.put("lastModifiedTime", part.createTime());
        schema.put("partitionSize", 0);
        schema.put("partitionRecordNum", 0);
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Partition><Schema>"
                + Xml.cdata(json.writeValueAsString(schema)) + "</Schema></Partition>";
        respond(exchange, 200, xml, Map.of(), requestId);
    }

    private void createInstance(HttpExchange exchange, String project, byte[] body, String requestId) {
        Xml.SqlTask task = Xml.sqlTask(body);
        Instant start = Instant.now();
        Instance instance;
        try {
            String result;
            if (QueryEngine.isQuery(task.query())) {
                result = queries.run(project, task.query(), task.settings());
            } else if (ViewStatements.isViewStatement(task.query())) {
                result = views.run(project, task.query(), task.settings());
            } else {
                result = sql.run(project, task.query());
            }
            instance = new Instance(project, task.name(), true, result, start, Instant.now());
        } catch (MaxComputeException e) {
            instance = new Instance(project, task.name(), false, e.getMessage(), start, Instant.now());
        }
        String id = Instant.now().toString().replaceAll("[^0-9]", "")
                + UUID.randomUUID().toString().substring(0, 8);
        instances.put(id, instance);
        String location = "http://127.0.0.1:" + port() + "/api/projects/" + project + "/instances/" + id;
        respond(exchange, 201, "", Map.of("Location", location), requestId);
    }

    private void getInstance(
            HttpExchange exchange, String project, String id, Map<String, String> query, String requestId) {
        Instance instance = instances.get(id);
        if (instance == null || !instance.project().equals(project)) {
            throw new MaxComputeException(404, "NoSuchObject", "ODPS-0130131:Instance not found - '" + id + "'.");
        }
        String task = Xml.escape(instance.taskName());
        String xml;
        if (query.containsKey("taskstatus")) {
            xml = "<Instance><Tasks><Task><Name>" + task + "</Name><Status>"
                    + (instance.success() ? "Success" : "Failed") + "</Status></Task></Tasks></Instance>";
        } else if (query.containsKey("result")) {
            xml = "<Instance><Tasks><Task><Name>" + task + "</Name><Result Format=\"csv\">"
                    + Xml.cdata(instance.result()) + "</Result></Task></Tasks></Instance>";
        } else {
            xml = "<Instance><Status>Terminated</Status></Instance>";
        }
        // Both times are required on every status answer, the end time even while running.
        respond(
                exchange,
                200,
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + xml,
                Map.of(
                        "x-odps-start-time", RFC_822.format(instance.start()),
                        "x-odps-end-time", RFC_822.format(instance.end())),
                requestId);
    }

    private static int pageSize(Map<String, String> query) {
        String raw = query.get("maxitems");
        if (raw == null || raw.isEmpty()) {
            return DEFAULT_PAGE;
        }
        try {
            int n = Integer.parseInt(raw);
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new MaxComputeException(
                    400, "InvalidParameter", "maxitems must be a positive number, got '" + raw + "'");
        }
    }

    private void checkAuth(HttpExchange exchange, String method, String path, Map<String, String> query) {
        if (allowedKeys.isEmpty()) {
            return;
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Matcher m = authorization == null ? null : ODPS_AUTH.matcher(authorization.trim());
        if (m == null || !m.matches() || !allowedKeys.contains(m.group(1))) {
            throw new MaxComputeException(401, "InvalidAccessKeyId", "The access key id does not exist.");
        }
        String secret = verifiedSecrets.get(m.group(1));
        if (secret != null) {
            String expected = OdpsSignature.sign(
                    method,
                    name -> exchange.getRequestHeaders().getFirst(name),
                    exchange.getRequestHeaders().keySet(),
                    path,
                    query,
                    secret);
            if (!expected.equals(m.group(2))) {
                throw new MaxComputeException(
                        401,
                        "SignatureNotMatch",
                        "The request signature we calculated does not match the one provided.");
            }
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(decode(k), decode(v));
        }
        return out;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private void error(HttpExchange exchange, int status, String code, String message, String requestId) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + Xml.escape(code) + "</Code><Message>"
                + Xml.escape(message) + "</Message><RequestId>" + requestId
                + "</RequestId><HostId>127.0.0.1</HostId></Error>";
        respond(exchange, status, xml, Map.of(), requestId);
    }

    private static void respond(
            HttpExchange exchange, int status, String body, Map<String, String> headers, String requestId) {
        try (exchange) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/xml");
            exchange.getResponseHeaders().set("x-odps-request-id", requestId);
            headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (IOException e) {
            // The client went away; nothing left to tell it.
        }
    }
}
