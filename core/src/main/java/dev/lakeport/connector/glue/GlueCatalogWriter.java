package dev.lakeport.connector.glue;

import static java.util.Objects.requireNonNull;

import dev.lakeport.connector.AdaptiveBatches;
import dev.lakeport.connector.AdaptiveSize;
import dev.lakeport.connector.BatchResult;
import dev.lakeport.connector.CatalogWriter;
import dev.lakeport.connector.WriterLimits;
import dev.lakeport.model.Database;
import dev.lakeport.model.Function;
import dev.lakeport.model.ItemNames;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.BatchUpdatePartitionRequestEntry;
import software.amazon.awssdk.services.glue.model.ErrorDetail;
import software.amazon.awssdk.services.glue.model.PartitionValueList;

/**
 * Writes to a Glue Data Catalog with one call per method and no retries (the executor decides what to repeat). Batch
 * calls take at most the configured batch size (Glue's limits by default: create and update 100 partitions, delete
 * 25) and report Glue's per-entry errors as failures. A server that refuses a batch as too large gets it again in the
 * smaller chunks it names, one call each, for the rest of the connection's life.
 */
public final class GlueCatalogWriter implements CatalogWriter {
    public static final WriterLimits LIMITS = new WriterLimits(
            GlueConnectorConfig.MAX_BATCH, GlueConnectorConfig.MAX_BATCH, GlueConnectorConfig.MAX_DELETE_BATCH);

    private final GlueClient client;
    private final GlueConnectorConfig config;
    private final String endpoint;
    private final AdaptiveSize batchSize;
    private final WriterLimits limits;

    GlueCatalogWriter(GlueClient client, GlueConnectorConfig config, String endpoint, AdaptiveSize batchSize) {
        this.client = requireNonNull(client, "client is null");
        this.config = requireNonNull(config, "config is null");
        this.endpoint = requireNonNull(endpoint, "endpoint is null");
        this.batchSize = requireNonNull(batchSize, "batchSize is null");
        this.limits = limits(config);
    }

    /** The batch sizes a writer with {@code config} sends: the configured size within the API's limits. */
    static WriterLimits limits(GlueConnectorConfig config) {
        int batch = config.batchSize();
        return new WriterLimits(
                Math.min(batch, LIMITS.createPartitions()),
                Math.min(batch, LIMITS.updatePartitions()),
                Math.min(batch, LIMITS.deletePartitions()));
    }

    /** The configured batch sizes; the plan batches by them. */
    @Override
    public WriterLimits limits() {
        return limits;
    }

    @Override
    public void createDatabase(Database database) {
        requireNonNull(database, "database is null");
        call(
                "CreateDatabase",
                database.name(),
                () -> client.createDatabase(
                        b -> b.catalogId(catalogId()).databaseInput(GlueModelConverter.toDatabaseInput(database))));
    }

    @Override
    public void updateDatabase(Database database) {
        requireNonNull(database, "database is null");
        call(
                "UpdateDatabase",
                database.name(),
                () -> client.updateDatabase(b -> b.catalogId(catalogId())
                        .name(database.name())
                        .databaseInput(GlueModelConverter.toDatabaseInput(database))));
    }

    @Override
    public void deleteDatabase(String name) {
        requireNonNull(name, "name is null");
        call(
                "DeleteDatabase",
                name,
                () -> client.deleteDatabase(b -> b.catalogId(catalogId()).name(name)));
    }

    @Override
    public void createTable(Table table) {
        requireNonNull(table, "table is null");
        call(
                "CreateTable",
                table.key().itemName(),
                () -> client.createTable(b -> b.catalogId(catalogId())
                        .databaseName(table.databaseName())
                        .tableInput(GlueModelConverter.toTableInput(table))));
    }

    @Override
    public void updateTable(Table table) {
        requireNonNull(table, "table is null");
        call(
                "UpdateTable",
                table.key().itemName(),
                () -> client.updateTable(b -> b.catalogId(catalogId())
                        .databaseName(table.databaseName())
                        .tableInput(GlueModelConverter.toTableInput(table))));
    }

    @Override
    public void deleteTable(String database, String name) {
        requireNonNull(database, "database is null");
        requireNonNull(name, "name is null");
        call(
                "DeleteTable",
                database + "." + name,
                () -> client.deleteTable(
                        b -> b.catalogId(catalogId()).databaseName(database).name(name)));
    }

