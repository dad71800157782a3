package dev.lakeport.emulator.maxcompute;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * The Tunnel's table upload and download, as {@code com.aliyun.odps.tunnel.TableTunnel} speaks it (tunnel version 6):
 *
 * <p>A table in a schema of a project with the three-layer model is addressed as
 * {@code /projects/p/schemas/s/tables/t} (what {@code createUploadSession(project, schema, table, ...)} and the
 * other schema-aware calls send); the {@code project} this service is handed is then the namespace {@code p.s}.
 *
 * <ul>
 *   <li>{@code POST /projects/p/tables/t?uploads[&partition=ds=1][&overwrite=true]} creates an upload session;
 *       {@code GET ...?uploadid=U} answers its status and uploaded blocks;
 *   <li>{@code PUT ...?uploadid=U&blockid=N} writes a block: the record pack is decoded with the table's schema and
 *       its checksums checked when it arrives, a bad one refused ({@code MalformedDataStream});
 *   <li>{@code POST ...?uploadid=U} commits: the session's blocks become visible at once, appended to the partition
 *       (or table), or replacing its rows for an overwrite session;
 *   <li>{@code POST ...?downloads[&partition=..]} creates a download session over the rows committed by then, and
 *       {@code GET ...?downloadid=D&data&rowrange=(start,count)[&columns=a,b]} reads them as a record pack.
 * </ul>
 *
 * Errors are the Tunnel's JSON {@code {"Code", "Message", "RequestId"}}. The codes are those of the service's
 * "Common Tunnel errors" documentation and of the SDK's own test fixtures ({@code tunnel/util/HttpError.java}):
 * NoSuchTable, NoSuchPartition, MissingPartitionSpec, NoSuchUpload, NoSuchDownload, StatusConflict, InvalidBlockID,
 * MalformedDataStream, InvalidRowRange, InvalidColumnSpec, FlowExceeded.
 */
final class TunnelService {
    /** Upload sessions open at once per table (MaxCompute "Overview of data transmission": 32). */
    static final int MAX_OPEN_SESSIONS = 32;
    /** Upload sessions created per table within {@link #CREATION_WINDOW} (same document: 500 per 5 minutes). */
    static final int MAX_CREATIONS = 500;

    static final Duration CREATION_WINDOW = Duration.ofMinutes(5);
    /** Blocks per upload session: ids 0 to 19,999 (same document; the SDK's retry notes name InvalidBlockID). */
    static final int MAX_BLOCKS = 20_000;
    /** An upload session lives 24 hours. */
    static final Duration SESSION_LIFE = Duration.ofHours(24);

    private final MaxComputeStore store;
    private final TableData data;
    private final MaxComputeFaults faults;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Upload> uploads = new ConcurrentHashMap<>();
    private final Map<String, Download> downloads = new ConcurrentHashMap<>();
    /** Per table: when its recent sessions were created, and its sessions not yet known to be closed. */
    private final Map<String, Deque<Instant>> creations = new HashMap<>();

    private final Map<String, Set<Upload>> openByTable = new HashMap<>();
    private volatile Clock clock = Clock.systemUTC();
    private volatile int maxOpenSessions = MAX_OPEN_SESSIONS;
    private volatile int maxCreations = MAX_CREATIONS;

    private static final class Upload {
        final String id;
        final String project;
        final String table;
        final LinkedHashMap<String, String> spec;
        final boolean overwrite;
        final Instant created;
        /** The decoded rows of each block written, until the commit hands them over. */
        final Map<Long, List<Object[]>> blocks = new TreeMap<>();

        volatile String status = "normal";

        Upload(
                String id,
                String project,
                String table,
                LinkedHashMap<String, String> spec,
                boolean overwrite,
                Instant created) {
            this.id = id;
            this.project = project;
            this.table = table;
            this.spec = spec;
            this.overwrite = overwrite;
            this.created = created;
        }
    }

    private record Download(
            String id, String project, MaxComputeStore.Table table, Map<String, String> spec, List<Object[]> rows) {}

    TunnelService(MaxComputeStore store, TableData data, MaxComputeFaults faults) {
        this.store = store;
        this.data = data;
        this.faults = faults;
    }

