package dev.lakeport.emulator.glue;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lakeport.emulator.common.Faults;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local, in-memory server speaking the AWS Glue Data Catalog API (AWS JSON 1.1: {@code POST /} with
 * {@code X-Amz-Target: AWSGlue.<Operation>}), for the database, table, partition and user-defined-function
 * operations a catalog reader and writer need. The AWS SDK's GlueClient works against it with
 * {@code endpointOverride(emulator.endpoint())} and any static credentials.
 *
 * <p>Errors come back as Glue sends them ({@code {"__type": code, "Message": ...}}, HTTP 400, or 500 for
 * InternalServiceException). {@link #faults()} injects latency, throttling, server errors, lost and late answers,
 * batches cut mid-way and limits below the API's (refused with Glue's ValidationException); {@link
 * #allowAccessKeys(String...)} restricts the accepted SigV4 access key ids and {@link #allowAccessKey(String, String)}
 * also checks their signatures. {@link #store()} seeds and inspects the catalog directly.
 */
public final class GlueEmulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GlueEmulator.class);
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final String TARGET_PREFIX = "AWSGlue.";
    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/,\\s]+)/");
    /** Enough worker threads for 64 calls in flight at once (each may sleep in injected latency). */
    private static final int WORKERS = 64;

    private final HttpServer server;
    private final ExecutorService executor;
    private final GlueStore store;
    private final GlueOperations operations;
    private final Faults faults = new Faults();
    private volatile Set<String> allowedAccessKeys = Set.of();
    private final Map<String, String> verifiedSecrets = new ConcurrentHashMap<>();
    /** The listings whose page size a lower limit caps, with the API's own largest page. */
    private static final Map<String, Integer> PAGED =
            Map.of("GetDatabases", 100, "GetTables", 100, "GetPartitions", 1000, "GetUserDefinedFunctions", 100);
    /** The batch writes, with the member holding the batch, its path in errors, and the API's largest batch. */
    private static final Map<String, BatchMember> BATCHES = Map.of(
            "BatchCreatePartition", new BatchMember("PartitionInputList", "partitionInputList", 100),
            "BatchUpdatePartition", new BatchMember("Entries", "entries", 100),
            "BatchDeletePartition", new BatchMember("PartitionsToDelete", "partitionsToDelete", 25));

    private record BatchMember(String field, String path, int apiLimit) {}

    private GlueEmulator(InetSocketAddress address, GlueStore store) throws IOException {
        this.store = store;
        this.operations = new GlueOperations(store);
        this.server = HttpServer.create(address, 256);
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(WORKERS, runnable -> {
            Thread thread = new Thread(runnable, "glue-emulator-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts an empty emulator on 127.0.0.1 and an ephemeral port. */
    public static GlueEmulator start() {
        return start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    /** Starts an empty emulator listening on {@code address}. */
    public static GlueEmulator start(InetSocketAddress address) {
        requireNonNull(address, "address is null");
        try {
            return new GlueEmulator(address, new GlueStore());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Glue emulator on " + address, e);
        }
    }

    /** The base URI to give the SDK's {@code endpointOverride}. */
    public URI endpoint() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Fault injection applied to every call before it runs. */
    public Faults faults() {
        return faults;
    }

    /** The catalog the server serves, for seeding and inspection from Java. */
    public GlueStore store() {
        return store;
    }

    /**
     * Accepts only requests signed with one of these access key ids; others get UnrecognizedClientException. No ids
     * (the default) accepts every request.
     */
    public GlueEmulator allowAccessKeys(String... ids) {
        requireNonNull(ids, "ids is null");
        allowedAccessKeys = Set.of(ids);
        verifiedSecrets.clear();
        return this;
    }

    /**
     * Accepts {@code id} and checks the SigV4 signature of its requests against {@code secret}: a mismatch is
     * InvalidSignatureException. Like {@link #allowAccessKeys}, this ends accept-all: from then on only listed or
     * registered keys are accepted.
     */
    public GlueEmulator allowAccessKey(String id, String secret) {
        requireNonNull(id, "id is null");
        requireNonNull(secret, "secret is null");
        java.util.Set<String> ids = new java.util.HashSet<>(allowedAccessKeys);
        ids.add(id);
        verifiedSecrets.put(id, secret);
        allowedAccessKeys = Set.copyOf(ids);
        return this;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Response response = respond(exchange, body);
            if (response.delivery == Faults.Delivery.DROP) {
                // Closing an exchange that sent no headers closes the connection: the client gets no answer.
                return;
            }
            if (response.delivery == Faults.Delivery.DELAY) {
                try {
                    Thread.sleep(faults.acceptDelay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.getResponseHeaders()
                    .set("x-amzn-RequestId", UUID.randomUUID().toString());
            exchange.sendResponseHeaders(response.status, response.body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("Glue emulator could not answer a call", e);
            throw e;
        }
    }

    private record Response(int status, byte[] body, Faults.Delivery delivery) {}

    private Response respond(HttpExchange exchange, byte[] body) {
        try {
            if (!"POST".equalsIgnoreCase(exchange.getRequestMethod())) {
                throw new GlueServiceException("UnknownOperationException", 400, "Only POST / is served.");
            }
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (target == null || !target.startsWith(TARGET_PREFIX)) {
                throw new GlueServiceException("UnknownOperationException", 400, "Missing or foreign X-Amz-Target.");
            }
            checkCredentials(exchange, body);
            switch (faults.onCall(target.substring(TARGET_PREFIX.length()))) {
                case THROTTLE:
                    throw new GlueServiceException("ThrottlingException", 400, "Rate exceeded");
                case SERVER_ERROR:
                    throw new GlueServiceException("InternalServiceException", 500, "Internal service error.");
                default:
                    break;
            }
            GlueOperations.Operation operation = operations.find(target.substring(TARGET_PREFIX.length()));
            if (operation == null) {
                throw new GlueServiceException("UnknownOperationException", 400, "Unsupported operation " + target);
            }
            ObjectNode request = parse(body);
            String name = target.substring(TARGET_PREFIX.length());
            applyLimits(name, request);
            boolean cut = cutBatch(name, request);
            ByteArrayOutputStream buffer = new ByteArrayOutputStream(4096);
            try (JsonGenerator out = Wire.MAPPER.getFactory().createGenerator(buffer)) {
                operation.run(request, out);
            }
            return new Response(200, buffer.toByteArray(), cut ? Faults.Delivery.DROP : faults.delivery());
        } catch (GlueServiceException e) {
            return error(e.httpStatus(), e.errorCode(), e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.warn("Glue emulator failed on a call", e);
            return error(500, "InternalServiceException", "Internal service error: " + e);
        }
    }

    private void checkCredentials(HttpExchange exchange, byte[] body) {
        Set<String> allowed = allowedAccessKeys;
        if (allowed.isEmpty()) {
            return;
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null) {
            throw new GlueServiceException("MissingAuthenticationTokenException", 400, "Missing Authentication Token");
        }
        Matcher matcher = CREDENTIAL.matcher(authorization);
        if (!matcher.find() || !allowed.contains(matcher.group(1))) {
            throw new GlueServiceException(
                    "UnrecognizedClientException", 400, "The security token included in the request is invalid.");
        }
        String secret = verifiedSecrets.get(matcher.group(1));
        if (secret == null) {
            return;
        }
        if (!SigV4.wellFormed(authorization)) {
            throw new GlueServiceException(
                    "IncompleteSignatureException",
                    400,
                    "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.");
        }
        boolean valid = SigV4.verify(
                authorization,
                exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(),
                headerName -> {
                    java.util.List<String> values = exchange.getRequestHeaders().get(headerName);
                    return values == null ? null : String.join(",", values);
                },
                body,
                secret);
        if (!valid) {
            throw new GlueServiceException(
                    "InvalidSignatureException",
                    400,
                    "The request signature we calculated does not match the signature you provided. Check your AWS"
                            + " Secret Access Key and signing method. Consult the service documentation for details.");
        }
    }

    /**
     * A server stricter than the API: a page above its limit is refused as AWS refuses a MaxResults above the API's,
     * and a listing without MaxResults gets pages of the limit; a batch above its limit is refused as AWS refuses a
     * list member that is too long.
     */
    private void applyLimits(String operation, ObjectNode request) {
        Integer apiPage = PAGED.get(operation);
        if (apiPage != null) {
            int limit = faults.pageLimit(apiPage);
            JsonNode max = request.get("MaxResults");
            if (limit >= apiPage) {
                // the API's own limit: the operation checks it
            } else if (max == null || max.isNull()) {
                request.put("MaxResults", limit);
            } else if (max.canConvertToInt() && max.asInt() > limit) {
                throw GlueServiceException.validation("Value '" + max.asInt()
                        + "' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal"
                        + " to " + limit);
            }
        }
        BatchMember batch = BATCHES.get(operation);
        if (batch != null) {
            int limit = faults.batchLimit(batch.apiLimit());
            JsonNode list = request.get(batch.field());
            if (limit < batch.apiLimit() && list != null && list.isArray() && list.size() > limit) {
                throw GlueServiceException.validation("Value with " + list.size() + " members at '" + batch.path()
                        + "' failed to satisfy constraint: Member must have length less than or equal to " + limit);
            }
        }
    }

    /** Keeps only the first part of a batch write when the faults cut it; true if cut (its answer is then lost). */
    private boolean cutBatch(String operation, ObjectNode request) {
        BatchMember batch = BATCHES.get(operation);
        if (batch == null) {
            return false;
        }
        JsonNode list = request.get(batch.field());
        if (list == null || !list.isArray()) {
            return false;
        }
        int keep = faults.cutBatch(list.size());
        if (keep < 0) {
            return false;
        }
        com.fasterxml.jackson.databind.node.ArrayNode kept = Wire.NODES.arrayNode();
        for (int i = 0; i < keep; i++) {
            kept.add(list.get(i));
        }
        request.set(batch.field(), kept);
        return true;
    }

    private static ObjectNode parse(byte[] body) {
        if (body.length == 0) {
            return Wire.NODES.objectNode();
        }
        try {
            JsonNode node = Wire.MAPPER.readTree(body);
            if (node == null || node.isNull() || node.isMissingNode()) {
                return Wire.NODES.objectNode();
            }
            if (!node.isObject()) {
                throw new GlueServiceException(
                        "SerializationException", 400, "The request body must be a JSON object.");
            }
            return (ObjectNode) node;
        } catch (JsonProcessingException e) {
            throw new GlueServiceException("SerializationException", 400, "Malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new GlueServiceException("SerializationException", 400, "Unreadable request body.");
        }
    }

    private static Response error(int status, String code, String message) {
        ObjectNode node = Wire.NODES.objectNode();
        node.put("__type", code);
        node.put("Message", message);
        return new Response(status, node.toString().getBytes(StandardCharsets.UTF_8), Faults.Delivery.ANSWER);
    }
}
