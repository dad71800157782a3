package dev.lakeport.connector.glue;

import static java.util.Objects.requireNonNull;

import dev.lakeport.connector.AdaptiveSize;
import dev.lakeport.connector.ConnectorException;
import dev.lakeport.connector.ErrorCode;
import dev.lakeport.connector.FunctionCalls;
import dev.lakeport.connector.Retries;
import dev.lakeport.connector.SplittableReader;
import dev.lakeport.model.Database;
import dev.lakeport.model.Function;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.BatchGetPartitionResponse;
import software.amazon.awssdk.services.glue.model.DatabaseAttributes;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetDatabasesResponse;
import software.amazon.awssdk.services.glue.model.GetPartitionsResponse;
import software.amazon.awssdk.services.glue.model.PartitionValueList;
import software.amazon.awssdk.services.glue.model.Segment;

/**
 * Reads a Glue Data Catalog. Listings are lazy streams that fetch a page when the previous one is used up; every
 * page call is retried on its own with the reader's {@link Retries}, so a throttled page costs one repeated call, not
 * a restarted listing. Partitions are fetched in parallel segments (see {@link ParallelPartitionFetch}). Pages are as
 * large as the connection's page size allows (at most Glue's maximum per operation); a server that refuses a page as
 * too large is asked again with the smaller size it names.
 */
public final class GlueCatalogReader implements SplittableReader {
    /** GetPartitions' largest page. */
    static final int PARTITION_PAGE = GlueConnectorConfig.MAX_PAGE;
    /** GetPartitions' largest TotalSegments. */
    public static final int MAX_SEGMENTS = 10;
    /** BatchGetPartition's largest request. */
    static final int BATCH_GET_LIMIT = 1000;

    private final GlueClient client;
    private final GlueConnectorConfig config;
    private final String endpoint;
    private final Retries retries;
    private final AdaptiveSize pageSize;
    private final Set<ParallelPartitionFetch> openFetches = ConcurrentHashMap.newKeySet();

    GlueCatalogReader(
            GlueClient client, GlueConnectorConfig config, String endpoint, Retries retries, AdaptiveSize pageSize) {
        this.client = requireNonNull(client, "client is null");
        this.config = requireNonNull(config, "config is null");
        this.endpoint = requireNonNull(endpoint, "endpoint is null");
        this.retries = requireNonNull(retries, "retries is null");
        this.pageSize = requireNonNull(pageSize, "pageSize is null");
    }

    /**
     * Counts databases by listing their names only; a "Test connection" wants an answer in seconds, so this retries
     * briefly rather than riding out a long outage.
     */
    @Override
    public int databaseCount() {
        Retries quick = Retries.of(3, Duration.ofMillis(200), Duration.ofSeconds(1));
        int count = 0;
        String token = null;
        do {
            String page = token;
            GetDatabasesResponse response = sized(
                    "GetDatabases",
                    "",
                    GlueConnectorConfig.MAX_OBJECT_PAGE,
                    quick,
                    size -> () -> client.getDatabases(b -> b.catalogId(catalogId())
                            .attributesToGet(DatabaseAttributes.NAME)
                            .maxResults(size)
                            .nextToken(page)));
            count += response.databaseList().size();
            token = response.nextToken();
        } while (token != null);
        return count;
    }

    @Override
    public Stream<Database> databases() {
        return paged(
                "GetDatabases",
                "",
                GlueConnectorConfig.MAX_OBJECT_PAGE,
                (token, size) -> client.getDatabases(
                        b -> b.catalogId(catalogId()).maxResults(size).nextToken(token)),
                r -> r.databaseList().stream()
                        .map(GlueModelConverter::toDatabase)
                        .toList(),
                r -> r.nextToken());
    }

    @Override
    public Optional<Database> database(String name) {
        requireNonNull(name, "name is null");
        return getOrEmpty(
                "GetDatabase",
                name,
                () -> GlueModelConverter.toDatabase(
                        client.getDatabase(b -> b.catalogId(catalogId()).name(name))
                                .database()));
    }

    @Override
    public Stream<Table> tables(String database) {
        requireNonNull(database, "database is null");
        // never AttributesToGet: it would strip everything but names and types
        return paged(
                "GetTables",
                database,
                GlueConnectorConfig.MAX_OBJECT_PAGE,
                (token, size) -> client.getTables(b -> b.catalogId(catalogId())
                        .databaseName(database)
                        .maxResults(size)
                        .nextToken(token)),
                r -> r.tableList().stream().map(GlueModelConverter::toTable).toList(),
                r -> r.nextToken());
    }

    @Override
    public Optional<Table> table(String database, String name) {
        requireNonNull(database, "database is null");
        requireNonNull(name, "name is null");
        return getOrEmpty(
                "GetTable",
                database + "." + name,
                () -> GlueModelConverter.toTable(client.getTable(b ->
                                b.catalogId(catalogId()).databaseName(database).name(name))
                        .table()));
    }