    /** Other session limits than the service's, for copies too large to run at the service's pace in a test. */
    void sessionLimits(int open, int creationsPerWindow) {
        if (open < 1 || creationsPerWindow < 1) {
            throw new IllegalArgumentException("session limits must be at least 1, got " + open + " open and "
                    + creationsPerWindow + " per " + CREATION_WINDOW.toMinutes() + " minutes");
        }
        maxOpenSessions = open;
        maxCreations = creationsPerWindow;
    }

    /** For tests of the session limits: the clock sessions are created and expire by. */
    void clock(Clock clock) {
        this.clock = clock;
    }

    /** Whether a request is a Tunnel call: told apart from the REST API by its query parameters. */
    static boolean isTunnel(URI uri) {
        String q = uri.getRawQuery();
        if (q == null) {
            return false;
        }
        for (String pair : q.split("&")) {
            String k = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
            if (k.equals("uploads") || k.equals("uploadid") || k.equals("downloads") || k.equals("downloadid")) {
                return true;
            }
        }
        return false;
    }

    void handle(
            HttpExchange exchange,
            String method,
            String project,
            String table,
            Map<String, String> query,
            byte[] body,
            String requestId)
            throws IOException {
        if (method.equals("POST") && query.containsKey("uploads")) {
            createUpload(exchange, project, table, query, requestId);
        } else if (method.equals("PUT") && query.containsKey("uploadid") && query.containsKey("blockid")) {
            writeBlock(exchange, query, body, requestId);
        } else if (method.equals("GET") && query.containsKey("uploadid")) {
            Upload u = upload(query);
            synchronized (u) {
                respond(exchange, 200, uploadJson(u), requestId);
            }
        } else if (method.equals("POST") && query.containsKey("uploadid")) {
            commit(exchange, query, requestId);
        } else if (method.equals("POST") && query.containsKey("downloads")) {
            createDownload(exchange, project, table, query, requestId);
        } else if (method.equals("GET") && query.containsKey("downloadid") && query.containsKey("data")) {
            readData(exchange, query, requestId);
        } else if (method.equals("GET") && query.containsKey("downloadid")) {
            respond(exchange, 200, downloadJson(download(query)), requestId);
        } else {
            throw new MaxComputeException(
                    405,
                    "MethodNotAllowed",
                    "The specified method is not allowed against " + "this resource: " + method + " with "
                            + query.keySet());
        }
    }

