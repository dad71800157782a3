package dev.lakeport.connector.hive;

import static java.util.Objects.requireNonNull;

import dev.lakeport.connector.BatchResult;
import dev.lakeport.connector.CatalogWriter;
import dev.lakeport.connector.ConnectorException;
import dev.lakeport.connector.ErrorCode;
import dev.lakeport.connector.FunctionCalls;
import dev.lakeport.connector.WriterLimits;
import dev.lakeport.model.Database;
import dev.lakeport.model.Function;
import dev.lakeport.model.Partition;
import dev.lakeport.model.PartitionName;
import dev.lakeport.model.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.hive.metastore.api.DropPartitionsRequest;
import org.apache.hadoop.hive.metastore.api.EnvironmentContext;
import org.apache.hadoop.hive.metastore.api.RequestPartsSpec;

/**
 * Writes to a Hive Metastore, one Thrift call per method (the executor retries). Nothing here deletes data: databases,
 * tables and partitions are dropped with {@code deleteData=false} and databases without cascade, so a database that
 * still holds tables or functions is refused. Tables are created and altered with {@code DO_NOT_UPDATE_STATS}, so the
 * metastore keeps the statistics written instead of recomputing them from the files.
 *
 * <p>A function whose resource URIs change is dropped and created again: {@code alter_function} keeps the old
 * ones.
 *
 * <p>{@code add_partitions} has no environment context, so a metastore that gathers statistics itself
 * ({@code hive.stats.autogather}, on by default) adds {@code numFiles} and {@code totalSize} to partitions that come
 * without them.
 *
 * <p>{@code add_partitions} and {@code alter_partitions_with_environment_context} are all-or-nothing: when a batch fails, each entry is sent
 * on its own, so the result names the entries that failed and why and the rest are written. Partitions are dropped
 * with {@code drop_partitions_req} ({@code ifExists}, returning what it dropped), so the missing entries of a batch
 * are known from one call.
 */
public final class HiveCatalogWriter implements CatalogWriter {
    /** The metastore's key for "keep the statistics as given" (StatsSetupConst.DO_NOT_UPDATE_STATS). */
    static final String DO_NOT_UPDATE_STATS = "DO_NOT_UPDATE_STATS";

    private final HiveClientPool pool;
    private final HiveConnectorConfig config;

