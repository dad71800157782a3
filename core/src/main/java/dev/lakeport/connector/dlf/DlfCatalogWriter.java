package dev.lakeport.connector.dlf;

import static java.util.Objects.requireNonNull;

import com.aliyun.datalake20200710.models.BatchCreatePartitionsRequest;
import com.aliyun.datalake20200710.models.BatchDeletePartitionsRequest;
import com.aliyun.datalake20200710.models.BatchUpdatePartitionsRequest;
import com.aliyun.datalake20200710.models.CreateDatabaseRequest;
import com.aliyun.datalake20200710.models.CreateFunctionRequest;
import com.aliyun.datalake20200710.models.CreateTableRequest;
import com.aliyun.datalake20200710.models.DeleteDatabaseRequest;
import com.aliyun.datalake20200710.models.DeleteFunctionRequest;
import com.aliyun.datalake20200710.models.DeleteTableRequest;
import com.aliyun.datalake20200710.models.PartitionError;
import com.aliyun.datalake20200710.models.PartitionInput;
import com.aliyun.datalake20200710.models.UpdateDatabaseRequest;
import com.aliyun.datalake20200710.models.UpdateFunctionRequest;
import com.aliyun.datalake20200710.models.UpdateTableRequest;
import com.aliyun.tea.TeaModel;
import dev.lakeport.connector.AdaptiveBatches;
import dev.lakeport.connector.BatchResult;
import dev.lakeport.connector.CatalogWriter;
import dev.lakeport.connector.ConnectorException;
import dev.lakeport.connector.WriterLimits;
import dev.lakeport.model.Database;
import dev.lakeport.model.Function;
import dev.lakeport.model.ItemNames;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes to a DLF catalog, one SDK call per method and no retries (the executor decides). Batch calls report each
 * failed partition from the response's PartitionErrors; a call that failed as a whole (the table is missing, the
 * batch is too large, throttling) throws. A DLF that refuses a batch as too large gets it again in the smaller chunks
 * it names, one call each, for the rest of the connection's life. {@link Table#description()} is not written: DLF
 * has no such field and the mapping step has already moved it into Parameters.
 */
public final class DlfCatalogWriter implements CatalogWriter {
    /**
     * DLF's per-call partition limits are not published where they could be found; 100 per batch is assumed (Glue's
     * figure for create and update), matching the emulator.
     */
    public static final WriterLimits LIMITS =
            new WriterLimits(DlfConnectorConfig.MAX_BATCH, DlfConnectorConfig.MAX_BATCH, DlfConnectorConfig.MAX_BATCH);

    private final DlfConnector connector;
    private final WriterLimits limits;

    DlfCatalogWriter(DlfConnector connector) {
        this.connector = requireNonNull(connector, "connector is null");
        this.limits = limits(connector.config());
    }

    /** The batch limits a writer for {@code config} keeps to: {@code lakeport.dlf.batchSize} for every call. */
    public static WriterLimits limits(DlfConnectorConfig config) {
        int batch = config.batchSize();
        return new WriterLimits(batch, batch, batch);
    }

    private String catalogId() {
        return connector.catalogId().orElse(null);
    }

    @Override
    public WriterLimits limits() {
        return limits;
    }

    // ---- databases

    @Override
    public void createDatabase(Database database) {
        connector.call("CreateDatabase", database.name(), () -> connector
                .client()
                .createDatabaseWithOptions(
                        new CreateDatabaseRequest()
                                .setCatalogId(catalogId())
                                .setDatabaseInput(DlfModelConverter.toDatabaseInput(database)),
                        connector.headers(),
                        connector.runtime())
                .getBody());
    }

    @Override
    public void updateDatabase(Database database) {
        connector.call("UpdateDatabase", database.name(), () -> connector
                .client()
                .updateDatabaseWithOptions(
                        new UpdateDatabaseRequest()
                                .setCatalogId(catalogId())
                                .setName(database.name())
                                .setDatabaseInput(DlfModelConverter.toDatabaseInput(database)),
                        connector.headers(),
                        connector.runtime())
                .getBody());
    }