    private void createUpload(
            HttpExchange exchange, String project, String tableName, Map<String, String> query, String requestId)
            throws IOException {
        if (store.table(project, tableName)
                .filter(MaxComputeStore.Table::isView)
                .isPresent()) {
            throw new MaxComputeException(
                    400, "InvalidArgument", "table " + project + "." + tableName + " is a view: a view holds no data");
        }
        MaxComputeStore.Table table = data.sync(project, tableName);
        LinkedHashMap<String, String> spec = partition(project, table, query.get("partition"));
        boolean overwrite = "true".equalsIgnoreCase(query.get("overwrite"));
        Instant now = clock.instant();
        String key = MaxComputeStore.normalise(project) + "." + table.name();
        Upload upload;
        synchronized (creations) {
            Set<Upload> openSessions = openByTable.computeIfAbsent(key, k -> new HashSet<>());
            openSessions.removeIf(u ->
                    !u.status.equals("normal") || !u.created.plus(SESSION_LIFE).isAfter(now));
            int open = openSessions.size();
            if (open >= maxOpenSessions) {
                throw flowExceeded("table " + key + " already has " + open + " open upload sessions (at most "
                        + maxOpenSessions + "); commit or let some expire first");
            }
            Deque<Instant> recent = creations.computeIfAbsent(key, k -> new ArrayDeque<>());
            while (!recent.isEmpty()
                    && !recent.peekFirst().plus(CREATION_WINDOW).isAfter(now)) {
                recent.pollFirst();
            }
            if (recent.size() >= maxCreations) {
                throw flowExceeded("table " + key + " had " + recent.size() + " upload sessions created in the last "
                        + CREATION_WINDOW.toMinutes() + " minutes (at most " + maxCreations + ")");
            }
            recent.addLast(now);
            String id = UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT);
            upload = new Upload(id, MaxComputeStore.normalise(project), table.name(), spec, overwrite, now);
            uploads.put(id, upload);
            openSessions.add(upload);
        }
        synchronized (upload) {
            respond(exchange, 201, uploadJson(upload), requestId);
        }
    }

    /**
     * FlowExceeded is the service's code for exceeding the concurrency quota ("Common Tunnel errors"); the SDK knows
     * its status as {@code HttpStatus.FLOW_EXCEEDED} = 429 and retries it without end, as it would against the
     * service.
     */
    private static MaxComputeException flowExceeded(String what) {
        return new MaxComputeException(429, "FlowExceeded", "Your flow quota is exceeded: " + what + ".");
    }

    private LinkedHashMap<String, String> partition(String project, MaxComputeStore.Table table, String raw) {
        if (table.partitionKeys().isEmpty()) {
            if (raw != null && !raw.isEmpty()) {
                throw new MaxComputeException(
                        400,
                        "InvalidPartitionSpec",
                        "The specified partitionspec is not " + "valid: table " + table.name()
                                + " has no partitions, got '" + raw + "'.");
            }
            return null;
        }
        if (raw == null || raw.isEmpty()) {
            throw new MaxComputeException(
                    400,
                    "MissingPartitionSpec",
                    "You need to specify a partitionspec along " + "with the specified table: " + table.name()
                            + " is partitioned.");
        }
        LinkedHashMap<String, String> given = Specs.parse(raw);
        MaxComputeStore.Partition partition;
        try {
            partition = store.partition(project, table.name(), given).orElse(null);
        } catch (MaxComputeException e) {
            throw new MaxComputeException(
                    400, "InvalidPartitionSpec", "The specified partitionspec is not valid: " + e.getMessage());
        }
        if (partition == null) {
            throw new MaxComputeException(
                    404,
                    "NoSuchPartition",
                    "The specified partition does not exist: " + table.name() + " (" + raw + ").");
        }
        return partition.spec();
    }

    private void writeBlock(HttpExchange exchange, Map<String, String> query, byte[] body, String requestId)
            throws IOException {
        Upload u = upload(query);
        long blockId;
        try {
            blockId = Long.parseLong(query.get("blockid"));
        } catch (NumberFormatException e) {
            blockId = -1;
        }
        if (blockId < 0 || blockId >= MAX_BLOCKS) {
            throw new MaxComputeException(
                    400,
                    "InvalidBlockID",
                    "The specified block id is not valid: " + query.get("blockid") + " (block ids run from 0 to "
                            + (MAX_BLOCKS - 1) + ").");
        }
        MaxComputeStore.Table table = data.sync(u.project, u.table);
        List<OdpsType> types = types(table);
        byte[] pack = inflate(exchange, body);
        List<Object[]> rows;
        try {
            rows = TunnelRecords.decode(pack, types);
        } catch (TunnelRecords.MalformedException e) {
            throw new MaxComputeException(
                    400,
                    "MalformedDataStream",
                    "The data stream you provided was not " + "well-formed or did not validate against schema: block "
                            + blockId + ": " + e.getMessage());
        }
        synchronized (u) {
            requireOpen(u);
            u.blocks.put(blockId, rows);
        }
        respond(exchange, 200, null, requestId);
    }

    private byte[] inflate(HttpExchange exchange, byte[] body) throws IOException {
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        if (encoding == null || encoding.isEmpty()) {
            return body;
        }
        if (!encoding.equalsIgnoreCase("deflate")) {
            throw new MaxComputeException(
                    400,
                    "UnsupportedEncoding",
                    "The emulator reads raw and deflate blocks, " + "not Content-Encoding " + encoding + ".");
        }
        try (InflaterInputStream in = new InflaterInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new MaxComputeException(400, "MalformedDataStream", "The deflate block does not inflate: " + e);
        }
    }

    private void commit(HttpExchange exchange, Map<String, String> query, String requestId) throws IOException {
        Upload u = upload(query);
        if (u.spec != null && store.partition(u.project, u.table, u.spec).isEmpty()) {
            throw new MaxComputeException(
                    404,
                    "NoSuchPartition",
                    "The specified partition does not exist: "
                            + u.table + " (" + MaxComputeStore.canonical(u.spec) + ") was dropped after upload " + u.id
                            + " began.");
        }
        synchronized (u) {
            requireOpen(u);
            List<Object[]> rows = new ArrayList<>();
            u.blocks.values().forEach(rows::addAll);
            u.status = "committing";
            try {
                data.commit(u.project, u.table, u.spec, rows, u.overwrite);
            } catch (RuntimeException e) {
                u.status = "normal";
                throw e;
            }
            u.status = "closed";
            // The rows now live in the table; the block ids stay for the status answer.
            u.blocks.replaceAll((id, committed) -> List.of());
        }
        if (faults.loseCommitResponse()) {
            // Applied, but the client gets no answer: the connection is closed without a status line.
            exchange.close();
            return;
        }
        synchronized (u) {
            respond(exchange, 200, uploadJson(u), requestId);
        }
    }

    private void requireOpen(Upload u) {
        if (!u.status.equals("normal")) {
            throw new MaxComputeException(
                    409,
                    "StatusConflict",
                    "You cannot complete the specified operation "
                            + "under the current upload or download status: upload " + u.id + " is " + u.status + ".");
        }
        if (!u.created.plus(SESSION_LIFE).isAfter(clock.instant())) {
            u.status = "expired";
            throw new MaxComputeException(409, "StatusConflict", "The upload session " + u.id + " is expired.");
        }
    }

    private Upload upload(Map<String, String> query) {
        Upload u = uploads.get(query.get("uploadid"));
        if (u == null) {
            throw new MaxComputeException(
                    404, "NoSuchUpload", "The specified upload id does not exist: " + query.get("uploadid") + ".");
        }
        return u;
    }

    private String uploadJson(Upload u) throws IOException {
        ObjectNode root = json.createObjectNode();
        root.put("UploadID", u.id);
        root.put("Status", u.status);
        root.put("IsOverwrite", u.overwrite);
        ArrayNode blocks = root.putArray("UploadedBlockList");
        for (Long id : u.blocks.keySet()) {
            blocks.addObject().put("BlockID", id);
        }
        // The SDK builds its records from the schema, so every answer carries it.
        root.set(
                "Schema",
                schema(store.table(u.project, u.table)
                        .orElseThrow(() -> MaxComputeException.noSuchTable(u.project, u.table))));
        return json.writeValueAsString(root);
    }

    private ObjectNode schema(MaxComputeStore.Table table) {
        ObjectNode schema = json.createObjectNode();
        ArrayNode columns = schema.putArray("columns");
        for (int i = 0; i < table.columns().size(); i++) {
            MaxComputeStore.Column c = table.columns().get(i);
            columns.addObject()
                    .put("column_id", String.valueOf(i))
                    .put("name", c.name())
                    .put("type", c.type())
                    .put("comment", c.comment())
                    .put("nullable", true);
        }
        ArrayNode keys = schema.putArray("partitionKeys");
        for (MaxComputeStore.Column c : table.partitionKeys()) {
            keys.addObject().put("name", c.name()).put("type", c.type()).put("comment", c.comment());
        }
        return schema;
    }

    private static List<OdpsType> types(MaxComputeStore.Table table) {
        return table.columns().stream().map(c -> OdpsType.parse(c.type())).toList();
    }

    private void createDownload(
            HttpExchange exchange, String project, String tableName, Map<String, String> query, String requestId)
            throws IOException {
        MaxComputeStore.Table table = data.sync(project, tableName);
        LinkedHashMap<String, String> spec = partition(project, table, query.get("partition"));
        List<Object[]> rows = data.rows(project, table.name(), spec);
        String id = UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT);
        Download d = new Download(id, MaxComputeStore.normalise(project), table, spec, rows);
        downloads.put(id, d);
        respond(exchange, 201, downloadJson(d), requestId);
    }

    private Download download(Map<String, String> query) {
        Download d = downloads.get(query.get("downloadid"));
        if (d == null) {
            throw new MaxComputeException(
                    404,
                    "NoSuchDownload",
                    "The specified download id does not exist: " + query.get("downloadid") + ".");
        }
        return d;
    }

    private String downloadJson(Download d) throws IOException {
        ObjectNode root = json.createObjectNode();
        root.put("DownloadID", d.id());
        root.put("Status", "normal");
        root.put("RecordCount", d.rows().size());
        root.set("Schema", schema(d.table()));
        return json.writeValueAsString(root);
    }

    private void readData(HttpExchange exchange, Map<String, String> query, String requestId) throws IOException {
        Download d = download(query);
        String range = query.getOrDefault("rowrange", "");
        long start;
        long count;
        try {
            String[] parts = range.replace("(", "").replace(")", "").split(",");
            start = Long.parseLong(parts[0].trim());
            count = Long.parseLong(parts[1].trim());
        } catch (RuntimeException e) {
            throw new MaxComputeException(
                    400, "InvalidRowRange", "The specified row range is not valid: '" + range + "'.");
        }
        if (start < 0 || count < 0 || start + count > d.rows().size()) {
            throw new MaxComputeException(
                    400,
                    "InvalidRowRange",
                    "The specified row range is not valid: (" + start + "," + count + ") of "
                            + d.rows().size() + " records.");
        }
        List<OdpsType> types = types(d.table());
        int[] indexes;
        String columns = query.get("columns");
        if (columns == null || columns.isEmpty()) {
            indexes = new int[types.size()];
            for (int i = 0; i < indexes.length; i++) {
                indexes[i] = i;
            }
        } else {
            String[] names = columns.split(",");
            indexes = new int[names.length];
            List<String> all = d.table().columns().stream()
                    .map(MaxComputeStore.Column::name)
                    .toList();
            for (int i = 0; i < names.length; i++) {
                indexes[i] = all.indexOf(MaxComputeStore.normalise(names[i]));
                if (indexes[i] < 0) {
                    throw new MaxComputeException(
                            400,
                            "InvalidColumnSpec",
                            "The specified columns is not valid: " + d.table().name() + " has no column '" + names[i]
                                    + "'.");
                }
            }
        }
        byte[] pack = TunnelRecords.encode(d.rows().subList((int) start, (int) (start + count)), types, indexes);
        String accept = exchange.getRequestHeaders().getFirst("Accept-Encoding");
        Map<String, String> headers = new LinkedHashMap<>();
        if (accept != null && accept.trim().equalsIgnoreCase("deflate")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (DeflaterOutputStream z = new DeflaterOutputStream(out)) {
                z.write(pack);
            }
            pack = out.toByteArray();
            headers.put("Content-Encoding", "deflate");
        }
        send(exchange, 200, pack, "application/octet-stream", headers, requestId);
    }

    private void respond(HttpExchange exchange, int status, String body, String requestId) {
        send(
                exchange,
                status,
                body == null ? new byte[0] : body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "application/json",
                Map.of(),
                requestId);
    }

    /** The Tunnel's JSON error. */
    void error(HttpExchange exchange, int status, String code, String message, String requestId) {
        if (code.equals("NoSuchObject")) {
            // The catalog's lookups fail with the REST API's code; the Tunnel names what is missing.
            // A schema that does not exist: NoSuchSchema is the code the SDK's own Tunnel client knows for it
            // (StreamUploadSessionImpl); the real service's wording is not known here.
            code = message.contains("Project not found")
                    ? "NoSuchProject"
                    : message.contains("Schema not found") ? "NoSuchSchema" : "NoSuchTable";
        }
        ObjectNode root = json.createObjectNode();
        root.put("Code", code);
        root.put("Message", message);
        root.put("RequestId", requestId);
        try {
            respond(exchange, status, json.writeValueAsString(root), requestId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void send(
            HttpExchange exchange,
            int status,
            byte[] bytes,
            String contentType,
            Map<String, String> headers,
            String requestId) {
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
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
