package dev.lakeport.connector.dlf;

import static java.util.Objects.requireNonNull;

import com.aliyun.datalake20200710.models.BatchGetPartitionsRequest;
import com.aliyun.datalake20200710.models.BatchGetPartitionsResponseBody;
import com.aliyun.datalake20200710.models.FieldSchema;
import com.aliyun.datalake20200710.models.GetDatabaseRequest;
import com.aliyun.datalake20200710.models.GetFunctionRequest;
import com.aliyun.datalake20200710.models.GetTableRequest;
import com.aliyun.datalake20200710.models.ListDatabasesRequest;
import com.aliyun.datalake20200710.models.ListDatabasesResponseBody;
import com.aliyun.datalake20200710.models.ListFunctionsRequest;
import com.aliyun.datalake20200710.models.ListFunctionsResponseBody;
import com.aliyun.datalake20200710.models.ListPartitionsByFilterRequest;
import com.aliyun.datalake20200710.models.ListPartitionsByFilterResponseBody;
import com.aliyun.datalake20200710.models.ListPartitionsResponseBody;
import com.aliyun.datalake20200710.models.ListTablesRequest;
import com.aliyun.datalake20200710.models.ListTablesResponseBody;
import com.aliyun.datalake20200710.models.PartitionSpec;
import com.aliyun.datalake20200710.models.StorageDescriptor;
import dev.lakeport.connector.AdaptiveSize;
import dev.lakeport.connector.CatalogReader;
import dev.lakeport.connector.ConnectorException;
import dev.lakeport.connector.ErrorCode;
import dev.lakeport.connector.FunctionCalls;
import dev.lakeport.connector.Retries;
import dev.lakeport.model.Database;
import dev.lakeport.model.Function;
import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Reads a DLF catalog. Lists are paged inside; each page and each lookup is one call retried with the given
 * {@link Retries}, so throttling and 5xx are ridden out without restarting a listing. Partitions are asked for with
 * {@code IsShareSd=false}; should the service still answer with shared storage descriptors, they are merged back
 * (location = shared Location + relative Location, Cols = shared Cols).
 */
public final class DlfCatalogReader implements CatalogReader {
    /** Page size for databases, tables and functions (DLF's maximum is unpublished; this stays well below it). */
    static final int OBJECT_PAGE_SIZE = DlfConnectorConfig.MAX_OBJECT_PAGE;
    /** Page size for partitions, the assumed DLF maximum; see the emulator's limits. */
    static final int PARTITION_PAGE_SIZE = DlfConnectorConfig.MAX_PAGE;
    /** Values per BatchGetPartitions call. */
    static final int BATCH_GET_SIZE = DlfConnectorConfig.MAX_BATCH;

    private final DlfConnector connector;
    private final Retries retries;

    DlfCatalogReader(DlfConnector connector, Retries retries) {
        this.connector = requireNonNull(connector, "connector is null");
        this.retries = requireNonNull(retries, "retries is null");
    }

    private String catalogId() {
        return connector.catalogId().orElse(null);
    }

    private <T> T retried(Supplier<T> call) {
        return retries.call(call);
    }

    /**
     * A page call of the page size the connection allows (at most {@code apiMaximum}), retried; asked again with a
     * smaller page when DLF refuses the size.
     */
    private <T> T sized(int apiMaximum, java.util.function.IntFunction<Supplier<T>> call) {
        AdaptiveSize pageSize = connector.pageSize();
        while (true) {
            int size = pageSize.atMost(apiMaximum);
            try {
                return retried(call.apply(size));
            } catch (ConnectorException e) {
                if (!pageSize.lowerAfter(e, size)) {
                    throw e;
                }
            }
        }
    }

    // ---- databases

    @Override
    public Stream<Database> databases() {
        return Paging.stream(
                "ListDatabases",
                token -> sized(OBJECT_PAGE_SIZE, size -> () -> {
                    ListDatabasesResponseBody body = connector.call("ListDatabases", "", () -> connector
                            .client()
                            .listDatabasesWithOptions(
                                    new ListDatabasesRequest()
                                            .setCatalogId(catalogId())
                                            .setPageSize(size)
                                            .setNextPageToken(token),
                                    connector.headers(),
                                    connector.runtime())
                            .getBody());
                    return new Paging.Page<>(
                            map(body.getDatabases(), DlfModelConverter::fromDatabase), body.getNextPageToken());
                }));
    }