    @Override
    public BatchResult createPartitions(Table table, List<Partition> partitions) {
        checkBatch(table, partitions, limits.createPartitions(), "createPartitions");
        String object = table.key().itemName();
        return AdaptiveBatches.send(partitions, batchSize, LIMITS.createPartitions(), Partition::values, chunk -> {
            var response = call(
                    "BatchCreatePartition",
                    object,
                    () -> client.batchCreatePartition(b -> b.catalogId(catalogId())
                            .databaseName(table.databaseName())
                            .tableName(table.name())
                            .partitionInputList(chunk.stream()
                                    .map(GlueModelConverter::toPartitionInput)
                                    .toList())));
            return new BatchResult(response.errors().stream()
                    .map(e -> failure("BatchCreatePartition", table, e.partitionValues(), e.errorDetail()))
                    .toList());
        });
    }

    @Override
    public BatchResult updatePartitions(Table table, List<Partition> partitions) {
        checkBatch(table, partitions, limits.updatePartitions(), "updatePartitions");
        return AdaptiveBatches.send(partitions, batchSize, LIMITS.updatePartitions(), Partition::values, chunk -> {
            var response = call(
                    "BatchUpdatePartition",
                    table.key().itemName(),
                    () -> client.batchUpdatePartition(b -> b.catalogId(catalogId())
                            .databaseName(table.databaseName())
                            .tableName(table.name())
                            .entries(chunk.stream()
                                    .map(p -> BatchUpdatePartitionRequestEntry.builder()
                                            .partitionValueList(p.values())
                                            .partitionInput(GlueModelConverter.toPartitionInput(p))
                                            .build())
                                    .toList())));
            return new BatchResult(response.errors().stream()
                    .map(e -> failure("BatchUpdatePartition", table, e.partitionValueList(), e.errorDetail()))
                    .toList());
        });
    }

    @Override
    public BatchResult deletePartitions(Table table, List<List<String>> partitionValues) {
        checkBatch(table, partitionValues, limits.deletePartitions(), "deletePartitions");
        return AdaptiveBatches.send(partitionValues, batchSize, LIMITS.deletePartitions(), v -> v, chunk -> {
            var response = call(
                    "BatchDeletePartition",
                    table.key().itemName(),
                    () -> client.batchDeletePartition(b -> b.catalogId(catalogId())
                            .databaseName(table.databaseName())
                            .tableName(table.name())
                            .partitionsToDelete(chunk.stream()
                                    .map(v -> PartitionValueList.builder()
                                            .values(v)
                                            .build())
                                    .toList())));
            return new BatchResult(response.errors().stream()
                    .map(e -> failure("BatchDeletePartition", table, e.partitionValues(), e.errorDetail()))
                    .toList());
        });
    }

    @Override
    public void createFunction(Function function) {
        requireNonNull(function, "function is null");
        call(
                "CreateUserDefinedFunction",
                function.key().itemName(),
                () -> client.createUserDefinedFunction(b -> b.catalogId(catalogId())
                        .databaseName(function.databaseName())
                        .functionInput(GlueModelConverter.toFunctionInput(function))));
    }

    @Override
    public void updateFunction(Function function) {
        requireNonNull(function, "function is null");
        call(
                "UpdateUserDefinedFunction",
                function.key().itemName(),
                () -> client.updateUserDefinedFunction(b -> b.catalogId(catalogId())
                        .databaseName(function.databaseName())
                        .functionName(function.name())
                        .functionInput(GlueModelConverter.toFunctionInput(function))));
    }

    @Override
    public void deleteFunction(String database, String name) {
        requireNonNull(database, "database is null");
        requireNonNull(name, "name is null");
        call(
                "DeleteUserDefinedFunction",
                ObjectKey.function(database, name).itemName(),
                () -> client.deleteUserDefinedFunction(
                        b -> b.catalogId(catalogId()).databaseName(database).functionName(name)));
    }

    /** The client belongs to the {@link GlueConnector}; nothing to release here. */
    @Override
    public void close() {}

    private String catalogId() {
        return config.catalogId().orElse(null);
    }

    private <T> T call(String operation, String object, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw GlueErrors.map(operation, object, endpoint, e);
        }
    }

    private static BatchResult.Failure failure(String operation, Table table, List<String> values, ErrorDetail detail) {
        List<String> v = values == null ? List.of() : values;
        String object = v.isEmpty()
                ? table.key().itemName()
                : ObjectKey.partition(table.databaseName(), table.name(), v)
                        .itemName(ItemNames.partitionKeyNames(table));
        return new BatchResult.Failure(v, GlueErrors.fromErrorDetail(operation, object, detail));
    }

    private static void checkBatch(Table table, List<?> entries, int limit, String method) {
        requireNonNull(table, "table is null");
        requireNonNull(entries, "entries is null");
        if (entries.size() > limit) {
            throw new IllegalArgumentException(
                    method + " takes at most " + limit + " entries per call, got " + entries.size());
        }
    }
}
