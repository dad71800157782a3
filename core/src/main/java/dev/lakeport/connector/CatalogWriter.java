package dev.lakeport.connector;

import dev.lakeport.model.Database;
import dev.lakeport.model.Function;
import dev.lakeport.model.Partition;
import dev.lakeport.model.Table;
import java.util.List;

/**
 * Writes to a catalog, one call per method: no retries and no idempotency tricks here (the executor adds both), so
 * that "already exists" and "not found" reach the caller as {@link ErrorCode#ALREADY_EXISTS} and
 * {@link ErrorCode#NOT_FOUND}. Batch methods take at most {@link #limits()} entries and report per-entry failures in
 * the {@link BatchResult}; they throw only when the whole call failed.
 */
public interface CatalogWriter extends AutoCloseable {

    WriterLimits limits();

    void createDatabase(Database database);

    void updateDatabase(Database database);

    void deleteDatabase(String name);

    void createTable(Table table);

    void updateTable(Table table);

    void deleteTable(String database, String name);

    BatchResult createPartitions(Table table, List<Partition> partitions);

    BatchResult updatePartitions(Table table, List<Partition> partitions);

    BatchResult deletePartitions(Table table, List<List<String>> partitionValues);

    void createFunction(Function function);

    void updateFunction(Function function);

    void deleteFunction(String database, String name);

    @Override
    void close();
}