    @Override
    public Optional<Database> database(String name) {
        return lookup(
                () -> connector
                        .call("GetDatabase", name, () -> connector
                                .client()
                                .getDatabaseWithOptions(
                                        new GetDatabaseRequest()
                                                .setCatalogId(catalogId())
                                                .setName(name),
                                        connector.headers(),
                                        connector.runtime())
                                .getBody())
                        .getDatabase(),
                DlfModelConverter::fromDatabase);
    }

    // ---- tables

    @Override
    public Stream<Table> tables(String database) {
        return Paging.stream(
                "ListTables " + database,
                token -> sized(OBJECT_PAGE_SIZE, size -> () -> {
                    ListTablesResponseBody body = connector.call("ListTables", database, () -> connector
                            .client()
                            .listTablesWithOptions(
                                    new ListTablesRequest()
                                            .setCatalogId(catalogId())
                                            .setDatabaseName(database)
                                            .setPageSize(size)
                                            .setNextPageToken(token),
                                    connector.headers(),
                                    connector.runtime())
                            .getBody());
                    return new Paging.Page<>(
                            map(body.getTables(), t -> DlfModelConverter.fromTable(t, database)),
                            body.getNextPageToken());
                }));
    }

    @Override
    public Optional<Table> table(String database, String name) {
        return lookup(
                () -> connector
                        .call("GetTable", database + "." + name, () -> connector
                                .client()
                                .getTableWithOptions(
                                        new GetTableRequest()
                                                .setCatalogId(catalogId())
                                                .setDatabaseName(database)
                                                .setTableName(name),
                                        connector.headers(),
                                        connector.runtime())
                                .getBody())
                        .getTable(),
                t -> DlfModelConverter.fromTable(t, database));
    }

    // ---- partitions

    @Override
    public Stream<Partition> partitions(Table table, Optional<String> expression) {
        String db = table.databaseName();
        String name = table.name();
        String object = db + "." + name;
        if (expression.isPresent() && !expression.get().isBlank()) {
            String filter = expression.get();
            return Paging.stream(
                    "ListPartitionsByFilter " + object,
                    token -> sized(PARTITION_PAGE_SIZE, size -> () -> {
                        ListPartitionsByFilterResponseBody body =
                                connector.call("ListPartitionsByFilter", object, () -> connector
                                        .client()
                                        .listPartitionsByFilterWithOptions(
                                                new ListPartitionsByFilterRequest()
                                                        .setCatalogId(catalogId())
                                                        .setDatabaseName(db)
                                                        .setTableName(name)
                                                        .setFilter(filter)
                                                        .setIsShareSd(false)
                                                        .setPageSize(size)
                                                        .setNextPageToken(token),
                                                connector.headers(),
                                                connector.runtime())
                                        .getBody());
                        return new Paging.Page<>(
                                merge(body.getPartitions(), body.getPartitionSpecs(), db, name),
                                body.getNextPageToken());
                    }));
        }
        return Paging.stream(
                "ListPartitions " + object,
                token -> sized(PARTITION_PAGE_SIZE, size -> () -> {
                    // Partition pages are the bulk of a DLF read: their bodies are read without the SDK's map step.
                    Map<String, Object> request = new HashMap<>();
                    connector.catalogId().ifPresent(id -> request.put("CatalogId", id));
                    request.put("DatabaseName", db);
                    request.put("TableName", name);
                    request.put("IsShareSd", false);
                    request.put("PageSize", size);
                    if (token != null) {
                        request.put("NextPageToken", token);
                    }
                    ListPartitionsResponseBody body = connector.callRaw(
                            "ListPartitions",
                            object,
                            "POST",
                            "/api/metastore/catalogs/databases/tables/partitions/list",
                            request,
                            ListPartitionsResponseBody.class);
                    return new Paging.Page<>(
                            merge(body.getPartitions(), body.getPartitionSpecs(), db, name), body.getNextPageToken());
                }));
    }