    @Override
    public Stream<Partition> partitions(Table table, Optional<String> expression) {
        requireNonNull(table, "table is null");
        requireNonNull(expression, "expression is null");
        String db = table.databaseName();
        String name = table.name();
        String object = db + "." + name;
        ParallelPartitionFetch fetch = new ParallelPartitionFetch(
                (segment, token) -> {
                    GetPartitionsResponse r = sized(
                            "GetPartitions",
                            object,
                            PARTITION_PAGE,
                            retries,
                            size -> () -> client.getPartitions(b -> b.catalogId(catalogId())
                                    .databaseName(db)
                                    .tableName(name)
                                    .expression(expression.orElse(null))
                                    .segment(segment.orElse(null))
                                    .maxResults(size)
                                    // the columns are part of what is migrated
                                    .excludeColumnSchema(false)
                                    .nextToken(token)));
                    return new ParallelPartitionFetch.Page(
                            convert("GetPartitions", object, () -> r.partitions().stream()
                                    .map(p -> GlueModelConverter.toPartition(p, db, name))
                                    .toList()),
                            r.nextToken());
                },
                config.segments(),
                object);
        openFetches.add(fetch);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(fetch, Spliterator.NONNULL), false)
                .onClose(() -> {
                    fetch.close();
                    openFetches.remove(fetch);
                });
    }

    /** The configured number of segments ({@code lakeport.glue.segments}, at most Glue's largest TotalSegments). */
    @Override
    public int maxSplits() {
        return config.segments();
    }

    /**
     * One Glue segment of a table's partitions ({@code GetPartitions} with {@code Segment{SegmentNumber,
     * TotalSegments}}), paged on the caller's thread, each page call retried on its own. The segments
     * {@code 0..totalSegments-1} of a table together hold each partition exactly once, so that a table's listing can be
     * spread over several machines; {@link #partitions(Table, Optional)} does the same on threads of this one. With
     * one segment this is the plain listing.
     *
     * @throws IllegalArgumentException if {@code totalSegments} is not 1-10 (Glue's range) or {@code segment} not in
     *     {@code 0..totalSegments-1}
     */
    @Override
    public Stream<Partition> partitions(Table table, Optional<String> expression, int segment, int totalSegments) {
        requireNonNull(table, "table is null");
        requireNonNull(expression, "expression is null");
        if (totalSegments < 1 || totalSegments > MAX_SEGMENTS) {
            throw new IllegalArgumentException(
                    "totalSegments must be between 1 and " + MAX_SEGMENTS + ", got " + totalSegments);
        }
        if (segment < 0 || segment >= totalSegments) {
            throw new IllegalArgumentException(
                    "segment must be between 0 and " + (totalSegments - 1) + ", got " + segment);
        }
        String db = table.databaseName();
        String name = table.name();
        String object = db + "." + name;
        Segment glueSegment = totalSegments == 1
                ? null
                : Segment.builder()
                        .segmentNumber(segment)
                        .totalSegments(totalSegments)
                        .build();
        return paged(
                "GetPartitions",
                object,
                PARTITION_PAGE,
                (token, size) -> client.getPartitions(b -> b.catalogId(catalogId())
                        .databaseName(db)
                        .tableName(name)
                        .expression(expression.orElse(null))
                        .segment(glueSegment)
                        .maxResults(size)
                        .excludeColumnSchema(false)
                        .nextToken(token)),
                r -> r.partitions().stream()
                        .map(p -> GlueModelConverter.toPartition(p, db, name))
                        .toList(),
                r -> r.nextToken());
    }

    /** The partitions that exist among {@code values}, in the order asked; unprocessed keys are asked again. */
    @Override
    public List<Partition> partitions(Table table, List<List<String>> values) {
        requireNonNull(table, "table is null");
        requireNonNull(values, "values is null");
        String db = table.databaseName();
        String name = table.name();
        String object = db + "." + name;
        List<List<String>> distinct = new ArrayList<>(new LinkedHashSet<>(values));
        Map<List<String>, Partition> found = new HashMap<>();
        for (int i = 0; i < distinct.size(); i += BATCH_GET_LIMIT) {
            List<PartitionValueList> chunk =
                    distinct.subList(i, Math.min(distinct.size(), i + BATCH_GET_LIMIT)).stream()
                            .map(v -> PartitionValueList.builder().values(v).build())
                            .toList();
            List<List<PartitionValueList>> pending = new ArrayList<>(List.of(chunk));
            retries.run(() -> {
                BatchGetPartitionResponse r = callOnce(
                        "BatchGetPartition",
                        object,
                        () -> client.batchGetPartition(b -> b.catalogId(catalogId())
                                .databaseName(db)
                                .tableName(name)
                                .partitionsToGet(pending.get(0))));
                convert("BatchGetPartition", object, () -> r.partitions().stream()
                                .map(p -> GlueModelConverter.toPartition(p, db, name))
                                .toList())
                        .forEach(p -> found.put(p.values(), p));
                if (!r.unprocessedKeys().isEmpty()) {
                    pending.set(0, r.unprocessedKeys());
                    // Glue leaves keys unprocessed when it is busy: back off like for throttling
                    throw new ConnectorException(
                            ErrorCode.THROTTLED,
                            "Glue BatchGetPartition " + object + ": "
                                    + r.unprocessedKeys().size() + " keys unprocessed");
                }
            });
        }
        List<Partition> result = new ArrayList<>();
        for (List<String> v : distinct) {
            Partition p = found.get(v);
            if (p != null) {
                result.add(p);
            }
        }
        return result;
    }

    @Override
    public Stream<Function> functions(String database) {
        requireNonNull(database, "database is null");
        return paged(
                "GetUserDefinedFunctions",
                database,
                GlueConnectorConfig.MAX_OBJECT_PAGE,
                (token, size) -> client.getUserDefinedFunctions(b -> b.catalogId(catalogId())
                        .databaseName(database)
                        .pattern("*")
                        .maxResults(size)
                        .nextToken(token)),
                r -> r.userDefinedFunctions().stream()
                        .map(f -> GlueModelConverter.toFunction(f, database))
                        .toList(),
                r -> r.nextToken());
    }

    @Override
    public Optional<Function> function(String database, String name) {
        requireNonNull(database, "database is null");
        requireNonNull(name, "name is null");
        return getOrEmpty(
                "GetUserDefinedFunction",
                ObjectKey.function(database, name).itemName(),
                () -> GlueModelConverter.toFunction(
                        client.getUserDefinedFunction(b -> b.catalogId(catalogId())
                                        .databaseName(database)
                                        .functionName(name))
                                .userDefinedFunction(),
                        database));
    }

    /** Stops the background fetches of partition listings that are still open. */
    @Override
    public void close() {
        openFetches.forEach(ParallelPartitionFetch::close);
        openFetches.clear();
    }

    private String catalogId() {
        return config.catalogId().orElse(null);
    }

    /** One call, retried on transient failures, with its failure mapped. */
    private <T> T call(String operation, String object, Supplier<T> call) {
        return retries.call(() -> callOnce(operation, object, call));
    }

    /**
     * A page call of the page size the connection allows (at most {@code apiMaximum}), retried with {@code policy};
     * asked again with a smaller page when the server refuses the size.
     */
    private <T> T sized(
            String operation, String object, int apiMaximum, Retries policy, IntFunction<Supplier<T>> request) {
        while (true) {
            int size = pageSize.atMost(apiMaximum);
            try {
                return policy.call(() -> callOnce(operation, object, request.apply(size)));
            } catch (ConnectorException e) {
                if (!pageSize.lowerAfter(e, size)) {
                    throw operation.startsWith("GetUserDefinedFunction") ? FunctionCalls.explain(e) : e;
                }
            }
        }
    }

    private <T> T callOnce(String operation, String object, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw GlueErrors.map(operation, object, endpoint, e);
        }
    }

    /** A response we cannot convert is our defect, reported as INTERNAL with the call it came from. */
    private <T> T convert(String operation, String object, Supplier<T> conversion) {
        try {
            return conversion.get();
        } catch (RuntimeException e) {
            throw GlueErrors.map(operation, object, endpoint, e);
        }
    }

    private <T> Optional<T> getOrEmpty(String operation, String object, Supplier<T> get) {
        try {
            return Optional.of(call(operation, object, get));
        } catch (ConnectorException e) {
            if (e.code() == ErrorCode.NOT_FOUND && e.getCause() instanceof EntityNotFoundException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * A lazy stream over a paged listing: the next page is fetched (each page call retried on its own) when the
     * previous one is used up.
     */
    private <R, T> Stream<T> paged(
            String operation,
            String object,
            int apiMaximum,
            java.util.function.BiFunction<String, Integer, R> request,
            java.util.function.Function<R, List<T>> items,
            java.util.function.Function<R, String> nextToken) {
        Iterator<T> iterator = new Iterator<>() {
            private Iterator<T> page = Collections.emptyIterator();
            private String token;
            private boolean last;

            @Override
            public boolean hasNext() {
                // Glue may return an empty page that still has a next token
                while (!page.hasNext() && !last) {
                    String next = token;
                    R response = sized(operation, object, apiMaximum, retries, size -> () -> request.apply(next, size));
                    page = convert(operation, object, () -> items.apply(response))
                            .iterator();
                    token = nextToken.apply(response);
                    last = token == null;
                }
                return page.hasNext();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.next();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.NONNULL), false);
    }
}