    /** Not cascading: the plan deletes tables and functions first, and a forgotten child must not vanish silently. */
    @Override
    public void deleteDatabase(String name) {
        connector.call("DeleteDatabase", name, () -> connector
                .client()
                .deleteDatabaseWithOptions(
                        new DeleteDatabaseRequest()
                                .setCatalogId(catalogId())
                                .setName(name)
                                .setCascade(false),
                        connector.headers(),
                        connector.runtime())
                .getBody());
    }

    // ---- tables

    @Override
    public void createTable(Table table) {
        connector.call("CreateTable", table.databaseName() + "." + table.name(), () -> connector
                .client()
                .createTableWithOptions(
                        new CreateTableRequest()
                                .setCatalogId(catalogId())
                                .setDatabaseName(table.databaseName())
                                .setTableInput(DlfModelConverter.toTableInput(table)),
                        connector.headers(),
                        connector.runtime())
                .getBody());
    }

    @Override
    public void updateTable(Table table) {
        connector.call("UpdateTable", table.databaseName() + "." + table.name(), () -> connector
                .client()
                .updateTableWithOptions(
                        new UpdateTableRequest()
                                .setCatalogId(catalogId())
                                .setDatabaseName(table.databaseName())
                                .setTableName(table.name())
                                .setIsAsync(false)
                                .setTableInput(DlfModelConverter.toTableInput(table)),
                        connector.headers(),
                        connector.runtime())
                .getBody());
    }

    @Override
    public void deleteTable(String database, String name) {
        connector.call("DeleteTable", database + "." + name, () -> connector
                .client()
                .deleteTableWithOptions(
                        new DeleteTableRequest()
                                .setCatalogId(catalogId())
                                .setDatabaseName(database)
                                .setTableName(name),
                        connector.headers(),
                        connector.runtime())
                .getBody());
    }

    // ---- partitions

    @Override
    public BatchResult createPartitions(Table table, List<Partition> partitions) {
        checkBatch("create", partitions.size(), limits.createPartitions());
        return AdaptiveBatches.send(
                partitions,
                connector.batchSize(),
                DlfConnectorConfig.MAX_BATCH,
                Partition::values,
                chunk -> create(table, chunk));
    }

    private BatchResult create(Table table, List<Partition> partitions) {
        List<PartitionInput> inputs = inputs(partitions);
        String object = table.databaseName() + "." + table.name();
        var body = connector.callUnchecked("BatchCreatePartitions", object, () -> connector
                .client()
                .batchCreatePartitionsWithOptions(
                        new BatchCreatePartitionsRequest()
                                .setCatalogId(catalogId())
                                .setDatabaseName(table.databaseName())
                                .setTableName(table.name())
                                .setIfNotExists(false)
                                .setNeedResult(false)
                                .setPartitionInputs(inputs),
                        connector.headers(),
                        connector.runtime())
                .getBody());
        return result("BatchCreatePartitions", table, body, body.getPartitionErrors());
    }

    @Override
    public BatchResult updatePartitions(Table table, List<Partition> partitions) {
        checkBatch("update", partitions.size(), limits.updatePartitions());
        return AdaptiveBatches.send(
                partitions,
                connector.batchSize(),
                DlfConnectorConfig.MAX_BATCH,
                Partition::values,
                chunk -> update(table, chunk));
    }

    private BatchResult update(Table table, List<Partition> partitions) {
        List<PartitionInput> inputs = inputs(partitions);
        String object = table.databaseName() + "." + table.name();
        var body = connector.callUnchecked("BatchUpdatePartitions", object, () -> connector
                .client()
                .batchUpdatePartitionsWithOptions(
                        new BatchUpdatePartitionsRequest()
                                .setCatalogId(catalogId())
                                .setDatabaseName(table.databaseName())
                                .setTableName(table.name())
                                .setPartitionInputs(inputs),
                        connector.headers(),
                        connector.runtime())
                .getBody());
        return result("BatchUpdatePartitions", table, body, body.getPartitionErrors());
    }

    @Override
    public BatchResult deletePartitions(Table table, List<List<String>> partitionValues) {
        checkBatch("delete", partitionValues.size(), limits.deletePartitions());
        return AdaptiveBatches.send(
                partitionValues,
                connector.batchSize(),
                DlfConnectorConfig.MAX_BATCH,
                v -> v,
                chunk -> delete(table, chunk));
    }