    @Override
    public List<Partition> partitions(Table table, List<List<String>> values) {
        String db = table.databaseName();
        String name = table.name();
        String object = db + "." + name;
        List<Partition> out = new ArrayList<>();
        AdaptiveSize batchSize = connector.batchSize();
        for (int from = 0; from < values.size(); ) {
            int size = batchSize.atMost(BATCH_GET_SIZE);
            List<BatchGetPartitionsRequest.BatchGetPartitionsRequestPartitionValueList> chunk = new ArrayList<>();
            for (List<String> v : values.subList(from, Math.min(values.size(), from + size))) {
                chunk.add(new BatchGetPartitionsRequest.BatchGetPartitionsRequestPartitionValueList()
                        .setValues(new ArrayList<>(v)));
            }
            BatchGetPartitionsResponseBody body;
            try {
                body = retried(() -> connector.call("BatchGetPartitions", object, () -> connector
                        .client()
                        .batchGetPartitionsWithOptions(
                                new BatchGetPartitionsRequest()
                                        .setCatalogId(catalogId())
                                        .setDatabaseName(db)
                                        .setTableName(name)
                                        .setIsShareSd(false)
                                        .setPartitionValueList(chunk),
                                connector.headers(),
                                connector.runtime())
                        .getBody()));
            } catch (ConnectorException e) {
                if (batchSize.lowerAfter(e, chunk.size())) {
                    continue;
                }
                throw e;
            }
            out.addAll(merge(body.getPartitions(), body.getPartitionSpecs(), db, name));
            from += chunk.size();
        }
        return out;
    }

    /** Whole partitions plus those inside shared-descriptor specs, made whole again. */
    static List<Partition> merge(
            List<com.aliyun.datalake20200710.models.Partition> partitions,
            List<PartitionSpec> specs,
            String database,
            String table) {
        List<Partition> out = new ArrayList<>();
        if (partitions != null) {
            partitions.forEach(p -> out.add(DlfModelConverter.fromPartition(p, database, table)));
        }
        if (specs != null) {
            for (PartitionSpec spec : specs) {
                PartitionSpec.PartitionSpecSharedStorageDescriptor shared = spec.getSharedStorageDescriptor();
                String root = shared == null || shared.getLocation() == null ? "" : shared.getLocation();
                List<FieldSchema> cols = shared == null ? null : shared.getCols();
                if (spec.getSharedSDPartitions() == null) {
                    continue;
                }
                for (com.aliyun.datalake20200710.models.Partition p : spec.getSharedSDPartitions()) {
                    StorageDescriptor sd = p.getSd() == null ? new StorageDescriptor() : p.getSd();
                    sd.setLocation(root + (sd.getLocation() == null ? "" : sd.getLocation()));
                    if (sd.getCols() == null || sd.getCols().isEmpty()) {
                        sd.setCols(cols);
                    }
                    p.setSd(sd);
                    out.add(DlfModelConverter.fromPartition(p, database, table));
                }
            }
        }
        return out;
    }

    // ---- functions

    @Override
    public Stream<Function> functions(String database) {
        return Paging.stream(
                "ListFunctions " + database,
                token -> functionPage(() -> sized(OBJECT_PAGE_SIZE, size -> () -> {
                    ListFunctionsResponseBody body = connector.call("ListFunctions", database, () -> connector
                            .client()
                            .listFunctionsWithOptions(
                                    new ListFunctionsRequest()
                                            .setCatalogId(catalogId())
                                            .setDatabaseName(database)
                                            .setPageSize(size)
                                            .setNextPageToken(token),
                                    connector.headers(),
                                    connector.runtime())
                            .getBody());
                    return new Paging.Page<>(
                            map(body.getFunctions(), f -> DlfModelConverter.fromFunction(f, database)),
                            body.getNextPageToken());
                })));
    }

    private static <T> T functionPage(Supplier<T> page) {
        try {
            return page.get();
        } catch (ConnectorException e) {
            throw FunctionCalls.explain(e);
        }
    }

    @Override
    public Optional<Function> function(String database, String name) {
        return lookup(
                () -> connector
                        .call("GetFunction", database + "." + name, () -> connector
                                .client()
                                .getFunctionWithOptions(
                                        new GetFunctionRequest()
                                                .setCatalogId(catalogId())
                                                .setDatabaseName(database)
                                                .setFunctionName(name),
                                        connector.headers(),
                                        connector.runtime())
                                .getBody())
                        .getFunction(),
                f -> DlfModelConverter.fromFunction(f, database));
    }

    /** A lookup that may miss: NoSuchObject (or an empty answer) is {@code Optional.empty()}. */
    private <S, T> Optional<T> lookup(Supplier<S> call, java.util.function.Function<S, T> convert) {
        try {
            return Optional.ofNullable(retried(call)).map(convert);
        } catch (ConnectorException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static <A, B> List<B> map(List<A> items, java.util.function.Function<A, B> f) {
        List<B> out = new ArrayList<>();
        if (items != null) {
            items.forEach(i -> out.add(f.apply(i)));
        }
        return out;
    }

    @Override
    public void close() {
        // Nothing held: pages are fetched on demand by the streams.
    }
}