    HiveCatalogWriter(HiveClientPool pool, HiveConnectorConfig config) {
        this.pool = requireNonNull(pool, "pool is null");
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    public WriterLimits limits() {
        return new WriterLimits(config.batchSize(), config.batchSize(), config.batchSize());
    }

    @Override
    public void createDatabase(Database database) {
        requireNonNull(database, "database is null");
        pool.call("create_database", database.name(), c -> {
            c.create_database(HiveModelConverter.toThrift(database));
            return null;
        });
    }

    @Override
    public void updateDatabase(Database database) {
        requireNonNull(database, "database is null");
        pool.call("alter_database", database.name(), c -> {
            // alter_database keeps fields the model does not know (owner, managed location) only if they are sent
            org.apache.hadoop.hive.metastore.api.Database current = c.get_database(database.name());
            org.apache.hadoop.hive.metastore.api.Database changed = HiveModelConverter.toThrift(database);
            changed.setOwnerName(current.getOwnerName());
            changed.setOwnerType(current.getOwnerType());
            if (current.isSetManagedLocationUri()) {
                changed.setManagedLocationUri(current.getManagedLocationUri());
            }
            if (current.isSetCatalogName()) {
                changed.setCatalogName(current.getCatalogName());
            }
            c.alter_database(database.name(), changed);
            return null;
        });
    }

    @Override
    public void deleteDatabase(String name) {
        requireNonNull(name, "name is null");
        pool.call("drop_database", name, c -> {
            c.drop_database(name, false, false);
            return null;
        });
    }

    @Override
    public void createTable(Table table) {
        requireNonNull(table, "table is null");
        pool.call("create_table_with_environment_context", table.databaseName() + "." + table.name(), c -> {
            c.create_table_with_environment_context(HiveModelConverter.toThrift(table), keepStatistics());
            return null;
        });
    }

    @Override
    public void updateTable(Table table) {
        requireNonNull(table, "table is null");
        pool.call("alter_table_with_environment_context", table.databaseName() + "." + table.name(), c -> {
            c.alter_table_with_environment_context(
                    table.databaseName(), table.name(), HiveModelConverter.toThrift(table), keepStatistics());
            return null;
        });
    }

    @Override
    public void deleteTable(String database, String name) {
        requireNonNull(database, "database is null");
        requireNonNull(name, "name is null");
        pool.call("drop_table", database + "." + name, c -> {
            c.drop_table(database, name, false);
            return null;
        });
    }

    @Override
    public BatchResult createPartitions(Table table, List<Partition> partitions) {
        requireNonNull(table, "table is null");
        checkBatch(partitions.size(), "createPartitions");
        if (partitions.isEmpty()) {
            return BatchResult.OK;
        }
        String object = table.databaseName() + "." + table.name();
        try {
            pool.call("add_partitions", object + " (" + partitions.size() + " partitions)", c -> {
                List<org.apache.hadoop.hive.metastore.api.Partition> batch = new ArrayList<>(partitions.size());
                for (Partition p : partitions) {
                    batch.add(HiveModelConverter.toThrift(table, p));
                }
                return c.add_partitions(batch);
            });
            return BatchResult.OK;
        } catch (ConnectorException batchFailure) {
            if (partitions.size() == 1 || !perEntryMayHelp(batchFailure)) {
                return allFailed(partitions.stream().map(Partition::values).toList(), batchFailure);
            }
        }
        List<BatchResult.Failure> failures = new ArrayList<>();
        for (Partition p : partitions) {
            try {
                pool.call(
                        "add_partition",
                        object + " " + name(table, p.values()),
                        c -> c.add_partition(HiveModelConverter.toThrift(table, p)));
            } catch (ConnectorException e) {
                failures.add(new BatchResult.Failure(p.values(), e));
            }
        }
        return new BatchResult(failures);
    }

    @Override
    public BatchResult updatePartitions(Table table, List<Partition> partitions) {
        requireNonNull(table, "table is null");
        checkBatch(partitions.size(), "updatePartitions");
        if (partitions.isEmpty()) {
            return BatchResult.OK;
        }
        String db = table.databaseName();
        String tbl = table.name();
        try {
            pool.call(
                    "alter_partitions_with_environment_context",
                    db + "." + tbl + " (" + partitions.size() + " partitions)",
                    c -> {
                        List<org.apache.hadoop.hive.metastore.api.Partition> batch = new ArrayList<>(partitions.size());
                        for (Partition p : partitions) {
                            batch.add(HiveModelConverter.toThrift(table, p));
                        }
                        c.alter_partitions_with_environment_context(db, tbl, batch, keepStatistics());
                        return null;
                    });
            return BatchResult.OK;
        } catch (ConnectorException batchFailure) {
            if (partitions.size() == 1 || !perEntryMayHelp(batchFailure)) {
                return allFailed(partitions.stream().map(Partition::values).toList(), batchFailure);
            }
        }
        List<BatchResult.Failure> failures = new ArrayList<>();
        for (Partition p : partitions) {
            try {
                pool.call(
                        "alter_partition_with_environment_context",
                        db + "." + tbl + " " + name(table, p.values()),
                        c -> {
                            c.alter_partition_with_environment_context(
                                    db, tbl, HiveModelConverter.toThrift(table, p), keepStatistics());
                            return null;
                        });
            } catch (ConnectorException e) {
                failures.add(new BatchResult.Failure(p.values(), e));
            }
        }
        return new BatchResult(failures);
    }

    @Override
    public BatchResult deletePartitions(Table table, List<List<String>> partitionValues) {
        requireNonNull(table, "table is null");
        checkBatch(partitionValues.size(), "deletePartitions");
        if (partitionValues.isEmpty()) {
            return BatchResult.OK;
        }
        String db = table.databaseName();
        String tbl = table.name();
        List<String> names = new ArrayList<>(partitionValues.size());
        Map<String, List<String>> valuesByName = new HashMap<>();
        for (List<String> values : partitionValues) {
            String name = name(table, values);
            names.add(name);
            valuesByName.put(name, values);
        }
        List<org.apache.hadoop.hive.metastore.api.Partition> dropped;
        try {
            dropped = pool.call("drop_partitions_req", db + "." + tbl + " (" + names.size() + " partitions)", c -> {
                DropPartitionsRequest request =
                        new DropPartitionsRequest(db, tbl, RequestPartsSpec.names(new ArrayList<>(names)));
                request.setDeleteData(false);
                request.setIfExists(true);
                request.setNeedResult(true);
                List<org.apache.hadoop.hive.metastore.api.Partition> result =
                        c.drop_partitions_req(request).getPartitions();
                return result == null ? List.of() : result;
            });
        } catch (ConnectorException e) {
            return allFailed(partitionValues, e);
        }
        Set<String> droppedNames = new HashSet<>();
        for (org.apache.hadoop.hive.metastore.api.Partition p : dropped) {
            droppedNames.add(name(table, p.getValues()));
        }
        List<BatchResult.Failure> failures = new ArrayList<>();
        for (String name : names) {
            if (!droppedNames.contains(name)) {
                failures.add(new BatchResult.Failure(
                        valuesByName.get(name),
                        new ConnectorException(
                                ErrorCode.NOT_FOUND,
                                "NoSuchObjectException",
                                "Hive drop_partitions_req " + db + "." + tbl + " " + name
                                        + " failed: the partition does not exist",
                                null)));
            }
        }
        return new BatchResult(failures);
    }

    @Override
    public void createFunction(Function function) {
        requireNonNull(function, "function is null");
        functionCall(
                "create_function",
                function.databaseName() + "." + function.name(),
                () -> pool.call("create_function", function.databaseName() + "." + function.name(), c -> {
                    c.create_function(HiveModelConverter.toThrift(function));
                    return null;
                }));
    }

    @Override
    public void updateFunction(Function function) {
        requireNonNull(function, "function is null");
        functionCall(
                "alter_function",
                function.databaseName() + "." + function.name(),
                () -> pool.call("alter_function", function.databaseName() + "." + function.name(), c -> {
                    org.apache.hadoop.hive.metastore.api.Function changed = HiveModelConverter.toThrift(function);
                    org.apache.hadoop.hive.metastore.api.Function current =
                            c.get_function(function.databaseName(), function.name());
                    if (java.util.Objects.equals(current.getResourceUris(), changed.getResourceUris())) {
                        c.alter_function(function.databaseName(), function.name(), changed);
                    } else {
                        // alter_function keeps the old resource URIs (the metastore copies every field but
                        // those), so a function whose resources change is replaced
                        c.drop_function(function.databaseName(), function.name());
                        c.create_function(changed);
                    }
                    return null;
                }));
    }

    @Override
    public void deleteFunction(String database, String name) {
        requireNonNull(database, "database is null");
        requireNonNull(name, "name is null");
        functionCall(
                "drop_function",
                database + "." + name,
                () -> pool.call("drop_function", database + "." + name, c -> {
                    c.drop_function(database, name);
                    return null;
                }));
    }

    @Override
    public void close() {
        // the pool belongs to the connector
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private static void functionCall(String operation, String object, Runnable call) {
        try {
            call.run();
        } catch (ConnectorException e) {
            throw FunctionCalls.explain(e);
        }
    }

    private void checkBatch(int size, String method) {
        if (size > config.batchSize()) {
            throw new ConnectorException(
                    ErrorCode.INTERNAL,
                    method + " got " + size + " entries, more than the batch size " + config.batchSize()
                            + " (hive.batchSize)");
        }
    }

    /** Per-entry calls can tell entries apart only when the batch was refused for what it held. */
    private static boolean perEntryMayHelp(ConnectorException e) {
        return e.kind() == dev.lakeport.connector.ErrorKind.USER || e.code() == ErrorCode.REMOTE_REJECTED;
    }

    private static BatchResult allFailed(List<List<String>> values, ConnectorException e) {
        if (e.isTransient()) {
            // the whole call failed: let the executor retry it
            throw e;
        }
        return new BatchResult(
                values.stream().map(v -> new BatchResult.Failure(v, e)).toList());
    }

    private static String name(Table table, List<String> values) {
        return PartitionName.of(
                table.partitionKeys().stream()
                        .map(c -> c.name().toLowerCase(Locale.ROOT))
                        .toList(),
                values);
    }

    private static EnvironmentContext keepStatistics() {
        Map<String, String> properties = new HashMap<>();
        properties.put(DO_NOT_UPDATE_STATS, "true");
        return new EnvironmentContext(properties);
    }
}