    private BatchResult delete(Table table, List<List<String>> partitionValues) {
        List<BatchDeletePartitionsRequest.BatchDeletePartitionsRequestPartitionValueList> values = new ArrayList<>();
        for (List<String> v : partitionValues) {
            values.add(new BatchDeletePartitionsRequest.BatchDeletePartitionsRequestPartitionValueList()
                    .setValues(new ArrayList<>(v)));
        }
        String object = table.databaseName() + "." + table.name();
        var body = connector.callUnchecked("BatchDeletePartitions", object, () -> connector
                .client()
                .batchDeletePartitionsWithOptions(
                        new BatchDeletePartitionsRequest()
                                .setCatalogId(catalogId())
                                .setDatabaseName(table.databaseName())
                                .setTableName(table.name())
                                .setIfExists(false)
                                .setPartitionValueList(values),
                        connector.headers(),
                        connector.runtime())
                .getBody());
        return result("BatchDeletePartitions", table, body, body.getPartitionErrors());
    }

    private static List<PartitionInput> inputs(List<Partition> partitions) {
        List<PartitionInput> inputs = new ArrayList<>();
        partitions.forEach(p -> inputs.add(DlfModelConverter.toPartitionInput(p)));
        return inputs;
    }

    private static void checkBatch(String what, int size, int limit) {
        if (size > limit) {
            throw new IllegalArgumentException(
                    "DLF takes at most " + limit + " partitions to " + what + " per call, got " + size);
        }
    }

    /**
     * Per-item errors become failures whatever the Success flag says; a failure without per-item errors is a failure
     * of the whole call.
     */
    private static BatchResult result(String operation, Table table, TeaModel body, List<PartitionError> errors) {
        String object = table.databaseName() + "." + table.name();
        List<BatchResult.Failure> failures = new ArrayList<>();
        if (errors != null) {
            for (PartitionError e : errors) {
                List<String> values = e.getPartitionValues() == null ? List.of() : e.getPartitionValues();
                String code =
                        e.getErrorDetail() == null ? null : e.getErrorDetail().getCode();
                String message =
                        e.getErrorDetail() == null ? null : e.getErrorDetail().getMessage();
                try {
                    // The partition as the result log names it: db.table/key=value/...
                    String partition = values.isEmpty()
                            ? object + " " + values
                            : ObjectKey.partition(table.databaseName(), table.name(), values)
                                    .itemName(ItemNames.partitionKeyNames(table));
                    DlfErrors.check(operation, partition, false, code, message);
                } catch (ConnectorException ce) {
                    failures.add(new BatchResult.Failure(values, ce));
                }
            }
        }
        if (failures.isEmpty()) {
            DlfConnector.Status status = DlfConnector.Status.of(body);
            DlfErrors.check(operation, object, status.success(), status.code(), status.message());
        }
        return new BatchResult(failures);
    }

    // ---- functions

    @Override
    public void createFunction(Function function) {
        connector.call("CreateFunction", function.databaseName() + "." + function.name(), () -> connector
                .client()
                .createFunctionWithOptions(
                        new CreateFunctionRequest()
                                .setCatalogId(catalogId())
                                .setDatabaseName(function.databaseName())
                                .setFunctionInput(DlfModelConverter.toFunctionInput(function)),
                        connector.headers(),
                        connector.runtime())
                .getBody());
    }

    @Override
    public void updateFunction(Function function) {
        connector.call("UpdateFunction", function.databaseName() + "." + function.name(), () -> connector
                .client()
                .updateFunctionWithOptions(
                        new UpdateFunctionRequest()
                                .setCatalogId(catalogId())
                                .setDatabaseName(function.databaseName())
                                .setFunctionName(function.name())
                                .setFunctionInput(DlfModelConverter.toFunctionInput(function)),
                        connector.headers(),
                        connector.runtime())
                .getBody());
    }

    @Override
    public void deleteFunction(String database, String name) {
        connector.call("DeleteFunction", database + "." + name, () -> connector
                .client()
                .deleteFunctionWithOptions(
                        new DeleteFunctionRequest()
                                .setCatalogId(catalogId())
                                .setDatabaseName(database)
                                .setFunctionName(name),
                        connector.headers(),
                        connector.runtime())
                .getBody());
    }

    @Override
    public void close() {
        // Nothing held per writer.
    }
}
